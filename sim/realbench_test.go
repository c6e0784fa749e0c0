package sim_test

import (
	"fmt"
	"testing"

	"github.com/entente/entente/internal/cputime"
	"github.com/entente/entente/internal/sharedata"
	"github.com/entente/entente/sim"
	"github.com/entente/entente/sim/simdata"
)

// BenchmarkRealData is one replication of the real world from 1946 for 50
// years (the issue's `entente sim --from-year 1946 --years 50`), with the
// default parameters, on the fast path and on the baseline side by side.
func BenchmarkRealData(b *testing.B) {
	for _, f := range simdata.Files {
		sharedata.Path(b, f)
	}
	w, err := simdata.Load(sharedata.Root(), simdata.Options{Year: 1946, Years: 50})
	if err != nil {
		b.Fatal(err)
	}
	for _, v := range []struct {
		name string
		o    sim.Options
	}{{"baseline", sim.Baseline(sim.Options{})}, {"fast", sim.Options{}}} {
		b.Run(fmt.Sprintf("from=1946/years=50/%s", v.name), func(b *testing.B) {
			b.ReportAllocs()
			start := cputime.Process().Seconds()
			n := 0
			for i := 0; b.Loop(); i++ {
				o := v.o
				o.Years = 50
				if _, err := sim.Run(w, sim.DefaultParams(), o, 7, i); err != nil {
					b.Fatal(err)
				}
				n++
			}
			b.ReportMetric((cputime.Process().Seconds()-start)/float64(n), "cpu-s/op")
		})
	}
}
