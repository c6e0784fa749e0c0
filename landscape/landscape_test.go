package landscape

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// mustSystem builds a system from the upper triangle of the propensities.
func mustSystem(tb testing.TB, sizes []float64, upper map[[2]int]float64) *System {
	tb.Helper()
	n := len(sizes)
	p := square(n)
	for ij, v := range upper {
		p[ij[0]][ij[1]], p[ij[1]][ij[0]] = v, v
	}
	s, err := NewSystem(sizes, p)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// parse reads a configuration written as letters, actor 0 first.
func parse(s string) Config {
	var c Config
	for i, r := range s {
		if r == 'B' {
			c |= 1 << uint(i)
		}
	}
	return c
}

// minimaOf summarises a result as configuration → (energy, basin).
func minimaOf(r *Result) map[string][2]float64 {
	m := map[string][2]float64{}
	for _, x := range r.Minima {
		m[x.Config.Format(r.N)] = [2]float64{x.Energy, x.Basin}
	}
	return m
}

func TestFrustratedTriangle(t *testing.T) {
	// Three equal actors who all repel (p = −1, s = 1): w_ij = −1.
	// E counts each pair apart twice (ordered pairs), so
	//   AAA: no pair apart, E = 0;
	//   ABA, AAB, ABB: two pairs apart, E = 2·2·(−1) = −4.
	// In a split, moving the lone actor gives AAA (ΔE = +4) and moving one
	// of the pair gives another split (ΔE = 0): no flip lowers E, so all
	// three splits are local minima. From AAA every flip has ΔE = −4: a
	// three-way tie, which goes to actor 0, and BAA is ABB. Basins: ABB 2
	// (itself and AAA), ABA 1, AAB 1.
	s := mustSystem(t, []float64{1, 1, 1}, map[[2]int]float64{{0, 1}: -1, {0, 2}: -1, {1, 2}: -1})
	res, err := s.Exhaustive(Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]float64{"ABB": {-4, 2}, "ABA": {-4, 1}, "AAB": {-4, 1}}
	if diff := cmp.Diff(want, minimaOf(res)); diff != "" {
		t.Errorf("minima (-want +got):\n%s", diff)
	}
	if got := res.Global().Config.Format(3); got != "ABA" {
		t.Errorf("global minimum %s, want ABA (lowest configuration among equal energies)", got)
	}
	if diff := cmp.Diff([]Config{parse("AAA"), parse("ABB")}, s.Descend(parse("AAA"))); diff != "" {
		t.Errorf("descent from AAA (-want +got):\n%s", diff)
	}
}

// five is a 5-actor system with three local minima. Its energy table
// below was computed with an independent script (straight from the
// definition, by blocs) and spot-checked by hand:
//
//	AAABB (actors 3, 4 in B): the pairs apart are (0,3) 3·3·1 = 9,
//	(0,4) 3·3·(−1) = −9, (1,3) 1·3·(−1) = −3, (1,4) −3, (2,3) 2·3·(−2) = −12,
//	(2,4) 2·3·1 = 6; sum −12, counted twice: E = −24.
//	AABAB (actors 2, 4 in B): (0,2) 3·2·2 = 12, (0,4) −9, (1,2) 1·2·1 = 2,
//	(1,4) −3, (2,3) −12, (3,4) 3·3·1 = 9; sum −1: E = −2.
//
// Steepest descent from ABAAB has ΔE = (48, −16, −16, −18, −18): actors 3
// and 4 tie and actor 3 moves, to ABABB.
func five(tb testing.TB) *System {
	return mustSystem(tb, []float64{3, 1, 2, 3, 3}, map[[2]int]float64{
		{0, 1}: 2, {0, 2}: 2, {0, 3}: 1, {0, 4}: -1,
		{1, 2}: 1, {1, 3}: -1, {1, 4}: -1,
		{2, 3}: -2, {2, 4}: 1,
		{3, 4}: 1,
	})
}

var fiveEnergies = map[string]float64{
	"AAAAA": 0, "ABAAA": 4, "AABAA": 16, "ABBAA": 12,
	"AAABA": 6, "ABABA": 22, "AABBA": 70, "ABBBA": 78,
	"AAAAB": 6, "ABAAB": 22, "AABAB": -2, "ABBAB": 6,
	"AAABB": -24, "ABABB": 4, "AABBB": 16, "ABBBB": 36,
}

func TestFiveActorsByEnumeration(t *testing.T) {
	s := five(t)
	for c, e := range fiveEnergies {
		if got := s.Energy(parse(c)); got != e {
			t.Errorf("Energy(%s) = %v, want %v", c, got, e)
		}
		// The complement is the same alignment.
		if got := s.Energy(^parse(c) & mask(5)); got != e {
			t.Errorf("Energy(complement of %s) = %v, want %v", c, got, e)
		}
	}
	res, err := s.Exhaustive(Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]float64{"AAABB": {-24, 9}, "AABAB": {-2, 4}, "AAAAA": {0, 3}}
	if diff := cmp.Diff(want, minimaOf(res)); diff != "" {
		t.Errorf("minima (-want +got):\n%s", diff)
	}
	if res.Global().Config != parse("AAABB") || !res.Complete || !res.BasinsExact {
		t.Errorf("global %s complete %v exact %v; want AAABB, true, true", res.Global().Config.Format(5), res.Complete, res.BasinsExact)
	}
	if k := s.BestFlip(parse("ABAAB")); k != 3 {
		t.Errorf("BestFlip(ABAAB) = %d, want 3 (tie with 4)", k)
	}
	var sum float64
	for _, m := range res.Minima {
		sum += m.Basin
	}
	if sum != 16 {
		t.Errorf("basins sum to %v, want 2^4 = 16", sum)
	}
}

func TestFrustrationAndDeltas(t *testing.T) {
	s := five(t)
	for c := range fiveEnergies {
		x := parse(c)
		// E(X) = Σ_i s_i F_i(X).
		var e float64
		for i := range 5 {
			e += s.Size(i) * s.Frustration(i, x)
		}
		if e != fiveEnergies[c] {
			t.Errorf("Σ s_i F_i(%s) = %v, want %v", c, e, fiveEnergies[c])
		}
		for k := range 5 {
			if got, want := s.FlipDelta(x, k), s.Energy(x^1<<uint(k))-s.Energy(x); got != want {
				t.Errorf("FlipDelta(%s, %d) = %v, want %v", c, k, got, want)
			}
		}
	}
}

// randomSystem draws sizes in [0.1, 1] and propensities in [−1, 1].
func randomSystem(tb testing.TB, n int, seed uint64) *System {
	tb.Helper()
	rng := rand.New(rand.NewPCG(seed, 0))
	sizes := make([]float64, n)
	for i := range sizes {
		sizes[i] = 0.1 + 0.9*rng.Float64()
	}
	p := square(n)
	for i := range n {
		for j := i + 1; j < n; j++ {
			p[i][j] = 2*rng.Float64() - 1
			p[j][i] = p[i][j]
		}
	}
	s, err := NewSystem(sizes, p)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// oracle enumerates every canonical configuration directly: local minima
// by BestFlip and basins by following Descend from each configuration.
func oracle(s *System) map[Config]float64 {
	basins := map[Config]float64{}
	for g := range s.Configurations() {
		path := s.Descend(Config(g << 1))
		basins[path[len(path)-1]]++
	}
	return basins
}

func TestExhaustiveMatchesDirect(t *testing.T) {
	for n := 2; n <= 11; n++ {
		for seed := range uint64(5) {
			s := randomSystem(t, n, seed)
			want := oracle(s)
			res, err := s.Exhaustive(Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := map[Config]float64{}
			for _, m := range res.Minima {
				got[m.Config] = m.Basin
				if !s.IsLocalMin(m.Config) {
					t.Errorf("n=%d seed=%d: %s is not a local minimum", n, seed, m.Config.Format(n))
				}
				if e := s.Energy(m.Config); m.Energy != e {
					t.Errorf("n=%d seed=%d: energy %v, want %v", n, seed, m.Energy, e)
				}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("n=%d seed=%d: basins (-direct +exhaustive):\n%s", n, seed, diff)
			}
			checkGlobal(t, s, res)
		}
	}
}

// checkGlobal checks res.Global against the minimum energy over all
// configurations.
func checkGlobal(t *testing.T, s *System, res *Result) {
	t.Helper()
	best := math.Inf(1)
	for g := range s.Configurations() {
		best = min(best, s.Energy(Config(g<<1)))
	}
	if got := res.Global().Energy; math.Abs(got-best) > 1e-12*max(1, math.Abs(best)) {
		t.Errorf("n=%d: global minimum energy %v, want %v", s.N(), got, best)
	}
}

func TestChunkedSweepWithRefresh(t *testing.T) {
	// 15 actors: 2^14 configurations in 256 chunks of 64; 17 actors: chunks
	// of 256, crossing no refresh; 23 actors: chunks of 2^14, so the fields
	// are reloaded 15 times per chunk. Every minimum must be a true minimum
	// with exact energy, and the basins must cover the landscape.
	for _, n := range []int{15, 17, 23} {
		s := randomSystem(t, n, 7)
		res, err := s.Exhaustive(Options{})
		if err != nil {
			t.Fatal(err)
		}
		var sum float64
		for _, m := range res.Minima {
			sum += m.Basin
			if !s.IsLocalMin(m.Config) {
				t.Errorf("n=%d: %s is not a local minimum", n, m.Config.Format(n))
			}
			path := s.Descend(m.Config)
			if len(path) != 1 {
				t.Errorf("n=%d: descent leaves minimum %s", n, m.Config.Format(n))
			}
		}
		if sum != float64(s.Configurations()) {
			t.Errorf("n=%d: basins sum to %v, want %d", n, sum, s.Configurations())
		}
		// Spot-check basins against direct descents from a sample.
		rng := rand.New(rand.NewPCG(1, 2))
		index := map[Config]bool{}
		for _, m := range res.Minima {
			index[m.Config] = true
		}
		for range 200 {
			c := Config(rng.Uint64()) & mask(n)
			path := s.Descend(c)
			if !index[path[len(path)-1]] {
				t.Errorf("n=%d: descent from %s ends at %s, not a listed minimum", n, c.Format(n), path[len(path)-1].Format(n))
			}
		}
	}
}

func TestSearchFindsGlobalMinimum(t *testing.T) {
	// Local search with 300 seeded restarts against exhaustive search on
	// random 20-actor systems.
	for seed := range uint64(6) {
		s := randomSystem(t, 20, 100+seed)
		ex, err := s.Exhaustive(Options{NoBasins: true})
		if err != nil {
			t.Fatal(err)
		}
		se, err := s.Search(Options{Restarts: 300, Seed: 42})
		if err != nil {
			t.Fatal(err)
		}
		if se.Global().Config != ex.Global().Config {
			t.Errorf("seed %d: search found %s (E=%v), exhaustive %s (E=%v)", seed,
				se.Global().Config.Format(20), se.Global().Energy, ex.Global().Config.Format(20), ex.Global().Energy)
		}
		all := map[Config]bool{}
		for _, m := range ex.Minima {
			all[m.Config] = true
		}
		for _, m := range se.Minima {
			if !all[m.Config] {
				t.Errorf("seed %d: search minimum %s is not an exhaustive minimum", seed, m.Config.Format(20))
			}
		}
	}
}

func TestDeterminism(t *testing.T) {
	s := randomSystem(t, 24, 9)
	a, err := s.Search(Options{Restarts: 500, Seed: 5, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.Search(Options{Restarts: 500, Seed: 5, Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("search depends on workers (-1 +3):\n%s", diff)
	}
	c, _ := s.Search(Options{Restarts: 500, Seed: 6})
	if cmp.Equal(a, c) {
		t.Error("different seeds gave identical searches")
	}
	small := randomSystem(t, 16, 9)
	x, err := small.Exhaustive(Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	y, err := small.Exhaustive(Options{Workers: 4})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(x, y); diff != "" {
		t.Errorf("exhaustive depends on workers (-1 +4):\n%s", diff)
	}
}

func TestSampledBasinsEstimateExact(t *testing.T) {
	// The sampled estimate of each basin's share lies within 5 binomial
	// standard errors of the exact share.
	s := randomSystem(t, 14, 3)
	exact, err := s.Exhaustive(Options{})
	if err != nil {
		t.Fatal(err)
	}
	est := append([]Minimum(nil), exact.Minima...)
	for i := range est {
		est[i].Hits = 0
	}
	const restarts = 4000
	s.sampleBasins(Options{Restarts: restarts, Seed: 8}, est)
	for i, m := range exact.Minima {
		se := math.Sqrt(m.Share * (1 - m.Share) / restarts)
		if d := math.Abs(est[i].Share - m.Share); d > 5*se+1e-12 {
			t.Errorf("minimum %s: estimated share %v, exact %v (SE %v)", m.Config.Format(14), est[i].Share, m.Share, se)
		}
	}
}

func TestExhaustiveTooManyMinima(t *testing.T) {
	// With zero propensities no flip changes the energy: every
	// configuration is a local minimum.
	s, err := NewSystem([]float64{1, 1, 1, 1, 1, 1}, square(6))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Exhaustive(Options{MaxMinima: 10}); !errors.Is(err, ErrTooManyMinima) {
		t.Errorf("Exhaustive: %v, want ErrTooManyMinima", err)
	}
	res, err := s.Exhaustive(Options{})
	if err != nil || len(res.Minima) != 32 {
		t.Errorf("Exhaustive: %d minima, %v; want 32", len(res.Minima), err)
	}
}

func TestNewSystemValidates(t *testing.T) {
	sq := func(n int) [][]float64 { return square(n) }
	asym := sq(3)
	asym[0][1] = 1
	nan := sq(2)
	nan[0][1], nan[1][0] = math.NaN(), math.NaN()
	diagNaN := sq(2)
	diagNaN[0][0] = math.NaN()
	for _, tc := range []struct {
		name  string
		sizes []float64
		prop  [][]float64
		want  error
	}{
		{"one actor", []float64{1}, sq(1), ErrSize},
		{"asymmetric", []float64{1, 1, 1}, asym, ErrAsymmetric},
		{"ragged", []float64{1, 1}, [][]float64{{0, 1}, {1}}, nil},
		{"rows", []float64{1, 1}, sq(3), nil},
		{"negative size", []float64{1, -1}, sq(2), nil},
		{"NaN propensity", []float64{1, 1}, nan, nil},
	} {
		_, err := NewSystem(tc.sizes, tc.prop)
		if err == nil || (tc.want != nil && !errors.Is(err, tc.want)) {
			t.Errorf("%s: err = %v, want %v", tc.name, err, tc.want)
		}
	}
	if _, err := NewSystem([]float64{1, 1}, diagNaN); err != nil {
		t.Errorf("NaN diagonal: %v; the diagonal is ignored", err)
	}
}

func TestPortfolioSAndCentered(t *testing.T) {
	// Three actors over four reference states; each is allied to itself.
	// 0: allied to 1 and state 3; 1: allied to 0; 2: no allies.
	ties := [][]float64{
		{1, 1, 0, 1},
		{1, 1, 0, 0},
		{0, 0, 1, 0},
	}
	// S_01 = 1 − 2·1/4 = 0.5 (differ on state 3);
	// S_02 = 1 − 2·4/4 = −1; S_12 = 1 − 2·3/4 = −0.5.
	s, err := PortfolioS(ties)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]float64{{1, 0.5, -1}, {0.5, 1, -0.5}, {-1, -0.5, 1}}
	if diff := cmp.Diff(want, s); diff != "" {
		t.Errorf("PortfolioS (-want +got):\n%s", diff)
	}
	// Mean of (0.5, −1, −0.5) is −1/3.
	p, err := Centered(s)
	if err != nil {
		t.Fatal(err)
	}
	wantP := [][]float64{{0, 0.5 + 1.0/3, -1 + 1.0/3}, {0.5 + 1.0/3, 0, -0.5 + 1.0/3}, {-1 + 1.0/3, -0.5 + 1.0/3, 0}}
	if diff := cmp.Diff(wantP, p, cmpopts.EquateApprox(0, 1e-15)); diff != "" {
		t.Errorf("Centered (-want +got):\n%s", diff)
	}
	if _, err := PortfolioS([][]float64{{1, 2}}); err == nil {
		t.Error("PortfolioS accepted a tie of 2")
	}
	sh, err := Shares([]float64{1, 3})
	if err != nil || !cmp.Equal(sh, []float64{0.25, 0.75}) {
		t.Errorf("Shares = %v, %v", sh, err)
	}
}

func TestOrderKey(t *testing.T) {
	vals := []float64{math.Inf(-1), -1e300, -3, -0.5, -1e-300, 0, 1e-300, 2, 1e300, math.Inf(1)}
	for i, v := range vals {
		if got := fromOrderKey(orderKey(v)); got != v {
			t.Errorf("fromOrderKey(orderKey(%v)) = %v", v, got)
		}
		if i > 0 && orderKey(vals[i-1]) >= orderKey(v) {
			t.Errorf("orderKey(%v) >= orderKey(%v)", vals[i-1], v)
		}
	}
}
