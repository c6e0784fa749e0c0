package sim_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/entente/entente/sim"
)

// A sweep of a made-up world, summarised in bands and drawn as an SVG
// chart of its trajectories.
func ExampleWriteChart() {
	w := sim.Synthetic(12, 1.5, 1950, 1)
	rows, err := sim.Batch(context.Background(), w, sim.DefaultParams(), sim.BatchOptions{Options: sim.Options{Years: 5}, Runs: 3, Seed: 7})
	if err != nil {
		panic(err)
	}
	var svg bytes.Buffer
	if err := sim.WriteChart(&svg, sim.Bands(rows), nil, "12 actors, 3 runs", "svg"); err != nil {
		panic(err)
	}
	fmt.Println(sim.RunCount(rows), "runs;", strings.Contains(svg.String(), "<svg"), strings.Contains(svg.String(), "pacts in force"))
	// Output: 3 runs; true true
}

// Flags and scenario lines set parameters by name and switch mechanisms
// off; a shard names the runs one process does.
func ExampleParams_Apply() {
	p := sim.DefaultParams()
	if err := p.Apply([]string{"consult.rate=0.05", "form.size=3"}, []string{"entrants"}); err != nil {
		panic(err)
	}
	fmt.Println(p.ConsultRate, p.FormSize, p.On(sim.Entrants), p.On(sim.Consultation))
	fmt.Println(p.Apply([]string{"consult.rate"}, nil))
	i, n, _ := sim.ParseShard("1/4")
	fmt.Println(sim.ShardRuns(10, i, n))
	// Output:
	// 0.05 3 false true
	// expected name=value, got "consult.rate"
	// [1 5 9]
}
