package ledger

import (
	"testing"
	"time"

	"github.com/entente/entente/tlog"
)

// SignedStoreForBenchmark builds (once per size) a store of one pact,
// "bench", of n entries, four members "a" to "d" contributing in turn by
// signed requests, and returns its path, the server's key and the time of
// its last entry. Member i's delegate ("a" is 0) has the key seeded by
// rand.NewChaCha8([32]byte{i + 1}).
func SignedStoreForBenchmark(b *testing.B, n int) (string, tlog.Signer, time.Time) {
	s := signedStore(b, n)
	return s.path, s.signer, s.now
}
