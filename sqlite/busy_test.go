package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
)

// TestLockHeldPastBusyTimeoutIsUnavailable holds the write lock from
// another connection (another process, as a CLI verb or the sqlite3 shell
// would) past the busy timeout: appends fail with EUNAVAILABLE, which says
// "retry later", never with an internal error; once the lock is released
// the same append goes through.
func TestLockHeldPastBusyTimeoutIsUnavailable(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "busy.db")
	db, err := OpenWith(path, Options{BusyTimeout: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if got := queryString(t, db.write, "PRAGMA busy_timeout"); got != "20" {
		t.Fatalf("busy_timeout = %s, want 20", got)
	}
	other, err := sql.Open(driverName, path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	signer, _ := tlog.GenerateKey(nil)
	data := []byte(`{"seq":0}`)
	entries := []logstore.Entry{{Index: 0, Data: data, LeafHash: tlog.LeafHash(data)}}
	head := signer.Sign(tlog.TreeHead{Log: "l", Size: 1, Root: tlog.Root([]tlog.Hash{entries[0].LeafHash}), Time: time.Unix(1, 0)})
	err = db.Append(ctx, "l", 0, entries, head)
	if code := entente.ErrorCode(err); code != entente.EUNAVAILABLE {
		t.Errorf("Append while another connection holds the lock: %v (code %s), want %s", err, code, entente.EUNAVAILABLE)
	}
	_, err = db.AppendBatch(ctx, []logstore.Append{{Log: "l", From: 0, Entries: entries, Head: head}})
	if code := entente.ErrorCode(err); code != entente.EUNAVAILABLE {
		t.Errorf("AppendBatch while another connection holds the lock: %v (code %s), want %s", err, code, entente.EUNAVAILABLE)
	}
	if err := db.PutSnapshot(ctx, logstore.Snapshot{Log: "l", Size: 1}); entente.ErrorCode(err) != entente.EUNAVAILABLE {
		t.Errorf("PutSnapshot while another connection holds the lock: %v, want %s", err, entente.EUNAVAILABLE)
	}
	if n, err := db.Len(ctx, "l"); err != nil || n != 0 {
		t.Errorf("Len while another connection holds the write lock: %d, %v; readers do not wait", n, err)
	}
	if _, err := conn.ExecContext(ctx, "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	if err := db.Append(ctx, "l", 0, entries, head); err != nil {
		t.Errorf("Append once the lock is released: %v", err)
	}
}
