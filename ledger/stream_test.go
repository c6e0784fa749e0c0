package ledger

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/sqlite"
	"github.com/entente/entente/tlog"
)

// streamStore is a SQLite store whose batches report each append added and
// can be held at Commit, or made to fail there.
type streamStore struct {
	*sqlite.DB
	mu      sync.Mutex
	added   []string      // the logs of the appends added, batch after batch
	hold    chan struct{} // when set, the next Commit waits for it to close
	entered chan struct{} // told when a held Commit has begun
	fail    error         // when set, the next Commit fails with it
}

func (s *streamStore) BeginBatch(ctx context.Context) (logstore.Batch, error) {
	b, err := s.DB.BeginBatch(ctx)
	if err != nil {
		return nil, err
	}
	return &streamBatch{Batch: b, s: s}, nil
}

func (s *streamStore) addedSoFar() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.added...)
}

type streamBatch struct {
	logstore.Batch
	s *streamStore
}

func (b *streamBatch) Add(a logstore.Append) error {
	b.s.mu.Lock()
	b.s.added = append(b.s.added, a.Log)
	b.s.mu.Unlock()
	return b.Batch.Add(a)
}

func (b *streamBatch) Commit(sign func(tlog.TreeHead) tlog.TreeHead) ([]error, error) {
	b.s.mu.Lock()
	hold, fail := b.s.hold, b.s.fail
	b.s.hold, b.s.fail = nil, nil
	b.s.mu.Unlock()
	if hold != nil {
		b.s.entered <- struct{}{}
		<-hold
	}
	if fail != nil {
		b.Batch.Rollback()
		return nil, fail
	}
	return b.Batch.Commit(sign)
}

// streamFixture is gatherFixture on a streamStore.
func streamFixture(t *testing.T) (*Service, *streamStore) {
	t.Helper()
	ctx := t.Context()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ss := &streamStore{DB: db, entered: make(chan struct{}, 1)}
	signer, err := tlog.GenerateKey(bytes.NewReader(make([]byte, 32)))
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	svc, err := Open(ctx, ss, signer, func() time.Time { return at })
	if err != nil {
		t.Fatal(err)
	}
	svc.gather.limit = time.Hour
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
	return svc, ss
}

// TestCommitterWritesWhileItGathers holds a batch (command A) at its
// commit while command B is queued and command C is still running. Once
// A's batch is committed, the committer writes B into the next batch at
// once, while C still runs, and commits B and C together once C's append
// is in: the store's statements for B are off the path C's client waits
// on.
func TestCommitterWritesWhileItGathers(t *testing.T) {
	svc, ss := streamFixture(t)
	if _, ok := svc.batcher(); !ok {
		t.Fatal("the committer does not stream into a Batcher")
	}
	b0, a0 := svc.WriteStats()
	release := make(chan struct{})
	ss.mu.Lock()
	ss.hold = release
	ss.mu.Unlock()
	before := len(ss.addedSoFar())

	a := contribute(t, svc, "p")
	<-ss.entered
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
	until(t, func() bool { return len(ss.addedSoFar()) == before+2 }, b, "B added while C runs")
	if got := ss.addedSoFar()[before:]; got[0] != "p" || got[1] != "p" {
		t.Errorf("added %q, want A's and B's appends to p", got)
	}
	svc.regMu.Unlock()
	for _, done := range []<-chan error{b, c} {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	batches, appends := svc.WriteStats()
	if batches-b0 != 2 || appends-a0 != 3 {
		t.Errorf("%d appends in %d store transactions, want 3 in 2", appends-a0, batches-b0)
	}
	for _, pact := range []string{"p", "q"} {
		if n, _ := svc.Len(pact); n != map[string]int64{"p": 3, "q": 2}[pact] {
			t.Errorf("pact %s holds %d entries", pact, n)
		}
	}
}

// TestStreamedBatchThatFailsKeepsNothing makes a streamed batch of two
// commands fail at its commit: both clients get the store's error, nothing
// is stored or served, and the pacts take commands again afterwards.
func TestStreamedBatchThatFailsKeepsNothing(t *testing.T) {
	svc, ss := streamFixture(t)
	boom := errors.New("disk on fire")
	release := make(chan struct{})
	ss.mu.Lock()
	ss.hold = release
	ss.mu.Unlock()
	a := contribute(t, svc, "p")
	<-ss.entered
	ss.mu.Lock()
	ss.fail = boom
	ss.mu.Unlock()
	b := contribute(t, svc, "p")
	c := contribute(t, svc, "q")
	until(t, func() bool {
		svc.qMu.Lock()
		defer svc.qMu.Unlock()
		return len(svc.queue) == 2
	}, b, "B and C queued")
	close(release)
	if err := <-a; err != nil {
		t.Fatal(err)
	}
	for _, done := range []<-chan error{b, c} {
		if err := <-done; !errors.Is(err, boom) {
			t.Errorf("client of the failed batch got %v, want %v", err, boom)
		}
	}
	for _, pact := range []string{"p", "q"} {
		want := map[string]int64{"p": 2, "q": 1}[pact]
		if n, _ := svc.Len(pact); n != want {
			t.Errorf("pact %s serves %d entries after the failed batch, want %d", pact, n, want)
		}
		if n, err := ss.Len(t.Context(), pact); err != nil || n != want {
			t.Errorf("store holds %d entries of %s (%v), want %d", n, pact, err, want)
		}
		if err := <-contribute(t, svc, entente.PactID(pact)); err != nil {
			t.Errorf("command to %s after the failed batch: %v", pact, err)
		}
	}
	reports, err := Verify(t.Context(), ss, svc.Verifier())
	if err != nil {
		t.Fatalf("Verify: %v", err)
	}
	for _, r := range reports {
		if !r.OK() {
			t.Errorf("log %s: %+v, want a sound report", r.Log, r)
		}
	}
}
