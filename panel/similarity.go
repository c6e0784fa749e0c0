package panel

import (
	"fmt"

	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/dataset/unvotes"
	"github.com/entente/entente/fpsim"
)

// Ties chooses which obligations make a state's alliance portfolio.
type Ties int

const (
	// OwnTies puts in row A of the portfolio matrix the obligations A
	// undertook toward each state (ATOP's directed reading): in alliance
	// 1060 France's portfolio ties it to Belgium by defense, Belgium's
	// has no tie to France.
	OwnTies Ties = iota
	// EitherTies uses the obligations either state undertook toward the
	// other, so the matrix is symmetric.
	EitherTies
)

// Level is the ordinal portfolio level of a set of ATOP obligations
// (fpsim.ATOPLevel): defense or offense 3, neutrality or non-aggression
// 2, consultation 1, none 0.
func Level(o atop.Obligation) int8 {
	return fpsim.ATOPLevel(o.Has(atop.Defense), o.Has(atop.Offense), o.Has(atop.Neutrality),
		o.Has(atop.NonAggression), o.Has(atop.Consultation))
}

// PortfolioLevels returns year y's n×n alliance-portfolio level matrix
// over its system members (row-major, the diagonal at fpsim.DefensePact as
// the standard convention has it) and their CINC scores as weights. It
// fails for a year outside the ATOP coverage.
func (y *Year) PortfolioLevels(ties Ties) (levels []int8, weights []float64, err error) {
	if !y.AlliancesKnown {
		return nil, nil, fmt.Errorf("panel: %d is outside the ATOP coverage; alliance portfolios are unknown", y.Year)
	}
	n := y.N()
	levels = fpsim.NewLevelMatrix(n, fpsim.DefensePact)
	for i := range n {
		for _, l := range y.Links(i) {
			o := l.Owes
			if ties == EitherTies {
				o |= l.OwedBy
			}
			levels[i*n+int(l.To)] = Level(o)
		}
	}
	return levels, y.Caps[CINC], nil
}

// Portfolio returns year y's alliance portfolios indexed for fpsim's
// all-dyads computation; fpsim's dense index i is the year's state i.
func (y *Year) Portfolio(ties Ties) (*fpsim.PortfolioYear, error) {
	levels, w, err := y.PortfolioLevels(ties)
	if err != nil {
		return nil, err
	}
	return fpsim.NewPortfolioYear(y.N(), levels, w, fpsim.DefensePact)
}

// VoteCodes returns the roll calls of year y that keep accepts (all when
// keep is nil) as a calls × countries matrix of fpsim vote codes, over
// the countries that cast at least one vote on them (their COW codes in
// ascending order). A cell the source has no row for (unvotes.Unrecorded:
// the unvotes tables drop absences and non-members) becomes
// fpsim.VoteAbsent, which drops out of the dyad's comparison.
func VoteCodes(m *unvotes.Matrix, y int, keep func(*unvotes.RollCall) bool) (codes []int8, calls int, countries []int) {
	lo, hi := m.YearRange(y)
	var rows []int
	for r := lo; r < hi; r++ {
		if keep == nil || keep(&m.RollCalls[r]) {
			rows = append(rows, r)
		}
	}
	var cols []int
	for c := range m.NumCountries() {
		v := m.Votes(c)
		for _, r := range rows {
			if v[r].Cast() {
				cols = append(cols, c)
				countries = append(countries, m.Countries[c])
				break
			}
		}
	}
	codes = make([]int8, len(rows)*len(cols))
	for k, c := range cols {
		v := m.Votes(c)
		for q, r := range rows {
			code := int8(v[r])
			if v[r] == unvotes.Unrecorded {
				code = fpsim.VoteAbsent
			}
			codes[q*len(cols)+k] = code
		}
	}
	return codes, len(rows), countries
}

// VoteYear packs year y's roll calls that keep accepts for fpsim's
// all-dyads computation; see VoteCodes. countries gives the COW code of
// each of the matrix's country indexes.
func VoteYear(m *unvotes.Matrix, y int, keep func(*unvotes.RollCall) bool) (vm *fpsim.VoteMatrix, countries []int, err error) {
	codes, calls, countries := VoteCodes(m, y, keep)
	vm, err = fpsim.NewVoteMatrix(calls, len(countries), codes)
	return vm, countries, err
}

// Important keeps the roll calls on the US State Department's list of
// important votes (flagged from 1983 in the unvotes data).
func Important(rc *unvotes.RollCall) bool { return rc.Important.Yes() }

// OnIssue returns a filter keeping the roll calls tagged with issue i.
func OnIssue(i unvotes.Issue) func(*unvotes.RollCall) bool {
	return func(rc *unvotes.RollCall) bool { return rc.Issues.Has(i) }
}

// Both keeps the roll calls both filters keep; a nil filter keeps all.
func Both(a, b func(*unvotes.RollCall) bool) func(*unvotes.RollCall) bool {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	}
	return func(rc *unvotes.RollCall) bool { return a(rc) && b(rc) }
}
