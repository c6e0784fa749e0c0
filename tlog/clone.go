package tlog

import (
	"bytes"
	"fmt"
)

// Clone returns a Builder holding the same leaves as b, which later
// appends to either do not change the other. It costs O(log n), so a
// writer can keep the tree of what is stored beside the tree of what it
// has queued, and fall back to the first when a queued append fails.
func (b *Builder) Clone() *Builder {
	if b.r == nil {
		return new(Builder)
	}
	hashes := b.r.Hashes()
	c := make([][]byte, len(hashes))
	for i, h := range hashes {
		c[i] = bytes.Clone(h)
	}
	r, err := rangeFactory.NewRange(b.r.Begin(), b.r.End(), c)
	if err != nil { // only for hashes that do not fit the range, which Append keeps right
		panic(fmt.Sprintf("tlog: internal error: %v", err))
	}
	return &Builder{r: r}
}
