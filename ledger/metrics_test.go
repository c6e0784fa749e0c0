package ledger_test

import (
	"testing"
	"time"

	"github.com/entente/entente"
)

// TestMetricsCountWhatTheStoreHolds: the counters and sizes an operator
// scrapes are those of the store. Commands run one at a time, so each is
// its own store transaction with its own signed head: appends, batches,
// committed durations and heads are one count.
func TestMetricsCountWhatTheStoreHolds(t *testing.T) {
	f := newFixture(t)
	f.buildSmallPact()
	m := f.svc.Metrics()

	logs, err := f.store.Logs(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	var entries, largest, heads int64
	for _, log := range logs {
		n := int64(len(f.entries(log)))
		entries += n
		largest = max(largest, n)
		heads += int64(len(f.heads(log)))
	}
	for _, c := range []struct {
		name      string
		got, want int64
	}{
		{"Logs", int64(m.Logs), int64(len(logs))},
		{"Entries", m.Entries, entries},
		{"Largest", m.Largest, largest},
		{"Appends", m.Appends, heads},
		{"Batches", m.Batches, heads},
		{"Commits.Count", int64(m.Commits.Count), heads},
		{"FailedBatches", m.FailedBatches, 0},
		{"Broken", m.Broken, 0},
		{"Failures", m.Failures, 0},
	} {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.name, c.got, c.want)
		}
	}
	h := m.Commits
	if len(h.Counts) != len(h.Bounds) || h.Sum <= 0 {
		t.Fatalf("commit histogram %+v: want a count per bound and a positive sum", h)
	}
	for i := 1; i < len(h.Counts); i++ {
		if h.Bounds[i] <= h.Bounds[i-1] || h.Counts[i] < h.Counts[i-1] || h.Counts[i] > h.Count {
			t.Fatalf("commit histogram %+v is not cumulative over ascending bounds", h)
		}
	}
}

// TestMetricsCountALogWithdrawn: a log whose new entries, written by
// another server, do not verify is withdrawn from readers, and the
// metrics say so (a log broken now, a failure since open) until a load
// that works mends it.
func TestMetricsCountALogWithdrawn(t *testing.T) {
	f := newFixture(t)
	f.buildSmallPact()
	other := f.open(f.store) // a second server on the same store
	f.do(smallPact, "a", entente.Pledge{Resource: "eur_k", Amount: 5, Due: t0.Add(40 * entente.Day)})
	stored := f.entries(string(smallPact))
	last := int64(len(stored)) - 1
	setLeafHash(t, f.path, string(smallPact), last, [32]byte{1})

	before := other.Metrics()
	if err := other.Refresh(f.ctx, string(smallPact)); err == nil {
		t.Fatalf("catching up with an entry whose leaf hash is forged: no error")
	}
	after := other.Metrics()
	if after.Broken != 1 || after.Failures != 1 {
		t.Errorf("after a forged entry: Broken %d, Failures %d; want 1 and 1", after.Broken, after.Failures)
	}
	if after.Logs != before.Logs-1 {
		t.Errorf("Logs %d after the pact was withdrawn, %d before: readers see it still", after.Logs, before.Logs)
	}

	// The true hash back: the next load mends the log.
	setLeafHash(t, f.path, string(smallPact), last, stored[last].LeafHash)
	f.clock.Advance(time.Minute)
	if err := other.Refresh(f.ctx, string(smallPact)); err != nil {
		t.Fatalf("catching up once the entry is whole again: %v", err)
	}
	if m := other.Metrics(); m.Broken != 0 || m.Failures != 1 || m.Logs != before.Logs {
		t.Errorf("mended: Broken %d, Failures %d, Logs %d; want 0, 1, %d", m.Broken, m.Failures, m.Logs, before.Logs)
	}
}
