package webhook_test

import (
	"context"
	crand "crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/entente/entente/logstore"
	"github.com/entente/entente/postgres"
	"github.com/entente/entente/sqlite"
	"github.com/entente/entente/webhook"
)

// countingReceiver counts the deliveries of each entry (by delivery id)
// and answers each with the next of statuses (200 once they run out).
type countingReceiver struct {
	mu       sync.Mutex
	got      map[string]int
	order    []string
	statuses []int
}

func (r *countingReceiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	defer r.mu.Unlock()
	status := 200
	if len(r.statuses) > 0 {
		status, r.statuses = r.statuses[0], r.statuses[1:]
	}
	if status == 200 {
		id := req.Header.Get(webhook.HeaderID)
		r.got[id]++
		r.order = append(r.order, id)
	}
	w.WriteHeader(status)
}

// server is one dispatcher on the shared store, as one 'entente serve'.
func server(t *testing.T, store logstore.WebhookStore, holder string, log *fakeLog, clk *syncClock, seed byte) *webhook.Dispatcher {
	t.Helper()
	d := webhook.New(webhook.Config{Feed: log.feed, Now: clk.now, AllowPrivate: true, Random: seeded(seed),
		Leases: webhook.StoreLeases(store, holder), LeaseFor: 30 * time.Second})
	hooks, err := store.Webhooks(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range hooks {
		if err := d.Restore(webhook.Subscription{ID: w.ID, Pact: w.Pact, URL: w.URL, Next: w.From}, w.Secret); err != nil {
			t.Fatal(err)
		}
	}
	return d
}

// syncClock is a test's time, safe to read from several goroutines.
type syncClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *syncClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *syncClock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// TestLeasesDeliverOnceAcrossServers: three dispatchers on one store, all
// holding the same subscriptions and running rounds at once, deliver each
// entry exactly once and in order; when the holder stops without a word,
// another takes over once the lease expires and resumes at the next entry,
// with the retry state the holder stored; a released lease is taken at
// once.
func TestLeasesDeliverOnceAcrossServers(t *testing.T) {
	t.Run("Memory", func(t *testing.T) {
		m := logstore.NewMemory()
		testLeases(t, []logstore.WebhookStore{m, m, m})
	})
	t.Run("SQLite", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "e.db")
		var hs []logstore.WebhookStore
		for range 3 {
			db, err := sqlite.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			hs = append(hs, db)
		}
		testLeases(t, hs)
	})
	t.Run("PostgreSQL", func(t *testing.T) {
		base := os.Getenv("ENTENTE_TEST_POSTGRES")
		switch {
		case base == "" && os.Getenv("CI") != "":
			t.Fatal("ENTENTE_TEST_POSTGRES is not set, and CI is: run the tests through .ci/run")
		case base == "":
			t.Skip("ENTENTE_TEST_POSTGRES is not set")
		}
		dbURL := freshSchema(t, base)
		var hs []logstore.WebhookStore
		for range 3 {
			db, err := postgres.Open(t.Context(), dbURL)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			hs = append(hs, db)
		}
		testLeases(t, hs)
	})
}

// freshSchema creates a schema of its own in the database at base and
// returns base's URL with search_path set to it.
func freshSchema(t *testing.T, base string) string {
	t.Helper()
	var b [8]byte
	crand.Read(b[:])
	schema := "wh_" + hex.EncodeToString(b[:])
	conn, err := pgx.Connect(t.Context(), base)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(t.Context(), "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// testLeases runs three dispatchers, each on its own handle of one store.
func testLeases(t *testing.T, handles []logstore.WebhookStore) {
	rcv := &countingReceiver{got: map[string]int{}}
	srv := httptest.NewServer(rcv)
	defer srv.Close()
	store := handles[0]
	log, clk := &fakeLog{}, &syncClock{t: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	ctx := context.Background()
	reg := webhook.New(webhook.Config{Feed: log.feed, Now: clk.now, AllowPrivate: true, Random: seeded(3)})
	const hooks = 3
	for i := range hooks {
		sub, secret, err := reg.Register(ctx, "co", "a", fmt.Sprintf("%s/%d", srv.URL, i), 0)
		if err != nil {
			t.Fatal(err)
		}
		if err := store.PutWebhook(ctx, logstore.Webhook{ID: sub.ID, Pact: "co", Owner: "a", URL: sub.URL, Secret: secret, Created: sub.Created}, logstore.WebhookLimits{}); err != nil {
			t.Fatal(err)
		}
	}
	servers := []*webhook.Dispatcher{server(t, handles[0], "A", log, clk, 4), server(t, handles[1], "B", log, clk, 5), server(t, handles[2], "C", log, clk, 6)}
	rounds := func(ds ...*webhook.Dispatcher) {
		var wg sync.WaitGroup
		for _, d := range ds {
			wg.Go(func() { d.Step(ctx) })
		}
		wg.Wait()
	}
	total := 0
	for r := range 10 {
		for j := range 3 {
			log.add(fmt.Sprintf(`{"r":%d,"j":%d}`, r, j))
		}
		total += 3
		rounds(servers...)
		clk.add(time.Second)
	}
	checkOnce := func(entries int) {
		t.Helper()
		rcv.mu.Lock()
		defer rcv.mu.Unlock()
		subs := servers[1].List("co", "")
		if len(subs) != hooks {
			t.Fatalf("%d subscriptions listed", len(subs))
		}
		for _, s := range subs {
			for i := range entries {
				if n := rcv.got[fmt.Sprintf("%s-%d", s.ID, i)]; n != 1 {
					t.Fatalf("entry %d of %s delivered %d times, want once", i, s.ID, n)
				}
			}
		}
		if len(rcv.order) != hooks*entries {
			t.Fatalf("%d deliveries, want %d", len(rcv.order), hooks*entries)
		}
	}
	checkOnce(total)

	// Who holds what: one server per subscription.
	leases, err := store.WebhookLeases(ctx)
	if err != nil {
		t.Fatal(err)
	}
	stopped := leases[0].Holder
	var live []*webhook.Dispatcher
	for i, d := range servers {
		if string(rune('A'+i)) != stopped {
			live = append(live, d)
		}
	}
	// The receiver fails the next entry once: the holder stores the
	// failure and its retry time, then stops without releasing.
	rcv.mu.Lock()
	rcv.statuses = []int{500}
	rcv.mu.Unlock()
	log.add(`{"after":"stop"}`)
	total++
	rounds(servers...)
	leases, _ = store.WebhookLeases(ctx)
	failed := 0
	for _, l := range leases {
		if l.State.Attempts == 1 {
			failed++
			if l.State.LastStatus != 500 || l.State.RetryAt.IsZero() {
				t.Fatalf("the failure's state was not stored with the lease: %+v", l)
			}
		}
	}
	if failed != 1 {
		t.Fatalf("%d leases record the failure, want 1: %+v", failed, leases)
	}
	// The stopped server's leases are not taken while they last.
	clk.add(10 * time.Second)
	rounds(live...)
	for _, l := range mustLeases(t, store) {
		if l.State.Next != int64(total) && l.Holder != stopped {
			t.Fatalf("a live server's lease did not deliver the entry: %+v", l)
		}
	}
	// Past the stopped server's leases, the others take them over and
	// resume at the next entry: each entry still once.
	clk.add(30 * time.Second)
	rounds(live...)
	for _, l := range mustLeases(t, store) {
		if l.Holder == stopped || l.State.Next != int64(total) {
			t.Fatalf("after the lease expired: %+v", l)
		}
	}
	checkOnce(total)

	// A server that shuts down releases its leases: taken at once.
	if err := live[0].ReleaseAll(ctx); err != nil {
		t.Fatal(err)
	}
	log.add(`{"after":"release"}`)
	total++
	rounds(live[1])
	for _, l := range mustLeases(t, store) {
		if l.State.Next != int64(total) {
			t.Fatalf("after a release, the other server did not deliver: %+v", l)
		}
	}
	checkOnce(total)
	if b, _ := json.Marshal(live[1].List("co", "")); len(b) == 0 {
		t.Fatal("no list")
	}
}

func mustLeases(t *testing.T, store logstore.WebhookStore) []logstore.WebhookLease {
	t.Helper()
	ls, err := store.WebhookLeases(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return ls
}
