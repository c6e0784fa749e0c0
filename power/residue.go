package power

import (
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"runtime"
	"slices"
	"sync"
)

// Exact counting in residues.
//
// The multi-limb tables of nat.go hold every count exactly, modulo
// 2^(64L), in L words per cell. When such a table would not fit in
// Options.MaxMemory, the same dynamic program runs in k sequential passes,
// each holding one residue per cell modulo a prime p_j (a 64-bit word with
// p_j < 2^63, or a 32-bit word with p_j < 2^31, whichever fits), and the
// counts read out of each pass are combined by the Chinese remainder
// theorem. Every count read out lies in [0, B] for a bound B known in
// advance (max_s C(n, s) for the sized tables), so with p_1⋯p_k > B the
// reconstruction is exact. The work is the same as that of the multi-limb
// table (k one-word passes against one pass over L-word cells), the peak
// memory that of one pass: a third (64-bit residues) or a sixth (32-bit) of
// the three-limb table of a 190-player game.

// word is the storage of one residue.
type word interface{ ~uint32 | ~uint64 }

// modAdd returns a+b mod p for a, b < p < 2^(bits-1).
func modAdd[T word](a, b, p T) T {
	s := a + b
	if s >= p {
		s -= p
	}
	return s
}

// modSub returns a-b mod p for a, b < p.
func modSub[T word](a, b, p T) T {
	s := a - b
	if a < b {
		s += p
	}
	return s
}

// primesBelow returns the k largest primes below 2^bits (bits <= 64),
// descending. ProbablyPrime is exact below 2^64 (Baillie-PSW).
func primesBelow(bits uint, k int) []uint64 {
	var out []uint64
	x := new(big.Int).Lsh(big.NewInt(1), bits)
	x.Sub(x, big.NewInt(1))
	for len(out) < k {
		if x.ProbablyPrime(0) {
			out = append(out, x.Uint64())
		}
		x.Sub(x, big.NewInt(2)) // odd numbers only (2^bits - 1 is odd)
	}
	return out
}

// crt reconstructs integers from their residues modulo pairwise coprime
// moduli by Garner's algorithm; the results are exact for values below the
// product of the moduli.
type crt struct {
	mods []uint64
	inv  []uint64   // inv[j] = (m_0⋯m_{j-1})^-1 mod m_j
	pre  []*big.Int // pre[j] = m_0⋯m_{j-1}
}

func newCRT(mods []uint64) *crt {
	c := &crt{mods: mods}
	m := big.NewInt(1)
	for _, p := range mods {
		bp := new(big.Int).SetUint64(p)
		c.pre = append(c.pre, new(big.Int).Set(m))
		c.inv = append(c.inv, new(big.Int).ModInverse(new(big.Int).Mod(m, bp), bp).Uint64())
		m.Mul(m, bp)
	}
	return c
}

// product returns m_0⋯m_{k-1}.
func (c *crt) product() *big.Int {
	k := len(c.mods)
	return new(big.Int).Mul(c.pre[k-1], new(big.Int).SetUint64(c.mods[k-1]))
}

// value returns the x in [0, ∏m) with x ≡ r[j] (mod m_j).
func (c *crt) value(r []uint64) *big.Int {
	x := new(big.Int).SetUint64(r[0])
	t, bp := new(big.Int), new(big.Int)
	for j := 1; j < len(r); j++ {
		p := c.mods[j]
		bp.SetUint64(p)
		xm := t.Mod(x, bp).Uint64()
		d := modSub(r[j]%p, xm, p)
		hi, lo := bits.Mul64(d, c.inv[j])
		coef := bits.Rem64(hi, lo, p)
		t.SetUint64(coef)
		t.Mul(t, c.pre[j])
		x.Add(x, t)
		t = new(big.Int)
	}
	return x
}

// residueOf returns x mod p.
func residueOf(x *big.Int, p uint64) uint64 {
	return new(big.Int).Mod(x, new(big.Int).SetUint64(p)).Uint64()
}

// maxBinomial returns max_s C(n, s), the bound on every count read out of a
// sized table of n players.
func maxBinomial(n int) *big.Int { return new(big.Int).Binomial(int64(n), int64(n/2)) }

// residuePlan is how a sized table is computed when it must be split into
// passes: the word size (4 or 8 bytes) and the primes.
type residuePlan struct {
	bytes  int // bytes per residue
	primes []uint64
}

// planResidues returns the cheapest residue plan whose one-pass table of
// the given number of cells fits in maxMemory: 64-bit residues if they fit,
// else 32-bit ones; ok is false if neither does.
func planResidues(cells int64, bound *big.Int, maxMemory int64, force int) (residuePlan, bool) {
	for _, bytes := range []int{8, 4} {
		if (force != 0 && bytes != force) || satMul(cells, int64(bytes)) > maxMemory {
			continue
		}
		bits := uint(8*bytes - 1)
		var primes []uint64
		prod := big.NewInt(1)
		for prod.Cmp(bound) <= 0 {
			primes = primesBelow(bits, len(primes)+1)
			prod.Mul(prod, new(big.Int).SetUint64(primes[len(primes)-1]))
		}
		return residuePlan{bytes: bytes, primes: primes}, true
	}
	return residuePlan{}, false
}

// resTable is a sized count table holding residues modulo p: row s spans
// the weights [lo[s], min(hi[s], d)] as in countTable, first the
// coefficients of prod_j (1 + y x^{w_j}) and after prefix() their running
// sums over the weight.
type resTable[T word] struct {
	p    T
	lo   []int64
	rows [][]T
}

// spanCells returns the number of cells of a sized table with these spans.
func spanCells(lo, hi []int64, d int64) int64 {
	var cells int64
	for s := range lo {
		if span := min(hi[s], d) - lo[s] + 1; span > 0 {
			cells = min(cells+span, 1<<62)
		}
	}
	return cells
}

func newResTable[T word](lo, hi []int64, d int64) *resTable[T] {
	t := &resTable[T]{lo: lo, rows: make([][]T, len(lo))}
	for s := range lo {
		if span := min(hi[s], d) - lo[s] + 1; span > 0 {
			t.rows[s] = make([]T, span)
		}
	}
	return t
}

// reset empties the table for a pass modulo p: only the empty coalition.
func (t *resTable[T]) reset(p uint64) {
	t.p = T(p)
	for _, r := range t.rows {
		clear(r)
	}
	t.rows[0][0] = 1
}

// end returns the largest weight stored in row s.
func (t *resTable[T]) end(s int) int64 { return t.lo[s] + int64(len(t.rows[s])) - 1 }

// addRowShift adds row s-1, shifted by weight w, into row s.
func (t *resTable[T]) addRowShift(s int, w int64) {
	if t.rows[s] == nil || t.rows[s-1] == nil {
		return
	}
	a := max(t.lo[s], t.lo[s-1]+w)
	b := min(t.end(s), t.end(s-1)+w)
	if a > b {
		return
	}
	dst := t.rows[s][a-t.lo[s] : b-t.lo[s]+1]
	src := t.rows[s-1][a-w-t.lo[s-1] : b-w-t.lo[s-1]+1]
	p := t.p
	parallel(len(dst), func(x, y int) {
		d, sr := dst[x:y], src[x:y]
		for k := range d {
			d[k] = modAdd(d[k], sr[k], p)
		}
	})
}

// build multiplies the table by (1 + y x^w) for every weight, lightest
// first, adding into each row only where the row below holds coalitions of
// the players added so far (see reachBuild).
func (t *resTable[T]) build(w []int64) {
	reachBuild(w, t.lo, func(s int) int64 {
		if t.rows[s] == nil {
			return -1
		}
		return t.end(s)
	}, t.addRange)
}

// addRange adds row s-1, shifted by w, into row s at the weights [a, b].
func (t *resTable[T]) addRange(s int, w, a, b int64) {
	dst := t.rows[s][a-t.lo[s] : b-t.lo[s]+1]
	src := t.rows[s-1][a-w-t.lo[s-1] : b-w-t.lo[s-1]+1]
	p := t.p
	parallel(len(dst), func(x, y int) {
		d, sr := dst[x:y], src[x:y]
		for k := range d {
			d[k] = modAdd(d[k], sr[k], p)
		}
	})
}

// reachBuild drives the product prod_j (1 + y x^{w_j}) over a sized table
// whose row s spans [lo[s], end(s)] (end -1 for an absent row): players are
// added lightest first, and for each the update of row s from row s-1 only
// covers the weights where row s-1 can be non-zero so far, [rlo, rhi]
// shifted by the player's weight. Coalitions of few light players have
// small weights, so early updates are short: for the IMF's 190 members at a
// 50% quota this is a fifth of the cell updates of whole rows.
func reachBuild(w []int64, lo []int64, end func(s int) int64, add func(s int, w, a, b int64)) {
	sorted := slices.Clone(w)
	slices.Sort(sorted)
	rows := len(lo)
	rlo := make([]int64, rows)
	rhi := make([]int64, rows)
	for s := 1; s < rows; s++ {
		rlo[s], rhi[s] = math.MaxInt64, -1
	}
	for j, wj := range sorted {
		for s := min(j+1, rows-1); s >= 1; s-- {
			e, e1 := end(s), end(s-1)
			if e < 0 || e1 < 0 || rhi[s-1] < 0 {
				continue
			}
			a := max(lo[s], max(rlo[s-1], lo[s-1])+wj)
			b := min(e, min(rhi[s-1], e1)+wj)
			if a > b {
				continue
			}
			add(s, wj, a, b)
			rlo[s], rhi[s] = min(rlo[s], a), max(rhi[s], b)
		}
	}
}

// reachWork returns the cell updates reachBuild makes.
func reachWork(w []int64, lo, hi []int64, d int64) int64 {
	var work int64
	reachBuild(w, lo, func(s int) int64 {
		if e := min(hi[s], d); e >= lo[s] {
			return e
		}
		return -1
	}, func(_ int, _, a, b int64) { work += b - a + 1 })
	return work
}

// prefix turns counts into running sums over the weight, rows in parallel.
func (t *resTable[T]) prefix() {
	p := t.p
	var wg sync.WaitGroup
	next := make(chan []T)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for r := range next {
				for k := 1; k < len(r); k++ {
					r[k] = modAdd(r[k], r[k-1], p)
				}
			}
		})
	}
	for _, r := range t.rows {
		if r != nil {
			next <- r
		}
	}
	close(next)
	wg.Wait()
}

// at returns G[s][k] (0 outside the table; rows are constant above d).
func (t *resTable[T]) at(s int, k int64) T {
	if s < 0 || s >= len(t.rows) || t.rows[s] == nil || k < t.lo[s] {
		return 0
	}
	return t.rows[s][min(k, t.end(s))-t.lo[s]]
}

// without returns the number (mod p) of coalitions of size s and weight <=
// k avoiding a player of weight w: sum_j (-1)^j G[s-j][k-j*w].
func (t *resTable[T]) without(s int, k, w int64) T {
	var acc T
	for j := 0; s-j >= 0 && k-int64(j)*w >= 0; j++ {
		v := t.at(s-j, k-int64(j)*w)
		if j%2 == 0 {
			acc = modAdd(acc, v, t.p)
		} else {
			acc = modSub(acc, v, t.p)
		}
	}
	return acc
}

// window returns the coalitions (mod p) of size s with weight in (lo, hi],
// avoiding a player of weight wi unless wi < 0.
func (t *resTable[T]) window(s int, hi, lo, wi int64) T {
	get := func(k int64) T {
		switch {
		case k < 0:
			return 0
		case wi < 0:
			return t.at(s, k)
		}
		return t.without(s, k, wi)
	}
	return modSub(get(hi), get(lo), t.p)
}

// residueThresholdTally is thresholdDPTally for sized tables that only fit
// one residue per cell: one pass per prime of the plan, each recording the
// count of every (weight class, size) swing window and of the winning
// coalitions of each size, then the counts are rebuilt by CRT.
func residueThresholdTally(th *threshold, idx Index, d int64, comp bool, plan residuePlan) (*tally, error) {
	if plan.bytes == 4 {
		return residueThresholdRun[uint32](th, idx, d, comp, plan)
	}
	return residueThresholdRun[uint64](th, idx, d, comp, plan)
}

func residueThresholdRun[T word](th *threshold, idx Index, d int64, comp bool, plan residuePlan) (*tally, error) {
	n := len(th.w)
	withWinning := idx&ColemanIndices != 0
	k := len(plan.primes)
	lo, hi := sizeRange(th.w)
	tab := newResTable[T](lo, hi, d)
	binomOthers := binomials(n - 1)
	all := binomials(n)
	// The weight classes (players of equal weight have equal counts).
	var reps []int
	classOf := make([]int, n)
	seen := map[int64]int{}
	for i, w := range th.w {
		c, ok := seen[w]
		if !ok {
			c = len(reps)
			seen[w] = c
			reps = append(reps, i)
		}
		classOf[i] = c
	}
	res := make([]uint64, len(reps)*n*k) // res[(c*n+s)*k+j]
	win := make([]uint64, (n+1)*k)       // winning coalitions of size s
	winKnown := make([]*big.Int, n+1)    // sizes whose count is known in closed form
	for j, p := range plan.primes {
		tab.reset(p)
		tab.build(th.w)
		tab.prefix()
		for c, i := range reps {
			m := th.total - th.w[i]
			for s := range n {
				wlo, whi := th.swingWindow(i, s)
				if wlo > whi {
					continue
				}
				size, a, b := s, wlo, whi
				if comp {
					size, a, b = n-1-s, m-whi, m-wlo
				}
				var v T
				if b >= m {
					v = T(residueOf(binomOthers[size], p))
				} else {
					v = tab.without(size, b, th.w[i])
				}
				if a > 0 {
					v = modSub(v, tab.without(size, a-1, th.w[i]), T(p))
				}
				res[(c*n+s)*k+j] = uint64(v)
			}
		}
		if withWinning {
			for s := 0; s <= n; s++ {
				t := th.theta[s]
				switch {
				case t > th.total:
				case t <= 0:
					winKnown[s] = all[s]
				case comp:
					win[s*k+j] = uint64(tab.at(n-s, th.total-t))
				default:
					win[s*k+j] = uint64(modSub(T(residueOf(all[s], p)), tab.at(s, t-1), T(p)))
				}
			}
		}
	}
	cr := newCRT(plan.primes)
	fact := factorials(n)
	sw := make([]*big.Int, len(reps))
	ss := make([]*big.Int, len(reps))
	for c := range reps {
		sw[c], ss[c] = new(big.Int), new(big.Int)
		for s := range n {
			v := cr.value(res[(c*n+s)*k : (c*n+s+1)*k])
			sw[c].Add(sw[c], v)
			ss[c].Add(ss[c], v.Mul(v, ssCoef(fact, n, s)))
		}
	}
	t := &tally{n: n}
	for i := range n {
		t.swings = append(t.swings, new(big.Int).Set(sw[classOf[i]]))
		if idx&ShapleyShubikIndex != 0 {
			t.ssNum = append(t.ssNum, new(big.Int).Set(ss[classOf[i]]))
		}
	}
	if withWinning {
		t.winning = new(big.Int)
		for s := 0; s <= n; s++ {
			if winKnown[s] != nil {
				t.winning.Add(t.winning, winKnown[s])
				continue
			}
			t.winning.Add(t.winning, cr.value(win[s*k:(s+1)*k]))
		}
	}
	return t, nil
}

// residueMWC is mwcDP in residue passes (see there for the algorithm).
func residueMWC(w []int64, d int64, o mwcOrient, plan residuePlan) *mwcResult {
	if plan.bytes == 4 {
		return residueMWCRun[uint32](w, d, o, plan)
	}
	return residueMWCRun[uint64](w, d, o, plan)
}

func residueMWCRun[T word](w []int64, d int64, o mwcOrient, plan residuePlan) *mwcResult {
	n := len(w)
	k := len(plan.primes)
	lo, _ := sizeRange(w)
	hi := make([]int64, len(lo))
	for s := range hi {
		hi[s] = d
	}
	tab := newResTable[T](lo, hi, d)
	cnt := make([]uint64, n*(n+1)*k) // cnt[(i*(n+1)+size)*k+j]
	total := make([]uint64, k)
	order := descending(w)
	rows := len(tab.rows) - 1
	for j, p := range plan.primes {
		P := T(p)
		tab.reset(p)
		// Prefix sums of the empty set: G[0][k] = 1 for every k.
		for x := range tab.rows[0] {
			tab.rows[0][x] = 1
		}
		tot := T(0)
		acc := make([]T, n*(n+1))
		var wp int64
		for pos, m := range order {
			wm := w[m]
			if wm == 0 {
				break
			}
			khi, klo := o.window(wp, wm, 0)
			for r := 0; r <= min(pos, rows); r++ {
				a := tab.window(r, khi, klo, -1)
				x := m*(n+1) + o.size(pos, r, true)
				acc[x] = modAdd(acc[x], a, P)
				tot = modAdd(tot, a, P)
			}
			for c0 := 0; c0 < pos; {
				c1 := c0
				for c1 < pos && w[order[c1]] == w[order[c0]] {
					c1++
				}
				wi := w[order[c0]]
				khi, klo := o.window(wp, wm, wi)
				for r := 0; r <= min(pos-1, rows); r++ {
					a := tab.window(r, khi, klo, wi)
					if a == 0 {
						continue
					}
					sz := o.size(pos, r, false)
					for _, i := range order[c0:c1] {
						acc[i*(n+1)+sz] = modAdd(acc[i*(n+1)+sz], a, P)
					}
				}
				c0 = c1
			}
			// The running sums of the earlier players gain m: add row s-1
			// shifted by wm into row s (running sums commute with shifts).
			for s := min(pos+1, rows); s >= 1; s-- {
				tab.addRowShift(s, wm)
			}
			wp += wm
		}
		for x, v := range acc {
			cnt[x*k+j] = uint64(v)
		}
		total[j] = uint64(tot)
	}
	cr := newCRT(plan.primes)
	r := &mwcResult{total: cr.value(total)}
	for i := range n {
		var counts []*big.Int
		for size := 0; size <= n; size++ {
			counts = append(counts, cr.value(cnt[(i*(n+1)+size)*k:(i*(n+1)+size+1)*k]))
		}
		h, dp := sumOverSizes(counts, false)
		r.holler = append(r.holler, h)
		r.dp = append(r.dp, dp)
	}
	return r
}

// sumOverSizes returns Σ_s c[s] and Σ_s c[s]/s (s >= 1) exactly, the latter
// over the common denominator lcm(1..n) so that only one fraction is
// reduced.
//
// With perSize (the old path, kept for benchmarks) it adds one reduced
// fraction per size instead.
func sumOverSizes(c []*big.Int, perSize bool) (*big.Int, *big.Rat) {
	h := new(big.Int)
	if perSize {
		r := new(big.Rat)
		for s := 1; s < len(c); s++ {
			h.Add(h, c[s])
			r.Add(r, new(big.Rat).SetFrac(c[s], big.NewInt(int64(s))))
		}
		return h, r
	}
	num := new(big.Int)
	den := lcmUpTo(len(c) - 1)
	t := new(big.Int)
	for s := 1; s < len(c); s++ {
		if c[s].Sign() == 0 {
			continue
		}
		h.Add(h, c[s])
		t.Quo(den, big.NewInt(int64(s)))
		num.Add(num, t.Mul(t, c[s]))
	}
	return h, new(big.Rat).SetFrac(num, den)
}

// lcmUpTo returns lcm(1, ..., n) (1 for n < 1).
func lcmUpTo(n int) *big.Int {
	l := big.NewInt(1)
	g := new(big.Int)
	for s := 2; s <= n; s++ {
		b := big.NewInt(int64(s))
		g.GCD(nil, nil, l, b)
		l.Mul(l, b.Quo(b, g))
	}
	return l
}

// describeBytes formats a byte count for limit messages.
func describeBytes(b int64) string {
	switch {
	case b >= 1<<30:
		return fmt.Sprintf("%.2f GiB", float64(b)/(1<<30))
	case b >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20))
	}
	return fmt.Sprintf("%d bytes", b)
}
