package postgres

import (
	"bytes"
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/sqlite"
	"github.com/entente/entente/tlog"
)

// badHeads is a store whose log "b" has a head past its entries.
type badHeads struct{ logstore.Store }

func (s badHeads) Heads(ctx context.Context, log string) ([]tlog.TreeHead, error) {
	heads, err := s.Store.Heads(ctx, log)
	if log == "b" && len(heads) > 0 {
		heads[len(heads)-1].Size += 5
	}
	return heads, err
}

// TestLoad copies a SQLite store with several logs and appends into an
// empty PostgreSQL store, checks the copy entry by entry and head by head,
// and checks that a second load and a load of a bad source change nothing.
func TestLoad(t *testing.T) {
	ctx := t.Context()
	src, err := sqlite.Open(filepath.Join(t.TempDir(), "entente.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	for _, log := range []string{"a", "b", "actors"} {
		var n int64
		for range 3 {
			n = appendOne(t, src, log, n)
		}
	}
	db := MustOpenDB(t)
	n, err := db.Load(ctx, src)
	if err != nil || n != 9 {
		t.Fatalf("Load = %d, %v; want 9, nil", n, err)
	}
	sameStores(t, src, db)

	if _, err := db.Load(ctx, src); entente.ErrorCode(err) != entente.ECONFLICT {
		t.Errorf("Load into a store with logs: %v; want ECONFLICT", err)
	}
	empty := MustOpenDB(t)
	if _, err := empty.Load(ctx, badHeads{src}); entente.ErrorCode(err) != entente.EINVALID {
		t.Errorf("Load of a bad source: %v; want EINVALID", err)
	}
	if logs, err := empty.Logs(ctx); len(logs) != 0 || err != nil {
		t.Errorf("after a failed Load the store holds %q, %v; want nothing", logs, err)
	}
}

// sameStores checks that b holds exactly a's logs, entries and heads.
func sameStores(t *testing.T, a, b logstore.Store) {
	t.Helper()
	ctx := t.Context()
	la, _ := a.Logs(ctx)
	lb, err := b.Logs(ctx)
	if err != nil || !slices.Equal(la, lb) {
		t.Fatalf("Logs = %q, %v; want %q", lb, err, la)
	}
	for _, log := range la {
		ea, _ := a.Entries(ctx, log, 0, -1)
		eb, _ := b.Entries(ctx, log, 0, -1)
		if !slices.EqualFunc(ea, eb, func(x, y logstore.Entry) bool {
			return x.Index == y.Index && x.LeafHash == y.LeafHash && bytes.Equal(x.Data, y.Data)
		}) {
			t.Errorf("log %q: entries differ", log)
		}
		ha, _ := a.Heads(ctx, log)
		hb, _ := b.Heads(ctx, log)
		if !slices.EqualFunc(ha, hb, func(x, y tlog.TreeHead) bool {
			return bytes.Equal(x.SignedMessage(), y.SignedMessage()) && bytes.Equal(x.Signature, y.Signature)
		}) {
			t.Errorf("log %q: heads differ", log)
		}
	}
}
