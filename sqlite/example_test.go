package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/entente/entente/logstore"
	"github.com/entente/entente/sqlite"
)

// ExampleOpenWith opens a store that waits at most a second for a lock
// another process holds (past it, writes fail as EUNAVAILABLE: 503 with
// Retry-After over HTTP), and keeps a snapshot beside a log.
func ExampleOpenWith() {
	dir, _ := os.MkdirTemp("", "entente-example")
	defer os.RemoveAll(dir)
	db, err := sqlite.OpenWith(filepath.Join(dir, "entente.db"), sqlite.Options{BusyTimeout: time.Second})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer db.Close()
	ctx := context.Background()
	if err := db.PutSnapshot(ctx, logstore.Snapshot{Log: "pact", Size: 12, Data: []byte("the ledger's encoding")}); err != nil {
		fmt.Println(err)
		return
	}
	snap, ok, err := db.Snapshot(ctx, "pact")
	fmt.Println(ok, err, snap.Size, string(snap.Data))
	// Output: true <nil> 12 the ledger's encoding
}
