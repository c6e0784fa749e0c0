package tlog_test

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/entente/entente/internal/cputime"
	"github.com/entente/entente/tlog"
)

// checkTiles checks that t's root, inclusion and consistency proofs of
// the first size leaves are the ones rebuilt from the bare leaves, at
// the edges of the tree and at indices drawn from rng.
func checkTiles(t *testing.T, tiles *tlog.Tiles, leaves []tlog.Hash, size uint64, rng *rand.Rand) {
	t.Helper()
	if got, want := tiles.Root(leaves[:size]), naiveRoot(leaves[:size]); got != want {
		t.Fatalf("size %d: root %v, want %v", size, got, want)
	}
	picks := []uint64{0, size - 1, size / 2, rng.Uint64N(size), rng.Uint64N(size)}
	for _, i := range picks {
		got, err := tiles.InclusionProof(leaves, i, size)
		want, _ := tlog.InclusionProof(leaves, i, size)
		if err != nil || !slices.Equal(got, want) {
			t.Fatalf("size %d: inclusion proof of %d differs (%v)", size, i, err)
		}
		got, err = tiles.ConsistencyProof(leaves, i, size)
		want, _ = tlog.ConsistencyProof(leaves, i, size)
		if err != nil || !slices.Equal(got, want) {
			t.Fatalf("consistency proof from %d to %d differs (%v)", i, size, err)
		}
	}
}

// TestTilesProveAsTheLeavesDo checks proofs and roots from tiles against
// those rebuilt from bare leaves, for sizes about each tile boundary
// (2^8, 2^16) and at random, as one log grows in one array (its tiles
// extended, never rebuilt), then in a new array holding other leaves (a
// log loaded again), which must not be answered from the old tiles.
func TestTilesProveAsTheLeavesDo(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const n = 1<<16 + 300
	leaves := testLeaves(t, n)
	var tiles tlog.Tiles
	sizes := []uint64{1, 2, 255, 256, 257, 511, 512, 513, 65535, 65536, 65537, n}
	for range 20 {
		sizes = append(sizes, 1+rng.Uint64N(n))
	}
	slices.Sort(sizes)
	for _, size := range sizes {
		checkTiles(t, &tiles, leaves, size, rng)
	}
	// Another log in another array: every leaf differs.
	other := make([]tlog.Hash, 70_000)
	for i := range other {
		other[i] = tlog.LeafHash([]byte{byte(i), byte(i >> 8), byte(i >> 16), 'x'})
	}
	for _, size := range []uint64{300, 66_000, 70_000} {
		checkTiles(t, &tiles, other, size, rng)
	}
	if _, err := tiles.InclusionProof(other, 5, 70_001); err == nil {
		t.Errorf("a proof past the leaves was answered")
	}
	if _, err := tiles.ConsistencyProof(other, 6, 5); err == nil {
		t.Errorf("a consistency proof to a smaller tree was answered")
	}
}

// TestTilesOfAGrowingLog appends to a log in place (the array keeps its
// capacity) between proofs, so that the tiles extend over leaves added
// after they were first built.
func TestTilesOfAGrowingLog(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	all := testLeaves(t, 3000)
	leaves := make([]tlog.Hash, 0, len(all))
	var tiles tlog.Tiles
	for len(leaves) < len(all) {
		leaves = append(leaves, all[len(leaves):min(len(all), len(leaves)+1+rng.IntN(400))]...)
		checkTiles(t, &tiles, leaves, uint64(len(leaves)), rng)
	}
}

// BenchmarkProofFromTiles builds an inclusion and a consistency proof of
// random leaves of a 1,000,000-leaf log from its tiles (built once,
// before the loop) and, as the baseline, from the bare leaves, alternating
// the two in one loop, and reports the CPU time of each per pair of
// proofs and their ratio.
func BenchmarkProofFromTiles(b *testing.B) {
	const n = 1_000_000
	leaves := testLeaves(b, n)
	var tiles tlog.Tiles
	t0 := cputime.Process()
	root := tiles.Root(leaves)
	b.ReportMetric(float64((cputime.Process() - t0).Microseconds()), "build-cpu-µs")
	rng := rand.New(rand.NewPCG(5, 6))
	var cpu [2]time.Duration // bare, tiles
	prove := func(k int, i uint64) {
		t := cputime.Process()
		var p, c []tlog.Hash
		var err error
		if k == 0 {
			p, err = tlog.InclusionProof(leaves, i, n)
			if err == nil {
				c, err = tlog.ConsistencyProof(leaves, i+1, n)
			}
		} else {
			p, err = tiles.InclusionProof(leaves, i, n)
			if err == nil {
				c, err = tiles.ConsistencyProof(leaves, i+1, n)
			}
		}
		cpu[k] += cputime.Process() - t
		if err != nil || tlog.VerifyInclusion(leaves[i], i, n, p, root) != nil || len(c) == 0 {
			b.Fatalf("proofs of %d: %v", i, err)
		}
	}
	for j := 0; b.Loop(); j++ {
		i := rng.Uint64N(n - 1)
		prove(j%2, i)
		prove(1-j%2, i)
	}
	b.ReportMetric(float64(cpu[0].Microseconds())/float64(b.N), "leaves-cpu-µs/op")
	b.ReportMetric(float64(cpu[1].Microseconds())/float64(b.N), "tiles-cpu-µs/op")
	b.ReportMetric(float64(cpu[0])/float64(max(cpu[1], 1)), "leaves/tiles")
}
