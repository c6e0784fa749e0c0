package ledger_test

import (
	"strings"
	"testing"

	"github.com/entente/entente"
	"github.com/entente/entente/ledger"
	"github.com/entente/entente/tlog"
)

// verify runs ledger.Verify over the fixture's store with its key.
func verify(tb testing.TB, f *fixture) []ledger.LogReport {
	tb.Helper()
	reports, err := ledger.Verify(f.ctx, f.store, f.signer.Public())
	if err != nil {
		tb.Fatalf("Verify: %v", err)
	}
	return reports
}

// mustVerifyClean checks that Verify reports every log of the store sound,
// with the right counts.
func mustVerifyClean(tb testing.TB, f *fixture) {
	tb.Helper()
	logs, err := f.store.Logs(f.ctx)
	if err != nil {
		tb.Fatal(err)
	}
	reports := verify(tb, f)
	if len(reports) != len(logs) {
		tb.Fatalf("Verify reported %d logs, the store holds %d", len(reports), len(logs))
	}
	for i, r := range reports {
		if r.Log != logs[i] || !r.OK() {
			tb.Errorf("log %s: %+v, want a sound report", logs[i], r)
			continue
		}
		if n := int64(len(f.entries(r.Log))); r.Entries != n {
			tb.Errorf("log %s: report counts %d entries, store holds %d", r.Log, r.Entries, n)
		}
		if n := len(f.heads(r.Log)); r.Heads != n {
			tb.Errorf("log %s: report counts %d heads, store holds %d", r.Log, r.Heads, n)
		}
	}
}

// batchStart returns the first entry of the append that wrote entry index:
// the size of the last head before it.
func batchStart(heads []tlog.TreeHead, index int64) int64 {
	start := int64(0)
	for _, h := range heads {
		if int64(h.Size) > index {
			return start
		}
		start = int64(h.Size)
	}
	return -1
}

func TestVerifyReportsCleanStoreOK(t *testing.T) {
	f := newFixture(t)
	f.buildSmallPact()
	mustVerifyClean(t, f)
}

func TestVerifyWithAnotherKeyFailsEveryLogAtItsFirstEntry(t *testing.T) {
	f := newFixture(t)
	f.buildSmallPact()
	reports, err := ledger.Verify(f.ctx, f.store, testSigner(t, 2).Public())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reports {
		if r.OK() || r.Index != 0 || !strings.Contains(r.Problem, "signature") {
			t.Errorf("log %s under another key: %+v, want a signature problem at entry 0", r.Log, r)
		}
	}
}

func TestVerifyNamesTheTamperedLogAndEntry(t *testing.T) {
	for _, tc := range []struct {
		name   string
		log    string
		find   []string // picks the entry to edit
		old    string
		new    string
		rehash bool
		// midBatch says the entry is not the first of its append, so that a
		// report at the batch start differs from one at the entry.
		midBatch bool
		problem  string
	}{
		{name: "amount", log: string(smallPact), find: []string{`"contribution_made"`, `"commitment":"c1"`},
			old: `"amount":100`, new: `"amount":1000`, problem: "leaf hash"},
		{name: "actor name", log: entente.RegistryLog, find: []string{`"id":"b"`},
			old: `"name":"Actor b"`, new: `"name":"Actor B"`, problem: "leaf hash"},
		{name: "rehashed decision reason", log: string(smallPact), find: []string{`"proposal_decided"`, `"proposal":"p1"`},
			old: `"reason":"`, new: `"reason":"unanimous; `, rehash: true, midBatch: true, problem: "root does not match"},
		{name: "rehashed amount after an overdue event", log: string(smallPact), find: []string{`"contribution_made"`, `"commitment":"c1"`},
			old: `"amount":100`, new: `"amount":1000`, rehash: true, midBatch: true, problem: "root does not match"},
		{name: "rehashed single-event append", log: string(smallPact), find: []string{`"volunteer_hours"`},
			old: `"amount":12`, new: `"amount":120`, rehash: true, problem: "root does not match"},
		{name: "rehashed first actor", log: entente.RegistryLog, find: []string{`"id":"a"`},
			old: `"economic":10`, new: `"economic":1000`, rehash: true, problem: "root does not match"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			f.buildSmallPact()
			index := findEntry(t, f.entries(tc.log), tc.find...)
			want := index
			if tc.rehash {
				want = batchStart(f.heads(tc.log), index)
			}
			if tc.midBatch != (want != index) {
				t.Fatalf("entry %d starts its append at %d; the row expects midBatch=%v", index, want, tc.midBatch)
			}
			f.store.Close()
			editEntry(t, f.path, tc.log, index, tc.rehash, replace(t, tc.old, tc.new))
			f.store = openStore(t, f.path)

			for _, r := range verify(t, f) {
				switch {
				case r.Log != tc.log && !r.OK():
					t.Errorf("untouched log %s reported: entry %d: %s", r.Log, r.Index, r.Problem)
				case r.Log == tc.log && r.OK():
					t.Errorf("log %s with entry %d edited verifies", r.Log, index)
				case r.Log == tc.log && (r.Index != want || !strings.Contains(r.Problem, tc.problem)):
					t.Errorf("log %s: entry %d: %s; want entry %d: ...%s...", r.Log, r.Index, r.Problem, want, tc.problem)
				}
			}
		})
	}
}
