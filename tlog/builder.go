package tlog

import (
	"crypto/sha256"
	"fmt"

	"github.com/transparency-dev/merkle/compact"
	"github.com/transparency-dev/merkle/rfc6962"
)

// rangeFactory creates the compact ranges behind Builder. A single shared
// factory is required: the library only merges ranges from the same factory.
var rangeFactory = &compact.RangeFactory{Hash: hashChildren}

// hashChildren is hasher.HashChildren, the RFC 6962 hash of an interior
// node, in one allocation instead of three: building the tree of a log's
// leaves (at open, from a snapshot's leaf hashes) is mostly this.
func hashChildren(l, r []byte) []byte {
	if len(l) != HashSize || len(r) != HashSize {
		return hasher.HashChildren(l, r)
	}
	var b [1 + 2*HashSize]byte
	b[0] = rfc6962.RFC6962NodeHashPrefix
	copy(b[1:], l)
	copy(b[1+HashSize:], r)
	h := sha256.Sum256(b[:])
	return h[:]
}

// Builder computes the root of a growing log incrementally. It keeps only the
// roots of the O(log n) perfect subtrees that cover the leaves so far (a
// compact range), so each Append costs amortised O(1) hashes and Root costs
// O(log n), whatever the log size.
//
// The zero Builder is an empty tree, ready to use. A Builder must not be
// copied after the first Append: copies would share internal state.
type Builder struct {
	r *compact.Range
}

// NewBuilder returns an empty Builder. It is equivalent to new(Builder) and
// exists for callers who prefer a constructor.
func NewBuilder() *Builder {
	return new(Builder)
}

// Append adds the next leaf hash (see [LeafHash]) to the tree.
func (b *Builder) Append(leaf Hash) {
	if b.r == nil {
		b.r = rangeFactory.NewEmptyRange(0)
	}
	// Append only fails for a range whose internal hashes were corrupted,
	// which cannot happen to a range only this type touches.
	if err := b.r.Append(leaf[:], nil); err != nil {
		panic(fmt.Sprintf("tlog: internal error: %v", err))
	}
}

// Size returns the number of leaves appended so far.
func (b *Builder) Size() uint64 {
	if b.r == nil {
		return 0
	}
	return b.r.End()
}

// Root returns the RFC 6962 root of the leaves appended so far, which is
// [EmptyRoot] when there are none.
func (b *Builder) Root() Hash {
	if b.Size() == 0 {
		return EmptyRoot()
	}
	root, err := b.r.GetRootHash(nil)
	if err != nil { // Only possible for a range not starting at 0.
		panic(fmt.Sprintf("tlog: internal error: %v", err))
	}
	return toHash(root)
}

// Root returns the RFC 6962 root (Merkle Tree Hash) of the given leaf hashes.
// It folds their compact range (see [RangeOf]), without allocating per
// node: proofs and witness checks rebuild subtree roots with it.
func Root(leaves []Hash) Hash {
	return RangeOf(leaves).Root()
}
