package sim

import (
	"context"
	"fmt"
	"testing"

	"github.com/entente/entente/internal/cputime"
)

// benchRun runs one replication of a synthetic world per iteration and
// reports, beside the wall time, the CPU seconds per run (cpu-s/op: on a
// shared machine wall time measures the neighbours too) and the events
// the run recorded.
func benchRun(b *testing.B, states, years int, p Params, o Options) {
	w := Synthetic(states, 1.5, 1950, 1)
	b.ReportAllocs()
	start := cputime.Process()
	var events float64
	n := 0
	for i := 0; b.Loop(); i++ {
		o.Years = years
		res, err := Run(w, p, o, 7, i)
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range res.Rows {
			if r.Statistic == "events" {
				events += r.Value
			}
		}
		n++
	}
	b.ReportMetric((cputime.Process()-start).Seconds()/float64(n), "cpu-s/op")
	b.ReportMetric(events/float64(n), "events/op")
}

// BenchmarkRun is the cost of one replication as states and years grow.
// Side by side in the same run:
//
//   - before: the simulator as it first landed: health and trust assessed
//     on each pact's whole record every year (health.window 0) and no
//     caches (live pacts, members, advances with nothing due);
//   - report: health and trust on the last health.window (5) years, with
//     the caches (which change no output: TestCachesAreExact), each
//     assessment writing the whole health report (health.AssessPact);
//   - default: the same with the score-only assessment
//     (health.ScorePact, the same score and trust);
//   - default-slow: the default path with the hot paths as they were
//     before the second speed pass (Options.slow: trust's scores in a
//     map, partner ranking with its notes, ...), the same output;
//   - window-10: the same with a ten-year window;
//   - earlier-model: the default path with the consultation,
//     multilateral and entrants mechanisms off: the model as it was before
//     them (byte-identical output), which holds fewer pacts;
//   - bare: every mechanism off, what founding pacts and stepping time
//     cost.
//
// The goal of 200 states × 75 years × 100 replications under 60 s on 2
// cores is one 200×75 replication in 1.2 s of one core.
func BenchmarkRun(b *testing.B) {
	before := DefaultParams()
	before.HealthWindow = 0
	window10 := DefaultParams()
	window10.HealthWindow = 10
	earlier := DefaultParams()
	earlier.Off[Consultation], earlier.Off[Multilateral], earlier.Off[Entrants] = true, true, true
	for _, size := range []struct{ states, years int }{{50, 75}, {100, 75}, {200, 25}, {200, 50}, {200, 75}} {
		for _, v := range []struct {
			name string
			p    Params
			o    Options
		}{{"before", before, Options{naive: true}}, {"report", DefaultParams(), Options{fullAssess: true}},
			{"default", DefaultParams(), Options{}}, {"default-slow", DefaultParams(), Options{slow: true}}, {"window-10", window10, Options{}}, {"earlier-model", earlier, Options{}},
			{"bare", quiet(), Options{}}} {
			b.Run(fmt.Sprintf("states=%d/years=%d/%s", size.states, size.years, v.name), func(b *testing.B) {
				benchRun(b, size.states, size.years, v.p, v.o)
			})
		}
	}
}

// BenchmarkSweep is a sweep of 8 replications of 200 states × 75 years on
// the available cores: the target's 100 replications take 12.5 times as
// long.
func BenchmarkSweep(b *testing.B) {
	w := Synthetic(200, 1.5, 1950, 1)
	start := cputime.Process()
	n := 0
	for b.Loop() {
		if _, err := Batch(context.Background(), w, DefaultParams(), BatchOptions{Options: Options{Years: 75}, Runs: 8, Seed: 7}); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric((cputime.Process()-start).Seconds()/float64(n), "cpu-s/op")
}
