package main

import (
	"bufio"
	"context"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/entente/entente/internal/sharedata"
	"github.com/entente/entente/sim"
	"github.com/entente/entente/sim/simdata"
)

func init() {
	register(verb{"sim", "simulate alliances forming, holding and breaking, from a year of real data (also: sim merge)", runSim})
}

// simFlags are the flags of 'entente sim'.
type simFlags struct {
	data, out, bands, scenario, shard, db string
	from, years, runs, workers, synth     int
	seed                                  uint64
	quiet                                 bool
	sets, offs                            simList
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
  entente sim merge --out runs.csv part0.csv part1.csv part2.csv part3.csv`

func (f *simFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.data, "data", "", "the data `folder` (default: $"+sharedata.EnvVar+", else ../shared/data, else the user data folder)")
	fs.IntVar(&f.from, "from-year", 1946, "the first simulated `year`")
	fs.IntVar(&f.years, "years", 50, "how many `years` to simulate")
	fs.IntVar(&f.runs, "runs", 100, "replications in the whole sweep")
	fs.Uint64Var(&f.seed, "seed", 7, "the seed fixing every random draw")
	fs.IntVar(&f.workers, "workers", 0, "runs at once (default: one per CPU); the output does not depend on it")
	fs.StringVar(&f.out, "out", "-", "the runs `file` (- for standard output)")
	fs.StringVar(&f.bands, "bands", "", "the bands `file` (default: --out with .bands.csv for .csv; none for standard output)")
	fs.StringVar(&f.scenario, "scenario", "", "a scenario `file` (actors, shocks, rule changes, parameters)")
	fs.StringVar(&f.shard, "shard", "", "do shard `i/n` of the runs")
	fs.IntVar(&f.synth, "synthetic", 0, "simulate a made-up world of `n` actors instead of the data")
	fs.Var(&f.sets, "set", "a parameter, `name=value` (repeatable; see the package documentation)")
	fs.Var(&f.offs, "off", "switch a `mechanism` off (repeatable)")
	fs.BoolVar(&f.quiet, "quiet", false, "no progress bar on standard error")
	fs.StringVar(&f.db, "db", "", "write the runs' pacts to a store (not available yet)")
}

func runSim(ctx context.Context, env *cli, args []string) error {
	if len(args) > 0 && args[0] == "merge" {
		return runSimMerge(env, args[1:])
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
	opts, params, err := f.check()
	if err != nil {
		return err
	}
	world, err := f.world()
	if err != nil {
		return err
	}
	bar := simBar(env, f.quiet, len(sim.ShardRuns(opts.Runs, opts.Shard, opts.Shards)), "simulating")
	opts.Progress = func(done, total int) { _ = bar.Set(done) }
	rows, err := sim.Batch(ctx, world, params, opts)
	_ = bar.Finish()
	if err != nil {
		return err
	}
	return writeSimOutputs(env.stdout, f.out, f.bands, rows)
}

// check validates the flags and turns them into the sweep's options and
// parameters.
func (f *simFlags) check() (sim.BatchOptions, sim.Params, error) {
	o := sim.BatchOptions{Options: sim.Options{Years: f.years}, Runs: f.runs, Seed: f.seed, Workers: f.workers}
	p := sim.DefaultParams()
	switch {
	case f.db != "":
		return o, p, usagef("--db: writing runs to a store is not available yet")
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

// writeSimOutputs writes the runs to out and their bands beside them.
func writeSimOutputs(stdout io.Writer, out, bands string, rows []sim.Row) error {
	if bands == "" && out != "-" && strings.HasSuffix(out, ".csv") {
		bands = strings.TrimSuffix(out, ".csv") + ".bands.csv"
	}
	if err := simWriteFile(stdout, out, func(w io.Writer) error { return sim.WriteRows(w, rows) }); err != nil {
		return err
	}
	if bands == "" {
		return nil
	}
	return simWriteFile(stdout, bands, func(w io.Writer) error { return sim.WriteBands(w, sim.Bands(rows)) })
}

// simWriteFile writes a file in full under a temporary name and renames it
// into place, so a failure leaves nothing behind; "-" is standard output.
func simWriteFile(stdout io.Writer, path string, write func(io.Writer) error) error {
	if path == "-" {
		bw := bufio.NewWriter(stdout)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".sim-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	bw := bufio.NewWriter(tmp)
	if err := write(bw); err != nil {
		tmp.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// runSimMerge joins shard files into the whole sweep's runs and bands.
func runSimMerge(env *cli, args []string) error {
	fs := newFlags(env, "sim merge", "--out FILE [--bands FILE] SHARD.csv...", `
Joins the runs files of the shards of a sweep ('entente sim --shard i/n')
into one runs file, ordered by run, year and statistic as an unsharded
sweep writes it, and computes the bands across all runs. A run found in two
shards is an error.`)
	out := fs.String("out", "-", "the merged runs `file` (- for standard output)")
	bands := fs.String("bands", "", "the bands `file` (default: --out with .bands.csv for .csv)")
	files, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usagef("sim merge: expected one or more shard files")
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
	return writeSimOutputs(env.stdout, *out, *bands, rows)
}

func readSimRows(name string) ([]sim.Row, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return sim.ReadRows(f, name)
}

// simBar is a progress bar over n runs on standard error, hidden with
// --quiet or when standard error is not a terminal.
func simBar(env *cli, quiet bool, n int, what string) *progressbar.ProgressBar {
	visible := false
	if f, ok := env.stderr.(*os.File); ok && !quiet {
		st, err := f.Stat()
		visible = err == nil && st.Mode()&os.ModeCharDevice != 0
	}
	return progressbar.NewOptions(n,
		progressbar.OptionSetWriter(env.stderr),
		progressbar.OptionSetVisibility(visible),
		progressbar.OptionSetDescription(what),
		progressbar.OptionShowCount(),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
}
