package ledger_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/ledger"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
)

// gateStore holds every append to one log inside the store's Append until
// the test releases it: a durable write as slow as the test likes.
type gateStore struct {
	logstore.Store
	log     string
	entered chan struct{} // receives once per gated append, on entry
	release chan struct{} // closed to let gated appends through
	fail    error         // returned by gated appends, once released, if set
	once    sync.Once
}

func newGateStore(tb testing.TB, store logstore.Store, log string) *gateStore {
	g := &gateStore{Store: store, log: log, entered: make(chan struct{}, 1), release: make(chan struct{})}
	tb.Cleanup(g.open) // never leave a writer blocked behind a failed test
	return g
}

func (g *gateStore) open() { g.once.Do(func() { close(g.release) }) }

func (g *gateStore) Append(ctx context.Context, log string, from int64, entries []logstore.Entry, head tlog.TreeHead) error {
	if log == g.log {
		g.entered <- struct{}{}
		<-g.release
		if g.fail != nil {
			return g.fail
		}
	}
	return g.Store.Append(ctx, log, from, entries, head)
}

// within fails the test unless ch delivers within a generous bound; it is
// there only so that a regression fails instead of hanging.
func within[T any](tb testing.TB, ch <-chan T, what string) T {
	tb.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(30 * time.Second):
		tb.Fatalf("%s: no answer in 30s", what)
		panic("unreachable")
	}
}

// readAll runs every read of the service on pact and returns what went
// wrong, checking the answers against what was published before the
// blocked write began.
func readAll(f *fixture, pact entente.PactID, want *entente.PactState, wantLen int64, actors int) error {
	svc := f.svc
	st, err := svc.Pact(pact)
	if err != nil {
		return fmt.Errorf("Pact: %w", err)
	}
	if st != want {
		return fmt.Errorf("Pact(%s) changed while no write to it ran", pact)
	}
	n, err := svc.Len(string(pact))
	if err != nil || n != wantLen {
		return fmt.Errorf("Len(%s) = %d, %v; want %d", pact, n, err, wantLen)
	}
	root, err := svc.Root(string(pact), uint64(n))
	if err != nil {
		return fmt.Errorf("Root: %w", err)
	}
	for i := range uint64(n) {
		proof, err := svc.InclusionProof(string(pact), i, uint64(n))
		if err != nil {
			return fmt.Errorf("InclusionProof(%d): %w", i, err)
		}
		entries, err := svc.Entries(f.ctx, string(pact), int64(i), int64(i)+1)
		if err != nil || len(entries) != 1 {
			return fmt.Errorf("Entries(%d): %d entries, %v", i, len(entries), err)
		}
		if err := tlog.VerifyInclusion(entries[0].LeafHash, i, uint64(n), proof, root); err != nil {
			return fmt.Errorf("inclusion of entry %d: %w", i, err)
		}
	}
	if _, err := svc.ConsistencyProof(string(pact), 1, uint64(n)); err != nil {
		return fmt.Errorf("ConsistencyProof: %w", err)
	}
	if got := len(svc.Actors()); got != actors {
		return fmt.Errorf("Actors: %d, want %d", got, actors)
	}
	if _, err := svc.Actor("a"); err != nil {
		return fmt.Errorf("Actor: %w", err)
	}
	svc.Keys("a")
	svc.Witnesses(string(pact))
	if reg := svc.Registry(); len(reg.Actors) != actors {
		return fmt.Errorf("Registry: %d actors, want %d", len(reg.Actors), actors)
	}
	if _, err := svc.Structure(pact); err != nil {
		return fmt.Errorf("Structure: %w", err)
	}
	if got := len(svc.Pacts()); got != 2 {
		return fmt.Errorf("Pacts: %d, want 2", got)
	}
	if _, err := svc.Head(f.ctx, string(pact)); err != nil {
		return fmt.Errorf("Head: %w", err)
	}
	return nil
}

// TestReadsDoNotWaitOnASlowWrite holds a write inside the store's append
// (a pact's command, then an actor's registration) and reads everything
// the service serves, of another pact, meanwhile: the reads answer, and
// see nothing of the write until the store has it.
func TestReadsDoNotWaitOnASlowWrite(t *testing.T) {
	for _, tc := range []struct {
		name  string
		log   string
		write func(f *fixture) error
		// after checks the write's effect once released.
		after func(f *fixture) error
	}{
		{"pact", "other",
			func(f *fixture) error {
				_, _, err := f.svc.Do(f.ctx, "other", "a", entente.Contribute{Resource: "hours", Amount: 1})
				return err
			},
			func(f *fixture) error {
				st, err := f.svc.Pact("other")
				if err != nil || st.Contributions.Len() != 1 {
					return fmt.Errorf("the released write is not seen: %v", err)
				}
				return nil
			}},
		{"registry", entente.RegistryLog,
			func(f *fixture) error {
				_, err := f.svc.RegisterActor(f.ctx, entente.Actor{ID: "d", Name: "D", Kind: entente.Firm})
				return err
			},
			func(f *fixture) error {
				if _, err := f.svc.Actor("d"); err != nil {
					return fmt.Errorf("the released registration is not seen: %v", err)
				}
				return nil
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			f.buildSmallPact()
			f.do("other", "a", entente.FoundPact{Pact: entente.Pact{ID: "other", Name: "Other", Kind: entente.Coalition}, Founders: []entente.ActorID{"a"}})
			gate := newGateStore(t, f.store, tc.log)
			f.svc = f.open(gate)
			small, _ := f.svc.Pact(smallPact)
			other, _ := f.svc.Pact("other")
			smallLen, _ := f.svc.Len(string(smallPact))
			otherLen, _ := f.svc.Len("other")
			regLen, _ := f.svc.Len(entente.RegistryLog)

			wrote := make(chan error, 1)
			go func() { wrote <- tc.write(f) }()
			within(t, gate.entered, "the write reaching the store")

			read := make(chan error, 1)
			go func() {
				if err := readAll(f, smallPact, small, smallLen, 3); err != nil {
					read <- err
					return
				}
				// The blocked write is not visible: not acknowledged, not stored.
				if st, _ := f.svc.Pact("other"); st != other {
					read <- errors.New("Pact(other) shows a write the store does not hold yet")
					return
				}
				if n, _ := f.svc.Len("other"); n != otherLen {
					read <- fmt.Errorf("Len(other) = %d during the write, want %d", n, otherLen)
					return
				}
				if n, _ := f.svc.Len(entente.RegistryLog); n != regLen {
					read <- fmt.Errorf("Len(registry) = %d during the write, want %d", n, regLen)
					return
				}
				read <- nil
			}()
			if err := within(t, read, "reads while a write is blocked in the store"); err != nil {
				t.Fatal(err)
			}
			gate.open()
			if err := within(t, wrote, "the released write"); err != nil {
				t.Fatalf("the released write: %v", err)
			}
			if err := tc.after(f); err != nil {
				t.Fatal(err)
			}
			mustVerifyClean(t, f)
		})
	}
}

// TestFailedSlowWriteIsNeverSeen fails a write held in the store while
// another pact is read: readers see the log as before throughout, and the
// next write lands where the failed one would have.
func TestFailedSlowWriteIsNeverSeen(t *testing.T) {
	f := newFixture(t)
	f.buildSmallPact()
	gate := newGateStore(t, f.store, string(smallPact))
	gate.fail = errDiskFull
	f.svc = f.open(gate)
	before, _ := f.svc.Pact(smallPact)
	n, _ := f.svc.Len(string(smallPact))

	wrote := make(chan error, 1)
	go func() {
		_, _, err := f.svc.Do(f.ctx, smallPact, "b", entente.Contribute{Commitment: "c2", Amount: 50})
		wrote <- err
	}()
	within(t, gate.entered, "the write reaching the store")
	if st, _ := f.svc.Pact(smallPact); st != before {
		t.Errorf("Pact shows a write still in the store's append")
	}
	gate.open()
	if err := within(t, wrote, "the failed write"); !errors.Is(err, errDiskFull) {
		t.Fatalf("write over a failing store: %v, want %v", err, errDiskFull)
	}
	if st, _ := f.svc.Pact(smallPact); st != before {
		t.Errorf("Pact changed after a failed append")
	}
	if got, _ := f.svc.Len(string(smallPact)); got != n {
		t.Errorf("Len = %d after a failed append, want %d", got, n)
	}
	gate.fail = nil
	gate.log = "" // no longer gated
	events := f.do(smallPact, "b", entente.Contribute{Commitment: "c2", Amount: 50})
	if events[0].Seq != n {
		t.Errorf("retried event has seq %d, want %d", events[0].Seq, n)
	}
	mustVerifyClean(t, f)
}

// TestReadsRaceWrites reads everything while writers append to a pact and
// the registry; run with -race. Every pact state read is one the writer
// published whole: its length never runs ahead of the log's, and the log
// never shrinks.
func TestReadsRaceWrites(t *testing.T) {
	f := newFixture(t)
	f.buildSmallPact()
	const writes = 40
	stop := make(chan struct{})
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := range writes {
			if _, _, err := f.svc.Do(f.ctx, smallPact, "c", entente.Contribute{Resource: "hours", Amount: 1}); err != nil {
				errs <- fmt.Errorf("write %d: %w", i, err)
				return
			}
		}
	}()
	go func() {
		defer wg.Done()
		for i := range writes / 4 {
			if _, err := f.svc.RegisterActor(f.ctx, entente.Actor{ID: entente.ActorID(fmt.Sprintf("x%02d", i)), Name: "X", Kind: entente.Firm}); err != nil {
				errs <- fmt.Errorf("registration %d: %w", i, err)
				return
			}
		}
	}()
	var readers sync.WaitGroup
	for range 2 {
		readers.Add(1)
		go func() {
			defer readers.Done()
			var last int64
			for {
				select {
				case <-stop:
					return
				default:
				}
				st, err := f.svc.Pact(smallPact)
				if err != nil {
					errs <- err
					return
				}
				n, err := f.svc.Len(string(smallPact))
				if err != nil || n < st.Len || n < last {
					errs <- fmt.Errorf("Len %d (%v) after a state of %d entries and a length of %d", n, err, st.Len, last)
					return
				}
				last = n
				if _, err := f.svc.InclusionProof(string(smallPact), uint64(n-1), uint64(n)); err != nil {
					errs <- err
					return
				}
				for _, a := range f.svc.Actors() {
					_ = a.Name
				}
				_ = f.svc.Registry().Len
				f.svc.Pacts()
				f.svc.Keys("a")
			}
		}()
	}
	wg.Wait()
	close(stop)
	readers.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	mustVerifyClean(t, f)
}

func (g *gateStore) AppendBatch(ctx context.Context, appends []logstore.Append) ([]error, error) {
	return ledger.AppendEach(ctx, g.Append, appends)
}
