package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/atomicfile"
	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/internal/output"
	"github.com/entente/entente/internal/sharedata"
	"github.com/entente/entente/ledger"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/sim"
	"github.com/entente/entente/sim/simdata"
	"github.com/entente/entente/tlog"
)

// simFlags are the flags of 'entente sim': a sweep (package simdata)
// and where it goes.
type simFlags struct {
	simdata.Sweep
	data, bands, db, pact string
	out                   output.Flags
	quiet                 bool
	sets, offs, assume    cmdline.List[string]
	periods               int
}

func (f *simFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.data, "data", "", "the data `folder` (default: $"+sharedata.EnvVar+", else ../shared/data, else the user data folder)")
	fs.IntVar(&f.From, "from-year", 1946, "the first simulated `year`")
	fs.IntVar(&f.Years, "years", 50, "how many `years` to simulate")
	fs.IntVar(&f.Runs, "runs", 100, "replications in the whole sweep")
	fs.Uint64Var(&f.Seed, "seed", 7, "the seed fixing every random draw")
	fs.IntVar(&f.Workers, "workers", 0, "runs at once (default: one per CPU); the output does not depend on it")
	f.out.Register(fs, "the runs `file` (.csv, or .json for JSON lines; .svg or .png: a chart; default standard output)", "csv", "json", "svg", "png")
	fs.StringVar(&f.bands, "bands", "", "the bands `file` (default: beside a .csv or .json --out, FILE.bands.csv or .json; none for standard output or a chart)")
	fs.StringVar(&f.Scenario, "scenario", "", "a scenario `file` (actors, shocks, rule changes, parameters)")
	fs.StringVar(&f.Shard, "shard", "", "do shard `i/n` of the runs")
	fs.IntVar(&f.Synthetic, "synthetic", 0, "simulate a made-up world of `n` actors instead of the data")
	fs.Var(&f.sets, "set", "a parameter, `name=value` (repeatable; see the package documentation)")
	fs.Var(&f.offs, "off", "switch a `mechanism` off (repeatable)")
	fs.BoolVar(&f.quiet, "quiet", false, "no progress bar on standard error")
	fs.BoolVar(&f.Calibrated, "calibrated", false, "start from the calibrated parameters (sim.Calibrated), not the defaults")
	fs.StringVar(&f.db, "db", "", "with --pact, the store `file` to read (default "+DefaultDB+"); otherwise a new store to write the run to (with --runs 1)")
	fs.StringVar(&f.pact, "pact", "", "what-if: simulate the next --periods of live pact `ID` in the store (read only)")
	fs.IntVar(&f.periods, "periods", 12, "what-if: how many 30-day `periods` to simulate")
	fs.Var(&f.assume, "assume", "what-if: `ACTOR=SHARE` delivers SHARE of its pledges (0.4 or 40%; repeatable; default: its record)")
}

// simUsage turns a sweep's input error into bad usage naming the flag.
func simUsage(err error) error {
	var ie *simdata.InputError
	if errors.As(err, &ie) {
		return usagef("--%s: %s", ie.Field, ie.Msg)
	}
	return err
}

func runSim(ctx context.Context, env *cli, args []string) error {
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
	var f simFlags
	f.register(fs)
	pos, err := cmdline.ParseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return usagef("sim: unexpected argument %q", pos[0])
	}
	f.Set, f.Off, f.Store = f.sets, f.offs, f.db != ""
	if f.pact != "" {
		return runSimWhatIf(ctx, env, &f)
	}
	opts, params, err := f.Options()
	if err != nil {
		return simUsage(err)
	}
	if _, err := f.out.Resolve(); err != nil {
		return err
	}
	var dir string
	if f.Synthetic == 0 {
		if dir, err = sharedata.Locate(f.data, simdata.Files...); err != nil {
			return usagef("--data: %v", err)
		}
	}
	world, err := f.World(dir)
	if err != nil {
		return simUsage(err)
	}
	if f.db != "" {
		return writeSimStore(ctx, env, &f, world, params, opts)
	}
	bar := output.NewBar(env.Stderr, f.quiet, len(sim.ShardRuns(opts.Runs, opts.Shard, opts.Shards)), "simulating")
	opts.Progress = func(done, total int) { _ = bar.Set(done) }
	defer sweepGC()()
	rows, err := sim.Batch(ctx, world, params, opts)
	_ = bar.Finish()
	if err != nil {
		return err
	}
	title := fmt.Sprintf("%d runs from %d (seed %d)", opts.Runs, world.Start, opts.Seed)
	return writeSimOutputs(env, &f.out, f.bands, rows, title)
}

// writeSimStore runs one replication and writes it to a new store: its
// actors as the operator's record of keyless actors, each pact's whole log
// as the operator's record, replayed and verified before anything is kept,
// so the run can be served, browsed, verified and analysed like live pacts.
func writeSimStore(ctx context.Context, env *cli, f *simFlags, w *sim.World, p sim.Params, o sim.BatchOptions) error {
	if _, err := os.Stat(f.db); err == nil {
		return usagef("--db: %s exists; a run is written to a new store", f.db)
	}
	opts := o.Options
	opts.KeepLogs = true
	res, err := sim.Run(w, p, opts, o.Seed, 0)
	if err != nil {
		return err
	}
	logs := []ledger.Recorded{{Name: entente.RegistryLog, Events: w.Registrations()}}
	for _, pl := range res.Pacts {
		logs = append(logs, ledger.Recorded{Name: string(pl.State.Pact.ID), Events: pl.Events})
	}
	var n int64
	err = fillAtomically(ctx, f.db, func(db logstore.Store, signer tlog.Signer) error {
		var err error
		n, err = ledger.WriteRecord(ctx, db, signer, time.Now(), logs)
		return err
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "entente: wrote run 0 (seed %d): %d actors and %d pacts, %d entries, into %s; verified\n", o.Seed, len(w.Actors), len(res.Pacts), n, f.db)
	return nil
}

// writeSimOutputs writes the runs to --out (or, for a .svg or .png --out,
// their chart, titled title) and their bands beside them, each file
// atomically.
func writeSimOutputs(env *cli, out *output.Flags, bands string, rows []sim.Row, title string) error {
	format, err := out.Resolve()
	if err != nil {
		return err
	}
	chart := format == "svg" || format == "png"
	if ext := filepath.Ext(out.Out); bands == "" && !chart && out.ToFile() && ext != "" {
		bands = strings.TrimSuffix(out.Out, ext) + ".bands" + ext
	}
	if err := output.CheckDir("--bands", bands); err != nil {
		return err
	}
	b := sim.Bands(rows)
	if chart {
		draw := func(w io.Writer) error { return sim.WriteChart(w, b, nil, title, format) }
		if !out.ToFile() {
			return draw(env.Stdout)
		}
		if err := atomicfile.WriteFile(out.Out, draw); err != nil {
			return err
		}
		fmt.Fprintf(env.Stderr, "wrote the chart of %d runs to %s\n", sim.RunCount(rows), out.Out)
	} else {
		err = out.Emit(env.Stdout, env.Stderr, len(rows), output.CSVAs(format, func(w io.Writer) error { return sim.WriteRows(w, rows) }))
	}
	if err != nil || bands == "" {
		return err
	}
	return output.WriteFile(env.Stderr, bands, len(b), output.CSVAs(output.FormatOf(bands), func(w io.Writer) error { return sim.WriteBands(w, b) }))
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
	rows, err := readShards(&out, files)
	if err != nil {
		return err
	}
	return writeSimOutputs(env, &out, *bands, rows, fmt.Sprintf("%d shards", len(files)))
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
	rows, err := readShards(&out, files)
	if err != nil {
		return err
	}
	if *title == "" {
		*title = fmt.Sprintf("%d runs", sim.RunCount(rows))
	}
	return writeSimOutputs(env, &out, "", rows, *title)
}

// readShards checks --out, then reads and merges runs files.
func readShards(out *output.Flags, files []string) ([]sim.Row, error) {
	if _, err := out.Resolve(); err != nil {
		return nil, err
	}
	return simdata.ReadRuns(files)
}

// runSimValidate prints the validation table, and with --ablate the
// ablation table.
func runSimValidate(ctx context.Context, env *cli, args []string) error {
	fs := newFlags(env, "sim validate")
	data := fs.String("data", "", "the data `folder` (default: $"+sharedata.EnvVar+", else ../shared/data, else the user data folder)")
	runs := fs.Int("runs", 20, "replications of each model per span")
	seed := fs.Uint64("seed", 7, "the seed fixing every random draw")
	workers := fs.Int("workers", 0, "runs at once (default: one per CPU); the output does not depend on it")
	ablate := fs.Bool("ablate", false, "also switch each mechanism off in turn")
	fit := fs.Int("fit", 0, "calibrate first, with at most `N` simulations")
	def := fs.Bool("default", false, "judge the default parameters, not the calibrated ones")
	quiet := fs.Bool("quiet", false, "no progress bar on standard error")
	land := fs.Bool("landscape", false, "also compare the alignments of the strongest states with landscape theory's prediction")
	pos, err := cmdline.ParseInterleaved(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(pos) != 0:
		return usagef("sim validate: unexpected argument %q", pos[0])
	case *runs < 1:
		return usagef("--runs: expected at least 1, got %d", *runs)
	case *fit < 0:
		return usagef("--fit: expected at least 0 simulations, got %d", *fit)
	case *workers < 0:
		return usagef("--workers: expected at least 0, got %d", *workers)
	}
	dir, err := sharedata.Locate(*data, append(append([]string(nil), simdata.Files...), simdata.HistoryFiles...)...)
	if err != nil {
		return usagef("--data: %v", err)
	}
	o := simdata.ValidateOptions{Params: sim.Calibrated(), Runs: *runs, Seed: *seed, Workers: *workers}
	if *def {
		o.Params = sim.DefaultParams()
	}
	defer sweepGC()()
	if *fit > 0 {
		bar := output.NewBar(env.Stderr, *quiet, *fit, "calibrating")
		o.Progress = func(done, _ int) { _ = bar.Set(done) }
		c, err := simdata.Fit(ctx, dir, o, *fit)
		_ = bar.Finish()
		if err != nil {
			return err
		}
		if err := c.WriteText(env.Stdout, simdata.Training, simdata.Fitted, *runs); err != nil {
			return err
		}
		o.Params = c.Params
	}
	bar := output.NewBar(env.Stderr, *quiet, 2, "validating")
	o.Progress = func(done, _ int) { _ = bar.Set(done) }
	v, err := simdata.Validate(ctx, dir, o)
	_ = bar.Finish()
	if err != nil {
		return err
	}
	if err := v.WriteTable(env.Stdout, *runs); err != nil {
		return err
	}
	if *land {
		for _, sp := range v.Spans {
			c, err := simdata.CompareLandscape(ctx, dir, simdata.LandscapeOptions{From: sp.From, Years: sp.To - sp.From + 1,
				Params: o.Params, Runs: *runs, Seed: *seed})
			if err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout)
			if err := c.WriteText(env.Stdout); err != nil {
				return err
			}
		}
	}
	if !*ablate {
		return nil
	}
	bar = output.NewBar(env.Stderr, *quiet, len(sim.Mechanisms), "ablating")
	o.Progress = func(done, _ int) { _ = bar.Set(done) }
	abl, err := simdata.Ablate(ctx, dir, o)
	_ = bar.Finish()
	if err != nil {
		return err
	}
	return simdata.WriteAblation(env.Stdout, v, abl)
}

// runSimWhatIf simulates the next periods of a live pact read from a
// store and prints the distribution of what became of it.
func runSimWhatIf(ctx context.Context, env *cli, f *simFlags) error {
	o, err := f.WhatIf(f.periods, f.assume)
	if err != nil {
		return simUsage(err)
	}
	svc, done, err := (&common{db: cmp.Or(f.db, DefaultDB)}).openService(ctx)
	if err != nil {
		return err
	}
	defer done()
	s, err := svc.Pact(entente.PactID(f.pact))
	if err != nil {
		return usagef("--pact: %v", err)
	}
	res, err := sim.WhatIfPactContext(ctx, s, svc.Lookup, o)
	if err != nil {
		return usagef("--pact: %v", err)
	}
	return res.WriteText(env.Stdout, s.Pact.ID, o)
}

// sweepGC lets the heap grow to four times what is live before the
// garbage collector runs (GOGC=300) while a sweep runs, unless $GOGC says
// otherwise, and returns what restores the setting. A 200-state, 75-year
// run allocates about 460 MB, nearly all of it short-lived (proposals,
// assessments, rankings), so the default collector spends a fifth of the
// CPU time marking the same few tens of megabytes live over and over; at
// 300 it spends about a tenth, for a peak resident size about twice as
// large (two workers, 100 runs: about 165 MB at 100 and 200 MB at 300 from
// 1946; 414 MB at 300 for 200 states over 75 years).
func sweepGC() func() {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	old := debug.SetGCPercent(300)
	return func() { debug.SetGCPercent(old) }
}
