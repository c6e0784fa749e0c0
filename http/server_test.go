package http_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/entente/entente"
	enthttp "github.com/entente/entente/http"
	"github.com/entente/entente/ledger"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/sqlite"
	"github.com/entente/entente/tlog"
)

// testServer is an API over a fresh store with three firms, each with a
// delegate key, and a coalition among two of them, on a clock the test
// controls.
type testServer struct {
	tb        testing.TB
	svc       *ledger.Service
	srv       *httptest.Server
	store     logstore.Store
	now       time.Time
	delegates map[entente.ActorID]*entente.Delegate
	nonces    int
	// peerClock is the time of the servers peer starts (see setNow).
	peerClock peerClock
}

func newTestServer(tb testing.TB) *testServer {
	tb.Helper()
	ts := startServer(tb, filepath.Join(tb.TempDir(), "e.db"), sqlite.Options{})
	for _, id := range []entente.ActorID{"a", "b", "c"} {
		ts.register(id, `{"economic":10}`)
	}
	ts.act("a", "co", entente.FoundPact{Pact: entente.Pact{ID: "co", Name: "Co", Kind: entente.Coalition,
		Duration: entente.Duration{Kind: entente.Permanent}, Agreement: entente.Agreement{Join: entente.JoinConsent}},
		Founders: []entente.ActorID{"a", "b"}}, http.StatusCreated, "b")
	return ts
}

// startServer is an API over a fresh SQLite store at path, opened with
// opts, with no actors yet, on a clock the test controls.
func startServer(tb testing.TB, path string, opts sqlite.Options) *testServer {
	tb.Helper()
	db, err := sqlite.OpenWith(path, opts)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	signer, err := tlog.GenerateKey(bytes.NewReader(make([]byte, 64)))
	if err != nil {
		tb.Fatal(err)
	}
	ts := &testServer{tb: tb, store: db, now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC), delegates: map[entente.ActorID]*entente.Delegate{}}
	ts.svc, err = ledger.Open(context.Background(), db, signer, func() time.Time { return ts.now })
	if err != nil {
		tb.Fatal(err)
	}
	ts.srv = httptest.NewServer(enthttp.New(ts.svc, enthttp.Config{WriteRate: 1e6, WriteBurst: 1e6, ReadRate: -1}))
	tb.Cleanup(ts.srv.Close)
	return ts
}

// register invites id and registers it over the API with its delegate's
// own key.
func (ts *testServer) register(id entente.ActorID, caps string) {
	ts.tb.Helper()
	rng := rand.NewChaCha8(sha256.Sum256([]byte(id))) // a key of its own per actor
	d, err := entente.NewDelegate(id, "delegate of "+string(id), rng)
	if err != nil {
		ts.tb.Fatal(err)
	}
	token := "token-" + string(id)
	if _, err := ts.svc.Invite(context.Background(), id, token, ts.now.Add(entente.Day), false); err != nil {
		ts.tb.Fatal(err)
	}
	var c map[string]float64
	json.Unmarshal([]byte(caps), &c)
	a := entente.Actor{ID: id, Name: "Firm " + string(id), Kind: entente.Firm, Capabilities: c}
	ts.delegates[id] = d
	ts.act(id, entente.RegistryLog, entente.RegisterActor{Actor: a, Key: d.PublicKey(), Delegate: d.Name, Token: token}, http.StatusCreated)
}

// signed returns by's signed request for cmd on log, co-signed by others.
func (ts *testServer) signed(by entente.ActorID, log string, cmd any, cosigners ...entente.ActorID) *entente.Signed {
	ts.tb.Helper()
	ts.nonces++
	sig, err := ts.delegates[by].Sign(log, cmd, fmt.Sprintf("http-test-%08d", ts.nonces), ts.now.Add(entente.Day))
	if err != nil {
		ts.tb.Fatal(err)
	}
	for _, id := range cosigners {
		sig.Cosign(ts.delegates[id].Key)
	}
	return sig
}

// act posts by's signed request and checks the status.
func (ts *testServer) act(by entente.ActorID, log string, cmd any, want int, cosigners ...entente.ActorID) []byte {
	ts.tb.Helper()
	body, err := json.Marshal(ts.signed(by, log, cmd, cosigners...))
	if err != nil {
		ts.tb.Fatal(err)
	}
	return ts.call("POST", "/api/requests", string(body), want)
}

// call sends a request and checks the status, returning the body.
func (ts *testServer) call(method, path, body string, want int) []byte {
	ts.tb.Helper()
	req, err := http.NewRequest(method, ts.srv.URL+path, strings.NewReader(body))
	if err != nil {
		ts.tb.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		ts.tb.Fatal(err)
	}
	defer resp.Body.Close()
	got, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		ts.tb.Fatalf("%s %s: status %d, want %d: %s", method, path, resp.StatusCode, want, got)
	}
	return got
}

func (ts *testServer) logLen(log string) int64 {
	ts.tb.Helper()
	n, err := ts.svc.Len(log)
	if err != nil {
		ts.tb.Fatal(err)
	}
	return n
}

// rawRequest is a signed request over hand-written args, for bad input.
func (ts *testServer) rawRequest(by entente.ActorID, log, command, args string) string {
	ts.tb.Helper()
	ts.nonces++
	req := entente.Request{V: 1, Log: log, Actor: by, Command: command, Args: json.RawMessage(args),
		Nonce: fmt.Sprintf("http-raw-%08d", ts.nonces), Expires: ts.now.Add(entente.Day)}
	b, err := json.Marshal(req)
	if err != nil {
		ts.tb.Fatal(err)
	}
	sig := entente.Signed{Request: string(b), Signatures: []entente.Signature{entente.Sign(ts.delegates[by].Key, b)}}
	out, _ := json.Marshal(sig)
	return string(out)
}

func TestBadRequests(t *testing.T) {
	ts := newTestServer(t)
	ts.act("a", "co", entente.Propose{Matter: entente.General, Title: "Q"}, http.StatusCreated)
	ts.act("a", "co", entente.CastVote{Proposal: "p1", Choice: entente.Yes}, http.StatusCreated)
	ts.act("a", "co", entente.Propose{Matter: entente.General, Title: "Decided"}, http.StatusCreated)
	ts.act("a", "co", entente.CastVote{Proposal: "p2", Choice: entente.Yes}, http.StatusCreated)
	ts.act("b", "co", entente.CastVote{Proposal: "p2", Choice: entente.Yes}, http.StatusCreated)

	big := `{"request":"` + strings.Repeat("x", enthttp.MaxBodyBytes) + `","signatures":[]}`
	raw := ts.rawRequest
	u := ts.signed("a", "co", entente.GiveNotice{})
	u.Signatures = nil
	unsignedJSON, _ := json.Marshal(u)
	unsigned := string(unsignedJSON)
	tests := []struct {
		name   string
		method string
		path   string
		body   string
		status int
		field  string
	}{
		{"malformed JSON", "POST", "/api/requests", `{"request":`, 400, "body"},
		{"empty body", "POST", "/api/requests", ``, 400, "body"},
		{"unknown envelope field", "POST", "/api/requests", `{"request":"{}","signatures":[],"colour":"red"}`, 400, "colour"},
		{"duplicate envelope key", "POST", "/api/requests", `{"request":"{}","request":"{}","signatures":[]}`, 400, "body"},
		{"upper-case key", "POST", "/api/requests", `{"Request":"{}","signatures":[]}`, 400, "body"},
		{"request not JSON", "POST", "/api/requests", `{"request":"nope","signatures":[]}`, 400, "request"},
		{"no signature", "POST", "/api/requests", unsigned, 403, "signatures"},
		{"wrong type", "POST", "/api/requests", raw("a", "co", "pledge", `{"resource":"eur","amount":"ten","due":"2026-04-01T00:00:00Z"}`), 400, "amount"},
		{"unknown field", "POST", "/api/requests", raw("a", "co", "pledge", `{"resource":"eur","amount":1,"due":"2026-04-01T00:00:00Z","colour":"red"}`), 400, "colour"},
		{"unknown command", "POST", "/api/requests", raw("a", "co", "seize", `{}`), 400, "request.command"},
		{"unknown pact", "POST", "/api/requests", raw("a", "nope", "propose", `{"matter":"general","title":"Q"}`), 404, "request.log"},
		{"vote by a non-member", "POST", "/api/requests", raw("c", "co", "vote", `{"proposal":"p1","choice":"yes"}`), 403, "by"},
		{"second vote", "POST", "/api/requests", raw("a", "co", "vote", `{"proposal":"p1","choice":"no"}`), 409, "by"},
		{"second vote, after the decision", "POST", "/api/requests", raw("a", "co", "vote", `{"proposal":"p2","choice":"no"}`), 409, "by"},
		{"unknown proposal", "POST", "/api/requests", raw("a", "co", "vote", `{"proposal":"p9","choice":"yes"}`), 404, "proposal"},
		{"bad choice", "POST", "/api/requests", raw("b", "co", "vote", `{"proposal":"p1","choice":"maybe"}`), 400, "choice"},
		{"negative amount", "POST", "/api/requests", raw("a", "co", "pledge", `{"resource":"eur","amount":-5,"due":"2026-04-01T00:00:00Z"}`), 400, "amount"},
		{"negative contribution", "POST", "/api/requests", raw("a", "co", "contribute", `{"resource":"eur","amount":-1}`), 400, "amount"},
		{"unknown rule", "POST", "/api/requests", raw("a", "co", "propose", `{"matter":"amendment","title":"T","amendment":{"rules":{"general":{"kind":"lottery"}}}}`), 400, "agreement.rules.general.kind"},
		{"unknown matter", "POST", "/api/requests", raw("a", "co", "propose", `{"matter":"coup","title":"T"}`), 400, "matter"},
		{"oversized body", "POST", "/api/requests", big, 413, "body"},
		{"pact twice", "POST", "/api/requests", raw("a", "co", "found", `{"pact":{"id":"co","name":"Co","kind":"coalition"},"founders":["a"]}`), 409, ""},
		{"unknown log", "GET", "/api/logs/nope/head", ``, 404, "log"},
		{"proof index out of range", "GET", "/api/logs/co/proof/inclusion?index=999", ``, 400, "index"},
		{"proof index not a number", "GET", "/api/logs/co/proof/inclusion?index=x", ``, 400, "index"},
		{"entries page too large", "GET", "/api/logs/co/entries?limit=100000", ``, 400, "limit"},
		{"unknown route", "GET", "/api/nothing", ``, 404, ""},
		{"wrong method", "DELETE", "/api/pacts", ``, 405, ""},
		{"old unsigned route", "POST", "/api/pacts/co/proposals", `{"by":"a","matter":"general","title":"Q"}`, 405, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := map[string]int64{"co": ts.logLen("co"), entente.RegistryLog: ts.logLen(entente.RegistryLog)}
			body := ts.call(tt.method, tt.path, tt.body, tt.status)
			var e struct {
				Error struct{ Code, Field, Message string } `json:"error"`
			}
			if err := json.Unmarshal(body, &e); err != nil || e.Error.Message == "" {
				t.Fatalf("error body %s: %v", body, err)
			}
			if e.Error.Field != tt.field {
				t.Errorf("field %q (%s), want %q", e.Error.Field, e.Error.Message, tt.field)
			}
			for log, n := range before {
				if got := ts.logLen(log); got != n {
					t.Errorf("log %s grew from %d to %d", log, n, got)
				}
			}
		})
	}
}

// TestTruncatedBodyIsCalledTruncated: a JSON body cut short is a 400
// naming the body as malformed, not "got nothing", which is kept for an
// empty body.
func TestTruncatedBodyIsCalledTruncated(t *testing.T) {
	ts := newTestServer(t)
	for _, tc := range []struct{ body, want string }{
		{``, "got nothing"},
		{"  \n", "got nothing"},
		{`{`, "ends (after 1 bytes)"},
		{`[`, "ends (after 1 bytes)"},
		{`{"request":`, "ends (after 11 bytes)"},
		{`{"request":"x"`, "ends (after 14 bytes)"},
		{`{"request":"x","signatures":[{"key":"k"`, "ends"},
	} {
		var e struct {
			Error struct{ Field, Message string }
		}
		json.Unmarshal(ts.call("POST", "/api/requests", tc.body, http.StatusBadRequest), &e)
		if e.Error.Field != "body" || !strings.Contains(e.Error.Message, tc.want) {
			t.Errorf("body %q: field %q, message %q; want field body and a message with %q", tc.body, e.Error.Field, e.Error.Message, tc.want)
		}
	}
}

func TestAdmissionByConsentOverHTTP(t *testing.T) {
	ts := newTestServer(t)
	ts.act("c", "co", entente.RequestJoin{}, http.StatusCreated)
	ts.act("a", "co", entente.CastVote{Proposal: "p1", Choice: entente.Yes}, http.StatusCreated)
	ts.act("b", "co", entente.CastVote{Proposal: "p1", Choice: entente.Yes}, http.StatusCreated)
	var members []entente.Membership
	if err := json.Unmarshal(ts.call("GET", "/api/pacts/co/members", "", 200), &members); err != nil {
		t.Fatal(err)
	}
	status := map[entente.ActorID]entente.MemberStatus{}
	for _, m := range members {
		status[m.Member] = m.Status
	}
	if status["c"] != entente.Active {
		t.Fatalf("c after both consented: %v", status)
	}
}

func TestProofsOverHTTP(t *testing.T) {
	ts := newTestServer(t)
	for i := 0; i < 5; i++ {
		ts.act("a", "co", entente.Contribute{Resource: "eur", Amount: 1}, http.StatusCreated)
	}
	var head tlog.TreeHead
	if err := json.Unmarshal(ts.call("GET", "/api/logs/co/head", "", 200), &head); err != nil {
		t.Fatal(err)
	}
	var key struct {
		PublicKey string `json:"public_key"`
	}
	json.Unmarshal(ts.call("GET", "/api/key", "", 200), &key)
	v, err := tlog.ParseVerifier([]byte(key.PublicKey))
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Verify(head); err != nil {
		t.Fatalf("head does not verify under the served key: %v", err)
	}
	var entries []struct {
		Index    int64     `json:"index"`
		LeafHash tlog.Hash `json:"leaf_hash"`
		Raw      string    `json:"raw"`
	}
	json.Unmarshal(ts.call("GET", "/api/logs/co/entries", "", 200), &entries)
	if uint64(len(entries)) != head.Size {
		t.Fatalf("%d entries, head size %d", len(entries), head.Size)
	}
	for _, e := range entries {
		var p struct {
			Root  tlog.Hash   `json:"root"`
			Proof []tlog.Hash `json:"proof"`
		}
		json.Unmarshal(ts.call("GET", "/api/logs/co/proof/inclusion?index="+itoa(e.Index), "", 200), &p)
		if err := tlog.VerifyInclusion(tlog.LeafHash([]byte(e.Raw)), uint64(e.Index), head.Size, p.Proof, head.Root); err != nil {
			t.Fatalf("entry %d: %v", e.Index, err)
		}
	}
	var c struct {
		Proof []tlog.Hash `json:"proof"`
	}
	json.Unmarshal(ts.call("GET", "/api/logs/co/proof/consistency?from=2", "", 200), &c)
	old := tlog.Root([]tlog.Hash{entries[0].LeafHash, entries[1].LeafHash})
	if err := tlog.VerifyConsistency(2, head.Size, c.Proof, old, head.Root); err != nil {
		t.Fatalf("consistency 2 -> %d: %v", head.Size, err)
	}
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }

// TestOpenAPIMatchesRoutes: the OpenAPI document is generated from the
// route table; every route has a summary, and every GET without
// parameters answers.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	ts := newTestServer(t)
	var doc struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(ts.call("GET", "/openapi.json", "", 200), &doc); err != nil {
		t.Fatal(err)
	}
	var documented []string
	for path, ops := range doc.Paths {
		for method, op := range ops {
			documented = append(documented, strings.ToUpper(method)+" "+path)
			if sum, _ := op.(map[string]any)["summary"].(string); sum == "" {
				t.Errorf("%s %s has no summary", method, path)
			}
		}
	}
	sort.Strings(documented)
	routes := enthttp.Routes()
	sort.Strings(routes)
	if strings.Join(documented, "\n") != strings.Join(routes, "\n") {
		t.Fatalf("documented:\n%s\n\nroutes:\n%s", strings.Join(documented, "\n"), strings.Join(routes, "\n"))
	}
	// Every documented GET without parameters answers 200.
	for _, r := range routes {
		if strings.HasPrefix(r, "GET ") && !strings.Contains(r, "{") {
			ts.call("GET", strings.TrimPrefix(r, "GET "), "", 200)
		}
	}
}

// TestHealthOverHTTP: figures without data come out as null, not as zero
// and not as an encoding error.
func TestHealthOverHTTP(t *testing.T) {
	ts := newTestServer(t)
	var report struct {
		Score      *float64 `json:"score"`
		Components []struct {
			Name  string   `json:"name"`
			Value *float64 `json:"value"`
		} `json:"components"`
		Missing []string `json:"missing"`
	}
	body := ts.call("GET", "/api/pacts/co/health", "", 200)
	if err := json.Unmarshal(body, &report); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	for _, c := range report.Components {
		if c.Name == "commitments" && c.Value != nil {
			t.Errorf("commitments with none due: %v, want null", *c.Value)
		}
	}
	if len(report.Missing) == 0 {
		t.Errorf("no missing components in a pact with no record: %s", body)
	}
	ts.call("GET", "/api/pacts/co/trust", "", 200)
	ts.call("GET", "/api/pacts/co/burden", "", 200)
	ts.call("GET", "/api/pacts/co/health?period=soon", "", 400)
	ts.call("GET", "/api/pacts/nope/health", "", 404)
}

func TestPartnersOverHTTP(t *testing.T) {
	ts := newTestServer(t)
	var ranked []struct {
		ID    string   `json:"id"`
		Rank  int      `json:"rank"`
		Score *float64 `json:"score"`
	}
	body := ts.call("GET", "/api/pacts/co/partners?objective=economic=25", "", 200)
	if err := json.Unmarshal(body, &ranked); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	if len(ranked) != 1 || ranked[0].ID != "c" || ranked[0].Score == nil {
		t.Fatalf("partners of co (members a, b) among a, b, c: %s", body)
	}
	ts.call("GET", "/api/pacts/co/partners?objective=economic", "", 400)
	ts.call("GET", "/api/pacts/co/partners?objective=economic=1&limit=-1", "", 400)
	ts.call("GET", "/api/pacts/nope/partners?objective=economic=1", "", 404)
}

func TestSplitOverHTTP(t *testing.T) {
	ts := newTestServer(t)
	ts.act("a", "co", entente.Contribute{Resource: "eur", Amount: 30}, http.StatusCreated)
	ts.act("b", "co", entente.Contribute{Resource: "eur", Amount: 10}, http.StatusCreated)
	var sp struct {
		Members []string  `json:"members"`
		Shapley []float64 `json:"shapley"`
	}
	body := ts.call("GET", "/api/pacts/co/split?benefit=100", "", 200)
	if err := json.Unmarshal(body, &sp); err != nil {
		t.Fatal(err)
	}
	if len(sp.Shapley) != 2 || sp.Shapley[0] != 75 || sp.Shapley[1] != 25 {
		t.Fatalf("additive split of 100 by 30:10: %s", body)
	}
	ts.call("GET", "/api/pacts/co/split?returns=x", "", 400)
	ts.call("GET", "/api/pacts/co/split?returns=0.5", "", 400)
	ts.call("GET", "/api/pacts/nope/split", "", 404)
}
