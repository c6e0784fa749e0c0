package coalition

import (
	"math"
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// bestByEnumeration visits every partition of the n players (Bell(n) of
// them, as restricted growth strings) and returns the best value and the
// number of partitions.
func bestByEnumeration(v []float64, n int) (best float64, count int) {
	best = math.Inf(-1)
	block := make([]uint64, n) // masks of the blocks opened so far
	var rec func(i, blocks int, val float64)
	rec = func(i, blocks int, val float64) {
		if i == n {
			total := val
			for b := range blocks {
				total += v[block[b]]
			}
			best = max(best, total)
			count++
			return
		}
		for b := 0; b <= blocks; b++ {
			block[b] |= 1 << i
			nb := blocks
			if b == blocks {
				nb++
			}
			rec(i+1, nb, val)
			block[b] &^= 1 << i
		}
	}
	rec(0, 0, 0)
	return best, count
}

// TestStructureFourAgents checks the optimal structure of four agents
// against all 15 partitions, written out:
//
//	v(0)=3 v(1)=2 v(2)=4 v(3)=1
//	v(01)=6 v(02)=5 v(03)=6 v(12)=7 v(13)=4 v(23)=6
//	v(012)=9 v(013)=8 v(023)=10 v(123)=9 v(0123)=12
//
//	{0123}            12      {01}{23}  6+6 = 12
//	{012}{3}   9+1 = 10       {02}{13}  5+4 =  9
//	{013}{2}   8+4 = 12       {03}{12}  6+7 = 13  <- best
//	{023}{1}  10+2 = 12       {01}{2}{3} 6+4+1 = 11
//	{123}{0}   9+3 = 12       {02}{1}{3} 5+2+1 =  8
//	{0}{1}{2}{3}     10       {03}{1}{2} 6+2+4 = 12
//	{12}{0}{3} 7+3+1 = 11     {13}{0}{2} 4+3+4 = 11
//	{23}{0}{1} 6+3+2 = 11
func TestStructureFourAgents(t *testing.T) {
	v := make([]float64, 16)
	set := func(x float64, players ...int) { v[Mask(players...)] = x }
	set(3, 0)
	set(2, 1)
	set(4, 2)
	set(1, 3)
	set(6, 0, 1)
	set(5, 0, 2)
	set(6, 0, 3)
	set(7, 1, 2)
	set(4, 1, 3)
	set(6, 2, 3)
	set(9, 0, 1, 2)
	set(8, 0, 1, 3)
	set(10, 0, 2, 3)
	set(9, 1, 2, 3)
	set(12, 0, 1, 2, 3)
	best, count := bestByEnumeration(v, 4)
	if count != 15 || best != 13 {
		t.Fatalf("enumeration: %d partitions, best %v; want 15 and 13", count, best)
	}
	g := mustGame(NewTable(4, v))
	want := []uint64{Mask(1, 2), Mask(0, 3)}
	slices.Sort(want)
	for name, got := range map[string]*Structure{"exact": must(OptimalStructure(g)), "plain": plainDP(v, 4)} {
		if got.Value != 13 || !slices.Equal(got.Coalitions, want) {
			t.Errorf("%s: %v value %v, want {0,3},{1,2} worth 13", name, got.Coalitions, got.Value)
		}
	}
}

func must[T any](x T, err error) T {
	if err != nil {
		panic(err)
	}
	return x
}

// TestStructureMatchesEnumeration compares the exact method and the plain
// dynamic program with all Bell(n) partitions, up to 10 players (115975
// partitions).
func TestStructureMatchesEnumeration(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 10).Draw(t, "n")
		v := genCSGValues(t, n)
		g := mustGame(NewTable(n, v))
		best, _ := bestByEnumeration(v, n)
		got, err := OptimalStructure(g)
		if err != nil {
			t.Fatal(err)
		}
		checkStructure(t, g, got, best)
		checkStructure(t, g, plainDP(v, n), best)
		// The same with the subset-maximum bound always in use, and
		// without pruning.
		for _, d := range []*dpSolver{
			{n: n, v: v, f: slices.Clone(v), alwaysRefine: true},
			{n: n, v: v, f: slices.Clone(v)},
		} {
			d.run(d.alwaysRefine)
			checkStructure(t, g, d.structure(grand(n)), best)
		}
	})
}

// genCSGValues draws worths: small integers (ties), uniform |S|·U(0,1), or
// normal with negative values allowed.
func genCSGValues(t *rapid.T, n int) []float64 {
	kind := rapid.IntRange(0, 2).Draw(t, "kind")
	seed := rapid.Uint64().Draw(t, "seed")
	switch kind {
	case 0:
		v := make([]float64, 1<<n)
		for s := 1; s < len(v); s++ {
			v[s] = float64(rapid.IntRange(-2, 6).Draw(t, "v"))
		}
		return v
	case 1:
		return UniformValues(n, seed)
	default:
		return NDCSValues(n, seed)
	}
}

func checkStructure(t *rapid.T, g *Game, s *Structure, best float64) {
	t.Helper()
	val, err := StructureValue(g, s.Coalitions)
	if err != nil {
		t.Fatalf("invalid structure %v: %v", s.Coalitions, err)
	}
	if math.Abs(val-s.Value) > 1e-9*max(1, math.Abs(val)) {
		t.Fatalf("structure %v worth %v, reported %v", s.Coalitions, val, s.Value)
	}
	if math.Abs(val-best) > 1e-9*max(1, math.Abs(best)) {
		t.Fatalf("structure %v worth %v, enumeration finds %v", s.Coalitions, val, best)
	}
}

// TestStructureLarger compares the exact method with the plain dynamic
// program beyond the reach of enumeration, on the benchmark distributions
// and on small integers (many ties), at sizes where the blocked
// evaluation (more than 14 players) and the subset-maximum bound are used.
func TestStructureLarger(t *testing.T) {
	maxN := 18
	if testing.Short() {
		maxN = 16
	}
	for n := 11; n <= maxN; n++ {
		for seed := range uint64(3) {
			for _, v := range [][]float64{UniformValues(n, seed), NDCSValues(n, seed), smallInts(n, seed)} {
				g := mustGame(NewTable(n, v))
				got := must(OptimalStructure(g))
				want := plainDP(v, n)
				val, err := StructureValue(g, got.Coalitions)
				if err != nil || val != got.Value {
					t.Fatalf("n=%d seed %d: invalid structure %v (%v)", n, seed, got.Coalitions, err)
				}
				if math.Abs(got.Value-want.Value) > 1e-9*math.Abs(want.Value) {
					t.Errorf("n=%d seed %d: %v vs plain DP %v", n, seed, got.Value, want.Value)
				}
			}
		}
	}
}

// smallInts draws worths in {-2, ..., 6}.
func smallInts(n int, seed uint64) []float64 {
	r := newRand(seed)
	v := make([]float64, 1<<n)
	for s := 1; s < len(v); s++ {
		v[s] = float64(boundedUint(r, 9)) - 2
	}
	return v
}

// TestSearchStructure checks the anytime search: run to the end it finds
// the optimum (against enumeration); stopped early, its structure is valid
// and the optimum lies between its value and its upper bound.
func TestSearchStructure(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 9).Draw(t, "n")
		v := genCSGValues(t, n)
		g := mustGame(NewTable(n, v))
		best, _ := bestByEnumeration(v, n)
		full, err := SearchStructure(g, AnytimeOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if !full.Optimal || full.UpperBound != full.Value {
			t.Fatalf("unlimited search not optimal: %+v", full)
		}
		checkStructure(t, g, &full.Structure, best)
		budget := rapid.Int64Range(1, 200).Draw(t, "budget")
		part, err := SearchStructure(g, AnytimeOptions{Budget: budget})
		if err != nil {
			t.Fatal(err)
		}
		if part.Steps > budget {
			t.Fatalf("%d steps with budget %d", part.Steps, budget)
		}
		val, err := StructureValue(g, part.Coalitions)
		if err != nil || math.Abs(val-part.Value) > 1e-9*max(1, math.Abs(val)) {
			t.Fatalf("invalid structure %v (%v, value %v vs %v)", part.Coalitions, err, val, part.Value)
		}
		tol := 1e-9 * max(1, math.Abs(best))
		if part.Value > best+tol || part.UpperBound < best-tol {
			t.Fatalf("optimum %v outside [%v, %v]", best, part.Value, part.UpperBound)
		}
		if part.Optimal && math.Abs(part.Value-best) > tol {
			t.Fatalf("claims optimal %v, optimum %v", part.Value, best)
		}
	})
}

// TestPlainFillMatchesTextbook checks the tight loop of the plain dynamic
// program (two running maxima, bounds-check-free indices) against the
// textbook loop it replaced, table entry by table entry, on the benchmark
// distributions and on small integers (ties, negative worths).
func TestPlainFillMatchesTextbook(t *testing.T) {
	for _, tc := range []struct {
		name string
		gen  func(n int, seed uint64) []float64
	}{
		{"uniform", UniformValues},
		{"NDCS", NDCSValues},
		{"smallInts", smallInts},
	} {
		for n := 1; n <= 14; n++ {
			for seed := range uint64(2) {
				v := tc.gen(n, seed)
				want := slices.Clone(v)
				for S := uint64(3); S < 1<<n; S++ {
					best := want[S]
					for a := (S - 1) & S; a != 0; a = (a - 1) & S {
						best = max(best, want[a]+want[S^a])
					}
					want[S] = best
				}
				got := slices.Clone(v)
				plainFill(got)
				for S := range got {
					if got[S] != want[S] {
						t.Fatalf("%s n=%d seed %d: f[%b] = %v, textbook %v", tc.name, n, seed, S, got[S], want[S])
					}
				}
			}
		}
	}
}
