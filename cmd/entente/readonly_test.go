package main

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestReadOnlyServer: a server started with --read-only (as on a
// replica of the database) refuses every write with 403 naming the mode,
// writes nothing, and follows what others append by polling the store:
// a pact founded through the command line on the store shows in its
// listing, which reads no length, within a few polls.
func TestReadOnlyServer(t *testing.T) {
	dir := t.TempDir()
	db := seedDemo(t, dir)
	srv := startServer(t, db, "--read-only", "--poll", "50ms")
	defer srv.stop()
	logLen := func() int {
		t.Helper()
		var entries []json.RawMessage
		r := exits(t, 0, "log", jv, "--db", db, "--json")
		if err := json.Unmarshal([]byte(r.stdout), &entries); err != nil {
			t.Fatal(err)
		}
		return len(entries)
	}
	before := logLen()
	signed := exits(t, 0, "pledge", jv, "--resource", "eur_k", "--amount", "1", "--due", "+30d", "--key", demoKey(db, "helios"), "--sign-only", "--db", db)
	for _, path := range []string{"/api/requests", "/drafts", "/api/pacts/" + jv + "/webhooks"} {
		resp, err := http.Post(srv.url(path), "application/json", strings.NewReader(signed.stdout))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		var e struct {
			Error struct{ Code, Field, Message string }
		}
		if resp.StatusCode != http.StatusForbidden || json.Unmarshal(b, &e) != nil || e.Error.Field != "mode" || !strings.Contains(e.Error.Message, "read-only") {
			t.Errorf("POST %s on a read-only server: %d %s; want 403 naming the mode", path, resp.StatusCode, b)
		}
	}
	if n := logLen(); n != before {
		t.Fatalf("the read-only server wrote: %d entries, were %d", n, before)
	}
	if r := exits(t, 0, "pact", "show", jv, "--server", srv.url("")); !strings.Contains(r.stdout, "Solid-State") {
		t.Errorf("a read on the read-only server: %s", r.stdout)
	}

	// Another process founds a pact on the store; the listing shows it
	// once the server has polled.
	file := filepath.Join(dir, "found.json")
	os.WriteFile(file, []byte(`{"pact":{"id":"ro-net","name":"Replica test","kind":"coalition","duration":{"kind":"permanent"}},"founders":["helios"]}`), 0o600)
	exits(t, 0, "pact", "found", "--file", file, "--key", demoKey(db, "helios"), "--db", db)
	waitListed(t, srv, "ro-net", 20*time.Second)
}
