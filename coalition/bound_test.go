package coalition

import (
	"math/bits"
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// TestRanker: the rank of a coalition is its position among the masks of
// its size in increasing order.
func TestRanker(t *testing.T) {
	for _, n := range []int{1, 2, 5, 12, 15} {
		r := newRanker(n)
		next := make([]int, n+1)
		for S := uint64(0); S < 1<<n; S++ {
			k := bits.OnesCount64(S)
			if got := r.rank(S); got != next[k] {
				t.Fatalf("n=%d: rank(%b) = %d, want %d", n, S, got, next[k])
			}
			next[k]++
		}
	}
}

// TestCompactBoundTables: every entry the bound reads is the entry of the
// full table of the plain transform, bit for bit, at sizes where the
// transform works in one chunk and where it takes the high players in
// groups (more than 14 players).
func TestCompactBoundTables(t *testing.T) {
	sizes := []int{1, 2, 3, 4, 7, 10, 13, 15, 16, 20}
	if testing.Short() {
		sizes = sizes[:len(sizes)-1]
	}
	for _, n := range sizes {
		f := NDCSValues(n, uint64(n))
		d := &dpSolver{n: n, v: f, f: f}
		b := newSplitBound(d)
		if !b.refine(d) {
			t.Fatalf("n=%d: refine refused", n)
		}
		full := make([][]float32, d.maxPart()+1)
		for a := 1; a <= d.maxPart(); a++ {
			full[a] = legacySubsetMax(f, n, a)
		}
		read := 0
		for S := uint64(1); S < 1<<n; S++ {
			s := bits.OnesCount64(S)
			if 2*s <= n || s == n {
				continue
			}
			lo, hi := splitSizes(n, s)
			for tt := lo; tt <= hi; tt++ {
				a := tt + 1
				got := b.sub[a][b.off[s]+b.rk.rank(S)]
				if got != full[a][S] {
					t.Fatalf("n=%d a=%d S=%b: compact %v, full %v", n, a, S, got, full[a][S])
				}
				read++
			}
		}
		if n >= 5 && read == 0 {
			t.Fatalf("n=%d: no entry read", n)
		}
	}
}

// TestBoundMemory: the compact tables fit the budget up to 27 players and
// with their working table take less than half of the full tables at 25.
func TestBoundMemory(t *testing.T) {
	if got, old := boundBytes(25), int64(12)<<25*4; 2*got > old {
		t.Errorf("25 players: %d bytes, full tables %d", got, old)
	}
	if boundBytes(27) > maxBoundBytes {
		t.Errorf("27 players: %d bytes over the budget", boundBytes(27))
	}
}

// TestStructureCompactMatchesFull: over random games, the search with the
// compact bound tables returns the same value and the same structure, after
// the same work, as with the full tables of earlier versions, with the
// tables forced and as chosen by the cost rule. Up to 12 players with
// drawn worths (ties included), then seeded games of 13 to 17 players,
// where the transform takes the high players in groups.
func TestStructureCompactMatchesFull(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 12).Draw(t, "n")
		compareBounds(t, n, genCSGValues(t, n), rapid.Bool().Draw(t, "always"))
	})
	maxN := 17
	if testing.Short() {
		maxN = 15
	}
	for n := 13; n <= maxN; n++ {
		for seed := range uint64(2) {
			for _, v := range [][]float64{UniformValues(n, seed), NDCSValues(n, seed), smallInts(n, seed)} {
				compareBounds(t, n, v, true)
			}
		}
	}
}

func compareBounds(t interface {
	Helper()
	Fatalf(string, ...any)
}, n int, v []float64, always bool) {
	t.Helper()
	newD := &dpSolver{n: n, v: v, f: slices.Clone(v), alwaysRefine: always, stats: &dpStats{}}
	oldD := &dpSolver{n: n, v: v, f: slices.Clone(v), alwaysRefine: always, stats: &dpStats{}, refineWith: legacyRefine}
	newD.run(true)
	oldD.run(true)
	got, want := newD.structure(grand(n)), oldD.structure(grand(n))
	if got.Value != want.Value || !slices.Equal(got.Coalitions, want.Coalitions) {
		t.Fatalf("n=%d: compact %v worth %v, full %v worth %v", n, got.Coalitions, got.Value, want.Coalitions, want.Value)
	}
	if *newD.stats != *oldD.stats {
		t.Fatalf("n=%d: work differs: compact %+v, full %+v", n, *newD.stats, *oldD.stats)
	}
	if !slices.Equal(newD.f, oldD.f) {
		t.Fatalf("n=%d: tables differ", n)
	}
}
