package power

import (
	"cmp"
	"fmt"
	"math/big"
	"slices"
)

// DefaultMaxWork bounds the estimated number of elementary steps (additions
// of table entries) of one exact computation; see Options.MaxWork. 5e10
// steps of three-limb numbers take one to two minutes on two cores.
const DefaultMaxWork = 50_000_000_000

// checkWork reports ErrTooLarge if work exceeds the limit.
func checkWork(work, limit int64, what string) error {
	if work > limit {
		return fmt.Errorf("%w: %s needs about %.3g table steps, limit %.3g (Options.MaxWork)", ErrTooLarge, what, float64(work), float64(limit))
	}
	return nil
}

// weightedTally computes the requested quantities of a weighted game by
// dynamic programming: swings, Shapley-Shubik and winning counts from the
// count polynomial, the minimal winning coalitions (Holler, Deegan-Packel)
// and Johnston from their own passes over the weights.
func weightedTally(g *Weighted, idx Index, lim limits) (*tally, error) {
	t := &tally{n: g.N()}
	if idx&(swingIndices|ShapleyShubikIndex) != 0 {
		s, err := thresholdDPTally(thresholdOf(g), idx, lim)
		if err != nil {
			return nil, err
		}
		t.swings, t.ssNum, t.winning = s.swings, s.ssNum, s.winning
	}
	if idx&mwcIndices != 0 {
		mwc, err := mwcDP(g.weights, g.quota, lim)
		if err != nil {
			return nil, err
		}
		t.mwc, t.holler, t.dp = mwc.total, mwc.holler, mwc.dp
	}
	if idx&JohnstonIndex != 0 {
		jo, err := johnstonDP(g.weights, g.quota, lim)
		if err != nil {
			return nil, err
		}
		t.johnston = jo
	}
	return t, nil
}

// limits carries the resource bounds of Options into the algorithms.
type limits struct{ memory, work int64 }

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
	tab, err := newCountTable(th.w, d, sized, lim.memory)
	if err != nil {
		return nil, err
	}
	if err := checkWork(satMul(int64(n), tab.cells()), lim.work, "the count polynomial"); err != nil {
		return nil, err
	}
	tab.build(th.w)
	tab.prefix()

	t := &tally{n: n}
	fact := factorials(n)
	binomOthers := binomials(n - 1)
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
	coef := make([]*big.Int, n)
	for s := range coef {
		coef[s] = ssCoef(fact, n, s)
	}
	seen := map[int64]int{} // players of equal weight have equal counts
	for i := range n {
		if j, ok := seen[th.w[i]]; ok {
			t.swings = append(t.swings, new(big.Int).Set(t.swings[j]))
			if sized {
				t.ssNum = append(t.ssNum, new(big.Int).Set(t.ssNum[j]))
			}
			continue
		}
		seen[th.w[i]] = i
		m := th.total - th.w[i]
		sw, ss := new(big.Int), new(big.Int)
		sizes := n
		if !sized {
			sizes = 1 // the constant quota gives one window for all sizes
		}
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
}

// mwcDP counts the minimal winning coalitions of [q; w] by size and member.
// With the players ordered heaviest first, S is minimal winning exactly when
// w(S) >= q and w(S) - w_m < q for its last (lightest) member m, i.e. S =
// T + m with T among the earlier players and q-w_m <= w(T) <= q-1. One pass
// over the order keeps the running sums of the earlier players' polynomial
// (O(n^2 q) in all); the members of T are handled per weight class by
// dividing their factor out of those sums.
func mwcDP(w []int64, q int64, lim limits) (*mwcResult, error) {
	n := len(w)
	d := q - 1
	tab, err := newPrefixTable(w, d, lim)
	if err != nil {
		return nil, err
	}
	if err := checkWork(satMul(int64(n), tab.cells()), lim.work, "minimal winning coalitions"); err != nil {
		return nil, err
	}
	l := tab.l
	cnt := make([][]uint64, n) // cnt[i][size*l:] = MWCs of that size containing i
	for i := range cnt {
		cnt[i] = make([]uint64, (n+1)*l)
	}
	total := make([]uint64, l)
	a, b := make([]uint64, l), make([]uint64, l)
	order := descending(w)
	rows := len(tab.rows) - 1
	for p, m := range order {
		wm := w[m]
		if wm == 0 {
			break // zero weights come last and are never in a minimal winning coalition
		}
		// m as the lightest member: T of size s among order[:p].
		for s := 0; s <= min(p, rows); s++ {
			window(tab, a, b, s, q-1, q-1-wm, -1)
			addAt(cnt[m][(s+1)*l:(s+2)*l], a)
			addAt(total, a)
		}
		// Earlier players i in T, one weight class at a time.
		for c0 := 0; c0 < p; {
			c1 := c0
			for c1 < p && w[order[c1]] == w[order[c0]] {
				c1++
			}
			wi := w[order[c0]]
			for s := 1; s <= min(p, rows+1); s++ {
				window(tab, a, b, s-1, q-1-wi, q-1-wi-wm, wi)
				for _, i := range order[c0:c1] {
					addAt(cnt[i][(s+1)*l:(s+2)*l], a)
				}
			}
			c0 = c1
		}
		for s := min(p+1, rows); s >= 1; s-- {
			tab.addRowShift(s, wm)
		}
	}
	r := &mwcResult{total: natBig(total)}
	for i := range n {
		h, dp := new(big.Int), new(big.Rat)
		for size := 1; size <= n; size++ {
			c := natBig(cnt[i][size*l : (size+1)*l])
			h.Add(h, c)
			dp.Add(dp, new(big.Rat).SetFrac(c, big.NewInt(int64(size))))
		}
		r.holler = append(r.holler, h)
		r.dp = append(r.dp, dp)
	}
	return r, nil
}

// window sets a to the number of coalitions of size s (avoiding a player of
// weight wi, unless wi < 0) with weight in (lo, hi], using b as scratch.
func window(tab *countTable, a, b []uint64, s int, hi, lo, wi int64) {
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
func johnstonDP(w []int64, q int64, lim limits) ([]*big.Rat, error) {
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
	P, err := newCountTableSpans(n, lo, hi, d, lim.memory)
	if err != nil {
		return nil, err
	}
	Pm, err := newCountTableSpans(n, lo, hi, d, lim.memory)
	if err != nil {
		return nil, err
	}
	nl := int64(len(levels))
	if err := checkWork(satMul(nl*nl+int64(n), 2*P.cells()), lim.work, "the Johnston index"); err != nil {
		return nil, err
	}
	Q, err := newCountTable(w, d, false, lim.memory)
	if err != nil {
		return nil, err
	}
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
	out := make([]*big.Rat, n)
	for i := range n {
		out[i] = new(big.Rat)
		for c := 1; c <= n; c++ {
			out[i].Add(out[i], new(big.Rat).SetFrac(natBig(cnt[i][c*l:(c+1)*l]), big.NewInt(int64(c))))
		}
	}
	return out, nil
}
