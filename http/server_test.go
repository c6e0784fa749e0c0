package http_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
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
	"github.com/entente/entente/sqlite"
	"github.com/entente/entente/tlog"
)

// testServer is an API over a fresh store with three firms and a coalition
// among two of them, on a clock the test controls.
type testServer struct {
	tb    testing.TB
	svc   *ledger.Service
	srv   *httptest.Server
	store entente.Store
	now   time.Time
}

func newTestServer(tb testing.TB) *testServer {
	tb.Helper()
	db, err := sqlite.Open(filepath.Join(tb.TempDir(), "e.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	signer, err := tlog.GenerateKey(bytes.NewReader(make([]byte, 64)))
	if err != nil {
		tb.Fatal(err)
	}
	ts := &testServer{tb: tb, store: db, now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	ts.svc, err = ledger.Open(context.Background(), db, signer, func() time.Time { return ts.now })
	if err != nil {
		tb.Fatal(err)
	}
	ts.srv = httptest.NewServer(enthttp.NewServer(ts.svc, nil))
	tb.Cleanup(ts.srv.Close)
	for _, id := range []string{"a", "b", "c"} {
		ts.call("POST", "/api/actors", `{"id":"`+id+`","name":"Firm `+id+`","kind":"firm","capabilities":{"economic":10}}`, http.StatusCreated)
	}
	ts.call("POST", "/api/pacts", `{"by":"a","pact":{"id":"co","name":"Co","kind":"coalition","duration":{"kind":"permanent"},
		"agreement":{"join":"consent"}},"founders":["a","b"]}`, http.StatusCreated)
	return ts
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

func TestBadRequests(t *testing.T) {
	ts := newTestServer(t)
	ts.call("POST", "/api/pacts/co/proposals", `{"by":"a","matter":"general","title":"Q"}`, http.StatusCreated)
	ts.call("POST", "/api/pacts/co/proposals/p1/votes", `{"by":"a","choice":"yes"}`, http.StatusCreated)
	ts.call("POST", "/api/pacts/co/proposals", `{"by":"a","matter":"general","title":"Decided"}`, http.StatusCreated)
	ts.call("POST", "/api/pacts/co/proposals/p2/votes", `{"by":"a","choice":"yes"}`, http.StatusCreated)
	ts.call("POST", "/api/pacts/co/proposals/p2/votes", `{"by":"b","choice":"yes"}`, http.StatusCreated)

	big := `{"by":"a","matter":"general","title":"` + strings.Repeat("x", enthttp.MaxBodyBytes) + `"}`
	tests := []struct {
		name   string
		method string
		path   string
		body   string
		status int
		field  string
	}{
		{"malformed JSON", "POST", "/api/pacts/co/proposals", `{"by":"a",`, 400, "body"},
		{"empty body", "POST", "/api/pacts/co/proposals", ``, 400, "body"},
		{"wrong type", "POST", "/api/pacts/co/commitments", `{"by":"a","resource":"eur","amount":"ten","due":"2026-04-01T00:00:00Z"}`, 400, "amount"},
		{"unknown field", "POST", "/api/pacts/co/commitments", `{"by":"a","resource":"eur","amount":1,"due":"2026-04-01T00:00:00Z","colour":"red"}`, 400, "colour"},
		{"unknown pact", "POST", "/api/pacts/nope/proposals", `{"by":"a","matter":"general","title":"Q"}`, 404, "pact"},
		{"vote by a non-member", "POST", "/api/pacts/co/proposals/p1/votes", `{"by":"c","choice":"yes"}`, 403, "by"},
		{"second vote", "POST", "/api/pacts/co/proposals/p1/votes", `{"by":"a","choice":"no"}`, 409, "by"},
		{"vote after the decision", "POST", "/api/pacts/co/proposals/p2/votes", `{"by":"a","choice":"no"}`, 409, "proposal"},
		{"unknown proposal", "POST", "/api/pacts/co/proposals/p9/votes", `{"by":"a","choice":"yes"}`, 404, "proposal"},
		{"bad choice", "POST", "/api/pacts/co/proposals/p1/votes", `{"by":"b","choice":"maybe"}`, 400, "choice"},
		{"negative amount", "POST", "/api/pacts/co/commitments", `{"by":"a","resource":"eur","amount":-5,"due":"2026-04-01T00:00:00Z"}`, 400, "amount"},
		{"negative contribution", "POST", "/api/pacts/co/contributions", `{"by":"a","resource":"eur","amount":-1}`, 400, "amount"},
		{"unknown rule", "POST", "/api/pacts/co/proposals", `{"by":"a","matter":"amendment","title":"T","amendment":{"rules":{"general":{"kind":"lottery"}}}}`, 400, "agreement.rules.general.kind"},
		{"unknown matter", "POST", "/api/pacts/co/proposals", `{"by":"a","matter":"coup","title":"T"}`, 400, "matter"},
		{"oversized body", "POST", "/api/pacts/co/proposals", big, 413, "body"},
		{"bad actor", "POST", "/api/actors", `{"id":"Bad Id","name":"x","kind":"firm"}`, 400, "id"},
		{"bad actor kind", "POST", "/api/actors", `{"id":"x","name":"x","kind":"planet"}`, 400, "kind"},
		{"pact twice", "POST", "/api/pacts", `{"by":"a","pact":{"id":"co","name":"Co","kind":"coalition"},"founders":["a"]}`, 409, ""},
		{"unknown log", "GET", "/api/logs/nope/head", ``, 404, "log"},
		{"proof index out of range", "GET", "/api/logs/co/proof/inclusion?index=999", ``, 400, "index"},
		{"proof index not a number", "GET", "/api/logs/co/proof/inclusion?index=x", ``, 400, "index"},
		{"unknown route", "GET", "/api/nothing", ``, 404, ""},
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

func TestAdmissionByConsentOverHTTP(t *testing.T) {
	ts := newTestServer(t)
	ts.call("POST", "/api/pacts/co/members", `{"by":"c"}`, http.StatusAccepted)
	ts.call("POST", "/api/pacts/co/proposals/p1/votes", `{"by":"a","choice":"yes"}`, http.StatusCreated)
	ts.call("POST", "/api/pacts/co/proposals/p1/votes", `{"by":"b","choice":"yes"}`, http.StatusCreated)
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
		ts.call("POST", "/api/pacts/co/contributions", `{"by":"a","resource":"eur","amount":1}`, http.StatusCreated)
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

// TestOpenAPIMatchesRoutes holds the OpenAPI document and the routes
// together: every route is documented, and nothing else is.
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
		for method := range ops {
			documented = append(documented, strings.ToUpper(method)+" "+path)
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
	ts.call("POST", "/api/pacts/co/contributions", `{"by":"a","resource":"eur","amount":30}`, http.StatusCreated)
	ts.call("POST", "/api/pacts/co/contributions", `{"by":"b","resource":"eur","amount":10}`, http.StatusCreated)
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
