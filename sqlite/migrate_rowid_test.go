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
// migration 0006 (WITHOUT ROWID entries and heads, one head per append),
// reopens it with every migration, and reads back the same entries, heads,
// lengths and logs from the one table in append order, which then takes
// appends as before.
func TestMigrationToRowidTables(t *testing.T) {
	path := filepath.Join(t.TempDir(), "entente.db")
	db := openBeforeRowid(t, path)
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
		// The old store code's rows, written as it wrote them.
		for _, a := range batch {
			for _, e := range a.Entries {
				if _, err := db.write.ExecContext(ctx, `INSERT INTO entries (log, idx, data, leaf_hash) VALUES (?, ?, ?, ?)`, a.Log, e.Index, e.Data, e.LeafHash[:]); err != nil {
					t.Fatal(err)
				}
			}
			stamp, _ := formatTime(a.Head.Time)
			if _, err := db.write.ExecContext(ctx, `INSERT INTO tree_heads (log, size, root, time, signature) VALUES (?, ?, ?, ?, ?)`, a.Log, int64(a.Head.Size), a.Head.Root[:], stamp, a.Head.Signature); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db = mustOpen(t, path)
	defer db.Close()
	if sql := tableSQL(t, db, "entries"); strings.Contains(sql, "WITHOUT ROWID") || !strings.Contains(sql, "signature") {
		t.Errorf("after migration 0006, entries is %q", sql)
	}
	var heads int
	if err := db.read.QueryRow(`SELECT count(*) FROM sqlite_master WHERE name = 'tree_heads'`).Scan(&heads); err != nil || heads != 0 {
		t.Errorf("after migration 0006, tree_heads is still there (%d, %v)", heads, err)
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

// TestMigrationToRowidTablesKeepsEveryHead gives a store of the schema
// before migration 0006 a head its log has no entry for: the migration
// would lose it, so it fails, and the store is left as it was.
func TestMigrationToRowidTablesKeepsEveryHead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "entente.db")
	db := openBeforeRowid(t, path)
	data := []byte(`{"seq":0}`)
	hash := tlog.LeafHash(data)
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO entries (log, idx, data, leaf_hash) VALUES ('p', 0, ?, ?)`, []any{data, hash[:]}},
		{`INSERT INTO tree_heads (log, size, root, time, signature) VALUES ('p', 1, ?, '2026-01-01T00:00:00Z', x'01')`, []any{hash[:]}},
		{`INSERT INTO tree_heads (log, size, root, time, signature) VALUES ('p', 2, ?, '2026-01-01T00:00:01Z', x'01')`, []any{hash[:]}},
	} {
		if _, err := db.write.Exec(q.sql, q.args...); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if db, err := Open(path); err == nil {
		db.Close()
		t.Fatal("the migration dropped a head without an entry and opened")
	}
	db = openBeforeRowid(t, path)
	defer db.Close()
	var heads int
	if err := db.read.QueryRow(`SELECT count(*) FROM tree_heads`).Scan(&heads); err != nil || heads != 2 {
		t.Errorf("after the failed migration tree_heads holds %d heads (%v), want 2", heads, err)
	}
}

// openBeforeRowid opens the store at path with the migrations before
// 0006_rowid_logs alone: the schema of the stores it migrates.
func openBeforeRowid(t *testing.T, path string) *DB {
	t.Helper()
	const before = 5
	if migrations[before].Name != "0006_rowid_logs" {
		t.Fatalf("migration %d is %q; these tests are about 0006_rowid_logs", before, migrations[before].Name)
	}
	all := migrations
	migrations = all[:before]
	db, err := Open(path)
	migrations = all
	if err != nil {
		t.Fatal(err)
	}
	return db
}
