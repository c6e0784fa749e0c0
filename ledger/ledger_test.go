package ledger_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/entente/entente"
	"github.com/entente/entente/ledger"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
)

// snapshot is everything a service tells about its store.
type snapshot struct {
	Actors []*entente.Actor
	Pacts  []*entente.PactState
	Logs   map[string]int64
	Heads  map[string]tlog.TreeHead
}

func takeSnapshot(tb testing.TB, svc *ledger.Service) snapshot {
	tb.Helper()
	ctx := context.Background()
	s := snapshot{Actors: svc.Actors(), Pacts: svc.Pacts(), Logs: map[string]int64{}, Heads: map[string]tlog.TreeHead{}}
	logs, err := svc.Logs(ctx)
	if err != nil {
		tb.Fatalf("Logs: %v", err)
	}
	for _, l := range logs {
		if s.Logs[l], err = svc.Len(l); err != nil {
			tb.Fatalf("Len(%s): %v", l, err)
		}
		if s.Heads[l], err = svc.Head(ctx, l); err != nil {
			tb.Fatalf("Head(%s): %v", l, err)
		}
	}
	return s
}

func TestDoAppendsDurablyAndOpenFoldsTheSameState(t *testing.T) {
	f := newFixture(t)
	events := f.buildSmallPact()
	before := takeSnapshot(t, f.svc)

	f.reopen()
	after := takeSnapshot(t, f.svc)
	if diff := cmp.Diff(before, after); diff != "" {
		t.Fatalf("state after reopening differs (-before +after):\n%s", diff)
	}
	if got, want := after.Logs, map[string]int64{entente.RegistryLog: 3, string(smallPact): int64(len(events))}; !cmp.Equal(got, want) {
		t.Errorf("log lengths %v, want %v", got, want)
	}

	// The log holds exactly the events Do returned, in order.
	var stored []entente.Event
	for _, e := range f.entries(string(smallPact)) {
		ev, err := entente.DecodeEvent(e.Data)
		if err != nil {
			t.Fatalf("entry %d: %v", e.Index, err)
		}
		stored = append(stored, ev)
	}
	if diff := cmp.Diff(events, stored); diff != "" {
		t.Errorf("stored events differ from those Do returned (-returned +stored):\n%s", diff)
	}

	// The reopened service carries on where the first one stopped.
	got := f.do(smallPact, "b", entente.Contribute{Commitment: "c2", Amount: 50})
	if n := int64(len(events)); got[0].Seq != n {
		t.Errorf("first event after reopening has seq %d, want %d", got[0].Seq, n)
	}
	mustVerifyClean(t, f)
}

func TestFailingCommandAppendsNothing(t *testing.T) {
	for _, tc := range []struct {
		name string
		pact entente.PactID
		by   entente.ActorID
		cmd  entente.Command
		code string
	}{
		{"negative pledge", smallPact, "a", entente.Pledge{Resource: "eur_k", Amount: -1, Due: t0.Add(60 * entente.Day)}, entente.EINVALID},
		{"pledge due in the past", smallPact, "a", entente.Pledge{Resource: "eur_k", Amount: 1, Due: t0}, entente.EINVALID},
		{"non-member pledges", smallPact, "nobody", entente.Pledge{Resource: "eur_k", Amount: 1, Due: t0.Add(60 * entente.Day)}, entente.EFORBIDDEN},
		{"vote on unknown proposal", smallPact, "a", entente.CastVote{Proposal: "p9", Choice: entente.Yes}, entente.ENOTFOUND},
		{"contribute to another's commitment", smallPact, "a", entente.Contribute{Commitment: "c2", Amount: 1}, entente.EFORBIDDEN},
		{"join twice", smallPact, "c", entente.RequestJoin{}, entente.ECONFLICT},
		{"unknown pact", "nope", "a", entente.RequestJoin{}, entente.ENOTFOUND},
		{"found an existing pact", smallPact, "a", entente.FoundPact{Pact: entente.Pact{ID: smallPact, Name: "Again", Kind: entente.Coalition},
			Founders: []entente.ActorID{"a"}}, entente.ECONFLICT},
		{"found with unknown founder", "other", "a", entente.FoundPact{Pact: entente.Pact{ID: "other", Name: "Other", Kind: entente.Coalition},
			Founders: []entente.ActorID{"a", "zed"}}, entente.EINVALID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			f.buildSmallPact()
			// b's pledge c2 is now past due: a command that ran would record
			// that first, so a failing one must drop it with the rest.
			f.clock.Advance(30 * entente.Day)
			before := takeSnapshot(t, f.svc)
			beforeHeads := f.heads(string(smallPact))

			st, events, err := f.svc.Do(f.ctx, tc.pact, tc.by, tc.cmd)
			if got := entente.ErrorCode(err); got != tc.code {
				t.Fatalf("error %v (code %q), want code %q", err, got, tc.code)
			}
			if st != nil || events != nil {
				t.Errorf("failed Do returned state %v and events %v", st != nil, events)
			}
			if diff := cmp.Diff(before, takeSnapshot(t, f.svc)); diff != "" {
				t.Errorf("service changed (-before +after):\n%s", diff)
			}
			if diff := cmp.Diff(beforeHeads, f.heads(string(smallPact))); diff != "" {
				t.Errorf("stored heads changed (-before +after):\n%s", diff)
			}
			f.reopen()
			if diff := cmp.Diff(before, takeSnapshot(t, f.svc)); diff != "" {
				t.Errorf("store changed (-before +after reopening):\n%s", diff)
			}
			// The premise: a command that runs now records c2 overdue first.
			next := f.do(smallPact, "a", entente.Contribute{Resource: "eur_k", Amount: 1})
			if len(next) != 2 || next[0].Data != (entente.CommitmentOverdue{Commitment: "c2"}) {
				t.Errorf("next command recorded %+v, want c2 overdue then the contribution", next)
			}
		})
	}
}

func TestFailingRegisterActorAppendsNothing(t *testing.T) {
	f := newFixture(t)
	f.actors("a")
	before := takeSnapshot(t, f.svc)
	for _, a := range []entente.Actor{
		{ID: "Bad ID", Name: "x", Kind: entente.Firm},
		{ID: "b", Kind: entente.Firm},
		{ID: "b", Name: "b", Kind: "alien"},
		{ID: "b", Name: "b", Kind: entente.Firm, Capabilities: map[string]float64{"economic": -1}},
	} {
		if _, err := f.svc.RegisterActor(f.ctx, a); entente.ErrorCode(err) != entente.EINVALID {
			t.Errorf("RegisterActor(%+v): %v, want an EINVALID error", a, err)
		}
	}
	if diff := cmp.Diff(before, takeSnapshot(t, f.svc)); diff != "" {
		t.Errorf("service changed (-before +after):\n%s", diff)
	}
}

// flakyStore fails the appends it is told to, passing everything else to
// the store underneath.
type flakyStore struct {
	logstore.Store
	fail int // how many of the next appends fail
}

var errDiskFull = errors.New("disk full")

func (s *flakyStore) Append(ctx context.Context, log string, from int64, entries []logstore.Entry, head tlog.TreeHead) error {
	if s.fail > 0 {
		s.fail--
		return errDiskFull
	}
	return s.Store.Append(ctx, log, from, entries, head)
}

func TestFailedStoreAppendLeavesServiceInStepWithStore(t *testing.T) {
	f := newFixture(t)
	f.buildSmallPact()
	flaky := &flakyStore{Store: f.store}
	f.svc = f.open(flaky)
	before := takeSnapshot(t, f.svc)

	flaky.fail = 1
	_, _, err := f.svc.Do(f.ctx, smallPact, "b", entente.Contribute{Commitment: "c2", Amount: 50})
	if !errors.Is(err, errDiskFull) {
		t.Fatalf("Do over a failing store: %v, want %v", err, errDiskFull)
	}
	flaky.fail = 1
	if _, err := f.svc.RegisterActor(f.ctx, entente.Actor{ID: "d", Name: "D", Kind: entente.Firm}); !errors.Is(err, errDiskFull) {
		t.Fatalf("RegisterActor over a failing store: %v, want %v", err, errDiskFull)
	}
	flaky.fail = 1
	newPact := entente.Pact{ID: "fresh", Name: "Fresh", Kind: entente.Coalition}
	if _, _, err := f.svc.Do(f.ctx, "", "a", entente.FoundPact{Pact: newPact, Founders: []entente.ActorID{"a"}}); !errors.Is(err, errDiskFull) {
		t.Fatalf("FoundPact over a failing store: %v, want %v", err, errDiskFull)
	}
	if diff := cmp.Diff(before, takeSnapshot(t, f.svc)); diff != "" {
		t.Fatalf("service changed after failed appends (-before +after):\n%s", diff)
	}
	if _, err := f.svc.Pact("fresh"); entente.ErrorCode(err) != entente.ENOTFOUND {
		t.Errorf("pact whose founding failed: %v, want ENOTFOUND", err)
	}

	// The same commands go through once the store recovers, at the
	// positions the failed appends would have taken, under heads whose
	// roots match the stored leaves.
	events := f.do(smallPact, "b", entente.Contribute{Commitment: "c2", Amount: 50})
	if want := before.Logs[string(smallPact)]; events[0].Seq != want {
		t.Errorf("retried event has seq %d, want %d", events[0].Seq, want)
	}
	f.actors("d")
	f.do("", "a", entente.FoundPact{Pact: newPact, Founders: []entente.ActorID{"a"}})
	for _, log := range []string{string(smallPact), entente.RegistryLog, "fresh"} {
		head, err := f.svc.Head(f.ctx, log)
		if err != nil {
			t.Fatal(err)
		}
		if want := tlog.Root(leafHashes(f.entries(log))); head.Root != want {
			t.Errorf("log %s: head root %s, want the root of the stored leaves %s", log, head.Root, want)
		}
	}
	mustVerifyClean(t, f)
}

func TestEveryAppendWritesSignedHeadOverTheLog(t *testing.T) {
	f := newFixture(t)
	v := f.signer.Public()
	check := func(log string, appends int) {
		t.Helper()
		heads := f.heads(log)
		if len(heads) != appends {
			t.Fatalf("log %s: %d heads after %d appends", log, len(heads), appends)
		}
		h := heads[len(heads)-1]
		entries := f.entries(log)
		switch {
		case h.Log != log:
			t.Errorf("head names log %q, want %q", h.Log, log)
		case h.Size != uint64(len(entries)):
			t.Errorf("log %s: head size %d, want %d", log, h.Size, len(entries))
		case h.Root != tlog.Root(leafHashes(entries)):
			t.Errorf("log %s: head root %s, want %s", log, h.Root, tlog.Root(leafHashes(entries)))
		case !h.Time.Equal(f.clock.Now()):
			t.Errorf("log %s: head time %s, want the clock's %s", log, h.Time, f.clock.Now())
		}
		if err := v.Verify(h); err != nil {
			t.Errorf("log %s: %v", log, err)
		}
		if got, err := f.svc.Head(f.ctx, log); err != nil || !cmp.Equal(got, h) {
			t.Errorf("svc.Head(%s) = %+v, %v; want the last stored head %+v", log, got, err, h)
		}
		for _, e := range entries {
			if e.LeafHash != tlog.LeafHash(e.Data) {
				t.Errorf("log %s entry %d: stored leaf hash is not the hash of its data", log, e.Index)
			}
		}
	}
	for i, id := range []entente.ActorID{"a", "b", "c"} {
		f.clock.Advance(time.Minute)
		f.actors(id)
		check(entente.RegistryLog, i+1)
	}
	p := entente.Pact{ID: smallPact, Name: "Small", Kind: entente.Coalition}
	steps := []struct {
		by  entente.ActorID
		cmd entente.Command
	}{
		{"a", entente.FoundPact{Pact: p, Founders: []entente.ActorID{"a", "b"}}},
		{"c", entente.RequestJoin{}},
		{"a", entente.Propose{Matter: entente.General, Title: "One"}},
		{"a", entente.CastVote{Proposal: "p1", Choice: entente.Yes}},
		{"b", entente.CastVote{Proposal: "p1", Choice: entente.Yes}},
		{"c", entente.GiveNotice{}},
	}
	for i, s := range steps {
		f.clock.Advance(time.Minute)
		f.do(smallPact, s.by, s.cmd)
		check(string(smallPact), i+1)
	}
}

func TestInclusionProofsVerifyAgainstEveryHead(t *testing.T) {
	f := newFixture(t)
	f.buildSmallPact()
	for _, log := range []string{string(smallPact), entente.RegistryLog} {
		entries := f.entries(log)
		for _, h := range f.heads(log) {
			for i := uint64(0); i < h.Size; i++ {
				p, err := f.svc.InclusionProof(log, i, h.Size)
				if err != nil {
					t.Fatalf("%s: InclusionProof(%d, %d): %v", log, i, h.Size, err)
				}
				if err := tlog.VerifyInclusion(entries[i].LeafHash, i, h.Size, p, h.Root); err != nil {
					t.Errorf("%s: entry %d in head of size %d: %v", log, i, h.Size, err)
				}
			}
		}
	}
}

func TestConsistencyProofsVerifyBetweenEveryPairOfHeads(t *testing.T) {
	f := newFixture(t)
	f.buildSmallPact()
	heads := f.heads(string(smallPact))
	if len(heads) < 8 {
		t.Fatalf("only %d heads; the test wants a longer history", len(heads))
	}
	for i, h1 := range heads {
		for _, h2 := range heads[i:] {
			p, err := f.svc.ConsistencyProof(string(smallPact), h1.Size, h2.Size)
			if err != nil {
				t.Fatalf("ConsistencyProof(%d, %d): %v", h1.Size, h2.Size, err)
			}
			if err := tlog.VerifyConsistency(h1.Size, h2.Size, p, h1.Root, h2.Root); err != nil {
				t.Errorf("heads %d -> %d: %v", h1.Size, h2.Size, err)
			}
		}
	}
}

func TestProofsRefuseSizesTheLogDoesNotHave(t *testing.T) {
	f := newFixture(t)
	f.buildSmallPact()
	n, _ := f.svc.Len(string(smallPact))
	size := uint64(n)
	for _, tc := range []struct {
		name  string
		call  func() error
		field string
	}{
		{"inclusion in size 0", func() error { _, err := f.svc.InclusionProof(string(smallPact), 0, 0); return err }, "size"},
		{"inclusion past the end", func() error { _, err := f.svc.InclusionProof(string(smallPact), 0, size+1); return err }, "size"},
		{"inclusion of index at size", func() error { _, err := f.svc.InclusionProof(string(smallPact), size, size); return err }, "index"},
		{"consistency past the end", func() error { _, err := f.svc.ConsistencyProof(string(smallPact), 1, size+1); return err }, "to"},
		{"consistency backwards", func() error { _, err := f.svc.ConsistencyProof(string(smallPact), 3, 2); return err }, "from"},
		{"unknown log", func() error { _, err := f.svc.InclusionProof("nope", 0, 1); return err }, "log"},
	} {
		err := tc.call()
		if entente.ErrorField(err) != tc.field || !slices.Contains([]string{entente.EINVALID, entente.ENOTFOUND}, entente.ErrorCode(err)) {
			t.Errorf("%s: %v (field %q), want an error on %q", tc.name, err, entente.ErrorField(err), tc.field)
		}
	}
}

func TestTickRecordsDueEventsAndIsIdempotent(t *testing.T) {
	f := newFixture(t)
	f.actors("a", "b")
	p := entente.Pact{ID: smallPact, Name: "Small", Kind: entente.Coalition}
	f.do(smallPact, "a", entente.FoundPact{Pact: p, Founders: []entente.ActorID{"a", "b"}})
	f.do(smallPact, "a", entente.Pledge{Resource: "eur_k", Amount: 100, Due: t0.Add(10 * entente.Day)})
	f.do(smallPact, "b", entente.Pledge{Resource: "eur_k", Amount: 10, Due: t0.Add(10 * entente.Day)})
	f.do(smallPact, "b", entente.Contribute{Commitment: "c2", Amount: 10})

	status := func() map[string]entente.CommitmentStatus {
		t.Helper()
		st, err := f.svc.Pact(smallPact)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]entente.CommitmentStatus{}
		for _, c := range st.Commitments.All() {
			out[c.ID] = c.Status()
		}
		return out
	}
	for _, step := range []struct {
		at     time.Time
		events int
		status map[string]entente.CommitmentStatus
	}{
		{t0.Add(5 * entente.Day), 0, map[string]entente.CommitmentStatus{"c1": entente.Pledged, "c2": entente.Fulfilled}},
		{t0.Add(10 * entente.Day), 0, map[string]entente.CommitmentStatus{"c1": entente.Pledged, "c2": entente.Fulfilled}}, // due, not yet past due
		{t0.Add(10*entente.Day + time.Second), 1, map[string]entente.CommitmentStatus{"c1": entente.Overdue, "c2": entente.Fulfilled}},
		{t0.Add(10*entente.Day + time.Second), 0, map[string]entente.CommitmentStatus{"c1": entente.Overdue, "c2": entente.Fulfilled}},
		{t0.Add(40 * entente.Day), 0, map[string]entente.CommitmentStatus{"c1": entente.Overdue, "c2": entente.Fulfilled}},
	} {
		f.clock.Set(step.at)
		lenBefore, _ := f.svc.Len(string(smallPact))
		headsBefore := len(f.heads(string(smallPact)))
		if n := f.tick(); n != step.events {
			t.Errorf("Tick at %s recorded %d events, want %d", step.at, n, step.events)
		}
		lenAfter, _ := f.svc.Len(string(smallPact))
		if lenAfter-lenBefore != int64(step.events) {
			t.Errorf("Tick at %s: log grew by %d, want %d", step.at, lenAfter-lenBefore, step.events)
		}
		wantHeads := headsBefore
		if step.events > 0 {
			wantHeads++
		}
		if got := len(f.heads(string(smallPact))); got != wantHeads {
			t.Errorf("Tick at %s: %d heads, want %d", step.at, got, wantHeads)
		}
		if diff := cmp.Diff(step.status, status()); diff != "" {
			t.Errorf("commitments after Tick at %s (-want +got):\n%s", step.at, diff)
		}
	}
	last := f.entries(string(smallPact))
	ev, err := entente.DecodeEvent(last[len(last)-1].Data)
	if err != nil {
		t.Fatal(err)
	}
	if want := (entente.CommitmentOverdue{Commitment: "c1"}); ev.Data != want || ev.By != "" {
		t.Errorf("Tick recorded %+v by %q, want %+v by no one", ev.Data, ev.By, want)
	}
	mustVerifyClean(t, f)
}

func TestConcurrentDoAppendsEveryEventOnce(t *testing.T) {
	f := newFixture(t)
	f.buildSmallPact()
	base, _ := f.svc.Len(string(smallPact))
	const workers, each = 6, 20
	seqs := make(chan int64, workers*each)
	var wg sync.WaitGroup
	for w := range workers {
		by := []entente.ActorID{"a", "b", "c"}[w%3]
		wg.Go(func() {
			for range each {
				_, events, err := f.svc.Do(f.ctx, smallPact, by, entente.Contribute{Resource: "eur_k", Amount: 1})
				if err != nil {
					t.Errorf("%s contributes: %v", by, err)
					return
				}
				for _, e := range events {
					seqs <- e.Seq
				}
			}
		})
	}
	wg.Wait()
	close(seqs)
	seen := map[int64]bool{}
	for s := range seqs {
		if seen[s] {
			t.Errorf("seq %d returned twice", s)
		}
		seen[s] = true
	}
	n, _ := f.svc.Len(string(smallPact))
	if n != base+workers*each || len(seen) != workers*each {
		t.Errorf("log grew from %d to %d with %d distinct seqs, want %d appends", base, n, len(seen), workers*each)
	}
	if heads := f.heads(string(smallPact)); heads[len(heads)-1].Size != uint64(n) {
		t.Errorf("last head covers %d of %d entries", heads[len(heads)-1].Size, n)
	}
	mustVerifyClean(t, f)
}

func TestOpenNamesAnEntryThatDoesNotDecode(t *testing.T) {
	f := newFixture(t)
	f.buildSmallPact()
	index := findEntry(t, f.entries(string(smallPact)), `"proposal_opened"`)
	f.store.Close()
	editEntry(t, f.path, string(smallPact), index, false, func([]byte) []byte { return []byte(`{"seq":`) })
	f.store = openStore(t, f.path)
	_, err := ledger.Open(f.ctx, f.store, f.signer, f.clock.Now)
	if want := fmt.Sprintf("log %s entry %d", smallPact, index); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Open over a corrupt entry: %v, want an error naming %q", err, want)
	}
}

func (s *flakyStore) AppendBatch(ctx context.Context, appends []logstore.Append) ([]error, error) {
	return ledger.AppendEach(ctx, s.Append, appends)
}

// TestRegistryLen: the registry's size without a copy follows every
// registration, and matches the copy's.
func TestRegistryLen(t *testing.T) {
	f := newFixture(t)
	before := f.svc.RegistryLen()
	f.actors("acme", "globex")
	if got, want := f.svc.RegistryLen(), f.svc.Registry().Len; got != want || got != before+2 {
		t.Errorf("RegistryLen %d, Registry().Len %d, before %d; want both %d", got, want, before, before+2)
	}
}

// TestTickIdlePactWakes checks that a tick which passes an idle pact by
// (nothing due at the length it last advanced) still advances it once a
// write adds something that falls due, and once that time comes.
func TestTickIdlePactWakes(t *testing.T) {
	f := newFixture(t)
	f.buildSmallPact()
	f.clock.Advance(30 * entente.Day) // everything due so far recorded, then idle
	f.tick()
	if n := f.tick(); n != 0 {
		t.Fatalf("a second tick recorded %d events, want 0", n)
	}
	f.do(smallPact, "a", entente.Propose{Matter: entente.General, Title: "Renew the audit"})
	st, err := f.svc.Pact(smallPact)
	if err != nil {
		t.Fatal(err)
	}
	p := st.Proposals.Last()
	if n := f.tick(); n != 0 {
		t.Fatalf("a tick before %s closes recorded %d events", p.ID, n)
	}
	f.clock.Set(p.Closes)
	if n := f.tick(); n == 0 {
		t.Fatalf("the tick when %s closes recorded nothing", p.ID)
	}
	if st, _ = f.svc.Pact(smallPact); st.Proposal(p.ID).Decision == nil {
		t.Fatalf("%s undecided after its window and a tick", p.ID)
	}
}
