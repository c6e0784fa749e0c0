package http_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/entente/entente"
	enthttp "github.com/entente/entente/http"
)

func get(t *testing.T, ts *testServer, path string, status int) string {
	t.Helper()
	resp, err := http.Get(ts.srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != status {
		t.Fatalf("GET %s: %d, want %d: %s", path, resp.StatusCode, status, b)
	}
	return string(b)
}

func TestWebPages(t *testing.T) {
	ts := newTestServer(t)
	ts.act("a", "co", entente.Propose{Matter: entente.General, Title: "Hire a coordinator"}, http.StatusCreated)
	index := get(t, ts, "/", 200)
	for _, want := range []string{"<title>Pacts · Entente</title>", `href="/pacts/co"`, "htmx-2.0.4.min.js"} {
		if !strings.Contains(index, want) {
			t.Errorf("index lacks %q", want)
		}
	}
	page := get(t, ts, "/pacts/co", 200)
	for _, want := range []string{"Hire a coordinator", "entente vote co p1", "Commitments", "root "} {
		if !strings.Contains(page, want) {
			t.Errorf("pact page lacks %q", want)
		}
	}
	get(t, ts, "/pacts/nope", 404)
	if js := get(t, ts, "/static/htmx-2.0.4.min.js", 200); !strings.Contains(js, "htmx") {
		t.Error("htmx not served")
	}

	// The page no longer takes unsigned votes: a form naming any member
	// was how anyone acted for anyone.
	before := ts.logLen("co")
	resp, err := http.PostForm(ts.srv.URL+"/pacts/co/proposals/p1/vote", url.Values{"by": {"a"}, "choice": {"yes"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode < 400 || ts.logLen("co") != before {
		t.Errorf("an unsigned form vote answered %d and the log went from %d to %d", resp.StatusCode, before, ts.logLen("co"))
	}
}

// TestEmptyStoreSaysHowToStart: a store with no pact shows the steps to
// the first one, not an empty table.
func TestEmptyStoreSaysHowToStart(t *testing.T) {
	svc, _ := emptyService(t)
	srv := httptest.NewServer(enthttp.NewServer(svc, nil))
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	for _, want := range []string{"No pacts yet", "entente invite --registrar", "entente serve --demo", `href="/signin"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("the empty index lacks %q", want)
		}
	}
	if strings.Contains(string(b), "<th>Pact</th>") {
		t.Errorf("the empty index shows an empty table")
	}
}

// TestNoHealthForAnEndedPact: a dissolved pact's page says it ended and
// shows no health score or warnings.
func TestNoHealthForAnEndedPact(t *testing.T) {
	ts := newTestServer(t)
	ts.act("a", "co", entente.Propose{Matter: entente.Dissolution, Title: "End it"}, http.StatusCreated)
	ts.act("a", "co", entente.CastVote{Proposal: "p1", Choice: entente.Yes}, http.StatusCreated)
	ts.act("b", "co", entente.CastVote{Proposal: "p1", Choice: entente.Yes}, http.StatusCreated)
	page := get(t, ts, "/pacts/co", 200)
	if !strings.Contains(page, "there is no health to measure") || strings.Contains(page, "Health over the last") || strings.Contains(page, "Early warnings") {
		t.Errorf("the ended pact's page shows health:\n%s", page)
	}
}

// TestReputationReadsAsAScore: the members table shows reputation over
// the most trusted member's, so the top reads 1, not a share of the total.
func TestReputationReadsAsAScore(t *testing.T) {
	ts := newTestServer(t)
	for _, id := range []entente.ActorID{"a", "b"} {
		ts.act(id, "co", entente.Pledge{Resource: "eur", Amount: 10, Due: ts.now.Add(entente.Day)}, http.StatusCreated)
	}
	ts.act("a", "co", entente.Contribute{Commitment: "c1", Amount: 10}, http.StatusCreated)
	ts.act("b", "co", entente.Contribute{Commitment: "c2", Amount: 10}, http.StatusCreated)
	page := get(t, ts, "/pacts/co", 200)
	if !strings.Contains(page, `data-label="Reputation">1.000<`) {
		t.Errorf("no member reads 1.000 on the reputation score:\n%s", page)
	}
}

// TestPledgeChart: the commitments section draws pledged against
// delivered per member as inline SVG, with a title, and escapes names.
func TestPledgeChart(t *testing.T) {
	ts := newTestServer(t)
	ts.act("a", "co", entente.Pledge{Resource: "eur<script>", Amount: 10, Due: ts.now.Add(entente.Day)}, http.StatusCreated)
	ts.act("a", "co", entente.Contribute{Commitment: "c1", Amount: 4}, http.StatusCreated)
	page := get(t, ts, "/pacts/co", 200)
	for _, want := range []string{`<svg class="chart" role="img"`, "Pledged and delivered, by member", "4 of 10", `a · eur&lt;script&gt;`} {
		if !strings.Contains(page, want) {
			t.Errorf("the chart lacks %q", want)
		}
	}
	if strings.Contains(page, "eur<script>") {
		t.Errorf("a resource name reached the page unescaped")
	}
}

// TestTrustChart: once members have kept commitments to each other, the
// members section draws their trust as a network; names are escaped.
func TestTrustChart(t *testing.T) {
	ts := newTestServer(t)
	for _, id := range []entente.ActorID{"a", "b"} {
		ts.act(id, "co", entente.Pledge{Resource: "eur", Amount: 10, Due: ts.now.Add(entente.Day)}, http.StatusCreated)
	}
	ts.act("a", "co", entente.Contribute{Commitment: "c1", Amount: 10}, http.StatusCreated)
	ts.act("b", "co", entente.Contribute{Commitment: "c2", Amount: 10}, http.StatusCreated)
	page := get(t, ts, "/pacts/co", 200)
	for _, want := range []string{"Trust between members", `class="tie"`, "<title>a and b:"} {
		if !strings.Contains(page, want) {
			t.Errorf("the trust chart lacks %q", want)
		}
	}
}
