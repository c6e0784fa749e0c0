package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/entente/entente/history"
	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/internal/datadir"
	"github.com/entente/entente/internal/output"
)

// The historical reports are "entente report burden" and "entente report
// warnings": the report verb (reportverb.go) dispatches to runReportBurden
// and runReportWarnings.

// histLayoutHelp lists the files a report reads under --data.
func histLayoutHelp(files ...string) string {
	s := `--data is a folder laid out as the project's shared data (each file as
published, in a folder of its own):`
	for _, f := range files {
		s += "\n  " + f
	}
	return s
}

// historyFlags are the flags both reports share.
type historyFlags struct {
	data     dataFlag
	out      output.Flags
	quiet    bool
	from, to int
}

// register adds the shared flags; the report's own file flags come first,
// so that their old names win over the deprecated --csv alias.
func (h *historyFlags) register(fs *flag.FlagSet, outHelp string) {
	h.data.register(fs)
	h.out.Register(fs, outHelp, "table", "csv", "json")
	fs.BoolVar(&h.quiet, "quiet", false, "do not print progress on standard error")
	fs.IntVar(&h.from, "from", 0, "first `year` (default: the first with data)")
	fs.IntVar(&h.to, "to", 0, "last `year` (default: the last with data)")
}

// check validates the shared flags and finds the data folder holding
// files, before anything is read.
func (h *historyFlags) check(files ...string) (datadir.Dir, error) {
	if h.from < 0 || h.to < 0 || (h.from != 0 && h.to != 0 && h.from > h.to) {
		return "", usagef("--from/--to: expected 0 ≤ from ≤ to, got --from %d --to %d", h.from, h.to)
	}
	if _, err := h.out.Resolve(); err != nil {
		return "", err
	}
	d, err := h.data.locate(files...)
	if err != nil {
		return "", usagef("--data: %v", err)
	}
	return d, nil
}

// stdoutJSON reports whether JSON goes to standard output (--format json
// without a file).
func (h *historyFlags) stdoutJSON() bool {
	f, _ := h.out.Resolve()
	return f == "json" && !h.out.ToFile()
}

// progress prints a stage of the work on standard error unless --quiet.
func (h *historyFlags) progress(env *cli, start time.Time, format string, args ...any) {
	if !h.quiet {
		fmt.Fprintf(env.Stderr, "[%5.1fs] %s\n", time.Since(start).Seconds(), fmt.Sprintf(format, args...))
	}
}

// histUsage turns the history package's input errors into usage errors
// naming the flag.
func histUsage(err error, unknownFlag, noDataFlag string) error {
	switch {
	case errors.Is(err, history.ErrUnknownAlliance):
		return usagef("%s: %v", unknownFlag, err)
	case errors.Is(err, history.ErrNoData):
		return usagef("%s: %v", noDataFlag, err)
	}
	return err
}

// runReportBurden is "entente report burden" (and "entente report burden").
func runReportBurden(ctx context.Context, env *cli, args []string) error {
	fs := newFlags(env, "report burden", "{{data files}}", histLayoutHelp(datadir.BurdenFiles...))
	var h historyFlags
	h.out.Alias(fs, "csv", "deprecated: --out `file`.csv")
	h.register(fs, "write the per-year test to this `file` (.csv; .json: the whole report)")
	alliance := fs.Int("alliance", history.NATO, "the ATOP alliance `atopid`")
	splice := fs.Int("splice", history.DefaultSplice, "the first `year` whose GDP comes from the World Bank; earlier years use Maddison")
	membersPath := fs.String("members-out", "", "write every member-year (GDP, spending, exploitation) to this CSV `file`")
	fs.StringVar(membersPath, "members-csv", "", "deprecated: --members-out `file`")
	chartPath := fs.String("chart", "", "draw ρ over the years, p < 0.05 marked, to this `file` (.png or .svg)")
	fs.StringVar(chartPath, "png", "", "deprecated: --chart `file`")
	if _, err := cmdline.ParseInterleaved(fs, args); err != nil {
		return err
	}
	d, err := h.check(datadir.BurdenFiles...)
	if err != nil {
		return err
	}
	if *splice <= 0 {
		return usagef("--splice: expected a year, got %d", *splice)
	}
	chartFmt, err := burdenChartFormat(*chartPath)
	if err != nil {
		return err
	}
	if err := output.CheckDirs(map[string]string{"out": h.out.Out, "members-out": *membersPath, "chart": *chartPath}); err != nil {
		return err
	}
	start := time.Now()
	in, err := d.BurdenInput(*alliance)
	if err != nil {
		return histUsage(err, "--alliance", "")
	}
	h.progress(env, start, "data loaded; computing alliance %d", *alliance)
	r, err := history.Burden(in, history.BurdenOptions{From: h.from, To: h.to, Splice: *splice})
	if err != nil {
		return histUsage(err, "--alliance", "--from/--to")
	}
	report := map[string]any{"report": r, "decades": r.Decades()}
	var out output.Files
	if err := errors.Join(out.Add("out", h.out.Out, len(r.Years), h.rows(report, func(w io.Writer) error { return history.WriteBurdenYearsCSV(w, r) })),
		out.Add("members-out", *membersPath, r.MemberYears(), func(w io.Writer) error { return history.WriteBurdenMembersCSV(w, r) }),
		out.Add("chart", *chartPath, len(r.Years), func(w io.Writer) error { return history.WriteRhoChart(w, r, chartFmt) })); err != nil {
		return err
	}
	if err := out.Write(env.Stderr); err != nil {
		return err
	}
	if h.stdoutJSON() {
		return output.WriteJSON(env.Stdout, report)
	}
	return history.WriteBurdenText(env.Stdout, r)
}

// rows renders the rows file: v as JSON for a .json --out (or --format
// json), else CSV.
func (h *historyFlags) rows(v any, csv func(io.Writer) error) func(io.Writer) error {
	if f, _ := h.out.Resolve(); f == "json" {
		return func(w io.Writer) error { return output.WriteJSON(w, v) }
	}
	return csv
}

// burdenChartFormat is the chart's format from its extension.
func burdenChartFormat(path string) (string, error) {
	if path == "" {
		return "", nil
	}
	return output.ChartFormat("--chart", path)
}

// runReportWarnings is "entente report warnings" (and "entente report
// warnings").
func runReportWarnings(ctx context.Context, env *cli, args []string) error {
	fs := newFlags(env, "report warnings", "{{data files}}", histLayoutHelp(datadir.WarningFiles...))
	var h historyFlags
	h.out.Alias(fs, "csv", "deprecated: --out `file`.csv")
	h.register(fs, "write the alliance-years, components and cross-validated scores to this `file` (.csv; .json: the evaluation)")
	alliance := fs.Int("alliance", 0, "also print this ATOP `atopid`'s alliance-years (and write only them to --out)")
	horizon := fs.Int("horizon", history.DefaultHorizon, "an end within this many `years` is a positive")
	lag := fs.Int("lag", history.DefaultShiftLag, "the capability shift compares with this many `years` before")
	folds := fs.Int("folds", history.DefaultFolds, "cross-validation `folds` (alliances assigned at random)")
	seed := fs.Uint64("seed", 1, "the `seed` of the fold assignment and the bootstrap")
	reps := fs.Int("bootstrap", history.DefaultBootstrap, "bootstrap `replicates`")
	split := fs.Int("split-year", history.DefaultSplitYear, "the time split trains on years ≤ this `year`")
	if _, err := cmdline.ParseInterleaved(fs, args); err != nil {
		return err
	}
	d, err := h.check(datadir.WarningFiles...)
	if err != nil {
		return err
	}
	if err := histCheckWarningFlags(*horizon, *lag, *folds, *reps); err != nil {
		return err
	}
	if err := output.CheckDirs(map[string]string{"out": h.out.Out}); err != nil {
		return err
	}
	start := time.Now()
	in, err := d.WarningInput(func(msg string) { h.progress(env, start, "%s", msg) })
	if err != nil {
		return err
	}
	if *alliance != 0 {
		if err := in.Alliances.Check(*alliance); err != nil {
			return histUsage(err, "--alliance", "")
		}
	}
	if err := d.WarningCovariates(&in); err != nil {
		return err
	}
	rows, err := history.AllianceYears(in, history.WarningOptions{Horizon: *horizon, ShiftLag: *lag, From: h.from, To: h.to})
	if err != nil {
		return histUsage(err, "--alliance", "--from/--to")
	}
	h.progress(env, start, "%d alliance-years computed; fitting and evaluating", len(rows))
	ev, err := history.Evaluate(rows, history.EvalOptions{Folds: *folds, Seed: *seed, Bootstrap: *reps, SplitYear: *split})
	if err != nil {
		return histUsage(err, "--alliance", "--from/--to")
	}
	honest, err := history.EvaluateHonestly(rows, history.HonestOptions{EvalOptions: history.EvalOptions{Folds: *folds, Seed: *seed, Bootstrap: *reps}, Horizon: *horizon})
	if err != nil {
		return histUsage(err, "--alliance", "--from/--to")
	}
	h.progress(env, start, "done")
	shownRows, shownScores := history.SelectAlliance(rows, ev.Scores, *alliance)
	v := map[string]any{"evaluation": ev, "honest": honest}
	if *alliance != 0 {
		v["alliance_years"] = shownRows
	}
	var out output.Files
	if err := out.Add("out", h.out.Out, len(shownRows), h.rows(v, func(w io.Writer) error {
		return history.WriteAllianceYearsCSV(w, shownRows, shownScores)
	})); err != nil {
		return err
	}
	if err := out.Write(env.Stderr); err != nil {
		return err
	}
	if h.stdoutJSON() {
		return output.WriteJSON(env.Stdout, v)
	}
	if err := history.WriteHonestText(env.Stdout, honest); err != nil {
		return err
	}
	return history.WriteWarningsText(env.Stdout, ev, shownRows, shownScores, *alliance)
}

func histCheckWarningFlags(horizon, lag, folds, reps int) error {
	switch {
	case horizon < 1:
		return usagef("--horizon: expected at least 1 year, got %d", horizon)
	case lag < 1:
		return usagef("--lag: expected at least 1 year, got %d", lag)
	case folds < 2:
		return usagef("--folds: expected at least 2, got %d", folds)
	case reps < 1:
		return usagef("--bootstrap: expected at least 1 replicate, got %d", reps)
	}
	return nil
}
