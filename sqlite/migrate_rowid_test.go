package sqlite

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
)

// TestMigrationToRowidTables writes logs into a store of the schema before
// migration 0006 (WITHOUT ROWID entries and heads), reopens it with every
// migration, and reads back the same entries, heads, lengths and logs
// from the tables in append order, which then take appends as before.
func TestMigrationToRowidTables(t *testing.T) {
	const before = 5 // the migrations before 0006_rowid_logs
	if migrations[before].Name != "0006_rowid_logs" {
		t.Fatalf("migration %d is %q; this test is about 0006_rowid_logs", before, migrations[before].Name)
	}
	path := filepath.Join(t.TempDir(), "entente.db")
	all := migrations
	migrations = all[:before]
	db, err := Open(path)
	migrations = all
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(tableSQL(t, db, "entries"), "WITHOUT ROWID") {
		t.Fatalf("the store before migration 0006 has entries %q, want a WITHOUT ROWID table", tableSQL(t, db, "entries"))
	}
	signer, err := tlog.GenerateKey(rand.NewChaCha8([32]byte{'m'}))
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	type logState struct {
		tree    tlog.Builder
		entries []logstore.Entry
		heads   []tlog.TreeHead
	}
	logs := map[string]*logState{}
	names := []string{"pact-b", "pact-a", "registry", "pact-c"}
	for round := range 30 {
		var batch []logstore.Append
		for k, name := range names {
			if (round+k)%3 == 0 {
				continue
			}
			st := logs[name]
			if st == nil {
				st = &logState{}
				logs[name] = st
			}
			from := int64(len(st.entries))
			var entries []logstore.Entry
			for i := range 1 + (round+k)%4 {
				data := fmt.Appendf(nil, `{"log":%q,"seq":%d}`, name, from+int64(i))
				e := logstore.Entry{Index: from + int64(i), Data: data, LeafHash: tlog.LeafHash(data)}
				st.tree.Append(e.LeafHash)
				entries = append(entries, e)
			}
			head := signer.Sign(tlog.TreeHead{Log: name, Size: st.tree.Size(), Root: st.tree.Root(), Time: time.Date(2026, 1, 2, 3, 4, 5, round*1000+k, time.UTC)})
			st.entries = append(st.entries, entries...)
			st.heads = append(st.heads, head)
			batch = append(batch, logstore.Append{Log: name, From: from, Entries: entries, Head: head})
		}
		results, err := db.AppendBatch(ctx, batch)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range results {
			if r != nil {
				t.Fatal(r)
			}
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db = mustOpen(t, path)
	defer db.Close()
	for _, table := range []string{"entries", "tree_heads"} {
		if sql := tableSQL(t, db, table); strings.Contains(sql, "WITHOUT ROWID") {
			t.Errorf("after migration 0006, %s is %q", table, sql)
		}
	}
	check := func() {
		t.Helper()
		got, err := db.Logs(ctx)
		if err != nil || len(got) != len(logs) {
			t.Fatalf("Logs = %q, %v; want %d logs", got, err, len(logs))
		}
		for name, st := range logs {
			entries, err := db.Entries(ctx, name, 0, -1)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(st.entries, entries, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("entries of %s (-want +got):\n%s", name, diff)
			}
			heads, err := db.Heads(ctx, name)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(st.heads, heads, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("heads of %s (-want +got):\n%s", name, diff)
			}
			if n, err := db.Len(ctx, name); err != nil || n != int64(len(st.entries)) {
				t.Errorf("Len(%s) = %d, %v; want %d", name, n, err, len(st.entries))
			}
		}
	}
	check()
	// The migrated tables take appends, and still refuse a taken position.
	st := logs["pact-a"]
	data := []byte(`{"after":"migration"}`)
	e := logstore.Entry{Index: int64(len(st.entries)), Data: data, LeafHash: tlog.LeafHash(data)}
	st.tree.Append(e.LeafHash)
	head := signer.Sign(tlog.TreeHead{Log: "pact-a", Size: st.tree.Size(), Root: st.tree.Root(), Time: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)})
	if err := db.Append(ctx, "pact-a", e.Index, []logstore.Entry{e}, head); err != nil {
		t.Fatal(err)
	}
	st.entries, st.heads = append(st.entries, e), append(st.heads, head)
	if err := db.Append(ctx, "pact-a", e.Index, []logstore.Entry{e}, head); err == nil {
		t.Error("an append at a taken position after the migration was accepted")
	}
	check()
}

// tableSQL returns the statement that made table.
func tableSQL(t *testing.T, db *DB, table string) string {
	t.Helper()
	var sql string
	if err := db.read.QueryRow(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`, table).Scan(&sql); err != nil {
		t.Fatalf("schema of %s: %v", table, err)
	}
	return sql
}
