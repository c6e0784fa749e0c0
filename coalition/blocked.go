package coalition

import (
	"math/bits"
)

// blockBits is the number of low bits of a block: blockSize = 2^14 float64
// = 128 KiB, so the three blocks a pair of prefixes touches stay in a 1 MiB
// L2 cache.
const (
	blockBits = 14
	blockSize = 1 << blockBits
)

// smallCoalitions evaluates every split of every coalition of at most n/2
// players, block by block for cache locality. A coalition S = p·2^L + x is
// split by its high bits p (the prefix, n-L bits) and low bits x (L bits);
// its parts are A = pA|xA ∋ top(S) and B = pB|xB with pA ∪ pB = p. Because
// top(S) lies in p (when p ≠ 0), the splits with pB ≠ 0 combine the blocks
// of two smaller prefixes, and all of them are done pair of blocks by pair
// of blocks over every x of the block (three 128 KiB blocks in cache). The
// splits with pB = 0 combine the coalition's own block with block 0 and are
// done afterwards in increasing order of x, so the parts are final. Prefixes
// with the same number of bits only read blocks of fewer bits, so they run
// in parallel.
func (d *dpSolver) smallCoalitions() {
	n, half := d.n, d.n/2
	if n <= blockBits {
		d.block0(n, half)
		return
	}
	low, pre := blockBits, n-blockBits
	d.block0(low, half)
	byLevel := make([][]uint64, pre+1)
	for p := uint64(1); p < 1<<pre; p++ {
		j := bits.OnesCount64(p)
		byLevel[j] = append(byLevel[j], p)
	}
	for j := 1; j <= min(pre, half); j++ {
		xs := lowMasks(low, half-j)
		ps := byLevel[j]
		parallelFor(len(ps), func(i int) { d.prefixBlock(ps[i], xs) })
	}
}

// lowMasks lists the masks of L bits with at most k bits set, increasing.
func lowMasks(l, k int) []uint64 {
	var xs []uint64
	for x := uint64(0); x < 1<<l; x++ {
		if bits.OnesCount64(x) <= k {
			xs = append(xs, x)
		}
	}
	return xs
}

// block0 runs the dynamic program inside block 0 (coalitions of low players
// only), in increasing order of the masks.
func (d *dpSolver) block0(low, half int) {
	for x := uint64(3); x < 1<<low; x++ {
		if k := bits.OnesCount64(x); k >= 2 && k <= half {
			d.evalRange(x, 0, k-2)
		}
	}
}

// prefixBlock evaluates the coalitions p·2^L + x for every x in xs.
func (d *dpSolver) prefixBlock(p uint64, xs []uint64) {
	block := func(q uint64) *[blockSize]float64 {
		return (*[blockSize]float64)(d.f[q*blockSize : (q+1)*blockSize])
	}
	own := block(p)
	top := uint64(1) << (63 - bits.LeadingZeros64(p))
	rest := p ^ top
	// Pairs of other blocks: pA = top|t with t ⊆ rest, pB = rest^t ≠ 0.
	for t := rest; t != 0; {
		t = (t - 1) & rest
		a, b := block(top|t), block(rest^t)
		for _, x := range xs {
			x &= blockSize - 1
			own[x] = splitMax(a, b, x, own[x])
		}
	}
	// Own block with block 0: A = p|xA, B = x^xA. The term xA = x (B = ∅)
	// adds f(∅) = 0 to own[x] itself, so it can stay in the loop.
	b0 := block(0)
	for _, x := range xs {
		x &= blockSize - 1
		own[x] = splitMax(own, b0, x, own[x])
	}
}

// splitMax returns the max of g and a[xA] + b[x^xA] over all xA ⊆ x.
// Starting from the best value so far (rather than -Inf) makes a new
// maximum, and so a mispredicted branch, rare. The blocks are fixed-size
// arrays and the indices are masked to the block, which lets the compiler
// drop bounds checks. The submask step (q-1)&r is a chain of dependent
// instructions, so the two lowest bits of x are peeled off and each step
// covers four submasks, whose sums are formed before any comparison.
func splitMax(a, b *[blockSize]float64, x uint64, g float64) float64 {
	const mask = blockSize - 1
	if bits.OnesCount64(x) < 2 {
		for xa := x; ; xa = (xa - 1) & x {
			g = max2(g, a[xa&mask]+b[(x^xa)&mask])
			if xa == 0 {
				return g
			}
		}
	}
	l1 := x & -x
	l2 := (x ^ l1) & -(x ^ l1)
	lo := l1 | l2
	r := x ^ lo
	for q := r; ; q = (q - 1) & r {
		c := x ^ q // the complement of q in x: r^q and both low bits
		v1 := a[q&mask] + b[c&mask]
		v2 := a[(q|l1)&mask] + b[(c^l1)&mask]
		v3 := a[(q|l2)&mask] + b[(c^l2)&mask]
		v4 := a[(q|lo)&mask] + b[(c^lo)&mask]
		if v1 > g {
			g = v1
		}
		if v2 > g {
			g = v2
		}
		if v3 > g {
			g = v3
		}
		if v4 > g {
			g = v4
		}
		if q == 0 {
			return g
		}
	}
}

// max2 is max without the NaN handling of the builtin (worths are finite).
func max2(a, b float64) float64 {
	if b > a {
		return b
	}
	return a
}
