package history

import (
	"fmt"
	"math"

	"github.com/entente/entente/dataset/unvotes"
	"github.com/entente/entente/fpsim"
	"github.com/entente/entente/internal/number"
)

// Cohesion is how alike a group of states voted in the UN General Assembly
// in one year, and how spread out their ideal points were. A figure without
// data is NaN.
type Cohesion struct {
	Year int `json:"year"`
	// Members is the size of the group; Voting counts those that cast at
	// least one yes, abstain or no that year.
	Members int `json:"members"`
	Voting  int `json:"voting"`
	// Pairs counts the member pairs with at least one roll call both voted
	// on; Agree is their mean share of identical votes (fpsim Agree).
	Pairs int           `json:"pairs"`
	Agree number.Figure `json:"agree"`
	// KappaPairs counts the pairs whose Cohen's kappa is defined; Kappa is
	// their mean kappa (absolute distance, Häge 2011), which corrects the
	// agreement for the agreement expected by chance.
	KappaPairs int           `json:"kappa_pairs"`
	Kappa      number.Figure `json:"kappa"`
	// IdealN counts the members with an ideal point that year; IdealSD is
	// the standard deviation (n − 1 denominator) of those ideal points.
	IdealN  int           `json:"ideal_n"`
	IdealSD number.Figure `json:"ideal_sd"`
}

// VoteYear is one year of UN General Assembly roll calls, packed for
// pairwise comparison with fpsim.
type VoteYear struct {
	Year  int
	m     *fpsim.VoteMatrix
	index map[int]int
	voted []bool
}

// NewVoteYear packs the roll calls of year from m. A year without roll calls
// gives a VoteYear with none, whose comparisons are all NaN.
func NewVoteYear(m *unvotes.Matrix, year int) (*VoteYear, error) {
	lo, hi := m.YearRange(year)
	calls, n := hi-lo, m.NumCountries()
	codes := make([]int8, calls*n)
	v := &VoteYear{Year: year, index: make(map[int]int, n), voted: make([]bool, n)}
	for c, ccode := range m.Countries {
		v.index[ccode] = c
		for r, vote := range m.Votes(c)[lo:hi] {
			codes[r*n+c] = voteCode(vote)
			v.voted[c] = v.voted[c] || vote.Cast()
		}
	}
	vm, err := fpsim.NewVoteMatrix(calls, n, codes)
	if err != nil {
		return nil, fmt.Errorf("history: UN votes of %d: %w", year, err)
	}
	v.m = vm
	return v, nil
}

// voteCode maps an unvotes code to fpsim's: the same codes, except that
// "no row in the source" counts as not a member, which drops it pairwise.
func voteCode(v unvotes.Vote) int8 {
	if v == unvotes.Unrecorded {
		return fpsim.VoteNotMember
	}
	return int8(v)
}

// Calls returns the number of roll calls in the year.
func (v *VoteYear) Calls() int { return v.m.Calls() }

// Cohesion computes the group's vote cohesion and ideal-point spread.
// ideal may be nil (IdealSD is then NaN).
func (v *VoteYear) Cohesion(members []int, ideal Panel) Cohesion {
	c := Cohesion{Year: v.Year, Members: len(members), Agree: number.Figure(math.NaN()), Kappa: number.Figure(math.NaN())}
	idx := make([]int, 0, len(members))
	for _, m := range members {
		if i, ok := v.index[m]; ok && v.voted[i] {
			idx = append(idx, i)
		}
	}
	c.Voting = len(idx)
	var agree, kappa float64
	for a := 0; a < len(idx); a++ {
		for b := a + 1; b < len(idx); b++ {
			d := v.m.Dyad(idx[a], idx[b])
			if d.N == 0 {
				continue
			}
			c.Pairs++
			agree += d.Agree
			if !math.IsNaN(d.KappaAbs) {
				c.KappaPairs++
				kappa += d.KappaAbs
			}
		}
	}
	if c.Pairs > 0 {
		c.Agree = number.Figure(agree / float64(c.Pairs))
	}
	if c.KappaPairs > 0 {
		c.Kappa = number.Figure(kappa / float64(c.KappaPairs))
	}
	n, x := spread(members, v.Year, ideal)
	c.IdealN, c.IdealSD = n, number.Figure(x)
	return c
}

// spread returns how many members have a value in year and the standard
// deviation of those values (NaN for fewer than two).
func spread(members []int, year int, p Panel) (int, float64) {
	var xs []float64
	for _, m := range members {
		if x := p.Get(m, year); !math.IsNaN(x) {
			xs = append(xs, x)
		}
	}
	return len(xs), sampleSD(xs)
}

// GroupCohesion computes the cohesion of members in year from the vote
// matrix m and the ideal points (nil for none): the convenience form of
// NewVoteYear and VoteYear.Cohesion for a single group.
func GroupCohesion(m *unvotes.Matrix, ideal Panel, members []int, year int) (Cohesion, error) {
	v, err := NewVoteYear(m, year)
	if err != nil {
		return Cohesion{}, err
	}
	return v.Cohesion(members, ideal), nil
}
