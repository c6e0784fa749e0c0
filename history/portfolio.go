package history

import (
	"fmt"
	"math"
	"slices"

	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/dataset/atopindex"
	"github.com/entente/entente/dataset/cowstate"
	"github.com/entente/entente/fpsim"
)

// PortfolioYear is one year's alliance portfolios of every state, built
// from ATOP, for the Signorino–Ritter S of member pairs.
type PortfolioYear struct {
	Year  int
	p     *fpsim.PortfolioYear
	index map[int]int
}

// NewPortfolioYear builds the portfolios of year over states (COW codes):
// state i's tie to state k is the strongest obligation i undertook in an
// alliance of which both were members on 31 December of the year (the
// atopindex default reading of a year, Index.InYear) on the ordinal scale
// fpsim.ATOPLevel: defense or offense 3, neutrality or non-aggression 2,
// consultation 1, none 0; each state's tie to itself is the highest level.
// ATOP member rows carry each member's own obligations, so ties may be
// one-sided. Members outside states are left out; after the coverage no
// tie is known and every portfolio holds only the state itself.
func NewPortfolioYear(al *Alliances, states []int, year int) (*PortfolioYear, error) {
	n := len(states)
	py := &PortfolioYear{Year: year, index: make(map[int]int, n)}
	for i, s := range states {
		py.index[s] = i
	}
	levels := fpsim.NewLevelMatrix(n, fpsim.DefensePact)
	if al.ix != nil && al.ix.Covers(year) {
		for _, t := range al.ix.InYear(year) {
			i, okA := py.index[t.From]
			k, okB := py.index[t.To]
			if okA && okB {
				levels[i*n+k] = max(levels[i*n+k], obligationLevel(t.Owes))
			}
		}
	}
	p, err := fpsim.NewPortfolioYear(n, levels, nil, fpsim.DefensePact)
	if err != nil {
		return nil, fmt.Errorf("history: alliance portfolios of %d: %w", year, err)
	}
	py.p = p
	return py, nil
}

func obligationLevel(o atop.Obligation) int8 {
	return fpsim.ATOPLevel(o.Has(atop.Defense), o.Has(atop.Offense), o.Has(atop.Neutrality),
		o.Has(atop.NonAggression), o.Has(atop.Consultation))
}

// MeanS returns the number of member pairs compared and their mean
// Signorino–Ritter S (absolute distance, unweighted), NaN for fewer than one
// pair. Members outside the year's states are left out.
func (py *PortfolioYear) MeanS(members []int) (int, float64) {
	idx := make([]int, 0, len(members))
	for _, m := range members {
		if i, ok := py.index[m]; ok {
			idx = append(idx, i)
		}
	}
	var sum float64
	pairs := 0
	for a := 0; a < len(idx); a++ {
		for b := a + 1; b < len(idx); b++ {
			if s := py.p.Dyad(idx[a], idx[b]).SAbs; !math.IsNaN(s) {
				sum += s
				pairs++
			}
		}
	}
	if pairs == 0 {
		return 0, math.NaN()
	}
	return pairs, sum / float64(pairs)
}

// PortfolioStates returns the states whose portfolios are compared in year:
// the COW system members of that year (of the system's last year when the
// year is past its coverage) and every ATOP member in the COW system
// (ATOP's cowsys) at some time in the year.
func PortfolioStates(sys *cowstate.System, lastSystemYear int, al *Alliances, year int) []int {
	states := slices.Clone(sys.Members(min(year, lastSystemYear)))
	if al.ix != nil {
		for _, m := range al.ix.Members(atopindex.YearStart(year), atopindex.YearEnd(year)) {
			if m.COWSys {
				states = append(states, m.CCode)
			}
		}
	}
	slices.Sort(states)
	return slices.Compact(states)
}
