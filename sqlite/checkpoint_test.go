package sqlite

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/entente/entente/logstore"
)

// TestCheckpointInBackground checks that commits adding up to about
// checkpointFrames pages of WAL get them checkpointed into the database
// file by the DB's own checkpointer, while the writer's automatic
// checkpoint, which would run inside a commit, is only a backstop at
// backstopPages. Fewer pages than SQLite's default threshold are written,
// so without the checkpointer nothing would reach the file.
func TestCheckpointInBackground(t *testing.T) {
	path := filepath.Join(t.TempDir(), "entente.db")
	db := mustOpen(t, path)
	defer db.Close()
	var auto int
	if err := db.write.QueryRow("PRAGMA wal_autocheckpoint").Scan(&auto); err != nil {
		t.Fatal(err)
	}
	if auto != backstopPages {
		t.Errorf("writer's wal_autocheckpoint = %d, want %d", auto, backstopPages)
	}
	before := fileSize(t, path)
	l := newSignedLog(t, db)
	const per = 4
	for range checkpointFrames/batchFrames(1) + 1 {
		results, err := db.AppendBatch(t.Context(), []logstore.Append{l.nextAppend(per)})
		if err != nil || results[0] != nil {
			t.Fatalf("AppendBatch: %v, %v", err, results)
		}
		l.n += per
	}
	db.ckpt.stop() // waits for the checkpoint under way
	if db.ckpt.runs == 0 {
		t.Fatalf("no checkpoint ran after %d frames", checkpointFrames)
	}
	if after := fileSize(t, path); after <= before {
		t.Errorf("database file is %d bytes after the checkpoint, %d before: the WAL's pages were not copied", after, before)
	}
	n, err := db.Len(t.Context(), l.name)
	if err != nil || n != l.n {
		t.Errorf("Len = %d, %v; want %d", n, err, l.n)
	}
}

// fileSize returns the size of the file at path.
func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info.Size()
}
