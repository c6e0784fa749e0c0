package sqlite

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/entente/entente/tlog"
)

// TestMigrationToRowidTablesRefusesLostHeads gives stores of the schema
// before migration 0006 heads that no entry of theirs ends: the migration
// would lose each, so opening fails naming the migration, and the store
// is left at version 5, its tables as they were (migration 0007 is not
// applied either: the migrations are one transaction).
func TestMigrationToRowidTablesRefusesLostHeads(t *testing.T) {
	data := []byte(`{"seq":0}`)
	hash := tlog.LeafHash(data)
	entry := `INSERT INTO entries (log, idx, data, leaf_hash) VALUES ('p', 0, ?, ?)`
	tests := []struct {
		name  string
		heads []string // tree_heads rows: log, size
	}{
		{"beyond its log", []string{"'p', 1", "'p', 2"}},
		{"of a log with no entries", []string{"'p', 1", "'q', 1"}},
		{"of another log's length", []string{"'p', 1", "'P', 1"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "entente.db")
			db := openBeforeRowid(t, path)
			if _, err := db.write.Exec(entry, data, hash[:]); err != nil {
				t.Fatal(err)
			}
			for _, h := range tc.heads {
				if _, err := db.write.Exec(`INSERT INTO tree_heads (log, size, root, time, signature) VALUES (`+h+`, ?, '2026-01-01T00:00:00Z', x'01')`, hash[:]); err != nil {
					t.Fatal(err)
				}
			}
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}
			db, err := Open(path)
			if err == nil {
				db.Close()
				t.Fatal("the migration dropped a head without an entry and opened")
			}
			if !strings.Contains(err.Error(), "0006_rowid_logs") || !strings.Contains(err.Error(), "would lose it") {
				t.Errorf("Open: %v; want the error to name migration 0006_rowid_logs and say that a head would be lost", err)
			}
			db = openBeforeRowid(t, path)
			defer db.Close()
			var version, heads, parts int
			if err := db.read.QueryRow(`SELECT max(version) FROM schema_migrations`).Scan(&version); err != nil || version != 5 {
				t.Errorf("after the failed migration the schema is version %d (%v), want 5", version, err)
			}
			if err := db.read.QueryRow(`SELECT count(*) FROM tree_heads`).Scan(&heads); err != nil || heads != len(tc.heads) {
				t.Errorf("after the failed migration tree_heads holds %d heads (%v), want %d", heads, err, len(tc.heads))
			}
			if err := db.read.QueryRow(`SELECT count(*) FROM sqlite_master WHERE name IN ('entries_in_order', 'snapshot_parts')`).Scan(&parts); err != nil || parts != 0 {
				t.Errorf("after the failed migration %d tables of migrations 0006 and 0007 are there (%v)", parts, err)
			}
			if sql := tableSQL(t, db, "entries"); !strings.Contains(sql, "WITHOUT ROWID") {
				t.Errorf("after the failed migration entries is %q", sql)
			}
		})
	}
}

// TestMigrationKeepsSnapshotsAndEmptySignatures migrates a store of
// version 5 holding a snapshot and a head with an empty signature: the
// snapshot reads back whole (a row of migration 0007's columns' defaults,
// no parts) and is then replaced by one in parts, and the head is still a
// head (an empty signature is not the NULL of an entry without one).
func TestMigrationKeepsSnapshotsAndEmptySignatures(t *testing.T) {
	path := filepath.Join(t.TempDir(), "entente.db")
	db := openBeforeRowid(t, path)
	data := []byte(`{"seq":0}`)
	hash := tlog.LeafHash(data)
	snap := bytes.Repeat([]byte{3, 0}, 100)
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO entries (log, idx, data, leaf_hash) VALUES ('p', 0, ?, ?)`, []any{data, hash[:]}},
		{`INSERT INTO tree_heads (log, size, root, time, signature) VALUES ('p', 1, ?, '2026-01-01T00:00:00Z', x'')`, []any{hash[:]}},
		{`INSERT INTO snapshots (log, size, root, data) VALUES ('p', 1, ?, ?)`, []any{hash[:], snap}},
	} {
		if _, err := db.write.Exec(q.sql, q.args...); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db = mustOpen(t, path)
	defer db.Close()
	ctx := t.Context()
	heads, err := db.Heads(ctx, "p")
	if err != nil || len(heads) != 1 || heads[0].Size != 1 || heads[0].Root != hash || len(heads[0].Signature) != 0 {
		t.Errorf("Heads after the migration = %+v, %v; want the head of size 1 with an empty signature", heads, err)
	}
	if h, ok, err := db.LatestHead(ctx, "p"); err != nil || !ok || h.Size != 1 {
		t.Errorf("LatestHead after the migration = %+v, %t, %v", h, ok, err)
	}
	got, ok, err := db.Snapshot(ctx, "p")
	if err != nil || !ok || got.Size != 1 || got.Root != hash || !bytes.Equal(got.Data, snap) {
		t.Errorf("Snapshot after the migration = size %d, %d bytes, %t, %v; want the one before", got.Size, len(got.Data), ok, err)
	}
	got.Data = bytes.Repeat([]byte{4}, snapshotPart+1)
	if err := db.PutSnapshot(ctx, got); err != nil {
		t.Fatal(err)
	}
	if again, ok, err := db.Snapshot(ctx, "p"); err != nil || !ok || !bytes.Equal(again.Data, got.Data) {
		t.Errorf("Snapshot in parts after the migration = %d bytes, %t, %v", len(again.Data), ok, err)
	}
	// Reopened, the migrated store applies nothing again and reads the same.
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db = mustOpen(t, path)
	defer db.Close()
	if rows := migrationRows(t, db); len(rows) != len(migrations) {
		t.Errorf("after reopening, schema_migrations holds %q, want one row per migration", rows)
	}
	if again, err := db.Heads(ctx, "p"); err != nil || len(again) != 1 || again[0].Size != 1 {
		t.Errorf("Heads after reopening = %+v, %v", again, err)
	}
	if again, ok, err := db.Snapshot(ctx, "p"); err != nil || !ok || !bytes.Equal(again.Data, got.Data) {
		t.Errorf("Snapshot after reopening = %d bytes, %t, %v", len(again.Data), ok, err)
	}
}
