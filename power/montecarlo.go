package power

import (
	"errors"
	"math"
	"math/rand/v2"
)

// MCOptions configures Monte Carlo estimation.
type MCOptions struct {
	// Samples is the number of random coalitions (for Banzhaf, Penrose and
	// Coleman) and of random orderings (for Shapley-Shubik); zero means
	// 100000.
	Samples int
	// Seed makes the estimate reproducible: the same seed and game give the
	// same result.
	Seed uint64
	// Confidence of the reported Bound, in (0, 1); zero means 0.95.
	Confidence float64
}

// MCReport describes a Monte Carlo estimate and its accuracy.
type MCReport struct {
	Samples    int
	Seed       uint64
	Confidence float64
	// Bound is a Hoeffding bound holding simultaneously for every player's
	// Penrose and Shapley-Shubik estimate with probability at least
	// Confidence: |estimate - exact| <= Bound. It is
	// sqrt(ln(4n/(1-Confidence)) / (2*Samples)).
	Bound float64
	// PenroseSE and ShapleyShubikSE are the estimated standard errors
	// sqrt(p(1-p)/Samples) of each player's estimate p.
	PenroseSE, ShapleyShubikSE []float64
	// JohnstonBound, when Johnston was estimated, bounds the error of every
	// player's Johnston estimate with probability at least Confidence:
	// 2ε/b, where ε = sqrt(ln(2(n+1)/(1-Confidence)) / (2*Samples)) is the
	// Hoeffding bound of each player's mean score and of b, the share of
	// sampled coalitions that win with a critical member (the normalized
	// index is a ratio of such means), capped at 1. It says nothing when
	// few random coalitions win, as at high quotas.
	JohnstonBound float64
}

// mcSampler draws the outcomes Monte Carlo needs: which players are swings
// in a coalition, and who is pivotal in an ordering.
type mcSampler interface {
	// swings marks in out the players whose joining or leaving changes the
	// outcome of coalition in, and reports whether in wins.
	swings(in []bool, out []bool) bool
	// pivot returns the player whose arrival first makes the coalition of
	// the players so far win, when they arrive in the given order.
	pivot(order []int) int
}

// monteCarlo estimates Penrose, Banzhaf, Shapley-Shubik and Coleman by
// sampling: uniform random coalitions (each player in with probability 1/2)
// give the swing probability, which is the Penrose index; uniform random
// orderings give the pivot frequencies, which estimate Shapley-Shubik.
// The same coalitions estimate Johnston: a winning coalition with κ
// critical members gives each 1/κ, and the means are normalized.
// Deegan-Packel and Holler are not estimated (their slices stay
// nil). Cost O(Samples * n) for weighted games, O(Samples * n) Wins calls
// otherwise.
func monteCarlo(g Game, idx Index, o MCOptions) (*Result, error) {
	n := g.N()
	m := o.Samples
	if m == 0 {
		m = 100000
	}
	if m < 0 {
		return nil, errors.New("power: negative Monte Carlo sample count")
	}
	conf := o.Confidence
	if conf == 0 {
		conf = 0.95
	}
	if !(conf > 0 && conf < 1) {
		return nil, errors.New("power: Monte Carlo confidence must be in (0, 1)")
	}
	sp := samplerFor(g)
	rng := rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15))
	rep := &MCReport{Samples: m, Seed: o.Seed, Confidence: conf,
		Bound: math.Sqrt(math.Log(4*float64(n)/(1-conf)) / (2 * float64(m)))}
	r := &Result{N: n, Method: MethodMonteCarlo, MonteCarlo: rep, Vetoes: vetoes(g)}
	if idx&(swingIndices|JohnstonIndex) != 0 {
		johnston := make([]float64, n)
		withCritical := 0
		in, out := make([]bool, n), make([]bool, n)
		hits := make([]int, n)
		wins := 0
		for range m {
			for j := 0; j < n; j += 64 {
				b := rng.Uint64()
				for k := j; k < min(n, j+64); k++ {
					in[k] = b>>(k-j)&1 == 1
				}
			}
			if sp.swings(in, out) {
				wins++
				kappa := 0
				for j, c := range out {
					if c && in[j] {
						kappa++
					}
				}
				if kappa > 0 {
					withCritical++
					for j, c := range out {
						if c && in[j] {
							johnston[j] += 1 / float64(kappa)
						}
					}
				}
			}
			for j, s := range out {
				if s {
					hits[j]++
				}
			}
		}
		if idx&JohnstonIndex != 0 {
			r.Johnston = normalizeFloats(johnston)
			eps := math.Sqrt(math.Log(2*float64(n+1)/(1-conf)) / (2 * float64(m)))
			rep.JohnstonBound = 1 // normalized indices lie in [0, 1]
			if b := float64(withCritical) / float64(m); b > 0 {
				rep.JohnstonBound = min(1, 2*eps/b)
			}
		}
		r.Penrose, rep.PenroseSE = frequencies(hits, m)
		r.Banzhaf = normalizeFloats(r.Penrose)
		if idx&ColemanIndices != 0 {
			c := float64(wins) / float64(m)
			r.Coleman.Collectivity = c
			for _, p := range r.Penrose {
				// η_i/ω = (p 2^(n-1)) / (c 2^n), and likewise for losing.
				r.Coleman.Prevent = append(r.Coleman.Prevent, ratio(p, 2*c))
				r.Coleman.Initiate = append(r.Coleman.Initiate, ratio(p, 2*(1-c)))
			}
		}
		if idx&BanzhafIndex == 0 {
			r.Penrose, r.Banzhaf, rep.PenroseSE = nil, nil, nil
		}
		if idx&ColemanIndices == 0 {
			r.Coleman = Coleman{}
		}
	}
	if idx&ShapleyShubikIndex != 0 {
		order := make([]int, n)
		for i := range order {
			order[i] = i
		}
		hits := make([]int, n)
		for range m {
			rng.Shuffle(n, func(a, b int) { order[a], order[b] = order[b], order[a] })
			hits[sp.pivot(order)]++
		}
		r.ShapleyShubik, rep.ShapleyShubikSE = frequencies(hits, m)
	}
	return r, nil
}

// frequencies returns hits/m and the standard errors sqrt(p(1-p)/m).
func frequencies(hits []int, m int) (p, se []float64) {
	p, se = make([]float64, len(hits)), make([]float64, len(hits))
	for i, h := range hits {
		p[i] = float64(h) / float64(m)
		se[i] = math.Sqrt(p[i] * (1 - p[i]) / float64(m))
	}
	return p, se
}

func normalizeFloats(x []float64) []float64 {
	var s float64
	for _, v := range x {
		s += v
	}
	out := make([]float64, len(x))
	if s > 0 {
		for i, v := range x {
			out[i] = v / s
		}
	}
	return out
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// samplerFor returns a fast sampler for games with a threshold form and a
// generic one (calling Wins) otherwise.
func samplerFor(g Game) mcSampler {
	switch g := g.(type) {
	case *Weighted:
		return thresholdSampler{thresholdOf(g)}
	case *MultiWeighted:
		if th, ok := multiThreshold(g); ok {
			return thresholdSampler{th}
		}
	}
	return gameSampler{g}
}

// thresholdSampler decides outcomes from a coalition's size and weight.
type thresholdSampler struct{ th *threshold }

func (s thresholdSampler) swings(in, out []bool) bool {
	var w int64
	size := 0
	for j, x := range in {
		if x {
			w += s.th.w[j]
			size++
		}
	}
	win := w >= s.th.theta[size]
	for j, x := range in {
		if x {
			out[j] = win && w-s.th.w[j] < s.th.theta[size-1]
		} else {
			out[j] = !win && w+s.th.w[j] >= s.th.theta[size+1]
		}
	}
	return win
}

func (s thresholdSampler) pivot(order []int) int {
	var w int64
	for size, j := range order {
		w += s.th.w[j]
		if w >= s.th.theta[size+1] {
			return j
		}
	}
	return order[len(order)-1] // unreachable: the grand coalition wins
}

// gameSampler works with any monotone game through Wins.
type gameSampler struct{ g Game }

func (s gameSampler) swings(in, out []bool) bool {
	win := s.g.Wins(in)
	for j := range in {
		in[j] = !in[j]
		out[j] = s.g.Wins(in) != win
		in[j] = !in[j]
	}
	return win
}

func (s gameSampler) pivot(order []int) int {
	in := make([]bool, len(order))
	for _, j := range order {
		in[j] = true
		if s.g.Wins(in) {
			return j
		}
	}
	return order[len(order)-1]
}
