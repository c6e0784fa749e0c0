package main

import (
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
)

// TestServeMaxStates: a server that keeps one pact's state in memory
// answers every listing and every pact exactly as one that keeps them all
// (the others are evicted and loaded back from their snapshots), and a
// negative bound is refused naming the flag.
func TestServeMaxStates(t *testing.T) {
	db := filepath.Join(t.TempDir(), "e.db")
	read := func(extra ...string) map[string]string {
		t.Helper()
		srv := startServer(t, db, append([]string{"--demo", "--tick", "1h"}, extra...)...)
		defer srv.stop()
		list := exits(t, 0, "pact", "list", "--json", "--server", srv.url(""))
		var pacts []struct{ ID string }
		if err := json.Unmarshal([]byte(list.stdout), &pacts); err != nil || len(pacts) < 2 {
			t.Fatalf("pact list --json: %v (%d pacts)\n%s", err, len(pacts), list.stdout)
		}
		out := map[string]string{"list": list.stdout}
		// Twice round, so that with a bound of one every read but the
		// first loads an evicted state back.
		for range 2 {
			for _, p := range pacts {
				got := exits(t, 0, "pact", "show", p.ID, "--json", "--server", srv.url(""), "--key", demoKey(db, "helios")).stdout
				if prev, ok := out[p.ID]; ok && prev != got {
					t.Errorf("pact %s read twice from one server differs", p.ID)
				}
				out[p.ID] = got
			}
		}
		out["reloaded"] = metric(t, srv.url("/metrics"), "entente_states_reloaded_total")
		return out
	}
	all := read()
	bounded := read("--max-states", "1")
	if all["reloaded"] != "0" || bounded["reloaded"] == "0" {
		t.Errorf("states loaded back: %s keeping every state, %s with --max-states 1", all["reloaded"], bounded["reloaded"])
	}
	delete(all, "reloaded")
	for k, want := range all {
		if bounded[k] != want {
			t.Errorf("%s with --max-states 1:\n%s\nkeeping every state:\n%s", k, bounded[k], want)
		}
	}
	r := exits(t, 2, "serve", "--db", db, "--max-states", "-1")
	if !strings.Contains(r.stderr, "--max-states") {
		t.Errorf("serve --max-states -1: %q does not name the flag", r.stderr)
	}
}

// metric reads one unlabelled sample from a Prometheus text page.
func metric(t *testing.T, url, name string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.Lines(string(body)) {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), name+" "); ok {
			return v
		}
	}
	t.Fatalf("%s has no %s", url, name)
	return ""
}
