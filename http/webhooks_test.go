package http_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/entente/entente"
	enthttp "github.com/entente/entente/http"
	"github.com/entente/entente/webhook"
)

// hookReceiver records deliveries; while hold is open it keeps each
// request waiting.
type hookReceiver struct {
	mu      sync.Mutex
	bodies  [][]byte
	headers []http.Header
	hold    chan struct{}
}

func (h *hookReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h.hold != nil {
		<-h.hold
	}
	b, _ := io.ReadAll(r.Body)
	h.mu.Lock()
	h.bodies, h.headers = append(h.bodies, b), append(h.headers, r.Header.Clone())
	h.mu.Unlock()
}

// callAs sends a request with an Authorization header and returns the
// status and body.
func (ts *testServer) callAs(base, auth, method, path, body string) (int, []byte) {
	ts.tb.Helper()
	req, _ := http.NewRequest(method, base+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		ts.tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// TestWebhooks: only a member registers a webhook, and not to a loopback
// address unless the operator allows it; each entry written after goes to
// it once, in order, signed with the secret it was given, and redacted
// where its member may not read the entry; the delivery state is visible
// to its member, who may remove it; a receiver that hangs does not hold up
// a write.
func TestWebhooks(t *testing.T) {
	ts := newTestServer(t)
	ts.act("a", "cl", entente.FoundPact{Pact: entente.Pact{ID: "cl", Name: "Classified", Kind: entente.Coalition,
		Duration: entente.Duration{Kind: entente.Permanent}}, Founders: []entente.ActorID{"a", "b", "c"}}, http.StatusCreated, "b", "c")
	rcv := &hookReceiver{}
	target := httptest.NewServer(rcv)
	defer target.Close()
	body := `{"url":"` + target.URL + `/entente"}`

	// The default server refuses a loopback target; no one but a member
	// registers at all.
	ta, tc := ts.readToken("a", 10*time.Minute), ts.readToken("c", 10*time.Minute)
	if st, b := ts.callAs(ts.srv.URL, ta, "POST", "/api/pacts/cl/webhooks", body); st != 403 || !strings.Contains(string(b), `"url"`) {
		t.Errorf("a loopback target on a server that does not allow it: %d %s", st, b)
	}
	if st, b := ts.callAs(ts.srv.URL, "", "POST", "/api/pacts/cl/webhooks", body); st != 403 {
		t.Errorf("anonymous registration: %d %s", st, b)
	}
	if st, b := ts.callAs(ts.srv.URL, ta, "POST", "/api/pacts/co/webhooks", `{"url":"https://93.184.216.34/x"}`); st != 201 {
		t.Errorf("a member's public target: %d %s", st, b)
	}
	if st, b := ts.callAs(ts.srv.URL, tc, "POST", "/api/pacts/co/webhooks", `{"url":"https://93.184.216.34/x"}`); st != 403 {
		t.Errorf("c, no member of co, registered: %d %s", st, b)
	}

	// A server whose operator allows private targets.
	op := enthttp.New(ts.svc, enthttp.Config{WriteRate: 1e6, WriteBurst: 1e6, Webhooks: enthttp.WebhookConfig{AllowPrivate: true, Poll: time.Hour}})
	srv := httptest.NewServer(op)
	defer srv.Close()
	defer op.Shutdown(context.Background())
	secrets := map[entente.ActorID]string{}
	for _, who := range []entente.ActorID{"a", "c"} {
		st, b := ts.callAs(srv.URL, ts.readToken(who, 10*time.Minute), "POST", "/api/pacts/cl/webhooks", `{"url":"`+target.URL+`/`+string(who)+`"}`)
		var created struct {
			ID, Secret string
			Next       int64
		}
		if st != 201 || json.Unmarshal(b, &created) != nil || created.Secret == "" || created.Next != ts.logLen("cl") {
			t.Fatalf("%s's registration: %d %s", who, st, b)
		}
		secrets[who] = created.Secret
	}
	from := ts.logLen("cl")
	ts.classified("a", "cl", entente.RaiseDispute{Against: []entente.ActorID{"b"}, Subject: "The secret invoice"}, entente.ClassParties, http.StatusCreated)
	ts.act("c", "cl", entente.Propose{Matter: entente.General, Title: "Open the books"}, http.StatusCreated)
	op.DeliverWebhooks(context.Background())

	got := map[string][]map[string]any{}
	for i, b := range rcv.bodies {
		h := rcv.headers[i]
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		var owner entente.ActorID
		for _, sub := range op.Webhooks("cl") {
			if sub.ID == m["webhook"] {
				owner = sub.Owner
			}
		}
		if !webhook.Verify(secrets[owner], h.Get(webhook.HeaderID), h.Get(webhook.HeaderTimestamp), b, h.Get(webhook.HeaderSignature)) {
			t.Errorf("delivery %s does not verify with %s's secret", h.Get(webhook.HeaderID), owner)
		}
		got[string(owner)] = append(got[string(owner)], m)
	}
	for _, who := range []string{"a", "c"} {
		if len(got[who]) != 2 {
			t.Fatalf("%s's webhook got %d deliveries, want 2: %v", who, len(got[who]), got[who])
		}
		for i, m := range got[who] {
			if int64(m["index"].(float64)) != from+int64(i) {
				t.Errorf("%s's delivery %d is entry %v, want %d", who, i, m["index"], from+int64(i))
			}
		}
	}
	if d := got["a"][0]; d["type"] != "dispute_opened" || d["redacted"] == true || !strings.Contains(d["text"].(string), "secret invoice") {
		t.Errorf("a, a party, got the dispute as %v", d)
	}
	if d := got["c"][0]; d["type"] != "dispute_opened" || d["redacted"] != true || d["event"] != nil || d["text"] != nil {
		t.Errorf("c, no party, got the classified dispute as %v", d)
	}
	if d := got["c"][1]; d["type"] != "proposal_opened" || d["redacted"] == true {
		t.Errorf("c's proposal: %v", d)
	}

	// Delivery state, visible to its member only; removal.
	st, b := ts.callAs(srv.URL, tc, "GET", "/api/pacts/cl/webhooks", "")
	var subs []webhook.Subscription
	if st != 200 || json.Unmarshal(b, &subs) != nil || len(subs) != 1 || subs[0].Owner != "c" || subs[0].Delivered != 2 || subs[0].Next != from+2 {
		t.Fatalf("c's webhooks: %d %s", st, b)
	}
	if st, _ := ts.callAs(srv.URL, ta, "DELETE", "/api/pacts/cl/webhooks/"+subs[0].ID, ""); st != 404 {
		t.Errorf("a removed c's webhook: %d", st)
	}
	if st, b := ts.callAs(srv.URL, tc, "DELETE", "/api/pacts/cl/webhooks/"+subs[0].ID, ""); st != 200 {
		t.Errorf("c removing its webhook: %d %s", st, b)
	}

	// A receiver that hangs holds up no write: the write answers while
	// the delivery waits (were it on the write's path, this would hang).
	rcv.hold = make(chan struct{})
	write, _ := json.Marshal(ts.signed("a", "cl", entente.Propose{Matter: entente.General, Title: "Another"}))
	if st, b := ts.callAs(srv.URL, "", "POST", "/api/requests", string(write)); st != 201 {
		t.Fatalf("the write while the receiver hangs: %d %s", st, b)
	}
	close(rcv.hold)
	op.DeliverWebhooks(context.Background())
	if n := len(op.Webhooks("cl")); n != 1 || op.Webhooks("cl")[0].Delivered != 3 {
		t.Errorf("after the hanging receiver answered: %+v", op.Webhooks("cl"))
	}
}

// TestWebhooksFromThePage: a signed-in member registers a webhook with the
// pact page's plain form (no script), sees its secret once and the
// webhook with its delivery state on the page, and removes it; a loopback
// target is refused with an error page naming the URL field, and a form
// post without a session is refused.
func TestWebhooksFromThePage(t *testing.T) {
	ts := newTestServer(t)
	web := newWebClient(ts)
	bk := ts.enrolBrowserKey("a", "Ada's browser")
	web.registerPasskey(bk, bk.key, 200)
	page := web.page("/pacts/co")
	for _, want := range []string{`id="webhooks-h"`, `<form method="post" action="/pacts/co/webhooks"`, `<label for="webhook-url">`} {
		if !strings.Contains(page, want) {
			t.Errorf("the member's pact page lacks %q", want)
		}
	}
	if p := get(t, ts, "/pacts/co", 200); strings.Contains(p, `id="webhooks-h"`) {
		t.Error("the anonymous pact page shows a webhook section")
	}
	form := "application/x-www-form-urlencoded"
	st, body, _ := web.do("POST", "/pacts/co/webhooks", form, "url="+url.QueryEscape("https://93.184.216.34/hooks/co"))
	if st != 200 || !strings.Contains(string(body), `id="webhook-secret"`) {
		t.Fatalf("registering from the page: %d %s", st, body)
	}
	page = web.page("/pacts/co")
	if !strings.Contains(page, "<code>https://93.184.216.34/hooks/co</code>") || !strings.Contains(page, "none yet") {
		t.Errorf("the page does not show the webhook and its state")
	}
	if st, body, _ := web.do("POST", "/pacts/co/webhooks", form, "url="+url.QueryEscape("http://127.0.0.1:9/x")); st != 403 || !strings.Contains(string(body), "127.0.0.1") {
		t.Errorf("a loopback target from the page: %d %s", st, body)
	}
	subs := ts.srvWebhooks(t, "co", ts.readToken("a", 10*time.Minute))
	if len(subs) != 1 {
		t.Fatalf("a's webhooks: %v", subs)
	}
	if st, _, _ := web.do("POST", "/pacts/co/webhooks/"+subs[0].ID+"/remove", form, ""); st != http.StatusSeeOther {
		t.Errorf("removing from the page: %d", st)
	}
	if subs := ts.srvWebhooks(t, "co", ts.readToken("a", 10*time.Minute)); len(subs) != 0 {
		t.Errorf("after removal: %v", subs)
	}
	anon := newWebClient(ts)
	if st, _, _ := anon.do("POST", "/pacts/co/webhooks", form, "url=https%3A%2F%2F93.184.216.34%2F"); st != 403 {
		t.Errorf("an anonymous form post: %d", st)
	}
}

// srvWebhooks lists the webhooks the token's actor holds on pact.
func (ts *testServer) srvWebhooks(t *testing.T, pact, token string) []webhook.Subscription {
	t.Helper()
	st, b := ts.callAs(ts.srv.URL, token, "GET", "/api/pacts/"+pact+"/webhooks", "")
	var subs []webhook.Subscription
	if st != 200 || json.Unmarshal(b, &subs) != nil {
		t.Fatalf("listing webhooks: %d %s", st, b)
	}
	return subs
}

// TestWebhookSecretIsNotCached checks that the answers carrying a
// webhook's secret, shown once, tell every cache not to keep them: the
// API's 201 and the page shown after the form.
func TestWebhookSecretIsNotCached(t *testing.T) {
	ts := newTestServer(t)
	req, _ := http.NewRequest("POST", ts.srv.URL+"/api/pacts/co/webhooks", strings.NewReader(`{"url":"https://93.184.216.34/x"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", ts.readToken("a", 10*time.Minute))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 201 || !strings.Contains(resp.Header.Get("Cache-Control"), "no-store") {
		t.Errorf("the API's registration: %d, Cache-Control %q", resp.StatusCode, resp.Header.Get("Cache-Control"))
	}
	web := newWebClient(ts)
	bk := ts.enrolBrowserKey("a", "Ada's browser")
	web.registerPasskey(bk, bk.key, 200)
	st, body, _ := web.do("POST", "/pacts/co/webhooks", "application/x-www-form-urlencoded", "url="+url.QueryEscape("https://93.184.216.34/hooks/co"))
	if st != 200 || !strings.Contains(string(body), `id="webhook-secret"`) {
		t.Fatalf("registering from the page: %d", st)
	}
	if cc := web.header.Get("Cache-Control"); !strings.Contains(cc, "no-store") {
		t.Errorf("the page showing the secret: Cache-Control %q", cc)
	}
}
