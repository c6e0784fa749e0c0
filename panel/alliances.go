package panel

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/dataset/atopindex"
)

// ATOPLastYear is the last year ATOP 5.1 covers (its codebook's coverage
// is 1815-2018). A membership whose exit is zero ("still a member at the
// end of the data") runs to the end of this year and never beyond: later
// years have no alliance information at all. The date conventions are
// package atopindex's (atopindex.Spell); the panels read a year as "at
// any time during the year" (atopindex.Index.DuringYear), the convention
// of ATOP's state-year file.
const ATOPLastYear = atopindex.LastYear

// maxCCode bounds the COW country codes the dense per-year indexes hold
// (the highest is 990, Samoa). ATOP's four-digit codes for polities
// outside the COW system are above it and never enter a panel.
const maxCCode = 999

// Membership is one state's presence in one alliance phase during one
// year: a row of the ATOP member file clipped to the year.
type Membership struct {
	CCode int             // COW country code (ATOP four-digit codes included)
	Owes  atop.Obligation // the obligations this member undertook in the phase
	// From and To are the first and last day of the membership within
	// the year, as yyyymmdd keys. Unknown months and days widen the
	// spell: an unknown entry day counts as the first of the month (or
	// year), an unknown exit day as the last.
	From, To int32
}

// PhaseYear is one alliance phase in one year with the members present at
// some time during it.
type PhaseYear struct {
	ATOPID, Phase int
	Members       []Membership
}

// Pair is one ordered pair of states sharing an alliance in a year: both
// were members of one of its phases at the same time during the year.
// Owes is what From undertook toward To in that alliance, OwedBy what To
// undertook toward From. When the alliance changed phase during the year
// and the two shared more than one phase, the latest shared phase gives
// the obligations, as ATOP's state-year file takes the phase in force at
// the end of the year.
type Pair struct {
	From, To int // COW codes
	ATOPID   int
	Phase    int // the phase the obligations come from (0: unphased)
	Owes     atop.Obligation
	OwedBy   atop.Obligation
}

// Alliances indexes the ATOP member file by year: for every year of the
// coverage, the alliance phases in force and the ordered pairs of states
// that share an alliance, with who owes what to whom.
//
// ATOP's member rows carry each member's own obligations, so a one-sided
// pledge shows as members of one phase with different obligations. For a
// directed pair (A, B) Owes is A's obligations in the alliances A and B
// share: France owes Belgium defense in alliance 1060 (1832-1833), while
// Belgium owes France nothing. A member whose obligations vary by partner
// (ATOP's obvary) is given its row's obligations toward every co-member;
// the member file does not say more.
type Alliances struct {
	first, last int
	phases      [][]PhaseYear // by year - first
	pairs       [][]Pair      // by year - first, sorted by From, To, ATOPID
}

// NewAlliances indexes the member rows of ATOP (atop5_1m) for the years
// from the earliest entry through last, the final year of the data's
// coverage (ATOPLastYear for ATOP 5.1). A row that ends after last, or
// not at all, is cut at the end of last.
func NewAlliances(members []atop.Member, last int) (*Alliances, error) {
	if len(members) == 0 {
		return nil, fmt.Errorf("panel: no ATOP member rows")
	}
	first := members[0].Entry.Year
	for i := range members {
		first = min(first, members[i].Entry.Year)
	}
	if first > last {
		return nil, fmt.Errorf("panel: ATOP rows start in %d, after the coverage end %d", first, last)
	}
	a := &Alliances{first: first, last: last, phases: make([][]PhaseYear, last-first+1)}
	groups := groupPhases(members)
	for _, g := range groups {
		a.addPhase(g, last)
	}
	a.pairs = make([][]Pair, len(a.phases))
	for i := range a.phases {
		a.pairs[i] = expandPairs(a.phases[i])
	}
	return a, nil
}

// groupPhases splits member rows into alliance phases, ordered by ATOP id
// and phase.
func groupPhases(members []atop.Member) [][]atop.Member {
	sorted := slices.Clone(members)
	slices.SortStableFunc(sorted, func(x, y atop.Member) int {
		return cmp.Or(cmp.Compare(x.ATOPID, y.ATOPID), cmp.Compare(x.Phase, y.Phase))
	})
	var groups [][]atop.Member
	for lo := 0; lo < len(sorted); {
		hi := lo + 1
		for hi < len(sorted) && sorted[hi].ATOPID == sorted[lo].ATOPID && sorted[hi].Phase == sorted[lo].Phase {
			hi++
		}
		groups = append(groups, sorted[lo:hi])
		lo = hi
	}
	return groups
}

// addPhase records one phase's members in every year they cover.
func (a *Alliances) addPhase(rows []atop.Member, last int) {
	byYear := map[int][]Membership{}
	for _, m := range rows {
		f, t := atopindex.Spell(&m, last)
		from, to := int32(f), int32(t)
		if to < from {
			continue
		}
		for y := int(from / 10000); y <= int(to/10000); y++ {
			lo, hi := max(from, int32(y)*10000+101), min(to, int32(y)*10000+1231)
			byYear[y] = append(byYear[y], Membership{CCode: m.Member, Owes: m.Obligations, From: lo, To: hi})
		}
	}
	for y, ms := range byYear {
		slices.SortStableFunc(ms, func(x, y Membership) int { return cmp.Compare(x.CCode, y.CCode) })
		a.phases[y-a.first] = append(a.phases[y-a.first], PhaseYear{ATOPID: rows[0].ATOPID, Phase: rows[0].Phase, Members: ms})
	}
}

// expandPairs lists every ordered pair of states present in one phase at
// the same time during the year, merged by alliance.
func expandPairs(phases []PhaseYear) []Pair {
	var out []Pair
	for _, ph := range phases {
		for _, x := range ph.Members {
			for _, y := range ph.Members {
				if x.CCode == y.CCode || max(x.From, y.From) > min(x.To, y.To) {
					continue
				}
				out = append(out, Pair{From: x.CCode, To: y.CCode, ATOPID: ph.ATOPID, Phase: ph.Phase, Owes: x.Owes, OwedBy: y.Owes})
			}
		}
	}
	slices.SortFunc(out, comparePairs)
	merged := out[:0]
	for _, p := range out {
		switch n := len(merged); {
		case n > 0 && samePair(merged[n-1], p) && merged[n-1].Phase == p.Phase:
			// Two spells in one phase (a member that left and came back).
			merged[n-1].Owes |= p.Owes
			merged[n-1].OwedBy |= p.OwedBy
		case n > 0 && samePair(merged[n-1], p):
			merged[n-1] = p // a later phase
		default:
			merged = append(merged, p)
		}
	}
	return slices.Clip(merged)
}

func comparePairs(x, y Pair) int {
	return cmp.Or(cmp.Compare(x.From, y.From), cmp.Compare(x.To, y.To), cmp.Compare(x.ATOPID, y.ATOPID), cmp.Compare(x.Phase, y.Phase))
}

func samePair(x, y Pair) bool { return x.From == y.From && x.To == y.To && x.ATOPID == y.ATOPID }

// Span returns the first and last year of the index's coverage.
func (a *Alliances) Span() (first, last int) { return a.first, a.last }

// Covers reports whether year y is inside the coverage. Outside it
// nothing is known about alliances: it is not a year without alliances.
func (a *Alliances) Covers(y int) bool { return y >= a.first && y <= a.last }

// Phases returns the alliance phases in force during year y, each with
// the members present at some time in the year (nil outside the
// coverage). The slices must not be modified.
func (a *Alliances) Phases(y int) []PhaseYear {
	if !a.Covers(y) {
		return nil
	}
	return a.phases[y-a.first]
}

// Pairs returns the ordered pairs of states sharing an alliance in year y,
// one per pair and alliance, sorted by From, To and ATOPID (nil outside
// the coverage). Both directions of every pair are present. The slice must
// not be modified.
func (a *Alliances) Pairs(y int) []Pair {
	if !a.Covers(y) {
		return nil
	}
	return a.pairs[y-a.first]
}

// From returns the pairs of year y whose From is ccode, sorted by To and
// ATOPID.
func (a *Alliances) From(y, ccode int) []Pair {
	ps := a.Pairs(y)
	lo, _ := slices.BinarySearchFunc(ps, ccode, func(p Pair, c int) int { return cmp.Compare(p.From, c) })
	hi := lo
	for hi < len(ps) && ps[hi].From == ccode {
		hi++
	}
	return ps[lo:hi]
}

// Dyad returns what a owes b and b owes a in year y, merged over every
// alliance they share, and the number of those alliances. ok is false
// outside the coverage.
func (a *Alliances) Dyad(y, from, to int) (owes, owedBy atop.Obligation, shared int, ok bool) {
	if !a.Covers(y) {
		return 0, 0, 0, false
	}
	for _, p := range a.From(y, from) {
		if p.To == to {
			owes |= p.Owes
			owedBy |= p.OwedBy
			shared++
		}
	}
	return owes, owedBy, shared, true
}
