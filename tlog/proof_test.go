package tlog_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/entente/entente/tlog"
)

// maxExhaustive bounds the sizes tested exhaustively: large enough for
// several levels of ragged right edges, small enough to run in well under a
// second.
const maxExhaustive = 70

func TestInclusionProofsExhaustive(t *testing.T) {
	leaves := testLeaves(t, maxExhaustive)
	for size := uint64(1); size <= maxExhaustive; size++ {
		root := tlog.Root(leaves[:size])
		for index := range size {
			// Pass all leaves, not leaves[:size]: the proof must use
			// only the first size of them.
			p, err := tlog.InclusionProof(leaves, index, size)
			if err != nil {
				t.Fatalf("InclusionProof(%d, %d): %v", index, size, err)
			}
			if diff := cmp.Diff(naivePath(int(index), leaves[:size]), p); diff != "" {
				t.Fatalf("InclusionProof(%d, %d) differs from RFC 9162 PATH (-want +got):\n%s", index, size, diff)
			}
			checkInclusion(t, leaves[index], index, size, p, root)
		}
	}
}

// checkInclusion asserts that p verifies and that flipping one bit of the
// leaf, of any proof hash or of the root makes it fail.
func checkInclusion(tb failer, leaf tlog.Hash, index, size uint64, p []tlog.Hash, root tlog.Hash) {
	tb.Helper()
	if err := tlog.VerifyInclusion(leaf, index, size, p, root); err != nil {
		tb.Fatalf("VerifyInclusion(%d, %d): %v", index, size, err)
	}
	bit := int(index + size)
	if tlog.VerifyInclusion(flip(leaf, bit), index, size, p, root) == nil {
		tb.Errorf("VerifyInclusion(%d, %d) accepted a flipped leaf", index, size)
	}
	if tlog.VerifyInclusion(leaf, index, size, p, flip(root, bit)) == nil {
		tb.Errorf("VerifyInclusion(%d, %d) accepted a flipped root", index, size)
	}
	for i := range p {
		bad := append([]tlog.Hash(nil), p...)
		bad[i] = flip(bad[i], bit+i)
		if tlog.VerifyInclusion(leaf, index, size, bad, root) == nil {
			tb.Errorf("VerifyInclusion(%d, %d) accepted proof with hash %d flipped", index, size, i)
		}
	}
}

func TestConsistencyProofsExhaustive(t *testing.T) {
	leaves := testLeaves(t, maxExhaustive)
	roots := make([]tlog.Hash, maxExhaustive+1)
	for n := range roots {
		roots[n] = tlog.Root(leaves[:n])
	}
	for size2 := uint64(0); size2 <= maxExhaustive; size2++ {
		for size1 := uint64(0); size1 <= size2; size1++ {
			p, err := tlog.ConsistencyProof(leaves, size1, size2)
			if err != nil {
				t.Fatalf("ConsistencyProof(%d, %d): %v", size1, size2, err)
			}
			if diff := cmp.Diff(naiveConsistency(int(size1), leaves[:size2]), p); diff != "" {
				t.Fatalf("ConsistencyProof(%d, %d) differs from RFC 9162 PROOF (-want +got):\n%s", size1, size2, diff)
			}
			checkConsistency(t, size1, size2, p, roots[size1], roots[size2])
		}
	}
}

// checkConsistency asserts that p verifies and that flipping one bit of
// either root or of any proof hash makes it fail. The one exception is root2
// when size1 is 0: every tree extends the empty tree, so there is nothing to
// check root2 against.
func checkConsistency(tb failer, size1, size2 uint64, p []tlog.Hash, root1, root2 tlog.Hash) {
	tb.Helper()
	if err := tlog.VerifyConsistency(size1, size2, p, root1, root2); err != nil {
		tb.Fatalf("VerifyConsistency(%d, %d): %v", size1, size2, err)
	}
	bit := int(size1*7 + size2)
	if tlog.VerifyConsistency(size1, size2, p, flip(root1, bit), root2) == nil {
		tb.Errorf("VerifyConsistency(%d, %d) accepted a flipped root1", size1, size2)
	}
	if size1 > 0 && tlog.VerifyConsistency(size1, size2, p, root1, flip(root2, bit)) == nil {
		tb.Errorf("VerifyConsistency(%d, %d) accepted a flipped root2", size1, size2)
	}
	for i := range p {
		bad := append([]tlog.Hash(nil), p...)
		bad[i] = flip(bad[i], bit+i)
		if tlog.VerifyConsistency(size1, size2, bad, root1, root2) == nil {
			tb.Errorf("VerifyConsistency(%d, %d) accepted proof with hash %d flipped", size1, size2, i)
		}
	}
}

func TestProofsRejectOutOfRange(t *testing.T) {
	leaves := testLeaves(t, 5)
	for _, tc := range []struct {
		name string
		call func() ([]tlog.Hash, error)
	}{
		{"inclusion index = size", func() ([]tlog.Hash, error) { return tlog.InclusionProof(leaves, 3, 3) }},
		{"inclusion size 0", func() ([]tlog.Hash, error) { return tlog.InclusionProof(leaves, 0, 0) }},
		{"inclusion size > leaves", func() ([]tlog.Hash, error) { return tlog.InclusionProof(leaves, 0, 6) }},
		{"inclusion of empty log", func() ([]tlog.Hash, error) { return tlog.InclusionProof(nil, 0, 1) }},
		{"consistency size1 > size2", func() ([]tlog.Hash, error) { return tlog.ConsistencyProof(leaves, 4, 3) }},
		{"consistency size2 > leaves", func() ([]tlog.Hash, error) { return tlog.ConsistencyProof(leaves, 1, 6) }},
	} {
		p, err := tc.call()
		if !errors.Is(err, tlog.ErrOutOfRange) {
			t.Errorf("%s: got %v, %v; want an error wrapping ErrOutOfRange", tc.name, p, err)
		}
	}
}

func TestVerifyRejectsMalformedProofs(t *testing.T) {
	leaves := testLeaves(t, 7)
	root := tlog.Root(leaves)
	incl, err := tlog.InclusionProof(leaves, 2, 7)
	if err != nil {
		t.Fatal(err)
	}
	cons, err := tlog.ConsistencyProof(leaves, 3, 7)
	if err != nil {
		t.Fatal(err)
	}
	root3 := tlog.Root(leaves[:3])
	for _, tc := range []struct {
		name string
		err  error
	}{
		{"inclusion: proof too short", tlog.VerifyInclusion(leaves[2], 2, 7, incl[1:], root)},
		{"inclusion: proof too long", tlog.VerifyInclusion(leaves[2], 2, 7, append(incl, root), root)},
		{"inclusion: wrong index", tlog.VerifyInclusion(leaves[2], 3, 7, incl, root)},
		{"inclusion: index >= size", tlog.VerifyInclusion(leaves[2], 7, 7, incl, root)},
		{"consistency: proof too short", tlog.VerifyConsistency(3, 7, cons[1:], root3, root)},
		{"consistency: empty proof", tlog.VerifyConsistency(3, 7, nil, root3, root)},
		{"consistency: size1 > size2", tlog.VerifyConsistency(7, 3, cons, root, root3)},
		{"consistency: equal sizes, proof given", tlog.VerifyConsistency(7, 7, cons, root, root)},
		{"consistency: equal sizes, other roots", tlog.VerifyConsistency(7, 7, nil, root, root3)},
		{"consistency: size 0, root not empty", tlog.VerifyConsistency(0, 7, nil, root3, root)},
	} {
		if tc.err == nil {
			t.Errorf("%s: verified", tc.name)
		}
	}
}

// TestProofsRandomSizes extends the exhaustive tests to sizes where ragged
// right edges are many levels deep.
func TestProofsRandomSizes(t *testing.T) {
	leaves := testLeaves(t, 3000)
	rapid.Check(t, func(t *rapid.T) {
		size2 := rapid.Uint64Range(1, uint64(len(leaves))).Draw(t, "size2")
		size1 := rapid.Uint64Range(0, size2).Draw(t, "size1")
		index := rapid.Uint64Range(0, size2-1).Draw(t, "index")
		root1, root2 := tlog.Root(leaves[:size1]), tlog.Root(leaves[:size2])

		incl, err := tlog.InclusionProof(leaves, index, size2)
		if err != nil {
			t.Fatalf("InclusionProof: %v", err)
		}
		checkInclusion(t, leaves[index], index, size2, incl, root2)

		cons, err := tlog.ConsistencyProof(leaves, size1, size2)
		if err != nil {
			t.Fatalf("ConsistencyProof: %v", err)
		}
		checkConsistency(t, size1, size2, cons, root1, root2)
	})
}

// TestBuilderMatchesNaiveRoot checks the Builder, at its final size and at a
// random intermediate one, against the recursive RFC 6962 definition.
func TestBuilderMatchesNaiveRoot(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 1100).Draw(t, "n")
		checkpoint := rapid.IntRange(0, n).Draw(t, "checkpoint")
		salt := rapid.Uint64().Draw(t, "salt")
		leaves := make([]tlog.Hash, n)
		var b tlog.Builder
		for i := range leaves {
			if i == checkpoint {
				checkRoot(t, b.Root(), leaves[:i])
			}
			leaves[i] = tlog.LeafHash(fmt.Appendf(nil, "%d/%d", salt, i))
			b.Append(leaves[i])
		}
		if b.Size() != uint64(n) {
			t.Fatalf("Builder.Size() = %d, want %d", b.Size(), n)
		}
		checkRoot(t, b.Root(), leaves)
		checkRoot(t, tlog.Root(leaves), leaves)
	})
}

// checkRoot asserts that got is the RFC 6962 root of leaves.
func checkRoot(t failer, got tlog.Hash, leaves []tlog.Hash) {
	t.Helper()
	if want := naiveRoot(leaves); got != want {
		t.Fatalf("root of %d leaves = %s, want %s", len(leaves), got, want)
	}
}

// FuzzVerifyProofs checks proofs of any shape against any sizes: a forged
// proof is an error, never a panic, and never accepted for a root that
// the leaves do not have.
func FuzzVerifyProofs(f *testing.F) {
	f.Add(uint64(3), uint64(7), []byte{1, 2, 3})
	f.Add(uint64(0), uint64(1), []byte{})
	f.Add(uint64(7), uint64(7), make([]byte, 96))
	leaves := make([]tlog.Hash, 8)
	for i := range leaves {
		leaves[i] = tlog.LeafHash([]byte{byte(i)})
	}
	f.Fuzz(func(t *testing.T, index, size uint64, raw []byte) {
		var proof []tlog.Hash
		for len(raw) >= 32 && len(proof) < 70 {
			var h tlog.Hash
			copy(h[:], raw)
			proof, raw = append(proof, h), raw[32:]
		}
		root := tlog.Root(leaves[:min(size, 8)])
		if err := tlog.VerifyInclusion(tlog.LeafHash([]byte{0xff}), index, size, proof, root); err == nil {
			t.Fatalf("a leaf that is not in the tree was proved at %d of %d", index, size)
		}
		_ = tlog.VerifyConsistency(index, size, proof, tlog.Root(leaves[:min(index, 8)]), root)
	})
}
