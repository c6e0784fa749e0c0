package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestCLIAPIAgree checks that the CLI and the API read the same dates and
// fill in the same defaults, and that log --limit pages as the API does,
// from the store and from a server.
func TestCLIAPIAgree(t *testing.T) {
	dir := t.TempDir()
	db := seedDemo(t, dir)
	key := demoKey(db, "helios")
	// A day and RFC 3339 sign the same time; a relative date is signed as
	// RFC 3339; a bad date names the flag.
	for _, due := range []string{"2027-01-01", "2027-01-01T00:00:00Z", "+30d"} {
		r := exits(t, 0, "pledge", jv, "--resource", "eur_k", "--amount", "1", "--due", due, "--key", key, "--sign-only", "--db", db)
		var sig struct {
			Request string `json:"request"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &sig); err != nil || strings.Contains(sig.Request, "+30d") || !strings.Contains(sig.Request, `"due":"20`) {
			t.Errorf("--due %s signs %s (%v)", due, sig.Request, err)
		}
	}
	if r := exits(t, 2, "pledge", jv, "--resource", "eur_k", "--amount", "1", "--due", "01/01/2027", "--key", key, "--db", db); !strings.Contains(r.stderr, "--due") {
		t.Errorf("a bad date: %s", r)
	}
	// The CLI's default matter is the API's: the proposal is general.
	r := exits(t, 0, "propose", jv, "--title", "Defaults agree", "--key", key, "--db", db, "--json")
	if !strings.Contains(r.stdout, `"matter": "general"`) {
		t.Errorf("propose without --matter:\n%s", r.stdout)
	}
	all := exits(t, 0, "log", jv, "--db", db, "--json")
	var entries []json.RawMessage
	if err := json.Unmarshal([]byte(all.stdout), &entries); err != nil || len(entries) < 5 {
		t.Fatalf("log: %v %d", err, len(entries))
	}
	some := exits(t, 0, "log", jv, "--db", db, "--json", "--from", "2", "--limit", "3")
	var page []json.RawMessage
	if err := json.Unmarshal([]byte(some.stdout), &page); err != nil || len(page) != 3 {
		t.Errorf("log --from 2 --limit 3: %d entries, %v", len(page), err)
	}
	exits(t, 2, "log", jv, "--db", db, "--limit", "-1")
	srv := startServer(t, db)
	defer srv.stop()
	remote := exits(t, 0, "log", jv, "--server", srv.url(""), "--limit", "2")
	if n := strings.Count(strings.TrimSpace(remote.stdout), "\n"); n != 2 {
		t.Errorf("log --server --limit 2: %d rows\n%s", n, remote.stdout)
	}
}
