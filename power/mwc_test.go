package power

import (
	"testing"

	"pgregory.net/rapid"
)

// TestMWCOrientations checks the minimal-winning count in both
// orientations (direct and by complements), in machine words, multi-limb
// and in 32- and 64-bit residue passes, against enumeration: every count
// of minimal winning coalitions by member and the exact Deegan-Packel and
// Holler indices identical.
func TestMWCOrientations(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g := genSmallWeights(t, 14)
		want, err := enumerate(g, 20)
		if err != nil {
			t.Fatal(err)
		}
		for _, comp := range []bool{false, true} {
			for _, lim := range []limits{
				{memory: 1 << 30, work: 1 << 40},
				{memory: 1 << 30, work: 1 << 40, generic: true},
				{memory: 1 << 30, work: 1 << 40, residues: 8},
				{memory: 1 << 30, work: 1 << 40, residues: 4},
			} {
				r, err := mwcDPOriented(g.weights, g.quota, lim, mwcOrient{comp: comp, q: g.quota})
				if err != nil {
					t.Fatal(err)
				}
				tl := &tally{n: g.N(), mwc: r.total, holler: r.holler, dp: r.dp, dpNum: r.dpNum, dpDen: r.dpDen}
				got := finish(tl, mwcIndices, true)
				ref := finish(want, mwcIndices, true)
				if got.MinimalWinning.Cmp(ref.MinimalWinning) != 0 {
					t.Fatalf("comp=%v %+v: %s minimal winning, want %s", comp, lim, got.MinimalWinning, ref.MinimalWinning)
				}
				sameInts(t, "holler counts", r.holler, want.holler)
				sameRats(t, "Holler", got.Exact.Holler, ref.Exact.Holler)
				sameRats(t, "Deegan-Packel", got.Exact.DeeganPackel, ref.Exact.DeeganPackel)
			}
		}
	})
}
