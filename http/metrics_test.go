package http_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/entente/entente"
	enthttp "github.com/entente/entente/http"
)

func TestMetricsCountRequestsAndSignedRequests(t *testing.T) {
	ts := newTestServer(t)
	ts.act("a", "co", entente.Pledge{Resource: "eur", Amount: 1, Due: ts.now.Add(entente.Day)}, http.StatusCreated)
	ts.act("c", "co", entente.Pledge{Resource: "eur", Amount: 1, Due: ts.now.Add(entente.Day)}, http.StatusForbidden)
	ts.call("GET", "/api/pacts/co", "", 200)
	ts.call("GET", "/api/pacts/nope/members", "", 404)
	body := string(ts.call("GET", "/metrics", "", 200))
	for _, want := range []string{
		`entente_signed_requests_total{outcome="accepted"}`,
		`entente_signed_requests_total{outcome="forbidden"} 1`,
		`entente_http_requests_total{code="200",method="GET",route="GET /api/pacts/{pact}"} 1`,
		`entente_http_requests_total{code="404",method="GET",route="GET /api/pacts/{pact}/members"} 1`,
		`entente_http_request_duration_seconds_bucket`,
		`entente_logs 2`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if strings.Contains(body, `route="GET /api/pacts/nope`) {
		t.Errorf("a raw path became a label: the label set would grow without bound")
	}
}

// TestMetricsMethodLabelIsBounded: a client's made-up methods (any token,
// up to the header limit) are counted under one label, not a series each
// that the server would keep for ever. The handler is called directly: a
// request is observed after its answer is written, so over a connection
// the count could be read before the last observation.
func TestMetricsMethodLabelIsBounded(t *testing.T) {
	ts := newTestServer(t)
	h := enthttp.New(ts.svc, enthttp.Config{})
	for _, m := range []string{"BREW", "X" + strings.Repeat("A", 4000), "get"} {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(m, "/", nil))
	}
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/metrics", nil)
	req.RemoteAddr = "127.0.0.1:4000" // the metrics are loopback's (TestMetricsAreNotPublic)
	h.ServeHTTP(rec, req)
	body := rec.Body.String()
	for _, bad := range []string{`method="BREW"`, `method="XAAAA`, `method="get"`} {
		if strings.Contains(body, bad) {
			t.Errorf("/metrics has a series for %s...: a client's methods would grow the label set without bound", bad)
		}
	}
	if !strings.Contains(body, `entente_http_requests_total{code="405",method="other",route="unmatched"} 3`) {
		t.Errorf("/metrics does not count the made-up methods under method=\"other\":\n%s", body)
	}
}

// TestMetricsAreNotPublic: /metrics tells its reader the routes used, the
// error rates and the process's resources. Without a token it answers
// loopback clients only; with one, only a request bearing it, wherever
// from.
func TestMetricsAreNotPublic(t *testing.T) {
	ts := newTestServer(t)
	open := enthttp.New(ts.svc, enthttp.Config{})
	guarded := enthttp.New(ts.svc, enthttp.Config{MetricsToken: "s3cret-token"})
	for _, tc := range []struct {
		name          string
		h             http.Handler
		remote, auth  string
		status        int
		authenticates bool // WWW-Authenticate says what to send
	}{
		{"remote, no token configured", open, "192.0.2.1:4000", "", 403, false},
		{"remote IPv6, no token configured", open, "[2001:db8::1]:4000", "", 403, false},
		{"remote sending a token none is configured for", open, "192.0.2.1:4000", "Bearer anything", 403, false},
		{"loopback, no token configured", open, "127.0.0.1:4000", "", 200, false},
		{"loopback IPv6, no token configured", open, "[::1]:4000", "", 200, false},
		{"remote with the token", guarded, "192.0.2.1:4000", "Bearer s3cret-token", 200, false},
		{"remote with the token, scheme in lower case", guarded, "192.0.2.1:4000", "bearer s3cret-token", 200, false},
		{"remote without the token", guarded, "192.0.2.1:4000", "", 403, true},
		{"remote with a wrong token", guarded, "192.0.2.1:4000", "Bearer s3cret-tokem", 403, true},
		{"remote with a prefix of the token", guarded, "192.0.2.1:4000", "Bearer s3cret", 403, true},
		{"remote with the token as Basic", guarded, "192.0.2.1:4000", "Basic s3cret-token", 403, true},
		{"loopback without the token configured", guarded, "127.0.0.1:4000", "", 403, true},
	} {
		req := httptest.NewRequest("GET", "/metrics", nil)
		req.RemoteAddr = tc.remote
		if tc.auth != "" {
			req.Header.Set("Authorization", tc.auth)
		}
		rec := httptest.NewRecorder()
		tc.h.ServeHTTP(rec, req)
		body := rec.Body.String()
		if rec.Code != tc.status || (tc.status == 200) != strings.Contains(body, "entente_logs ") {
			t.Errorf("%s: %d, want %d: %.200s", tc.name, rec.Code, tc.status, body)
		}
		if tc.status != 200 && !strings.Contains(body, `"field": "authorization"`) {
			t.Errorf("%s: the refusal does not name the authorization: %s", tc.name, body)
		}
		if got := rec.Header().Get("WWW-Authenticate") != ""; got != tc.authenticates {
			t.Errorf("%s: WWW-Authenticate %q", tc.name, rec.Header().Get("WWW-Authenticate"))
		}
	}
}

// TestMetricsShowTheLedger: /metrics carries the service's own figures,
// those of the store: durable appends, store transactions and their
// durations, the committer's phases, the logs' sizes and the logs
// withdrawn, as one read of ledger.Service.Metrics gives them.
func TestMetricsShowTheLedger(t *testing.T) {
	ts := newTestServer(t)
	ts.act("a", "co", entente.Pledge{Resource: "eur", Amount: 1, Due: ts.now.Add(entente.Day)}, http.StatusCreated)
	body := string(ts.call("GET", "/metrics", "", 200))
	m := ts.svc.Metrics() // no write since the scrape
	if m.Appends < 5 || m.Batches < 1 || m.Entries < 5 {
		t.Fatalf("ledger metrics %+v after 3 actors, a founding and a pledge: want at least 5 appends and entries", m)
	}
	var size int64
	for _, log := range []string{entente.RegistryLog, "co"} {
		n, err := ts.store.Len(t.Context(), log)
		if err != nil {
			t.Fatal(err)
		}
		size += n
	}
	for _, want := range []string{
		fmt.Sprintf("entente_appends_total %d\n", m.Appends),
		fmt.Sprintf("entente_store_transactions_total %d\n", m.Batches),
		"entente_store_transaction_failures_total 0\n",
		fmt.Sprintf("entente_store_transaction_duration_seconds_count %d\n", m.Commits.Count),
		`entente_store_transaction_duration_seconds_bucket{le="0.0001"}`,
		`entente_commit_phase_seconds_total{phase="signing"}`,
		`entente_commit_phase_seconds_total{phase="storing"}`,
		"entente_logs 2\n",
		fmt.Sprintf("entente_log_entries %d\n", size),
		"entente_logs_broken 0\n",
		"entente_log_check_failures_total 0\n",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}
