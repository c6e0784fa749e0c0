package tlog

import (
	"errors"
	"fmt"

	"github.com/transparency-dev/merkle/compact"
	"github.com/transparency-dev/merkle/proof"
)

// ErrOutOfRange is wrapped by the errors InclusionProof and ConsistencyProof
// return for an index or size the log cannot answer for, so that a server can
// tell a bad request from an internal failure with errors.Is.
var ErrOutOfRange = errors.New("tlog: argument out of range")

// InclusionProof returns the RFC 6962 inclusion proof (audit path) showing
// that leaf index is in the tree formed by the first size leaves. It needs
// index < size <= len(leaves).
//
// The proof is rebuilt from leaf hashes, so it costs O(size) hashing; that is
// the price of storing only leaves, and is milliseconds for 100,000 leaves.
func InclusionProof(leaves []Hash, index, size uint64) ([]Hash, error) {
	nodes, err := inclusionNodes(len(leaves), index, size)
	if err != nil {
		return nil, err
	}
	return buildProof(leaves, nodes)
}

// inclusionNodes checks an inclusion proof's arguments against a log of
// n leaves and returns the nodes the proof needs.
func inclusionNodes(n int, index, size uint64) (proof.Nodes, error) {
	if size > uint64(n) {
		return proof.Nodes{}, fmt.Errorf("%w: inclusion proof for tree size %d, but the log has %d leaves", ErrOutOfRange, size, n)
	}
	if index >= size {
		return proof.Nodes{}, fmt.Errorf("%w: inclusion proof for leaf %d in a tree of size %d", ErrOutOfRange, index, size)
	}
	nodes, err := proof.Inclusion(index, size)
	if err != nil {
		return proof.Nodes{}, fmt.Errorf("tlog: inclusion proof: %w", err)
	}
	return nodes, nil
}

// ConsistencyProof returns the RFC 6962 consistency proof showing that the
// tree of the first size1 leaves is a prefix of the tree of the first size2
// leaves. It needs size1 <= size2 <= len(leaves). The proof is empty when
// size1 is 0 or equals size2. Like InclusionProof it costs O(size2) hashing.
func ConsistencyProof(leaves []Hash, size1, size2 uint64) ([]Hash, error) {
	nodes, err := consistencyNodes(len(leaves), size1, size2)
	if err != nil {
		return nil, err
	}
	return buildProof(leaves, nodes)
}

// consistencyNodes checks a consistency proof's arguments against a log
// of n leaves and returns the nodes the proof needs.
func consistencyNodes(n int, size1, size2 uint64) (proof.Nodes, error) {
	if size2 > uint64(n) {
		return proof.Nodes{}, fmt.Errorf("%w: consistency proof for tree size %d, but the log has %d leaves", ErrOutOfRange, size2, n)
	}
	if size1 > size2 {
		return proof.Nodes{}, fmt.Errorf("%w: consistency proof from tree size %d to smaller size %d", ErrOutOfRange, size1, size2)
	}
	nodes, err := proof.Consistency(size1, size2)
	if err != nil {
		return proof.Nodes{}, fmt.Errorf("tlog: consistency proof: %w", err)
	}
	return nodes, nil
}

// buildProof turns the library's description of a proof (which perfect
// subtrees it needs, and how to fold the ones forming the single ephemeral
// node) into hashes.
func buildProof(leaves []Hash, nodes proof.Nodes) ([]Hash, error) {
	return buildProofWith(nodes, func(id compact.NodeID) (Hash, error) { return subtreeHash(leaves, id) })
}

// buildProofWith is buildProof with the perfect subtrees' hashes from
// subtree.
func buildProofWith(nodes proof.Nodes, subtree func(compact.NodeID) (Hash, error)) ([]Hash, error) {
	hashes := make([][]byte, len(nodes.IDs))
	for i, id := range nodes.IDs {
		h, err := subtree(id)
		if err != nil {
			return nil, err
		}
		hashes[i] = h[:]
	}
	folded, err := nodes.Rehash(hashes, hasher.HashChildren)
	if err != nil {
		return nil, fmt.Errorf("tlog: internal error: %w", err)
	}
	out := make([]Hash, len(folded))
	for i, h := range folded {
		out[i] = toHash(h)
	}
	return out, nil
}

// subtreeHash returns the hash of a perfect subtree. The library only asks for
// perfect subtrees (never the ephemeral node), and the hash of a perfect
// subtree is by definition the Merkle Tree Hash of the leaves it spans.
func subtreeHash(leaves []Hash, id compact.NodeID) (Hash, error) {
	begin, end := id.Coverage()
	if end > uint64(len(leaves)) {
		return Hash{}, fmt.Errorf("tlog: internal error: proof node spans leaves [%d, %d) of %d", begin, end, len(leaves))
	}
	return Root(leaves[begin:end]), nil
}

// VerifyInclusion checks that proofHashes shows leaf (a leaf hash, see
// [LeafHash]) at index is in the tree of the given size and root. It returns
// nil only if the proof is valid.
func VerifyInclusion(leaf Hash, index, size uint64, proofHashes []Hash, root Hash) error {
	err := proof.VerifyInclusion(hasher, index, size, leaf[:], hashSlices(proofHashes), root[:])
	if err != nil {
		return fmt.Errorf("tlog: inclusion proof for leaf %d in tree of size %d: %w", index, size, readable(err))
	}
	return nil
}

// VerifyConsistency checks that proofHashes shows the tree of size1 with
// root1 is a prefix of the tree of size2 with root2. It returns nil only if
// the proof is valid.
//
// Unlike the underlying library, it also insists that root1 is [EmptyRoot]
// when size1 is 0: every tree extends the empty tree, but a claimed root for
// the empty tree that is not the empty root is still wrong.
func VerifyConsistency(size1, size2 uint64, proofHashes []Hash, root1, root2 Hash) error {
	if size1 == 0 && root1 != EmptyRoot() {
		return fmt.Errorf("tlog: consistency proof from tree size 0: root %s is not the empty root", root1)
	}
	err := proof.VerifyConsistency(hasher, size1, size2, hashSlices(proofHashes), root1[:], root2[:])
	if err != nil {
		return fmt.Errorf("tlog: consistency proof from tree size %d to %d: %w", size1, size2, readable(err))
	}
	return nil
}

// readable replaces the library's root mismatch error, which prints hashes
// as decimal byte lists over several lines, with a one-line hex form that
// fits in a log message.
func readable(err error) error {
	var mismatch proof.RootMismatchError
	if !errors.As(err, &mismatch) {
		return err
	}
	return fmt.Errorf("calculated root %x does not match expected root %x", mismatch.CalculatedRoot, mismatch.ExpectedRoot)
}
