package ledger_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/ledger"
)

// openBounded opens a fixture's store again under opts (the fixture's own
// service is left as it was, unused).
func (f *fixture) openWith(opts ledger.Options) *ledger.Service {
	f.tb.Helper()
	svc, err := ledger.OpenWith(f.ctx, f.store, f.signer, f.clock.Now, opts)
	if err != nil {
		f.tb.Fatalf("ledger.OpenWith: %v", err)
	}
	return svc
}

// evictionScript founds n pacts and writes to them in rounds, reading some
// between writes and ticking, through svc; every step must succeed.
func evictionScript(tb testing.TB, f *fixture, svc *ledger.Service, n int) {
	tb.Helper()
	do := func(id entente.PactID, by entente.ActorID, cmd entente.Command) {
		tb.Helper()
		if _, _, err := svc.Do(f.ctx, id, by, cmd); err != nil {
			tb.Fatalf("%s %T on %s: %v", by, cmd, id, err)
		}
	}
	for i := range n {
		id := entente.PactID(fmt.Sprintf("p%02d", i))
		vis := entente.Public
		if i%3 == 2 {
			vis = entente.MembersOnly
		}
		p := entente.Pact{ID: id, Name: "Pact " + string(id), Kind: entente.Coalition, Visibility: vis,
			Agreement: entente.Agreement{Join: entente.JoinOpen,
				Rules: map[entente.Matter]entente.DecisionRule{entente.General: {Kind: entente.SimpleMajority, Window: entente.Days(5)}}}}
		do(id, "a", entente.FoundPact{Pact: p, Founders: []entente.ActorID{"a", "b"}})
	}
	for round := range 4 {
		for i := range n {
			id := entente.PactID(fmt.Sprintf("p%02d", i))
			do(id, "a", entente.Pledge{Resource: "eur", Amount: float64(10 + round), Due: f.clock.Now().Add(3 * entente.Day)})
			do(id, "b", entente.Contribute{Resource: "eur", Amount: float64(i + 1)})
			if round == 1 && i%2 == 0 {
				do(id, "c", entente.RequestJoin{})
				do(id, "b", entente.Propose{Matter: entente.General, Title: "Meet"})
			}
			if _, err := svc.Pact(entente.PactID(fmt.Sprintf("p%02d", (i*5)%n))); err != nil {
				tb.Fatalf("Pact: %v", err)
			}
		}
		f.clock.Advance(2 * entente.Day)
		if _, err := svc.Tick(f.ctx); err != nil {
			tb.Fatalf("Tick: %v", err)
		}
	}
}

// answers is what a service tells of its pacts.
type answers struct {
	states map[entente.PactID]string // each pact's state, as JSON
	index  []entente.PactEntry
	logs   map[string][][]byte // each log's entries
	roots  map[string]string   // each log's latest signed head's root
}

func collect(tb testing.TB, f *fixture, svc *ledger.Service) answers {
	tb.Helper()
	a := answers{states: map[entente.PactID]string{}, logs: map[string][][]byte{}, roots: map[string]string{}}
	for _, e := range svc.Index() {
		a.index = append(a.index, *e)
		st, err := svc.Pact(e.ID)
		if err != nil {
			tb.Fatalf("Pact(%s): %v", e.ID, err)
		}
		b, _ := json.Marshal(st)
		a.states[e.ID] = string(b)
	}
	logs, err := f.store.Logs(f.ctx)
	if err != nil {
		tb.Fatal(err)
	}
	for _, l := range logs {
		for _, e := range f.entries(l) {
			a.logs[l] = append(a.logs[l], e.Data)
		}
		h, err := svc.Head(f.ctx, l)
		if err != nil {
			tb.Fatalf("Head(%s): %v", l, err)
		}
		a.roots[l] = h.Root.String()
	}
	return a
}

// TestEvictedStatesAnswerAndWriteAsKept runs the same commands, reads and
// ticks through a service that keeps every state and one that keeps two
// of ten: the logs hold the same bytes, the heads the same roots, and
// every pact's state, index entry and listing is the same, though the
// bounded service evicted and reloaded states throughout. Opened again
// with the bound, the store answers the same.
func TestEvictedStatesAnswerAndWriteAsKept(t *testing.T) {
	const pacts = 10
	kept, bounded := newFixture(t), newFixture(t)
	opts := ledger.Options{MaxStates: 2, SnapshotEvery: 3}
	kept.svc = kept.openWith(ledger.Options{SnapshotEvery: 3})
	bounded.svc = bounded.openWith(opts)
	for _, f := range []*fixture{kept, bounded} {
		f.actors("a", "b", "c")
		evictionScript(t, f, f.svc, pacts)
		f.svc.FlushSnapshots()
	}
	evicted, reloaded := bounded.svc.EvictionStats()
	if evicted == 0 || reloaded == 0 {
		t.Fatalf("the bounded service evicted %d states and reloaded %d; want both", evicted, reloaded)
	}
	if e, r := kept.svc.EvictionStats(); e != 0 || r != 0 {
		t.Errorf("the unbounded service evicted %d and reloaded %d states", e, r)
	}
	// A listing reads the index, not the states: it reloads nothing.
	_, before := bounded.svc.EvictionStats()
	if got := len(bounded.svc.Index()); got != pacts {
		t.Errorf("Index lists %d pacts, want %d", got, pacts)
	}
	if _, after := bounded.svc.EvictionStats(); after != before {
		t.Errorf("Index reloaded %d states", after-before)
	}
	want := collect(t, kept, kept.svc)
	compare := func(name string, got answers) {
		t.Helper()
		if len(want.states) != pacts {
			t.Fatalf("the unbounded service has %d pacts, want %d", len(want.states), pacts)
		}
		for id, st := range want.states {
			if got.states[id] != st {
				t.Errorf("%s: pact %s differs:\n%s\nwant\n%s", name, id, got.states[id], st)
			}
		}
		if !reflect.DeepEqual(got.index, want.index) {
			t.Errorf("%s: index differs:\n%+v\nwant\n%+v", name, got.index, want.index)
		}
		if !reflect.DeepEqual(got.logs, want.logs) {
			t.Errorf("%s: the logs' entries differ", name)
		}
		if !reflect.DeepEqual(got.roots, want.roots) {
			t.Errorf("%s: roots %v, want %v", name, got.roots, want.roots)
		}
	}
	compare("bounded", collect(t, bounded, bounded.svc))
	// Reopened with the bound: the open evicts as it loads.
	again := bounded.openWith(opts)
	if e, _ := again.EvictionStats(); e < pacts-2 {
		t.Errorf("reopened with a bound of 2, the service evicted %d of %d states", e, pacts)
	}
	compare("reopened", collect(t, bounded, again))
	mustVerifyClean(t, bounded)
}

// TestEvictionUnderConcurrentReadsAndWrites writes to, reads, lists and
// ticks six pacts at once through a service that keeps two states (run it
// with -race): every write is stored once, every read answers, and the
// states readers see at the end are the folds of the logs.
func TestEvictionUnderConcurrentReadsAndWrites(t *testing.T) {
	const pacts, writers, each = 6, 4, 15
	f := newFixture(t)
	f.svc = f.openWith(ledger.Options{MaxStates: 2, SnapshotEvery: 4})
	f.actors("a", "b", "c")
	for i := range pacts {
		id := entente.PactID(fmt.Sprintf("q%d", i))
		p := entente.Pact{ID: id, Name: "Q " + string(id), Kind: entente.Coalition, Agreement: entente.Agreement{Join: entente.JoinOpen}}
		f.do(id, "a", entente.FoundPact{Pact: p, Founders: []entente.ActorID{"a", "b"}})
	}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for w := range writers {
		wg.Go(func() {
			for k := range each {
				id := entente.PactID(fmt.Sprintf("q%d", (w+k)%pacts))
				if _, _, err := f.svc.Do(f.ctx, id, "b", entente.Contribute{Resource: "eur", Amount: 1}); err != nil {
					t.Errorf("contribute to %s: %v", id, err)
					return
				}
			}
		})
	}
	var readers sync.WaitGroup
	for r := range 3 {
		readers.Go(func() {
			for k := 0; ; k++ {
				select {
				case <-stop:
					return
				default:
				}
				switch r {
				case 0:
					id := entente.PactID(fmt.Sprintf("q%d", k%pacts))
					if st, err := f.svc.Pact(id); err != nil || st.Pact.ID != id {
						t.Errorf("Pact(%s): %v", id, err)
						return
					}
				case 1:
					if n := len(f.svc.Index()); n != pacts {
						t.Errorf("Index lists %d pacts, want %d", n, pacts)
						return
					}
				default:
					if _, err := f.svc.Tick(f.ctx); err != nil {
						t.Errorf("Tick: %v", err)
						return
					}
					time.Sleep(time.Millisecond)
				}
			}
		})
	}
	wg.Wait()
	close(stop)
	readers.Wait()
	total := int64(0)
	for i := range pacts {
		id := entente.PactID(fmt.Sprintf("q%d", i))
		st, err := f.svc.Pact(id)
		if err != nil {
			t.Fatal(err)
		}
		entries := f.entries(string(id))
		if st.Len != int64(len(entries)) {
			t.Errorf("pact %s: state of %d events, log of %d", id, st.Len, len(entries))
		}
		total += st.Len - 1
	}
	if total != writers*each {
		t.Errorf("%d contributions stored, want %d", total, writers*each)
	}
	if e, _ := f.svc.EvictionStats(); e == 0 {
		t.Errorf("nothing was evicted")
	}
	f.svc.FlushSnapshots()
	mustVerifyClean(t, f)
}
