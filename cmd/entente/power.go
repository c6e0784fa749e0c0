package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/table"
	"github.com/entente/entente/power"
)

const powerHelp = `
Computes the voting power of each player of a simple game: the Banzhaf,
Penrose, Shapley-Shubik, Deegan-Packel, Holler (public good) and Johnston
indices, Coleman's powers to prevent and to initiate action, which players
are dummies (never swing a decision) and which hold a veto, and the numbers
of winning and minimal winning coalitions. The game comes from one of:

  --weights W1,W2,... --quota Q
      a weighted game [Q; W1,...,Wn]; players are p1..pn unless --names
      gives them names.
  --file FILE --quota Q [--quota2 Q2] [--min-blockers K]
      a CSV table "name,weight[,weight2,...]" (- for standard input), with
      an optional header line whose first field is "name" and '#' comments.
      With several weight columns a coalition must reach the quota of every
      column: give one quota per column, --quota Q1,Q2,... or, for two,
      --quota Q1 --quota2 Q2. A column of 1s counts players.
  --pact PACT [--matter MATTER]
      the rule the pact's agreement applies to a matter (default general),
      over the members who can vote now, with the weights a proposal
      opening now would get. Every member is taken to vote yes or no:
      abstention and absence are not modelled, the quorum is met by full
      participation, and consensus reads as unanimity.

A quota is an amount of weight ("39", "62.5") or a share of its column's
total ("55%", "50.5%": at least that share, rounded up). Weights are exact
decimals; nothing is rounded. --min-blockers K also lets a coalition win
whenever fewer than K players are outside it (a blocking minority needs K
players, as in the EU Council).

Indices are exact, computed by dynamic programming for weighted games and
by enumeration otherwise; --exact prints them as fractions. --samples N
estimates Banzhaf, Penrose, Shapley-Shubik and Coleman from N random
coalitions and orderings instead (reproducible with --seed), and prints the
error bound.

Examples:
  # UN Security Council: five vetoes among fifteen members, nine votes pass
  entente power --quota 39 --weights 7,7,7,7,7,1,1,1,1,1,1,1,1,1,1 --exact
  # EEC Council of Ministers 1958 (France,4 ... Luxembourg,1): 12 of 17
  entente power --file eec1958.csv --quota 12
  # EU Council, Lisbon rule: eu.csv is name,states,population (states all 1;
  # with 27 members, 55% of the states is the treaty's minimum of 15)
  entente power --file eu.csv --quota 55% --quota2 65% --min-blockers 4
  # A pact's budget rule, from the store
  entente power --pact solid-state-jv --matter budget --db entente.db
  # A large game, estimated
  entente power --file imf.csv --quota 85% --indices banzhaf,ss --samples 1000000 --seed 7`

// powerFlags holds the flags of 'entente power'.
type powerFlags struct {
	common
	weights, names, file string
	quota, quota2        string
	minBlockers          int
	pact, matter         string
	indices              string
	exact                bool
	out                  outputFlags
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
	f.out.register(fs, "write the indices to this `file` (.csv, .json)", "table", "csv", "json")
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

// powerAnalysis is a computed report with what the table shows beside it:
// the weights as they were written, under their column headers.
type powerAnalysis struct {
	report  power.PowerReport
	headers []string
	weights [][]string
}

func runPower(ctx context.Context, env *cli, args []string) error {
	fs := newFlags(env, "power", "(--weights W,... | --file FILE) --quota Q [flags] | --pact PACT [--matter M] [flags]", powerHelp)
	var f powerFlags
	f.register(fs)
	pos, err := parseInterleaved(fs, args)
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
	if _, err := f.out.resolve(); err != nil {
		return err
	}
	cols, idx, err := power.ParseColumns(f.indices, f.samples > 0)
	if err != nil {
		return usagef("--indices: %v", err)
	}
	opts := power.Options{Indices: idx, Exact: f.exact}
	if opts.MaxMemory, err = parseSize(f.maxMemory); err != nil {
		return usagef("--max-memory: %v", err)
	}
	if opts.MaxWork, err = parseSteps(f.maxWork); err != nil {
		return usagef("--max-work: %v", err)
	}
	if f.samples > 0 {
		opts.MonteCarlo = &power.MCOptions{Samples: f.samples, Seed: f.seed}
	}
	var a powerAnalysis
	if f.pact != "" {
		a, err = f.analysePact(ctx, opts)
	} else {
		a, err = f.analyseGame(env, opts)
	}
	if err != nil {
		return err
	}
	format, _ := f.out.resolve() // checked before the work
	return f.out.emit(env, len(a.report.Players), func(w io.Writer) error {
		switch format {
		case "json":
			return writeJSON(w, a.report)
		case "csv":
			header, rows := a.report.Table(a.headers, a.weights, cols, f.exact, true)
			return table.WriteCSV(w, table.Lower(header), rows)
		}
		return printPower(w, a, cols, f.exact)
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
func (f *powerFlags) analysePact(ctx context.Context, opts power.Options) (powerAnalysis, error) {
	svc, done, err := f.openService(ctx)
	if err != nil {
		return powerAnalysis{}, err
	}
	defer done()
	st, err := svc.Pact(entente.PactID(f.pact))
	if err != nil {
		return powerAnalysis{}, err
	}
	actors := func(id entente.ActorID) *entente.Actor {
		a, err := svc.Actor(id)
		if err != nil {
			return nil
		}
		return a
	}
	rep, err := power.PactPower(st, entente.Matter(f.matter), actors, opts)
	if err != nil {
		return powerAnalysis{}, tooLargeHint(err)
	}
	a := powerAnalysis{report: rep}
	for _, p := range rep.Players {
		if p.Weights == nil {
			continue
		}
		a.headers = []string{"WEIGHT"}
		a.weights = append(a.weights, []string{num(p.Weights[0])})
	}
	return a, nil
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
		ways = append(ways, "raise --max-memory to "+formatSize(le.Need))
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

// parseSize reads a byte count such as 2.5GB, 4GiB, 800MB or 1000000
// (0 for the empty string: the default).
func parseSize(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	units := []struct {
		suffix string
		scale  float64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"TiB", 1 << 40},
		{"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"TB", 1e12}, {"B", 1}}
	scale := 1.0
	for _, u := range units {
		if strings.HasSuffix(strings.ToUpper(s), strings.ToUpper(u.suffix)) && (len(u.suffix) == 3) == strings.HasSuffix(strings.ToLower(s), "ib") {
			s, scale = strings.TrimSpace(s[:len(s)-len(u.suffix)]), u.scale
			break
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || !(v > 0) || v*scale > 1<<62 {
		return 0, fmt.Errorf("expected a positive size such as 2.5GB, 4GiB or 800MB, got %q", s)
	}
	return int64(v * scale), nil
}

// formatSize writes a byte count as GB or MB, rounded up.
func formatSize(b int64) string {
	if b >= 1e9 {
		return strconv.FormatFloat(math.Ceil(float64(b)/1e8)/10, 'f', -1, 64) + "GB"
	}
	return strconv.FormatFloat(math.Ceil(float64(b)/1e6), 'f', -1, 64) + "MB"
}

// parseSteps reads a number of work steps such as 5e11 (0 for the empty
// string: the default).
func parseSteps(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || !(v >= 1) || v > 1<<62 {
		return 0, fmt.Errorf("expected a positive number of steps such as 5e11, got %q", s)
	}
	return int64(v), nil
}

// analyseGame builds the game of --weights or --file and analyses it.
func (f *powerFlags) analyseGame(env *cli, opts power.Options) (powerAnalysis, error) {
	var t *power.Table
	var err error
	if f.file != "" {
		t, err = readWeightFile(env, f.file)
	} else {
		t, err = f.weightFlags()
	}
	if err != nil {
		return powerAnalysis{}, err
	}
	g, err := f.game(t)
	if err != nil {
		return powerAnalysis{}, err
	}
	res, err := power.Analyze(g, opts)
	if err != nil {
		return powerAnalysis{}, tooLargeHint(err)
	}
	a := powerAnalysis{headers: weightHeaders(t)}
	shown := make([][]float64, len(t.Names))
	for i := range t.Names {
		row := make([]string, len(t.Weights))
		for c := range t.Weights {
			row[c] = t.Weight(c, i)
			v, _ := strconv.ParseFloat(row[c], 64) // a decimal just written: parses
			shown[i] = append(shown[i], v)
		}
		a.weights = append(a.weights, row)
	}
	a.report = power.NewPowerReport(g, t.Names, shown, res)
	return a, nil
}

// weightFlags reads --weights and --names.
func (f *powerFlags) weightFlags() (*power.Table, error) {
	ints, scale, err := power.ParseDecimal(strings.Split(f.weights, ",")...)
	if err != nil {
		return nil, flagValueError("--weights", err)
	}
	t := &power.Table{Weights: [][]int64{ints}, Scales: []int64{scale}}
	if f.names == "" {
		for i := range ints {
			t.Names = append(t.Names, fmt.Sprintf("p%d", i+1))
		}
		return t, nil
	}
	t.Names = strings.Split(f.names, ",")
	if len(t.Names) != len(ints) {
		return nil, usagef("--names: %d names for %d weights", len(t.Names), len(ints))
	}
	seen := map[string]bool{}
	for i, n := range t.Names {
		t.Names[i] = strings.TrimSpace(n)
		if t.Names[i] == "" || seen[t.Names[i]] {
			return nil, usagef("--names: name %d is empty or repeated (%q)", i+1, t.Names[i])
		}
		seen[t.Names[i]] = true
	}
	return t, nil
}

// flagValueError names the flag and the value of a parse error.
func flagValueError(flagName string, err error) error {
	var pe *power.ParseError
	if errors.As(err, &pe) {
		return usagef("%s: value %d: %s (%q)", flagName, pe.Column, pe.Msg, pe.Value)
	}
	return usagef("%s: %s", flagName, strings.TrimPrefix(err.Error(), "power: "))
}

// readWeightFile reads a CSV weight table; errors name the file and line.
func readWeightFile(env *cli, path string) (*power.Table, error) {
	var r io.Reader = env.stdin
	if path != "-" {
		file, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer file.Close()
		r = file
	}
	tab, err := power.ParseCSV(r)
	if err != nil {
		var pe *power.ParseError
		if errors.As(err, &pe) && pe.Line > 0 {
			value := ""
			if pe.Value != "" {
				value = fmt.Sprintf(" (%q)", pe.Value)
			}
			return nil, entente.Errorf(entente.EINVALID, "%s: line %d, column %d: %s%s", path, pe.Line, pe.Column, pe.Msg, value)
		}
		return nil, entente.Errorf(entente.EINVALID, "%s: %s", path, strings.TrimPrefix(err.Error(), "power: "))
	}
	return tab, nil
}

// weightHeaders are the table's weight column headers: the file's, in
// capitals, else WEIGHT or WEIGHT1, WEIGHT2, ...
func weightHeaders(t *power.Table) []string {
	var h []string
	for c := range t.Weights {
		switch {
		case t.Headers != nil:
			h = append(h, strings.ToUpper(t.Headers[c]))
		case len(t.Weights) == 1:
			h = append(h, "WEIGHT")
		default:
			h = append(h, fmt.Sprintf("WEIGHT%d", c+1))
		}
	}
	return h
}

// game builds the weighted game, or the multiple-weight game when there are
// several weight columns or a blocking-minority clause.
func (f *powerFlags) game(t *power.Table) (power.Game, error) {
	quotas := strings.Split(f.quota, ",")
	if f.quota2 != "" {
		quotas = append(quotas, f.quota2)
	}
	if len(quotas) != len(t.Weights) {
		return nil, usagef("--quota: %d quota(s) for %d weight column(s); give one per column (--quota Q1,Q2 or --quota Q1 --quota2 Q2)", len(quotas), len(t.Weights))
	}
	n := len(t.Names)
	if f.minBlockers < 0 || f.minBlockers > n {
		return nil, usagef("--min-blockers: expected 0 to %d (the number of players), got %d", n, f.minBlockers)
	}
	layers := make([]power.Layer, len(t.Weights))
	for c, qs := range quotas {
		q, w, err := power.ParseQuota(qs, t.Weights[c], t.Scales[c])
		if err != nil {
			return nil, f.quotaError(c, qs, t.Weights[c], t.Scales[c], err)
		}
		layers[c] = power.Layer{Quota: q, Weights: w}
	}
	if len(layers) == 1 && f.minBlockers == 0 {
		return power.NewWeighted(layers[0].Quota, layers[0].Weights)
	}
	return power.NewMultiWeighted(layers, f.minBlockers)
}

// quotaError names the flag that set column c's quota.
func (f *powerFlags) quotaError(c int, quota string, weights []int64, scale int64, err error) error {
	name := "--quota"
	switch {
	case c == 1 && f.quota2 != "":
		name = "--quota2"
	case c > 0:
		name = fmt.Sprintf("--quota (quota %d)", c+1)
	}
	var pe *power.ParseError
	if errors.As(err, &pe) {
		return usagef("%s: %s (%q)", name, pe.Msg, pe.Value)
	}
	var total int64
	for _, w := range weights {
		total += w
	}
	if scale > 1 { // the package's message counts in scaled units: say it in the user's
		return usagef("%s: %s is not a quota a coalition can reach: expected more than 0 and at most the total weight %s",
			name, quota, power.FormatDecimal(total, scale))
	}
	return usagef("%s: %s", name, strings.TrimPrefix(err.Error(), "power: "))
}

// printPower prints the table and, below it, the game and its coalitions.
func printPower(w io.Writer, a powerAnalysis, cols []power.Column, exact bool) error {
	header, rows := a.report.Table(a.headers, a.weights, cols, exact, false)
	if rule := a.report.Rule; rule != nil {
		fmt.Fprintf(w, "%s, %s matters: %s\n\n", a.report.Pact, a.report.Matter, power.DescribeRule(*rule))
	}
	if err := table.Write(w, header, rows); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\n%s\n", strings.Join(a.report.Notes(exact), "\n"))
	return err
}
