package client_test

import (
	"context"
	"crypto/rand"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/client"
	"github.com/entente/entente/tlog"
)

// TestMonitorAndWitness: a first run pins the key and saves every log's
// head; a witness countersigns each head that passed, which the server
// records in its registry; a second run, with the key pinned, passes; a
// pin of another key fails without touching the state.
func TestMonitorAndWitness(t *testing.T) {
	ctx := context.Background()
	api, ds, key := demoServer(t)
	state := filepath.Join(t.TempDir(), "monitor.json")
	reports, st, err := api.Monitor(ctx, state, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Key != key.KeyID() {
		t.Errorf("pinned key %q, want %s", st.Key, key.KeyID())
	}
	saved, err := client.LoadMonitorState(state)
	if err != nil || len(saved.Logs) != len(reports) || len(reports) < 2 {
		t.Fatalf("saved %d heads for %d reports: %v", len(saved.Logs), len(reports), err)
	}
	before, err := api.Logs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var seen []tlog.TreeHead
	if err := api.Witness(ctx, ds["helios"], reports, st, time.Now(), func(h tlog.TreeHead) { seen = append(seen, h) }); err != nil {
		t.Fatal(err)
	}
	after, _ := api.Logs(ctx)
	if len(seen) != len(reports) || after[entente.RegistryLog] != before[entente.RegistryLog]+int64(len(seen)) {
		t.Errorf("witnessed %d of %d logs; the registry grew from %d to %d entries",
			len(seen), len(reports), before[entente.RegistryLog], after[entente.RegistryLog])
	}
	pin, err := client.LoadPin("")
	if err != nil || pin != nil {
		t.Errorf("LoadPin of no file: %v %v", pin, err)
	}
	again, _, err := api.Monitor(ctx, state, &key)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range again {
		if !r.OK() {
			t.Errorf("second run: %s: %s", r.Log, r.Problem)
		}
	}
	other, _ := tlog.GenerateKey(rand.Reader)
	wrong := other.Public()
	if _, _, err := api.Monitor(ctx, state, &wrong); entente.ErrorCode(err) != entente.EFORBIDDEN || !strings.Contains(err.Error(), "pinned") {
		t.Errorf("a monitor pinned to another key: %v", err)
	}
}
