package coalition

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
)

// dpStats counts the work of the pruned search (for tests and tuning).
type dpStats struct {
	candidates int
	evaluated  int
	initialLB  float64
	refined    bool
}

// candidate is a coalition S of more than n/2 players whose splits might
// improve on the best structure known, with an upper bound on
// f(S) + f(N\S) were they evaluated.
type candidate struct {
	s  uint64
	ub float64
}

// chunkSize is the number of candidates evaluated between two updates of
// the lower bound in the best-first phase, which lasts bestFirstChunks
// chunks: the best candidates usually hold the optimum, and the lower bound
// they give prunes most of the others.
const (
	chunkSize       = 256
	bestFirstChunks = 4
)

// largeCoalitionsPruned evaluates the splits of the coalitions S of more
// than n/2 players that may matter. Such an S only matters through the
// split of N into S and N\S (a coalition containing S would have a part
// larger than its complement), and f(N\S) is already exact, so S's splits
// are worth evaluating only if bound(S) + f(N\S) beats the best structure
// known, lb. The candidates are sorted by that bound; the best are
// evaluated one by one, in chunks between which lb is raised; the rest
// whose bound still beats lb are then evaluated block by block, which
// reads the table far more efficiently than coalition by coalition. lb
// only changes between chunks, so the result does not depend on
// scheduling.
func (d *dpSolver) largeCoalitionsPruned() {
	n := d.n
	if n/2+1 >= n {
		return
	}
	b := newSplitBound(d)
	lb := d.lowerBound()
	lists := make(map[int][]uint32)
	for s := n/2 + 1; s < n; s++ {
		if lo, hi := splitSizes(n, s); lo <= hi {
			lists[s] = compactMasks(s-1, lo, hi)
		}
	}
	cands := d.candidates(b, lb, lists)
	if d.stats != nil {
		d.stats.candidates = len(cands)
		d.stats.initialLB = lb
		d.stats.refined = b.sub != nil || b.lookup != nil
	}
	full := grand(n)
	gain := make([]float64, chunkSize)
	start := 0
	for ; start < len(cands) && start < bestFirstChunks*chunkSize && cands[start].ub > lb; start += chunkSize {
		chunk := cands[start:min(start+chunkSize, len(cands))]
		chunkLB := lb
		parallelFor(len(chunk), func(i int) {
			gain[i] = math.Inf(-1)
			if c := chunk[i]; c.ub > chunkLB {
				d.evalCompact(c.s, lists[bits.OnesCount64(c.s)])
				gain[i] = d.f[c.s] + d.f[full^c.s]
			}
		})
		lb = max(lb, slices.Max(gain[:len(chunk)]))
	}
	var rest []uint64
	for _, c := range cands[min(start, len(cands)):] {
		if c.ub > lb {
			rest = append(rest, c.s)
		}
	}
	if d.stats != nil {
		d.stats.evaluated = min(start, len(cands)) + len(rest)
	}
	d.evalBlocked(rest, lists)
}

// evalBlocked evaluates the admissible splits of the given coalitions of
// more than n/2 players, grouped by prefix (their players above the low
// blockBits) as in smallCoalitions: for each group and each split of its
// prefix p into pA ∋ top(p) and pB, the two blocks are combined for every
// coalition of the group, the part sizes being restricted by a penalty of
// -Inf on the inadmissible sizes. Groups run in parallel: they write only
// their own coalitions and read only coalitions of at most n/2 players.
func (d *dpSolver) evalBlocked(masks []uint64, lists map[int][]uint32) {
	n := d.n
	if n <= blockBits {
		parallelFor(len(masks), func(i int) { d.evalCompact(masks[i], lists[bits.OnesCount64(masks[i])]) })
		return
	}
	slices.Sort(masks)
	var groups [][]uint64
	for i := 0; i < len(masks); {
		j := i
		for j < len(masks) && masks[j]>>blockBits == masks[i]>>blockBits {
			j++
		}
		groups = append(groups, masks[i:j])
		i = j
	}
	parallelFor(len(groups), func(i int) {
		g := groups[i]
		if g[0]>>blockBits == 0 { // top player among the low bits
			for _, S := range g {
				d.evalCompact(S, lists[bits.OnesCount64(S)])
			}
			return
		}
		d.prefixGroup(g)
	})
}

// prefixGroup evaluates the coalitions of one prefix group (see
// evalBlocked).
func (d *dpSolver) prefixGroup(masks []uint64) {
	n := d.n
	p := masks[0] >> blockBits
	block := func(q uint64) *[blockSize]float64 {
		return (*[blockSize]float64)(d.f[q*blockSize : (q+1)*blockSize])
	}
	own := block(p)
	top := uint64(1) << (63 - bits.LeadingZeros64(p))
	rest := p ^ top
	var pen [16]float64
	for t := rest; ; t = (t - 1) & rest {
		pa, pb := top|t, rest^t
		a, b := block(pa), block(pb)
		ka := bits.OnesCount64(pa)
		for _, S := range masks {
			x := S & (blockSize - 1)
			lo, hi := splitSizes(n, bits.OnesCount64(S))
			// |A| = ka + |xA| must lie in [lo+1, hi+1].
			kmin, kmax := lo+1-ka, hi+1-ka
			if kmax < 0 || kmin > bits.OnesCount64(x) {
				continue
			}
			for k := range pen {
				pen[k] = 0
				if k < kmin || k > kmax {
					pen[k] = math.Inf(-1)
				}
			}
			own[x] = splitMaxRange(a, b, x, &pen, own[x])
		}
		if t == 0 {
			return
		}
	}
}

// splitMaxRange is splitMax with pen[|xA|] added to every term (0 for the
// admissible sizes of xA, -Inf for the others), branch-free.
func splitMaxRange(a, b *[blockSize]float64, x uint64, pen *[16]float64, g float64) float64 {
	const mask = blockSize - 1
	if bits.OnesCount64(x) < 2 {
		for xa := x; ; xa = (xa - 1) & x {
			g = max2(g, a[xa&mask]+b[(x^xa)&mask]+pen[bits.OnesCount64(xa)&15])
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
		k := bits.OnesCount64(q)
		p0, p1, p2 := pen[k&15], pen[(k+1)&15], pen[(k+2)&15]
		c := x ^ q
		v1 := a[q&mask] + b[c&mask] + p0
		v2 := a[(q|l1)&mask] + b[(c^l1)&mask] + p1
		v3 := a[(q|l2)&mask] + b[(c^l2)&mask] + p1
		v4 := a[(q|lo)&mask] + b[(c^lo)&mask] + p2
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

// candidates returns the coalitions of more than n/2 (and at most 2n/3)
// players whose bound max(v(S), bound on its splits) + f(N\S) exceeds lb,
// sorted by decreasing bound (then by mask). The bound by sizes is tried
// first; the subset-maximum tables are built only if evaluating the
// coalitions it leaves would cost more than building them, and then the
// list holds the coalitions that pass both bounds, with the tables' bound.
func (d *dpSolver) candidates(b *splitBound, lb float64, lists map[int][]uint32) []candidate {
	n, full := d.n, grand(d.n)
	sizeUB := make([]float64, n+1)
	for s := n/2 + 1; s < n; s++ {
		if lo, hi := splitSizes(n, s); lo <= hi {
			sizeUB[s] = b.sizeLevel(s, lo, hi)
		}
	}
	bySize := func(S uint64, s int) float64 { return max(d.v[S], sizeUB[s]) + d.f[full^S] }
	counts, total := d.countCandidates(func(S uint64, s int) bool { return bySize(S, s) > lb })
	work := 0.0
	for s, c := range counts {
		work += float64(len(lists[s])) * float64(candidatesIn(c, s, counts, total))
	}
	refine := b.refine
	if d.refineWith != nil {
		refine = func(d *dpSolver) bool { return d.refineWith(b, d) }
	}
	ub := bySize
	if (work > d.refineCost() || d.alwaysRefine) && refine(d) {
		// The tables' bound, rounded up to float32, may exceed the bound by
		// sizes by an ulp: a coalition must pass both, as when the list
		// was filtered after the fact.
		ub = func(S uint64, s int) float64 {
			lo, hi := splitSizes(n, s)
			return max(d.v[S], b.of(S, s, lo, hi)) + d.f[full^S]
		}
		counts, total = d.countCandidates(func(S uint64, s int) bool { return bySize(S, s) > lb && ub(S, s) > lb })
	}
	// The list is written at the places counted, so that it has the exact
	// length: no slack and no garbage, and no list of the coalitions the
	// tables would prune.
	all := make([]candidate, total)
	low := n - prefixBits(n)
	for s, pos := range counts {
		if pos == nil {
			continue
		}
		d.forEachCoalition(s, func(_ int, S uint64) {
			if bySize(S, s) > lb {
				if u := ub(S, s); u > lb {
					all[pos[S>>low]] = candidate{S, u}
					pos[S>>low]++
				}
			}
		})
	}
	slices.SortFunc(all, func(x, y candidate) int {
		if c := cmp.Compare(y.ub, x.ub); c != 0 {
			return c
		}
		return cmp.Compare(x.s, y.s)
	})
	return all
}

// countCandidates counts the coalitions of more than n/2 players that have
// admissible splits and pass keep, by size and prefix group of
// forEachCoalition (a group is visited by one worker), and turns the
// counts into the starting positions of the groups in one list of total
// entries, size by size.
func (d *dpSolver) countCandidates(keep func(S uint64, s int) bool) (pos [][]int, total int) {
	n := d.n
	low := n - prefixBits(n)
	pos = make([][]int, n+1)
	for s := n/2 + 1; s < n; s++ {
		if lo, hi := splitSizes(n, s); lo > hi {
			break
		}
		c := make([]int, 1<<(n-low))
		d.forEachCoalition(s, func(_ int, S uint64) {
			if keep(S, s) {
				c[S>>low]++
			}
		})
		pos[s] = c
	}
	for _, c := range pos {
		for p, k := range c {
			c[p] = total
			total += k
		}
	}
	return pos, total
}

// candidatesIn returns the number of candidates of size s from the
// positions countCandidates returned: from the first position of size s to
// the first of the next size that has any.
func candidatesIn(c []int, s int, pos [][]int, total int) int {
	if c == nil {
		return 0
	}
	end := total
	for _, next := range pos[s+1:] {
		if next != nil {
			end = next[0]
			break
		}
	}
	return end - c[0]
}

// compactMasks lists the masks t of m bits with lo ≤ |t| ≤ hi, increasing.
func compactMasks(m, lo, hi int) []uint32 {
	var out []uint32
	for t := uint32(0); t < 1<<m; t++ {
		if k := bits.OnesCount32(t); k >= lo && k <= hi {
			out = append(out, t)
		}
	}
	return out
}

// evalCompact sets f[S] to the best of f[S] and f[A] + f[S\A] over the splits
// A = {top} ∪ T whose T is listed in list, in compact form: bit i of a
// listed mask stands for the i-th lowest player of R = S \ {top}. Four
// 256-entry tables deposit the compact bits onto R's players (up to 32).
// The loop has no data-dependent branch besides the maximum, so the
// processor overlaps the (mostly cache-missing) loads of many splits.
func (d *dpSolver) evalCompact(S uint64, list []uint32) {
	top := uint64(1) << (63 - bits.LeadingZeros64(S))
	r := S ^ top
	var dep [4][256]uint64
	k := 0
	for m := r; m != 0; m &= m - 1 {
		bit := m & -m
		tab := &dep[k/8]
		step := 1 << (k % 8)
		for c := step; c < 2*step; c++ {
			tab[c] = tab[c-step] | bit
		}
		k++
	}
	f := d.f
	best := f[S]
	for _, c := range list {
		t := dep[0][uint8(c)] | dep[1][uint8(c>>8)] | dep[2][uint8(c>>16)] | dep[3][uint8(c>>24)]
		if x := f[top|t] + f[r^t]; x > best {
			best = x
		}
	}
	f[S] = best
}
