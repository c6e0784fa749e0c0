package http_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/sqlite"
)

// TestLockedStoreAnswers503 holds the SQLite store's write lock from
// another connection (a CLI verb beside the server, the sqlite3 shell)
// past the busy timeout: a write answers 503 with Retry-After and an
// "unavailable" error, not 500, and writes nothing; reads still answer;
// once the lock is released the same signed request goes through.
func TestLockedStoreAnswers503(t *testing.T) {
	path := filepath.Join(t.TempDir(), "e.db")
	ts := startServer(t, path, sqlite.Options{BusyTimeout: 20 * time.Millisecond})
	ts.register("a", `{"economic":10}`)

	other, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(context.Background(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	found := ts.signed("a", "solo", entente.FoundPact{Pact: entente.Pact{ID: "solo", Name: "Solo", Kind: entente.Coalition,
		Duration: entente.Duration{Kind: entente.Permanent}}, Founders: []entente.ActorID{"a"}})
	body, _ := json.Marshal(found)
	post := func() (*http.Response, []byte) {
		resp, err := http.Post(ts.srv.URL+"/api/requests", "application/json", strings.NewReader(string(body)))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, b
	}
	resp, got := post()
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("write while the store is locked: %d, Retry-After %q: %s; want 503 with Retry-After", resp.StatusCode, resp.Header.Get("Retry-After"), got)
	}
	var e struct {
		Error struct{ Code, Message string }
	}
	if err := json.Unmarshal(got, &e); err != nil || e.Error.Code != entente.EUNAVAILABLE || !strings.Contains(e.Error.Message, "locked") {
		t.Errorf("body %s: want code %s saying the database is locked", got, entente.EUNAVAILABLE)
	}
	ts.call("GET", "/api/actors/a", "", http.StatusOK) // reads do not wait on the lock
	if n, err := ts.store.Len(context.Background(), "solo"); err != nil || n != 0 {
		t.Errorf("the refused write left %d entries", n)
	}
	if _, err := conn.ExecContext(context.Background(), "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	if resp, got := post(); resp.StatusCode != http.StatusCreated {
		t.Errorf("the same request once the lock is released: %d %s, want 201", resp.StatusCode, got)
	}
}
