package http_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/entente/entente"
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
// that the server would keep for ever.
func TestMetricsMethodLabelIsBounded(t *testing.T) {
	ts := newTestServer(t)
	for _, m := range []string{"BREW", "X" + strings.Repeat("A", 4000), "get"} {
		req, err := http.NewRequest(m, ts.srv.URL+"/", nil)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	body := string(ts.call("GET", "/metrics", "", 200))
	for _, bad := range []string{`method="BREW"`, `method="XAAAA`, `method="get"`} {
		if strings.Contains(body, bad) {
			t.Errorf("/metrics has a series for %s...: a client's methods would grow the label set without bound", bad)
		}
	}
	if !strings.Contains(body, `entente_http_requests_total{code="405",method="other",route="unmatched"} 3`) {
		t.Errorf("/metrics does not count the made-up methods under method=\"other\":\n%s", body)
	}
}
