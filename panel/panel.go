package panel

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/dataset/cowstate"
	"github.com/entente/entente/dataset/nmc"
)

// Sources are the records a panel is built from. System is required; the
// others may be empty, which leaves their columns missing (NaN
// capabilities, no major powers, alliances unknown) rather than zero.
type Sources struct {
	System  []cowstate.StateYear // COW system membership (system2016)
	Majors  []cowstate.Major     // COW major-power spells (majors2016)
	NMC     []nmc.Record         // COW National Material Capabilities, 5.0 or 6.0
	Members []atop.Member        // ATOP member-level rows (atop5_1m)
	// ATOPLast is the last year of the ATOP coverage; 0 means
	// ATOPLastYear.
	ATOPLast int
	// CarryTo, when after the system's last year, extends the panel to
	// that year with the last year's members. This is an assumption the
	// caller makes, never a default: the COW v2016 files end in 2016
	// while ATOP 5.1 runs to 2018, and alliance-portfolio similarity
	// over 1816-2018 needs a state list for 2017 and 2018. Capabilities
	// and major-power status are not carried: NMC ends in 2016, so they
	// are missing (NaN, false) in the carried years.
	CarryTo int
}

// Panel holds dense per-year indexes of the state system, capabilities,
// major-power status and alliance obligations, from which state-year and
// dyad-year tables are streamed. It is immutable and safe for concurrent
// use once built.
type Panel struct {
	first, last  int
	years        []Year
	alliances    *Alliances
	capabilities *Capabilities
	majors       *Majors
}

// Link is one directed alliance tie in a year's row-sparse index: the
// row's state shares Shared alliances with state To (a dense index), owes
// it Owes and is owed OwedBy.
type Link struct {
	To           int32
	Shared       int16
	Owes, OwedBy atop.Obligation
}

// Year is one year of the panel: the system members (dense index = position
// in States, ascending COW codes), their capabilities and status, and the
// alliance ties among them. Its slices must not be modified.
type Year struct {
	Year   int
	States []int    // COW codes, ascending
	Abb    []string // COW abbreviations
	Major  []bool   // major-power status during the year
	// Caps holds the capability columns, Caps[CINC][i] for state i; NaN
	// where NMC codes a component missing (-9) or has no row.
	Caps [NumCaps][]float64
	// AlliancesKnown is false for a year outside the ATOP coverage, where
	// the alliance columns are unknown, not zero.
	AlliancesKnown bool
	// Carried is true for a year past the system data whose members were
	// carried forward from the last year (Sources.CarryTo).
	Carried bool

	start     []int32 // CSR offsets into links, n+1 of them
	links     []Link
	alliances []int16           // per state: distinct alliances it belonged to
	owes      []atop.Obligation // per state: obligations it undertook in any of them
	code      []int32           // COW code -> dense index, -1 when not a member
}

// N is the number of states in the year.
func (y *Year) N() int { return len(y.States) }

// Links returns the alliance ties of state i, sorted by partner.
func (y *Year) Links(i int) []Link { return y.links[y.start[i]:y.start[i+1]] }

// Index returns the dense index of a COW code in the year.
func (y *Year) Index(ccode int) (int, bool) {
	i := y.lookup(ccode)
	return int(i), i >= 0
}

// lookup returns the dense index of a COW code, or -1.
func (y *Year) lookup(ccode int) int32 {
	if ccode < 0 || ccode >= len(y.code) {
		return -1
	}
	return y.code[ccode]
}

// New builds the panel over the years of src.System.
func New(src Sources) (*Panel, error) {
	if len(src.System) == 0 {
		return nil, fmt.Errorf("panel: no COW system state-years")
	}
	p := &Panel{majors: NewMajors(src.Majors)}
	var err error
	if len(src.NMC) > 0 {
		if p.capabilities, err = NewCapabilities(src.NMC); err != nil {
			return nil, err
		}
	}
	if len(src.Members) > 0 {
		last := src.ATOPLast
		if last == 0 {
			last = ATOPLastYear
		}
		if p.alliances, err = NewAlliances(src.Members, last); err != nil {
			return nil, err
		}
	}
	byYear, err := systemByYear(src.System)
	if err != nil {
		return nil, err
	}
	lastSys := byYear[len(byYear)-1]
	p.first, p.last = byYear[0][0].Year, max(lastSys[0].Year, src.CarryTo)
	p.years = make([]Year, p.last-p.first+1)
	k := 0
	for y := p.first; y <= p.last; y++ {
		switch {
		case k < len(byYear) && byYear[k][0].Year == y:
			p.years[y-p.first] = p.buildYear(y, byYear[k])
			k++
		case y > lastSys[0].Year:
			p.years[y-p.first] = p.buildYear(y, lastSys)
			p.years[y-p.first].Carried = true
		default: // a gap in the system data: a year without members
			p.years[y-p.first] = p.buildYear(y, nil)
		}
	}
	return p, nil
}

// systemByYear groups state-years by year, each sorted by COW code; a
// duplicate state-year is an error.
func systemByYear(sy []cowstate.StateYear) ([][]cowstate.StateYear, error) {
	sorted := slices.Clone(sy)
	slices.SortFunc(sorted, func(a, b cowstate.StateYear) int {
		return cmp.Or(cmp.Compare(a.Year, b.Year), cmp.Compare(a.CCode, b.CCode))
	})
	var out [][]cowstate.StateYear
	for lo := 0; lo < len(sorted); {
		hi := lo + 1
		for hi < len(sorted) && sorted[hi].Year == sorted[lo].Year {
			if sorted[hi].CCode == sorted[hi-1].CCode {
				return nil, fmt.Errorf("panel: COW %d appears twice in the system in %d", sorted[hi].CCode, sorted[hi].Year)
			}
			hi++
		}
		out = append(out, sorted[lo:hi])
		lo = hi
	}
	for _, g := range out {
		if g[0].CCode < 0 || g[len(g)-1].CCode > maxCCode {
			return nil, fmt.Errorf("panel: a COW code in %d is outside 0-%d", g[0].Year, maxCCode)
		}
	}
	return out, nil
}

// buildYear indexes one year; sys holds its system members (nil for a
// year without any, inside the span).
func (p *Panel) buildYear(y int, sys []cowstate.StateYear) Year {
	n := len(sys)
	yr := Year{Year: y, States: make([]int, n), Abb: make([]string, n), Major: make([]bool, n),
		AlliancesKnown: p.alliances != nil && p.alliances.Covers(y), code: make([]int32, maxCCode+1)}
	for c := range yr.code {
		yr.code[c] = -1
	}
	for k := range yr.Caps {
		yr.Caps[k] = make([]float64, n)
	}
	for i, s := range sys {
		yr.States[i], yr.Abb[i], yr.Major[i] = s.CCode, s.Abb, p.majors.Is(s.CCode, y) && s.Year == y
		yr.code[s.CCode] = int32(i)
		caps, _ := p.capabilities.Get(s.CCode, y)
		for k := range caps {
			yr.Caps[k][i] = caps[k]
		}
	}
	p.indexLinks(&yr)
	p.indexMemberships(&yr)
	return yr
}

// indexLinks fills the year's row-sparse alliance ties among system
// members from the pairs of the alliance index.
func (p *Panel) indexLinks(yr *Year) {
	n := yr.N()
	yr.start = make([]int32, n+1)
	if !yr.AlliancesKnown {
		return
	}
	pairs := p.alliances.Pairs(yr.Year)
	for k := 0; k < len(pairs); {
		from, to := yr.lookup(pairs[k].From), yr.lookup(pairs[k].To)
		l := Link{To: to}
		m := k
		for ; m < len(pairs) && pairs[m].From == pairs[k].From && pairs[m].To == pairs[k].To; m++ {
			l.Shared++
			l.Owes |= pairs[m].Owes
			l.OwedBy |= pairs[m].OwedBy
		}
		k = m
		if from >= 0 && to >= 0 {
			yr.links = append(yr.links, l)
			yr.start[from+1]++
		}
	}
	for i := range n {
		yr.start[i+1] += yr.start[i]
	}
}

// indexMemberships counts each member's alliances and obligations in the
// year, whoever its partners are. A member of several phases of one
// alliance in the year is given the obligations of its latest phase, as
// ATOP's state-year file does.
func (p *Panel) indexMemberships(yr *Year) {
	n := yr.N()
	yr.alliances, yr.owes = make([]int16, n), make([]atop.Obligation, n)
	if !yr.AlliancesKnown {
		return
	}
	type held struct {
		state, atopid, phase int
		owes                 atop.Obligation
	}
	var hs []held
	for _, ph := range p.alliances.Phases(yr.Year) {
		for _, m := range ph.Members {
			if i := yr.lookup(m.CCode); i >= 0 {
				hs = append(hs, held{int(i), ph.ATOPID, ph.Phase, m.Owes})
			}
		}
	}
	slices.SortFunc(hs, func(a, b held) int {
		return cmp.Or(cmp.Compare(a.state, b.state), cmp.Compare(a.atopid, b.atopid), cmp.Compare(a.phase, b.phase))
	})
	for k := 0; k < len(hs); {
		m := k
		var owes atop.Obligation
		for ; m < len(hs) && hs[m].state == hs[k].state && hs[m].atopid == hs[k].atopid; m++ {
			if m > k && hs[m].phase != hs[m-1].phase {
				owes = 0 // a later phase replaces an earlier one
			}
			owes |= hs[m].owes
		}
		yr.alliances[hs[k].state]++
		yr.owes[hs[k].state] |= owes
		k = m
	}
}

// Span returns the first and last year of the panel.
func (p *Panel) Span() (first, last int) { return p.first, p.last }

// Year returns the index of year y.
func (p *Panel) Year(y int) (*Year, bool) {
	if y < p.first || y > p.last {
		return nil, false
	}
	return &p.years[y-p.first], true
}

// Alliances returns the alliance index the panel was built with, or nil.
func (p *Panel) Alliances() *Alliances { return p.alliances }

// Capabilities returns the capability index, or nil without NMC data.
func (p *Panel) Capabilities() *Capabilities { return p.capabilities }

// checkSpan resolves a year range (zeros mean the panel's span) and
// checks it lies inside the panel.
func (p *Panel) checkSpan(from, to int) (int, int, error) {
	if from == 0 {
		from = p.first
	}
	if to == 0 {
		to = p.last
	}
	if from > to || from < p.first || to > p.last {
		return 0, 0, fmt.Errorf("panel: years %d-%d are outside the panel's %d-%d", from, to, p.first, p.last)
	}
	return from, to, nil
}
