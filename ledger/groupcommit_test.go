package ledger_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/entente/entente"
	"github.com/entente/entente/ledger"
)

// foundPacts founds n pacts whose founders are every member in m, and
// returns their IDs.
func (f *fixture) foundPacts(m members, n int) []entente.PactID {
	f.tb.Helper()
	var founders []entente.ActorID
	var cosigners []*entente.Delegate
	for _, id := range []entente.ActorID{"a", "b", "c"} {
		founders = append(founders, id)
		if id != "a" {
			cosigners = append(cosigners, m[id])
		}
	}
	ids := make([]entente.PactID, n)
	for i := range ids {
		ids[i] = entente.PactID(fmt.Sprintf("pact-%d", i))
		p := entente.Pact{ID: ids[i], Name: string(ids[i]), Kind: entente.Coalition,
			Agreement: entente.Agreement{Rules: map[entente.Matter]entente.DecisionRule{entente.General: {Kind: entente.SimpleMajority, Window: entente.Days(5)}}}}
		f.mustSubmit(m["a"], string(ids[i]), entente.FoundPact{Pact: p, Founders: founders}, cosigners...)
	}
	return ids
}

// pledgeNonces returns the nonces of the signed requests in log, counted.
func pledgeNonces(t *testing.T, f *fixture, svc *ledger.Service, log string) map[string]int {
	t.Helper()
	entries, err := svc.Entries(f.ctx, log, 0, -1)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for i, e := range entries {
		ev, err := entente.DecodeEvent(e.Data)
		if err != nil {
			t.Fatal(err)
		}
		if ev.Seq != int64(i) {
			t.Errorf("log %s entry %d carries sequence number %d", log, i, ev.Seq)
		}
		if ev.Signed != nil {
			req, err := entente.ParseRequest([]byte(ev.Signed.Request))
			if err != nil {
				t.Fatal(err)
			}
			out[req.Nonce]++
		}
	}
	return out
}

// submitMany sends the requests concurrently through svcs (request i
// through svcs[i%len(svcs)]) and fails the test on any refusal.
func submitMany(t *testing.T, f *fixture, svcs []*ledger.Service, reqs []*entente.Signed) {
	t.Helper()
	var wg sync.WaitGroup
	for i, sig := range reqs {
		svc := svcs[i%len(svcs)]
		wg.Go(func() {
			if _, err := svc.Submit(f.ctx, sig); err != nil {
				t.Errorf("request %d: %v", i, err)
			}
		})
	}
	wg.Wait()
}

// pledges makes count signed pledges spread over the members and pacts,
// and returns them with the nonce of each, by pact.
func pledges(f *fixture, m members, pacts []entente.PactID, count int) ([]*entente.Signed, map[entente.PactID][]string) {
	var reqs []*entente.Signed
	nonces := map[entente.PactID][]string{}
	who := []entente.ActorID{"a", "b", "c"}
	for i := range count {
		pact := pacts[i%len(pacts)]
		sig := f.signed(m[who[i%3]], string(pact), entente.Pledge{Resource: "hours", Amount: float64(i + 1), Due: f.clock.Now().Add(30 * entente.Day)})
		req, _ := sig.Parse()
		reqs = append(reqs, sig)
		nonces[pact] = append(nonces[pact], req.Nonce)
	}
	return reqs, nonces
}

// checkExactlyOnce checks that each pact's log holds every nonce sent to
// it exactly once, and that Verify passes.
func checkExactlyOnce(t *testing.T, f *fixture, svc *ledger.Service, sent map[entente.PactID][]string) {
	t.Helper()
	for pact, nonces := range sent {
		if err := svc.Refresh(f.ctx, string(pact)); err != nil {
			t.Fatal(err)
		}
		got := pledgeNonces(t, f, svc, string(pact))
		for _, n := range nonces {
			if got[n] != 1 {
				t.Errorf("pact %s holds request %s %d times, want once", pact, n, got[n])
			}
		}
	}
	mustVerifyClean(t, f)
}

// TestGroupCommit sends 96 signed requests to three pacts at once: every
// one is stored exactly once, in order, the store verifies, and the
// appends went to the store in fewer transactions than there were
// appends.
func TestGroupCommit(t *testing.T) {
	f := newFixture(t)
	m := f.delegates("a", "b", "c")
	pacts := f.foundPacts(m, 3)
	b0, a0 := f.svc.WriteStats()
	reqs, sent := pledges(f, m, pacts, 96)
	submitMany(t, f, []*ledger.Service{f.svc}, reqs)
	batches, appends := f.svc.WriteStats()
	batches, appends = batches-b0, appends-a0
	if appends != 96 || batches >= appends {
		t.Errorf("%d appends in %d store transactions: want 96 appends in fewer transactions", appends, batches)
	}
	t.Logf("96 requests: %d appends in %d store transactions", appends, batches)
	checkExactlyOnce(t, f, f.svc, sent)
	for _, p := range pacts {
		st, _ := f.svc.Pact(p)
		if st.Commitments.Len() != 32 {
			t.Errorf("pact %s has %d commitments, want 32", p, st.Commitments.Len())
		}
	}
	// What the service holds is what a fresh open of the store folds.
	before := takeSnapshot(t, f.svc)
	f.reopen()
	if diff := cmp.Diff(before, takeSnapshot(t, f.svc)); diff != "" {
		t.Errorf("reopened service differs (-before +after):\n%s", diff)
	}
}

// TestTwoServicesOneStore runs two services on one SQLite file, as two
// servers would, and sends requests to the same pacts through both at
// once: the writes race for the same positions, and every one must still
// be stored exactly once, each service rebasing the writes that lost. Both
// then serve the same logs and roots.
func TestTwoServicesOneStore(t *testing.T) {
	f := newFixture(t)
	m := f.delegates("a", "b", "c")
	pacts := f.foundPacts(m, 2)
	other := f.open(openStore(t, f.path))
	reqs, sent := pledges(f, m, pacts, 80)
	submitMany(t, f, []*ledger.Service{f.svc, other}, reqs)
	checkExactlyOnce(t, f, f.svc, sent)
	for _, p := range pacts {
		for _, svc := range []*ledger.Service{f.svc, other} {
			if err := svc.Refresh(f.ctx, string(p)); err != nil {
				t.Fatal(err)
			}
		}
		n1, _ := f.svc.Len(string(p))
		n2, _ := other.Len(string(p))
		r1, _ := f.svc.Root(string(p), uint64(n1))
		r2, _ := other.Root(string(p), uint64(n2))
		if n1 != n2 || r1 != r2 || n1 != 41 {
			t.Errorf("pact %s: %d entries root %v here, %d root %v there; want 41 entries on both, same root", p, n1, r1, n2, r2)
		}
		h, err := other.Head(f.ctx, string(p))
		if err != nil || h.Size != uint64(n1) || h.Root != r1 {
			t.Errorf("pact %s: head %d %v, %v; want the served size and root", p, h.Size, h.Root, err)
		}
		if err := f.signer.Public().Verify(h); err != nil {
			t.Errorf("head: %v", err)
		}
	}
}
