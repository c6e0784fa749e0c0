package http_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
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
	ts.call("POST", "/api/pacts/co/proposals", `{"by":"a","matter":"general","title":"Hire a coordinator"}`, http.StatusCreated)
	index := get(t, ts, "/", 200)
	for _, want := range []string{"<title>Pacts · Entente</title>", `href="/pacts/co"`, "htmx-2.0.4.min.js"} {
		if !strings.Contains(index, want) {
			t.Errorf("index lacks %q", want)
		}
	}
	page := get(t, ts, "/pacts/co", 200)
	for _, want := range []string{"Hire a coordinator", `hx-post="/pacts/co/proposals/p1/vote"`, "Commitments", "root "} {
		if !strings.Contains(page, want) {
			t.Errorf("pact page lacks %q", want)
		}
	}
	get(t, ts, "/pacts/nope", 404)
	if js := get(t, ts, "/static/htmx-2.0.4.min.js", 200); !strings.Contains(js, "htmx") {
		t.Error("htmx not served")
	}

	vote := func(by, choice string) string {
		t.Helper()
		resp, err := http.PostForm(ts.srv.URL+"/pacts/co/proposals/p1/vote", url.Values{"by": {by}, "choice": {choice}})
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 {
			t.Fatalf("vote: %d %s", resp.StatusCode, b)
		}
		return string(b)
	}
	before := ts.logLen("co")
	if frag := vote("c", "yes"); !strings.Contains(frag, `class="error"`) || !strings.Contains(frag, "may not vote") {
		t.Errorf("a non-member's vote should show an error in the fragment:\n%s", frag)
	}
	if got := ts.logLen("co"); got != before {
		t.Fatalf("a refused vote grew the log from %d to %d", before, got)
	}
	frag := vote("a", "yes")
	if strings.Contains(frag, "<html") || !strings.Contains(frag, "a yes") {
		t.Errorf("vote fragment:\n%s", frag)
	}
}
