package coalition

import (
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"runtime"
	"sync"
)

// Shapley returns the exact Shapley value of g:
//
//	φ_i = Σ_{S ⊆ N\{i}} |S|! (n-1-|S|)! / n! · (v(S ∪ {i}) - v(S)).
//
// Marginal contributions are summed by coalition size first and weighted
// once per size, which keeps the rounding error near that of the 2^(n-1)
// differences' sum rather than of 2^(n-1) tiny products. O(n·2^n) time,
// spread over the available cores; n ≤ MaxTablePlayers (a formula game is
// tabulated first).
func Shapley(g *Game) ([]float64, error) {
	v, err := g.values()
	if err != nil {
		return nil, err
	}
	n := g.n
	w := shapleyWeights(n)
	phi := make([]float64, n)
	parallelFor(n, func(i int) {
		bySize := marginalSums(v, n, i)
		var s float64
		for k, x := range bySize {
			s += w[k] * x
		}
		phi[i] = s
	})
	return phi, nil
}

// shapleyWeights returns w[s] = s!(n-1-s)!/n! = 1/(n·C(n-1, s)).
func shapleyWeights(n int) []float64 {
	w := make([]float64, n)
	c := 1.0 // C(n-1, s)
	for s := range n {
		w[s] = 1 / (float64(n) * c)
		c = c * float64(n-1-s) / float64(s+1)
	}
	return w
}

// marginalSums returns, for each size s, the sum of v(S ∪ {i}) - v(S) over
// the coalitions S of size s without i. The masks without bit i are visited
// as blocks of 2^i consecutive masks, so the table is read sequentially.
func marginalSums(v []float64, n, i int) []float64 {
	out := make([]float64, n)
	bit := 1 << i
	for hi := 0; hi < len(v); hi += 2 * bit {
		for s := hi; s < hi+bit; s++ {
			out[bits.OnesCount(uint(s))] += v[s|bit] - v[s]
		}
	}
	return out
}

// parallelFor runs body(0..k-1) on up to GOMAXPROCS goroutines. Each index
// runs on one goroutine, so results do not depend on the scheduling.
func parallelFor(k int, body func(i int)) {
	workers := min(k, runtime.GOMAXPROCS(0))
	if workers <= 1 {
		for i := range k {
			body(i)
		}
		return
	}
	var wg sync.WaitGroup
	next := make(chan int, k)
	for i := range k {
		next <- i
	}
	close(next)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				body(i)
			}
		}()
	}
	wg.Wait()
}

// SampleOptions configures ShapleySample.
type SampleOptions struct {
	// Samples is the number of random orderings; zero means 10000.
	Samples int
	// Seed makes the estimate reproducible: the same game, options and seed
	// give the same estimate.
	Seed uint64
	// Confidence of the reported Bound, in (0, 1); zero means 0.95.
	Confidence float64
	// Range is R, an upper bound on the width of each player's range of
	// marginal contributions (max - min of v(S ∪ {i}) - v(S) over S), which
	// the Hoeffding bound needs. Zero means 1 for voting games (whose
	// marginal contributions are 0 or 1) and otherwise the widest range
	// observed in the sample, which is then only an estimate.
	Range float64
}

// Estimate is a sampled Shapley value with its accuracy.
type Estimate struct {
	// Value is the estimate of each player's Shapley value: the mean of its
	// marginal contributions over the sampled orderings.
	Value []float64
	// StdErr is each player's estimated standard error, the sample standard
	// deviation of its marginal contributions over √Samples.
	StdErr []float64
	// Bound is a Hoeffding bound holding for every player at once with
	// probability at least Confidence: |Value_i - φ_i| ≤ Bound, with
	// Bound = R·sqrt(ln(2n/(1-Confidence)) / (2·Samples)).
	Bound float64
	// Range is the R used; RangeObserved reports that it was estimated from
	// the sample, so that Bound is not guaranteed.
	Range         float64
	RangeObserved bool
	// Samples, Seed and Confidence are the options used (defaults filled).
	Samples    int
	Seed       uint64
	Confidence float64
}

// ShapleySample estimates the Shapley value by permutation sampling
// (Castro, Gómez & Tejada 2009): each of Samples uniformly random orderings
// of the players credits every player with its marginal contribution to the
// players before it, and the estimate is the mean. It is unbiased, costs n
// worth evaluations per ordering and works for any number of players up to
// MaxPlayers. The orderings come from a PCG generator seeded with Seed.
func ShapleySample(g *Game, opts SampleOptions) (*Estimate, error) {
	m, conf, err := sampleDefaults(opts)
	if err != nil {
		return nil, err
	}
	n := g.n
	rng := rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15))
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	mean := make([]float64, n)
	m2 := make([]float64, n) // Welford's running sum of squared deviations
	lo := make([]float64, n)
	hi := make([]float64, n)
	for i := range n {
		lo[i], hi[i] = math.Inf(1), math.Inf(-1)
	}
	for k := 1; k <= m; k++ {
		shuffle(rng, order)
		var s uint64
		prev := 0.0
		for _, i := range order {
			s |= 1 << i
			cur := g.Value(s)
			d := cur - prev
			prev = cur
			if math.IsNaN(d) || math.IsInf(d, 0) {
				return nil, fmt.Errorf("%w: marginal contribution of player %d is %v", ErrNotFinite, i, d)
			}
			delta := d - mean[i]
			mean[i] += delta / float64(k)
			m2[i] += delta * (d - mean[i])
			lo[i], hi[i] = min(lo[i], d), max(hi[i], d)
		}
	}
	est := &Estimate{Value: mean, StdErr: make([]float64, n), Samples: m, Seed: opts.Seed, Confidence: conf}
	for i := range n {
		if m > 1 {
			est.StdErr[i] = math.Sqrt(m2[i] / float64(m-1) / float64(m))
		}
	}
	est.Range = opts.Range
	switch {
	case est.Range > 0:
	case g.unitRange:
		est.Range = 1
	default:
		est.RangeObserved = true
		for i := range n {
			est.Range = max(est.Range, hi[i]-lo[i])
		}
	}
	est.Bound = est.Range * math.Sqrt(math.Log(2*float64(n)/(1-conf))/(2*float64(m)))
	return est, nil
}

func sampleDefaults(o SampleOptions) (m int, conf float64, err error) {
	m, conf = o.Samples, o.Confidence
	if m == 0 {
		m = 10000
	}
	if conf == 0 {
		conf = 0.95
	}
	switch {
	case m < 0:
		err = fmt.Errorf("%w: %d samples", ErrInput, m)
	case !(conf > 0 && conf < 1):
		err = fmt.Errorf("%w: confidence %v not in (0, 1)", ErrInput, conf)
	case math.IsNaN(o.Range) || math.IsInf(o.Range, 0) || o.Range < 0:
		err = fmt.Errorf("%w: range %v", ErrInput, o.Range)
	}
	return m, conf, err
}

// shuffle permutes p uniformly (Fisher-Yates). The bounded draws use
// Lemire's multiply-and-reject on the generator's raw output, so the
// sequence depends only on the PCG stream, not on library internals.
func shuffle(r *rand.Rand, p []int) {
	for i := len(p) - 1; i > 0; i-- {
		j := boundedUint(r, uint64(i+1))
		p[i], p[j] = p[j], p[i]
	}
}

// boundedUint returns a uniform integer in [0, n) (Lemire 2019, "Fast random
// integer generation in an interval", ACM TOMACS 29).
func boundedUint(r *rand.Rand, n uint64) uint64 {
	hi, lo := bits.Mul64(r.Uint64(), n)
	if lo < n {
		thresh := -n % n
		for lo < thresh {
			hi, lo = bits.Mul64(r.Uint64(), n)
		}
	}
	return hi
}
