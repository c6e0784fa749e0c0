package power

import (
	"math"
	"math/big"
	"runtime"
	"slices"
	"sync"
)

// countTable holds exact counts of coalitions by weight (and, if sized, by
// size): first the coefficients of prod_j (1 + y x^{w_j}) truncated at
// degree d in x, then, after prefix(), their running sums over the weight:
// G[s][t] = number of coalitions of size s and weight <= t. Row s only spans
// the weights [lo[s], min(hi[s], d)] a coalition of s players can have,
// which saves most of the memory for large games. An unsized table has one
// row holding all sizes together.
type countTable struct {
	l       int     // limbs per number
	players int     // n
	d       int64   // largest weight kept
	sized   bool    // rows are sizes
	reach   int64   // unsized: largest weight reached by the players added so far
	lo, hi  []int64 // weight span of each row (row absent if lo > min(hi, d))
	rows    [][]uint64
	slab    []uint64  // the rows' memory, in one piece
	pooled  *[]uint64 // slab's pool handle (nil: not from the pool)
}

// newCountTable allocates the table for the given weights, or reports
// ErrTooLarge if it would exceed maxMemory bytes.
func newCountTable(w []int64, d int64, sized bool, maxMemory int64) (*countTable, error) {
	if sized {
		lo, hi := sizeRange(w)
		return newCountTableSpans(len(w), lo, hi, d, maxMemory)
	}
	var total int64
	for _, x := range w {
		total += x
	}
	t, err := newCountTableSpans(len(w), []int64{0}, []int64{total}, d, maxMemory)
	if t != nil {
		t.sized = false
	}
	return t, err
}

// newCountTableSpans allocates a sized table for n players whose row s spans
// the weights [lo[s], min(hi[s], d)], holding the empty coalition.
func newCountTableSpans(n int, lo, hi []int64, d int64, maxMemory int64) (*countTable, error) {
	t := &countTable{l: limbsFor(n), players: n, d: d, sized: true, lo: lo, hi: hi}
	var cells int64
	for s := range t.lo {
		if span := min(t.hi[s], d) - t.lo[s] + 1; span > 0 {
			cells = min(cells+span, math.MaxInt64/2) // saturate, spans may be huge
		}
	}
	if bytes := satMul(cells, int64(8*t.l)); bytes > maxMemory {
		return nil, memoryError("the count table", bytes, maxMemory, 0)
	}
	t.rows = make([][]uint64, len(t.lo))
	t.slab, t.pooled = getSlab(int(cells) * t.l)
	off := int64(0)
	for s := range t.lo {
		if span := min(t.hi[s], d) - t.lo[s] + 1; span > 0 {
			end := off + span*int64(t.l)
			t.rows[s] = t.slab[off:end:end]
			off = end
		}
	}
	setOne(t.rows[0]) // the empty coalition
	return t, nil
}

// Small tables share their memory through a pool: a game the size of the
// electoral college fills its table in a few microseconds, less than
// allocating, zeroing and collecting a fresh one costs.
const poolWords = 1 << 16 // 512 KiB

var slabPool sync.Pool // of *[]uint64 with cap poolWords

// getSlab returns n zeroed words, from the pool if n <= poolWords (then
// with the pool's handle on them, for release).
func getSlab(n int) ([]uint64, *[]uint64) {
	if n > poolWords {
		return make([]uint64, n), nil
	}
	p, _ := slabPool.Get().(*[]uint64)
	if p == nil {
		s := make([]uint64, poolWords)
		p = &s
	}
	s := (*p)[:n]
	clear(s)
	return s, p
}

// release returns the table's memory to the pool if it came from there;
// the table must not be used afterwards.
func (t *countTable) release() {
	if t.pooled != nil {
		slabPool.Put(t.pooled)
	}
	t.slab, t.rows, t.pooled = nil, nil, nil
}

// end returns the largest weight stored in row s (-1 for an absent row).
func (t *countTable) end(s int) int64 {
	return t.lo[s] + int64(len(t.rows[s])/t.l) - 1
}

// overlap returns the weights k of row s for which k-w lies in row s-1 of
// src (a table with the same spans), and the matching slices.
func (t *countTable) overlap(src *countTable, s int, w int64) (dst, from []uint64, ok bool) {
	if t.rows[s] == nil || src.rows[s-1] == nil {
		return nil, nil, false
	}
	a := max(t.lo[s], src.lo[s-1]+w)
	b := min(t.end(s), src.end(s-1)+w)
	if a > b {
		return nil, nil, false
	}
	l := int64(t.l)
	return t.rows[s][(a-t.lo[s])*l : (b-t.lo[s]+1)*l], src.rows[s-1][(a-w-src.lo[s-1])*l : (b-w-src.lo[s-1]+1)*l], true
}

// divideInto sets out = t / (1 + y x^w): out[s][k] = t[s][k] - out[s-1][k-w],
// the counts of t without one player of weight w. out has t's spans.
func (t *countTable) divideInto(out *countTable, w int64) {
	copy(out.rows[0], t.rows[0])
	for s := 1; s < len(t.rows); s++ {
		if t.rows[s] == nil {
			continue
		}
		copy(out.rows[s], t.rows[s])
		if dst, src, ok := out.overlap(out, s, w); ok {
			subVec(dst, src, t.l)
		}
	}
}

// dotShifted sets acc += sum_k t[s][k] * r[k+shift] (r a flat vector).
func (t *countTable) dotShifted(acc []uint64, s int, r []uint64, shift int64) {
	if s >= len(t.rows) || t.rows[s] == nil {
		return
	}
	l := int64(t.l)
	a, b := t.lo[s], min(t.end(s), int64(len(r))/l-1-shift)
	if a > b {
		return
	}
	dotAdd(acc, t.rows[s][(a-t.lo[s])*l:(b-t.lo[s]+1)*l], r[(a+shift)*l:(b+shift+1)*l], t.l)
}

// cells returns the number of stored numbers (the work of one player step).
func (t *countTable) cells() int64 {
	var c int64
	for _, r := range t.rows {
		c += int64(len(r) / t.l)
	}
	return c
}

// build multiplies the table by (1 + y x^w) for every weight.
func (t *countTable) build(w []int64) {
	if !t.sized {
		// Lightest first: the reach grows slowly, so the early updates
		// are short (a third fewer cell updates for the electoral college).
		var scratch []uint64
		sorted := slices.Clone(w)
		slices.Sort(sorted)
		for _, wj := range sorted {
			scratch = t.addPlayerUnsized(wj, scratch)
		}
		return
	}
	for j, wj := range w {
		for s := min(j+1, len(t.rows)-1); s >= 1; s-- {
			t.addRowShift(s, wj)
		}
	}
}

// buildReach is build for sized tables, lightest player first and each
// row updated only where the row below can be non-zero (see reachBuild).
func (t *countTable) buildReach(w []int64) {
	if !t.sized {
		t.build(w)
		return
	}
	l := int64(t.l)
	reachBuild(w, t.lo, func(s int) int64 {
		if t.rows[s] == nil {
			return -1
		}
		return t.end(s)
	}, func(s int, w, a, b int64) {
		d := t.rows[s][(a-t.lo[s])*l : (b-t.lo[s]+1)*l]
		sr := t.rows[s-1][(a-w-t.lo[s-1])*l : (b-w-t.lo[s-1]+1)*l]
		if len(d)/t.l < parallelMin {
			addVec(d, sr, t.l) // short rows: no closure to allocate
			return
		}
		addVecParallel(d, sr, t.l)
	})
}

// addVecParallel is addVec split over the processors.
func addVecParallel(d, sr []uint64, l int) {
	parallel(len(d)/l, func(x, y int) { addVec(d[x*l:y*l], sr[x*l:y*l], l) })
}

// addRowShift adds row s-1, shifted by weight w, into row s.
func (t *countTable) addRowShift(s int, w int64) {
	d, sr, ok := t.overlap(t, s, w)
	if !ok {
		return
	}
	l := t.l
	parallel(len(d)/l, func(a, b int) { addVec(d[a*l:b*l], sr[a*l:b*l], l) })
}

// addPlayerUnsized multiplies the single row by (1 + x^w) in place, touching
// only weights up to the reach of the players added so far. In place, the
// update row[k] += row[k-w] must read old values, so it runs from the top
// down; to let each processor take a contiguous part, the w old values just
// below each part (its halo, which the part below may overwrite
// concurrently) are copied first. In-place updates move about half the
// memory traffic of writing into a second buffer, which matters because
// large rows do not fit in cache.
func (t *countTable) addPlayerUnsized(w int64, halo []uint64) []uint64 {
	row, l := t.rows[0], t.l
	newReach := min(t.reach+w, int64(len(row)/l)-1)
	t.reach = newReach
	if w > newReach {
		return halo
	}
	k, wi := int(newReach+1), int(w) // elements in use; shift
	p := runtime.GOMAXPROCS(0)
	if k-wi < parallelMin || p == 1 {
		addVecDesc(row[wi*l:k*l], row[:(k-wi)*l], l)
		return halo
	}
	return addShiftParallel(row, l, k, wi, p, halo)
}

// addShiftParallel is addPlayerUnsized's update of row elements [wi, k)
// on p processors (kept apart so that the serial path allocates nothing).
func addShiftParallel(row []uint64, l, k, wi, p int, halo []uint64) []uint64 {
	// Part c updates elements [lo_c, hi_c) of [w, k); its sources below lo_c
	// come from the halo copy.
	bounds := make([]int, p+1)
	for c := range bounds {
		bounds[c] = wi + (k-wi)*c/p
	}
	need := 0
	for c := range p {
		need += min(wi, bounds[c+1]-bounds[c]) * l
	}
	if cap(halo) < need {
		halo = make([]uint64, need)
	}
	halo = halo[:need]
	offs := make([]int, p)
	for c, off := 0, 0; c < p; c++ {
		offs[c] = off
		h := min(wi, bounds[c+1]-bounds[c])
		copy(halo[off:off+h*l], row[(bounds[c]-wi)*l:(bounds[c]-wi+h)*l])
		off += h * l
	}
	var wg sync.WaitGroup
	for c := range p {
		wg.Go(func() {
			lo, hi := bounds[c], bounds[c+1]
			if lo+wi < hi { // sources inside this part: top down, in place
				addVecDesc(row[(lo+wi)*l:hi*l], row[lo*l:(hi-wi)*l], l)
			}
			h := min(wi, hi-lo) // the lowest elements read the halo
			addVec(row[lo*l:(lo+h)*l], halo[offs[c]:offs[c]+h*l], l)
		})
	}
	wg.Wait()
	return halo
}

// prefix turns counts into running sums over the weight, row by row.
func (t *countTable) prefix() {
	for _, r := range t.rows {
		if r != nil {
			prefixSums(r, t.l)
		}
	}
}

// at adds (sign +1) or subtracts G[s][k] into acc; k must be <= d.
func (t *countTable) at(acc []uint64, s int, k int64, neg bool) {
	if s < 0 || s >= len(t.rows) || t.rows[s] == nil || k < t.lo[s] {
		return
	}
	idx := min(k, t.lo[s]+int64(len(t.rows[s])/t.l)-1) - t.lo[s]
	v := t.rows[s][idx*int64(t.l) : (idx+1)*int64(t.l)]
	if neg {
		subAt(acc, v)
	} else {
		addAt(acc, v)
	}
}

// without sets acc to the number of coalitions of size s (any size if
// unsized) and weight <= k that avoid a player of weight w, by dividing that
// player's factor (1 + y x^w) out of the prefix sums:
// G_{-i}[s][k] = sum_j (-1)^j G[s-j][k-j*w]. Cost O(min(s, k/w)).
func (t *countTable) without(acc []uint64, s int, k int64, w int64) {
	clear(acc)
	if k < 0 {
		return
	}
	if !t.sized {
		if w == 0 {
			panic("power: unsized removal of a zero weight") // callers skip them
		}
		for j := int64(0); k-j*w >= 0; j++ {
			t.at(acc, 0, k-j*w, j%2 == 1)
		}
		return
	}
	for j := 0; s-j >= 0 && k-int64(j)*w >= 0; j++ {
		t.at(acc, s-j, k-int64(j)*w, j%2 == 1)
	}
}

// at1 returns G[s][k] of a one-word table (l == 1).
func (t *countTable) at1(s int, k int64) uint64 {
	if s < 0 || s >= len(t.rows) || k < t.lo[s] {
		return 0
	}
	row := t.rows[s]
	if row == nil {
		return 0
	}
	return row[min(k-t.lo[s], int64(len(row)-1))]
}

// without1 is without for one-word tables, returning the count: the
// coalitions of size s (any size if unsized) and weight <= k that avoid a
// player of weight w, exact modulo 2^64.
func (t *countTable) without1(s int, k, w int64) uint64 {
	var acc uint64
	if !t.sized {
		if w == 0 {
			panic("power: unsized removal of a zero weight") // callers skip them
		}
		row := t.rows[0]
		last := int64(len(row) - 1)
		for j := int64(0); k-j*w >= 0; j++ {
			v := row[min(k-j*w, last)]
			if j&1 == 0 {
				acc += v
			} else {
				acc -= v
			}
		}
		return acc
	}
	// The terms alternate in sign: even and odd ones summed apart, two a
	// step, with the row lookup inlined.
	var odd uint64
	rows, lo := t.rows, t.lo[:len(t.rows)]
	for s >= 0 && k >= 0 {
		if s < len(rows) && k >= lo[s] {
			if row := rows[s]; len(row) > 0 {
				acc += row[min(k-lo[s], int64(len(row)-1))]
			}
		}
		s, k = s-1, k-w
		if s < 0 || k < 0 {
			break
		}
		if s < len(rows) && k >= lo[s] {
			if row := rows[s]; len(row) > 0 {
				odd += row[min(k-lo[s], int64(len(row)-1))]
			}
		}
		s, k = s-1, k-w
	}
	return acc - odd
}

// parallelMin is the number of elements below which work stays on one
// goroutine (spawning costs more than it saves).
const parallelMin = 1 << 15

// parallel runs f over [0, n) split into one contiguous part per processor.
func parallel(n int, f func(a, b int)) {
	p := runtime.GOMAXPROCS(0)
	if n < parallelMin || p == 1 {
		f(0, n)
		return
	}
	var wg sync.WaitGroup
	for c := range p {
		a, b := n*c/p, n*(c+1)/p
		wg.Go(func() { f(a, b) })
	}
	wg.Wait()
}

// binomials returns C(n, 0..n).
func binomials(n int) []*big.Int {
	b := make([]*big.Int, n+1)
	for k := range b {
		b[k] = new(big.Int).Binomial(int64(n), int64(k))
	}
	return b
}
