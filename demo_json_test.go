package entente_test

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/demo"
	"github.com/entente/entente/sqlite"
	"github.com/entente/entente/tlog"
	"github.com/google/go-cmp/cmp"
)

// TestDemoStateJSONAsBefore folds the demo's pacts (the logs `entente
// serve --demo` starts from) and checks that their states encode to the
// same JSON as the fold before Lists and indexes (ref_test.go), which
// snapshots and the API answered with; that a state decoded from that JSON
// encodes the same again; and that the decoded state, indexed when
// decoded, records the same as the folded one when time moves on.
func TestDemoStateJSONAsBefore(t *testing.T) {
	ctx := context.Background()
	store, err := sqlite.Open(filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	signer, err := tlog.GenerateKey(rand.NewChaCha8([32]byte{1}))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	if _, err := demo.Seed(ctx, store, signer, now, rand.NewChaCha8([32]byte{3})); err != nil {
		t.Fatalf("demo.Seed: %v", err)
	}
	logs, err := store.Logs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	pacts, recorded := 0, 0
	for _, name := range logs {
		if name == entente.RegistryLog {
			continue
		}
		entries, err := store.Entries(ctx, name, 0, -1)
		if err != nil {
			t.Fatal(err)
		}
		var events []entente.Event
		for _, e := range entries {
			ev, err := entente.DecodeEvent(e.Data)
			if err != nil {
				t.Fatalf("log %s entry %d: %v", name, e.Index, err)
			}
			events = append(events, ev)
		}
		s, err := entente.Fold(events)
		if err != nil {
			t.Fatalf("log %s: %v", name, err)
		}
		ref, err := entente.RefFold(events)
		if err != nil {
			t.Fatalf("log %s, reference fold: %v", name, err)
		}
		got, want := mustJSON(s), mustJSON(ref)
		if got != want {
			t.Fatalf("log %s: the state encodes as\n%s\nbut before as\n%s", name, got, want)
		}
		var decoded entente.PactState
		if err := json.Unmarshal([]byte(got), &decoded); err != nil {
			t.Fatalf("log %s: decoding the state: %v", name, err)
		}
		if again := mustJSON(&decoded); again != got {
			t.Fatalf("log %s: the decoded state encodes as\n%s\nnot\n%s", name, again, got)
		}
		if err := entente.CheckDueIndex(&decoded); err != nil {
			t.Fatalf("log %s: %v", name, err)
		}
		later := entente.Env{Now: now.Add(400 * entente.Day)}
		_, fromFold, err1 := entente.Advance(s, later)
		_, fromJSON, err2 := entente.Advance(&decoded, later)
		_, fromRef, err3 := entente.RefAdvance(ref, later)
		if err1 != nil || err2 != nil || err3 != nil {
			t.Fatalf("log %s: Advance: %v, %v, %v", name, err1, err2, err3)
		}
		if diff := cmp.Diff(fromRef, fromFold); diff != "" {
			t.Fatalf("log %s: Advance records other events than before (-before +now):\n%s", name, diff)
		}
		if diff := cmp.Diff(fromFold, fromJSON); diff != "" {
			t.Fatalf("log %s: Advance on the decoded state differs (-folded +decoded):\n%s", name, diff)
		}
		plain := *s
		plain.Derived = entente.Derived{} // as if built by hand: indexed on the fly
		for _, st := range []*entente.PactState{s, &decoded, &plain} {
			if due := st.DueBy(later.Now); due != (len(fromFold) > 0) {
				t.Fatalf("log %s: DueBy = %v, but Advance recorded %d events", name, due, len(fromFold))
			}
		}
		pacts++
		recorded += len(fromFold)
	}
	if recorded == 0 {
		t.Fatal("Advance recorded nothing in any demo pact: the comparison above tests nothing")
	}
	if pacts < 2 {
		t.Fatalf("the demo has %d pacts, want at least 2", pacts)
	}
}
