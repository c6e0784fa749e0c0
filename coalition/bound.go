package coalition

import (
	"math"
	"math/bits"
)

// maxBoundBytes caps the memory of the subset-maximum tables of splitBound
// (the stored entries and the working table).
const maxBoundBytes = 4 << 30

// splitBound bounds, for a coalition S of more than n/2 players, the best
// admissible split f(A) + f(S\A): both parts have at most n/2 players, so
// their f is final when the bound is built.
type splitBound struct {
	// sizeMax[a] is the largest f over coalitions of a players.
	sizeMax []float64
	// sub[a] holds M_a(S), the largest f(A) over A ⊆ S with |A| = a,
	// rounded up to float32, for the coalitions S whose bound reads it: the
	// sizes s from n/2+1 to last(a) (s such that a is an admissible part
	// size of s), size by size and, within a size, in increasing order of
	// the masks, at off[s] + rank(S). nil beyond the memory budget, or
	// for a part size no bound reads.
	sub [][]float32
	off []int
	rk  *ranker
	// lookup, when set, replaces the tables (tests: the full tables of
	// earlier versions).
	lookup func(S uint64, s, lo, hi int) float64
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

// boundLayout returns, for the sizes s of the coalitions whose splits are
// bounded (n/2 < s, admissible splits exist), the offsets off[s] of the
// size blocks (off has n+2 entries) and, for each part size a, the largest
// size last[a] whose bound reads M_a (0 if none).
func boundLayout(n int) (off, last []int) {
	off = make([]int, n+2)
	last = make([]int, n/2+1)
	s0 := n/2 + 1
	for s := s0; s <= n; s++ {
		off[s+1] = off[s]
		lo, hi := splitSizes(n, s)
		if s == n || lo > hi {
			continue
		}
		off[s+1] += int(binomialInt(n, s))
		for t := lo; t <= hi; t++ {
			last[t+1] = s
		}
	}
	return off, last
}

// boundBytes is the memory refine needs: the stored entries and a working
// table of 2^n float32.
func boundBytes(n int) int64 {
	off, last := boundLayout(n)
	total := int64(1) << n
	for _, s := range last {
		if s > 0 {
			total += int64(off[s+1])
		}
	}
	return 4 * total
}

// refine builds the subset-maximum tables, unless they would exceed
// maxBoundBytes; it reports whether it did. Each table M_a is computed over
// all 2^n coalitions in one working table (see subsetMaxInto) and only the
// entries a bound reads are kept: at 25 players 0.5 GB instead of twelve
// full tables of 2^25 entries (1.5 GiB), at 27 players 2.3 GB.
func (b *splitBound) refine(d *dpSolver) bool {
	n := d.n
	if boundBytes(n) > maxBoundBytes {
		return false
	}
	off, last := boundLayout(n)
	b.off, b.rk = off, newRanker(n)
	b.sub = make([][]float32, len(last))
	work := make([]float32, 1<<n)
	s0 := n/2 + 1
	for a, sl := range last {
		if sl == 0 {
			continue
		}
		subsetMaxInto(work, d.f, n, a)
		dst := make([]float32, off[sl+1])
		b.rk.extract(dst, work, off, s0, sl)
		b.sub[a] = dst
	}
	return true
}

// phase1Bits is the number of low bits of the chunks the first phase of the
// transform works in (2^14 float32 = 64 KiB, in the L2 cache); tileBits and
// groupBits shape the second phase: tiles of 2^10 float32 (4 KiB), 2^5 of
// them at a time (128 KiB).
const (
	phase1Bits = 14
	tileBits   = 10
	groupBits  = 5
)

// subsetMaxInto sets t[S] = max{f(A) : A ⊆ S, |A| = a}, rounded up to
// float32 (-Inf when S has fewer than a players), by the subset-maximum
// ("sum over subsets" with max) transform: start from the coalitions of a
// players and, for each player in turn, let every coalition containing it
// take the maximum with the coalition without it. The players are taken in
// cache-sized groups: first the 14 lowest inside each chunk of 2^14
// entries, then the others up to five at a time on tiles of 2^10 entries,
// so the 2^n table is streamed from memory a few times instead of n times.
// The maximum does not depend on the order of the steps, so the result is
// that of the plain transform. O(n·2^n), parallel.
func subsetMaxInto(t []float32, f []float64, n, a int) {
	B := min(n, phase1Bits)
	ninf := float32(math.Inf(-1))
	parallelFor(1<<(n-B), func(c int) {
		base := c << B
		seg, fs := t[base:base+1<<B], f[base:base+1<<B]
		for x := range seg {
			if bits.OnesCount(uint(base|x)) == a {
				seg[x] = up32(fs[x])
			} else {
				seg[x] = ninf
			}
		}
		for i := range B {
			bit := 1 << i
			for hi := 0; hi < len(seg); hi += 2 * bit {
				lower, upper := seg[hi:hi+bit], seg[hi+bit:hi+2*bit]
				for k, x := range lower {
					upper[k] = max(upper[k], x)
				}
			}
		}
	})
	h := n - B
	if h == 0 {
		return
	}
	groups := (h + groupBits - 1) / groupBits
	lo := B
	for gi := range groups {
		g := h / groups
		if gi < h%groups {
			g++
		}
		highGroup(t, n, lo, g)
		lo += g
	}
}

// highGroup applies the transform's steps for the players lo .. lo+g-1
// (lo ≥ tileBits): for every tile of 2^tileBits entries whose index has
// those bits clear, the 2^g tiles obtained by setting them are processed
// together.
func highGroup(t []float32, n, lo, g int) {
	const W = 1 << tileBits
	lowTiles := lo - tileBits // bits of the tile index below the group
	parallelFor(1<<(n-g-tileBits), func(k int) {
		base := (k>>lowTiles)<<(lo+g) | (k&(1<<lowTiles-1))<<tileBits
		for j := range g {
			step := 1 << (lo + j)
			for m := 0; m < 1<<g; m++ {
				if m>>j&1 == 1 {
					continue
				}
				p := base + m<<lo
				src := t[p : p+W]
				dst := t[p+step : p+step+W]
				for i, x := range src {
					dst[i] = max(dst[i], x)
				}
			}
		}
	})
}

// up32 rounds x to a float32 no smaller than x, so bounds stay bounds.
func up32(x float64) float32 {
	y := float32(x)
	if float64(y) < x {
		y = math.Nextafter32(y, float32(math.Inf(1)))
	}
	return y
}

// ranker gives the colex rank of a coalition among those of its size (the
// position of its mask in increasing order), Σ_j C(p_j, j+1) over its
// players p_0 < p_1 < …, from two tables: the low half of the players and,
// by the number of low players, the high half.
type ranker struct {
	lowBits, highBits int
	low               []uint32 // low[x]
	high              []uint32 // high[c<<highBits | h]
}

func newRanker(n int) *ranker {
	L := (n + 1) / 2
	r := &ranker{lowBits: L, highBits: n - L, low: make([]uint32, 1<<L), high: make([]uint32, (L+1)<<(n-L))}
	for x := range r.low {
		j, sum := 0, uint64(0)
		for m := uint64(x); m != 0; m &= m - 1 {
			sum += binomialInt(bits.TrailingZeros64(m), j+1)
			j++
		}
		r.low[x] = uint32(sum)
	}
	for c := 0; c <= L; c++ {
		for h := 0; h < 1<<(n-L); h++ {
			j, sum := c, uint64(0)
			for m := uint64(h); m != 0; m &= m - 1 {
				sum += binomialInt(L+bits.TrailingZeros64(m), j+1)
				j++
			}
			r.high[c<<(n-L)|h] = uint32(sum)
		}
	}
	return r
}

func (r *ranker) rank(S uint64) int {
	x := S & (1<<r.lowBits - 1)
	return int(r.low[x] + r.high[uint64(bits.OnesCount64(x))<<r.highBits|S>>r.lowBits])
}

// extract copies t[S] to dst[off[s] + rank(S)] for the coalitions of s0 to
// sl players.
func (r *ranker) extract(dst, t []float32, off []int, s0, sl int) {
	n := r.lowBits + r.highBits
	B := min(n, phase1Bits)
	parallelFor(1<<(n-B), func(c int) {
		base := uint64(c) << B
		for x, y := range t[base : base+1<<B] {
			S := base | uint64(x)
			if s := bits.OnesCount64(S); s >= s0 && s <= sl {
				dst[off[s]+r.rank(S)] = y
			}
		}
	})
}

// binomialInt returns C(n, k) exactly (n ≤ 64, values within uint64 for
// the sizes used here).
func binomialInt(n, k int) uint64 {
	if k < 0 || k > n {
		return 0
	}
	c := uint64(1)
	for i := range k {
		c = c * uint64(n-i) / uint64(i+1)
	}
	return c
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
	if b.lookup != nil {
		return b.lookup(S, s, lo, hi)
	}
	if b.sub == nil {
		return b.sizeLevel(s, lo, hi)
	}
	i := b.off[s] + b.rk.rank(S)
	ub := math.Inf(-1)
	for t := lo; t <= hi; t++ {
		ub = max(ub, float64(b.sub[t+1][i])+float64(b.sub[s-t-1][i]))
	}
	return ub
}
