package power

import (
	"math"
	"math/big"
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// TestDivRound: divRound and quoFloat round p/q exactly as big.Rat's
// Float64 does, on word-sized and larger counts, near powers of two and
// at halfway cases.
func TestDivRound(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		gen := rapid.OneOf(rapid.Uint64(), rapid.Uint64Range(0, 1<<20),
			rapid.Map(rapid.IntRange(0, 63), func(k int) uint64 { return 1 << k }),
			rapid.Map(rapid.IntRange(1, 63), func(k int) uint64 { return 1<<k - 1 }),
			rapid.Map(rapid.IntRange(0, 10), func(k int) uint64 { return 1<<53 + 1<<k }))
		p, q := gen.Draw(t, "p"), gen.Draw(t, "q")
		if q == 0 {
			q = 1
		}
		if p > q && rapid.Bool().Draw(t, "swap") {
			p, q = q, p
		}
		want, _ := new(big.Rat).SetFrac(new(big.Int).SetUint64(p), new(big.Int).SetUint64(q)).Float64()
		if got := divRound(p, q); got != want {
			t.Fatalf("divRound(%d, %d) = %v, want %v", p, q, got, want)
		}
		// Many-word counts through big.Float.
		k := rapid.UintRange(0, 300).Draw(t, "shift")
		x := new(big.Int).Lsh(new(big.Int).SetUint64(p), k)
		x.Add(x, new(big.Int).SetUint64(gen.Draw(t, "low")))
		y := new(big.Int).Lsh(new(big.Int).SetUint64(q), rapid.UintRange(0, 300).Draw(t, "yshift"))
		want, _ = new(big.Rat).SetFrac(x, y).Float64()
		if got := quoFloat(x, y); got != want {
			t.Fatalf("quoFloat(%v, %v) = %v, want %v", x, y, got, want)
		}
	})
}

// TestFloatPathMatchesExact: with only float64 results asked for, every
// index is bit for bit the float64 the exact fractions round to, on
// random weighted games of up to 80 players (word and multi-word counts)
// and random index sets.
func TestFloatPathMatchesExact(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g, idx := genSmallGame(t, 80, 30, JohnstonIndex|DeeganPackelIndex|HollerIndex)
		want := analyzeT(t, g, Options{Exact: true, Indices: idx})
		got := analyzeT(t, g, Options{Indices: idx})
		for _, c := range []struct {
			name      string
			got, want []float64
		}{
			{"banzhaf", got.Banzhaf, want.Banzhaf}, {"penrose", got.Penrose, want.Penrose},
			{"shapley-shubik", got.ShapleyShubik, want.ShapleyShubik}, {"deegan-packel", got.DeeganPackel, want.DeeganPackel},
			{"holler", got.Holler, want.Holler}, {"johnston", got.Johnston, want.Johnston},
			{"prevent", got.Coleman.Prevent, want.Coleman.Prevent}, {"initiate", got.Coleman.Initiate, want.Coleman.Initiate},
		} {
			if !slices.EqualFunc(c.got, c.want, func(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }) {
				t.Fatalf("%s: float path %v, exact %v", c.name, c.got, c.want)
			}
		}
	})
}

// opaque hides a game's concrete type, so that generic paths run.
type opaque struct{ Game }

// TestVetoesWeighted: the weighted shortcut names the same veto players as
// the generic test of every player's absence.
func TestVetoesWeighted(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 20).Draw(t, "n")
		w := rapid.SliceOfN(rapid.Int64Range(0, 9), n, n).Draw(t, "w")
		w[0]++
		var total int64
		for _, x := range w {
			total += x
		}
		g := mustWeightedT(t, rapid.Int64Range(1, total).Draw(t, "q"), w)
		if got, want := vetoes(g), vetoes(opaque{g}); !slices.Equal(got, want) {
			t.Fatalf("%v: vetoes %v, generic %v", g, got, want)
		}
	})
}
