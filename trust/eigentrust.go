package trust

import (
	"math"
	"slices"

	"github.com/entente/entente"
)

// Defaults of the EigenTrust iteration.
const (
	// DefaultAlpha is the weight a of the pre-trusted distribution in each
	// step, as PageRank's teleport probability 1 − 0.85.
	DefaultAlpha = 0.15
	// DefaultEpsilon is the L1 change below which the iteration stops.
	DefaultEpsilon = 1e-10
)

// EigenOptions tunes EigenTrust. The zero value uses every default.
type EigenOptions struct {
	// PreTrusted are the members the pre-trusted distribution p is
	// uniform over. Empty, or naming no member, means every member.
	PreTrusted []entente.ActorID `json:"pre_trusted,omitempty"`
	// Alpha is the weight a of p in each step, in (0, 1]; anything else
	// means DefaultAlpha.
	Alpha float64 `json:"alpha,omitempty"`
	// Epsilon is the stopping threshold on ‖t(k+1) − t(k)‖₁; ≤ 0 means
	// DefaultEpsilon.
	Epsilon float64 `json:"epsilon,omitempty"`
	// MaxIterations bounds the steps; ≤ 0 means as many as guarantee
	// convergence (see StepsToConverge).
	MaxIterations int `json:"max_iterations,omitempty"`
}

func (o EigenOptions) withDefaults() EigenOptions {
	if !(o.Alpha > 0 && o.Alpha <= 1) {
		o.Alpha = DefaultAlpha
	}
	if !(o.Epsilon > 0) {
		o.Epsilon = DefaultEpsilon
	}
	if o.MaxIterations <= 0 {
		o.MaxIterations = StepsToConverge(o.Alpha, o.Epsilon)
	}
	return o
}

// StepsToConverge returns a number of steps after which the iteration has
// surely converged: each step shrinks the change by at least 1 − a in L1
// and the first change is at most 2 (two probability vectors), so after
// k ≥ log(ε/2)/log(1 − a) steps it is below ε. With a = 0.15 and ε = 1e-10
// that is 147.
func StepsToConverge(alpha, epsilon float64) int {
	if alpha >= 1 {
		return 1
	}
	return max(1, int(math.Ceil(math.Log(epsilon/2)/math.Log(1-alpha)))+1)
}

// Ranking is the outcome of EigenTrust: each member's global reputation, a
// probability vector over the members, and how the iteration went.
type Ranking struct {
	// Reputation is the EigenTrust value of each member; the values sum to
	// one.
	Reputation map[entente.ActorID]float64 `json:"reputation"`
	// PreTrusted are the members p was uniform over.
	PreTrusted []entente.ActorID `json:"pre_trusted"`
	Alpha      float64           `json:"alpha"`
	// Iterations is the number of steps taken.
	Iterations int `json:"iterations"`
	// Converged reports whether the last step changed t by less than
	// Epsilon in L1 norm; Delta is that last change.
	Converged bool    `json:"converged"`
	Delta     float64 `json:"delta"`
}

// EigenTrust ranks members by their reputation across all observers
// (Kamvar, Schlosser and Garcia-Molina 2003), weighting each observer's
// opinion by the observer's own reputation. local holds trust values in
// [0, 1] with 0.5 as neutral, such as Score.Value; a missing pair (and any
// pair of a member with itself) counts as 0.5, neutral. See the package
// documentation for the iteration.
func EigenTrust(members []entente.ActorID, local map[Pair]float64, opts EigenOptions) Ranking {
	n := len(members)
	dense := make([]float64, n*n)
	for i, from := range members {
		for j, to := range members {
			dense[i*n+j] = 0.5
			if v, ok := local[Pair{From: from, To: to}]; ok && i != j {
				dense[i*n+j] = v
			}
		}
	}
	return eigenTrust(members, dense, opts)
}

// eigenTrust runs EigenTrust on an n×n row-major table of local trust.
func eigenTrust(members []entente.ActorID, local []float64, opts EigenOptions) Ranking {
	o := opts.withDefaults()
	n := len(members)
	p, pre := preTrusted(members, o.PreTrusted)
	rk := Ranking{Reputation: make(map[entente.ActorID]float64, n), PreTrusted: pre, Alpha: o.Alpha}
	if n == 0 {
		rk.Converged = true
		return rk
	}
	c := normalise(n, local, p)
	t := append([]float64(nil), p...)
	next := make([]float64, n)
	for rk.Iterations < o.MaxIterations {
		rk.Iterations++
		step(n, c, t, p, o.Alpha, next)
		rk.Delta = l1(t, next)
		t, next = next, t
		if rk.Delta < o.Epsilon {
			rk.Converged = true
			break
		}
	}
	for i, id := range members {
		rk.Reputation[id] = t[i]
	}
	return rk
}

// preTrusted returns the distribution p, uniform over the named members
// found among members (over all members when none is found), and the
// members it is uniform over.
func preTrusted(members []entente.ActorID, named []entente.ActorID) ([]float64, []entente.ActorID) {
	want := make(map[entente.ActorID]bool, len(named))
	for _, id := range named {
		want[id] = true
	}
	in := make([]bool, len(members))
	var pre []entente.ActorID
	for i, id := range members {
		if in[i] = want[id]; in[i] {
			pre = append(pre, id)
		}
	}
	if len(pre) == 0 {
		pre = slices.Clone(members)
		for i := range in {
			in[i] = true
		}
	}
	p := make([]float64, len(members))
	for i := range members {
		if in[i] {
			p[i] = 1 / float64(len(pre))
		}
	}
	return p, pre
}

// normalise turns local trust into the row-stochastic matrix C of
// EigenTrust: c_ij = max(t_ij − 0.5, 0) / Σ_k max(t_ik − 0.5, 0), so that
// only trust above neutral passes reputation on. A member who trusts nobody
// above neutral passes its weight to the pre-trusted members (c_ij = p_j),
// as the paper does for peers that trust no one.
func normalise(n int, local, p []float64) []float64 {
	c := make([]float64, n*n)
	for i := range n {
		row := c[i*n : (i+1)*n]
		sum := 0.0
		for j := range n {
			if v := local[i*n+j] - 0.5; i != j && v > 0 && !math.IsNaN(v) {
				row[j] = v
				sum += v
			}
		}
		if sum == 0 {
			copy(row, p)
			continue
		}
		for j := range row {
			row[j] /= sum
		}
	}
	return c
}

// step writes (1 − a)·Cᵀt + a·p into next.
func step(n int, c, t, p []float64, a float64, next []float64) {
	for j := range next {
		next[j] = a * p[j]
	}
	for i := range n {
		ti := (1 - a) * t[i]
		if ti == 0 {
			continue
		}
		row := c[i*n : (i+1)*n]
		for j, cij := range row {
			next[j] += ti * cij
		}
	}
}

// l1 returns ‖a − b‖₁.
func l1(a, b []float64) float64 {
	d := 0.0
	for i := range a {
		d += math.Abs(a[i] - b[i])
	}
	return d
}
