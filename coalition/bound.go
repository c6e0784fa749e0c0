package coalition

import (
	"math"
	"math/bits"
)

// maxBoundBytes caps the memory of the subset-maximum tables of splitBound.
const maxBoundBytes = 4 << 30

// splitBound bounds, for a coalition S of more than n/2 players, the best
// admissible split f(A) + f(S\A): both parts have at most n/2 players, so
// their f is final when the bound is built.
type splitBound struct {
	// sizeMax[a] is the largest f over coalitions of a players.
	sizeMax []float64
	// sub[a][S] is the largest f(A) over A ⊆ S with |A| = a, rounded up to
	// float32 (-Inf when S has fewer than a players); nil beyond the
	// memory budget.
	sub [][]float32
}

// newSplitBound returns the bound by sizes only; refine adds the tables.
func newSplitBound(d *dpSolver) *splitBound {
	maxA := d.maxPart()
	b := &splitBound{sizeMax: make([]float64, maxA+1)}
	for a := range b.sizeMax {
		b.sizeMax[a] = math.Inf(-1)
	}
	for S, x := range d.f {
		if k := bits.OnesCount(uint(S)); k >= 1 && k <= maxA {
			b.sizeMax[k] = max(b.sizeMax[k], x)
		}
	}
	return b
}

// maxPart is the largest part of an admissible split of a coalition of more
// than n/2 players.
func (d *dpSolver) maxPart() int { return d.n - (d.n/2 + 1) }

// refineCost estimates the work of refine: maxPart transforms of n passes
// over half the table.
func (d *dpSolver) refineCost() float64 {
	return float64(d.maxPart()) * float64(d.n) * float64(uint64(1)<<(d.n-1))
}

// refine builds the subset-maximum tables, unless they would exceed
// maxBoundBytes; it reports whether it did.
func (b *splitBound) refine(d *dpSolver) bool {
	n, maxA := d.n, d.maxPart()
	if int64(maxA)<<n*4 > maxBoundBytes {
		return false
	}
	b.sub = make([][]float32, maxA+1)
	parallelFor(maxA, func(i int) { b.sub[i+1] = subsetMax(d.f, n, i+1) })
	return true
}

// subsetMax returns t[S] = max{f(A) : A ⊆ S, |A| = a}, rounded up to float32,
// by the subset-maximum ("sum over subsets" with max) transform: start from
// the coalitions of a players and, for each player in turn, let every
// coalition containing it take the maximum with the coalition without it.
// O(n·2^n).
func subsetMax(f []float64, n, a int) []float32 {
	t := make([]float32, len(f))
	for S, x := range f {
		if bits.OnesCount(uint(S)) == a {
			t[S] = up32(x)
		} else {
			t[S] = float32(math.Inf(-1))
		}
	}
	for i := range n {
		bit := 1 << i
		for hi := 0; hi < len(t); hi += 2 * bit {
			lower, upper := t[hi:hi+bit], t[hi+bit:hi+2*bit]
			for k, x := range lower {
				upper[k] = max(upper[k], x)
			}
		}
	}
	return t
}

// up32 rounds x to a float32 no smaller than x, so bounds stay bounds.
func up32(x float64) float32 {
	y := float32(x)
	if float64(y) < x {
		y = math.Nextafter32(y, float32(math.Inf(1)))
	}
	return y
}

// sizeLevel bounds the splits of any coalition of s players: the largest
// f of each admissible part size, added.
func (b *splitBound) sizeLevel(s, lo, hi int) float64 {
	ub := math.Inf(-1)
	for t := lo; t <= hi; t++ {
		ub = max(ub, b.sizeMax[t+1]+b.sizeMax[s-t-1])
	}
	return ub
}

// of bounds the splits of the coalition S of s players.
func (b *splitBound) of(S uint64, s, lo, hi int) float64 {
	if b.sub == nil {
		return b.sizeLevel(s, lo, hi)
	}
	ub := math.Inf(-1)
	for t := lo; t <= hi; t++ {
		ub = max(ub, float64(b.sub[t+1][S])+float64(b.sub[s-t-1][S]))
	}
	return ub
}
