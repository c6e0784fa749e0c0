package ledger_test

import (
	"bytes"
	"context"
	"database/sql"
	"path/filepath"
	"sync"
	"testing"
	"time"

	_ "modernc.org/sqlite" // the "sqlite" driver, to edit stored entries by hand

	"github.com/entente/entente"
	"github.com/entente/entente/ledger"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/sqlite"
	"github.com/entente/entente/tlog"
)

// t0 is when the test pacts are founded.
var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// clock is a fake clock the tests move by hand.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

func (c *clock) Advance(d time.Duration) { c.Set(c.Now().Add(d)) }

// testSigner returns a signer whose key comes from a fixed seed, so runs
// reproduce.
func testSigner(tb testing.TB, seed byte) tlog.Signer {
	tb.Helper()
	s, err := tlog.GenerateKey(bytes.NewReader(bytes.Repeat([]byte{seed}, 32)))
	if err != nil {
		tb.Fatalf("GenerateKey: %v", err)
	}
	return s
}

// openStore opens (creating) the SQLite store at path, closed at cleanup.
func openStore(tb testing.TB, path string) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(path)
	if err != nil {
		tb.Fatalf("sqlite.Open: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// fixture is a service over a real SQLite file with a fake clock.
type fixture struct {
	tb     testing.TB
	ctx    context.Context
	path   string
	store  *sqlite.DB
	signer tlog.Signer
	clock  *clock
	svc    *ledger.Service
}

func newFixture(tb testing.TB) *fixture {
	tb.Helper()
	f := &fixture{tb: tb, ctx: context.Background(), path: filepath.Join(tb.TempDir(), "entente.db"),
		signer: testSigner(tb, 1), clock: &clock{t: t0}}
	f.store = openStore(tb, f.path)
	f.svc = f.open(f.store)
	return f
}

// open runs ledger.Open over store on the fixture's signer and clock.
func (f *fixture) open(store logstore.Store) *ledger.Service {
	f.tb.Helper()
	svc, err := ledger.Open(f.ctx, store, f.signer, f.clock.Now)
	if err != nil {
		f.tb.Fatalf("ledger.Open: %v", err)
	}
	return svc
}

// reopen closes the store and opens the file again under a new service.
func (f *fixture) reopen() {
	f.tb.Helper()
	f.svc.FlushSnapshots()
	if err := f.store.Close(); err != nil {
		f.tb.Fatalf("closing the store: %v", err)
	}
	f.store = openStore(f.tb, f.path)
	f.svc = f.open(f.store)
}

func (f *fixture) actors(ids ...entente.ActorID) {
	f.tb.Helper()
	for _, id := range ids {
		a := entente.Actor{ID: id, Name: "Actor " + string(id), Kind: entente.Firm,
			Capabilities: map[string]float64{"economic": float64(len(id)) * 10}}
		if _, err := f.svc.RegisterActor(f.ctx, a); err != nil {
			f.tb.Fatalf("RegisterActor %s: %v", id, err)
		}
	}
}

// do runs a command that must succeed and returns its events.
func (f *fixture) do(pact entente.PactID, by entente.ActorID, cmd entente.Command) []entente.Event {
	f.tb.Helper()
	_, events, err := f.svc.Do(f.ctx, pact, by, cmd)
	if err != nil {
		f.tb.Fatalf("%s %T on %s: %v", by, cmd, pact, err)
	}
	return events
}

func (f *fixture) tick() int {
	f.tb.Helper()
	n, err := f.svc.Tick(f.ctx)
	if err != nil {
		f.tb.Fatalf("Tick: %v", err)
	}
	return n
}

// smallPact is the pact most tests use.
const smallPact entente.PactID = "small"

// buildSmallPact registers a, b and c and plays a small coalition whose
// appends carry one, two and several events, so its heads have uneven
// sizes. It returns every event Do and Tick appended to the pact, in order.
func (f *fixture) buildSmallPact() []entente.Event {
	f.tb.Helper()
	f.actors("a", "b", "c")
	p := entente.Pact{ID: smallPact, Name: "Small Coalition", Kind: entente.Coalition,
		Agreement: entente.Agreement{
			Rules: map[entente.Matter]entente.DecisionRule{
				entente.General: {Kind: entente.SimpleMajority, Window: entente.Days(5)}},
			Join: entente.JoinOpen,
		}}
	var events []entente.Event
	add := func(evs []entente.Event) { events = append(events, evs...) }
	add(f.do(smallPact, "a", entente.FoundPact{Pact: p, Founders: []entente.ActorID{"a", "b"}}))
	f.clock.Advance(time.Hour)
	add(f.do(smallPact, "c", entente.RequestJoin{}))
	add(f.do(smallPact, "a", entente.Pledge{Resource: "eur_k", Amount: 100, Due: t0.Add(10 * entente.Day)}))
	add(f.do(smallPact, "b", entente.Pledge{Resource: "eur_k", Amount: 50, Due: t0.Add(20 * entente.Day)}))
	f.clock.Advance(time.Hour)
	add(f.do(smallPact, "b", entente.Propose{Matter: entente.General, Title: "Hire an auditor"}))
	add(f.do(smallPact, "a", entente.CastVote{Proposal: "p1", Choice: entente.Yes}))
	add(f.do(smallPact, "b", entente.CastVote{Proposal: "p1", Choice: entente.Yes})) // settles it: two events
	f.clock.Advance(11 * entente.Day)
	// a's pledge fell due yesterday: the contribution's append carries the
	// overdue event first.
	add(f.do(smallPact, "a", entente.Contribute{Commitment: "c1", Amount: 100}))
	add(f.do(smallPact, "c", entente.Contribute{Resource: "volunteer_hours", Amount: 12}))
	f.clock.Advance(time.Hour)
	add(f.do(smallPact, "c", entente.Propose{Matter: entente.General, Title: "Publish the audit"}))
	f.clock.Advance(6 * entente.Day)
	if n := f.tick(); n == 0 { // p2's window closed: decided with no votes
		f.tb.Fatalf("Tick after p2's window recorded nothing")
	}
	st, err := f.svc.Pact(smallPact)
	if err != nil {
		f.tb.Fatal(err)
	}
	entries := f.entries(string(smallPact))
	if int64(len(entries)) != st.Len {
		f.tb.Fatalf("store holds %d entries, state folded %d", len(entries), st.Len)
	}
	decoded := make([]entente.Event, len(entries))
	for i, e := range entries {
		ev, err := entente.DecodeEvent(e.Data)
		if err != nil {
			f.tb.Fatalf("entry %d: %v", i, err)
		}
		decoded[i] = ev
	}
	// Tick's events are not returned by Do; take the tail from the log.
	return append(events, decoded[len(events):]...)
}

// entries reads a whole log from the store.
func (f *fixture) entries(log string) []logstore.Entry {
	f.tb.Helper()
	es, err := f.store.Entries(f.ctx, log, 0, -1)
	if err != nil {
		f.tb.Fatalf("Entries(%s): %v", log, err)
	}
	return es
}

func (f *fixture) heads(log string) []tlog.TreeHead {
	f.tb.Helper()
	hs, err := f.store.Heads(f.ctx, log)
	if err != nil {
		f.tb.Fatalf("Heads(%s): %v", log, err)
	}
	return hs
}

func leafHashes(entries []logstore.Entry) []tlog.Hash {
	out := make([]tlog.Hash, len(entries))
	for i, e := range entries {
		out[i] = e.LeafHash
	}
	return out
}

// editEntry rewrites one stored entry of the SQLite file at path behind the
// store's back: edit gets the stored data and returns the new data; with
// rehash the leaf hash is rewritten to match, as a careful forger would.
func editEntry(tb testing.TB, path, log string, index int64, rehash bool, edit func([]byte) []byte) {
	tb.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		tb.Fatalf("sql.Open: %v", err)
	}
	defer db.Close()
	var data []byte
	if err := db.QueryRow(`SELECT data FROM entries WHERE log = ? AND idx = ?`, log, index).Scan(&data); err != nil {
		tb.Fatalf("reading %s entry %d: %v", log, index, err)
	}
	changed := edit(bytes.Clone(data))
	if bytes.Equal(changed, data) {
		tb.Fatalf("edit of %s entry %d changed nothing in %s", log, index, data)
	}
	query, args := `UPDATE entries SET data = ? WHERE log = ? AND idx = ?`, []any{changed, log, index}
	if rehash {
		leaf := tlog.LeafHash(changed)
		query, args = `UPDATE entries SET data = ?, leaf_hash = ? WHERE log = ? AND idx = ?`, []any{changed, leaf[:], log, index}
	}
	res, err := db.Exec(query, args...)
	if err != nil {
		tb.Fatalf("editing %s entry %d: %v", log, index, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		tb.Fatalf("editing %s entry %d: %d rows changed", log, index, n)
	}
}

// replace returns an edit that replaces old by new exactly once.
func replace(tb testing.TB, old, new string) func([]byte) []byte {
	return func(b []byte) []byte {
		tb.Helper()
		if bytes.Count(b, []byte(old)) != 1 {
			tb.Fatalf("expected %q once in %s", old, b)
		}
		return bytes.Replace(b, []byte(old), []byte(new), 1)
	}
}

// findEntry returns the index of the first entry of log whose data holds
// every one of parts.
func findEntry(tb testing.TB, entries []logstore.Entry, parts ...string) int64 {
	tb.Helper()
next:
	for _, e := range entries {
		for _, p := range parts {
			if !bytes.Contains(e.Data, []byte(p)) {
				continue next
			}
		}
		return e.Index
	}
	tb.Fatalf("no entry holds all of %q", parts)
	return -1
}
