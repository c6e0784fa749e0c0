package fpsim

import "math"

// This file is the straightforward reference: every measure computed from
// its textbook definition, dimension by dimension, with no tables, no
// sparsity and no bit tricks. The fast paths are tested against it, and the
// benchmarks use it as the baseline.

// refDims keeps the dimensions both vectors have data for (level ≥ 0) and
// returns them as ints, with their weights.
func refDims(x, y []int8, w []float64) (xs, ys []int, ws []float64) {
	for k := range x {
		if x[k] < 0 || y[k] < 0 {
			continue
		}
		xs = append(xs, int(x[k]))
		ys = append(ys, int(y[k]))
		if w != nil {
			ws = append(ws, w[k])
		}
	}
	return xs, ys, ws
}

// refDist is the distance metric: |a-b|, or (a-b)² when squared.
func refDist(a, b int, squared bool) float64 {
	d := math.Abs(float64(a - b))
	if squared {
		return d * d
	}
	return d
}

// refS is 1 - 2·Σw·δ / Σw·δmax; w nil means unit weights.
func refS(xs, ys []int, ws []float64, maxLevel int, squared bool) float64 {
	dmax := refDist(0, maxLevel, squared)
	var num, den float64
	for k := range xs {
		wk := 1.0
		if ws != nil {
			wk = ws[k]
		}
		if math.IsNaN(wk) {
			continue
		}
		num += wk * refDist(xs[k], ys[k], squared)
		den += wk * dmax
	}
	if den == 0 {
		return math.NaN()
	}
	return 1 - 2*(num/den)
}

// refProportions returns the marginal proportions of xs over 0..maxLevel.
func refProportions(xs []int, maxLevel int) []float64 {
	p := make([]float64, maxLevel+1)
	for _, v := range xs {
		p[v] += 1 / float64(len(xs))
	}
	return p
}

// refChance is 1 - D_o/D_e with the expected disagreement taken from the
// marginals px and py (kappa: each state's own; pi: both pooled).
func refChance(xs, ys []int, px, py []float64, squared bool) float64 {
	var do, de float64
	for k := range xs {
		do += refDist(xs[k], ys[k], squared) / float64(len(xs))
	}
	for a := range px {
		for b := range py {
			de += px[a] * py[b] * refDist(a, b, squared)
		}
	}
	if de == 0 {
		return math.NaN()
	}
	return 1 - do/de
}

func refKappa(xs, ys []int, maxLevel int, squared bool) float64 {
	return refChance(xs, ys, refProportions(xs, maxLevel), refProportions(ys, maxLevel), squared)
}

func refPi(xs, ys []int, maxLevel int, squared bool) float64 {
	pooled := refProportions(append(append([]int(nil), xs...), ys...), maxLevel)
	return refChance(xs, ys, pooled, pooled, squared)
}

// refTauB counts every pair of dimensions, as Kendall defined it.
func refTauB(xs, ys []int) float64 {
	var conc, disc, tieX, tieY float64
	for k := range xs {
		for l := k + 1; l < len(xs); l++ {
			dx, dy := xs[k]-xs[l], ys[k]-ys[l]
			if dx == 0 {
				tieX++
			}
			if dy == 0 {
				tieY++
			}
			switch {
			case dx*dy > 0:
				conc++
			case dx*dy < 0:
				disc++
			}
		}
	}
	n0 := float64(len(xs)) * float64(len(xs)-1) / 2
	den := math.Sqrt((n0 - tieX) * (n0 - tieY))
	if den == 0 {
		return math.NaN()
	}
	return (conc - disc) / den
}

// refScores computes the table measures from the definitions.
func refScores(xs, ys []int, maxLevel int) Scores {
	if len(xs) == 0 {
		return nanScores(0)
	}
	return Scores{
		N:        int32(len(xs)),
		SAbs:     refS(xs, ys, nil, maxLevel, false),
		SSq:      refS(xs, ys, nil, maxLevel, true),
		KappaAbs: refKappa(xs, ys, maxLevel, false),
		KappaSq:  refKappa(xs, ys, maxLevel, true),
		PiAbs:    refPi(xs, ys, maxLevel, false),
		PiSq:     refPi(xs, ys, maxLevel, true),
		TauB:     refTauB(xs, ys),
	}
}

// refPortfolio scores one dyad of portfolios.
func refPortfolio(x, y []int8, w []float64, maxLevel int8) PortfolioScores {
	xs, ys, ws := refDims(x, y, w)
	s := PortfolioScores{Scores: refScores(xs, ys, int(maxLevel)), SWAbs: math.NaN(), SWSq: math.NaN()}
	if w != nil && len(xs) > 0 {
		s.SWAbs = refS(xs, ys, ws, int(maxLevel), false)
		s.SWSq = refS(xs, ys, ws, int(maxLevel), true)
	}
	return s
}

// refVotes scores one dyad of vote codes.
func refVotes(x, y []int8) VoteScores {
	ordinal := func(v []int8) []int8 {
		o := make([]int8, len(v))
		for r, code := range v {
			switch code {
			case VoteYes:
				o[r] = 0
			case VoteAbstain:
				o[r] = 1
			case VoteNo:
				o[r] = 2
			default: // absent, not a member
				o[r] = -1
			}
		}
		return o
	}
	xs, ys, _ := refDims(ordinal(x), ordinal(y), nil)
	s := VoteScores{Scores: refScores(xs, ys, 2), Agree: math.NaN(), AgreeHalf: math.NaN()}
	if len(xs) == 0 {
		return s
	}
	var same, credit float64
	for k := range xs {
		switch {
		case xs[k] == ys[k]:
			same++
			credit++
		case xs[k] == 1 || ys[k] == 1: // one abstained, the other did not
			credit += 0.5
		}
	}
	s.Agree = same / float64(len(xs))
	s.AgreeHalf = credit / float64(len(xs))
	return s
}

// refPortfolioYear scores every dyad of an n×n level matrix, row against row.
func refPortfolioYear(n int, levels []int8, w []float64, maxLevel int8) []PortfolioDyad {
	var out []PortfolioDyad
	for i := range n {
		for j := i + 1; j < n; j++ {
			s := refPortfolio(levels[i*n:(i+1)*n], levels[j*n:(j+1)*n], w, maxLevel)
			out = append(out, PortfolioDyad{I: int32(i), J: int32(j), PortfolioScores: s})
		}
	}
	return out
}

// column returns country c's votes from a calls × countries code matrix.
func column(codes []int8, calls, countries, c int) []int8 {
	v := make([]int8, calls)
	for r := range calls {
		v[r] = codes[r*countries+c]
	}
	return v
}

// refVoteYear scores every dyad of a calls × countries code matrix, keeping
// the roll calls with keep[r] (nil keeps all).
func refVoteYear(calls, countries int, codes []int8, keep []bool) []VoteDyad {
	cols := make([][]int8, countries)
	for c := range countries {
		for r, v := range column(codes, calls, countries, c) {
			if keep == nil || keep[r] {
				cols[c] = append(cols[c], v)
			}
		}
	}
	var out []VoteDyad
	for i := range countries {
		for j := i + 1; j < countries; j++ {
			out = append(out, VoteDyad{I: int32(i), J: int32(j), VoteScores: refVotes(cols[i], cols[j])})
		}
	}
	return out
}
