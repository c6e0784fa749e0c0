package postgres

import (
	"testing"

	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
)

// TestOpenReadOnly: a database whose transactions are read-only, as on a
// hot standby, opens once its schema is up to date (the migration check
// writes nothing then), serves reads, and refuses writes.
func TestOpenReadOnly(t *testing.T) {
	rw := schemaURL(t, t.Name())
	primary := mustOpen(t, rw)
	defer primary.Close()
	data := []byte("entry")
	e := logstore.Entry{Index: 0, Data: data, LeafHash: tlog.LeafHash(data)}
	head := tlog.TreeHead{Log: "p", Size: 1, Root: tlog.Root([]tlog.Hash{e.LeafHash})}
	if err := primary.Append(t.Context(), "p", 0, []logstore.Entry{e}, head); err != nil {
		t.Fatal(err)
	}
	replica, err := Open(t.Context(), withParam(t, rw, "default_transaction_read_only", "on"))
	if err != nil {
		t.Fatalf("opening a read-only database with its schema up to date: %v", err)
	}
	defer replica.Close()
	if n, err := replica.Len(t.Context(), "p"); err != nil || n != 1 {
		t.Fatalf("Len on the read-only database: %d, %v", n, err)
	}
	e.Index = 1
	head.Size = 2
	if err := replica.Append(t.Context(), "p", 1, []logstore.Entry{e}, head); err == nil {
		t.Fatal("an append through a read-only database went through")
	}
}
