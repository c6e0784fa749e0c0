package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/internal/output"
	"github.com/entente/entente/power"
)

// powerFlags holds the flags of 'entente power'.
type powerFlags struct {
	common
	weights, names, file string
	quota, quota2        string
	minBlockers          int
	pact, matter         string
	indices              string
	exact                bool
	out                  output.Flags
	samples              int
	seed                 uint64
	maxMemory, maxWork   string
	set                  map[string]bool // the flags given
}

func (f *powerFlags) register(fs *flag.FlagSet) {
	f.common.register(fs)
	fs.StringVar(&f.weights, "weights", "", "the players' `weights`, comma-separated decimals")
	fs.StringVar(&f.names, "names", "", "the players' `names` for --weights, comma-separated (default p1,p2,...)")
	fs.StringVar(&f.file, "file", "", "a CSV `file` name,weight[,weight2,...] (- for standard input)")
	fs.StringVar(&f.quota, "quota", "", "the `quota`: weight (39, 62.5) or share of the total (55%); one per weight column, comma-separated")
	fs.StringVar(&f.quota2, "quota2", "", "the `quota` of the second weight column (the same as --quota Q1,Q2)")
	fs.IntVar(&f.minBlockers, "min-blockers", 0, "a coalition also wins when fewer than `K` players are outside it (0: no such clause)")
	fs.StringVar(&f.pact, "pact", "", "analyse the decision rule of this `pact` in the store (--db)")
	fs.StringVar(&f.matter, "matter", string(entente.General), "with --pact, the `matter` whose rule is analysed: "+matterList())
	fs.StringVar(&f.indices, "indices", "", "the `indices` to compute, comma-separated: banzhaf, penrose, ss (Shapley-Shubik), dp (Deegan-Packel), holler, johnston, coleman (default all)")
	f.out.Register(fs, "write the indices to this `file` (.csv, .json)", "table", "csv", "json")
	fs.BoolVar(&f.exact, "exact", false, "print exact fractions")
	fs.IntVar(&f.samples, "samples", 0, "estimate by Monte Carlo from `N` samples instead of computing exactly")
	fs.Uint64Var(&f.seed, "seed", 1, "the Monte Carlo `seed`, for reproducible estimates")
	fs.StringVar(&f.maxMemory, "max-memory", "", "the most memory the exact `size` tables may take: 2.5GB, 4GiB, 800MB (default 4GiB); larger games run in more, smaller passes")
	fs.StringVar(&f.maxWork, "max-work", "", "the most word `steps` an exact computation may take, such as 5e11 (default 2e11, one to three minutes)")
}

func matterList() string {
	s := make([]string, len(entente.Matters))
	for i, m := range entente.Matters {
		s[i] = string(m)
	}
	return strings.Join(s, ", ")
}

func runPower(ctx context.Context, env *cli, args []string) error {
	fs := newFlags(env, "power")
	var f powerFlags
	f.register(fs)
	pos, err := cmdline.ParseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("power: unexpected argument %q (the game comes from --weights, --file or --pact)", pos[0])
	}
	f.set = map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { f.set[fl.Name] = true })
	if err := f.check(); err != nil {
		return err
	}
	if _, err := f.out.Resolve(); err != nil {
		return err
	}
	cols, idx, err := power.ParseColumns(f.indices, f.samples > 0)
	if err != nil {
		return usagef("--indices: %v", err)
	}
	opts := power.Options{Indices: idx, Exact: f.exact}
	if opts.MaxMemory, err = power.ParseSize(f.maxMemory); err != nil {
		return usagef("--max-memory: %v", err)
	}
	if opts.MaxWork, err = power.ParseSteps(f.maxWork); err != nil {
		return usagef("--max-work: %v", err)
	}
	if f.samples > 0 {
		opts.MonteCarlo = &power.MCOptions{Samples: f.samples, Seed: f.seed}
	}
	var a power.Analysis
	if f.pact != "" {
		a, err = f.analysePact(ctx, opts)
	} else {
		a, err = f.analyseGame(env, opts)
	}
	if err != nil {
		return err
	}
	format, _ := f.out.Resolve() // checked before the work
	return f.out.Emit(env.Stdout, env.Stderr, len(a.Report.Players), func(w io.Writer) error {
		switch format {
		case "json":
			return output.WriteJSON(w, a.Report)
		case "table":
			return a.WriteText(w, cols, f.exact)
		}
		return output.CSVAs(format, func(w io.Writer) error { return a.WriteCSV(w, cols, f.exact) })(w)
	})
}

// check rejects flag combinations that do not make one game.
func (f *powerFlags) check() error {
	sources := 0
	for _, name := range []string{"weights", "file", "pact"} {
		if f.set[name] {
			sources++
		}
	}
	if sources != 1 {
		return usagef("power: expected exactly one of --weights, --file and --pact (see entente power --help)")
	}
	gameFlags := []string{"quota", "quota2", "min-blockers", "names"}
	for _, name := range gameFlags {
		if f.pact != "" && f.set[name] {
			return usagef("--%s: not with --pact, whose rule sets the quotas", name)
		}
	}
	switch {
	case f.pact == "" && f.set["matter"]:
		return usagef("--matter: only with --pact")
	case f.pact != "" && !slices.Contains(entente.Matters, entente.Matter(f.matter)):
		return usagef("--matter: expected one of %s, got %q", matterList(), f.matter)
	case f.pact == "" && strings.TrimSpace(f.quota) == "":
		return usagef("--quota: expected the quota (39, 62.5 or 55%%) of the game")
	case f.set["names"] && !f.set["weights"]:
		return usagef("--names: only with --weights (a --file names its players)")
	case f.samples < 0:
		return usagef("--samples: expected a positive number of samples, got %d", f.samples)
	case f.samples > 0 && f.exact:
		return usagef("--exact: not with --samples, which estimates")
	case f.set["seed"] && f.samples == 0:
		return usagef("--seed: only with --samples")
	}
	return nil
}

// analysePact analyses the rule of a pact in the store.
func (f *powerFlags) analysePact(ctx context.Context, opts power.Options) (power.Analysis, error) {
	_, st, actors, done, err := f.openPact(ctx, f.pact)
	if err != nil {
		return power.Analysis{}, err
	}
	defer done()
	rep, err := power.PactPower(st, entente.Matter(f.matter), actors, opts)
	if err != nil {
		return power.Analysis{}, tooLargeHint(err)
	}
	return power.PactAnalysis(rep), nil
}

// tooLargeHint says what to do about a game too large for exact methods:
// the flag that raises the limit that was hit, the indices that need it,
// or sampling.
func tooLargeHint(err error) error {
	var le *power.LimitError
	if !errors.As(err, &le) {
		if errors.Is(err, power.ErrTooLarge) {
			return fmt.Errorf("%w\n(estimate with --samples N instead)", err)
		}
		return err
	}
	var ways []string
	switch le.Resource {
	case "memory":
		ways = append(ways, "raise --max-memory to "+power.FormatSize(le.Need))
	case "work":
		ways = append(ways, "raise --max-work to "+strconv.FormatFloat(float64(le.Need)*1.05, 'g', 2, 64))
	}
	var names []string
	for _, c := range power.Columns {
		if c.Index&le.Indices != 0 && !slices.Contains(names, c.Name) {
			names = append(names, c.Name)
		}
	}
	if names != nil {
		ways = append(ways, "leave "+strings.Join(names, ",")+" out of --indices")
	}
	if le.Indices&(power.BanzhafIndex|power.ShapleyShubikIndex|power.ColemanIndices) != 0 {
		ways = append(ways, "estimate with --samples N")
	}
	return fmt.Errorf("%w\n(to get past it: %s)", err, strings.Join(ways, "; or "))
}

// analyseGame builds the game of --weights or --file and analyses it.
func (f *powerFlags) analyseGame(env *cli, opts power.Options) (power.Analysis, error) {
	var t *power.Table
	var err error
	if f.file != "" {
		t, err = readWeightFile(env, f.file)
	} else {
		t, err = power.WeightsTable(f.weights, f.names)
	}
	if err != nil {
		return power.Analysis{}, f.specError(err)
	}
	quotas := strings.Split(f.quota, ",")
	if f.quota2 != "" {
		quotas = append(quotas, f.quota2)
	}
	g, err := t.Game(quotas, f.minBlockers)
	if err != nil {
		return power.Analysis{}, f.specError(err)
	}
	a, err := power.AnalyzeTable(t, g, opts)
	return a, tooLargeHint(err)
}

// specError names the flag that gave what makes no game.
func (f *powerFlags) specError(err error) error {
	var se *power.SpecError
	if !errors.As(err, &se) {
		return err
	}
	name := "--" + se.Field
	switch {
	case se.Field != "quota":
	case se.Column < 0:
		return usagef("--quota: %s; give one per column (--quota Q1,Q2 or --quota Q1 --quota2 Q2)", se.Msg)
	case se.Column == 1 && f.quota2 != "":
		name = "--quota2"
	case se.Column > 0:
		name = fmt.Sprintf("--quota (quota %d)", se.Column+1)
	}
	return usagef("%s: %s", name, se.Msg)
}

// readWeightFile reads a CSV weight table (- for standard input).
func readWeightFile(env *cli, path string) (*power.Table, error) {
	if path == "-" {
		return power.ReadTable(env.Stdin, path)
	}
	file, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	return power.ReadTable(file, path)
}
