package ledger

import (
	"bytes"
	"context"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/sqlite"
	"github.com/entente/entente/tlog"
)

// gateStore holds the next AppendBatch until released, and counts the
// appends of each batch.
type gateStore struct {
	logstore.Store
	mu      sync.Mutex
	hold    chan struct{} // when set, the next AppendBatch waits for it to close
	entered chan struct{} // told when a held AppendBatch has begun
}

func (g *gateStore) AppendBatch(ctx context.Context, appends []logstore.Append) ([]error, error) {
	g.mu.Lock()
	hold := g.hold
	g.hold = nil
	g.mu.Unlock()
	if hold != nil {
		g.entered <- struct{}{}
		<-hold
	}
	return g.Store.AppendBatch(ctx, appends)
}

// gatherFixture is a service on a gateStore with two pacts of the
// operator's record, p and q, founded by actor a. Its committer waits as
// long as it takes for a fuller batch.
func gatherFixture(t *testing.T) (*Service, *gateStore) {
	t.Helper()
	ctx := t.Context()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "g.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	gs := &gateStore{Store: db, entered: make(chan struct{}, 1)}
	signer, err := tlog.GenerateKey(bytes.NewReader(make([]byte, 32)))
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	svc, err := Open(ctx, gs, signer, func() time.Time { return at })
	if err != nil {
		t.Fatal(err)
	}
	svc.gather.limit = time.Hour // only the awaited append ends a wait; set before any committer runs
	if _, err := svc.RegisterActor(ctx, entente.Actor{ID: "a", Name: "A", Kind: entente.NGO}); err != nil {
		t.Fatal(err)
	}
	for _, id := range []entente.PactID{"p", "q"} {
		p := entente.Pact{ID: id, Name: string(id), Kind: entente.Coalition,
			Agreement: entente.Agreement{Rules: map[entente.Matter]entente.DecisionRule{entente.General: {Kind: entente.SimpleMajority, Window: entente.Days(5)}}}}
		if _, _, err := svc.Do(ctx, id, "a", entente.FoundPact{Pact: p, Founders: []entente.ActorID{"a"}}); err != nil {
			t.Fatal(err)
		}
	}
	return svc, gs
}

// contribute runs a contribution to pact on svc in the background and
// returns the channel its outcome comes on.
func contribute(t *testing.T, svc *Service, pact entente.PactID) <-chan error {
	done := make(chan error, 1)
	go func() {
		_, _, err := svc.Do(t.Context(), pact, "a", entente.Contribute{Resource: "hours", Amount: 1})
		done <- err
	}()
	return done
}

// until yields until cond holds, failing the test if failed is told
// first.
func until(t *testing.T, cond func() bool, failed <-chan error, why string) {
	t.Helper()
	for !cond() {
		select {
		case err := <-failed:
			t.Fatalf("%s: a command finished first (%v)", why, err)
		default:
			runtime.Gosched()
		}
	}
}

// TestCommitterGathersTheCommandsBeingRun holds a batch (command A) in the
// store while command B is queued and command C is still running (held
// on the registry's lock). Once A's batch is stored, the committer waits
// for C rather than commit B alone, and B and C go to the store in one
// transaction. With gathering off, as before, B goes alone and C after.
func TestCommitterGathersTheCommandsBeingRun(t *testing.T) {
	for _, tc := range []struct {
		gather           bool
		batches, appends int64 // made by A, B and C
	}{
		{gather: true, batches: 2, appends: 3},
		{gather: false, batches: 3, appends: 3},
	} {
		t.Run(map[bool]string{true: "gather", false: "off"}[tc.gather], func(t *testing.T) {
			svc, gs := gatherFixture(t)
			svc.gather.off.Store(!tc.gather)
			b0, a0 := svc.WriteStats()
			release := make(chan struct{})
			gs.mu.Lock()
			gs.hold = release
			gs.mu.Unlock()

			a := contribute(t, svc, "p")
			<-gs.entered
			b := contribute(t, svc, "p")
			queued := func() int {
				svc.qMu.Lock()
				defer svc.qMu.Unlock()
				return len(svc.queue)
			}
			until(t, func() bool { return queued() == 1 }, b, "B queued")
			svc.regMu.Lock() // C runs, and waits for the registry
			c := contribute(t, svc, "q")
			until(t, func() bool { return svc.gather.writing.Load() == 3 }, c, "C running")
			close(release)
			if err := <-a; err != nil {
				t.Fatal(err)
			}
			rest := []<-chan error{c}
			if tc.gather {
				until(t, svc.gather.waiting.Load, b, "committer waiting for C")
				rest = append(rest, b)
			} else if err := <-b; err != nil {
				t.Fatal(err)
			}
			svc.regMu.Unlock()
			for _, done := range rest {
				if err := <-done; err != nil {
					t.Fatal(err)
				}
			}
			batches, appends := svc.WriteStats()
			if batches-b0 != tc.batches || appends-a0 != tc.appends {
				t.Errorf("%d appends in %d store transactions, want %d in %d", appends-a0, batches-b0, tc.appends, tc.batches)
			}
			for _, pact := range []string{"p", "q"} {
				if n, _ := svc.Len(pact); n != map[string]int64{"p": 3, "q": 2}[pact] {
					t.Errorf("pact %s holds %d entries", pact, n)
				}
			}
		})
	}
}

// TestLoneClientNeverWaits runs commands one after another: the committer
// finds the queue empty after each, so it never waits for a fuller batch.
func TestLoneClientNeverWaits(t *testing.T) {
	svc, _ := gatherFixture(t)
	for range 20 {
		if err := <-contribute(t, svc, "p"); err != nil {
			t.Fatal(err)
		}
	}
	if w := svc.gather.waits.Load(); w != 0 {
		t.Errorf("the committer waited %d times for a lone client", w)
	}
}
