package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/entente/entente/webhook"
)

// TestWebhookVerb registers a webhook through 'entente webhook add'
// against a running server, sees an entry written by another process
// delivered to it signed with the secret the verb printed, lists it with
// its delivery count, removes it, and checks the verb's refusals.
func TestWebhookVerb(t *testing.T) {
	db := filepath.Join(t.TempDir(), "e.db")
	srv := startServer(t, db, "--demo", "--webhook-private")
	defer srv.stop()

	var (
		mu     sync.Mutex
		bodies []string
		secret string
	)
	verified := make(chan bool, 16)
	recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		bodies = append(bodies, string(b))
		s := secret
		mu.Unlock()
		sig := r.Header.Get(webhook.HeaderSignature)
		verified <- webhook.Verify(s, r.Header.Get(webhook.HeaderID), r.Header.Get(webhook.HeaderTimestamp), b, sig)
	}))
	defer recv.Close()

	key := demoKey(db, "helios")
	add := exits(t, 0, "webhook", "add", jv, "--url", recv.URL+"/hook", "--server", srv.url(""), "--key", key, "--json")
	var created struct {
		ID, Pact, URL, Secret string
		Owner                 string
	}
	if err := json.Unmarshal([]byte(add.stdout), &created); err != nil || created.Secret == "" || created.ID == "" || created.Owner != "helios" || created.Pact != jv {
		t.Fatalf("webhook add --json: %v\n%s", err, add.stdout)
	}
	mu.Lock()
	secret = created.Secret
	mu.Unlock()

	exits(t, 0, "pledge", jv, "--key", demoKey(db, "quanta"), "--resource", "engineer_months", "--amount", "6", "--due", "+30d", "--db", db)
	select {
	case ok := <-verified:
		if !ok {
			t.Errorf("the delivery's signature does not verify with the secret 'webhook add' printed")
		}
	case <-time.After(60 * time.Second):
		t.Fatalf("no delivery of the new entry\n%s", srv.stderr)
	}
	mu.Lock()
	if !strings.Contains(bodies[0], "engineer_months") {
		t.Errorf("the delivery does not carry the pledge: %s", bodies[0])
	}
	mu.Unlock()

	list := exits(t, 0, "webhook", "list", jv, "--server", srv.url(""), "--key", key)
	if !strings.Contains(list.stdout, created.ID) || !strings.Contains(list.stdout, recv.URL+"/hook") {
		t.Errorf("webhook list lacks the webhook:\n%s", list.stdout)
	}
	// Another member does not see it, nor may remove it.
	other := exits(t, 0, "webhook", "list", jv, "--server", srv.url(""), "--key", demoKey(db, "quanta"), "--json")
	if strings.TrimSpace(other.stdout) != "[]" {
		t.Errorf("another member lists %s", other.stdout)
	}
	exits(t, 4, "webhook", "remove", jv, created.ID, "--server", srv.url(""), "--key", demoKey(db, "quanta"))

	rm := exits(t, 0, "webhook", "remove", jv, created.ID, "--server", srv.url(""), "--key", key)
	if !strings.Contains(rm.stdout, created.ID) {
		t.Errorf("webhook remove: %s", rm.stdout)
	}
	if after := exits(t, 0, "webhook", "list", jv, "--server", srv.url(""), "--key", key, "--json"); strings.TrimSpace(after.stdout) != "[]" {
		t.Errorf("after remove, list shows %s", after.stdout)
	}

	for _, tc := range []struct {
		name string
		code int
		args []string
	}{
		{"no key", 2, []string{"webhook", "list", jv, "--server", srv.url("")}},
		{"no server", 2, []string{"webhook", "list", jv, "--key", key}},
		{"no url", 2, []string{"webhook", "add", jv, "--server", srv.url(""), "--key", key}},
		{"no pact", 2, []string{"webhook", "list", "--server", srv.url(""), "--key", key}},
		{"remove without id", 2, []string{"webhook", "remove", jv, "--server", srv.url(""), "--key", key}},
		{"bad from", 2, []string{"webhook", "add", jv, "--url", "https://example.org/x", "--from", "-5", "--server", srv.url(""), "--key", key}},
		{"unknown subcommand", 2, []string{"webhook", "edit", jv}},
		{"not a URL", 3, []string{"webhook", "add", jv, "--url", "not a url", "--server", srv.url(""), "--key", key}},
		{"no such pact", 4, []string{"webhook", "list", "nope", "--server", srv.url(""), "--key", key}},
	} {
		t.Run(tc.name, func(t *testing.T) { exits(t, tc.code, tc.args...) })
	}
}
