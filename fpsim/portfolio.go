package fpsim

import (
	"fmt"
	"math"
)

// PortfolioScores holds every alliance-portfolio measure of one dyad: the
// table measures (over the N states both portfolios have data for) and the
// capability-weighted S. The weighted S uses the dimensions that also have
// a known weight; it is NaN without weights or when their sum is 0.
type PortfolioScores struct {
	Scores
	SWAbs float64 // capability-weighted S, absolute distance
	SWSq  float64 // capability-weighted S, squared distance
}

// PortfolioDyad is one dyad's result in an all-dyads run: the dense indexes
// I < J of the two states and their scores.
type PortfolioDyad struct {
	I, J int32
	PortfolioScores
}

// checkMaxLevel reports whether maxLevel gives a scale of 2..MaxLevels.
func checkMaxLevel(maxLevel int8) error {
	if maxLevel < 1 || int(maxLevel) >= MaxLevels {
		return fmt.Errorf("fpsim: maxLevel %d outside 1..%d", maxLevel, MaxLevels-1)
	}
	return nil
}

// checkWeight rejects negative and infinite weights; NaN means unknown.
func checkWeight(k int, w float64) error {
	if w < 0 || math.IsInf(w, 0) {
		return fmt.Errorf("fpsim: weight %d is %v; want a finite value ≥ 0, or NaN if unknown", k, w)
	}
	return nil
}

// weightedS returns 1 - 2·d/(Δmax·W) for the absolute and squared metrics,
// NaN when there is no weight to compare on.
func weightedS(dAbs, dSq, total float64, maxLevel int8) (abs, sq float64) {
	if !(total > 0) {
		return math.NaN(), math.NaN()
	}
	delta := float64(maxLevel)
	return 1 - 2*dAbs/(delta*total), 1 - 2*dSq/(delta*delta*total)
}

// ComparePortfolios computes every portfolio measure for one dyad from the
// two portfolios x and y over the same states, with levels 0..maxLevel or
// Missing, and optional capability weights w (nil for none, NaN where
// unknown). Each portfolio should include its own state at maxLevel, the
// standard convention. A state is compared only where both portfolios have
// data; if none is left every measure is NaN.
func ComparePortfolios(x, y []int8, w []float64, maxLevel int8) (PortfolioScores, error) {
	if err := checkMaxLevel(maxLevel); err != nil {
		return PortfolioScores{}, err
	}
	if len(x) != len(y) || (w != nil && len(w) != len(x)) {
		return PortfolioScores{}, fmt.Errorf("fpsim: portfolio lengths %d and %d, %d weights", len(x), len(y), len(w))
	}
	t := Table{Levels: int(maxLevel) + 1}
	var dAbs, dSq, total float64
	for k := range x {
		a, b := x[k], y[k]
		if a < Missing || a > maxLevel || b < Missing || b > maxLevel {
			return PortfolioScores{}, fmt.Errorf("fpsim: level %d or %d at state %d outside %d..%d", a, b, k, Missing, maxLevel)
		}
		if a == Missing || b == Missing {
			continue
		}
		t.add(a, b)
		if w == nil {
			continue
		}
		if err := checkWeight(k, w[k]); err != nil {
			return PortfolioScores{}, err
		}
		if math.IsNaN(w[k]) {
			continue
		}
		da, ds := dist(int(a), int(b))
		dAbs += w[k] * float64(da)
		dSq += w[k] * float64(ds)
		total += w[k]
	}
	s := PortfolioScores{Scores: t.scores()}
	s.SWAbs, s.SWSq = weightedS(dAbs, dSq, total, maxLevel)
	return s, nil
}

// NewLevelMatrix returns an n×n row-major level matrix with every tie
// NoAlliance except the diagonal, set to self: the standard convention
// includes each state in its own portfolio at the highest level
// (DefensePact on the alliance scale).
func NewLevelMatrix(n int, self int8) []int8 {
	m := make([]int8, n*n)
	for i := range n {
		m[i*n+i] = self
	}
	return m
}

// DropState marks state i of the n×n level matrix as having no data: its
// row and its column become Missing, so every dyad with i is NaN and no
// other dyad counts i as a dimension. Use it for a state outside the system
// in a year when the matrix is indexed by a fixed, multi-year list.
func DropState(levels []int8, n, i int) {
	for k := range n {
		levels[i*n+k] = Missing
		levels[k*n+i] = Missing
	}
}

// PortfolioYear is one year's alliance portfolios, indexed for the
// all-dyads computation. Build it with NewPortfolioYear.
type PortfolioYear struct {
	n        int
	maxLevel int8
	levels   []int8    // n×n row-major copy of the input
	weights  []float64 // copy, nil if none; NaN where unknown
	wTotal   float64   // Σ known weights, in state order

	// The non-zero cells of each row (ties and Missing, diagonal included),
	// in column order: row i owns suppK[start[i]:start[i+1]].
	start []int32
	suppK []int32
	suppL []int8

	isolated  []bool // row i is only its own diagonal at maxLevel
	isoScores Scores // the table measures of any two isolated states
}

// NewPortfolioYear validates and indexes one year of alliance portfolios:
// n states, the n×n row-major level matrix (levels[i*n+k] is state i's tie
// to state k, in 0..maxLevel or Missing; see NewLevelMatrix for the
// diagonal), and the states' capability weights (nil for none, NaN where
// unknown; the weighted S does not need them to sum to 1). Ties may be
// asymmetric, as ATOP's are. The inputs are copied.
func NewPortfolioYear(n int, levels []int8, weights []float64, maxLevel int8) (*PortfolioYear, error) {
	if err := checkMaxLevel(maxLevel); err != nil {
		return nil, err
	}
	if n < 0 || len(levels) != n*n {
		return nil, fmt.Errorf("fpsim: %d levels for %d states; want n×n = %d", len(levels), n, n*n)
	}
	if weights != nil && len(weights) != n {
		return nil, fmt.Errorf("fpsim: %d weights for %d states", len(weights), n)
	}
	p := &PortfolioYear{
		n:        n,
		maxLevel: maxLevel,
		levels:   append([]int8(nil), levels...),
		start:    make([]int32, n+1),
		isolated: make([]bool, n),
	}
	if weights != nil {
		p.weights = append([]float64(nil), weights...)
		for k, w := range p.weights {
			if err := checkWeight(k, w); err != nil {
				return nil, err
			}
			if !math.IsNaN(w) {
				p.wTotal += w
			}
		}
	}
	if err := p.index(); err != nil {
		return nil, err
	}
	if n >= 2 {
		t := isolatedTable(n, maxLevel)
		p.isoScores = t.scores()
	}
	return p, nil
}

// index builds the sparse rows and flags the isolated states.
func (p *PortfolioYear) index() error {
	n := p.n
	for i := range n {
		row := p.levels[i*n : (i+1)*n]
		for k, l := range row {
			if l < Missing || l > p.maxLevel {
				return fmt.Errorf("fpsim: level %d of state %d toward %d outside %d..%d", l, i, k, Missing, p.maxLevel)
			}
			if l != NoAlliance {
				p.suppK = append(p.suppK, int32(k))
				p.suppL = append(p.suppL, l)
			}
		}
		p.start[i+1] = int32(len(p.suppK))
		s := p.suppK[p.start[i]:]
		p.isolated[i] = len(s) == 1 && s[0] == int32(i) && row[i] == p.maxLevel
	}
	return nil
}

// isolatedTable is the cross-table of two states i ≠ j with no ties but to
// themselves: i's self-tie meets j's 0, j's self-tie meets i's 0, and the
// other n-2 states are 0 for both. It is the same for every such dyad, so
// their table measures are computed once a year (Signorino and Ritter's
// closed form S = 1 - 4/n falls out of it).
func isolatedTable(n int, maxLevel int8) Table {
	t := Table{Levels: int(maxLevel) + 1}
	t.Count[maxLevel][0] = 1
	t.Count[0][maxLevel] = 1
	t.Count[0][0] = int64(n - 2)
	return t
}

// N returns the number of states.
func (p *PortfolioYear) N() int { return p.n }

// Dyad computes every measure for states i and j (i ≠ j, both in 0..N-1).
func (p *PortfolioYear) Dyad(i, j int) PortfolioDyad {
	return PortfolioDyad{I: int32(i), J: int32(j), PortfolioScores: p.dyad(i, j)}
}

// Dyads computes every measure for all dyads i < j and calls fn with each,
// in (i, j) order, on the calling goroutine; fn's first error stops the
// run and is returned. The work is spread over opt.Workers goroutines.
func (p *PortfolioYear) Dyads(opt Options, fn func(PortfolioDyad) error) error {
	return forEachDyad(p.n, opt.workers(), p.Dyad, fn)
}

// dyad dispatches to the closed form for two isolated states and to the
// sparse merge otherwise. It scores (i, j) as (min, max): every measure is
// symmetric, and a fixed order of summation keeps the weighted S exactly so.
func (p *PortfolioYear) dyad(i, j int) PortfolioScores {
	if i > j {
		i, j = j, i
	}
	if p.isolated[i] && p.isolated[j] {
		return p.isolatedDyad(i, j)
	}
	return p.mergeDyad(i, j)
}

// isolatedDyad scores two states i < j with no ties but to themselves: the
// table measures were computed once, and the weighted distance has only the
// two self-ties, each at distance Δmax. The terms are formed and added as
// mergeDyad would, so both paths give the same bits.
func (p *PortfolioYear) isolatedDyad(i, j int) PortfolioScores {
	s := PortfolioScores{Scores: p.isoScores, SWAbs: math.NaN(), SWSq: math.NaN()}
	if p.weights == nil {
		return s
	}
	da, ds := dist(int(p.maxLevel), 0)
	var dAbs, dSq float64
	for _, k := range [2]int{i, j} {
		if w := p.weights[k]; !math.IsNaN(w) {
			dAbs += w * float64(da)
			dSq += w * float64(ds)
		}
	}
	s.SWAbs, s.SWSq = weightedS(dAbs, dSq, p.wTotal, p.maxLevel)
	return s
}

// mergeDyad tabulates a dyad from the two sparse rows. A state in neither
// row is 0 for both, so it only adds to the (0,0) cell, which is filled at
// the end from the count of states seen; the work is proportional to the
// ties of the two states, not to n. The weighted distance only needs the
// cells where the levels differ, which are all among those seen.
func (p *PortfolioYear) mergeDyad(i, j int) PortfolioScores {
	n := p.n
	ri, rj := p.levels[i*n:(i+1)*n], p.levels[j*n:(j+1)*n]
	ki, li := p.suppK[p.start[i]:p.start[i+1]], p.suppL[p.start[i]:p.start[i+1]]
	kj, lj := p.suppK[p.start[j]:p.start[j+1]], p.suppL[p.start[j]:p.start[j+1]]
	t := Table{Levels: int(p.maxLevel) + 1}
	var c cellSums
	// Every state where i has a tie (or no data), against j's level there...
	for x, k := range ki {
		c.add(&t, p.weights, k, li[x], rj[k])
	}
	// ...then the states where only j has one: i is at 0 there.
	for y, k := range kj {
		if ri[k] == NoAlliance {
			c.add(&t, p.weights, k, NoAlliance, lj[y])
		}
	}
	t.Count[0][0] += int64(n - c.seen)
	s := PortfolioScores{Scores: t.scores(), SWAbs: math.NaN(), SWSq: math.NaN()}
	if p.weights == nil {
		return s
	}
	total := p.wTotal
	if c.excluded > 0 {
		total = p.knownWeight(i, j)
	}
	s.SWAbs, s.SWSq = weightedS(c.dAbs, c.dSq, total, p.maxLevel)
	return s
}

// cellSums accumulates the merge of two sparse rows.
type cellSums struct {
	seen, excluded int     // states visited; of them, dropped as Missing
	dAbs, dSq      float64 // weighted distances
}

// add counts state k, with levels a and b, into the table and the sums.
func (c *cellSums) add(t *Table, weights []float64, k int32, a, b int8) {
	c.seen++
	if a == Missing || b == Missing {
		c.excluded++
		return
	}
	t.add(a, b)
	if a != b && weights != nil {
		if w := weights[k]; !math.IsNaN(w) {
			da, ds := dist(int(a), int(b))
			c.dAbs += w * float64(da)
			c.dSq += w * float64(ds)
		}
	}
}

// knownWeight sums the known weights of the states both i and j have data
// for. It is only needed when a Missing cell drops a state, and it sums
// afresh rather than subtracting from the year's total, because the
// difference of two close sums can leave a spurious positive remainder
// where the true weight left is 0.
func (p *PortfolioYear) knownWeight(i, j int) float64 {
	ri, rj := p.levels[i*p.n:(i+1)*p.n], p.levels[j*p.n:(j+1)*p.n]
	var total float64
	for k, w := range p.weights {
		if ri[k] != Missing && rj[k] != Missing && !math.IsNaN(w) {
			total += w
		}
	}
	return total
}
