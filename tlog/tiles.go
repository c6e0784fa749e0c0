package tlog

import (
	"fmt"
	"sync"

	"github.com/transparency-dev/merkle/compact"
	"github.com/transparency-dev/merkle/proof"
)

// tileHeight is the height of the subtrees Tiles keeps, level by level:
// subtrees of 2^8 leaves, then of 2^16, 2^24 and so on.
const tileHeight = 8

// Tiles keeps the hashes of a log's perfect subtrees of 2^8, 2^16, 2^24
// … leaves, computed from its leaf hashes the first time a proof or root
// needs them and extended as the log grows, so that InclusionProof,
// ConsistencyProof and Root cost at most 2^8 hashes per node of the
// proof, O(log n) nodes, where the same functions over bare leaves hash
// every leaf under the nodes, O(n): at a million leaves, about 2,000
// times fewer hashes once the tiles are built. Building them costs one
// pass over the leaves, as one bare proof does; they take 1/255 of the
// leaves' memory.
//
// The tiles are of the leaves in one array: the callers' leaves must be
// prefixes of an array whose elements, once passed, are never changed
// (a log's published leaf hashes are so: appends write past them). Given
// leaves in another array (a log grown past its capacity, or loaded
// again), Tiles starts again from them, so it never mixes two logs. The
// zero Tiles is ready to use, and safe for concurrent use.
type Tiles struct {
	mu     sync.Mutex
	base   *Hash    // the first element of the leaves' array
	levels [][]Hash // levels[k] holds the subtrees of 2^(8(k+1)) leaves, in order
}

// view returns the tiles of leaves, extending them first; the slices
// returned are never changed later, and are read without the lock.
func (t *Tiles) view(leaves []Hash) [][]Hash {
	if len(leaves) == 0 {
		return nil
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.base != &leaves[0] {
		t.base, t.levels = &leaves[0], nil
	}
	below := leaves
	for k := 0; len(below)>>tileHeight > 0; k++ {
		if k == len(t.levels) {
			t.levels = append(t.levels, nil)
		}
		level := t.levels[k]
		for i := len(level); i < len(below)>>tileHeight; i++ {
			level = append(level, Root(below[i<<tileHeight:(i+1)<<tileHeight]))
		}
		t.levels[k], below = level, level
	}
	out := make([][]Hash, len(t.levels))
	for k, level := range t.levels {
		out[k] = level[:len(level):len(level)]
	}
	return out
}

// subtree returns the hash of the perfect subtree of height h whose
// leftmost leaf is begin, from the highest tiles below it.
func subtree(leaves []Hash, levels [][]Hash, begin uint64, h uint) Hash {
	k := min(int(h/tileHeight), len(levels))
	if k == 0 {
		return Root(leaves[begin : begin+1<<h])
	}
	shift := uint(k * tileHeight)
	return Root(levels[k-1][begin>>shift : (begin+1<<h)>>shift])
}

// InclusionProof is [InclusionProof] from the tiles of leaves.
func (t *Tiles) InclusionProof(leaves []Hash, index, size uint64) ([]Hash, error) {
	nodes, err := inclusionNodes(len(leaves), index, size)
	if err != nil {
		return nil, err
	}
	return t.build(leaves, nodes)
}

// ConsistencyProof is [ConsistencyProof] from the tiles of leaves.
func (t *Tiles) ConsistencyProof(leaves []Hash, size1, size2 uint64) ([]Hash, error) {
	nodes, err := consistencyNodes(len(leaves), size1, size2)
	if err != nil {
		return nil, err
	}
	return t.build(leaves, nodes)
}

// build is buildProof with the perfect subtrees' hashes from the tiles.
func (t *Tiles) build(leaves []Hash, nodes proof.Nodes) ([]Hash, error) {
	levels := t.view(leaves)
	return buildProofWith(nodes, func(id compact.NodeID) (Hash, error) {
		begin, end := id.Coverage()
		if end > uint64(len(leaves)) {
			return Hash{}, fmt.Errorf("tlog: internal error: proof node spans leaves [%d, %d) of %d", begin, end, len(leaves))
		}
		return subtree(leaves, levels, begin, id.Level), nil
	})
}

// Root is [Root] from the tiles of leaves: the fold of their compact
// range, each of whose subtrees is hashed from the tiles.
func (t *Tiles) Root(leaves []Hash) Hash {
	levels := t.view(leaves)
	n := uint64(len(leaves))
	r := Range{Size: n}
	begin := uint64(0)
	for h := 63; h >= 0; h-- {
		if n&(1<<h) != 0 {
			r.Hashes = append(r.Hashes, subtree(leaves, levels, begin, uint(h)))
			begin += 1 << h
		}
	}
	return r.Root()
}
