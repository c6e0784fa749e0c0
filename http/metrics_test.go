package http_test

import (
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
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
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
