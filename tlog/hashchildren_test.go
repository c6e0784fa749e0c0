package tlog

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// TestHashChildrenMatchesTheLibrary checks hashChildren against the
// library's RFC 6962 hasher, for hashes and for inputs of other lengths.
func TestHashChildrenMatchesTheLibrary(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range [][2]int{{32, 32}, {32, 32}, {0, 0}, {31, 32}, {32, 33}, {64, 1}} {
		l, r := make([]byte, n[0]), make([]byte, n[1])
		for i := range l {
			l[i] = byte(rng.Uint32())
		}
		for i := range r {
			r[i] = byte(rng.Uint32())
		}
		if got, want := hashChildren(l, r), hasher.HashChildren(l, r); !bytes.Equal(got, want) {
			t.Errorf("hashChildren of %d and %d bytes = %x, want %x", n[0], n[1], got, want)
		}
	}
}

// BenchmarkHashChildren hashes an interior node with hashChildren and, as
// the baseline, with the library's hasher.
func BenchmarkHashChildren(b *testing.B) {
	l, r := bytes.Repeat([]byte{1}, HashSize), bytes.Repeat([]byte{2}, HashSize)
	for _, c := range []struct {
		name string
		hash func(l, r []byte) []byte
	}{{"hashChildren", hashChildren}, {"library", hasher.HashChildren}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				c.hash(l, r)
			}
		})
	}
}
