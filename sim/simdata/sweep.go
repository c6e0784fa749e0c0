package simdata

import (
	"os"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/sim"
)

// Sweep is a sweep as a person asks for it ('entente sim'): how many runs
// of how many years from which start, the parameters and where the world
// comes from. Options and World check it and turn it into sim's terms.
type Sweep struct {
	From    int    `flag:"from-year" arg:"year" usage:"the first simulated year"`
	Years   int    `flag:"years" arg:"years" usage:"how many years to simulate"`
	Runs    int    `flag:"runs" usage:"replications in the whole sweep"`
	Seed    uint64 `flag:"seed" usage:"the seed fixing every random draw"`
	Workers int    `flag:"workers" usage:"runs at once (default: one per CPU); the output does not depend on it"`
	// Synthetic, when not 0, is the number of actors of a made-up world
	// instead of the data's.
	Synthetic int `flag:"synthetic" arg:"n" usage:"simulate a made-up world of n actors instead of the data"`
	// Calibrated starts from sim.Calibrated instead of sim.DefaultParams.
	Calibrated bool `flag:"calibrated" usage:"start from the calibrated parameters (sim.Calibrated), not the defaults"`
	// Shard is "i/n" (sim.ParseShard), or empty for the whole sweep.
	Shard string `flag:"shard" arg:"i/n" usage:"do shard i/n of the runs"`
	// Set and Off change parameters (name=value) and switch mechanisms
	// off (Params.Apply).
	Set cmdline.List[string] `flag:"set" arg:"name=value" usage:"a parameter, name=value (repeatable; see the package documentation)"`
	Off cmdline.List[string] `flag:"off" arg:"mechanism" usage:"switch a mechanism off (repeatable)"`
	// Scenario is a scenario file put on top of the world.
	Scenario string `flag:"scenario" arg:"file" usage:"a scenario file (actors, shocks, rule changes, parameters)"`
	// Store says the run is written to a store: there must be one.
	Store bool
}

// NewSweep is the default sweep: 100 runs of 50 years from 1946.
func NewSweep() Sweep { return Sweep{From: 1946, Years: 50, Runs: 100, Seed: 7} }

// inputf returns the error of a value of a Sweep that cannot be: an
// EINVALID *entente.Error naming the field by its flag ("years",
// "from-year") and saying what was expected.
func inputf(field, format string, args ...any) error {
	return entente.FieldErrorf(entente.EINVALID, field, format, args...)
}

// Options checks the sweep and returns its batch options and parameters.
func (s Sweep) Options() (sim.BatchOptions, sim.Params, error) {
	o := sim.BatchOptions{Options: sim.Options{Years: s.Years}, Runs: s.Runs, Seed: s.Seed, Workers: s.Workers}
	p := sim.DefaultParams()
	if s.Calibrated {
		p = sim.Calibrated()
	}
	switch {
	case s.Store && s.Runs != 1:
		return o, p, inputf("db", "expected --runs 1: one run is written to a store")
	case s.Years < 1 || s.Years > 1000:
		return o, p, inputf("years", "expected 1 to 1000, got %d", s.Years)
	case s.Runs < 1:
		return o, p, inputf("runs", "expected at least 1, got %d", s.Runs)
	case s.Workers < 0:
		return o, p, inputf("workers", "expected at least 0, got %d", s.Workers)
	case s.Synthetic < 0 || s.Synthetic > 10000:
		return o, p, inputf("synthetic", "expected 0 to 10000 actors, got %d", s.Synthetic)
	case s.Synthetic == 0 && (s.From < 1816 || s.From > 2016):
		return o, p, inputf("from-year", "expected a year of the COW system, 1816 to 2016, got %d", s.From)
	}
	var err error
	if o.Shard, o.Shards, err = sim.ParseShard(s.Shard); err != nil {
		return o, p, inputf("shard", "%v", err)
	}
	return o, p, s.apply(&p)
}

// apply applies Set and Off to p.
func (s Sweep) apply(p *sim.Params) error {
	if err := p.Apply(s.Set, nil); err != nil {
		return inputf("set", "%v", err)
	}
	if err := p.Apply(nil, s.Off); err != nil {
		return inputf("off", "%v", err)
	}
	return nil
}

// World builds the starting world: synthetic, or from the data folder dir
// (Load), then the scenario on top.
func (s Sweep) World(dir string) (*sim.World, error) {
	var w *sim.World
	if s.Synthetic > 0 {
		w = sim.Synthetic(s.Synthetic, 1.5, s.From, s.Seed)
	} else {
		var err error
		if w, err = Load(dir, Options{Year: s.From, Years: s.Years}); err != nil {
			return nil, err
		}
	}
	if s.Scenario == "" {
		return w, nil
	}
	file, err := os.Open(s.Scenario)
	if err != nil {
		return nil, inputf("scenario", "%v", err)
	}
	defer file.Close()
	sc, err := sim.ParseScenario(file, s.Scenario)
	if err != nil {
		return nil, inputf("scenario", "%v", err)
	}
	if w, err = sc.Apply(w); err != nil {
		return nil, inputf("scenario", "%v", err)
	}
	return w, nil
}

// WhatIf checks a what-if of periods 30-day periods with the sweep's runs,
// seed and parameter changes, and assume (ACTOR=SHARE, sim.ParseDeliver)
// for what members deliver.
func (s Sweep) WhatIf(periods int, assume []string) (sim.WhatIf, error) {
	o := sim.WhatIf{Periods: periods, Runs: s.Runs, Seed: s.Seed, Params: sim.DefaultParams(), Deliver: map[entente.ActorID]float64{}}
	switch {
	case periods < 1 || periods > 1200:
		return o, inputf("periods", "expected 1 to 1200, got %d", periods)
	case s.Runs < 1:
		return o, inputf("runs", "expected at least 1, got %d", s.Runs)
	}
	if err := s.apply(&o.Params); err != nil {
		return o, err
	}
	for _, a := range assume {
		id, share, err := sim.ParseDeliver(a)
		if err != nil {
			return o, inputf("assume", "%v", err)
		}
		o.Deliver[id] = share
	}
	return o, nil
}

// ReadRuns reads runs files (what 'entente sim' writes, or the shards of
// one sweep) and merges them (sim.Merge).
func ReadRuns(files []string) ([]sim.Row, error) {
	var shards [][]sim.Row
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		rows, err := sim.ReadRows(f, name)
		f.Close()
		if err != nil {
			return nil, err
		}
		shards = append(shards, rows)
	}
	return sim.Merge(shards...)
}
