package sqlite

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
)

// TestLengthCacheSeesOtherWriters appends to a log by group commits on one
// handle, between which another handle, and the first handle's own Append,
// make the log longer: each batch is checked against the log's real
// length (a stale From is ECONFLICT, not a failed batch), never against
// the length the first handle's last batch left it at.
func TestLengthCacheSeesOtherWriters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "entente.db")
	a, b := mustOpen(t, path), mustOpen(t, path)
	defer a.Close()
	defer b.Close()
	at := func(from int64) logstore.Append {
		data := fmt.Appendf(nil, `{"seq":%d}`, from)
		return logstore.Append{Log: "p", From: from, Entries: []logstore.Entry{{Index: from, Data: data, LeafHash: tlog.LeafHash(data)}},
			Head: tlog.TreeHead{Log: "p", Size: uint64(from + 1), Time: time.Date(2026, 1, 1, 0, 0, 0, int(from), time.UTC), Signature: []byte{1}}}
	}
	batch := func(db *DB, from int64) error {
		t.Helper()
		results, err := db.AppendBatch(t.Context(), []logstore.Append{at(from)})
		if err != nil {
			t.Fatalf("AppendBatch from %d: %v", from, err)
		}
		return results[0]
	}
	if err := batch(a, 0); err != nil { // a's cache: 1
		t.Fatal(err)
	}
	if err := batch(b, 1); err != nil { // another connection: 2
		t.Fatal(err)
	}
	if err := batch(a, 1); entente.ErrorCode(err) != entente.ECONFLICT {
		t.Errorf("append at 1 after another handle took it: %v, want ECONFLICT", err)
	}
	if err := batch(a, 2); err != nil {
		t.Errorf("append at 2: %v", err)
	}
	ap := at(3) // a's own Append: 4
	if err := a.Append(t.Context(), ap.Log, ap.From, ap.Entries, ap.Head); err != nil {
		t.Fatal(err)
	}
	if err := batch(a, 3); entente.ErrorCode(err) != entente.ECONFLICT {
		t.Errorf("append at 3 after this handle's Append took it: %v, want ECONFLICT", err)
	}
	if err := batch(a, 4); err != nil {
		t.Errorf("append at 4: %v", err)
	}
	if n, err := b.Len(t.Context(), "p"); err != nil || n != 5 {
		t.Errorf("Len = %d, %v; want 5", n, err)
	}
}
