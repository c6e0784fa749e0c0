package http_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/entente/entente"
	enthttp "github.com/entente/entente/http"
	"github.com/entente/entente/ledger"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/sqlite"
	"github.com/entente/entente/tlog"
)

// peer is a server as another 'entente serve' process on ts's SQLite
// file would run it: its own database handle, its own ledger service (the
// same signing key), drafts and webhooks kept in the store.
type peer struct {
	srv *enthttp.Server
	web *httptest.Server
	svc *ledger.Service
	db  *sqlite.DB
}

// peerClock is the peers' time, which their delivery loops read in the
// background: ts.now, set with setNow.
type peerClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *peerClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// setNow moves ts's time and its peers' to t.
func (ts *testServer) setNow(t time.Time) {
	ts.peerClock.mu.Lock()
	ts.now, ts.peerClock.t = t, t
	ts.peerClock.mu.Unlock()
}

// peer starts a server on ts's store under its own handle, with the
// webhook settings hooks (whose Store it sets).
func (ts *testServer) peer(hooks enthttp.WebhookConfig) *peer {
	ts.tb.Helper()
	ts.setNow(ts.now)
	db, err := sqlite.Open(ts.store.(*sqlite.DB).Path())
	if err != nil {
		ts.tb.Fatal(err)
	}
	ts.tb.Cleanup(func() { db.Close() })
	signer, err := tlog.GenerateKey(bytes.NewReader(make([]byte, 64)))
	if err != nil {
		ts.tb.Fatal(err)
	}
	svc, err := ledger.Open(context.Background(), db, signer, ts.peerClock.now)
	if err != nil {
		ts.tb.Fatal(err)
	}
	cfg := enthttp.Config{WriteRate: 1e6, WriteBurst: 1e6, Drafts: db}
	hooks.Store = db
	cfg.Webhooks = hooks
	srv := enthttp.New(svc, cfg)
	web := httptest.NewServer(srv)
	ts.tb.Cleanup(web.Close)
	ts.tb.Cleanup(func() { srv.Shutdown(context.Background()) })
	return &peer{srv: srv, web: web, svc: svc, db: db}
}

// postTo posts body as JSON to url and returns the status and body.
func postTo(tb testing.TB, url string, body any) (int, []byte) {
	tb.Helper()
	b, err := json.Marshal(body)
	if err != nil {
		tb.Fatal(err)
	}
	resp, err := http.Post(url, "application/json", bytes.NewReader(b))
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, out
}

// TestDraftLastSignaturesOnTwoServers: the last signature of a draft
// reaches two servers on one store at the same moment, so that each sees
// the draft complete and submits it. The store's nonce check lets one
// submission through; the other server finds the request recorded and
// answers as the first did (201, the same entry), not 409: both servers
// agree the draft was submitted once, and neither holds it after.
func TestDraftLastSignaturesOnTwoServers(t *testing.T) {
	ts := newTestServer(t)
	ts.register("d", `{"economic":10}`)
	a, b := ts.peer(enthttp.WebhookConfig{}), ts.peer(enthttp.WebhookConfig{})
	for round := range 4 {
		id := entente.PactID(fmt.Sprintf("net%d", round))
		found := entente.FoundPact{Pact: entente.Pact{ID: id, Name: "Net", Kind: entente.Alliance, Duration: entente.Duration{Kind: entente.Permanent}},
			Founders: []entente.ActorID{"a", "b", "c", "d"}}
		sig := ts.signed("a", string(id), found)
		st, body := postTo(t, a.web.URL+"/drafts", sig)
		if st != http.StatusCreated {
			t.Fatalf("a's draft: %d %s", st, body)
		}
		d := decodeDraft(t, body)
		// b has signed through the store already; c and d sign at once,
		// c on one server and d on the other. In even rounds c's and d's
		// signatures are both stored first, so that both servers see the
		// draft complete (what the race can do, made certain).
		file := func(by entente.ActorID) *entente.Signed {
			f := *sig
			f.Signatures = nil
			f.Cosign(ts.delegates[by].Key)
			return &f
		}
		if _, err := a.db.AddDraftSignature(t.Context(), d.ID, logstore.DraftSignature{Key: file("b").Signatures[0].Key, Sig: file("b").Signatures[0].Sig}); err != nil {
			t.Fatal(err)
		}
		if round%2 == 0 {
			for _, by := range []entente.ActorID{"c", "d"} {
				g := file(by).Signatures[0]
				if _, err := a.db.AddDraftSignature(t.Context(), d.ID, logstore.DraftSignature{Key: g.Key, Sig: g.Sig}); err != nil {
					t.Fatal(err)
				}
			}
		}
		var wg sync.WaitGroup
		answers := make([]draftAnswer, 2)
		statuses := make([]int, 2)
		bodies := make([][]byte, 2)
		for i, p := range []*peer{a, b} {
			by := []entente.ActorID{"c", "d"}[i]
			wg.Go(func() {
				statuses[i], bodies[i] = postTo(t, p.web.URL+"/drafts", file(by))
			})
		}
		wg.Wait()
		for i := range 2 {
			if statuses[i] != http.StatusCreated {
				t.Fatalf("round %d: server %d answered %d %s; want 201 on both", round, i, statuses[i], bodies[i])
			}
			answers[i] = decodeDraft(t, bodies[i])
		}
		submitted := 0
		for i, ans := range answers {
			if ans.Result != nil {
				submitted++
				if ans.Result.Log != string(id) || len(ans.Result.Events) == 0 {
					t.Fatalf("round %d: server %d's result %+v", round, i, ans.Result)
				}
			}
		}
		if round%2 == 0 && submitted != 2 {
			t.Fatalf("round %d: %d servers answered the draft submitted; want both: %s / %s", round, submitted, bodies[0], bodies[1])
		}
		if submitted == 2 && !bytes.Equal(answers[0].Result.Events[0], answers[1].Result.Events[0]) {
			t.Fatalf("round %d: the servers answer different entries:\n%s\n%s", round, answers[0].Result.Events[0], answers[1].Result.Events[0])
		}
		// One founding in the log, on both servers, and no draft left.
		for i, p := range []*peer{a, b} {
			if err := p.svc.Refresh(t.Context(), string(id)); err != nil {
				t.Fatal(err)
			}
			if n, err := p.svc.Len(string(id)); err != nil || n != 1 {
				t.Fatalf("round %d: server %d holds %d entries of %s (%v); want the one founding", round, i, n, id, err)
			}
			if st, _ := postTo(t, p.web.URL+"/drafts/"+d.ID+"/signatures", map[string]any{"key": "x", "sig": []byte("y")}); st != http.StatusNotFound {
				t.Errorf("round %d: server %d still holds the draft (%d)", round, i, st)
			}
		}
	}
}

// countingHooks counts the deliveries of each delivery id.
type countingHooks struct {
	mu  sync.Mutex
	got map[string]int
}

func (h *countingHooks) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	io.Copy(io.Discard, r.Body)
	h.mu.Lock()
	h.got[r.Header.Get("Entente-Webhook-Id")]++
	h.mu.Unlock()
}

// TestWebhooksOnceAcrossServers: two servers on one SQLite store, each
// with its own ledger, both hold a webhook registered through one of them
// and run delivery rounds at once while members write through both; the
// receiver gets each entry once. Both list the same delivery state. When
// the server holding the lease stops without a word, the other takes over
// once the lease expires, from the next entry; when it shuts down, its
// lease is released and taken at once.
func TestWebhooksOnceAcrossServers(t *testing.T) {
	ts := newTestServer(t)
	rcv := &countingHooks{got: map[string]int{}}
	target := httptest.NewServer(rcv)
	defer target.Close()
	cfg := func(holder string) enthttp.WebhookConfig {
		return enthttp.WebhookConfig{AllowPrivate: true, Poll: time.Hour, Holder: holder, LeaseFor: 30 * time.Second}
	}
	peers := []*peer{ts.peer(cfg("A")), ts.peer(cfg("B"))}
	token := ts.readToken("a", 10*time.Minute)
	st, body := ts.callAs(peers[0].web.URL, token, "POST", "/api/pacts/co/webhooks", `{"url":"`+target.URL+`/co"}`)
	var created struct{ ID string }
	if st != http.StatusCreated || json.Unmarshal(body, &created) != nil {
		t.Fatalf("registering: %d %s", st, body)
	}
	from := ts.logLen("co")
	deliver := func(ps ...*peer) {
		var wg sync.WaitGroup
		for _, p := range ps {
			wg.Go(func() { p.srv.DeliverWebhooks(context.Background()) })
		}
		wg.Wait()
	}
	written := int64(0)
	write := func(p *peer) {
		ts.srv, written = p.web, written+1
		ts.act("a", "co", entente.Propose{Matter: entente.General, Title: fmt.Sprintf("Proposal %d", written)}, http.StatusCreated)
	}
	check := func() {
		t.Helper()
		rcv.mu.Lock()
		defer rcv.mu.Unlock()
		for i := range written {
			if n := rcv.got[fmt.Sprintf("%s-%d", created.ID, from+i)]; n != 1 {
				t.Fatalf("entry %d delivered %d times, want once (%d written)", from+i, n, written)
			}
		}
		if len(rcv.got) != int(written) {
			t.Fatalf("%d entries delivered, %d written", len(rcv.got), written)
		}
	}
	for round := range 6 {
		write(peers[round%2])
		write(peers[(round+1)%2])
		deliver(peers...)
	}
	check()
	for i, p := range peers {
		subs := p.srv.Webhooks("co")
		if len(subs) != 1 || subs[0].Delivered != written || subs[0].Next != from+written {
			t.Fatalf("server %d lists %+v; want %d delivered", i, subs, written)
		}
	}

	// The holder stops delivering (as if killed): nothing goes out until
	// its lease expires, then the other takes over at the next entry.
	leases, err := peers[0].db.WebhookLeases(t.Context())
	if err != nil || len(leases) != 1 {
		t.Fatalf("leases: %+v, %v", leases, err)
	}
	holder, other := peers[0], peers[1]
	if leases[0].Holder == "B" {
		holder, other = peers[1], peers[0]
	}
	write(other)
	ts.setNow(ts.now.Add(10 * time.Second))
	deliver(other)
	if rcv.mu.Lock(); len(rcv.got) != int(written)-1 {
		t.Fatalf("delivered while the stopped server's lease lasted")
	}
	rcv.mu.Unlock()
	ts.setNow(ts.now.Add(31 * time.Second))
	deliver(other)
	check()

	// The new holder shuts down: its lease is released, and the first
	// server takes it at once.
	if err := other.srv.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	write(holder)
	deliver(holder)
	check()
}
