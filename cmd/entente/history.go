package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/dataset/cowstate"
	"github.com/entente/entente/dataset/gdp"
	"github.com/entente/entente/dataset/idealpoints"
	"github.com/entente/entente/dataset/milex"
	"github.com/entente/entente/dataset/nmc"
	"github.com/entente/entente/dataset/unvotes"
	"github.com/entente/entente/history"
	"github.com/entente/entente/internal/jsonsafe"
	"github.com/entente/entente/internal/sharedata"
)

// The historical reports are "entente report burden" and "entente report
// warnings": the report verb (reportverb.go) dispatches to runReportBurden
// and runReportWarnings.

// histFiles are the files the historical reports read, relative to --data:
// the layout of the shared data folder.
var histFiles = sharedata.Layout

// The files each report reads (keys of histFiles).
var (
	burdenFiles  = []string{"alliances", "members", "codes", "worldbank", "maddison", "owid", "nato"}
	warningFiles = []string{"alliances", "members", "system", "nmc", "owid", "ideal", "votes", "rollcalls"}
)

const histLayout = `
--data is a folder laid out as the project's shared data (each file as
published, in a folder of its own):`

// histLayoutHelp lists the files a report reads under --data.
func histLayoutHelp(keys ...string) string {
	s := histLayout
	for _, k := range keys {
		s += "\n  " + histFiles[k]
	}
	return s
}

// historyFlags are the flags both reports share.
type historyFlags struct {
	data     string
	json     bool
	quiet    bool
	from, to int
}

func (h *historyFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&h.data, "data", sharedDataDir(), "the data `folder`, laid out as above ($ENTENTE_DATA, when set, is the default)")
	fs.BoolVar(&h.json, "json", false, "print JSON instead of tables")
	fs.BoolVar(&h.quiet, "quiet", false, "do not print progress on standard error")
	fs.IntVar(&h.from, "from", 0, "first `year` (default: the first with data)")
	fs.IntVar(&h.to, "to", 0, "last `year` (default: the last with data)")
}

// check validates the shared flags and that --data holds the files with
// the given keys, before anything is read.
func (h *historyFlags) check(keys ...string) error {
	if h.from < 0 || h.to < 0 || (h.from != 0 && h.to != 0 && h.from > h.to) {
		return usagef("--from/--to: expected 0 ≤ from ≤ to, got --from %d --to %d", h.from, h.to)
	}
	if st, err := os.Stat(h.data); err != nil || !st.IsDir() {
		return usagef("--data: no data folder at %s (pass --data or set ENTENTE_DATA)", h.data)
	}
	for _, k := range keys {
		if _, err := os.Stat(h.path(k)); err != nil {
			return usagef("--data %s: %s is missing", h.data, histFiles[k])
		}
	}
	return nil
}

// path returns the path of a data file under --data.
func (h *historyFlags) path(key string) string {
	return filepath.Join(h.data, filepath.FromSlash(histFiles[key]))
}

// progress prints a stage of the work on standard error unless --quiet.
func (h *historyFlags) progress(env *cli, start time.Time, format string, args ...any) {
	if !h.quiet {
		fmt.Fprintf(env.stderr, "[%5.1fs] %s\n", time.Since(start).Seconds(), fmt.Sprintf(format, args...))
	}
}

// histLoad reads one data file with fn, naming the file and --data in errors.
func histLoad[T any](h *historyFlags, key string, fn func(string) (T, error)) (T, error) {
	v, err := fn(h.path(key))
	if err != nil {
		var zero T
		return zero, fmt.Errorf("--data %s: reading %s: %w", h.data, histFiles[key], err)
	}
	return v, nil
}

func histLoadAlliances(h *historyFlags) (*history.Alliances, error) {
	al, err := histLoad(h, "alliances", atop.LoadAlliances)
	if err != nil {
		return nil, err
	}
	mem, err := histLoad(h, "members", atop.LoadMembers)
	if err != nil {
		return nil, err
	}
	return history.NewAlliances(al, mem), nil
}

func histLoadNames(h *historyFlags) (map[int]string, error) {
	codes, err := histLoad(h, "codes", cowstate.LoadCountryCodes)
	if err != nil {
		return nil, err
	}
	names := map[int]string{}
	for _, c := range codes {
		if _, ok := names[c.CCode]; !ok {
			names[c.CCode] = c.Abb
		}
	}
	return names, nil
}

func histLoadShare(h *historyFlags) (history.Panel, error) {
	sh, err := histLoad(h, "owid", milex.LoadOWIDShare)
	if err != nil {
		return nil, err
	}
	return history.MilexShare(sh), nil
}

// histOutputs are files rendered in memory and written only once everything
// has been computed, so that bad input leaves nothing behind.
type histOutputs []struct {
	flag, path string
	data       []byte
}

func (o *histOutputs) add(flagName, path string, render func(io.Writer) error) error {
	if path == "" {
		return nil
	}
	var b bytes.Buffer
	if err := render(&b); err != nil {
		return fmt.Errorf("--%s %s: %w", flagName, path, err)
	}
	*o = append(*o, struct {
		flag, path string
		data       []byte
	}{flagName, path, b.Bytes()})
	return nil
}

// write writes every output, each through a temporary file renamed into
// place.
func (o histOutputs) write() error {
	for _, f := range o {
		tmp := f.path + ".tmp"
		if err := os.WriteFile(tmp, f.data, 0o644); err != nil {
			return fmt.Errorf("--%s: %w", f.flag, err)
		}
		if err := os.Rename(tmp, f.path); err != nil {
			os.Remove(tmp)
			return fmt.Errorf("--%s: %w", f.flag, err)
		}
	}
	return nil
}

// histCheckOutputs refuses output paths whose folder does not exist, before
// any work is done.
func histCheckOutputs(paths map[string]string) error {
	for flagName, p := range paths {
		if p == "" {
			continue
		}
		if st, err := os.Stat(filepath.Dir(p)); err != nil || !st.IsDir() {
			return usagef("--%s: no folder %s to write %s in", flagName, filepath.Dir(p), filepath.Base(p))
		}
	}
	return nil
}

// histNum prints a figure with 3 decimals, or "-" when it is missing.
func histNum(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "-"
	}
	return strconv.FormatFloat(v, 'f', 3, 64)
}

// histP prints a p-value, or "-" when it is missing.
func histP(v float64) string {
	if math.IsNaN(v) {
		return "-"
	}
	return strconv.FormatFloat(v, 'f', 4, 64)
}

func histCI(i history.Interval) string { return "[" + histNum(i.Lo) + ", " + histNum(i.Hi) + "]" }

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
	fs := newFlags(env, "report burden", "[flags]", `
Burden-sharing in an ATOP alliance (NATO, atopid 3180, by default) year by
year: the members in each year (ATOP member file), their GDP (World Bank,
current US$; Maddison, 2011 US$, before --splice: every member of a year
from one source, since only ranks within a year matter), their military
spending as a share of GDP (SIPRI via Our World in Data), the
Olson–Zeckhauser test (Spearman's ρ between GDP and spending/GDP, its
p-value and n) and each member's exploitation index (its share of the
spending over its share of GDP, less one). 2012–2019 are cross-checked
against NATO's own figures. A figure without data is "-" in tables and an
empty cell in CSV, never 0.

  entente report burden --data ../shared/data --png rho.png --csv years.csv
`+histLayoutHelp(burdenFiles...))
	var h historyFlags
	h.register(fs)
	alliance := fs.Int("alliance", history.NATO, "the ATOP alliance `atopid`")
	splice := fs.Int("splice", history.DefaultSplice, "the first `year` whose GDP comes from the World Bank; earlier years use Maddison")
	csvPath := fs.String("csv", "", "write the per-year test to this CSV `file`")
	membersPath := fs.String("members-csv", "", "write every member-year (GDP, spending, exploitation) to this CSV `file`")
	pngPath := fs.String("png", "", "draw ρ over the years, p < 0.05 marked, to this PNG `file`")
	if _, err := parseInterleaved(fs, args); err != nil {
		return err
	}
	if err := h.check(burdenFiles...); err != nil {
		return err
	}
	if *splice <= 0 {
		return usagef("--splice: expected a year, got %d", *splice)
	}
	if err := histCheckOutputs(map[string]string{"csv": *csvPath, "members-csv": *membersPath, "png": *pngPath}); err != nil {
		return err
	}
	start := time.Now()
	in, err := histLoadBurden(&h, *alliance)
	if err != nil {
		return err
	}
	h.progress(env, start, "data loaded; computing alliance %d", *alliance)
	r, err := history.Burden(in, history.BurdenOptions{From: h.from, To: h.to, Splice: *splice})
	if err != nil {
		return histUsage(err, "--alliance", "--from/--to")
	}
	var out histOutputs
	if err := errors.Join(out.add("csv", *csvPath, func(w io.Writer) error { return history.WriteBurdenYearsCSV(w, r) }),
		out.add("members-csv", *membersPath, func(w io.Writer) error { return history.WriteBurdenMembersCSV(w, r) }),
		out.add("png", *pngPath, func(w io.Writer) error { return history.WriteRhoPNG(w, r) })); err != nil {
		return err
	}
	if err := out.write(); err != nil {
		return err
	}
	if h.json {
		c := common{json: true}
		return c.output(env.stdout, jsonsafe.Value(map[string]any{"report": r, "decades": r.Decades()}), nil, nil)
	}
	return printBurdenReport(env.stdout, r)
}

// histLoadBurden reads what the burden report needs.
func histLoadBurden(h *historyFlags, alliance int) (history.BurdenInput, error) {
	in := history.BurdenInput{Alliance: alliance}
	var err error
	if in.Alliances, err = histLoadAlliances(h); err != nil {
		return in, err
	}
	if err := in.Alliances.Check(alliance); err != nil {
		return in, histUsage(err, "--alliance", "")
	}
	if in.Names, err = histLoadNames(h); err != nil {
		return in, err
	}
	wb, err := histLoad(h, "worldbank", gdp.LoadWorldBank)
	if err != nil {
		return in, err
	}
	md, err := histLoad(h, "maddison", gdp.LoadMaddison)
	if err != nil {
		return in, err
	}
	nt, err := histLoad(h, "nato", milex.LoadNATO)
	if err != nil {
		return in, err
	}
	in.WorldBank, in.Maddison, in.NATOShare = history.WorldBankGDP(wb), history.MaddisonGDP(md), history.NATOShare(nt)
	in.Share, err = histLoadShare(h)
	return in, err
}

func printBurdenReport(w io.Writer, r *history.BurdenReport) error {
	var rows [][]string
	for _, y := range r.Years {
		c := y.OZ.Correlation
		nato := "-"
		if y.Check != nil {
			nato = histNum(y.Check.OZ.Rho)
		}
		rows = append(rows, []string{strconv.Itoa(y.Year), string(y.Source), strconv.Itoa(len(y.Members)), strconv.Itoa(c.N),
			histNum(c.Rho), histP(c.P), histSig(c.P), nato, joinIDs(y.OZ.Dropped)})
	}
	fmt.Fprintf(w, "Olson–Zeckhauser test, ATOP %d: Spearman ρ between GDP and military spending / GDP\n\n", r.Alliance)
	if err := table(w, []string{"YEAR", "GDP", "MEMBERS", "N", "RHO", "P", "P<.05", "RHO(NATO)", "NO DATA"}, rows); err != nil {
		return err
	}
	rows = rows[:0]
	for _, d := range r.Decades() {
		rows = append(rows, []string{fmt.Sprintf("%ds", d.From), strconv.Itoa(d.Years), histNum(d.MeanRho), histNum(d.MinRho),
			histNum(d.MaxRho), strconv.Itoa(d.Significant), histNum(d.MeanN)})
	}
	fmt.Fprintln(w)
	return table(w, []string{"DECADE", "YEARS", "MEAN RHO", "MIN", "MAX", "YEARS P<.05 (RHO>0)", "MEAN N"}, rows)
}

func histSig(p float64) string {
	switch {
	case math.IsNaN(p):
		return "-"
	case p < 0.05:
		return "yes"
	}
	return "no"
}

// runReportWarnings is "entente report warnings" (and "entente report
// warnings").
func runReportWarnings(ctx context.Context, env *cli, args []string) error {
	fs := newFlags(env, "report warnings", "[flags]", `
Early warning on ATOP: for every alliance-year, the health components
(cohesion from UN votes from 1946 and from alliance portfolios in every
year, CINC capability asymmetry and its shift over --lag years, size, age,
the spread of military spending shares), and a test of how well a logistic
regression on them predicts the alliance ending within --horizon years,
against age alone, out of sample: 5-fold cross-validation by alliance and
a split by time (train ≤ --split-year, test after). AUCs come with 95%
intervals from a bootstrap over alliances (the years of one alliance are
not independent) and DeLong's (which treats them as independent). Years
whose horizon runs past the end of ATOP (2018) are censored and left out.

  entente report warnings --data ../shared/data --csv alliance-years.csv
  entente report warnings --data ../shared/data --alliance 3180
`+histLayoutHelp(warningFiles...))
	var h historyFlags
	h.register(fs)
	alliance := fs.Int("alliance", 0, "also print this ATOP `atopid`'s alliance-years (and write only them to --csv)")
	horizon := fs.Int("horizon", history.DefaultHorizon, "an end within this many `years` is a positive")
	lag := fs.Int("lag", history.DefaultShiftLag, "the capability shift compares with this many `years` before")
	folds := fs.Int("folds", history.DefaultFolds, "cross-validation `folds` (alliances assigned at random)")
	seed := fs.Uint64("seed", 1, "the `seed` of the fold assignment and the bootstrap")
	reps := fs.Int("bootstrap", history.DefaultBootstrap, "bootstrap `replicates`")
	split := fs.Int("split-year", history.DefaultSplitYear, "the time split trains on years ≤ this `year`")
	csvPath := fs.String("csv", "", "write the alliance-years, components and cross-validated scores to this CSV `file`")
	if _, err := parseInterleaved(fs, args); err != nil {
		return err
	}
	if err := h.check(warningFiles...); err != nil {
		return err
	}
	if err := histCheckWarningFlags(*horizon, *lag, *folds, *reps); err != nil {
		return err
	}
	if err := histCheckOutputs(map[string]string{"csv": *csvPath}); err != nil {
		return err
	}
	start := time.Now()
	in, err := histLoadWarnings(&h, env, start)
	if err != nil {
		return err
	}
	if *alliance != 0 {
		if err := in.Alliances.Check(*alliance); err != nil {
			return histUsage(err, "--alliance", "")
		}
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
	h.progress(env, start, "done")
	shown := histSelect(rows, ev.Scores, *alliance)
	var out histOutputs
	if err := out.add("csv", *csvPath, func(w io.Writer) error { return history.WriteAllianceYearsCSV(w, shown.rows, shown.scores) }); err != nil {
		return err
	}
	if err := out.write(); err != nil {
		return err
	}
	if h.json {
		v := map[string]any{"evaluation": ev}
		if *alliance != 0 {
			v["alliance_years"] = shown.rows
		}
		c := common{json: true}
		return c.output(env.stdout, jsonsafe.Value(v), nil, nil)
	}
	return printWarningsReport(env.stdout, ev, shown, *alliance)
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

// histLoadWarnings reads what the early-warning report needs.
func histLoadWarnings(h *historyFlags, env *cli, start time.Time) (history.WarningInput, error) {
	var in history.WarningInput
	var err error
	if in.Alliances, err = histLoadAlliances(h); err != nil {
		return in, err
	}
	if in.System, err = histLoad(h, "system", cowstate.LoadSystem); err != nil {
		return in, err
	}
	nm, err := histLoad(h, "nmc", func(p string) ([]nmc.Record, error) { return nmc.Load(p, nmc.V6) })
	if err != nil {
		return in, err
	}
	in.CINC = history.CINC(nm)
	if in.Share, err = histLoadShare(h); err != nil {
		return in, err
	}
	ip, err := histLoad(h, "ideal", idealpoints.Load)
	if err != nil {
		return in, err
	}
	in.Ideal = history.IdealPoints(ip, history.EstimateAll)
	h.progress(env, start, "ATOP, COW, NMC, SIPRI and ideal points loaded; loading UN votes")
	in.Votes, err = histLoad(h, "votes", func(p string) (*unvotes.Matrix, error) { return unvotes.LoadUNVotes(p, h.path("rollcalls"), "") })
	return in, err
}

// histRows are the alliance-years printed and written.
type histRows struct {
	rows   []history.AllianceYear
	scores []history.RowScore
}

func histSelect(rows []history.AllianceYear, scores []history.RowScore, alliance int) histRows {
	if alliance == 0 {
		return histRows{rows, scores}
	}
	var s histRows
	for i, r := range rows {
		if r.Alliance == alliance {
			s.rows, s.scores = append(s.rows, r), append(s.scores, scores[i])
		}
	}
	return s
}

func printWarningsReport(w io.Writer, ev *history.Evaluation, shown histRows, alliance int) error {
	e := ev.Evaluable
	fmt.Fprintf(w, "Early warning on ATOP: does an alliance end within the horizon?\n%d alliance-years; %d evaluable (%d alliances, %d ends within the horizon); the rest censored.\n\n",
		ev.Rows, e.Rows, e.Alliances, e.Events)
	var rows [][]string
	for _, s := range []history.SplitResult{ev.CrossValidation, ev.Time} {
		for _, m := range []struct {
			name string
			est  history.AUCEstimate
		}{{"model", s.Model}, {"age only", s.Age}, {"difference", s.Diff}} {
			rows = append(rows, []string{s.Name, strconv.Itoa(s.Test.Rows), strconv.Itoa(s.Test.Events), m.name,
				histNum(m.est.AUC), histCI(m.est.Bootstrap), histCI(m.est.DeLong)})
		}
	}
	if err := table(w, []string{"SPLIT", "TEST ROWS", "ENDS", "SCORE", "AUC", "95% CI (BOOTSTRAP BY ALLIANCE)", "95% CI (DELONG)"}, rows); err != nil {
		return err
	}
	for _, s := range []history.SplitResult{ev.CrossValidation, ev.Time} {
		if s.Note != "" {
			fmt.Fprintf(w, "%s: %s\n", s.Name, s.Note)
		}
	}
	rows = rows[:0]
	for _, c := range ev.Coefficients {
		rows = append(rows, []string{c.Name, histNum(c.Coef)})
	}
	fmt.Fprintln(w, "\nModel fitted on every evaluable alliance-year (standardised columns; _missing = indicator):")
	if err := table(w, []string{"COLUMN", "COEF"}, rows); err != nil {
		return err
	}
	if alliance == 0 {
		return nil
	}
	fmt.Fprintf(w, "\nATOP %d by year:\n", alliance)
	return printHistAllianceYears(w, shown)
}

func printHistAllianceYears(w io.Writer, s histRows) error {
	var rows [][]string
	for i, r := range s.rows {
		rows = append(rows, []string{strconv.Itoa(r.Year), strconv.Itoa(r.Age), strconv.Itoa(r.Size), histNum(r.UN.Agree),
			histNum(r.UN.Kappa), histNum(r.UN.IdealSD), histNum(r.Portfolio), histNum(r.Herfindahl), histNum(r.Shift),
			histNum(r.BurdenCV), r.Outcome.String(), histNum(s.scores[i].Model), histNum(s.scores[i].Age)})
	}
	return table(w, []string{"YEAR", "AGE", "SIZE", "UN AGREE", "KAPPA", "IDEAL SD", "PORTFOLIO S", "HERFINDAHL", "SHIFT",
		"BURDEN CV", "OUTCOME", "P(END) MODEL", "P(END) AGE"}, rows)
}
