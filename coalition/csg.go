package coalition

import (
	"fmt"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// Structure is a coalition structure: disjoint coalitions whose union is the
// set of all players, with its value Σ v(C).
type Structure struct {
	// Coalitions are the masks of the coalitions, in increasing order.
	Coalitions []uint64
	// Value is Σ v(C) over the coalitions.
	Value float64
}

// StructureValue returns Σ v(C) over the given coalitions, checking that
// they are non-empty, disjoint and cover the players of g.
func StructureValue(g *Game, coalitions []uint64) (float64, error) {
	var union uint64
	total := 0.0
	for _, c := range coalitions {
		if c == 0 || c&union != 0 || c&^g.Grand() != 0 {
			return 0, fmt.Errorf("%w: coalition %b is empty, overlaps another or has unknown players", ErrInput, c)
		}
		union |= c
		total += g.Value(c)
	}
	if union != g.Grand() {
		return 0, fmt.Errorf("%w: coalitions cover %b, not all %d players", ErrInput, union, g.n)
	}
	return total, nil
}

// OptimalStructure returns a coalition structure of g of maximum value
// Σ v(C), exactly. It is a dynamic program over coalitions (see the package
// documentation for the rules and their proofs):
//
//   - a split {A, B} of a coalition S ≠ N is evaluated only when neither part
//     has more players than the complement N \ S, which leaves each
//     partition of N into three blocks to be examined in one of its three
//     roles instead of all three (about 3^n/6 additions instead of 3^n/2),
//     and no split at all for coalitions of more than 2n/3 players;
//   - coalitions of more than n/2 players only matter through the split of N
//     into S and N \ S, so S's splits are skipped when an upper bound on
//     them plus the exact best value of N \ S cannot beat the best structure
//     already known. The bound for S is max over the admissible sizes
//     (a, s-a) of M_a(S) + M_{s-a}(S), with M_a(S) the best value of an
//     a-player subset of S, tabulated for all S by a subset-maximum
//     transform (in float32 rounded up, kept only for the coalitions
//     whose bound reads it, while the tables fit in 4 GiB; the largest
//     value of each size bounds them otherwise);
//   - the table is read in cache-sized blocks of 2^14 coalitions.
//
// The work is shared among the available cores; the result does not depend
// on scheduling. On two cores 22 players take about a second and 25
// players 10 to 20 s (see the package documentation). Memory: two tables of
// 2^n float64 and the bound tables (0.6 GiB at 25 players, 2.6 GiB at 27). Optimal up to
// the rounding of the float64 sums. n ≤ MaxTablePlayers.
func OptimalStructure(g *Game) (*Structure, error) {
	v, err := g.values()
	if err != nil {
		return nil, err
	}
	d := &dpSolver{n: g.n, v: v, f: slices.Clone(v)}
	d.run(true)
	return d.structure(grand(d.n)), nil
}

// dpSolver holds the worths v and the table f, where f[S] is the value of
// the best partition of S found: after the coalitions of S's size have been
// processed it is at least v(S) and at least f[A] + f[S\A] for every split
// the rule evaluates (unless S was pruned: then f[S] = v(S)).
type dpSolver struct {
	n     int
	v, f  []float64
	stats *dpStats // nil unless counting
	// alwaysRefine builds the subset-maximum bound tables even when the
	// bound by sizes leaves little work (for tests).
	alwaysRefine bool
	// refineWith, when set, replaces splitBound.refine (tests and
	// benchmarks: the full tables of earlier versions).
	refineWith func(*splitBound, *dpSolver) bool
}

// run fills f. Without pruning every coalition's admissible splits are
// evaluated (the tests compare both).
func (d *dpSolver) run(prune bool) {
	d.smallCoalitions()
	if prune {
		d.largeCoalitionsPruned()
	} else {
		d.largeCoalitions()
	}
	d.evalRange(grand(d.n), 0, d.n-1)
}

// largeCoalitions evaluates the admissible splits of every coalition of
// more than n/2 players.
func (d *dpSolver) largeCoalitions() {
	for s := d.n/2 + 1; s < d.n; s++ {
		lo, hi := splitSizes(d.n, s)
		if lo > hi {
			break
		}
		d.forEachCoalition(s, func(_ int, S uint64) { d.evalRange(S, lo, hi) })
	}
}

// lowerBound returns the best value of a structure made of one coalition of
// at least n/2 players and the best partition of its complement (exact, as
// the complement has at most n/2 players), or of two halves.
func (d *dpSolver) lowerBound() float64 {
	n, full := d.n, grand(d.n)
	lb := math.Inf(-1)
	for S := uint64(1); S < full; S++ {
		k := bits.OnesCount64(S)
		switch {
		case 2*k == n:
			lb = max(lb, d.f[S]+d.f[full^S])
		case 2*k > n:
			lb = max(lb, d.v[S]+d.f[full^S])
		}
	}
	return lb
}

// splitSizes returns the range of |T| = |A|-1 of the splits {A, B} of a
// coalition of s < n players that are evaluated, A being the part holding
// S's highest player: both |A| and |B| = s-|A| must lie in [2s-n, n-s], so
// that neither exceeds the complement's n-s players. Empty (lo > hi) when
// s > 2n/3.
func splitSizes(n, s int) (lo, hi int) {
	lo = max(0, 2*s-n-1)
	hi = min(s-2, n-s-1)
	return lo, hi
}

// forEachCoalition calls visit(w, S) for every coalition S of s players,
// w being the index of the calling worker (0 ≤ w < GOMAXPROCS). The
// coalitions are grouped by the pattern of their top bits and the groups
// are shared among the cores.
func (d *dpSolver) forEachCoalition(s int, visit func(w int, S uint64)) {
	n := d.n
	pb := prefixBits(n)
	low := n - pb
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				p := uint64(next.Add(1) - 1)
				if p >= 1<<pb {
					return
				}
				k := s - bits.OnesCount64(p)
				if k < 0 || k > low {
					continue
				}
				prefix := p << low
				forCombinations(low, k, func(x uint64) { visit(w, prefix|x) })
			}
		}()
	}
	wg.Wait()
}

// prefixBits is the number of top bits whose pattern groups the
// coalitions in forEachCoalition: up to 1024 groups for load balance.
func prefixBits(n int) int { return min(n, 10) }

// forCombinations calls visit with every mask of k bits among the low m
// bits, in increasing order (Gosper's hack).
func forCombinations(m, k int, visit func(x uint64)) {
	if k == 0 {
		visit(0)
		return
	}
	limit := uint64(1) << m
	for x := uint64(1)<<k - 1; x < limit; {
		visit(x)
		c := x & -x
		r := x + c
		x = ((r^x)>>2)/c | r
	}
}

// evalRange sets f[S] to the best of v(S) and f[A] + f[S\A] over the splits
// with lo ≤ |T| ≤ hi, where A = {top} ∪ T holds S's highest player and
// T ⊂ R = S \ {top}. Every unordered split is visited once.
func (d *dpSolver) evalRange(S uint64, lo, hi int) {
	top := uint64(1) << (63 - bits.LeadingZeros64(S))
	r := S ^ top
	f := d.f
	best := f[S]
	if lo == 0 && hi >= bits.OnesCount64(r)-1 {
		for t := r; t != 0; {
			t = (t - 1) & r
			if x := f[top|t] + f[r^t]; x > best {
				best = x
			}
		}
	} else {
		for t := r; t != 0; {
			t = (t - 1) & r
			if k := bits.OnesCount64(t); k < lo || k > hi {
				continue
			}
			if x := f[top|t] + f[r^t]; x > best {
				best = x
			}
		}
	}
	f[S] = best
}

// bestSplit returns a split {A, B} of S among those evaluated with
// f[A] + f[B] = f[S], or ok = false when f[S] = v(S) (S stays whole). The
// sums are the same floating-point operations as in evalRange, so the
// equality is exact.
func (d *dpSolver) bestSplit(S uint64) (a, b uint64, ok bool) {
	if d.f[S] == d.v[S] {
		return 0, 0, false
	}
	lo, hi := 0, d.n-1
	if S != grand(d.n) {
		lo, hi = splitSizes(d.n, bits.OnesCount64(S))
	}
	top := uint64(1) << (63 - bits.LeadingZeros64(S))
	r := S ^ top
	for t := r; t != 0; {
		t = (t - 1) & r
		if k := bits.OnesCount64(t); k < lo || k > hi {
			continue
		}
		if d.f[top|t]+d.f[r^t] == d.f[S] {
			return top | t, r ^ t, true
		}
	}
	panic("coalition: no split attains the dynamic program's value")
}

// structure unfolds the best splits from S into a coalition structure.
func (d *dpSolver) structure(S uint64) *Structure {
	var out []uint64
	stack := []uint64{S}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if a, b, ok := d.bestSplit(c); ok {
			stack = append(stack, a, b)
		} else {
			out = append(out, c)
		}
	}
	slices.Sort(out)
	total := 0.0
	for _, c := range out {
		total += d.v[c]
	}
	return &Structure{Coalitions: out, Value: total}
}

// plainDP is the textbook dynamic program (Yeh 1986; Rothkopf, Pekeč &
// Harstad 1998): f(S) = max(v(S), max over every proper non-empty A ⊂ S of
// f(A) + f(S\A)), coalitions in increasing order of their masks (a subset
// has a smaller mask), all 3^n submask pairs, one core. It is the baseline
// of the benchmarks and a reference for the tests.
func plainDP(v []float64, n int) *Structure {
	f := slices.Clone(v[:1<<n])
	plainFill(f)
	d := &dpSolver{n: n, v: v, f: f}
	return d.structureAnySplit(grand(n))
}

// plainFill runs the plain dynamic program in place on f, of length 2^n,
// holding the worths: the same loop as the C reference
// (testdata/cref/plain.c), submasks A of S from S-1 down, so that the two
// compare like for like. Two running maxima alternate between consecutive
// splits (max is exact, so the result is that of one); the indices are
// written A&S and S&^A so that the compiler sees they are at most S and
// drops the bounds checks.
func plainFill(f []float64) {
	size := uint64(len(f))
	for S := uint64(3); S < size; S++ {
		b0, b1 := f[S], f[S]
		for a := (S - 1) & S; a != 0; {
			if x := f[a&S] + f[S&^a]; x > b0 {
				b0 = x
			}
			if a = (a - 1) & S; a == 0 {
				break
			}
			if y := f[a&S] + f[S&^a]; y > b1 {
				b1 = y
			}
			a = (a - 1) & S
		}
		if b1 > b0 {
			b0 = b1
		}
		f[S] = b0
	}
}

// structureAnySplit unfolds a table in which every split was evaluated.
func (d *dpSolver) structureAnySplit(S uint64) *Structure {
	var out []uint64
	stack := []uint64{S}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		found := false
		if d.f[c] != d.v[c] {
			for a := (c - 1) & c; a != 0; a = (a - 1) & c {
				if d.f[a]+d.f[c^a] == d.f[c] {
					stack = append(stack, a, c^a)
					found = true
					break
				}
			}
		}
		if !found {
			out = append(out, c)
		}
	}
	slices.Sort(out)
	total := 0.0
	for _, c := range out {
		total += d.v[c]
	}
	return &Structure{Coalitions: out, Value: total}
}
