package reliability

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/dataset/atopindex"
	"github.com/entente/entente/dataset/peacesciencer"
	"github.com/entente/entente/internal/stats"
)

// Participant is one state's part in a conflict.
type Participant struct {
	State     int  // COW code
	Side      int  // 1 or 2 (for MIDs: 1 = side A, the initiating side)
	Entry     int  // first year the state appears in the conflict
	Initiator bool // COW war initiator; for MIDs, on side A
}

// Conflict is a war or dispute with its participants, keyed by state.
type Conflict struct {
	ID    int // COW war number or MID dispute number
	Start int // first year of the conflict
	Parts map[int]Participant
}

// AttackerSide is the side of the conflict's initiators, 0 when no state or
// states on both sides are coded initiators (then who was attacked is
// unknown and no defence or offence pledge is taken as invoked).
func (c *Conflict) AttackerSide() int {
	side := 0
	for _, p := range c.Parts {
		if !p.Initiator {
			continue
		}
		if side != 0 && side != p.Side {
			return 0
		}
		side = p.Side
	}
	return side
}

// opponents returns the states on the other side from side, sorted.
func (c *Conflict) opponents(side int) []int {
	var out []int
	for s, p := range c.Parts {
		if p.Side != side {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return out
}

// WarsFromDyads groups COW Inter-State War directed dyad-years
// (peacesciencer's cow_war_inter.csv) into wars. A state's entry is its first
// year at war in the war, its side and initiator flag those of its rows.
func WarsFromDyads(rows []peacesciencer.War) []Conflict {
	byID := map[int]*Conflict{}
	for _, r := range rows {
		c := byID[r.WarNum]
		if c == nil {
			c = &Conflict{ID: r.WarNum, Start: r.Year, Parts: map[int]Participant{}}
			byID[r.WarNum] = c
		}
		c.Start = min(c.Start, r.Year)
		add(c, Participant{State: r.CCode1, Side: r.Side1, Entry: r.Year, Initiator: r.Initiator1})
		add(c, Participant{State: r.CCode2, Side: r.Side2, Entry: r.Year, Initiator: r.Initiator2})
	}
	return sorted(byID)
}

// MIDsFromDyads groups COW-MID (or GML) directed dispute dyad-years into
// disputes: side 1 is side A (the side that took the first militarised
// action), so every side-A state counts as an initiator. The file keeps one
// dispute per dyad-year (peacesciencer's de-duplication), so a state's part
// in a second dispute with the same opponent in one year is missing.
func MIDsFromDyads(rows []peacesciencer.MID) []Conflict {
	byID := map[int]*Conflict{}
	side := func(a bool) int {
		if a {
			return 1
		}
		return 2
	}
	for _, r := range rows {
		c := byID[r.DispNum]
		if c == nil {
			c = &Conflict{ID: r.DispNum, Start: r.Year, Parts: map[int]Participant{}}
			byID[r.DispNum] = c
		}
		c.Start = min(c.Start, r.Year)
		add(c, Participant{State: r.CCode1, Side: side(r.SideA1), Entry: r.Year, Initiator: r.SideA1})
		add(c, Participant{State: r.CCode2, Side: side(r.SideA2), Entry: r.Year, Initiator: r.SideA2})
	}
	return sorted(byID)
}

func add(c *Conflict, p Participant) {
	if q, ok := c.Parts[p.State]; ok {
		p.Entry = min(p.Entry, q.Entry)
		p.Initiator = p.Initiator || q.Initiator
		p.Side = q.Side // a state keeps the side of its first row (COW codes no side changes within a war row set)
	}
	c.Parts[p.State] = p
}

func sorted(byID map[int]*Conflict) []Conflict {
	out := make([]Conflict, 0, len(byID))
	for _, c := range byID {
		out = append(out, *c)
	}
	slices.SortFunc(out, func(a, b Conflict) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// Case is one alliance commitment put to the test: ally Ally of alliance
// ATOPID owed something to one or more Partners in conflict Conflict, and the
// conditions for invoking it (as far as the data tell) arose.
type Case struct {
	Conflict int
	ATOPID   int
	Ally     int   // the obliged state
	Partners []int // the co-members for whom the obligation was invoked
	Year     int   // the earliest entry year of an invoking partner: the year the casus foederis arose
	Invoked  atop.Obligation
	Join     bool // a defence or offence pledge was invoked: honouring means fighting on the partner's side
	Honoured bool
	// Unchecked is true when one of the pledge's conditions is one the
	// data cannot test (location, a demand, the number of attackers, an
	// adversary that is not a named state, the specific conflict), so the
	// pledge was taken as invoked.
	Unchecked bool
}

// key of a member row.
type rowKey struct{ atopid, phase, ccode int }

// Cases finds every invoked commitment in conflicts. members are ATOP
// member rows (atop5_1m) indexed with atopindex's date conventions; an
// alliance counts when both members' spells overlap the partner's entry
// year and it was not formed during that same war (ATOP cowwar). Only the
// named-adversary condition is checked; every other condition is assumed
// met (CasesWith checks more).
func Cases(members []atop.Member, conflicts []Conflict) ([]Case, error) {
	return CasesWith(members, conflicts, Conditions{})
}

// Conditions says which of a pledge's conditions CasesWith checks against
// the data rather than assuming them met, as Leeds, Long and Mitchell
// (2000) judged invocation by each treaty's own conditions. The zero value
// checks only named adversaries (ATOP statthr1/2), as Cases does.
type Conditions struct {
	// Contiguity, when not nil, checks conditions on the location of the
	// conflict (defcoloc, offcoloc, neucoloc): met when one of the
	// partner's opponents is directly contiguous to the partner (COW
	// direct contiguity types 1-4: land, or at most 150 miles of water)
	// in the partner's entry year, so that the fighting can reach the
	// partner's own territory or region. ATOP flags a location condition
	// without saying which location; most such pledges cover an attack on
	// a member's territory in Europe or a named region.
	Contiguity []peacesciencer.Contiguity
	// Attack checks neutrality pledges conditional on the partner being
	// attacked (neucoatt) or not having provoked the conflict (neuconpr):
	// met when the partner is on the side opposite the initiators.
	// Defence pledges are always read this way (defconpr included).
	Attack bool
	// Number checks conditions on the number of attackers (defconum,
	// offconum, neuconum): met when the partner faces two or more
	// opponents, the usual wording ("attacked by two or more Powers").
	Number bool
}

// CasesWith is Cases with the conditions cond checks. A pledge whose
// checked condition is not met is not invoked; one whose condition could
// not be checked (the specific conflict, demands, an adversary limit
// without a named state, and any condition cond leaves out) is taken as
// invoked and its case flagged Unchecked.
func CasesWith(members []atop.Member, conflicts []Conflict, cond Conditions) ([]Case, error) {
	contig := contiguity(cond.Contiguity)
	ix, err := atopindex.New(members, atopindex.LastYear)
	if err != nil {
		return nil, err
	}
	rows := map[rowKey]*atop.Member{}
	for i := range members {
		m := &members[i]
		k := rowKey{m.ATOPID, m.Phase, m.Member}
		if _, ok := rows[k]; !ok {
			rows[k] = m
		}
	}
	type phaseKey struct{ atopid, phase int }
	byYear := map[int]map[phaseKey][]atopindex.Membership{}
	phasesIn := func(y int) map[phaseKey][]atopindex.Membership {
		if g, ok := byYear[y]; ok {
			return g
		}
		g := map[phaseKey][]atopindex.Membership{}
		for _, m := range ix.Members(atopindex.YearStart(y), atopindex.YearEnd(y)) {
			k := phaseKey{m.ATOPID, m.Phase}
			g[k] = append(g[k], m)
		}
		byYear[y] = g
		return g
	}
	type caseKey struct{ conflict, atopid, ally int }
	acc := map[caseKey]*Case{}
	for ci := range conflicts {
		c := &conflicts[ci]
		attacker := c.AttackerSide()
		states := make([]int, 0, len(c.Parts))
		for s := range c.Parts {
			states = append(states, s)
		}
		slices.Sort(states)
		for _, a := range states {
			pa := c.Parts[a]
			y := pa.Entry
			if !ix.Covers(y) {
				continue
			}
			opp := c.opponents(pa.Side)
			for pk, ms := range phasesIn(y) {
				ia := slices.IndexFunc(ms, func(m atopindex.Membership) bool { return m.CCode == a })
				if ia < 0 {
					continue
				}
				ma := ms[ia]
				if r := rows[rowKey{pk.atopid, pk.phase, a}]; r != nil && r.COWWar == c.ID && r.COWWar != 0 {
					continue // formed during this war: a wartime coalition, not a prior commitment
				}
				for _, mb := range ms {
					if mb.CCode == a || !mb.COWSys || max(ma.From, mb.From) > min(ma.To, mb.To) {
						continue
					}
					rb := rows[rowKey{pk.atopid, pk.phase, mb.CCode}]
					inv, join, unchecked := invoked(rb, mb.Owes, pa, attacker, opp, cond, contig)
					if inv == 0 {
						continue
					}
					pb, inB := c.Parts[mb.CCode]
					ok := true
					if join {
						ok = inB && pb.Side == pa.Side
					} else if inB && pb.Side != pa.Side {
						ok = false
					}
					k := caseKey{c.ID, pk.atopid, mb.CCode}
					cs := acc[k]
					if cs == nil {
						cs = &Case{Conflict: c.ID, ATOPID: pk.atopid, Ally: mb.CCode, Year: y, Honoured: true}
						acc[k] = cs
					}
					if !slices.Contains(cs.Partners, a) {
						cs.Partners = append(cs.Partners, a)
					}
					cs.Year = min(cs.Year, y)
					cs.Invoked |= inv
					cs.Join = cs.Join || join
					cs.Honoured = cs.Honoured && ok
					cs.Unchecked = cs.Unchecked || unchecked
				}
			}
		}
	}
	out := make([]Case, 0, len(acc))
	for _, cs := range acc {
		slices.Sort(cs.Partners)
		out = append(out, *cs)
	}
	slices.SortFunc(out, func(x, y Case) int {
		return cmp.Or(cmp.Compare(x.Conflict, y.Conflict), cmp.Compare(x.ATOPID, y.ATOPID), cmp.Compare(x.Ally, y.Ally))
	})
	return out, nil
}

// invoked returns which of the obligations owes (ally B's own, from its
// member row rb) the conflict invokes toward partner pa, whether one of them
// is a pledge to fight, and whether a condition had to be assumed met.
//
//   - defence: pa is on the side opposite the initiators (it was attacked),
//     and, for a pledge limited to named adversaries (defcoadv with
//     statthr1/2), one of pa's opponents is named;
//   - offence: pa is on the initiators' side, with the same adversary test
//     (offcoadv);
//   - neutrality and non-aggression: pa is at war (neucoadv as above);
//   - consultation alone is never counted: its fulfilment is not observable.
func invoked(rb *atop.Member, owes atop.Obligation, pa Participant, attacker int, opp []int, cond Conditions, contig contiguous) (inv atop.Obligation, join, unchecked bool) {
	var threats []int
	if rb != nil {
		for _, v := range []atop.Var{atop.StatThr1, atop.StatThr2} {
			if s, ok := rb.Provisions.Get(v); ok && s > 0 {
				threats = append(threats, s)
			}
		}
	}
	flag := func(v atop.Var) bool {
		if rb == nil {
			return false
		}
		x, ok := rb.Provisions.Get(v)
		return ok && x == 1
	}
	// adversary applies a named-adversary condition: false when the
	// condition excludes every opponent.
	adversary := func(v atop.Var) bool {
		if !flag(v) {
			return true
		}
		if len(threats) == 0 {
			unchecked = true
			return true
		}
		for _, s := range opp {
			if slices.Contains(threats, s) {
				return true
			}
		}
		return false
	}
	uncheck := func(vs ...atop.Var) {
		for _, v := range vs {
			if flag(v) {
				unchecked = true
			}
		}
	}
	// met applies the checkable conditions loc (location), num (number of
	// attackers) and att (attacked or not provoking); the ones cond leaves
	// unchecked flag the case only when the pledge is invoked.
	attacked := attacker != 0 && pa.Side != attacker
	met := func(loc, num atop.Var, att ...atop.Var) bool {
		ok, assumed := true, false
		if flag(loc) {
			if contig == nil {
				assumed = true
			} else {
				ok = ok && contig.any(pa.State, opp, pa.Entry)
			}
		}
		if flag(num) {
			if !cond.Number {
				assumed = true
			} else {
				ok = ok && len(opp) >= 2
			}
		}
		for _, v := range att {
			if flag(v) {
				if !cond.Attack {
					assumed = true
				} else {
					ok = ok && attacked
				}
			}
		}
		unchecked = unchecked || (ok && assumed)
		return ok
	}
	if owes.Has(atop.Defense) && attacked && adversary(atop.DefCoAdv) && met(atop.DefCoLoc, atop.DefCoNum) {
		inv |= atop.Defense
		join = true
		uncheck(atop.DefCoCon, atop.DefCoDem)
	}
	if owes.Has(atop.Offense) && attacker != 0 && pa.Side == attacker && adversary(atop.OffCoAdv) && met(atop.OffCoLoc, atop.OffCoNum) {
		inv |= atop.Offense
		join = true
		uncheck(atop.OffCoCon, atop.OffCoDem)
	}
	if owes.Has(atop.Neutrality) && adversary(atop.NeuCoAdv) && met(atop.NeuCoLoc, atop.NeuCoNum, atop.NeuCoAtt, atop.NeuCoNPr) {
		inv |= atop.Neutrality
		uncheck(atop.NeuCoCon, atop.NeuCoDem)
	}
	if owes.Has(atop.NonAggression) {
		inv |= atop.NonAggression
	}
	return inv, join, unchecked
}

// contiguous holds COW direct contiguity (types 1-4) spells by pair.
type contiguous map[[2]int][][2]int

// contiguity indexes rows of types 1-4; nil without rows.
func contiguity(rows []peacesciencer.Contiguity) contiguous {
	if rows == nil {
		return nil
	}
	c := contiguous{}
	for _, r := range rows {
		if r.Type >= 1 && r.Type <= 4 {
			k := [2]int{r.CCode1, r.CCode2}
			c[k] = append(c[k], [2]int{r.Start.Year, r.End.Year})
		}
	}
	return c
}

// any reports whether a is contiguous to one of opp in year y.
func (c contiguous) any(a int, opp []int, y int) bool {
	for _, b := range opp {
		for _, sp := range c[[2]int{a, b}] {
			if sp[0] <= y && y <= sp[1] {
				return true
			}
		}
	}
	return false
}

// Estimate is the share of commitments honoured among the cases of a
// period, with a percentile bootstrap interval that resamples conflicts
// (cases of one war are not independent: World War II alone holds many).
type Estimate struct {
	From, To  int // the years of the casus foederis, inclusive
	Cases     int
	Honoured  int
	Conflicts int // distinct conflicts among the cases
	Share     float64
	CI        stats.Interval // 95% percentile interval, conflicts resampled
}

func (e Estimate) String() string {
	return fmt.Sprintf("%d-%d: %d/%d honoured = %.3f [%.3f, %.3f] (%d conflicts)",
		e.From, e.To, e.Honoured, e.Cases, e.Share, e.CI.Lo, e.CI.Hi, e.Conflicts)
}

// Filter returns the cases whose year is in [from, to] and for which keep
// (nil keeps all) is true.
func Filter(cases []Case, from, to int, keep func(Case) bool) []Case {
	var out []Case
	for _, c := range cases {
		if c.Year >= from && c.Year <= to && (keep == nil || keep(c)) {
			out = append(out, c)
		}
	}
	return out
}

// Share estimates the honoured share of the cases in [from, to] (filtered by
// keep), with B bootstrap replicates drawn from seed.
func Share(cases []Case, from, to int, keep func(Case) bool, seed uint64, B int) Estimate {
	sub := Filter(cases, from, to, keep)
	e := Estimate{From: from, To: to, Cases: len(sub), Share: math.NaN(), CI: stats.Interval{Lo: math.NaN(), Hi: math.NaN()}}
	if len(sub) == 0 {
		return e
	}
	ids := make([]int, len(sub))
	for i, c := range sub {
		ids[i] = c.Conflict
		if c.Honoured {
			e.Honoured++
		}
	}
	e.Share = float64(e.Honoured) / float64(len(sub))
	cl, k := stats.Clusters(ids)
	e.Conflicts = k
	// per-cluster totals
	n := make([]float64, k)
	h := make([]float64, k)
	for i, c := range sub {
		n[cl[i]]++
		if c.Honoured {
			h[cl[i]]++
		}
	}
	distinct := make([]int32, k)
	for i := range distinct {
		distinct[i] = int32(i)
	}
	w := make([]float64, k)
	reps := make([]float64, B)
	for b := range B {
		stats.Resample(seed, b, distinct, w)
		var num, den float64
		for j := range k {
			num += w[j] * h[j]
			den += w[j] * n[j]
		}
		reps[b] = num / den
	}
	e.CI = stats.Percentile95(reps)
	return e
}

// PerAlliance collapses cases to one per conflict and alliance, the unit
// of a robustness check against the weight of large multilateral
// treaties: the alliance honours its commitment in a conflict when every
// obliged member whose pledge was invoked honoured it. Ally is 0; Partners,
// Invoked, Join and Unchecked are merged and Year is the earliest.
func PerAlliance(cases []Case) []Case {
	type key struct{ conflict, atopid int }
	acc := map[key]*Case{}
	var order []key
	for _, c := range cases {
		k := key{c.Conflict, c.ATOPID}
		a := acc[k]
		if a == nil {
			a = &Case{Conflict: c.Conflict, ATOPID: c.ATOPID, Year: c.Year, Honoured: true}
			acc[k] = a
			order = append(order, k)
		}
		for _, p := range c.Partners {
			if !slices.Contains(a.Partners, p) {
				a.Partners = append(a.Partners, p)
			}
		}
		a.Year = min(a.Year, c.Year)
		a.Invoked |= c.Invoked
		a.Join = a.Join || c.Join
		a.Unchecked = a.Unchecked || c.Unchecked
		a.Honoured = a.Honoured && c.Honoured
	}
	slices.SortFunc(order, func(x, y key) int {
		return cmp.Or(cmp.Compare(x.conflict, y.conflict), cmp.Compare(x.atopid, y.atopid))
	})
	out := make([]Case, len(order))
	for i, k := range order {
		slices.Sort(acc[k].Partners)
		out[i] = *acc[k]
	}
	return out
}
