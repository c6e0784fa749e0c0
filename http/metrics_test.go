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
