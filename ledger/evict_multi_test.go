package ledger_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/entente/entente"
	"github.com/entente/entente/ledger"
)

// newcomer registers a keyed actor through svc, by an invitation the
// operator issues and the delegate redeems with its own key, drawn from
// a seed of its own (f.delegates draws every batch from the same seed).
func (f *fixture) newcomer(svc *ledger.Service, id entente.ActorID, seed byte) *entente.Delegate {
	f.tb.Helper()
	d, err := entente.NewDelegate(id, "delegate of "+string(id), rand.NewChaCha8([32]byte{seed, 7}))
	if err != nil {
		f.tb.Fatal(err)
	}
	token := "token-" + testNonce()
	if _, err := svc.Invite(f.ctx, id, token, f.clock.Now().Add(entente.Day), false); err != nil {
		f.tb.Fatalf("Invite %s: %v", id, err)
	}
	a := entente.Actor{ID: id, Name: "Actor " + string(id), Kind: entente.Firm, Capabilities: map[string]float64{"economic": 10}}
	f.submitTo(svc, d, entente.RegistryLog, entente.RegisterActor{Actor: a, Key: d.PublicKey(), Delegate: d.Name, Token: token})
	return d
}

// submitTo submits d's signed request through svc; it must succeed.
func (f *fixture) submitTo(svc *ledger.Service, d *entente.Delegate, log string, cmd any, cosigners ...*entente.Delegate) {
	f.tb.Helper()
	if _, err := svc.Submit(f.ctx, f.signed(d, log, cmd, cosigners...)); err != nil {
		f.tb.Fatalf("%s %T on %s: %v", d.Actor, cmd, log, err)
	}
}

// foundOpenPacts founds n pacts that anyone may join, founded by a and
// b's signed request, and returns their IDs.
func (f *fixture) foundOpenPacts(m members, n int) []entente.PactID {
	f.tb.Helper()
	ids := make([]entente.PactID, n)
	for i := range ids {
		ids[i] = entente.PactID(fmt.Sprintf("open-%d", i))
		p := entente.Pact{ID: ids[i], Name: string(ids[i]), Kind: entente.Coalition, Agreement: entente.Agreement{Join: entente.JoinOpen}}
		f.mustSubmit(m["a"], string(ids[i]), entente.FoundPact{Pact: p, Founders: []entente.ActorID{"a", "b"}}, m["b"])
	}
	return ids
}

// stateJSON returns pact id's state as svc serves it, as JSON.
func stateJSON(tb testing.TB, svc *ledger.Service, id entente.PactID) string {
	tb.Helper()
	st, err := svc.Pact(id)
	if err != nil {
		tb.Fatalf("Pact(%s): %v", id, err)
	}
	b, err := json.Marshal(st)
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// sameAsOther checks that svc and other serve pact id alike once both
// have caught up with the store: the same state, length and root.
func sameAsOther(tb testing.TB, f *fixture, svc, other *ledger.Service, id entente.PactID) {
	tb.Helper()
	for _, s := range []*ledger.Service{svc, other} {
		if err := s.Refresh(f.ctx, string(id)); err != nil {
			tb.Fatalf("Refresh(%s): %v", id, err)
		}
	}
	if got, want := stateJSON(tb, svc, id), stateJSON(tb, other, id); got != want {
		tb.Errorf("pact %s differs between the servers:\n%s\nwant\n%s", id, got, want)
	}
	n1, _ := svc.Len(string(id))
	n2, _ := other.Len(string(id))
	r1, _ := svc.Root(string(id), uint64(n1))
	r2, _ := other.Root(string(id), uint64(n2))
	if n1 != n2 || r1 != r2 {
		tb.Errorf("pact %s: %d entries root %v here, %d root %v there", id, n1, r1, n2, r2)
	}
}

// twoServers registers the keyed actors a, b and c and founds n open
// pacts through server A, the fixture's service, and opens server B on
// the same SQLite file, keeping one pact's state.
func twoServers(t *testing.T, n int) (f *fixture, a, b *ledger.Service, m members, pacts []entente.PactID) {
	t.Helper()
	f = newFixture(t)
	m = f.delegates("a", "b", "c")
	pacts = f.foundOpenPacts(m, n)
	b, err := ledger.OpenWith(f.ctx, openStore(t, f.path), f.signer, f.clock.Now, ledger.Options{MaxStates: 1})
	if err != nil {
		t.Fatal(err)
	}
	return f, f.svc, b, m, pacts
}

// TestReloadBehindAnotherServer runs two servers on one SQLite file, B
// keeping one pact's state. Through A an actor registers and acts in
// pacts whose states B has evicted. B's registry does not know the
// actor yet; reloading a pact must not replay that actor's request
// against it (which refused it and broke the log, withdrawing the pact
// from B's readers), neither for a read nor for a command. B serves the
// pact as it held it until it catches up, then exactly as A does, and
// accepts the newcomer's own request as A would.
func TestReloadBehindAnotherServer(t *testing.T) {
	f, a, b, _, pacts := twoServers(t, 2)
	kept := stateJSON(t, b, pacts[0])
	stateJSON(t, b, pacts[1]) // pacts[0] leaves B's memory
	if ev, _ := b.EvictionStats(); ev == 0 {
		t.Fatalf("B evicted nothing")
	}

	// Read: d registers and joins pacts[0] through A.
	d := f.newcomer(a, "d", 1)
	f.submitTo(a, d, string(pacts[0]), entente.RequestJoin{})
	if got := stateJSON(t, b, pacts[0]); got != kept {
		t.Errorf("B reloaded pacts[0] as\n%s\nwant it as B held it\n%s", got, kept)
	}
	if _, r := b.EvictionStats(); r == 0 {
		t.Errorf("B reloaded nothing")
	}
	sameAsOther(t, f, b, a, pacts[0])
	if st, _ := b.Pact(pacts[0]); !slices.Contains(st.InPact(), "d") {
		t.Errorf("B does not show d as a member of %s after catching up", pacts[0])
	}

	// Command: e registers and joins pacts[1] through A, whose state B
	// has evicted again, then pledges through B.
	stateJSON(t, b, pacts[0])
	e := f.newcomer(a, "e", 2)
	f.submitTo(a, e, string(pacts[1]), entente.RequestJoin{})
	f.submitTo(b, e, string(pacts[1]), entente.Pledge{Resource: "eur", Amount: 5, Due: f.clock.Now().Add(entente.Day)})
	sameAsOther(t, f, b, a, pacts[1])
	if st, _ := a.Pact(pacts[1]); st.Commitments.Len() != 1 {
		t.Errorf("A shows %d commitments in %s, want e's one", st.Commitments.Len(), pacts[1])
	}
	mustVerifyClean(t, f)
}

// TestReloadRacesAnotherServer runs the case above concurrently (run it
// with -race): through A, newcomers register one after another and join
// three pacts; through B, which keeps one state, the founders pledge to
// the pacts while a reader reads them all in turn, so that B evicts and
// reloads states throughout while its registry lags A's. Every write is
// accepted, every read answers, and both servers end up serving the same
// states and roots.
func TestReloadRacesAnotherServer(t *testing.T) {
	const newcomers, pledgesEach = 6, 12
	f, a, b, m, pacts := twoServers(t, 3)
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := range newcomers {
			id := entente.ActorID(fmt.Sprintf("n%d", i))
			d := f.newcomer(a, id, byte(10+i))
			for _, p := range pacts {
				if _, err := a.Submit(f.ctx, f.signed(d, string(p), entente.RequestJoin{})); err != nil {
					t.Errorf("%s joins %s through A: %v", id, p, err)
				}
			}
		}
	})
	for _, who := range []entente.ActorID{"a", "b"} {
		wg.Go(func() {
			for k := range pledgesEach {
				p := pacts[k%len(pacts)]
				sig := f.signed(m[who], string(p), entente.Pledge{Resource: "eur", Amount: float64(k + 1), Due: f.clock.Now().Add(entente.Day)})
				if _, err := b.Submit(f.ctx, sig); err != nil {
					t.Errorf("%s pledges to %s through B: %v", who, p, err)
				}
			}
		})
	}
	stop := make(chan struct{})
	var reader sync.WaitGroup
	reader.Go(func() {
		for k := 0; ; k++ {
			select {
			case <-stop:
				return
			default:
			}
			p := pacts[k%len(pacts)]
			if st, err := b.Pact(p); err != nil || st.Pact.ID != p {
				t.Errorf("B reads %s: %v", p, err)
				return
			}
		}
	})
	wg.Wait()
	close(stop)
	reader.Wait()
	if _, r := b.EvictionStats(); r == 0 {
		t.Errorf("B reloaded nothing")
	}
	for _, p := range pacts {
		sameAsOther(t, f, b, a, p)
		st, _ := b.Pact(p)
		if got, want := st.Commitments.Len(), 2*pledgesEach/len(pacts); got != want {
			t.Errorf("pact %s holds %d pledges, want %d", p, got, want)
		}
		for i := range newcomers {
			if id := entente.ActorID(fmt.Sprintf("n%d", i)); !slices.Contains(st.InPact(), id) {
				t.Errorf("pact %s: %s is not a member", p, id)
			}
		}
	}
	mustVerifyClean(t, f)
}
