package power

import (
	"math"
	"slices"
)

// threshold is the common form the exact algorithms work on: coalition S
// wins when w(S) >= theta[|S|], a weighted game whose quota may depend on the
// coalition's size. A weighted game has a constant theta. A multiple-weight
// game in which every layer but one gives all players the same weight (such
// as the EU rule: member count, population, blocking minority) reduces to it:
// the uniform layers and the blocking clause only depend on |S|. theta is
// non-increasing in the size for the games of this package, so the game is
// monotone; theta[s] > total means size s never wins.
type threshold struct {
	w     []int64
	total int64
	theta []int64 // len n+1
}

// thresholdOf returns the threshold form of a weighted game.
func thresholdOf(g *Weighted) *threshold {
	th := &threshold{w: g.weights, total: g.total, theta: make([]int64, g.N()+1)}
	for s := range th.theta {
		th.theta[s] = g.quota
	}
	return th
}

// multiThreshold returns the threshold form of g if at most one of its
// layers has unequal weights.
func multiThreshold(g *MultiWeighted) (*threshold, bool) {
	n := g.N()
	primary := -1
	for l, ly := range g.layers {
		if slices.Min(ly.Weights) != slices.Max(ly.Weights) {
			if primary >= 0 {
				return nil, false
			}
			primary = l
		}
	}
	th := &threshold{theta: make([]int64, n+1)}
	var primaryQuota int64
	if primary >= 0 {
		th.w, th.total, primaryQuota = g.layers[primary].Weights, g.totals[primary], g.layers[primary].Quota
	} else {
		th.w = make([]int64, n) // all-zero weights: only the size matters
	}
	never := th.total + 1
	for s := 0; s <= n; s++ {
		th.theta[s] = primaryQuota
		for l, ly := range g.layers {
			if l != primary && ly.Weights[0]*int64(s) < ly.Quota {
				th.theta[s] = never
			}
		}
		if g.minBlockers > 0 && n-s < g.minBlockers {
			th.theta[s] = 0
		}
	}
	return th, true
}

// constant reports whether the quota does not depend on the size.
func (th *threshold) constant() bool {
	return slices.Min(th.theta) == slices.Max(th.theta)
}

// swingWindow returns the weights w(S) for which a coalition S of size s not
// containing player i is a swing for i (S loses, S+i wins), clipped to the
// possible range [0, total-w_i]; empty when lo > hi.
func (th *threshold) swingWindow(i, s int) (lo, hi int64) {
	lo = max(0, th.theta[s+1]-th.w[i])
	hi = min(th.theta[s]-1, th.total-th.w[i])
	return lo, hi
}

// need returns the largest table position required to count the coalitions
// whose weight lies in [a, b] out of the possible [0, m]: prefix sums at b
// (unless b = m, the full count, which is known) and at a-1.
func need(a, b, m int64) int64 {
	n := a - 1
	if b < m {
		n = max(n, b)
	}
	return n
}

// orientation decides whether to count swings directly (by the weight of the
// coalition S) or through the complement T = N\{i}\S, whose weight lies in
// the mirrored window. It returns the table size D needed by the cheaper
// orientation and whether that is the complement: for a constant quota q,
// D = min(q-1, total-q), so quotas above one half are as cheap as below.
func (th *threshold) orientation(withWinning bool) (d int64, complement bool) {
	n := len(th.w)
	var dDirect, dComp int64 = -1, -1
	sizes := n
	if th.constant() {
		sizes = min(n, 1) // every size has the same window
	}
	for i := range n {
		m := th.total - th.w[i]
		for s := 0; s < sizes; s++ {
			lo, hi := th.swingWindow(i, s)
			if lo > hi {
				continue
			}
			dDirect = max(dDirect, need(lo, hi, m))
			dComp = max(dComp, need(m-hi, m-lo, m))
		}
	}
	if withWinning {
		for s := 0; s <= n; s++ {
			// Winning: w(S) >= theta[s], i.e. not w(S) <= theta[s]-1; by the
			// complement: w(N\S) <= total-theta[s].
			t := th.theta[s]
			if t > 0 && t <= th.total {
				dDirect = max(dDirect, t-1)
				dComp = max(dComp, th.total-t)
			}
		}
	}
	if dComp < dDirect {
		return max(dComp, 0), true
	}
	return max(dDirect, 0), false
}

// sizeRange returns, for each size s, the least and greatest weight of a
// coalition of s players (sums of the s lightest and s heaviest weights).
func sizeRange(w []int64) (lo, hi []int64) {
	sorted := slices.Clone(w)
	slices.Sort(sorted)
	n := len(w)
	lo, hi = make([]int64, n+1), make([]int64, n+1)
	for s := 1; s <= n; s++ {
		lo[s] = lo[s-1] + sorted[s-1]
		hi[s] = hi[s-1] + sorted[n-s]
	}
	return lo, hi
}

// satMul returns a*b saturated at MaxInt64 (for cost estimates).
func satMul(a, b int64) int64 {
	if a == 0 || b == 0 {
		return 0
	}
	if a > math.MaxInt64/b {
		return math.MaxInt64
	}
	return a * b
}
