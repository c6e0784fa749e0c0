package simdata

import (
	"bytes"
	"context"
	"math"
	"strings"
	"testing"

	"github.com/entente/entente/sim"
)

// The landscape baseline on both spans, pinned: the landscape and
// persistence figures are arithmetic on the data, the simulation's come
// from seeded runs (4, seed 7, the calibrated parameters). The landscape
// prediction does worse than keeping the start's pacts, and worse than
// the simulation, on both spans.
func TestLandscapeComparison(t *testing.T) {
	dir := dataDir(t)
	for _, tc := range []struct {
		sp                               sim.Span
		landscape, persistence, simulate float64
	}{
		{Training, 0.400, 0.553, 0.537},
		{HeldOut, 0.400, 0.863, 0.542},
	} {
		c, err := CompareLandscape(context.Background(), dir, LandscapeOptions{From: tc.sp.From, Years: tc.sp.To - tc.sp.From + 1,
			Params: sim.Calibrated(), Runs: 4, Seed: 7})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := c.WriteText(&b); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s:\n%s", tc.sp.Name, b.String())
		if !(c.Landscape < c.Persistence && c.Landscape < c.Simulation.Mean) {
			t.Errorf("%s: the landscape prediction (%.3f) no longer does worst", tc.sp.Name, c.Landscape)
		}
		if len(c.Names) != 20 || !strings.Contains(b.String(), "landscape prediction vs history") {
			t.Errorf("%s: %d states compared", tc.sp.Name, len(c.Names))
		}
		if math.Abs(c.Landscape-tc.landscape) > 5e-4 || math.Abs(c.Persistence-tc.persistence) > 5e-4 {
			t.Errorf("%s: landscape %.4f and persistence %.4f against history, pinned %.3f and %.3f", tc.sp.Name, c.Landscape, c.Persistence, tc.landscape, tc.persistence)
		}
		if math.Abs(c.Simulation.Mean-tc.simulate) > 0.01 {
			t.Errorf("%s: simulation %.4f against history, pinned %.3f (seeded runs: a deliberate change re-pins)", tc.sp.Name, c.Simulation.Mean, tc.simulate)
		}
		for _, v := range []float64{c.Landscape, c.Persistence, c.Simulation.Mean, c.SimVsLandscape.Mean} {
			if !(v >= 0 && v <= 1) || math.IsNaN(v) {
				t.Errorf("%s: a Rand index of %v", tc.sp.Name, v)
			}
		}
	}
}
