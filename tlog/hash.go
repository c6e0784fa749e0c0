package tlog

import (
	"encoding/hex"
	"fmt"

	"github.com/transparency-dev/merkle/rfc6962"
)

// HashSize is the size in bytes of every hash in the log (SHA-256).
const HashSize = 32

// hasher is the RFC 6962 SHA-256 hasher shared by roots, proofs and verifiers,
// so that all three agree by construction.
var hasher = rfc6962.DefaultHasher

// Hash is a SHA-256 hash of a leaf, an interior node or a tree root. Its text
// form is lowercase hex, so it encodes as a hex string in JSON.
type Hash [HashSize]byte

// String returns h in lowercase hex.
func (h Hash) String() string {
	return hex.EncodeToString(h[:])
}

// MarshalText returns h in lowercase hex. It never fails.
func (h Hash) MarshalText() ([]byte, error) {
	return []byte(h.String()), nil
}

// UnmarshalText decodes exactly 64 hex digits into h.
func (h *Hash) UnmarshalText(text []byte) error {
	parsed, err := ParseHash(string(text))
	if err != nil {
		return err
	}
	*h = parsed
	return nil
}

// ParseHash decodes a hash from exactly 64 hex digits (either case).
func ParseHash(s string) (Hash, error) {
	var h Hash
	if len(s) != 2*HashSize {
		return h, fmt.Errorf("tlog: hash must be %d hex digits, got %d characters", 2*HashSize, len(s))
	}
	if _, err := hex.Decode(h[:], []byte(s)); err != nil {
		return h, fmt.Errorf("tlog: hash: %w", err)
	}
	return h, nil
}

// LeafHash returns the RFC 6962 leaf hash of entry: SHA-256(0x00 || entry).
// The 0x00 prefix keeps leaf hashes disjoint from interior node hashes, which
// use 0x01 (see the package documentation).
func LeafHash(entry []byte) Hash {
	return toHash(hasher.HashLeaf(entry))
}

// EmptyRoot returns the root of the tree with no leaves: SHA-256 of the empty
// string, as RFC 6962 defines it.
func EmptyRoot() Hash {
	return toHash(hasher.EmptyRoot())
}

// toHash copies a library hash into a Hash. The library only ever returns
// SHA-256 sized slices, so a length mismatch is a programming error.
func toHash(b []byte) Hash {
	if len(b) != HashSize {
		panic(fmt.Sprintf("tlog: internal error: hash of %d bytes", len(b)))
	}
	return Hash(b)
}

// hashSlices converts hashes to the [][]byte form the merkle library uses.
func hashSlices(hashes []Hash) [][]byte {
	out := make([][]byte, len(hashes))
	for i := range hashes {
		out[i] = hashes[i][:]
	}
	return out
}
