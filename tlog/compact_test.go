package tlog_test

import (
	"math/bits"
	"testing"

	"pgregory.net/rapid"

	"github.com/entente/entente/tlog"
)

// subtrees returns the leaf spans [begin, end) of the perfect subtrees
// that cover n leaves, largest first, straight from the binary digits of n.
func subtrees(n int) [][2]int {
	var out [][2]int
	begin := 0
	for k := bits.Len(uint(n)) - 1; k >= 0; k-- {
		if n&(1<<k) != 0 {
			out = append(out, [2]int{begin, begin + 1<<k})
			begin += 1 << k
		}
	}
	return out
}

// TestRangeOfMatchesTheDefinition checks RangeOf against the naive MTH of
// each perfect subtree, its root against the naive root, and both against
// a Builder's range, for every size up to 130 (every carry pattern of the
// low bits) and a few larger ones.
func TestRangeOfMatchesTheDefinition(t *testing.T) {
	all := testLeaves(t, 1100)
	sizes := []int{1024, 1025, 1099, 1100}
	for n := 0; n <= 130; n++ {
		sizes = append(sizes, n)
	}
	for _, n := range sizes {
		leaves := all[:n]
		r := tlog.RangeOf(leaves)
		spans := subtrees(n)
		if r.Size != uint64(n) || len(r.Hashes) != len(spans) {
			t.Fatalf("RangeOf(%d leaves) = size %d with %d hashes, want %d", n, r.Size, len(r.Hashes), len(spans))
		}
		for i, s := range spans {
			if want := naiveRoot(leaves[s[0]:s[1]]); r.Hashes[i] != want {
				t.Errorf("RangeOf(%d leaves): hash %d (leaves %d to %d) = %s, want %s", n, i, s[0], s[1], r.Hashes[i], want)
			}
		}
		if got, want := r.Root(), naiveRoot(leaves); got != want {
			t.Errorf("RangeOf(%d leaves).Root() = %s, want %s", n, got, want)
		}
		var b tlog.Builder
		for _, l := range leaves {
			b.Append(l)
		}
		if !b.Range().Equal(r) {
			t.Errorf("Builder.Range() of %d leaves differs from RangeOf", n)
		}
	}
}

// TestBuilderAtCarriesOn checks that a Builder restored from the range of
// a log's first leaves grows to the same roots as one that appended them
// all, and that the range it was built from is not changed.
func TestBuilderAtCarriesOn(t *testing.T) {
	leaves := testLeaves(t, 300)
	rapid.Check(t, func(t *rapid.T) {
		k := rapid.IntRange(0, len(leaves)).Draw(t, "k")
		n := rapid.IntRange(k, len(leaves)).Draw(t, "n")
		r := tlog.RangeOf(leaves[:k])
		kept := tlog.Range{Size: r.Size, Hashes: append([]tlog.Hash(nil), r.Hashes...)}
		b, err := tlog.BuilderAt(r)
		if err != nil {
			t.Fatalf("BuilderAt(range of %d): %v", k, err)
		}
		for _, l := range leaves[k:n] {
			b.Append(l)
		}
		if got, want := b.Root(), naiveRoot(leaves[:n]); got != want {
			t.Fatalf("root after %d restored and %d appended = %s, want %s", k, n-k, got, want)
		}
		if !b.Range().Equal(tlog.RangeOf(leaves[:n])) {
			t.Fatalf("range after %d restored and %d appended differs from RangeOf", k, n-k)
		}
		if !r.Equal(kept) {
			t.Fatalf("appending to the restored Builder changed the range it came from")
		}
	})
}

// TestMalformedRanges checks that a range whose hashes do not fit its size
// is refused, has no root a tree could have, and equals no other.
func TestMalformedRanges(t *testing.T) {
	leaves := testLeaves(t, 7)
	good := tlog.RangeOf(leaves) // 3 hashes
	for _, c := range []struct {
		name string
		r    tlog.Range
	}{
		{"a hash missing", tlog.Range{Size: 7, Hashes: good.Hashes[:2]}},
		{"a hash too many", tlog.Range{Size: 6, Hashes: good.Hashes}},
		{"hashes for an empty log", tlog.Range{Size: 0, Hashes: good.Hashes[:1]}},
		{"no hashes", tlog.Range{Size: 1}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.r.Check() == nil {
				t.Errorf("Check accepted %d hashes for %d leaves", len(c.r.Hashes), c.r.Size)
			}
			if _, err := tlog.BuilderAt(c.r); err == nil {
				t.Errorf("BuilderAt accepted %d hashes for %d leaves", len(c.r.Hashes), c.r.Size)
			}
			if c.r.Root() != (tlog.Hash{}) {
				t.Errorf("Root of a malformed range = %s, want the zero hash", c.r.Root())
			}
			if c.r.Equal(good) {
				t.Errorf("a malformed range equals a good one")
			}
		})
	}
	if got := (tlog.Range{}).Root(); got != tlog.EmptyRoot() {
		t.Errorf("Root of the empty range = %s, want the empty root", got)
	}
}

// BenchmarkRangeOf computes the compact range of a million leaves with
// RangeOf and, as the baseline, by appending them to a Builder (what an
// open from a snapshot did to check its leaf hashes).
func BenchmarkRangeOf(b *testing.B) {
	leaves := testLeaves(b, 1_000_000)
	want := tlog.RangeOf(leaves)
	b.Run("RangeOf", func(b *testing.B) {
		for b.Loop() {
			if !tlog.RangeOf(leaves).Equal(want) {
				b.Fatal("wrong range")
			}
		}
	})
	b.Run("Builder", func(b *testing.B) {
		for b.Loop() {
			var bl tlog.Builder
			for _, l := range leaves {
				bl.Append(l)
			}
			if !bl.Range().Equal(want) {
				b.Fatal("wrong range")
			}
		}
	})
}
