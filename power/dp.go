package power

import (
	"cmp"
	"math/big"
	"math/bits"
	"slices"
)

// DefaultMaxWork bounds the estimated number of word steps (additions of one
// 64-bit word, or one 32-bit residue, of a table entry) of one exact
// computation; see Options.MaxWork. 2e11 word steps take one to three
// minutes on two cores.
const DefaultMaxWork = 200_000_000_000

// checkWork reports a LimitError if work exceeds the limit.
func checkWork(work, limit int64, what string, idx Index) error {
	if work > limit {
		return workError(what, work, limit, idx)
	}
	return nil
}

// buildWork returns the cell updates of building a sized table of n
// players whose row s spans [lo[s], min(hi[s], d)]: row s is updated once by
// each of the players from the s-th on.
func buildWork(n int, lo, hi []int64, d int64) int64 {
	var work int64
	for s := 1; s < len(lo); s++ {
		if span := min(hi[s], d) - lo[s] + 1; span > 0 {
			work = min(work+satMul(span, int64(n-s+1)), 1<<62)
		}
	}
	return work
}

// weightedTally computes the requested quantities of a weighted game by
// dynamic programming: swings, Shapley-Shubik and winning counts from the
// count polynomial, the minimal winning coalitions (Holler, Deegan-Packel)
// and Johnston from their own passes over the weights.
func weightedTally(g *Weighted, idx Index, lim limits) (*tally, error) {
	t := &tally{n: g.N(), generic: lim.generic}
	if idx&(swingIndices|ShapleyShubikIndex) != 0 {
		s, err := thresholdDPTally(thresholdOf(g), idx, lim)
		if err != nil {
			return nil, err
		}
		t.swings, t.ssNum, t.winning, t.same = s.swings, s.ssNum, s.winning, s.same
	}
	if idx&mwcIndices != 0 {
		mwc, err := mwcDP(g.weights, g.quota, lim)
		if err != nil {
			return nil, err
		}
		t.mwc, t.holler, t.dp, t.dpNum, t.dpDen = mwc.total, mwc.holler, mwc.dp, mwc.dpNum, mwc.dpDen
	}
	if idx&JohnstonIndex != 0 {
		jo, num, err := johnstonDP(g.weights, g.quota, lim)
		if err != nil {
			return nil, err
		}
		t.johnston, t.johnstonNum = jo, num
	}
	if !lim.generic && t.same == nil {
		t.same = sameWeight(g.weights)
	}
	return t, nil
}

// limits carries the resource bounds of Options into the algorithms.
// residues, if not zero, forces the residue passes of that many bytes per
// residue (4 or 8) on the sized tables, for tests.
type limits struct {
	memory, work int64
	residues     int
	generic      bool // the multi-limb code even for one word (the old path, for benchmarks)
}

// thresholdDPTally counts, for every player i and size s, the swing
// coalitions of a threshold game with the generating function
// prod_j (1 + y x^{w_j}) built once in O(n * cells) and each player's factor
// divided out of its prefix sums in O(min(s, D/w_i)) per query, instead of n
// separate passes. Without Shapley-Shubik and with a constant quota the
// size variable y is dropped (O(n*D) in all, D = min(q-1, total-q)).
func thresholdDPTally(th *threshold, idx Index, lim limits) (*tally, error) {
	n := len(th.w)
	sized := idx&ShapleyShubikIndex != 0 || !th.constant()
	withWinning := idx&ColemanIndices != 0
	d, comp := th.orientation(withWinning)
	// The indices that need this table, and those that make it sized.
	needs := idx & (swingIndices | ShapleyShubikIndex)
	what := "the count polynomial by weight"
	var cells int64
	var lo, hi []int64
	if sized {
		what = "the count polynomial by size and weight"
		if th.constant() {
			needs = ShapleyShubikIndex
		}
		lo, hi = sizeRange(th.w)
		cells = spanCells(lo, hi, d)
	} else {
		cells = min(th.total, d) + 1
	}
	// work returns the word steps of the build with mult words a cell.
	// n·cells bounds a sized build's cell updates, and settles the check
	// when within the limit (small games), without reachWork's exact count,
	// a pass of its own.
	work := func(mult int64) int64 {
		if w := satMul(satMul(int64(n), cells), mult); w <= lim.work || !sized {
			return w
		}
		return satMul(reachWork(th.w, lo, hi, d), mult)
	}
	l := int64(limbsFor(n))
	if bytes := satMul(cells, 8*l); sized && (bytes > lim.memory || lim.residues != 0) {
		plan, ok := planResidues(cells, maxBinomial(n), lim.memory, lim.residues)
		if !ok {
			return nil, memoryError(what+" in 32-bit residues", satMul(cells, 4), lim.memory, needs)
		}
		if err := checkWork(work(int64(len(plan.primes))), lim.work, what, needs); err != nil {
			return nil, err
		}
		return residueThresholdTally(th, idx, d, comp, plan)
	} else if bytes > lim.memory {
		return nil, memoryError(what, bytes, lim.memory, needs)
	}
	if err := checkWork(work(l), lim.work, what, needs); err != nil {
		return nil, err
	}
	tab, err := newCountTable(th.w, d, sized, lim.memory)
	if err != nil {
		return nil, err
	}
	defer tab.release()
	if lim.generic {
		tab.build(th.w)
	} else {
		tab.buildReach(th.w)
	}
	tab.prefix()

	t := &tally{n: n, generic: lim.generic, swings: make([]*big.Int, 0, n)}
	if sized {
		t.ssNum = make([]*big.Int, 0, n)
	}
	word := tab.l == 1 && !lim.generic // the one-word path needs no big binomials
	var binomOthers []*big.Int
	if !word {
		binomOthers = binomials(n - 1)
	}
	allOthers := new(big.Int).Lsh(big.NewInt(1), uint(n-1))
	acc := make([]uint64, tab.l)
	// count returns the number of coalitions avoiding i, of the given size,
	// with weight in [a, b] out of the possible [0, m].
	count := func(i, size int, a, b, m int64) *big.Int {
		var hi *big.Int
		if b >= m {
			hi = allOthers
			if sized {
				hi = binomOthers[size]
			}
		} else {
			tab.without(acc, size, b, th.w[i])
			hi = natBig(acc)
		}
		if a <= 0 {
			return new(big.Int).Set(hi)
		}
		tab.without(acc, size, a-1, th.w[i])
		return new(big.Int).Sub(hi, natBig(acc))
	}
	var coef []*big.Int
	var ssw *sizeWeights
	var bySize, ssAcc []uint64
	if word {
		if sized {
			bySize = make([]uint64, n)
			ssw = ssWeights(n)
			ssAcc = make([]uint64, ssw.l)
		}
	} else if sized {
		fact := factorials(n)
		coef = make([]*big.Int, n)
		for s := range coef {
			coef[s] = ssCoef(fact, n, s)
		}
	}
	same := sameWeight(th.w) // players of equal weight have equal counts
	if !lim.generic {
		t.same = same
	}
	// One-word swing counts live in two slabs instead of two allocations
	// each; every big.Int gets a word of its own (capacity one).
	var slab []big.Int
	var slabWords []big.Word
	if word && bits.UintSize == 64 {
		slab, slabWords = make([]big.Int, n), make([]big.Word, n)
	}
	wordInt := func(i int, v uint64) *big.Int {
		if slab == nil {
			return new(big.Int).SetUint64(v)
		}
		slabWords[i] = big.Word(v)
		return slab[i].SetBits(slabWords[i : i+1 : i+1])
	}
	for i := range n {
		if j := same[i]; j != i {
			if sj := t.swings[j]; slab != nil && sj.IsUint64() {
				t.swings = append(t.swings, wordInt(i, sj.Uint64()))
			} else {
				t.swings = append(t.swings, new(big.Int).Set(sj))
			}
			if sized {
				t.ssNum = append(t.ssNum, new(big.Int).Set(t.ssNum[j]))
			}
			continue
		}
		m := th.total - th.w[i]
		var sw, ss *big.Int
		sizes := n
		if !sized {
			sizes = 1 // the constant quota gives one window for all sizes
		}
		if word {
			// One-word counts: n < 64, so every count is below 2^63 and
			// exact in a uint64; the sum of the swings adds with its carry
			// checked and moves to a big.Int if it ever overflows, and the
			// Shapley-Shubik weighting is a fixed-limb sum (word.go).
			var sw64 uint64
			var swBig *big.Int // the carries past 2^64, if any
			var bc big.Int
			clear(bySize)
			for s := range sizes {
				lo, hi := th.swingWindow(i, s)
				if lo > hi {
					continue
				}
				size, a, b := s, lo, hi
				if comp {
					size, a, b = n-1-s, m-hi, m-lo
				}
				c := count1(tab, th.w[i], size, a, b, m, sized)
				var carry uint64
				if sw64, carry = bits.Add64(sw64, c, 0); carry != 0 {
					if swBig == nil {
						swBig = new(big.Int)
					}
					swBig.Add(swBig, bc.Lsh(bc.SetUint64(1), 64))
				}
				if sized {
					bySize[s] = c
				}
			}
			if swBig == nil {
				sw = wordInt(i, sw64)
			} else {
				sw = swBig.Add(swBig, bc.SetUint64(sw64))
			}
			if sized {
				ss = ssw.sum(bySize, ssAcc)
			}
		} else {
			sw, ss = new(big.Int), new(big.Int)
			for s := range sizes {
				lo, hi := th.swingWindow(i, s)
				if lo > hi {
					continue
				}
				size, a, b := s, lo, hi
				if comp {
					size, a, b = n-1-s, m-hi, m-lo
				}
				c := count(i, size, a, b, m)
				sw.Add(sw, c)
				if sized {
					ss.Add(ss, c.Mul(c, coef[s]))
				}
			}
		}
		t.swings = append(t.swings, sw)
		if sized {
			t.ssNum = append(t.ssNum, ss)
		}
	}
	if withWinning {
		t.winning = winningCount(th, tab, comp)
	}
	return t, nil
}

// count1 is the one-word count of thresholdDPTally (tab.l == 1, n < 64):
// the coalitions avoiding a player of weight w, of the given size (any if
// unsized), with weight in [a, b] out of the possible [0, m].
func count1(tab *countTable, w int64, size int, a, b, m int64, sized bool) uint64 {
	var hi uint64
	switch {
	case b >= m && sized:
		hi = binom64(len(tab.rows)-2, size) // C(n-1, size)
	case b >= m:
		hi = 1 << (tab.players - 1)
	default:
		hi = tab.without1(size, b, w)
	}
	if a <= 0 {
		return hi
	}
	return hi - tab.without1(size, a-1, w)
}

// binom64 returns C(n, k) for n < 64 (exact in a uint64).
func binom64(n, k int) uint64 {
	if k < 0 || k > n {
		return 0
	}
	k = min(k, n-k)
	var c uint64 = 1
	for j := 1; j <= k; j++ {
		c = c * uint64(n-k+j) / uint64(j) // exact: C(n-k+j, j) at each step
	}
	return c
}

// winningCount counts the winning coalitions from the prefix sums: directly
// as all coalitions of size s less those of weight below theta[s], or through
// the complement, whose weight is at most total-theta[s].
func winningCount(th *threshold, tab *countTable, comp bool) *big.Int {
	n := len(th.w)
	acc := make([]uint64, tab.l)
	all := binomials(n)
	w := new(big.Int)
	add := func(size int, k int64, subtractFrom *big.Int) {
		clear(acc)
		if k >= 0 {
			tab.at(acc, size, k, false)
		}
		if subtractFrom != nil {
			w.Add(w, subtractFrom)
			w.Sub(w, natBig(acc))
		} else {
			w.Add(w, natBig(acc))
		}
	}
	if !tab.sized { // constant quota: one query
		q := th.theta[0]
		if comp {
			add(0, th.total-q, nil)
		} else {
			add(0, q-1, new(big.Int).Lsh(big.NewInt(1), uint(n)))
		}
		return w
	}
	for s := 0; s <= n; s++ {
		t := th.theta[s]
		switch {
		case t > th.total:
		case t <= 0:
			w.Add(w, all[s])
		case comp:
			add(n-s, th.total-t, nil)
		default:
			add(s, t-1, all[s])
		}
	}
	return w
}

// descending returns the players ordered by weight, heaviest first, ties by
// index.
func descending(w []int64) []int {
	order := make([]int, len(w))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(w[b], w[a]) })
	return order
}

// newPrefixTable returns a sized table of running sums for the empty set of
// players (G[0][k] = 1 for all k): rows span [lowest weight of s players, d].
func newPrefixTable(w []int64, d int64, lim limits) (*countTable, error) {
	lo, _ := sizeRange(w)
	hi := make([]int64, len(lo))
	for s := range hi {
		hi[s] = d
	}
	t, err := newCountTableSpans(len(w), lo, hi, d, lim.memory)
	if err != nil {
		return nil, err
	}
	for k := 0; k < len(t.rows[0]); k += t.l {
		t.rows[0][k] = 1
	}
	return t, nil
}

// mwcResult holds the minimal winning coalition counts.
type mwcResult struct {
	total  *big.Int
	holler []*big.Int
	dp     []*big.Rat
	// dpNum/dpDen replace dp on the one-word path: dp[i] = dpNum[i]/dpDen.
	dpNum []*big.Int
	dpDen *big.Int
}

// mwcDP counts the minimal winning coalitions of [q; w] by size and member.
// With the players ordered heaviest first, S is minimal winning exactly when
// w(S) >= q and w(S) - w_m < q for its last (lightest) member m, i.e. S =
// T + m with T among the earlier players and q-w_m <= w(T) <= q-1. One pass
// over the order keeps the running sums of the earlier players' polynomial
// (O(n^2 q) in all); the members of T are handled per weight class by
// dividing their factor out of those sums.
//
// Above half the total the table is kept small by counting complements
// (see mwcOrient): B = H \ T, the earlier players H left out, has weight in
// (w(H) - q, w(H) - q + w_m], at most total - q, so the table needs
// min(q-1, total-q) weights instead of q-1.
func mwcDP(w []int64, q int64, lim limits) (*mwcResult, error) {
	return mwcDPOriented(w, q, lim, newMWCOrient(w, q))
}

// mwcOrient is the orientation of the minimal-winning count: directly by
// the weight of T = S \ {m} (the table spans weights up to q-1), or by that
// of its complement B among the heavier players (up to total-q).
type mwcOrient struct {
	comp bool
	q    int64
}

// newMWCOrient chooses the orientation with the smaller table.
func newMWCOrient(w []int64, q int64) mwcOrient {
	var total int64
	for _, x := range w {
		total += x
	}
	return mwcOrient{comp: total-q < q-1, q: q}
}

// d returns the largest weight the table needs.
func (o mwcOrient) d(total int64) int64 {
	if o.comp {
		return total - o.q
	}
	return o.q - 1
}

// window returns the weights (lo, hi] of the table's coalitions that make
// the player m (weight wm, the heavier players weighing wp in all) the
// lightest member of a minimal winning coalition that also holds a heavier
// player of weight wi (wi = 0: m's own count, the table not divided).
func (o mwcOrient) window(wp, wm, wi int64) (hi, lo int64) {
	if o.comp {
		return wp - o.q + wm, wp - o.q
	}
	return o.q - 1 - wi, o.q - 1 - wi - wm
}

// size returns the size of the minimal winning coalitions counted from row
// r of the table for the player at position p of the order (own: m's own
// count, else a heavier member's, from the table with that member divided
// out).
func (o mwcOrient) size(p, r int, own bool) int {
	switch {
	case o.comp:
		return 1 + p - r
	case own:
		return r + 1
	}
	return r + 2
}

func mwcDPOriented(w []int64, q int64, lim limits, o mwcOrient) (*mwcResult, error) {
	n := len(w)
	var total64 int64
	for _, x := range w {
		total64 += x
	}
	d := o.d(total64)
	lo, _ := sizeRange(w)
	hi := make([]int64, len(lo))
	for s := range hi {
		hi[s] = d
	}
	const what = "the count of minimal winning coalitions"
	cells, work := spanCells(lo, hi, d), buildWork(n, lo, hi, d)
	l64 := int64(limbsFor(n))
	if bytes := satMul(cells, 8*l64); bytes > lim.memory || lim.residues != 0 {
		plan, ok := planResidues(cells, maxBinomial(n), lim.memory, lim.residues)
		if !ok {
			return nil, memoryError(what+" in 32-bit residues", satMul(cells, 4), lim.memory, mwcIndices)
		}
		if err := checkWork(satMul(work, int64(len(plan.primes))), lim.work, what, mwcIndices); err != nil {
			return nil, err
		}
		return residueMWC(w, d, o, plan), nil
	}
	if err := checkWork(satMul(work, l64), lim.work, what, mwcIndices); err != nil {
		return nil, err
	}
	tab, err := newPrefixTable(w, d, lim)
	if err != nil {
		return nil, err
	}
	defer tab.release()
	l := tab.l
	cnt := make([][]uint64, n) // cnt[i][size*l:] = MWCs of that size containing i
	for i := range cnt {
		cnt[i] = make([]uint64, (n+1)*l)
	}
	total := make([]uint64, l)
	a, b := make([]uint64, l), make([]uint64, l)
	order := descending(w)
	rows := len(tab.rows) - 1
	var wp int64 // the weight of order[:p]
	for p, m := range order {
		wm := w[m]
		if wm == 0 {
			break // zero weights come last and are never in a minimal winning coalition
		}
		// m as the lightest member: T (or B) from rows up to p.
		khi, klo := o.window(wp, wm, 0)
		for r := 0; r <= min(p, rows); r++ {
			window(tab, a, b, r, khi, klo, -1, lim.generic)
			sz := o.size(p, r, true)
			addAt(cnt[m][sz*l:(sz+1)*l], a)
			addAt(total, a)
		}
		// Earlier players i in T, one weight class at a time.
		for c0 := 0; c0 < p; {
			c1 := c0
			for c1 < p && w[order[c1]] == w[order[c0]] {
				c1++
			}
			wi := w[order[c0]]
			khi, klo := o.window(wp, wm, wi)
			for r := 0; r <= min(p-1, rows); r++ {
				window(tab, a, b, r, khi, klo, wi, lim.generic)
				sz := o.size(p, r, false)
				for _, i := range order[c0:c1] {
					addAt(cnt[i][sz*l:(sz+1)*l], a)
				}
			}
			c0 = c1
		}
		for s := min(p+1, rows); s >= 1; s-- {
			tab.addRowShift(s, wm)
		}
		wp += wm
	}
	r := &mwcResult{total: natBig(total)}
	if l == 1 && !lim.generic {
		// One word: Holler's count is a uint64 sum and Deegan-Packel's
		// Σ_s c_s/s a numerator over lcm(1..n); players of one weight
		// class have equal counts.
		rw, den := reciprocalWeights(n)
		acc := make([]uint64, rw.l)
		r.dpDen = den
		r.holler, r.dpNum = make([]*big.Int, n), make([]*big.Int, n)
		first := map[int64]int{}
		for i := range n {
			if j, ok := first[w[i]]; ok {
				r.holler[i], r.dpNum[i] = new(big.Int).Set(r.holler[j]), new(big.Int).Set(r.dpNum[j])
				continue
			}
			first[w[i]] = i
			var h uint64
			for _, c := range cnt[i] {
				h += c // below 2^(n-1): the coalitions containing i
			}
			r.holler[i] = new(big.Int).SetUint64(h)
			r.dpNum[i] = rw.sum(cnt[i], acc)
		}
		return r, nil
	}
	counts := make([]*big.Int, n+1)
	for i := range n {
		for size := range counts {
			counts[size] = natBig(cnt[i][size*l : (size+1)*l])
		}
		h, dp := sumOverSizes(counts, lim.generic)
		r.holler = append(r.holler, h)
		r.dp = append(r.dp, dp)
	}
	return r, nil
}

// window sets a to the number of coalitions of size s (avoiding a player of
// weight wi, unless wi < 0) with weight in (lo, hi], using b as scratch.
func window(tab *countTable, a, b []uint64, s int, hi, lo, wi int64, generic bool) {
	if tab.l == 1 && !generic { // one word: no slices, no carries
		get := func(k int64) uint64 {
			switch {
			case k < 0:
				return 0
			case wi < 0:
				return tab.at1(s, k)
			}
			return tab.without1(s, k, wi)
		}
		a[0] = get(hi) - get(lo)
		return
	}
	get := func(dst []uint64, k int64) {
		clear(dst)
		if k < 0 {
			return
		}
		if wi < 0 {
			tab.at(dst, s, k, false)
		} else {
			tab.without(dst, s, k, wi)
		}
	}
	get(a, hi)
	get(b, lo)
	subAt(a, b)
}

// johnstonDP computes the raw Johnston scores of [q; w]. In a winning S with
// excess e = w(S) - q, the critical players are exactly the members heavier
// than e. Group coalitions by the weight level: with distinct positive
// weights v_1 > ... > v_d (v_{d+1} = 0) and e in [v_{r+1}, v_r - 1], the
// critical set is A = S ∩ H_r, H_r the players of weight >= v_r, and the rest
// B lies in L_r, the lighter players. For each level the count polynomial of
// H_r (by size and weight) is extended by the new class, that of L_r has the
// class divided out, and for each class of H_r its player's factor is divided
// out and the result paired with the admissible weights of B. Cost
// O(d^2 n q) for d distinct weights.
//
// On the one-word path it returns, instead of the scores, their numerators
// over the common denominator lcm(1..n), which normalizing cancels.
func johnstonDP(w []int64, q int64, lim limits) ([]*big.Rat, []*big.Int, error) {
	n := len(w)
	d := q - 1
	order := descending(w)
	var levels []int64 // distinct positive weights, descending
	for _, i := range order {
		if w[i] > 0 && (len(levels) == 0 || levels[len(levels)-1] != w[i]) {
			levels = append(levels, w[i])
		}
	}
	lo, hi := sizeRange(w)
	const what = "the Johnston count tables"
	cells := spanCells(lo, hi, d)
	l64 := int64(limbsFor(n))
	if bytes := satMul(2*cells+q+levels[0], 8*l64); bytes > lim.memory {
		return nil, nil, memoryError(what, bytes, lim.memory, JohnstonIndex)
	}
	nl := int64(len(levels))
	if err := checkWork(satMul(satMul(nl*nl+int64(n), 2*cells), l64), lim.work, what, JohnstonIndex); err != nil {
		return nil, nil, err
	}
	P, err := newCountTableSpans(n, lo, hi, d, lim.memory)
	if err != nil {
		return nil, nil, err
	}
	defer P.release()
	Pm, err := newCountTableSpans(n, lo, hi, d, lim.memory)
	if err != nil {
		return nil, nil, err
	}
	defer Pm.release()
	Q, err := newCountTable(w, d, false, lim.memory)
	if err != nil {
		return nil, nil, err
	}
	defer Q.release()
	Q.build(w)
	l := P.l
	cnt := make([][]uint64, n) // cnt[i][c*l:] = Σ over levels of N(i, c)
	for i := range cnt {
		cnt[i] = make([]uint64, (n+1)*l)
	}
	gq := make([]uint64, len(Q.rows[0]))
	R := make([]uint64, (q+levels[0])*int64(l)) // R[x] for x < q + v_1
	next := 0                                   // position in order of the next player to move into H
	for r, v := range levels {
		var vNext int64
		if r+1 < len(levels) {
			vNext = levels[r+1]
		}
		for next < n && w[order[next]] == v {
			j := order[next]
			for s := min(next+1, len(P.rows)-1); s >= 1; s-- {
				P.addRowShift(s, w[j])
			}
			row := Q.rows[0]
			if sh := int(w[j]) * l; sh < len(row) {
				subVec(row[sh:], row, l)
			}
			next++
		}
		// R[x] = #{B ⊆ L_r : q + vNext <= x + w(B) <= q + v - 1}.
		copy(gq, Q.rows[0])
		prefixSums(gq, l)
		clear(R)
		for x := v; x < q+v; x++ {
			dst := R[x*int64(l) : (x+1)*int64(l)]
			if k := q + v - 1 - x; k >= 0 {
				addAt(dst, gq[k*int64(l):(k+1)*int64(l)])
			}
			if k := q + vNext - 1 - x; k >= 0 {
				subAt(dst, gq[k*int64(l):(k+1)*int64(l)])
			}
		}
		// Each class of H_r: divide its factor out of P and pair with R.
		for c0 := 0; c0 < next; {
			c1 := c0
			for c1 < next && w[order[c1]] == w[order[c0]] {
				c1++
			}
			wi := w[order[c0]]
			P.divideInto(Pm, wi)
			acc := make([]uint64, l)
			for c := 1; c <= next; c++ {
				clear(acc)
				Pm.dotShifted(acc, c-1, R, wi)
				for _, i := range order[c0:c1] {
					addAt(cnt[i][c*l:(c+1)*l], acc)
				}
			}
			c0 = c1
		}
	}
	if l == 1 && !lim.generic {
		rw, _ := reciprocalWeights(n)
		acc := make([]uint64, rw.l)
		nums := make([]*big.Int, n)
		first := map[int64]int{}
		for i := range n {
			if j, ok := first[w[i]]; ok {
				nums[i] = new(big.Int).Set(nums[j])
				continue
			}
			first[w[i]] = i
			nums[i] = rw.sum(cnt[i], acc)
		}
		return nil, nums, nil
	}
	out := make([]*big.Rat, n)
	counts := make([]*big.Int, n+1)
	for i := range n {
		for c := range counts {
			counts[c] = natBig(cnt[i][c*l : (c+1)*l])
		}
		_, out[i] = sumOverSizes(counts, lim.generic)
	}
	return out, nil, nil
}
