package ledger_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/entente/entente"
	"github.com/entente/entente/ledger"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/postgres"
)

// testSchema returns the URL of a new schema of the PostgreSQL server that
// ENTENTE_TEST_POSTGRES names, dropped when the test ends; it skips the
// test when none is named.
func testSchema(t *testing.T) string {
	t.Helper()
	base := os.Getenv("ENTENTE_TEST_POSTGRES")
	if base == "" {
		t.Skip("ENTENTE_TEST_POSTGRES is not set (see .ci/postgres.sh)")
	}
	buf := make([]byte, 8)
	rand.Read(buf)
	schema := "ledger_" + hex.EncodeToString(buf)
	conn, err := pgx.Connect(t.Context(), base)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(t.Context(), "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		conn, err := pgx.Connect(context.Background(), base)
		if err != nil {
			return
		}
		defer conn.Close(context.Background())
		conn.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
	})
	u, _ := url.Parse(base)
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// openPostgres opens the store at u, closed when the test ends.
func openPostgres(t *testing.T, u string) *postgres.DB {
	t.Helper()
	db, err := postgres.Open(t.Context(), u)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// twoServerBackends are the stores two servers share in the tests below:
// the fixture's service runs on the first handle, the other on the
// second.
var twoServerBackends = []struct {
	name string
	open func(t *testing.T) (f *fixture, store, second logstore.Store)
}{
	{"sqlite", func(t *testing.T) (*fixture, logstore.Store, logstore.Store) {
		f := newFixture(t)
		return f, f.store, openStore(t, f.path)
	}},
	{"postgres", func(t *testing.T) (*fixture, logstore.Store, logstore.Store) {
		u := testSchema(t)
		first := openPostgres(t, u)
		f := &fixture{tb: t, ctx: context.Background(), signer: testSigner(t, 1), clock: &clock{t: t0}}
		f.svc = f.open(first)
		return f, first, openPostgres(t, u)
	}},
}

// TestTwoServersWriteTheSamePacts runs two services on one store (two
// handles of a SQLite file; two pools on one PostgreSQL schema) and sends
// requests to the same pacts through both at once. Every request is
// stored exactly once, every head of the store is signed over the root
// of exactly its first Size leaves, and both serve what the store holds.
// Then each of a second set of requests is sent to both servers at once,
// as a client that tries both would: each is stored once, one of its two
// submissions succeeds and the other is refused as recorded.
func TestTwoServersWriteTheSamePacts(t *testing.T) {
	for _, be := range twoServerBackends {
		t.Run(be.name, func(t *testing.T) {
			f, store, second := be.open(t)
			m := f.delegates("a", "b", "c")
			pacts := f.foundPacts(m, 3)
			other := f.open(second)
			svcs := []*ledger.Service{f.svc, other}
			reqs, sent := pledges(f, m, pacts, 60)
			submitMany(t, f, svcs, reqs)

			twice, _ := pledges(f, m, pacts, 30)
			var wg sync.WaitGroup
			errs := make([][2]error, len(twice))
			for i, sig := range twice {
				for j, svc := range svcs {
					wg.Go(func() { _, errs[i][j] = svc.Submit(f.ctx, sig) })
				}
			}
			wg.Wait()
			want := map[entente.PactID]map[string]int{}
			for p, nonces := range sent {
				want[p] = map[string]int{}
				for _, n := range nonces {
					want[p][n] = 1
				}
			}
			for i, sig := range twice {
				req, _ := sig.Parse()
				want[entente.PactID(req.Log)][req.Nonce] = 1
				e0, e1 := errs[i][0], errs[i][1]
				ok := (e0 == nil && entente.ErrorCode(e1) == entente.ECONFLICT) || (e1 == nil && entente.ErrorCode(e0) == entente.ECONFLICT)
				if !ok {
					t.Errorf("request %d sent to both servers: %v; %v; want one success and one conflict", i, e0, e1)
				}
			}
			checkStoredOnce(t, f, other, want)
			checkStoredOnce(t, f, f.svc, want)
			checkHeads(t, store, f.signer.Public())
			reports, err := ledger.Verify(f.ctx, store, f.signer.Public())
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range reports {
				if !r.OK() {
					t.Errorf("log %s: %+v", r.Log, r)
				}
			}
			sameView(t, f, store, svcs, pacts)
		})
	}
}

// TestListeningServerLearnsOfTheOthersAppends runs two services on one
// PostgreSQL schema, A listening to the store's notifications as the
// server does (each one observed). B writes bursts of requests to two
// pacts, each burst then silence: A, which neither reads through Refresh
// nor writes, serves each burst's last append, which the notification
// throttle merged with the others but may not hold back.
func TestListeningServerLearnsOfTheOthersAppends(t *testing.T) {
	u := testSchema(t)
	f := &fixture{tb: t, ctx: context.Background(), signer: testSigner(t, 1), clock: &clock{t: t0}}
	first := openPostgres(t, u)
	f.svc = f.open(first)
	m := f.delegates("a", "b", "c")
	pacts := f.foundPacts(m, 2)
	b := f.open(openPostgres(t, u))
	a := f.open(first)
	ctx, cancel := context.WithCancel(context.Background())
	listening := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		var once sync.Once
		first.Listen(ctx, func(msg postgres.Appended) {
			a.Observe(msg.Log, msg.Size)
			once.Do(func() { close(listening) })
		})
	}()
	defer func() { cancel(); <-done }()
	<-listening // the first message, a resync, comes once the LISTEN is in place
	for burst := range 3 {
		reqs, _ := pledges(f, m, pacts, 24)
		submitMany(t, f, []*ledger.Service{b}, reqs)
		for _, p := range pacts {
			want, err := first.Len(f.ctx, string(p))
			if err != nil {
				t.Fatal(err)
			}
			deadline := time.Now().Add(10 * time.Second) // a bound on failure, not a wait for success
			for {
				n, _ := a.Len(string(p))
				if n == want {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("burst %d: A serves %s at %d entries, the store holds %d", burst, p, n, want)
				}
				runtime.Gosched()
			}
		}
	}
	sameView(t, f, first, []*ledger.Service{a, b}, pacts)
}
