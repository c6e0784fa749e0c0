package power

import (
	"testing"

	"pgregory.net/rapid"
)

// TestWordPathsMatchOldPath checks the one-word paths (uint64 counts for
// games under 64 players, one fraction per player) against the old
// multi-limb code with one fraction per size, on random games: every exact
// value identical.
func TestWordPathsMatchOldPath(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g, idx := genSmallGame(t, 63, 40, JohnstonIndex)
		old := analyzeT(t, g, Options{Exact: true, Indices: idx, generic: true})
		got := analyzeT(t, g, Options{Exact: true, Indices: idx})
		compareExact(t, got, old, idx)
	})
}

// TestWordPathsMultiWeighted does the same for size-dependent quotas.
func TestWordPathsMultiWeighted(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g := genMulti(t, 14)
		if _, ok := multiThreshold(g); !ok {
			t.Skip("not a threshold game")
		}
		idx := BanzhafIndex | ShapleyShubikIndex | ColemanIndices
		want := analyzeT(t, g, Options{Exact: true, Method: MethodEnumeration})
		got := analyzeT(t, g, Options{Exact: true, Method: MethodDP, Indices: idx})
		compareExact(t, got, want, idx)
		old := analyzeT(t, g, Options{Exact: true, Method: MethodDP, Indices: idx, generic: true})
		compareExact(t, got, old, idx)
	})
}
