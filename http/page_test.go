package http_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/entente/entente"
	entclient "github.com/entente/entente/client"
	enthttp "github.com/entente/entente/http"
)

// get sends a GET and returns the answer's status, headers and body.
func (ts *testServer) get(path string) (int, http.Header, []byte) {
	ts.tb.Helper()
	resp, err := http.Get(ts.srv.URL + path)
	if err != nil {
		ts.tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, b
}

// pages follows a list's pages from path and returns every item, the
// number of pages, checking that each page's Link and X-Next-Cursor agree.
func pages[T any](t *testing.T, ts *testServer, path string) ([]T, int) {
	t.Helper()
	var all []T
	for n := 1; ; n++ {
		status, h, body := ts.get(path)
		if status != http.StatusOK {
			t.Fatalf("GET %s: %d %s", path, status, body)
		}
		var items []T
		if err := json.Unmarshal(body, &items); err != nil {
			t.Fatalf("GET %s: %v in %s", path, err, body)
		}
		all = append(all, items...)
		next := h.Get("X-Next-Cursor")
		if next == "" {
			if h.Get("Link") != "" {
				t.Errorf("GET %s: Link %q without X-Next-Cursor", path, h.Get("Link"))
			}
			return all, n
		}
		link := h.Get("Link")
		if !strings.HasPrefix(link, "<") || !strings.HasSuffix(link, `>; rel="next"`) || !strings.Contains(link, "cursor="+next) {
			t.Fatalf("GET %s: Link %q does not lead to cursor %s", path, link, next)
		}
		path = strings.TrimSuffix(strings.TrimPrefix(link, "<"), `>; rel="next"`)
		if n > 100 {
			t.Fatalf("more than 100 pages")
		}
	}
}

func TestListsArePaged(t *testing.T) {
	ts := newTestServer(t)
	for i := range 7 {
		ts.act("a", "co", entente.Contribute{Resource: "hours", Amount: float64(i + 1)}, http.StatusCreated)
	}
	for _, id := range []entente.ActorID{"d", "e", "f", "g"} {
		ts.register(id, `{"economic":1}`)
		ts.act(id, "co-"+string(id), entente.FoundPact{Pact: entente.Pact{ID: entente.PactID("co-" + string(id)), Name: "Co " + string(id), Kind: entente.Coalition,
			Duration: entente.Duration{Kind: entente.Permanent}}, Founders: []entente.ActorID{id}}, http.StatusCreated)
	}
	st, _ := ts.svc.Pact("co")

	contributions, n := pages[entente.Contribution](t, ts, "/api/pacts/co/contributions?limit=3")
	if n != 3 || !cmp.Equal(contributions, derefAll(st.Contributions.Slice())) {
		t.Errorf("contributions in pages of 3: %d pages, %d items; want 3 pages holding all %d in order", n, len(contributions), st.Contributions.Len())
	}
	actors, n := pages[entente.Actor](t, ts, "/api/actors?limit=2")
	if n != 4 || len(actors) != 7 || actors[0].ID != "a" || actors[6].ID != "g" {
		t.Errorf("actors in pages of 2: %d pages, %d actors", n, len(actors))
	}
	type pactSummary struct{ ID entente.PactID }
	pacts, n := pages[pactSummary](t, ts, "/api/pacts?limit=4")
	if n != 2 || len(pacts) != 5 || pacts[4].ID != "co-g" {
		t.Errorf("pacts in pages of 4: %d pages, %v", n, pacts)
	}
	type logInfo struct{ Log string }
	logs, _ := pages[logInfo](t, ts, "/api/logs?limit=1")
	if len(logs) != 6 {
		t.Errorf("logs in pages of 1: %v, want 6", logs)
	}
	members, n := pages[entente.Membership](t, ts, "/api/pacts/co/members?limit=1")
	if n != 2 || len(members) != 2 || members[0].Member != "a" || members[1].Member != "b" {
		t.Errorf("members in pages of 1: %d pages, %+v", n, members)
	}
	// The default page holds everything a small pact has, as before.
	if all, n := pages[entente.Contribution](t, ts, "/api/pacts/co/contributions"); n != 1 || len(all) != 7 {
		t.Errorf("default page: %d pages, %d items", n, len(all))
	}
	// A cursor names the last item seen (not a position), so an item
	// added before it since does not shift the pages that follow.
	_, h, _ := ts.get("/api/actors?limit=3") // a, b, c
	ts.register("b2", `{"economic":1}`)
	rest, _ := pages[entente.Actor](t, ts, "/api/actors?limit=3&cursor="+h.Get("X-Next-Cursor"))
	if len(rest) != 4 || rest[0].ID != "d" {
		t.Errorf("after a first page of a, b and c (b2 came later): %d actors from %s, want d to g", len(rest), rest[0].ID)
	}
}

// derefAll copies pointed-to values, for comparing with decoded JSON.
func derefAll[T any](items []*T) []T {
	out := make([]T, len(items))
	for i, p := range items {
		out[i] = *p
	}
	return out
}

func TestBadPageParametersAre400(t *testing.T) {
	ts := newTestServer(t)
	wrongKind := base64.RawURLEncoding.EncodeToString([]byte("c1:zz"))
	for _, tc := range []struct {
		path, field string
	}{
		{"/api/actors?limit=0", "limit"},
		{"/api/actors?limit=1001", "limit"},
		{"/api/actors?limit=-5", "limit"},
		{"/api/actors?limit=ten", "limit"},
		{"/api/actors?cursor=%25%25", "cursor"},
		{"/api/actors?cursor=bm90LWEtY3Vyc29y", "cursor"}, // base64 of "not-a-cursor"
		{"/api/pacts?cursor=!!", "cursor"},
		{"/api/pacts/co/contributions?cursor=" + wrongKind, "cursor"},
		{"/api/pacts/co/proposals?cursor=" + base64.RawURLEncoding.EncodeToString([]byte("c1:-2")), "cursor"},
		{"/api/pacts/co/members?limit=99999", "limit"},
		{"/api/pacts/co?limit=0", "limit"},
		{"/api/pacts/co?cursor=" + wrongKind, "cursor"},
		{"/api/logs?cursor=x", "cursor"},
		{"/api/actors/a/keys?cursor=" + wrongKind, "cursor"},
		// A query that does not parse was read as one without the pair
		// at fault: the first page, answered 200.
		{"/api/pacts?cursor=%%%", "query"},
		{"/api/actors?limit=5;cursor=x", "query"},
		{"/api/pacts/co/members?limit=%zz", "query"},
	} {
		status, _, body := ts.get(tc.path)
		var e struct {
			Error struct{ Code, Field string }
		}
		json.Unmarshal(body, &e)
		if status != http.StatusBadRequest || e.Error.Field != tc.field {
			t.Errorf("GET %s: %d %s; want 400 naming %s", tc.path, status, body, tc.field)
		}
	}
}

// TestCursorPastTheEndIsAnEmptyPage: a cursor naming an item at or past
// the end of a list, up to the largest integer (whose successor
// overflowed into a negative index and panicked the handler, an empty
// reply), is an empty page, as any cursor past the end is.
func TestCursorPastTheEndIsAnEmptyPage(t *testing.T) {
	ts := newTestServer(t)
	ts.act("a", "co", entente.Pledge{Resource: "eur", Amount: 1, Due: ts.now.Add(30 * entente.Day)}, http.StatusCreated)
	ts.act("a", "co", entente.Contribute{Resource: "eur", Amount: 1}, http.StatusCreated)
	for _, after := range []string{"1", "999", "9223372036854775806", "9223372036854775807"} {
		cursor := base64.RawURLEncoding.EncodeToString([]byte("c1:" + after))
		for _, list := range []string{"/api/pacts/co/commitments", "/api/pacts/co/contributions", "/api/pacts/co/objectives",
			"/api/pacts/co/proposals", "/api/pacts/co/disputes", "/api/actors/a/keys"} {
			path := list + "?cursor=" + cursor
			resp, err := http.Get(ts.srv.URL + path)
			if err != nil {
				t.Errorf("GET %s (after %s): %v", list, after, err)
				continue
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK || strings.TrimSpace(string(body)) != "[]" || resp.Header.Get("X-Next-Cursor") != "" {
				t.Errorf("GET %s (after %s): %d %q; want 200 and an empty last page", list, after, resp.StatusCode, body)
			}
		}
	}
}

func TestWholePactIsPagedAndCompatible(t *testing.T) {
	ts := newTestServer(t)
	for i := range 5 {
		ts.act("a", "co", entente.Contribute{Resource: "hours", Amount: float64(i + 1)}, http.StatusCreated)
	}
	st, _ := ts.svc.Pact("co")

	// Small enough for the default page: the same state as before, plus
	// the structure.
	_, _, body := ts.get("/api/pacts/co")
	var got struct {
		entente.PactState
		Structure entente.Structure `json:"structure"`
		More      map[string]any    `json:"more"`
	}
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatalf("%v in %s", err, body)
	}
	if diff := cmp.Diff(*st, got.PactState, cmpopts.EquateEmpty()); diff != "" || got.More != nil || got.Structure.Members != 2 {
		t.Errorf("whole pact differs from its state (more %v, structure %+v):\n%s", got.More, got.Structure, diff)
	}

	// Cut to limit items a list, with where the rest are.
	_, _, body = ts.get("/api/pacts/co?limit=2")
	var cut struct {
		Contributions []entente.Contribution
		Members       map[entente.ActorID]entente.Membership
		More          map[string]struct {
			Total int
			Next  string
		}
	}
	if err := json.Unmarshal(body, &cut); err != nil {
		t.Fatalf("%v in %s", err, body)
	}
	more := cut.More["contributions"]
	if len(cut.Contributions) != 2 || len(cut.Members) != 2 || more.Total != 5 || len(cut.More) != 1 {
		t.Fatalf("limit=2: %d contributions, %d members, more %+v", len(cut.Contributions), len(cut.Members), cut.More)
	}
	rest, _ := pages[entente.Contribution](t, ts, more.Next)
	if all := append(cut.Contributions, rest...); !cmp.Equal(all, derefAll(st.Contributions.Slice())) {
		t.Errorf("the whole pact's first page and the pages its next link leads to: %d items, want the %d in order", len(all), st.Contributions.Len())
	}
}

// discard is a ResponseWriter that keeps only the size of the body.
type discard struct {
	h http.Header
	n int
}

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) WriteHeader(int)             {}
func (d *discard) Write(b []byte) (int, error) { d.n += len(b); return len(b), nil }

// TestWholePactReadIsBoundedByItsPage measures the memory one read of a
// pact allocates, which used to grow with the whole state (one GET of a
// pact with long texts took 906 MB): with limit=5 it is a fraction of
// what a page of all 60 proposals costs.
func TestWholePactReadIsBoundedByItsPage(t *testing.T) {
	ts := newTestServer(t)
	text := strings.Repeat("long text ", 1900) // 19,000 bytes, near the limit
	for i := range 60 {
		ts.act("a", "co", entente.Propose{Matter: entente.General, Title: fmt.Sprintf("Proposal %d", i), Text: text}, http.StatusCreated)
	}
	h := enthttp.New(ts.svc, enthttp.Config{WriteRate: 1e6, WriteBurst: 1e6})
	read := func(path string) (allocated uint64, size int) {
		req := httptest.NewRequest("GET", path, nil)
		d := &discard{h: http.Header{}}
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		h.ServeHTTP(d, req)
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc, d.n
	}
	read("/api/pacts/co") // warm caches (reflection, structure)
	small, smallSize := read("/api/pacts/co?limit=5")
	full, fullSize := read("/api/pacts/co?limit=1000")
	if fullSize < 60*len(text) || smallSize > 8*len(text) {
		t.Fatalf("answers of %d and %d bytes: the pages are not what the test expects", smallSize, fullSize)
	}
	if small*4 > full {
		t.Errorf("a page of 5 proposals allocated %d bytes, a page of 60 %d: want the first at most a quarter of the second", small, full)
	}
	t.Logf("limit=5: %d bytes answered, %d allocated; limit=1000: %d answered, %d allocated", smallSize, small, fullSize, full)
}

// TestClientReadsEveryPage reads a pact, its logs and the pacts through
// the Go client, a page of two at a time: it follows every page, so what
// it returns is whole.
func TestClientReadsEveryPage(t *testing.T) {
	ts := newTestServer(t)
	for i := range 5 {
		ts.act("a", "co", entente.Contribute{Resource: "hours", Amount: float64(i + 1)}, http.StatusCreated)
	}
	ts.act("b", "co", entente.Propose{Matter: entente.General, Title: "One"}, http.StatusCreated)
	ts.act("b", "co", entente.Propose{Matter: entente.General, Title: "Two"}, http.StatusCreated)
	ts.act("a", "co", entente.Propose{Matter: entente.General, Title: "Three"}, http.StatusCreated)
	ts.act("c", "co", entente.RequestJoin{}, http.StatusCreated)
	want, _ := ts.svc.Pact("co")
	c := &entclient.Client{Base: ts.srv.URL, PageLimit: 2}
	got, _, err := c.Pact(t.Context(), "co")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("pact read a page of 2 at a time differs:\n%s", diff)
	}
	logs, err := c.Logs(t.Context())
	if err != nil || len(logs) != 2 || logs["co"] != want.Len {
		t.Errorf("Logs: %v, %v", logs, err)
	}
	ts.register("d", `{"economic":1}`)
	for _, id := range []entente.PactID{"p1", "p2"} {
		ts.act("d", string(id), entente.FoundPact{Pact: entente.Pact{ID: id, Name: string(id), Kind: entente.Coalition,
			Duration: entente.Duration{Kind: entente.Permanent}}, Founders: []entente.ActorID{"d"}}, http.StatusCreated)
	}
	if pacts, err := c.Pacts(t.Context()); err != nil || len(pacts) != 3 {
		t.Errorf("Pacts: %d, %v; want 3", len(pacts), err)
	}
}

// TestEntriesPageIsBoundedInBytes: a page of a log's entries holds at
// most 4 MiB of their data (and one entry at least), however large the
// entries, and the client reads the whole log by asking again from the
// index after the last. 24 amendments of about 220 kB each were one page
// before; a log of 1000 such was a page of near a gigabyte.
func TestEntriesPageIsBoundedInBytes(t *testing.T) {
	ts := newTestServer(t)
	st, _ := ts.svc.Pact("co")
	agr := st.Pact.Agreement
	for range 2000 {
		agr.Scope.Activities = append(agr.Scope.Activities, strings.Repeat("x", 100))
	}
	for range 24 {
		ts.act("a", "co", entente.Propose{Matter: entente.Amendment, Title: "Large", Amendment: &agr}, http.StatusCreated)
	}
	n := ts.logLen("co")
	status, _, body := ts.get("/api/logs/co/entries")
	var page []struct {
		Index int64
		Raw   string
	}
	if err := json.Unmarshal(body, &page); err != nil || status != http.StatusOK {
		t.Fatalf("GET entries: %d %v", status, err)
	}
	size := 0
	for _, e := range page {
		size += len(e.Raw)
	}
	if len(page) == 0 || int64(len(page)) >= n || size > 4<<20 {
		t.Errorf("the first page holds %d of %d entries, %d bytes of data; want fewer than all, at most %d bytes", len(page), n, size, 4<<20)
	}
	all, err := (&entclient.Client{Base: ts.srv.URL}).Entries(context.Background(), "co", 0, n)
	if err != nil || int64(len(all)) != n {
		t.Errorf("the client read %d of %d entries: %v", len(all), n, err)
	}
}
