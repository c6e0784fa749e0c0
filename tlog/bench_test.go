package tlog_test

import (
	"testing"

	"github.com/entente/entente/tlog"
)

const benchSize = 100_000

// BenchmarkRoot100k compares the Builder (compact range, O(n) hashes with
// little bookkeeping) against the naive recursive MTH from RFC 6962 in the
// same run, so the numbers are directly comparable.
func BenchmarkRoot100k(b *testing.B) {
	leaves := testLeaves(b, benchSize)
	want := naiveRoot(leaves)
	b.Run("Builder", func(b *testing.B) {
		for b.Loop() {
			var bl tlog.Builder
			for _, l := range leaves {
				bl.Append(l)
			}
			if bl.Root() != want {
				b.Fatal("wrong root")
			}
		}
	})
	b.Run("NaiveRecursive", func(b *testing.B) {
		for b.Loop() {
			if naiveRoot(leaves) != want {
				b.Fatal("wrong root")
			}
		}
	})
}

// BenchmarkInclusionProof100k measures building and verifying a proof for a
// leaf in the middle of a 100,000-leaf log, rebuilt from leaf hashes.
func BenchmarkInclusionProof100k(b *testing.B) {
	leaves := testLeaves(b, benchSize)
	root := tlog.Root(leaves)
	const index = benchSize / 2
	for b.Loop() {
		p, err := tlog.InclusionProof(leaves, index, benchSize)
		if err != nil {
			b.Fatal(err)
		}
		if err := tlog.VerifyInclusion(leaves[index], index, benchSize, p, root); err != nil {
			b.Fatal(err)
		}
	}
}
