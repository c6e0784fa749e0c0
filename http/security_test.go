package http_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/entente/entente"
	enthttp "github.com/entente/entente/http"
	"github.com/entente/entente/ledger"
	"github.com/entente/entente/sqlite"
	"github.com/entente/entente/tlog"
)

// TestAuthorizationMatrix sends every command as every kind of caller:
// no signature, an outsider with its own key (c), a's request signed with
// b's key, a's live delegate, a's revoked key, and the dispute's mediator
// (m). The world: pact "co" of a and b, an open proposal p1, a's
// commitment c1 and objective o1, dispute d1 of a against b in mediation
// with m as mediator, and a's first key revoked after a enrolled a second.
// Every denial is a 4xx and leaves every log as it was.
func TestAuthorizationMatrix(t *testing.T) {
	setup := func(t *testing.T) (*testServer, *entente.Delegate) {
		ts := newTestServer(t)
		for _, id := range []entente.ActorID{"m", "obs", "sec", "aud", "arb"} {
			ts.register(id, `{}`)
		}
		// Roles granted under the pact's rule: p1, p2, p3.
		for i, g := range []struct {
			who  entente.ActorID
			role entente.Role
		}{{"obs", entente.ObserverRole}, {"sec", entente.SecretariatRole}, {"aud", entente.AuditorRole}} {
			ts.act("a", "co", entente.Propose{Matter: entente.RoleMatter, Title: "role", Subject: g.who, Role: g.role}, http.StatusCreated)
			p := fmt.Sprintf("p%d", i+1)
			ts.act("a", "co", entente.CastVote{Proposal: p, Choice: entente.Yes}, http.StatusCreated)
			ts.act("b", "co", entente.CastVote{Proposal: p, Choice: entente.Yes}, http.StatusCreated)
		}
		a0 := ts.delegates["a"]
		a1, _ := entente.NewDelegate("a", "second delegate of a", rand.NewChaCha8([32]byte{200}))
		enrol := ts.signed("a", entente.RegistryLog, entente.EnrolKey{Key: a1.PublicKey(), Delegate: a1.Name})
		enrol.Cosign(a1.Key)
		ts.post(enrol, http.StatusCreated)
		ts.delegates["a"] = a1
		ts.act("a", entente.RegistryLog, entente.RevokeKey{Key: a0.PublicKey(), Reason: "lost"}, http.StatusCreated)
		ts.act("a", "co", entente.Propose{Matter: entente.General, Title: "Q"}, http.StatusCreated)
		ts.act("a", "co", entente.Pledge{Resource: "eur", Amount: 5, Due: ts.now.Add(30 * entente.Day)}, http.StatusCreated)
		ts.act("a", "co", entente.SetObjective{Metric: "m", Target: 10}, http.StatusCreated)
		ts.act("a", "co", entente.RaiseDispute{Against: []entente.ActorID{"b"}, Subject: "s"}, http.StatusCreated)
		ts.act("a", "co", entente.AppointNeutral{Dispute: "d1", Role: entente.MediatorRole, Actor: "m"}, http.StatusCreated, "b", "m")
		ts.act("a", "co", entente.EscalateDispute{Dispute: "d1"}, http.StatusCreated)
		ts.act("a", "co", entente.AppointNeutral{Dispute: "d1", Role: entente.ArbiterRole, Actor: "arb"}, http.StatusCreated, "b", "arb")
		return ts, a0
	}
	commands := []struct {
		name  string
		cmd   any
		allow map[string]bool // identities allowed
	}{
		{"join", entente.RequestJoin{}, map[string]bool{"c": true, "m": true, "obs": true, "sec": true, "aud": true, "arb": true}},
		{"notice", entente.GiveNotice{}, map[string]bool{"a": true}},
		{"pledge", entente.Pledge{Resource: "eur", Amount: 1, Due: time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)}, map[string]bool{"a": true}},
		{"contribute to a's commitment", entente.Contribute{Commitment: "c1", Amount: 1}, map[string]bool{"a": true}},
		{"contribute", entente.Contribute{Resource: "eur", Amount: 1}, map[string]bool{"a": true}},
		{"objective", entente.SetObjective{Metric: "x", Target: 1}, map[string]bool{"a": true, "sec": true}},
		{"progress", entente.ReportProgress{Objective: "o1", Value: 1}, map[string]bool{"a": true, "sec": true}},
		{"propose", entente.Propose{Matter: entente.General, Title: "T"}, map[string]bool{"a": true}},
		{"vote", entente.CastVote{Proposal: "p4", Choice: entente.No}, map[string]bool{"a": true}},
		{"dispute", entente.RaiseDispute{Against: []entente.ActorID{"b"}, Subject: "t"}, map[string]bool{"a": true}},
		{"escalate", entente.EscalateDispute{Dispute: "d1"}, map[string]bool{"a": true}},
		{"resolve alone", entente.ResolveDispute{Dispute: "d1", Outcome: "o"}, map[string]bool{"m": true}},
		{"appoint arbiter alone", entente.AppointNeutral{Dispute: "d1", Role: entente.ArbiterRole, Actor: "c"}, map[string]bool{}},
		{"found naming b", entente.FoundPact{Pact: entente.Pact{ID: "new", Name: "New", Kind: entente.Coalition}, Founders: []entente.ActorID{"a", "b"}}, map[string]bool{}},
		{"change a's record", entente.UpdateActor{Actor: entente.Actor{ID: "a", Name: "Dictator", Kind: entente.Firm, Capabilities: map[string]float64{"economic": 1e15}}}, map[string]bool{"a": true}},
	}
	// The callers: no signature; an outsider with its own key; a's request
	// signed with b's key; a's live delegate; a's revoked key; the
	// dispute's mediator (its stage) and arbiter (not yet its stage); the
	// observer, the secretariat and the auditor of the pact.
	identities := []string{"anonymous", "c", "b-for-a", "a", "a-revoked", "m", "arb", "obs", "sec", "aud"}
	// sign returns the request an identity sends for cmd.
	sign := func(ts *testServer, a0 *entente.Delegate, who string, cmd any) *entente.Signed {
		log := "co"
		if _, ok := cmd.(entente.UpdateActor); ok {
			log = entente.RegistryLog
		}
		if f, ok := cmd.(entente.FoundPact); ok {
			log = string(f.Pact.ID)
		}
		switch who {
		case "anonymous":
			s := ts.signed("a", log, cmd)
			s.Signatures = nil
			return s
		case "b-for-a":
			s := ts.signed("a", log, cmd)
			s.Signatures = []entente.Signature{entente.Sign(ts.delegates["b"].Key, []byte(s.Request))}
			return s
		case "a-revoked":
			ts.nonces++
			s, _ := a0.Sign(log, cmd, "revoked-nonce-"+string(rune('a'+ts.nonces%26))+strings.Repeat("x", 16), ts.now.Add(entente.Day))
			return s
		}
		return ts.signed(entente.ActorID(who), log, cmd)
	}
	denials := 0
	shared, sharedA0 := setup(t)
	for _, c := range commands {
		for _, who := range identities {
			allowed := c.allow[who]
			t.Run(c.name+"/"+who, func(t *testing.T) {
				ts, a0 := shared, sharedA0
				if allowed {
					ts, a0 = setup(t) // a success changes the world
				}
				before := map[string]int64{"co": ts.logLen("co"), entente.RegistryLog: ts.logLen(entente.RegistryLog)}
				status := ts.send(sign(ts, a0, who, c.cmd))
				if allowed != (status == http.StatusCreated) {
					t.Fatalf("%s as %s: status %d, allowed %v", c.name, who, status, allowed)
				}
				if !allowed {
					if status < 400 || status >= 500 {
						t.Errorf("denial answered %d", status)
					}
					for log, n := range before {
						if got := ts.logLen(log); got != n {
							t.Errorf("a denied request grew log %s from %d to %d", log, n, got)
						}
					}
				}
			})
			if !allowed {
				denials++
			}
		}
	}
	if denials < 120 {
		t.Errorf("only %d denials exercised", denials)
	}
	reports, err := ledger.Verify(context.Background(), shared.store, shared.svcKey())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reports {
		if !r.OK() {
			t.Errorf("after the matrix, log %s: %s", r.Log, r.Problem)
		}
	}
}

// post sends a signed request and checks the status.
func (ts *testServer) post(sig *entente.Signed, want int) []byte {
	ts.tb.Helper()
	body, _ := json.Marshal(sig)
	return ts.call("POST", "/api/requests", string(body), want)
}

// send posts a signed request and returns the status.
func (ts *testServer) send(sig *entente.Signed) int {
	ts.tb.Helper()
	body, _ := json.Marshal(sig)
	req, _ := http.NewRequest("POST", ts.srv.URL+"/api/requests", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		ts.tb.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

func (ts *testServer) svcKey() tlog.Verifier { return ts.svc.Verifier() }

// TestGuard attacks the server as a hostile page or client would.
func TestGuard(t *testing.T) {
	svc, db := emptyService(t)
	srv := httptest.NewServer(enthttp.New(svc, enthttp.Config{Hosts: []string{"127.0.0.1", "entente.example"}, WriteRate: 0.001, WriteBurst: 3}))
	defer srv.Close()
	do := func(method, path, host string, header map[string]string, body string) *http.Response {
		t.Helper()
		req, _ := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
		if host != "" {
			req.Host = host
		}
		for k, v := range header {
			req.Header.Set(k, v)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp
	}
	json := map[string]string{"Content-Type": "application/json"}
	for _, tc := range []struct {
		name          string
		method, path  string
		host          string
		header        map[string]string
		status        int
		wantHeader    string
		wantHeaderVal string
	}{
		{"security headers", "GET", "/api/pacts", "", nil, 200, "Content-Security-Policy", "script-src 'self'"},
		{"allowed host", "GET", "/api/pacts", "entente.example", nil, 200, "", ""},
		{"DNS rebinding: another host", "GET", "/api/pacts", "evil.example", nil, 403, "", ""},
		{"cross-origin write", "POST", "/api/requests", "", map[string]string{"Content-Type": "application/json", "Origin": "http://evil.example"}, 403, "", ""},
		{"cross-site fetch", "POST", "/api/requests", "", map[string]string{"Content-Type": "application/json", "Sec-Fetch-Site": "cross-site"}, 403, "", ""},
		{"text/plain write from a form", "POST", "/api/requests", "", map[string]string{"Content-Type": "text/plain"}, 400, "", ""},
		{"wrong method (a write: it spends a token)", "PUT", "/api/pacts", "", json, 405, "Allow", "GET"},
		{"first write within the burst", "POST", "/api/requests", "", json, 400, "", ""},
		{"second write within the burst", "POST", "/api/requests", "", json, 400, "", ""},
		{"third write over the rate", "POST", "/api/requests", "", json, 429, "Retry-After", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := do(tc.method, tc.path, tc.host, tc.header, `{"request":"{}","signatures":[]}`)
			if resp.StatusCode != tc.status {
				t.Errorf("status %d, want %d", resp.StatusCode, tc.status)
			}
			if tc.wantHeader != "" && !strings.Contains(resp.Header.Get(tc.wantHeader), tc.wantHeaderVal) {
				t.Errorf("header %s = %q, want it to hold %q", tc.wantHeader, resp.Header.Get(tc.wantHeader), tc.wantHeaderVal)
			}
		})
	}
	if logs, _ := db.Logs(context.Background()); len(logs) != 0 {
		t.Errorf("the attacks wrote logs %v", logs)
	}
}

// TestWrongMethodOrPathIsNamedBeforeTheContentType: a write no route
// answers is a 405 with Allow (or a 404), whatever its content type; the
// content type is refused only on a route that takes writes.
func TestWrongMethodOrPathIsNamedBeforeTheContentType(t *testing.T) {
	ts := newTestServer(t)
	for _, tc := range []struct {
		method, path, contentType string
		status                    int
		field, allow              string
	}{
		{"DELETE", "/api/pacts/co", "", 405, "", "GET"},
		{"PUT", "/api/requests", "", 405, "", "POST"},
		{"POST", "/api/pacts/co", "text/plain", 405, "", "GET"},
		{"POST", "/api/no-such-route", "", 404, "", ""},
		{"POST", "/api/requests", "text/plain", 400, "content-type", ""},
		{"DELETE", "/api/pacts/co/webhooks/wh_1", "", 400, "content-type", ""},
	} {
		req, _ := http.NewRequest(tc.method, ts.srv.URL+tc.path, strings.NewReader(""))
		if tc.contentType != "" {
			req.Header.Set("Content-Type", tc.contentType)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		var e struct{ Error struct{ Field string } }
		json.Unmarshal(body, &e)
		if resp.StatusCode != tc.status || e.Error.Field != tc.field || resp.Header.Get("Allow") != tc.allow {
			t.Errorf("%s %s (%q): %d field %q Allow %q; want %d field %q Allow %q: %s", tc.method, tc.path, tc.contentType,
				resp.StatusCode, e.Error.Field, resp.Header.Get("Allow"), tc.status, tc.field, tc.allow, body)
		}
	}
}

// TestWriteLimitIsPerIPv6Network: the write limit holds a host's whole
// IPv6 /64 to one bucket (each address had its own, so one host could
// write at the rate of as many clients as it used addresses); IPv4
// addresses and other /64s keep their own.
func TestWriteLimitIsPerIPv6Network(t *testing.T) {
	svc, _ := emptyService(t)
	h := enthttp.New(svc, enthttp.Config{WriteRate: 0.001, WriteBurst: 1})
	for _, tc := range []struct {
		remote string
		status int
	}{
		{"[2001:db8:1:2::1]:4000", 400}, // spends the /64's one token; the body is not a request
		{"[2001:db8:1:2::2]:4000", 429},
		{"[2001:db8:1:2:ffff:ffff:ffff:ffff]:4001", 429},
		{"[2001:db8:1:3::1]:4000", 400},
		{"192.0.2.1:4000", 400},
		{"192.0.2.2:4000", 400},
		{"192.0.2.1:4001", 429},
	} {
		req := httptest.NewRequest("POST", "/api/requests", strings.NewReader(`{}`))
		req.Header.Set("Content-Type", "application/json")
		req.RemoteAddr = tc.remote
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != tc.status {
			t.Errorf("a write from %s: %d, want %d: %s", tc.remote, rec.Code, tc.status, rec.Body)
		}
	}
}

// TestSlowAndIdleClientsAreCutOff holds connections open the way a
// slow-loris client does: headers never finished, a body never sent, a
// kept-alive connection left idle. The server closes each one, and while
// the connection cap is full a further client waits, then is served.
func TestSlowAndIdleClientsAreCutOff(t *testing.T) {
	svc, _ := emptyService(t)
	srv := enthttp.New(svc, enthttp.Config{ReadTimeout: 300 * time.Millisecond, IdleTimeout: 300 * time.Millisecond, MaxConns: 2})
	if err := srv.Listen("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	go srv.Serve()
	defer srv.Shutdown(context.Background())
	closedWithin := func(name, send string, limit time.Duration) {
		t.Helper()
		c, err := net.Dial("tcp", srv.Addr())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		io.WriteString(c, send)
		start := time.Now()
		c.SetReadDeadline(time.Now().Add(5 * time.Second))
		io.Copy(io.Discard, c) // until the server closes the connection
		if took := time.Since(start); took > limit {
			t.Errorf("%s: the server held the connection %v", name, took)
		}
	}
	closedWithin("headers never finished", "GET /api/pacts HTTP/1.1\r\nHost: 127.0.0.1\r\n", 2*time.Second)
	closedWithin("body never sent", "POST /api/requests HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{", 2*time.Second)
	closedWithin("idle after a request", "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 2*time.Second)

	// Two idle connections fill the cap; a third client is served once
	// the server has cut them off.
	for range 2 {
		c, err := net.Dial("tcp", srv.Addr())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
	}
	resp, err := (&http.Client{Timeout: 5 * time.Second}).Get("http://" + srv.Addr() + "/healthz")
	if err != nil {
		t.Fatalf("a client after the cap was full: %v", err)
	}
	resp.Body.Close()
}

// FuzzSubmitBody posts fuzzed bodies to the one write route: every answer
// is a 201 or a 4xx, never a 5xx or a panic, and a refusal writes nothing.
func FuzzSubmitBody(f *testing.F) {
	ts := newTestServer(f)
	good, _ := json.Marshal(ts.signed("a", "co", entente.Propose{Matter: entente.General, Title: "Q"}))
	f.Add(good)
	f.Add([]byte(`{"request":"{\"v\":1}","signatures":[]}`))
	f.Add([]byte(`{"request":`))
	h := ts.srv.Config.Handler
	logLen := func() int64 { n, _ := ts.svc.Len("co"); return n }
	f.Fuzz(func(t *testing.T, body []byte) {
		before := logLen()
		req := httptest.NewRequest("POST", "/api/requests", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		switch {
		case rec.Code == http.StatusCreated:
		case rec.Code >= 400 && rec.Code < 500:
			if logLen() != before {
				t.Fatalf("a refused body (%d) wrote to the log", rec.Code)
			}
		default:
			t.Fatalf("status %d for %q: %s", rec.Code, body, rec.Body)
		}
	})
}

// emptyService is a ledger service over a new, empty SQLite store on the
// wall clock, closed at the test's end.
func emptyService(t *testing.T) (*ledger.Service, *sqlite.DB) {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "e.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	signer, _ := tlog.GenerateKey(bytes.NewReader(make([]byte, 64)))
	svc, err := ledger.Open(context.Background(), db, signer, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	return svc, db
}

// TestExpensiveReadsAreLimitedPerNetwork: the analytics, the what-if runs
// and the founding previews cost up to a second of CPU each, and anyone
// may ask for them. Each client network (as for writes: an IPv4 address,
// an IPv6 /64) has its own budget of them, answered 429 with Retry-After
// past it; cheap reads and other networks go on being served.
func TestExpensiveReadsAreLimitedPerNetwork(t *testing.T) {
	ts := newTestServer(t)
	h := enthttp.New(ts.svc, enthttp.Config{ReadRate: 0.001, ReadBurst: 2})
	do := func(method, path, remote string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, path, nil)
		req.RemoteAddr = remote
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	for _, tc := range []struct {
		method, path, remote string
		status               int
	}{
		{"GET", "/api/pacts/co/whatif?runs=10", "192.0.2.1:4000", 200},
		{"GET", "/api/pacts/co/power", "192.0.2.1:4000", 200},
		{"GET", "/api/pacts/co/trust", "192.0.2.1:4000", 429},
		{"GET", "/api/pacts/co/whatif", "192.0.2.1:4001", 429},
		{"HEAD", "/api/pacts/co/split", "192.0.2.1:4000", 429},
		{"GET", "/api/pacts/co/health", "192.0.2.1:4000", 429},
		{"GET", "/found?edited=1&template=coalition", "192.0.2.1:4000", 429},
		{"GET", "/pacts/co/amend?edited=1", "192.0.2.1:4000", 429},
		{"GET", "/api/pacts/co/whatif", "192.0.2.2:4000", 200},
		{"GET", "/api/pacts/co/burden", "[2001:db8:1:2::1]:4000", 200},
		{"GET", "/api/pacts/co/partners?objective=economic=25", "[2001:db8:1:2::2]:4000", 200},
		{"GET", "/api/pacts/co/whatif", "[2001:db8:1:2::3]:4000", 429},
		{"GET", "/api/pacts/co/whatif", "[2001:db8:1:3::1]:4000", 200},
	} {
		rec := do(tc.method, tc.path, tc.remote)
		if rec.Code != tc.status {
			t.Errorf("%s %s from %s: %d, want %d: %s", tc.method, tc.path, tc.remote, rec.Code, tc.status, rec.Body)
			continue
		}
		if tc.status != 429 {
			continue
		}
		var e struct {
			Error struct{ Code, Field, Message string }
		}
		json.Unmarshal(rec.Body.Bytes(), &e)
		if rec.Header().Get("Retry-After") == "" || e.Error.Field != "read-rate" && tc.method != "HEAD" {
			t.Errorf("%s %s from %s: Retry-After %q, error %+v; want a Retry-After and the read-rate named", tc.method, tc.path, tc.remote, rec.Header().Get("Retry-After"), e.Error)
		}
	}
	// The network out of expensive reads is served every cheap read, as
	// often as it asks, and may still write.
	for i := 0; i < 30; i++ {
		for _, path := range []string{"/api/pacts/co", "/api/pacts/co/members", "/api/logs/co/entries", "/api/logs/co/head",
			"/pacts/co", "/found", "/found?template=coalition", "/pacts/co/amend"} {
			if rec := do("GET", path, "192.0.2.1:4000"); rec.Code != 200 {
				t.Fatalf("cheap read %s (%d): %d, want 200: %s", path, i, rec.Code, rec.Body)
			}
		}
	}
	req := httptest.NewRequest("POST", "/api/requests", strings.NewReader(`{}`))
	req.Header.Set("Content-Type", "application/json")
	req.RemoteAddr = "192.0.2.1:4000"
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code == 429 {
		t.Errorf("a write from the network out of expensive reads: 429, want it counted apart: %s", rec.Body)
	}
}

// TestHostDefaultsDefeatDNSRebinding forges Host headers, as a page at
// an attacker's name rebound to the server's address sends them, at
// servers given no --host: on loopback only loopback names are answered;
// on an address other machines reach, only IP addresses, localhost and
// the passkey origin's host (no rebinding page has one of those as its
// host), where any name used to be answered. Names given are exact.
func TestHostDefaultsDefeatDNSRebinding(t *testing.T) {
	svc, _ := emptyService(t)
	serve := func(addr, origin string, hosts ...string) string {
		t.Helper()
		srv := enthttp.New(svc, enthttp.Config{Hosts: hosts})
		if err := srv.SetPasskeys(nil, origin); err != nil {
			t.Fatal(err)
		}
		if err := srv.Listen(addr); err != nil {
			t.Fatal(err)
		}
		go srv.Serve()
		t.Cleanup(func() { srv.Shutdown(context.Background()) })
		_, port, _ := net.SplitHostPort(srv.Addr())
		return port
	}
	loopback := serve("127.0.0.1:0", "")
	wildcard := serve(":0", "")
	withOrigin := serve(":0", "https://pacts.example.org")
	named := serve(":0", "", "pacts.example")
	for _, tc := range []struct {
		port, host string
		status     int
	}{
		{loopback, "127.0.0.1:" + loopback, 200},
		{loopback, "localhost:" + loopback, 200},
		{loopback, "[::1]:8080", 200},
		{loopback, "LOCALHOST", 200},
		{loopback, "rebind.evil.example:" + loopback, 403},
		{loopback, "192.0.2.1", 403},
		{wildcard, "rebind.evil.example:" + wildcard, 403},
		{wildcard, "rebind.evil.example", 403},
		{wildcard, "localhost.evil.example", 403},
		{wildcard, "127.0.0.1.nip.io", 403},
		{wildcard, "pacts.example.org", 403},
		{wildcard, "127.0.0.1:" + wildcard, 200},
		{wildcard, "192.0.2.1", 200},
		{wildcard, "[2001:db8::1]:443", 200},
		{wildcard, "localhost:" + wildcard, 200},
		{withOrigin, "pacts.example.org", 200},
		{withOrigin, "PACTS.example.org:443", 200},
		{withOrigin, "192.0.2.1:" + withOrigin, 200},
		{withOrigin, "evil.example.org", 403},
		{named, "pacts.example", 200},
		{named, "192.0.2.1", 403},
		{named, "rebind.evil.example", 403},
	} {
		req, _ := http.NewRequest("GET", "http://127.0.0.1:"+tc.port+"/api/pacts", nil)
		req.Host = tc.host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.status || tc.status == 403 && !strings.Contains(string(body), `"field": "host"`) {
			t.Errorf("Host %q on the server at port %s: %d, want %d: %s", tc.host, tc.port, resp.StatusCode, tc.status, body)
		}
	}
}
