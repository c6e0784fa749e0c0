package main

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/backend"
	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/internal/datadir"
	"github.com/entente/entente/internal/output"
	"github.com/entente/entente/sim"
	"github.com/entente/entente/sim/simdata"
)

// simFlags are the flags of 'entente sim': a sweep (package simdata)
// and where it goes.
type simFlags struct {
	simdata.Sweep
	datadir.Flag
	out   output.Flags
	Bands string `flag:"bands" arg:"file" usage:"the bands file (default: beside a .csv or .json --out, FILE.bands.csv or .json; none for standard output or a chart)"`
	Quiet bool   `flag:"quiet" usage:"do not print progress on standard error"`
	DB    string `flag:"db" arg:"file" usage:"with --pact, the store file to read (default entente.db); otherwise a new store to write the run to (with --runs 1)"`
	simdata.WhatIfRequest
}

func (m *Main) runSim(ctx context.Context, env *cli, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "merge":
			return runSimMerge(env, args[1:])
		case "validate":
			return runSimValidate(ctx, env, args[1:])
		case "chart":
			return runSimChart(env, args[1:])
		}
	}
	fs := newFlags(env, "sim")
	f := simFlags{Sweep: simdata.NewSweep(), WhatIfRequest: simdata.NewWhatIfRequest()}
	cmdline.Bind(fs, &f)
	f.out.Register(fs, "the runs `file` (.csv, or .json for JSON lines; .svg or .png: a chart; default standard output)", "csv", "json", "svg", "png")
	if err := cmdline.ParseNone(fs, args); err != nil {
		return err
	}
	f.Store = f.DB != ""
	if f.Pact != "" {
		return m.runSimWhatIf(ctx, env, &f)
	}
	opts, params, err := f.Options()
	if err != nil {
		return cmdline.Invalid(err)
	}
	if _, err := f.out.Resolve(); err != nil {
		return err
	}
	world, err := f.SimWorld(f.Sweep)
	if err != nil {
		return cmdline.Invalid(err)
	}
	if f.DB != "" {
		return writeSimStore(ctx, env, &f, world, params, opts)
	}
	bar := output.NewBar(env.Stderr, f.Quiet, len(sim.ShardRuns(opts.Runs, opts.Shard, opts.Shards)), "simulating")
	opts.Progress = func(done, total int) { _ = bar.Set(done) }
	defer simdata.SweepGC()()
	rows, err := sim.Batch(ctx, world, params, opts)
	_ = bar.Finish()
	if err != nil {
		return err
	}
	title := fmt.Sprintf("%d runs from %d (seed %d)", opts.Runs, world.Start, opts.Seed)
	return simdata.WriteOutputs(env.Stdout, env.Stderr, &f.out, f.Bands, rows, title)
}

// writeSimStore runs one replication and writes it to a new store as the
// operator's record (simdata.Record), replayed and verified before
// anything is kept, so the run can be served, browsed, verified and
// analysed like live pacts.
func writeSimStore(ctx context.Context, env *cli, f *simFlags, w *sim.World, p sim.Params, o sim.BatchOptions) error {
	if _, err := os.Stat(f.DB); err == nil {
		return usagef("--db: %s exists; a run is written to a new store", f.DB)
	}
	logs, err := simdata.Record(w, p, o)
	if err != nil {
		return err
	}
	n, err := backend.WriteRecord(ctx, f.DB, time.Now(), logs)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "entente: wrote run 0 (seed %d): %d actors and %d pacts, %d entries, into %s; verified\n", o.Seed, len(w.Actors), len(logs)-1, n, f.DB)
	return nil
}

// runSimMerge joins shard files into the whole sweep's runs and bands.
func runSimMerge(env *cli, args []string) error {
	fs := newFlags(env, "sim merge")
	var out output.Flags
	out.Register(fs, "the merged runs `file` (.csv, .json; .svg, .png: a chart; default standard output)", "csv", "json", "svg", "png")
	bands := fs.String("bands", "", "the bands `file` (default: beside --out, FILE.bands.csv or .json)")
	files, err := cmdline.ParseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usagef("sim merge: expected one or more shard files")
	}
	rows, err := simdata.ReadOutputs(&out, files)
	if err != nil {
		return err
	}
	return simdata.WriteOutputs(env.Stdout, env.Stderr, &out, *bands, rows, fmt.Sprintf("%d shards", len(files)))
}

// runSimChart draws the chart of runs files.
func runSimChart(env *cli, args []string) error {
	fs := newFlags(env, "sim chart")
	var out output.Flags
	out.Register(fs, "the chart `file` (.svg or .png)", "svg", "png")
	title := fs.String("title", "", "the chart's `title` (default: the number of runs)")
	files, err := cmdline.ParseInterleaved(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(files) == 0:
		return usagef("sim chart: expected one or more runs files")
	case !out.ToFile():
		return usagef("sim chart: expected --out FILE.svg or FILE.png")
	}
	rows, err := simdata.ReadOutputs(&out, files)
	if err != nil {
		return err
	}
	if *title == "" {
		*title = fmt.Sprintf("%d runs", sim.RunCount(rows))
	}
	return simdata.WriteOutputs(env.Stdout, env.Stderr, &out, "", rows, *title)
}

// runSimValidate prints the validation table, and with --ablate the
// ablation table.
func runSimValidate(ctx context.Context, env *cli, args []string) error {
	fs := newFlags(env, "sim validate")
	req := simdata.NewValidateRequest()
	var d dataFlags
	d.register(fs, "")
	cmdline.Bind(fs, &req)
	if err := cmdline.ParseNone(fs, args); err != nil {
		return err
	}
	if err := req.Validate(); err != nil {
		return cmdline.Invalid(err)
	}
	if err := d.check(append(append([]string(nil), simdata.Files...), simdata.HistoryFiles...)...); err != nil {
		return err
	}
	defer simdata.SweepGC()()
	return req.Judge(ctx, string(d.data()), env.Stdout, func(what string, n int) (func(done, total int), func()) {
		bar := output.NewBar(env.Stderr, d.Quiet, n, what)
		return func(done, _ int) { _ = bar.Set(done) }, func() { _ = bar.Finish() }
	})
}

// runSimWhatIf simulates the next periods of a live pact read from a
// store and prints the distribution of what became of it.
func (m *Main) runSimWhatIf(ctx context.Context, env *cli, f *simFlags) error {
	o, err := f.WhatIf(f.Periods, f.Assume)
	if err != nil {
		return cmdline.Invalid(err)
	}
	l, err := m.open(ctx, cmp.Or(f.DB, DefaultDB), false)
	if err != nil {
		return err
	}
	res, err := simdata.WhatIfPact(ctx, l, entente.PactID(f.Pact), o)
	if err != nil {
		return usagef("--pact: %v", err)
	}
	return res.WriteText(env.Stdout, entente.PactID(f.Pact), o)
}
