package ledger_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/entente/entente"
	"github.com/entente/entente/ledger"
	"github.com/entente/entente/tlog"
)

// storeSource serves a fixture's store as a server would to a monitor.
type storeSource struct{ f *fixture }

func (s storeSource) Key(context.Context) (tlog.Verifier, error) { return s.f.signer.Public(), nil }

func (s storeSource) Logs(ctx context.Context) (map[string]int64, error) {
	return s.f.lengths(), nil
}

func (s storeSource) Head(ctx context.Context, log string) (tlog.TreeHead, error) {
	hs := s.f.heads(log)
	return hs[len(hs)-1], nil
}

func (s storeSource) Consistency(ctx context.Context, log string, from, to uint64) ([]tlog.Hash, error) {
	return tlog.ConsistencyProof(leafHashes(s.f.entries(log)), from, to)
}

func (s storeSource) Entries(ctx context.Context, log string, from, to int64) ([]ledger.SourcedEntry, error) {
	var out []ledger.SourcedEntry
	for _, e := range s.f.entries(log)[from:to] {
		out = append(out, ledger.SourcedEntry{Data: e.Data, Leaf: e.LeafHash})
	}
	return out, nil
}

// monitorOnce runs the monitor and returns the report of log.
func monitorOnce(t *testing.T, f *fixture, st *ledger.MonitorState, log string) ledger.MonitorReport {
	t.Helper()
	reports, err := ledger.Monitor(f.ctx, storeSource{f}, st, nil)
	if err != nil {
		t.Fatalf("Monitor: %v", err)
	}
	for _, r := range reports {
		if r.Log == log {
			return r
		}
	}
	t.Fatalf("no report of log %s in %+v", log, reports)
	return ledger.MonitorReport{}
}

// truncate drops a log's entries from size on, and its heads beyond.
func (f *fixture) truncate(log string, size int64) {
	f.tb.Helper()
	db, err := sql.Open("sqlite", f.path)
	if err != nil {
		f.tb.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`DELETE FROM entries WHERE log = ? AND idx >= ?`, log, size); err != nil {
		f.tb.Fatal(err)
	}
	f.resign(log)
}

func TestMonitorCatchesWhatTheOperatorRewrites(t *testing.T) {
	log := string(signedPact)
	for _, tc := range []struct {
		name  string
		apply func(f *fixture, m members)
		want  string
	}{
		{"a later legitimate write passes", func(f *fixture, m members) {
			f.mustSubmit(m["b"], log, entente.Contribute{Resource: "hours", Amount: 3})
		}, ""},
		{"rolled back, entries and heads together", func(f *fixture, m members) {
			f.truncate(log, 9)
		}, "rolled back"},
		{"history rewritten at the same size, heads re-signed", func(f *fixture, m members) {
			i := findEntry(t, f.entries(log), `"contribution_made"`)
			f.forge(log, i, func(e *entente.Event) {
				d := e.Data.(entente.ContributionMade)
				d.Contribution.Amount = 200
				e.Data = d
			})
		}, "forked or rewritten"},
		{"log deleted", func(f *fixture, m members) {
			f.truncate(log, 0)
		}, "no longer lists"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			m := f.buildSignedPact()
			st := &ledger.MonitorState{}
			if r := monitorOnce(t, f, st, log); !r.OK() || r.Signed != 10 {
				t.Fatalf("first run: %+v", r)
			}
			tc.apply(f, m)
			r := monitorOnce(t, f, st, log)
			if tc.want == "" {
				if !r.OK() || r.Seen != 13 || r.Size != 14 {
					t.Errorf("second run: %+v, want ok from 13 to 14 entries", r)
				}
				return
			}
			if r.OK() || !strings.Contains(r.Problem, tc.want) {
				t.Errorf("second run: %+v, want a problem saying %q", r, tc.want)
			}
			if st.Logs[log].Size != 13 {
				t.Errorf("the state moved to %d entries after a failed check", st.Logs[log].Size)
			}
		})
	}
}

func TestMonitorRefusesAChangedKey(t *testing.T) {
	f := newFixture(t)
	f.buildSignedPact()
	st := &ledger.MonitorState{}
	if _, err := ledger.Monitor(f.ctx, storeSource{f}, st, nil); err != nil {
		t.Fatal(err)
	}
	f.signer = testSigner(t, 77)
	if _, err := ledger.Monitor(f.ctx, storeSource{f}, st, nil); err == nil || !strings.Contains(err.Error(), "key changed") {
		t.Errorf("Monitor after the key changed: %v", err)
	}
}

// TestMonitorHoldsTheServerToWitnessedHeads: a member countersigned a
// head; a fresh monitor (no state of its own) still catches a server that
// rolled the log back below it.
func TestMonitorHoldsTheServerToWitnessedHeads(t *testing.T) {
	f := newFixture(t)
	m := f.buildSignedPact()
	log := string(signedPact)
	leaves := leafHashes(f.entries(log))
	f.mustSubmit(m["c"], entente.RegistryLog, entente.WitnessHead{Log: log, Size: uint64(len(leaves)), Root: tlog.Root(leaves).String()})
	f.truncate(log, 9)
	if r := monitorOnce(t, f, &ledger.MonitorState{}, log); r.OK() || !strings.Contains(r.Problem, "witnessed") {
		t.Errorf("fresh monitor after a rollback below a witnessed head: %+v", r)
	}
}
