package tlog

import "testing"

// TestBuilderClone checks that a clone has the original's root and that
// appends to one never reach the other.
func TestBuilderClone(t *testing.T) {
	var leaves []Hash
	var b Builder
	for i := range 37 {
		c := b.Clone()
		if c.Size() != b.Size() || c.Root() != b.Root() {
			t.Fatalf("clone at %d: size %d root %v, want %d %v", i, c.Size(), c.Root(), b.Size(), b.Root())
		}
		leaf := LeafHash([]byte{byte(i)})
		c.Append(LeafHash([]byte("other")))
		if b.Root() != Root(leaves) {
			t.Fatalf("appending to a clone at %d changed the original", i)
		}
		b.Append(leaf)
		leaves = append(leaves, leaf)
	}
}
