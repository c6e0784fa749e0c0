package sim

import (
	"context"
	"fmt"
	"testing"
)

// benchRun runs one replication of a synthetic world per iteration.
func benchRun(b *testing.B, states, years int, p Params) {
	w := Synthetic(states, 1.5, 1950, 1)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := Run(w, p, Options{Years: years}, 7, i); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRun is the cost of one replication as states and years grow,
// with the default behaviour beside two baselines in the same run: health
// and trust assessed every 5 years instead of every year, and every
// mechanism off (what founding the initial pacts and stepping time costs).
// The goal of 200 states × 75 years × 100 replications under 60 s on 2
// cores is one 200×75 replication in 1.2 s of one core.
func BenchmarkRun(b *testing.B) {
	every5 := DefaultParams()
	every5.HealthEvery = 5
	bare := quiet()
	for _, size := range []struct{ states, years int }{{50, 75}, {100, 75}, {200, 25}, {200, 75}} {
		for _, v := range []struct {
			name string
			p    Params
		}{{"default", DefaultParams()}, {"health-every-5", every5}, {"bare", bare}} {
			b.Run(fmt.Sprintf("states=%d/years=%d/%s", size.states, size.years, v.name), func(b *testing.B) {
				benchRun(b, size.states, size.years, v.p)
			})
		}
	}
}

// BenchmarkSweep is a sweep of 8 replications of 200 states × 75 years on
// the available cores: the target's 100 replications take 12.5 times as
// long.
func BenchmarkSweep(b *testing.B) {
	w := Synthetic(200, 1.5, 1950, 1)
	for b.Loop() {
		if _, err := Batch(context.Background(), w, DefaultParams(), BatchOptions{Options: Options{Years: 75}, Runs: 8, Seed: 7}); err != nil {
			b.Fatal(err)
		}
	}
}
