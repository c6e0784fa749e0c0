package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/sharedata"
	"github.com/entente/entente/ledger"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/sim"
	"github.com/entente/entente/sim/simdata"
	"github.com/entente/entente/tlog"
)

// simFlags are the flags of 'entente sim'.
type simFlags struct {
	data, bands, scenario, shard, db  string
	out                               outputFlags
	from, years, runs, workers, synth int
	seed                              uint64
	quiet, calibrated                 bool
	sets, offs, assume                simList
	pact                              string
	periods                           int
}

// simList is a repeatable flag.
type simList []string

// String lists the values given.
func (l *simList) String() string { return strings.Join(*l, ",") }

// Set adds a value.
func (l *simList) Set(v string) error { *l = append(*l, v); return nil }

const simHelp = `
Simulates the alliance system forward from a year of real data: the states
of the COW system that year with their NMC capabilities (CINC × 1000, then
their NMC trajectory), the ATOP alliances in force, strategic rivalries,
contiguity and recent militarized disputes (../shared/data/peacesciencer).
Every pact is a real Entente pact changed only through its commands and
decided by its own rules; see 'go doc github.com/entente/entente/sim' for
the mechanisms, their parameters and their sources.

Writes tidy CSV (run, year, statistic, value) to --out and, beside it,
quantile bands across runs (year, statistic, n, mean, q05, q25, q50, q75,
q95) to --bands. The same --seed gives byte-identical output whatever
--workers. --shard i/n does every n-th run from the i-th (0-based) so a
batch system can split a sweep; 'entente sim merge' joins the shards:

  entente sim --from-year 1946 --years 50 --runs 100 --seed 7 --out runs.csv
  entente sim --runs 100 --seed 7 --shard 0/4 --out part0.csv   (… 3/4)
  entente sim merge --out runs.csv part0.csv part1.csv part2.csv part3.csv

'entente sim validate' judges the simulator against history (ATOP 5.1)
and a null model; see 'entente sim validate --help'.`

func (f *simFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.data, "data", "", "the data `folder` (default: $"+sharedata.EnvVar+", else ../shared/data, else the user data folder)")
	fs.IntVar(&f.from, "from-year", 1946, "the first simulated `year`")
	fs.IntVar(&f.years, "years", 50, "how many `years` to simulate")
	fs.IntVar(&f.runs, "runs", 100, "replications in the whole sweep")
	fs.Uint64Var(&f.seed, "seed", 7, "the seed fixing every random draw")
	fs.IntVar(&f.workers, "workers", 0, "runs at once (default: one per CPU); the output does not depend on it")
	f.out.register(fs, "the runs `file` (.csv, or .json for JSON lines; default standard output)", "csv", "json")
	fs.StringVar(&f.bands, "bands", "", "the bands `file` (default: beside --out, FILE.bands.csv or .json; none for standard output)")
	fs.StringVar(&f.scenario, "scenario", "", "a scenario `file` (actors, shocks, rule changes, parameters)")
	fs.StringVar(&f.shard, "shard", "", "do shard `i/n` of the runs")
	fs.IntVar(&f.synth, "synthetic", 0, "simulate a made-up world of `n` actors instead of the data")
	fs.Var(&f.sets, "set", "a parameter, `name=value` (repeatable; see the package documentation)")
	fs.Var(&f.offs, "off", "switch a `mechanism` off (repeatable)")
	fs.BoolVar(&f.quiet, "quiet", false, "no progress bar on standard error")
	fs.BoolVar(&f.calibrated, "calibrated", false, "start from the calibrated parameters (sim.Calibrated), not the defaults")
	fs.StringVar(&f.db, "db", "", "with --pact, the store `file` to read (default "+DefaultDB+"); otherwise a new store to write the run to (with --runs 1)")
	fs.StringVar(&f.pact, "pact", "", "what-if: simulate the next --periods of live pact `ID` in the store (read only)")
	fs.IntVar(&f.periods, "periods", 12, "what-if: how many 30-day `periods` to simulate")
	fs.Var(&f.assume, "assume", "what-if: `ACTOR=SHARE` delivers SHARE of its pledges (0.4 or 40%; repeatable; default: its record)")
}

func runSim(ctx context.Context, env *cli, args []string) error {
	if len(args) > 0 && args[0] == "merge" {
		return runSimMerge(env, args[1:])
	}
	if len(args) > 0 && args[0] == "validate" {
		return runSimValidate(ctx, env, args[1:])
	}
	fs := newFlags(env, "sim", "[flags] | sim merge --out FILE SHARD...", simHelp)
	var f simFlags
	f.register(fs)
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return usagef("sim: unexpected argument %q", pos[0])
	}
	if f.pact != "" {
		return runSimWhatIf(ctx, env, &f)
	}
	opts, params, err := f.check()
	if err != nil {
		return err
	}
	if _, err := f.out.resolve(); err != nil {
		return err
	}
	world, err := f.world()
	if err != nil {
		return err
	}
	if f.db != "" {
		return writeSimStore(ctx, env, &f, world, params, opts)
	}
	bar := newBar(env, f.quiet, len(sim.ShardRuns(opts.Runs, opts.Shard, opts.Shards)), "simulating")
	opts.Progress = func(done, total int) { _ = bar.Set(done) }
	defer sweepGC()()
	rows, err := sim.Batch(ctx, world, params, opts)
	_ = bar.Finish()
	if err != nil {
		return err
	}
	return writeSimOutputs(env, &f.out, f.bands, rows)
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
	start := time.Date(w.Start, 1, 1, 0, 0, 0, 0, time.UTC)
	reg := ledger.Recorded{Name: entente.RegistryLog}
	for i, a := range w.Actors {
		name := a.Name
		if name == "" {
			name = string(a.ID)
		}
		actor := entente.Actor{ID: a.ID, Name: name, Kind: entente.State,
			Capabilities: map[string]float64{"military": a.Capability}, Positions: map[string]float64{"policy": a.Position}}
		reg.Events = append(reg.Events, entente.Event{Seq: int64(i), At: start, Data: entente.ActorRegistered{Actor: actor}})
	}
	logs := []ledger.Recorded{reg}
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
	fmt.Fprintf(env.stderr, "entente: wrote run 0 (seed %d): %d actors and %d pacts, %d entries, into %s; verified\n", o.Seed, len(w.Actors), len(res.Pacts), n, f.db)
	return nil
}

// check validates the flags and turns them into the sweep's options and
// parameters.
func (f *simFlags) check() (sim.BatchOptions, sim.Params, error) {
	o := sim.BatchOptions{Options: sim.Options{Years: f.years}, Runs: f.runs, Seed: f.seed, Workers: f.workers}
	p := sim.DefaultParams()
	if f.calibrated {
		p = sim.Calibrated()
	}
	switch {
	case f.db != "" && f.runs != 1:
		return o, p, usagef("--db: expected --runs 1: one run is written to a store")
	case f.years < 1 || f.years > 1000:
		return o, p, usagef("--years: expected 1 to 1000, got %d", f.years)
	case f.runs < 1:
		return o, p, usagef("--runs: expected at least 1, got %d", f.runs)
	case f.workers < 0:
		return o, p, usagef("--workers: expected at least 0, got %d", f.workers)
	case f.synth < 0 || f.synth > 10000:
		return o, p, usagef("--synthetic: expected 0 to 10000 actors, got %d", f.synth)
	}
	if f.synth == 0 && (f.from < 1816 || f.from > 2016) {
		return o, p, usagef("--from-year: expected a year of the COW system, 1816 to 2016, got %d", f.from)
	}
	var err error
	if o.Shard, o.Shards, err = parseShard(f.shard); err != nil {
		return o, p, err
	}
	return o, p, f.applyParams(&p)
}

func (f *simFlags) applyParams(p *sim.Params) error {
	for _, s := range f.sets {
		name, value, ok := strings.Cut(s, "=")
		if !ok {
			return usagef("--set: expected name=value, got %q", s)
		}
		if err := p.Set(name, value); err != nil {
			return usagef("--set: %v", err)
		}
	}
	for _, m := range f.offs {
		if err := p.Set("mechanism."+m, "off"); err != nil {
			return usagef("--off: %v", err)
		}
	}
	return nil
}

// parseShard reads "i/n".
func parseShard(s string) (int, int, error) {
	if s == "" {
		return 0, 1, nil
	}
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
		return 0, 0, usagef("--shard: expected i/n with 0 ≤ i < n, got %q", s)
	}
	return i, n, nil
}

// world builds the starting world: synthetic or from the data, then the
// scenario on top.
func (f *simFlags) world() (*sim.World, error) {
	var w *sim.World
	if f.synth > 0 {
		w = sim.Synthetic(f.synth, 1.5, f.from, f.seed)
	} else {
		dir, err := sharedata.Locate(f.data, simdata.Files...)
		if err != nil {
			return nil, usagef("--data: %v", err)
		}
		if w, err = simdata.Load(dir, simdata.Options{Year: f.from, Years: f.years}); err != nil {
			return nil, err
		}
	}
	if f.scenario == "" {
		return w, nil
	}
	file, err := os.Open(f.scenario)
	if err != nil {
		return nil, usagef("--scenario: %v", err)
	}
	defer file.Close()
	sc, err := sim.ParseScenario(file, f.scenario)
	if err != nil {
		return nil, usagef("--scenario: %v", err)
	}
	if w, err = sc.Apply(w); err != nil {
		return nil, usagef("--scenario: %v", err)
	}
	return w, nil
}

// writeSimOutputs writes the runs to --out and their bands beside them,
// each file atomically.
func writeSimOutputs(env *cli, out *outputFlags, bands string, rows []sim.Row) error {
	format, err := out.resolve()
	if err != nil {
		return err
	}
	if ext := filepath.Ext(out.out); bands == "" && out.toFile() && ext != "" {
		bands = strings.TrimSuffix(out.out, ext) + ".bands" + ext
	}
	if err := checkOutDir("--bands", bands); err != nil {
		return err
	}
	if err := out.emit(env, len(rows), csvAs(format, func(w io.Writer) error { return sim.WriteRows(w, rows) })); err != nil {
		return err
	}
	if bands == "" {
		return nil
	}
	b := sim.Bands(rows)
	return writeOut(env, bands, len(b), csvAs(formatOf(bands), func(w io.Writer) error { return sim.WriteBands(w, b) }))
}

// runSimMerge joins shard files into the whole sweep's runs and bands.
func runSimMerge(env *cli, args []string) error {
	fs := newFlags(env, "sim merge", "--out FILE [--bands FILE] SHARD.csv...", `
Joins the runs files of the shards of a sweep ('entente sim --shard i/n')
into one runs file, ordered by run, year and statistic as an unsharded
sweep writes it, and computes the bands across all runs. A run found in two
shards is an error.`)
	var out outputFlags
	out.register(fs, "the merged runs `file` (.csv, .json; default standard output)", "csv", "json")
	bands := fs.String("bands", "", "the bands `file` (default: beside --out, FILE.bands.csv or .json)")
	files, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usagef("sim merge: expected one or more shard files")
	}
	if _, err := out.resolve(); err != nil {
		return err
	}
	var shards [][]sim.Row
	for _, name := range files {
		rows, err := readSimRows(name)
		if err != nil {
			return err
		}
		shards = append(shards, rows)
	}
	rows, err := sim.Merge(shards...)
	if err != nil {
		return err
	}
	return writeSimOutputs(env, &out, *bands, rows)
}

func readSimRows(name string) ([]sim.Row, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return sim.ReadRows(f, name)
}

const simValidateHelp = `
Judges the simulator against history. For the training span (1946-1980)
and the held-out span (1981-2010), each started afresh from the real world
of its first year, it runs the model (the calibrated parameters unless
--default) and a null model (alliances form and end at the training
span's real rates among partners picked at random) --runs times, and
prints for each statistic its real value (the mean of its ATOP 5.1 yearly
values over the span), the model's and the null model's mean over the
runs with their 90% band (5% and 95% quantiles of the runs' span means),
and the root mean squared error of each one's yearly mean against the
real years ('<' marks a statistic on which the model beats the null).

  --ablate   also switch each mechanism off in turn and print the loss
             (sim.Loss: summed squared relative yearly errors) per span
  --fit N    first calibrate the fitted parameters (simdata.Fitted) by the
             simulated method of moments on the training span, with at
             most N simulations of --runs replications, and print them

The landscape prediction is not among the baselines: package landscape
splits at most 64 actors into two blocs and predicts no yearly alliance
statistics.`

// runSimValidate prints the validation table, and with --ablate the
// ablation table.
func runSimValidate(ctx context.Context, env *cli, args []string) error {
	fs := newFlags(env, "sim validate", "[--runs N] [--ablate] [--fit N]", simValidateHelp)
	data := fs.String("data", "", "the data `folder` (default: $"+sharedata.EnvVar+", else ../shared/data, else the user data folder)")
	runs := fs.Int("runs", 20, "replications of each model per span")
	seed := fs.Uint64("seed", 7, "the seed fixing every random draw")
	workers := fs.Int("workers", 0, "runs at once (default: one per CPU); the output does not depend on it")
	ablate := fs.Bool("ablate", false, "also switch each mechanism off in turn")
	fit := fs.Int("fit", 0, "calibrate first, with at most `N` simulations")
	def := fs.Bool("default", false, "judge the default parameters, not the calibrated ones")
	quiet := fs.Bool("quiet", false, "no progress bar on standard error")
	pos, err := parseInterleaved(fs, args)
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
	out := bufio.NewWriter(env.stdout)
	defer out.Flush()
	if *fit > 0 {
		bar := newBar(env, *quiet, *fit, "calibrating")
		o.Progress = func(done, _ int) { _ = bar.Set(done) }
		c, err := simdata.Fit(ctx, dir, o, *fit)
		_ = bar.Finish()
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "Calibration on %d-%d (%d simulations of %d runs): loss %.4g at the start, %.4g fitted\n",
			simdata.Training.From, simdata.Training.To, c.Evaluations, *runs, c.Start, c.Loss)
		for i, f := range simdata.Fitted {
			fmt.Fprintf(out, "  set %s %.4g\n", f.Name, c.Values[i])
		}
		fmt.Fprintln(out)
		o.Params = c.Params
	}
	bar := newBar(env, *quiet, 2, "validating")
	o.Progress = func(done, _ int) { _ = bar.Set(done) }
	v, err := simdata.Validate(ctx, dir, o)
	_ = bar.Finish()
	if err != nil {
		return err
	}
	writeValidation(out, v, *runs)
	if !*ablate {
		return nil
	}
	bar = newBar(env, *quiet, len(sim.Mechanisms), "ablating")
	o.Progress = func(done, _ int) { _ = bar.Set(done) }
	abl, err := simdata.Ablate(ctx, dir, o)
	_ = bar.Finish()
	if err != nil {
		return err
	}
	writeAblation(out, v, abl)
	return nil
}

// writeValidation prints the validation table and the verdict per span.
func writeValidation(w io.Writer, v *simdata.Validation, runs int) {
	fmt.Fprintf(w, "Validation against ATOP 5.1: span means; model and null model over %d runs each, [90%% band]; RMSE of yearly means\n", runs)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "span\tstatistic\treal\tmodel\t[band]\tnull\t[band]\tRMSE model\tRMSE null\t")
	for _, r := range v.Rows {
		mark := ""
		if r.ModelRMSE < r.NullRMSE {
			mark = " <"
		}
		fmt.Fprintf(tw, "%s %d-%d\t%s\t%.3f\t%.3f\t[%.3f, %.3f]\t%.3f\t[%.3f, %.3f]\t%.3f%s\t%.3f\t\n",
			r.Span.Name, r.Span.From, r.Span.To, r.Statistic, r.Real, r.Model.Mean, r.Model.Lo, r.Model.Hi,
			r.Null.Mean, r.Null.Lo, r.Null.Hi, r.ModelRMSE, mark, r.NullRMSE)
	}
	_ = tw.Flush()
	for k, sp := range []sim.Span{simdata.Training, simdata.HeldOut} {
		verdict := "does not beat"
		if v.ModelLoss[k] < v.NullLoss[k] {
			verdict = "beats"
		}
		fmt.Fprintf(w, "%s loss (sim.Loss over %d statistics): model %.3f, null model %.3f: the model %s the null model\n",
			sp.Name, len(sim.Moments), v.ModelLoss[k], v.NullLoss[k], verdict)
	}
}

// writeAblation prints the loss with each mechanism off beside the full
// model's.
func writeAblation(w io.Writer, v *simdata.Validation, abl []simdata.Ablation) {
	fmt.Fprintf(w, "\nAblation: loss with each mechanism switched off (full model: training %.3f, held-out %.3f)\n",
		v.ModelLoss[0], v.ModelLoss[1])
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "mechanism off\ttraining\tchange\theld-out\tchange\t")
	for _, a := range abl {
		fmt.Fprintf(tw, "%s\t%.3f\t%+.3f\t%.3f\t%+.3f\t\n", a.Mechanism, a.Loss[0], a.Loss[0]-v.ModelLoss[0], a.Loss[1], a.Loss[1]-v.ModelLoss[1])
	}
	_ = tw.Flush()
}

// runSimWhatIf simulates the next periods of a live pact read from a
// store and prints the distribution of what became of it.
func runSimWhatIf(ctx context.Context, env *cli, f *simFlags) error {
	switch {
	case f.periods < 1 || f.periods > 1200:
		return usagef("--periods: expected 1 to 1200, got %d", f.periods)
	case f.runs < 1:
		return usagef("--runs: expected at least 1, got %d", f.runs)
	}
	o := sim.WhatIf{Periods: f.periods, Runs: f.runs, Seed: f.seed, Params: sim.DefaultParams(), Deliver: map[entente.ActorID]float64{}}
	if err := f.applyParams(&o.Params); err != nil {
		return err
	}
	for _, a := range f.assume {
		id, share, err := sim.ParseDeliver(a)
		if err != nil {
			return usagef("--assume: %v", err)
		}
		o.Deliver[id] = share
	}
	path := f.db
	if path == "" {
		path = DefaultDB
	}
	db, signer, err := openStore(path, false)
	if err != nil {
		return err
	}
	defer db.Close()
	svc, err := ledger.Open(ctx, db, signer, time.Now)
	if err != nil {
		return err
	}
	s, err := svc.Pact(entente.PactID(f.pact))
	if err != nil {
		return usagef("--pact: %v", err)
	}
	actor := func(id entente.ActorID) *entente.Actor {
		a, err := svc.Actor(id)
		if err != nil {
			return nil
		}
		return a
	}
	res, err := sim.WhatIfPact(s, actor, o)
	if err != nil {
		return usagef("--pact: %v", err)
	}
	out := bufio.NewWriter(env.stdout)
	defer out.Flush()
	fmt.Fprintf(out, "What if: pact %s over its next %d periods of 30 days, %d runs (seed %d). Assumed:\n", f.pact, f.periods, f.runs, f.seed)
	for _, a := range res.Assumptions {
		fmt.Fprintf(out, "  %s\n", a)
	}
	fmt.Fprintf(out, "health at the end: median %.1f, 90%% of runs between %.1f and %.1f (0-100)\n",
		res.HealthQuantile(0.5), res.HealthQuantile(0.05), res.HealthQuantile(0.95))
	fmt.Fprintf(out, "P(a dispute reaches arbitration) = %.2f\nP(dissolution) = %.2f\n", res.Arbitration, res.Dissolution)
	return nil
}

// sweepGC lets the heap grow to four times what is live before the
// garbage collector runs (GOGC=300) while a sweep runs, unless $GOGC says
// otherwise, and returns what restores the setting. A 200-state, 75-year
// run allocates about 460 MB, nearly all of it short-lived (proposals,
// assessments, rankings), so the default collector spends a fifth of the
// CPU time marking the same few tens of megabytes live over and over; at
// 300 it spends about a tenth, for a peak resident size about twice as
// large (two workers: about 160 MB at 100, about 380 MB at 300, the 1946
// start).
func sweepGC() func() {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	old := debug.SetGCPercent(300)
	return func() { debug.SetGCPercent(old) }
}
