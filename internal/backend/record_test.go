package backend

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/ledger"
)

// TestWriteRecord writes a registry of three actors into a new store,
// checks that it opens with them, and that a record the fold refuses
// leaves nothing behind.
func TestWriteRecord(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)
	reg := entente.NewRegistry()
	var events []entente.Event
	for _, id := range []entente.ActorID{"a", "b", "c"} {
		ev, err := reg.Record(entente.Actor{ID: id, Name: "Member " + string(id), Kind: entente.NGO}, now)
		if err != nil {
			t.Fatal(err)
		}
		if err := reg.Apply(ev); err != nil {
			t.Fatal(err)
		}
		events = append(events, ev)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "r.db")
	n, err := WriteRecord(ctx, path, now, []ledger.Recorded{{Name: entente.RegistryLog, Events: events}})
	if err != nil {
		t.Fatal(err)
	}
	if n != int64(len(events)) {
		t.Errorf("wrote %d entries, want %d", n, len(events))
	}
	l, err := OpenLedger(ctx, path, false, func() time.Time { return now })
	if err != nil {
		t.Fatal(err)
	}
	a, err := l.Service.Actor("b")
	l.Close()
	if err != nil || a.Name != "Member b" {
		t.Errorf("actor b in the store: %+v, %v", a, err)
	}

	// The same actor twice: the replay refuses it and no store is left.
	bad := filepath.Join(dir, "bad.db")
	if _, err := WriteRecord(ctx, bad, now, []ledger.Recorded{{Name: entente.RegistryLog, Events: append(events, events[0])}}); err == nil {
		t.Error("a record registering an actor twice was written")
	}
	if _, err := os.Stat(bad); !os.IsNotExist(err) {
		t.Errorf("a refused record left %s (%v)", bad, err)
	}
}
