package tlog_test

import (
	"crypto/sha256"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"testing"

	"github.com/entente/entente/tlog"
)

// failer is the part of testing.TB that the check helpers need. It is also
// implemented by *rapid.T, which lets property tests share the helpers.
type failer interface {
	Helper()
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
}

// testLeaves returns the leaf hashes of n distinct entries.
func testLeaves(tb testing.TB, n int) []tlog.Hash {
	tb.Helper()
	leaves := make([]tlog.Hash, n)
	for i := range leaves {
		leaves[i] = tlog.LeafHash(testEntry(i))
	}
	return leaves
}

// testEntry returns a small canonical-JSON-like entry for index i.
func testEntry(i int) []byte {
	return fmt.Appendf(nil, `{"event":%d}`, i)
}

// testSigner returns a Signer generated from a fixed seed, so failures
// reproduce.
func testSigner(tb testing.TB, seed byte) tlog.Signer {
	tb.Helper()
	s, err := tlog.GenerateKey(rand.NewChaCha8([32]byte{seed}))
	if err != nil {
		tb.Fatalf("GenerateKey: %v", err)
	}
	return s
}

// flip returns h with one bit inverted; bit is taken modulo 256 so callers
// can pass any counter and still vary the position.
func flip(h tlog.Hash, bit int) tlog.Hash {
	bit %= 8 * tlog.HashSize
	h[bit/8] ^= 1 << (bit % 8)
	return h
}

// The functions below are a deliberately naive, independent transcription of
// the RFC 9162 section 2.1 definitions (MTH, PATH, PROOF/SUBPROOF), used as a
// reference for the library-based code and as the benchmark baseline.

// naiveRoot is MTH(D[n]) computed recursively straight from the definition.
func naiveRoot(leaves []tlog.Hash) tlog.Hash {
	switch len(leaves) {
	case 0:
		return sha256.Sum256(nil)
	case 1:
		return leaves[0]
	}
	k := splitPoint(len(leaves))
	return naiveNode(naiveRoot(leaves[:k]), naiveRoot(leaves[k:]))
}

// naiveNode is SHA-256(0x01 || left || right).
func naiveNode(left, right tlog.Hash) tlog.Hash {
	var buf [1 + 2*tlog.HashSize]byte
	buf[0] = 1
	copy(buf[1:], left[:])
	copy(buf[1+tlog.HashSize:], right[:])
	return sha256.Sum256(buf[:])
}

// splitPoint is the largest power of two smaller than n (n >= 2).
func splitPoint(n int) int {
	return 1 << (bits.Len(uint(n-1)) - 1)
}

// naivePath is PATH(m, D[n]), the inclusion proof for leaf m.
func naivePath(m int, leaves []tlog.Hash) []tlog.Hash {
	if len(leaves) <= 1 {
		return []tlog.Hash{}
	}
	k := splitPoint(len(leaves))
	if m < k {
		return append(naivePath(m, leaves[:k]), naiveRoot(leaves[k:]))
	}
	return append(naivePath(m-k, leaves[k:]), naiveRoot(leaves[:k]))
}

// naiveConsistency is PROOF(m, D[n]), the consistency proof from size m.
func naiveConsistency(m int, leaves []tlog.Hash) []tlog.Hash {
	if m == 0 || m == len(leaves) {
		return []tlog.Hash{}
	}
	return naiveSubproof(m, leaves, true)
}

// naiveSubproof is SUBPROOF(m, D[n], b).
func naiveSubproof(m int, leaves []tlog.Hash, b bool) []tlog.Hash {
	n := len(leaves)
	if m == n {
		if b {
			return []tlog.Hash{}
		}
		return []tlog.Hash{naiveRoot(leaves)}
	}
	k := splitPoint(n)
	if m <= k {
		return append(naiveSubproof(m, leaves[:k], b), naiveRoot(leaves[k:]))
	}
	return append(naiveSubproof(m-k, leaves[k:], false), naiveRoot(leaves[:k]))
}
