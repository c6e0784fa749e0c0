package http_test

import (
	"context"
	"html"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/entente/entente"
)

// getHX fetches path as htmx does, and returns the body.
func getHX(t *testing.T, ts *testServer, path string) string {
	t.Helper()
	req, _ := http.NewRequest("GET", ts.srv.URL+path, nil)
	req.Header.Set("HX-Request", "true")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s (htmx): %d: %s", path, resp.StatusCode, b)
	}
	return string(b)
}

var (
	moreHref     = regexp.MustCompile(`class="more">(?:<td colspan="\d">)?<a href="([^"]+)"`)
	proposalIDs  = regexp.MustCompile(`<article class="card proposal" id="proposal-(p\d+)"`)
	commitRows   = regexp.MustCompile(`<td data-label="Commitment">(c\d+)</td>.*?<span class="badge (\w+)">`)
	timelineRows = regexp.MustCompile(`<tr data-index="(\d+)">`)
)

// follow collects what re finds in body and in every chunk its "more"
// links lead to, fetched as a page (or as htmx asks, if hx), counting each
// find.
func follow(t *testing.T, ts *testServer, body string, re *regexp.Regexp, hx bool) (map[string]int, []string) {
	t.Helper()
	seen, order := map[string]int{}, []string(nil)
	for pages := 0; ; pages++ {
		if pages > 100 {
			t.Fatal("more than 100 chunks")
		}
		for _, m := range re.FindAllStringSubmatch(body, -1) {
			seen[m[1]]++
			order = append(order, m[1])
		}
		links := moreHref.FindAllStringSubmatch(body, -1)
		if len(links) == 0 {
			return seen, order
		}
		next := html.UnescapeString(links[len(links)-1][1])
		if hx {
			body = getHX(t, ts, next)
			if strings.Contains(body, "<html") {
				t.Fatalf("%s answered htmx with a whole page", next)
			}
		} else {
			body = get(t, ts, next, 200)
		}
	}
}

// TestPactPageLists checks that a long pact's page lists its open
// proposals and commitments first, a few settled proposals and the latest
// entries, and that following the "more" links (as pages, and as htmx
// chunks) reaches every proposal, open commitment and entry exactly once.
func TestPactPageLists(t *testing.T) {
	ts := newTestServer(t)
	benchPact(t, ts, "long", 700)
	for i := 0; i < 10; i++ {
		if _, _, err := ts.svc.Do(context.Background(), "long", "m01", entente.Propose{Matter: entente.General, Title: "More"}); err != nil {
			t.Fatal(err)
		}
	}
	st, err := ts.svc.Pact("long")
	if err != nil {
		t.Fatal(err)
	}
	now := ts.svc.Now()
	open, settled := 0, 0
	for _, p := range st.Proposals.All() {
		if p.Decision == nil || now.Before(p.Closes) {
			open++
		} else {
			settled++
		}
	}
	if open <= 20 || settled <= 5 {
		t.Fatalf("the fixture has %d open and %d settled proposals; want more than a page of each", open, settled)
	}
	page := get(t, ts, "/pacts/long", 200)
	if n := len(proposalIDs.FindAllString(page, -1)); n != 20+5 {
		t.Errorf("the page lists %d proposals, want 20 open and 5 settled", n)
	}
	for _, hx := range []bool{false, true} {
		// Proposals: the page's open group, then its settled group.
		seen, order := follow(t, ts, page[:strings.Index(page, `<h3 class="group">Settled`)], proposalIDs, hx)
		seenS, orderS := follow(t, ts, page[strings.Index(page, `<h3 class="group">Settled`):strings.Index(page, `<h2>Disputes`)], proposalIDs, hx)
		for id, n := range seenS {
			seen[id] += n
		}
		if len(order) != open || len(orderS) != settled {
			t.Errorf("hx=%v: reached %d open and %d settled proposals, want %d and %d", hx, len(order), len(orderS), open, settled)
		}
		for _, p := range st.Proposals.All() {
			if seen[p.ID] != 1 {
				t.Errorf("hx=%v: proposal %s listed %d times, want once", hx, p.ID, seen[p.ID])
			}
		}
		// Settled latest first: p-numbers fall.
		if len(orderS) > 1 && orderS[0] <= orderS[len(orderS)-1] && len(orderS[0]) <= len(orderS[len(orderS)-1]) {
			t.Errorf("hx=%v: settled proposals not latest first: %v ... %v", hx, orderS[0], orderS[len(orderS)-1])
		}

		// Open commitments, soonest due first.
		comm := page[strings.Index(page, `id="commitments"`):strings.Index(page, `id="bargaining-h"`)]
		cs, _ := follow(t, ts, comm, commitRows, hx)
		wantOpen := 0
		for _, c := range st.Commitments.All() {
			if c.Status() != entente.Fulfilled {
				wantOpen++
				if cs[c.ID] != 1 {
					t.Errorf("hx=%v: open commitment %s listed %d times, want once", hx, c.ID, cs[c.ID])
				}
			}
		}
		if len(cs) != wantOpen {
			t.Errorf("hx=%v: %d commitments under open, want %d", hx, len(cs), wantOpen)
		}

		// The timeline: every entry once.
		tl, _ := follow(t, ts, page[strings.Index(page, `id="timeline-h"`):], timelineRows, hx)
		if int64(len(tl)) != st.Len {
			t.Errorf("hx=%v: the timeline reaches %d entries, want %d", hx, len(tl), st.Len)
		}
		for i, n := range tl {
			if n != 1 {
				t.Errorf("hx=%v: entry %s listed %d times", hx, i, n)
			}
		}
	}

	for _, bad := range []string{"/pacts/long/proposals?group=all", "/pacts/long/proposals?group=open&from=-1", "/pacts/long/timeline?before=x", "/pacts/long/commitments?group=late"} {
		if body := get(t, ts, bad, 400); !strings.Contains(body, `id="error-message"`) {
			t.Errorf("%s: no error page", bad)
		}
	}
	get(t, ts, "/pacts/nope/proposals?group=open", 404)
}
