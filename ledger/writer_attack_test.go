package ledger_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/ledger"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
)

// These tests attack the group commit (writer.go) with a store that holds,
// fails or refuses the batches it is handed, and a second service writing
// the same pacts through another handle of the store. After each, every
// head in the store must be signed over the root of exactly the first Size
// leaves, every request acknowledged must be stored once, and none other.

// errInjected is the failure faultStore injects: the database is away.
var errInjected = entente.Errorf(entente.EUNAVAILABLE, "injected: the database is away")

// batchStep is what faultStore does with one AppendBatch call, given the
// store it wraps.
type batchStep func(ctx context.Context, inner logstore.Store, appends []logstore.Append) ([]error, error)

// faultStore runs its scripted steps on the AppendBatch calls it is
// handed, one step a call, and passes the calls after them through.
type faultStore struct {
	logstore.Store
	mu    sync.Mutex
	steps []batchStep
	sent  [][]logstore.Append // each call's appends
}

func (s *faultStore) script(steps ...batchStep) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.steps = append(s.steps, steps...)
}

func (s *faultStore) AppendBatch(ctx context.Context, appends []logstore.Append) ([]error, error) {
	s.mu.Lock()
	var step batchStep
	if len(s.steps) > 0 {
		step, s.steps = s.steps[0], s.steps[1:]
	}
	s.sent = append(s.sent, appends)
	s.mu.Unlock()
	if step == nil {
		step = passBatch
	}
	return step(ctx, s.Store, appends)
}

func passBatch(ctx context.Context, inner logstore.Store, appends []logstore.Append) ([]error, error) {
	return inner.AppendBatch(ctx, appends)
}

// holdBatch tells entered that it has a batch, waits for release and then
// does then.
func holdBatch(entered chan<- struct{}, release <-chan struct{}, then batchStep) batchStep {
	return func(ctx context.Context, inner logstore.Store, appends []logstore.Append) ([]error, error) {
		entered <- struct{}{}
		<-release
		return then(ctx, inner, appends)
	}
}

// failBatch fails the batch as a whole without writing it.
func failBatch(context.Context, logstore.Store, []logstore.Append) ([]error, error) {
	return nil, errInjected
}

// commitThenFail writes the batch and then reports the whole batch failed,
// as a store whose connection broke after the commit does.
func commitThenFail(ctx context.Context, inner logstore.Store, appends []logstore.Append) ([]error, error) {
	if _, err := inner.AppendBatch(ctx, appends); err != nil {
		return nil, err
	}
	return nil, errInjected
}

// refuseLog refuses log's appends in a batch from its k-th (from 0) on
// with code, unwritten, as a store refuses the later appends of a log
// once one is refused, and writes the others.
func refuseLog(log string, k int, code string) batchStep {
	return func(ctx context.Context, inner logstore.Store, appends []logstore.Append) ([]error, error) {
		results := make([]error, len(appends))
		var pass []logstore.Append
		var at []int
		seen := 0
		for i, a := range appends {
			if a.Log == log {
				if seen >= k {
					results[i] = entente.Errorf(code, "injected: append %d to log %s refused", seen, log)
					seen++
					continue
				}
				seen++
			}
			pass, at = append(pass, a), append(at, i)
		}
		got, err := inner.AppendBatch(ctx, pass)
		if err != nil {
			return nil, err
		}
		for j, i := range at {
			results[i] = got[j]
		}
		return results, nil
	}
}

// submitAsync submits sig through svc in the background and returns the
// channel its outcome comes on.
func submitAsync(ctx context.Context, svc *ledger.Service, sig *entente.Signed) <-chan error {
	done := make(chan error, 1)
	go func() {
		_, err := svc.Submit(ctx, sig)
		done <- err
	}()
	return done
}

// waitQueued yields until svc's committer has n appends queued, failing
// the test if a command finishes first.
func waitQueued(t *testing.T, svc *ledger.Service, n int, dones ...<-chan error) {
	t.Helper()
	for ledger.QueuedForTest(svc) != n {
		for i, d := range dones {
			select {
			case err := <-d:
				t.Fatalf("waiting for %d queued appends: command %d finished first (%v)", n, i, err)
			default:
			}
		}
		runtime.Gosched()
	}
}

// nonceOf returns sig's request nonce.
func nonceOf(t *testing.T, sig *entente.Signed) string {
	t.Helper()
	req, err := sig.Parse()
	if err != nil {
		t.Fatal(err)
	}
	return req.Nonce
}

// checkHeads checks every log of store: its entries are numbered from 0
// and hash to their leaf hashes, and every head is signed by pub over the
// root of exactly the log's first Size leaves, the last covering them
// all.
func checkHeads(t *testing.T, store logstore.Store, pub tlog.Verifier) {
	t.Helper()
	ctx := t.Context()
	logs, err := store.Logs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, log := range logs {
		entries, err := store.Entries(ctx, log, 0, -1)
		if err != nil {
			t.Fatal(err)
		}
		leaves := make([]tlog.Hash, len(entries))
		for i, e := range entries {
			if e.Index != int64(i) || e.LeafHash != tlog.LeafHash(e.Data) {
				t.Errorf("log %s entry %d: index %d, leaf hash matches its data: %t", log, i, e.Index, e.LeafHash == tlog.LeafHash(e.Data))
			}
			leaves[i] = e.LeafHash
		}
		heads, err := store.Heads(ctx, log)
		if err != nil {
			t.Fatal(err)
		}
		if len(heads) == 0 || heads[len(heads)-1].Size != uint64(len(leaves)) {
			t.Errorf("log %s: %d entries, heads %+v: want the last head over all of them", log, len(leaves), heads)
		}
		for _, h := range heads {
			if h.Size > uint64(len(leaves)) {
				t.Errorf("log %s: head of size %d over %d entries", log, h.Size, len(leaves))
				continue
			}
			if want := tlog.Root(leaves[:h.Size]); h.Root != want {
				t.Errorf("log %s: head of size %d has root %s, the first %d leaves %s", log, h.Size, h.Root, h.Size, want)
			}
			if err := pub.Verify(h); err != nil {
				t.Errorf("log %s: head of size %d: %v", log, h.Size, err)
			}
		}
	}
}

// sameView checks that svcs serve pacts with the length, root and head
// the store holds.
func sameView(t *testing.T, f *fixture, store logstore.Store, svcs []*ledger.Service, pacts []entente.PactID) {
	t.Helper()
	for _, p := range pacts {
		log := string(p)
		n, err := store.Len(f.ctx, log)
		if err != nil {
			t.Fatal(err)
		}
		entries, _ := store.Entries(f.ctx, log, 0, -1)
		want := tlog.Root(leafHashes(entries))
		for i, svc := range svcs {
			if err := svc.Refresh(f.ctx, log); err != nil {
				t.Fatalf("service %d: Refresh(%s): %v", i, log, err)
			}
			got, _ := svc.Len(log)
			root, _ := svc.Root(log, uint64(got))
			if got != n || root != want {
				t.Errorf("service %d serves %s at %d entries, root %s; the store holds %d, root %s", i, log, got, root, n, want)
			}
			if st, err := svc.Pact(p); err != nil || st.Len != n {
				t.Errorf("service %d: pact %s state of %v entries (%v), want %d", i, log, st, err, n)
			}
		}
	}
}

// checkStoredOnce checks that each pact's log holds each nonce of want
// exactly as often as want says (0: not at all), and that every entry's
// sequence number is its index.
func checkStoredOnce(t *testing.T, f *fixture, svc *ledger.Service, want map[entente.PactID]map[string]int) {
	t.Helper()
	for p, nonces := range want {
		if err := svc.Refresh(f.ctx, string(p)); err != nil {
			t.Fatal(err)
		}
		got := pledgeNonces(t, f, svc, string(p))
		for n, times := range nonces {
			if got[n] != times {
				t.Errorf("pact %s holds request %s %d times, want %d", p, n, got[n], times)
			}
		}
	}
}

// hoursBy is a's signed contribution of amount hours to pact.
func hoursBy(f *fixture, m members, pact entente.PactID, amount float64) *entente.Signed {
	return f.signed(m["a"], string(pact), entente.Contribute{Resource: "hours", Amount: amount})
}

// attackFixture founds two member-kept pacts through the fixture's
// service, then opens service A on a faultStore over a second handle of
// the same SQLite file, with its committer gathering every command being
// run (so that a test knows what each batch holds).
func attackFixture(t *testing.T) (f *fixture, m members, pacts []entente.PactID, fs *faultStore, a *ledger.Service) {
	t.Helper()
	f = newFixture(t)
	m = f.delegates("a", "b", "c")
	pacts = f.foundOpenPacts(m, 2)
	fs = &faultStore{Store: openStore(t, f.path)}
	a = f.open(fs)
	ledger.GatherLimitForTest(a, time.Hour)
	return f, m, pacts, fs, a
}

// TestRebaseAroundStaleAppends holds service A's batch (X0 on pact p) in
// the store while A queues X1 and X2 on p's tip after it and Y on pact q,
// and service B, on another handle of the same file, takes X0's place in
// p. X0 is refused and rebased; X1 and X2, queued on the tip that fell
// back, are dropped unsent and rebased; Y goes through. Every command
// succeeds, each stored once, every head verifies, and both services
// serve what the store holds. With the committer signing each append's
// head (no join), the same.
func TestRebaseAroundStaleAppends(t *testing.T) {
	for _, signEach := range []bool{false, true} {
		t.Run(fmt.Sprintf("signEach=%t", signEach), func(t *testing.T) {
			f, m, pacts, fs, a := attackFixture(t)
			ledger.SignEachForBenchmark(a, signEach)
			p, q := pacts[0], pacts[1]
			entered, release := make(chan struct{}, 1), make(chan struct{})
			fs.script(holdBatch(entered, release, passBatch))

			sigs := []*entente.Signed{hoursBy(f, m, p, 1), hoursBy(f, m, p, 2), hoursBy(f, m, p, 3), hoursBy(f, m, q, 4)}
			dones := []<-chan error{submitAsync(f.ctx, a, sigs[0])}
			<-entered
			for _, sig := range sigs[1:] {
				dones = append(dones, submitAsync(f.ctx, a, sig))
			}
			waitQueued(t, a, 3, dones...)
			z := hoursBy(f, m, p, 5)
			if _, err := f.svc.Submit(f.ctx, z); err != nil { // B takes X0's place
				t.Fatal(err)
			}
			close(release)
			for i, d := range dones {
				if err := <-d; err != nil {
					t.Errorf("command %d: %v", i, err)
				}
			}
			want := map[entente.PactID]map[string]int{p: {nonceOf(t, z): 1}, q: {}}
			for i, sig := range sigs {
				want[pacts[i/3]][nonceOf(t, sig)] = 1
			}
			checkStoredOnce(t, f, a, want)
			checkHeads(t, f.store, f.signer.Public())
			mustVerifyClean(t, f)
			sameView(t, f, f.store, []*ledger.Service{a, f.svc}, pacts)
			if len(fs.sent) < 3 {
				t.Errorf("A made %d store calls, want at least 3 (the refused batch, then the rebased ones)", len(fs.sent))
			}
		})
	}
}

// TestWholeBatchFailureThenRecovery fails a batch of A's as a whole: once
// before anything is written, once after the store committed it (a
// connection lost after the commit). The batch carries appends to two
// pacts and a registry command, queued while an earlier batch was held.
// Every command in it fails with the store's error: none is acknowledged.
// Commands sent afterwards succeed on top of what the store holds; the
// failed requests, sent again, are stored once in all (in the second
// case they were already, and are refused as recorded). No head of the
// store is off, and the service serves what a fresh one folds.
func TestWholeBatchFailureThenRecovery(t *testing.T) {
	for _, tc := range []struct {
		name      string
		fail      batchStep
		committed bool
	}{
		{"before the write", failBatch, false},
		{"after the commit", commitThenFail, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, m, pacts, fs, a := attackFixture(t)
			p, q := pacts[0], pacts[1]
			entered, release := make(chan struct{}, 1), make(chan struct{})
			fs.script(holdBatch(entered, release, passBatch), tc.fail)

			x0 := hoursBy(f, m, p, 1)
			first := submitAsync(f.ctx, a, x0)
			<-entered
			failed := []*entente.Signed{hoursBy(f, m, p, 2), hoursBy(f, m, p, 3), hoursBy(f, m, q, 4)}
			var dones []<-chan error
			for _, sig := range failed {
				dones = append(dones, submitAsync(f.ctx, a, sig))
			}
			invited := make(chan error, 1)
			go func() {
				_, err := a.Invite(f.ctx, "d", "token-"+testNonce(), f.clock.Now().Add(entente.Day), false)
				invited <- err
			}()
			waitQueued(t, a, 4, append(dones, first, invited)...)
			close(release)
			if err := <-first; err != nil {
				t.Fatalf("the held command: %v", err)
			}
			for i, d := range append(dones, invited) {
				if err := <-d; !errors.Is(err, errInjected) {
					t.Errorf("command %d of the failed batch: %v, want the injected failure", i, err)
				}
			}

			// The service carries on on top of what the store holds.
			after := []*entente.Signed{hoursBy(f, m, p, 5), hoursBy(f, m, q, 6)}
			for _, sig := range after {
				if _, err := a.Submit(f.ctx, sig); err != nil {
					t.Fatalf("after the failure: %v", err)
				}
			}
			if _, err := a.Invite(f.ctx, "e", "token-"+testNonce(), f.clock.Now().Add(entente.Day), false); err != nil {
				t.Fatalf("registry command after the failure: %v", err)
			}
			// The failed requests, sent again: stored now, or already.
			for _, sig := range failed {
				_, err := a.Submit(f.ctx, sig)
				switch {
				case tc.committed && entente.ErrorCode(err) != entente.ECONFLICT:
					t.Errorf("request stored by the failed batch, sent again: %v, want a conflict (already recorded)", err)
				case !tc.committed && err != nil:
					t.Errorf("request of the failed batch, sent again: %v", err)
				}
			}
			want := map[entente.PactID]map[string]int{p: {}, q: {}}
			for _, sig := range append(append([]*entente.Signed{x0}, failed...), after...) {
				req, _ := sig.Parse()
				want[entente.PactID(req.Log)][req.Nonce] = 1
			}
			checkStoredOnce(t, f, a, want)
			checkHeads(t, f.store, f.signer.Public())
			mustVerifyClean(t, f)
			sameView(t, f, f.store, []*ledger.Service{a, f.open(openStore(t, f.path))}, pacts)
		})
	}
}

// TestRefusedAppendMidBatch has the store refuse one log's appends in a
// batch that also carries another log's, which are written: with ECONFLICT
// (as when another server raced, though here none did: the log's length
// is what A thinks) the refused commands are rebased and succeed; with
// EINVALID the first refused command fails with it and the others of its
// log, refused after it, are rebased and succeed. With heads signed per
// append, the refusal can fall after an accepted append of the same log
// in the batch.
func TestRefusedAppendMidBatch(t *testing.T) {
	for _, tc := range []struct {
		name     string
		signEach bool
		from     int    // the first of p's appends in the batch refused
		code     string // its refusal
		invalid  int    // p's command (from 0) that fails, -1 for none
	}{
		{"conflict", false, 0, entente.ECONFLICT, -1},
		{"invalid", false, 0, entente.EINVALID, 0},
		{"conflict after one written", true, 1, entente.ECONFLICT, -1},
		{"invalid after one written", true, 1, entente.EINVALID, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, m, pacts, fs, a := attackFixture(t)
			ledger.SignEachForBenchmark(a, tc.signEach)
			p, q := pacts[0], pacts[1]
			entered, release := make(chan struct{}, 1), make(chan struct{})
			fs.script(holdBatch(entered, release, passBatch), refuseLog(string(p), tc.from, tc.code))

			x0 := hoursBy(f, m, p, 1)
			first := submitAsync(f.ctx, a, x0)
			<-entered
			sigs := []*entente.Signed{hoursBy(f, m, p, 2), hoursBy(f, m, q, 3), hoursBy(f, m, p, 4), hoursBy(f, m, p, 5)}
			var dones []<-chan error
			for i, sig := range sigs { // one at a time: the queue holds them in this order
				dones = append(dones, submitAsync(f.ctx, a, sig))
				waitQueued(t, a, i+1, append(dones, first)...)
			}
			close(release)
			if err := <-first; err != nil {
				t.Fatal(err)
			}
			want := map[entente.PactID]map[string]int{p: {nonceOf(t, x0): 1}, q: {}}
			ps := 0 // p's commands seen
			for i, d := range dones {
				req, _ := sigs[i].Parse()
				err := <-d
				times := 1
				if entente.PactID(req.Log) == p {
					if ps == tc.invalid {
						times = 0
						if entente.ErrorCode(err) != entente.EINVALID {
							t.Errorf("command %d: %v, want the store's refusal", i, err)
						}
						err = nil
					}
					ps++
				}
				if err != nil {
					t.Errorf("command %d: %v", i, err)
				}
				want[entente.PactID(req.Log)][req.Nonce] = times
			}
			checkStoredOnce(t, f, a, want)
			checkHeads(t, f.store, f.signer.Public())
			mustVerifyClean(t, f)
			sameView(t, f, f.store, []*ledger.Service{a, f.svc}, pacts)
		})
	}
}

// TestSameRequestTwiceWhileQueued submits a signed request to service A
// and, while its append is queued (its batch held in the store), the same
// request again, as a client that retries does. The second submission may
// not be answered "already recorded" before the request is durable: when
// the first's batch fails, the request is not recorded, and the second
// runs and is stored; when it is stored, or rebased (service B took its
// place with another request), the second is refused as recorded; when B
// stored the same request meanwhile, both are refused as recorded. The
// request is stored exactly once, and a submission refused as recorded
// only once it is.
func TestSameRequestTwiceWhileQueued(t *testing.T) {
	for _, tc := range []struct {
		name string
		then batchStep
		// what service B stores while the batch is held: nothing, another
		// request to the pact, or the same request
		raced, same bool
		firstOK     bool // whether the first submission succeeds
		successes   int  // how many of A's two submissions succeed
	}{
		{name: "batch fails", then: failBatch, successes: 1},
		{name: "batch stored", then: passBatch, firstOK: true, successes: 1},
		{name: "batch rebased", then: passBatch, raced: true, firstOK: true, successes: 1},
		{name: "B stores it", then: passBatch, same: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, m, pacts, fs, a := attackFixture(t)
			p := pacts[0]
			entered, release := make(chan struct{}, 1), make(chan struct{})
			fs.script(holdBatch(entered, release, tc.then))
			r := hoursBy(f, m, p, 1)
			first := submitAsync(f.ctx, a, r)
			<-entered
			second := submitAsync(f.ctx, a, r)
			// The second has either been answered or waits for the first.
			var secondErr error
			answered := false
			for !answered && ledger.NonceWaitsForTest(a) == 0 {
				select {
				case secondErr = <-second:
					answered = true
				default:
					runtime.Gosched()
				}
			}
			want := map[entente.PactID]map[string]int{p: {nonceOf(t, r): 1}}
			switch {
			case tc.raced:
				z := hoursBy(f, m, p, 2)
				if _, err := f.svc.Submit(f.ctx, z); err != nil {
					t.Fatal(err)
				}
				want[p][nonceOf(t, z)] = 1
			case tc.same:
				if _, err := f.svc.Submit(f.ctx, r); err != nil {
					t.Fatal(err)
				}
			}
			// Whether the request is stored when the second is answered.
			storedThen := tc.same
			close(release)
			firstErr := <-first
			if !answered {
				secondErr = <-second
				storedThen = storedThen || firstErr == nil
			}
			if tc.firstOK != (firstErr == nil) {
				t.Errorf("first submission: %v", firstErr)
			}
			successes := 0
			for i, err := range []error{firstErr, secondErr} {
				switch {
				case err == nil:
					successes++
				case entente.ErrorCode(err) != entente.ECONFLICT:
					if i == 0 && !tc.firstOK {
						continue // the batch's failure
					}
					t.Errorf("submission %d: %v, want success or a refusal as recorded", i, err)
				case i == 1 && !storedThen:
					t.Errorf("second submission answered %v before the request was stored (the first: %v)", err, firstErr)
				}
			}
			if successes != tc.successes {
				t.Errorf("%d of A's submissions succeeded (%v; %v), want %d", successes, firstErr, secondErr, tc.successes)
			}
			checkStoredOnce(t, f, a, want)
			checkHeads(t, f.store, f.signer.Public())
		})
	}
}

// TestRebasedUntilTheBound has the store refuse every append to a pact, as
// if other servers won every race: the command is rebased and sent again
// 32 times, then its client is told to retry (503), never left waiting,
// and nothing is stored; the next command starts its own count.
func TestRebasedUntilTheBound(t *testing.T) {
	f, m, pacts, fs, a := attackFixture(t)
	p := pacts[0]
	for range 40 {
		fs.script(refuseLog(string(p), 0, entente.ECONFLICT))
	}
	r := hoursBy(f, m, p, 1)
	if _, err := a.Submit(f.ctx, r); entente.ErrorCode(err) != entente.EUNAVAILABLE {
		t.Errorf("Submit with every append refused: %v, want unavailable", err)
	}
	if len(fs.sent) != 32 {
		t.Errorf("the command was sent %d times, want 32", len(fs.sent))
	}
	checkStoredOnce(t, f, a, map[entente.PactID]map[string]int{p: {nonceOf(t, r): 0}})
	// The bound is each command's: the next is refused the 8 times left
	// in the script, then stored.
	if _, err := a.Submit(f.ctx, hoursBy(f, m, p, 2)); err != nil || len(fs.sent) != 41 {
		t.Errorf("the next command: %v after %d sends in all, want success at the 41st", err, len(fs.sent))
	}
}

// TestRefreshWhileAppendsQueued has A's reader refresh pact p, which
// service B has appended to, while A's batch on pact q is in the store and
// two appends to p are queued on A's old tip: whether the refresh catches
// p up before the committer takes them (they are then dropped unsent) or
// after (they are refused), both commands are rebased onto B's append and
// stored once, and every head verifies.
func TestRefreshWhileAppendsQueued(t *testing.T) {
	f, m, pacts, fs, a := attackFixture(t)
	p, q := pacts[0], pacts[1]
	entered, release := make(chan struct{}, 1), make(chan struct{})
	fs.script(holdBatch(entered, release, passBatch))
	y := hoursBy(f, m, q, 1)
	dones := []<-chan error{submitAsync(f.ctx, a, y)}
	<-entered
	xs := []*entente.Signed{hoursBy(f, m, p, 2), hoursBy(f, m, p, 3)}
	for _, x := range xs {
		dones = append(dones, submitAsync(f.ctx, a, x))
	}
	waitQueued(t, a, 2, dones...)
	z := hoursBy(f, m, p, 4)
	if _, err := f.svc.Submit(f.ctx, z); err != nil {
		t.Fatal(err)
	}
	refreshed := make(chan error, 1)
	go func() { refreshed <- a.Refresh(f.ctx, string(p)) }() // waits for the batch in the store
	close(release)
	if err := <-refreshed; err != nil {
		t.Fatal(err)
	}
	for i, d := range dones {
		if err := <-d; err != nil {
			t.Errorf("command %d: %v", i, err)
		}
	}
	want := map[entente.PactID]map[string]int{p: {nonceOf(t, z): 1}, q: {nonceOf(t, y): 1}}
	for _, x := range xs {
		want[p][nonceOf(t, x)] = 1
	}
	checkStoredOnce(t, f, a, want)
	checkHeads(t, f.store, f.signer.Public())
	mustVerifyClean(t, f)
	sameView(t, f, f.store, []*ledger.Service{a, f.svc}, pacts)
}

// amounts counts the contributions stored in log, by amount.
func amounts(t *testing.T, store logstore.Store, log string) map[float64]int {
	t.Helper()
	entries, err := store.Entries(t.Context(), log, 0, -1)
	if err != nil {
		t.Fatal(err)
	}
	out := map[float64]int{}
	for _, e := range entries {
		ev, err := entente.DecodeEvent(e.Data)
		if err != nil {
			t.Fatal(err)
		}
		if c, ok := ev.Data.(entente.ContributionMade); ok {
			out[c.Contribution.Amount]++
		}
	}
	return out
}

// TestRebaseOfTheOperatorsRecord is TestRebaseAroundStaleAppends on pacts
// of the operator's record, which a log that lost a race loads afresh
// rather than extends: A's held batch (a contribution to p) loses its
// place to service B's, and the two contributions A queued to p after it
// go stale; all are stored once, with one to pact q that went through.
func TestRebaseOfTheOperatorsRecord(t *testing.T) {
	f := newFixture(t)
	f.actors("a")
	pacts := []entente.PactID{"p", "q"}
	for _, id := range pacts {
		p := entente.Pact{ID: id, Name: string(id), Kind: entente.Coalition,
			Agreement: entente.Agreement{Rules: map[entente.Matter]entente.DecisionRule{entente.General: {Kind: entente.SimpleMajority, Window: entente.Days(5)}}}}
		f.do(id, "a", entente.FoundPact{Pact: p, Founders: []entente.ActorID{"a"}})
	}
	fs := &faultStore{Store: openStore(t, f.path)}
	a := f.open(fs)
	ledger.GatherLimitForTest(a, time.Hour)
	entered, release := make(chan struct{}, 1), make(chan struct{})
	fs.script(holdBatch(entered, release, passBatch))
	contribute := func(pact entente.PactID, amount float64) <-chan error {
		done := make(chan error, 1)
		go func() {
			_, _, err := a.Do(f.ctx, pact, "a", entente.Contribute{Resource: "hours", Amount: amount})
			done <- err
		}()
		return done
	}
	dones := []<-chan error{contribute("p", 1)}
	<-entered
	dones = append(dones, contribute("p", 2), contribute("p", 3), contribute("q", 4))
	waitQueued(t, a, 3, dones...)
	f.do("p", "a", entente.Contribute{Resource: "hours", Amount: 5}) // B takes the place of A's
	close(release)
	for i, d := range dones {
		if err := <-d; err != nil {
			t.Errorf("command %d: %v", i, err)
		}
	}
	for log, want := range map[string][]float64{"p": {1, 2, 3, 5}, "q": {4}} {
		got := amounts(t, f.store, log)
		for _, amount := range want {
			if got[amount] != 1 {
				t.Errorf("pact %s holds the contribution of %g %d times, want once", log, amount, got[amount])
			}
		}
		if len(got) != len(want) {
			t.Errorf("pact %s holds contributions %v, want %v", log, got, want)
		}
	}
	checkHeads(t, f.store, f.signer.Public())
	mustVerifyClean(t, f)
	sameView(t, f, f.store, []*ledger.Service{a, f.svc}, pacts)
}
