package http_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/entente/entente"
	enthttp "github.com/entente/entente/http"
	"github.com/entente/entente/logstore"
)

// serveOnStore starts another server over ts's ledger whose drafts and
// webhook subscriptions are kept in ts's store, as 'entente serve' wires
// it, and points ts at it (the one before stays up: two servers on one
// store). It returns a web client of the new server.
func (ts *testServer) serveOnStore() *webClient {
	ts.tb.Helper()
	cfg := enthttp.Config{WriteRate: 1e6, WriteBurst: 1e6}
	cfg.Drafts, _ = ts.store.(logstore.DraftStore)
	cfg.Webhooks.Store, _ = ts.store.(logstore.WebhookStore)

	if cfg.Drafts == nil || cfg.Webhooks.Store == nil {
		ts.tb.Fatalf("%T keeps no drafts or webhooks", ts.store)
	}
	srv := enthttp.New(ts.svc, cfg)
	ts.srv = httptest.NewServer(srv)
	ts.tb.Cleanup(ts.srv.Close)
	ts.tb.Cleanup(func() { srv.Shutdown(ts.tb.Context()) })
	return newWebClient(ts)
}

// TestDraftsSurviveRestart: a draft started on one server is found, with
// its signatures, by a new server on the same store and by a second
// server running at the same time; the last signature, added there,
// submits it, and then no server holds it.
func TestDraftsSurviveRestart(t *testing.T) {
	ts := newTestServer(t)
	first := ts.serveOnStore()
	found := entente.FoundPact{Pact: entente.Pact{ID: "net", Name: "Net", Kind: entente.Alliance, Duration: entente.Duration{Kind: entente.Permanent}},
		Founders: []entente.ActorID{"a", "b", "c"}}
	sig := ts.signed("a", "net", found)
	d := decodeDraft(t, first.postJSON("/drafts", sig, http.StatusCreated))
	if len(d.Signed) != 1 {
		t.Fatalf("a's draft: %+v", d)
	}
	held, ok, err := ts.store.(logstore.DraftStore).Draft(t.Context(), d.ID)
	if err != nil || !ok || len(held.Signatures) != 1 {
		t.Fatalf("the store holds %+v, %v, %v", held, ok, err)
	}

	// A new server on the same store: b's co-signature joins a's.
	second := ts.serveOnStore()
	file := *sig
	file.Signatures = nil
	file.Cosign(ts.delegates["b"].Key)
	d = decodeDraft(t, second.postJSON("/drafts", &file, http.StatusCreated))
	if d.Result != nil || len(d.Signed) != 2 {
		t.Fatalf("after b on the new server: %+v (the draft was lost)", d)
	}
	// c signs on the first server, still running: it sees b's signature
	// and submits.
	file.Signatures = nil
	file.Cosign(ts.delegates["c"].Key)
	d = decodeDraft(t, first.postJSON("/drafts", &file, http.StatusCreated))
	if d.Result == nil || d.Result.Log != "net" {
		t.Fatalf("after c on the first server: %+v", d)
	}
	if _, ok, _ := ts.store.(logstore.DraftStore).Draft(t.Context(), d.ID); ok {
		t.Error("a submitted draft is still stored")
	}
	if st, err := ts.svc.Pact("net"); err != nil || len(st.InPact()) != 3 {
		t.Fatalf("net: %v, %v", st, err)
	}
}

// TestWebhooksSurviveRestart: a webhook registered on one server is listed
// by a new server on the same store, with its start; removed there, it is
// gone from the store and from the first server's list too.
func TestWebhooksSurviveRestart(t *testing.T) {
	ts := newTestServer(t)
	ts.serveOnStore()
	first := ts.srv
	token := ts.readToken("a", 10*time.Minute)
	st, b := ts.callAs(first.URL, token, "POST", "/api/pacts/co/webhooks", `{"url":"https://93.184.216.34/hooks/co","from":1}`)
	var created struct {
		ID     string `json:"id"`
		Secret string `json:"secret"`
	}
	if st != http.StatusCreated || json.Unmarshal(b, &created) != nil || created.ID == "" {
		t.Fatalf("registering: %d %s", st, b)
	}
	stored, err := ts.store.(logstore.WebhookStore).Webhooks(t.Context())
	if err != nil || len(stored) != 1 || stored[0].ID != created.ID || stored[0].Secret != created.Secret || stored[0].From != 1 || stored[0].Owner != "a" {
		t.Fatalf("the store holds %+v, %v", stored, err)
	}

	ts.serveOnStore()
	subs := ts.srvWebhooks(t, "co", token)
	if len(subs) != 1 || subs[0].ID != created.ID || subs[0].Next != 1 || subs[0].URL != "https://93.184.216.34/hooks/co" {
		t.Fatalf("the new server lists %+v (the webhook was lost)", subs)
	}
	if st, b := ts.callAs(ts.srv.URL, token, "DELETE", "/api/pacts/co/webhooks/"+created.ID, ""); st != http.StatusOK {
		t.Fatalf("removing on the new server: %d %s", st, b)
	}
	if stored, _ := ts.store.(logstore.WebhookStore).Webhooks(t.Context()); len(stored) != 0 {
		t.Fatalf("the store still holds %+v", stored)
	}
	ts.srv = first
	if subs := ts.srvWebhooks(t, "co", token); len(subs) != 0 {
		t.Fatalf("the first server still lists %+v", subs)
	}
}
