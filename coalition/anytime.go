package coalition

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
)

// AnytimeOptions configures SearchStructure.
type AnytimeOptions struct {
	// Budget bounds the work: the number of coalitions the search may
	// place (each costs one worth look-up and a bound test). Zero means no
	// limit: the search runs until the best structure is proven optimal.
	Budget int64
}

// AnytimeResult is the outcome of SearchStructure: the best structure found
// and a proven bound on the optimum.
type AnytimeResult struct {
	// Structure is the best coalition structure found.
	Structure
	// UpperBound is proven: no coalition structure is worth more. When
	// Value > 0 the found structure is within a factor UpperBound/Value of
	// the optimum.
	UpperBound float64
	// Optimal reports that the search finished: Value is the optimum and
	// UpperBound = Value.
	Optimal bool
	// Steps is the number of coalitions placed (at most Budget).
	Steps int64
}

// SearchStructure looks for an optimal coalition structure by the anytime
// integer-partition search IP (Rahwan, Ramchurn, Jennings & Giovannucci
// 2009, "An anytime algorithm for optimal coalition structure generation",
// JAIR 34). The structures are split into subspaces, one per integer
// partition of n (the sizes of the coalitions). A first pass over all
// coalitions records, for each size k, the ⌊n/k⌋ largest worths and the
// average worth, and evaluates the structures of one and two coalitions and
// of singletons. A subspace's upper bound is the sum of the largest worths
// of its sizes (the j-th largest for the j-th coalition of a repeated size),
// its average the sum of the averages — some structure in it is worth at
// least that, so the largest average is a lower bound on the optimum.
// Subspaces whose bound cannot beat the best value known are discarded; the
// others are searched in decreasing order of their bounds by depth-first
// branch and bound: each level adds a coalition containing the lowest
// unassigned player, of one of the sizes still to place, and a branch is cut
// when its worth so far plus the bounds of the sizes left cannot beat the
// best structure found. When the budget runs out the result reports the
// best structure and UpperBound, the largest bound of the subspaces not yet
// searched (or the best value, if larger). The search is deterministic; it
// needs the 2^n worths (n ≤ MaxTablePlayers) and, unlike OptimalStructure,
// no other table. Worst case O(n^n), but the bounds usually discard most
// subspaces; OptimalStructure is faster when an exact answer is needed.
func SearchStructure(g *Game, opts AnytimeOptions) (*AnytimeResult, error) {
	v, err := g.values()
	if err != nil {
		return nil, err
	}
	s := newIPSearch(g.n, v, opts.Budget)
	s.scan()
	s.run()
	return s.result(), nil
}

// ipSearch is the state of SearchStructure.
type ipSearch struct {
	n      int
	v      []float64
	budget int64 // 0: unlimited
	steps  int64
	// top[k] holds the ⌊n/k⌋ largest worths of size k, decreasing;
	// topSum[k][c] the sum of the first c.
	top, topSum [][]float64
	avg         []float64
	best        float64
	bestCS      []uint64
	lowerBound  float64 // max of best and the subspaces' averages
	spaces      []subspace
	unfinished  float64 // largest bound of subspaces not searched
	exhausted   bool
	// DFS state.
	count []int // sizes still to place in the current subspace
	stack []uint64
}

// subspace is an integer partition of n: count[k] coalitions of size k.
type subspace struct {
	count []int
	ub    float64
	avg   float64
}

func newIPSearch(n int, v []float64, budget int64) *ipSearch {
	return &ipSearch{n: n, v: v, budget: budget, best: math.Inf(-1), unfinished: math.Inf(-1)}
}

// scan makes the pass over all coalitions: per-size maxima and averages,
// and the structures of at most two coalitions and of singletons.
func (s *ipSearch) scan() {
	n, full := s.n, grand(s.n)
	s.top = make([][]float64, n+1)
	sums := make([]float64, n+1)
	for S, x := range s.v[1:] {
		S := uint64(S + 1)
		k := bits.OnesCount64(S)
		sums[k] += x
		s.top[k] = insertTop(s.top[k], x, n/k)
		if S&1 == 1 && S != full { // each two-coalition structure once
			s.consider(x+s.v[full^S], []uint64{S, full ^ S})
		}
	}
	s.consider(s.v[full], []uint64{full})
	singles := make([]uint64, n)
	total := 0.0
	for i := range n {
		singles[i] = 1 << i
		total += s.v[1<<i]
	}
	s.consider(total, singles)
	s.avg = make([]float64, n+1)
	s.topSum = make([][]float64, n+1)
	for k := 1; k <= n; k++ {
		s.avg[k] = sums[k] / binomial(n, k)
		s.topSum[k] = make([]float64, len(s.top[k])+1)
		for c, x := range s.top[k] {
			s.topSum[k][c+1] = s.topSum[k][c] + x
		}
	}
}

// insertTop inserts x into the decreasing list t kept to at most m entries.
func insertTop(t []float64, x float64, m int) []float64 {
	if len(t) == m && x <= t[m-1] {
		return t
	}
	i, _ := slices.BinarySearchFunc(t, x, func(a, b float64) int { return cmp.Compare(b, a) })
	t = slices.Insert(t, i, x)
	if len(t) > m {
		t = t[:m]
	}
	return t
}

func binomial(n, k int) float64 {
	c := 1.0
	for i := range k {
		c = c * float64(n-i) / float64(i+1)
	}
	return c
}

// consider records a structure if it beats the best.
func (s *ipSearch) consider(value float64, cs []uint64) {
	if value > s.best {
		s.best = value
		s.bestCS = slices.Clone(cs)
		s.lowerBound = max(s.lowerBound, value)
	}
}

// run builds the subspaces of three or more coalitions (the others were
// searched by scan), drops those that cannot beat the lower bound, and
// searches the rest by decreasing bound until done or out of budget.
func (s *ipSearch) run() {
	s.lowerBound = s.best
	for _, parts := range integerPartitions(s.n) {
		if len(parts) < 3 || len(parts) == s.n {
			continue
		}
		sp := subspace{count: make([]int, s.n+1)}
		for _, k := range parts {
			sp.count[k]++
		}
		for k, c := range sp.count {
			if c > 0 {
				sp.ub += s.topSum[k][c]
				sp.avg += float64(c) * s.avg[k]
			}
		}
		s.lowerBound = max(s.lowerBound, sp.avg)
		s.spaces = append(s.spaces, sp)
	}
	slices.SortStableFunc(s.spaces, func(a, b subspace) int { return cmp.Compare(b.ub, a.ub) })
	for _, sp := range s.spaces {
		if sp.ub <= s.best || sp.ub < s.lowerBound {
			continue // cannot hold a better (or, below the bound, any optimal) structure
		}
		if s.exhausted {
			s.unfinished = max(s.unfinished, sp.ub)
			continue
		}
		s.count = slices.Clone(sp.count)
		s.stack = s.stack[:0]
		s.dfs(grand(s.n), 0, sp.ub)
		if s.exhausted {
			s.unfinished = max(s.unfinished, sp.ub)
		}
	}
}

// dfs places the coalitions still counted in s.count on the players of
// rest; val is the worth placed so far and bound the sum of the size bounds
// of what is left. Each new coalition contains the lowest player of rest,
// so every structure of the subspace is visited once.
func (s *ipSearch) dfs(rest uint64, val, bound float64) {
	if rest == 0 {
		s.consider(val, s.stack)
		return
	}
	low := rest & -rest
	others := rest ^ low
	m := bits.OnesCount64(others)
	var pos [64]uint64
	for i, t := 0, others; t != 0; i, t = i+1, t&(t-1) {
		pos[i] = t & -t
	}
	for k := 1; k <= bits.OnesCount64(rest); k++ {
		c := s.count[k]
		if c == 0 {
			continue
		}
		// Placing one coalition of size k: the bound of size k drops from
		// the c largest worths to the c-1 largest.
		restBound := bound - (s.topSum[k][c] - s.topSum[k][c-1])
		s.count[k]--
		stop := forSubsets(pos[:m], k-1, func(t uint64) bool {
			if s.budget > 0 && s.steps >= s.budget {
				s.exhausted = true
				return false
			}
			s.steps++
			x := low | t
			nv := val + s.v[x]
			if nv+restBound > s.best {
				s.stack = append(s.stack, x)
				s.dfs(rest^x, nv, restBound)
				s.stack = s.stack[:len(s.stack)-1]
			}
			return !s.exhausted
		})
		s.count[k]++
		if stop {
			return
		}
	}
}

// forSubsets calls visit with the union of every k of the given single-bit
// masks, in lexicographic order of positions, until visit returns false;
// it reports whether it was stopped.
func forSubsets(pos []uint64, k int, visit func(t uint64) bool) bool {
	m := len(pos)
	if k > m {
		return false
	}
	idx := make([]int, k)
	for i := range idx {
		idx[i] = i
	}
	for {
		var t uint64
		for _, i := range idx {
			t |= pos[i]
		}
		if !visit(t) {
			return true
		}
		// Next combination: the rightmost index that can move.
		j := k - 1
		for j >= 0 && idx[j] == m-k+j {
			j--
		}
		if j < 0 {
			return false
		}
		idx[j]++
		for i := j + 1; i < k; i++ {
			idx[i] = idx[i-1] + 1
		}
	}
}

// integerPartitions lists the partitions of n as non-increasing parts.
func integerPartitions(n int) [][]int {
	var out [][]int
	var rec func(rest, maxPart int, cur []int)
	rec = func(rest, maxPart int, cur []int) {
		if rest == 0 {
			out = append(out, slices.Clone(cur))
			return
		}
		for k := min(rest, maxPart); k >= 1; k-- {
			rec(rest-k, k, append(cur, k))
		}
	}
	rec(n, n, nil)
	return out
}

func (s *ipSearch) result() *AnytimeResult {
	cs := slices.Clone(s.bestCS)
	slices.Sort(cs)
	total := 0.0
	for _, c := range cs {
		total += s.v[c]
	}
	r := &AnytimeResult{Structure: Structure{Coalitions: cs, Value: total}, Steps: s.steps}
	r.UpperBound = max(s.best, s.unfinished)
	r.Optimal = !s.exhausted
	if r.Optimal {
		r.UpperBound = total
	}
	return r
}
