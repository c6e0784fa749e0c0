package coalition

import (
	"math"
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// genValues draws the worths of a game on n players: small integers (which
// make ties and degenerate LPs frequent) or reals, v(∅) = 0.
func genValues(t *rapid.T, n int) []float64 {
	v := make([]float64, 1<<n)
	ints := rapid.Bool().Draw(t, "ints")
	for s := 1; s < len(v); s++ {
		if ints {
			v[s] = float64(rapid.IntRange(-3, 12).Draw(t, "v"))
		} else {
			v[s] = rapid.Float64Range(-5, 20).Draw(t, "v")
		}
	}
	return v
}

func genGame(t *rapid.T, minN, maxN int) *Game {
	n := rapid.IntRange(minN, maxN).Draw(t, "n")
	return mustGame(NewTable(n, genValues(t, n)))
}

// swap exchanges the membership of players i and j in s.
func swap(s uint64, i, j int) uint64 {
	bi, bj := s>>i&1, s>>j&1
	s &^= 1<<i | 1<<j
	return s | bi<<j | bj<<i
}

// symmetrize makes players i and j symmetric: v(S) = v(swap(S)).
func symmetrize(v []float64, i, j int) {
	for s := range v {
		if t := swap(uint64(s), i, j); t < uint64(s) {
			v[s] = v[t]
		}
	}
}

func TestShapleyAxioms(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 9).Draw(t, "n")
		v := genValues(t, n)
		i := rapid.IntRange(0, n-1).Draw(t, "i")
		j := rapid.IntRange(0, n-1).Draw(t, "j")
		d := rapid.IntRange(0, n-1).Draw(t, "dummy")
		if i != j {
			symmetrize(v, i, j)
		}
		null := d != i && d != j
		if null { // player d adds nothing to any coalition
			for s := range v {
				if s>>d&1 == 1 {
					v[s] = v[s&^(1<<d)]
				}
			}
		}
		g := mustGame(NewTable(n, v))
		phi, err := Shapley(g)
		if err != nil {
			t.Fatal(err)
		}
		scale := scaleOf(v)
		if e := math.Abs(sum(phi) - v[len(v)-1]); e > 1e-9*scale {
			t.Fatalf("not efficient: Σφ = %v, v(N) = %v", sum(phi), v[len(v)-1])
		}
		if math.Abs(phi[i]-phi[j]) > 1e-9*scale {
			t.Fatalf("symmetric players %d, %d get %v, %v", i, j, phi[i], phi[j])
		}
		if null && math.Abs(phi[d]) > 1e-9*scale {
			t.Fatalf("null player %d gets %v", d, phi[d])
		}
		// Additivity: φ(v + w) = φ(v) + φ(w).
		w := genValues(t, n)
		vw := make([]float64, len(v))
		for s := range v {
			vw[s] = v[s] + w[s]
		}
		pw, _ := Shapley(mustGame(NewTable(n, w)))
		pvw, _ := Shapley(mustGame(NewTable(n, vw)))
		for k := range phi {
			if math.Abs(pvw[k]-phi[k]-pw[k]) > 1e-9*(scale+scaleOf(w)) {
				t.Fatalf("not additive for player %d: %v vs %v + %v", k, pvw[k], phi[k], pw[k])
			}
		}
	})
}

// shapleyByOrderings is the definition: the average over all n! orderings
// of each player's marginal contribution (Heap's algorithm).
func shapleyByOrderings(g *Game) []float64 {
	n := g.N()
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	phi := make([]float64, n)
	count := 0
	visit := func() {
		var s uint64
		for _, i := range p {
			phi[i] += g.Value(s|1<<i) - g.Value(s)
			s |= 1 << i
		}
		count++
	}
	c := make([]int, n)
	visit()
	for k := 0; k < n; {
		if c[k] < k {
			if k%2 == 0 {
				p[0], p[k] = p[k], p[0]
			} else {
				p[c[k]], p[k] = p[k], p[c[k]]
			}
			visit()
			c[k]++
			k = 0
		} else {
			c[k] = 0
			k++
		}
	}
	for i := range phi {
		phi[i] /= float64(count)
	}
	return phi
}

func TestShapleyMatchesOrderings(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g := genGame(t, 1, 7)
		phi, _ := Shapley(g)
		want := shapleyByOrderings(g)
		for i := range phi {
			if math.Abs(phi[i]-want[i]) > 1e-9*scaleOf(g.table) {
				t.Fatalf("φ = %v, by orderings %v", phi, want)
			}
		}
	})
}

// marginalRange returns the widest range of any player's marginal
// contributions.
func marginalRange(g *Game) float64 {
	r := 0.0
	for i := range g.N() {
		lo, hi := math.Inf(1), math.Inf(-1)
		for s := uint64(0); s <= g.Grand(); s++ {
			if s>>i&1 == 0 {
				d := g.Value(s|1<<i) - g.Value(s)
				lo, hi = min(lo, d), max(hi, d)
			}
		}
		r = max(r, hi-lo)
	}
	return r
}

func TestShapleySample(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g := genGame(t, 1, 8)
		seed := rapid.Uint64().Draw(t, "seed")
		opts := SampleOptions{Samples: rapid.IntRange(1, 3000).Draw(t, "m"), Seed: seed,
			Confidence: 1 - 1e-9, Range: marginalRange(g)}
		if opts.Range == 0 {
			opts.Range = 1
		}
		a, err := ShapleySample(g, opts)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := ShapleySample(g, opts)
		if !slices.Equal(a.Value, b.Value) || !slices.Equal(a.StdErr, b.StdErr) {
			t.Fatalf("same seed, different estimates: %v vs %v", a.Value, b.Value)
		}
		exact, _ := Shapley(g)
		for i := range exact {
			// Confidence 1-1e-9: a failure here is a bug, not bad luck.
			if math.Abs(a.Value[i]-exact[i]) > a.Bound+1e-9 {
				t.Fatalf("player %d: estimate %v, exact %v, bound %v", i, a.Value[i], exact[i], a.Bound)
			}
		}
		if a.RangeObserved {
			t.Fatal("range given but reported observed")
		}
	})
}

func TestShapleySampleVoting(t *testing.T) {
	rule := weighted(t, 39, 7, 7, 7, 7, 7, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)
	g := mustGame(NewVoting(rule))
	est, err := ShapleySample(g, SampleOptions{Samples: 20000, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	exact, _ := Shapley(g)
	if est.Range != 1 || est.RangeObserved {
		t.Errorf("voting game range %v (observed %v), want 1", est.Range, est.RangeObserved)
	}
	for i := range exact {
		if math.Abs(est.Value[i]-exact[i]) > est.Bound {
			t.Errorf("player %d: %v vs exact %v beyond bound %v", i, est.Value[i], exact[i], est.Bound)
		}
		if est.StdErr[i] <= 0 || est.StdErr[i] > est.Bound {
			t.Errorf("player %d: standard error %v with bound %v", i, est.StdErr[i], est.Bound)
		}
	}
	other, _ := ShapleySample(g, SampleOptions{Samples: 20000, Seed: 8})
	if slices.Equal(est.Value, other.Value) {
		t.Error("different seeds gave identical estimates")
	}
}

// TestCoreProperties checks the least core against the nucleolus (two
// different LP formulations: the primal with generated constraints, and the
// sequential duals): the prenucleolus lies in the least core, so its largest
// excess is ε*; both points are efficient; the core point is in the core
// when the core is non-empty, and the nucleolus is then in the core too.
func TestCoreProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g := genGame(t, 2, 7)
		if rapid.Bool().Draw(t, "supermodular") {
			g = convexify(g)
		}
		sc := scaleOf(g.table)
		c, err := Core(g)
		if err != nil {
			t.Fatal(err)
		}
		vN := g.Value(g.Grand())
		if math.Abs(sum(c.Point)-vN) > 1e-8*sc {
			t.Fatalf("core point %v not efficient (v(N) = %v)", c.Point, vN)
		}
		if e, _ := MaxExcess(g, c.Point); math.Abs(e-c.Epsilon) > 1e-8*sc {
			t.Fatalf("point's max excess %v, reported ε* %v", e, c.Epsilon)
		}
		pre, err := Prenucleolus(g)
		if err != nil {
			t.Fatal(err)
		}
		if e, _ := MaxExcess(g, pre); math.Abs(e-c.Epsilon) > 1e-7*sc {
			t.Fatalf("prenucleolus %v has max excess %v, least core ε* = %v", pre, e, c.Epsilon)
		}
		if math.Abs(sum(pre)-vN) > 1e-8*sc {
			t.Fatalf("prenucleolus %v not efficient", pre)
		}
		if c.Empty {
			return
		}
		nu, err := Nucleolus(g)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range [][]float64{c.Point, nu, pre} {
			if ok, _ := InCore(g, x, 1e-7*sc); !ok {
				t.Fatalf("%v not in the non-empty core (ε* = %v)", x, c.Epsilon)
			}
		}
		if !nearAllTol(nu, pre, 1e-7*sc) {
			t.Fatalf("non-empty core but nucleolus %v ≠ prenucleolus %v", nu, pre)
		}
	})
}

// convexify turns g into a convex game by adding a large supermodular term
// c·|S|² (whose marginal contributions grow with the coalition).
func convexify(g *Game) *Game {
	v := slices.Clone(g.table)
	c := 2 * scaleOf(v)
	for s := range v {
		k := float64(popcount(uint64(s)))
		v[s] += c * k * k
	}
	return mustGame(NewTable(g.N(), v))
}

func nearAllTol(a, b []float64, tol float64) bool {
	for i := range a {
		if math.Abs(a[i]-b[i]) > tol {
			return false
		}
	}
	return len(a) == len(b)
}

// sortedExcesses returns the excesses of x over proper coalitions, largest
// first.
func sortedExcesses(g *Game, x []float64) []float64 {
	var e []float64
	for s := uint64(1); s < g.Grand(); s++ {
		xs := 0.0
		for _, i := range Members(s) {
			xs += x[i]
		}
		e = append(e, g.Value(s)-xs)
	}
	slices.Sort(e)
	slices.Reverse(e)
	return e
}

// lexLess reports a <lex b with tolerance.
func lexLess(a, b []float64, tol float64) bool {
	for k := range a {
		if a[k] < b[k]-tol {
			return true
		}
		if a[k] > b[k]+tol {
			return false
		}
	}
	return false
}

func TestNucleolusProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(2, 7).Draw(t, "n")
		v := genValues(t, n)
		i := rapid.IntRange(0, n-1).Draw(t, "i")
		j := rapid.IntRange(0, n-1).Draw(t, "j")
		if i != j {
			symmetrize(v, i, j)
		}
		// Make sure imputations exist: v(N) ≥ Σ v({k}).
		lower := 0.0
		for k := range n {
			lower += v[1<<k]
		}
		v[len(v)-1] = max(v[len(v)-1], lower+rapid.Float64Range(0, 3).Draw(t, "slack"))
		g := mustGame(NewTable(n, v))
		sc := scaleOf(v)
		for name, f := range map[string]func(*Game) ([]float64, error){"nucleolus": Nucleolus, "prenucleolus": Prenucleolus} {
			x, err := f(g)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if math.Abs(sum(x)-v[len(v)-1]) > 1e-8*sc {
				t.Fatalf("%s %v not efficient", name, x)
			}
			if math.Abs(x[i]-x[j]) > 1e-7*sc {
				t.Fatalf("%s %v treats symmetric %d, %d differently", name, x, i, j)
			}
			imput := name == "nucleolus"
			if imput {
				for k := range n {
					if x[k] < v[1<<k]-1e-8*sc {
						t.Fatalf("nucleolus %v not individually rational", x)
					}
				}
			}
			// No nearby efficient (and, for the nucleolus, individually
			// rational) vector has a lexicographically smaller excess
			// vector.
			ex := sortedExcesses(g, x)
			for range 20 {
				y := perturb(t, x, v[len(v)-1], sc)
				if imput && !rational(y, v) {
					continue
				}
				if lexLess(sortedExcesses(g, y), ex, 1e-9*sc) {
					t.Fatalf("%s %v beaten by %v", name, x, y)
				}
			}
		}
	})
}

// perturb moves x by a random step of size (largest component) 1e-3 to 1
// times scale, keeping Σ x. Steps are kept well above the comparison
// tolerance, where a lexicographic comparison with tolerance is reliable.
func perturb(t *rapid.T, x []float64, vN, scale float64) []float64 {
	d := make([]float64, len(x))
	big := 0.0
	for k := range d {
		d[k] = rapid.Float64Range(-1, 1).Draw(t, "d")
		big = max(big, math.Abs(d[k]))
	}
	if big < 1e-3 {
		d[0], big = 1, 1
	}
	step := rapid.SampledFrom([]float64{1e-3, 1e-2, 0.1, 1}).Draw(t, "step") * scale / big
	y := slices.Clone(x)
	for k := range y {
		y[k] += step * d[k]
	}
	shift := (vN - sum(y)) / float64(len(y))
	for k := range y {
		y[k] += shift
	}
	return y
}

func rational(y, v []float64) bool {
	for k := range y {
		if y[k] < v[1<<k] {
			return false
		}
	}
	return true
}

func TestConvexPoolShapleyInCore(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 8).Draw(t, "n")
		c := rapid.SliceOfN(rapid.IntRange(0, 10000), n, n).Draw(t, "c")
		contrib := make([]float64, n)
		for i, x := range c {
			contrib[i] = float64(x) / 1000
		}
		g := mustGame(NewPool(Pool{Contributions: contrib,
			Return:  func(x float64) float64 { return x * x / 10 },
			Synergy: rapid.Float64Range(0, 1).Draw(t, "γ")}))
		phi, err := Shapley(g)
		if err != nil {
			t.Fatal(err)
		}
		tg, _ := g.Tabulate()
		if ok, _ := InCore(g, phi, 1e-9*scaleOf(tg.table)); !ok {
			t.Fatalf("Shapley value %v of a convex game not in its core", phi)
		}
	})
}
