package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"gonum.org/v1/plot/vg"

	"github.com/entente/entente/allnet"
	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/dataset/cowstate"
	"github.com/entente/entente/dataset/nmc"
	"github.com/entente/entente/panel"
	"github.com/entente/entente/report"
)

func init() {
	register(verb{"report", "analytical reports on the real data: hub-and-spoke (UN votes of allies), burden, warnings", runReport})
	subcommandHelp["report"] = `Usage: entente report hub-and-spoke|burden|warnings [flags]

  hub-and-spoke  UN-vote agreement with the US and the USSR/Russia of their
                 ATOP defense allies versus all other states, 1946-2020,
                 split by asymmetric versus symmetric alliances: CSV, PNG
                 and a decade summary
  burden         NATO (or any ATOP alliance) burden-sharing by year: Olson–Zeckhauser ρ,
                 exploitation indices, CSV and PNG
  warnings       early warning on ATOP: health components per alliance-year and how well
                 they predict an alliance ending within five years (AUC vs age)

Run "entente report hub-and-spoke --help" for the flags and definitions.
`
}

func runReport(ctx context.Context, env *cli, args []string) error {
	switch {
	case len(args) > 0 && args[0] == "hub-and-spoke":
		return runHubAndSpoke(ctx, env, args[1:])
	case len(args) > 0 && args[0] == "burden":
		return runReportBurden(ctx, env, args[1:])
	case len(args) > 0 && args[0] == "warnings":
		return runReportWarnings(ctx, env, args[1:])
	}
	return usagef("report: expected hub-and-spoke, burden or warnings (see entente report --help)")
}

const hubDescription = `
For each year and each hub (by default the United States, COW 2, and the
Soviet Union / Russia, COW 365), the mean UN General Assembly vote agreement
with the hub of: all voting states; its allies (states sharing an ATOP 5.1
alliance in which one of the two pledged defense to the other; --type
changes the obligation); all other states; and the allies split into
asymmetric (at least one such alliance is asymmetric in CINC that year:
its strongest member has at least twice the second's capability) and
symmetric (every such alliance symmetric). Agreement of a state is the
share of the roll calls both voted yes, no or abstain on where they voted
the same (agree_half counts yes or no against abstain as half); a group's
value is the mean over its states. Important votes are those on the US
State Department's list (flagged 1983-2017).

ATOP ends in 2018 and is not extended: for 2019-2020 the alliance groups
are empty (known = 0). NMC ends in 2016, so the asymmetric/symmetric split
is empty for 2017-2018. 1964 has no roll calls. States are COW system
members (to 2016; later, every voting country).

Writes the yearly rows to --out-csv, a chart (one panel per hub and vote
set, a line per group) to --out-png, the decade summary (allies minus
others, asymmetric minus symmetric allies) to --out-decades if given, and
prints the decade summary (a table, or JSON with --json).`

func runHubAndSpoke(ctx context.Context, env *cli, args []string) error {
	fs := newFlags(env, "report hub-and-spoke", "[flags]", hubDescription)
	var d dataVerbFlags
	d.register(fs, "")
	outCSV := fs.String("out-csv", "", "write the yearly rows as CSV to this `file`")
	outPNG := fs.String("out-png", "", "write the chart as PNG to this `file`")
	outDecades := fs.String("out-decades", "", "write the decade summary as CSV to this `file`")
	from := fs.Int("from", dvSpanVotes[0], "first `year`")
	to := fs.Int("to", dvSpanVotes[1], "last `year`")
	hubs := fs.String("hubs", "2,365", "the hubs' COW `codes`, comma-separated")
	typ := fs.String("type", "defense", "the obligation `types` that make an ally (see entente network --help)")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if err := noPositional("report hub-and-spoke", pos); err != nil {
		return err
	}
	opt, err := hubOptions(*from, *to, *hubs, *typ)
	if err != nil {
		return err
	}
	for flagName, path := range map[string]string{"--out-csv": *outCSV, "--out-png": *outPNG, "--out-decades": *outDecades} {
		if err := checkOutFolder(flagName, path); err != nil {
			return err
		}
	}
	if err := d.check(dvVotes, dvRollCalls, dvIssues, dvMembers, dvNMC6, dvSystem); err != nil {
		return err
	}
	in, err := loadHubInput(&d)
	if err != nil {
		return err
	}
	rows, err := hubRows(ctx, env, &d, in, opt)
	if err != nil {
		return err
	}
	return writeHubOutputs(env, &d, rows, *outCSV, *outPNG, *outDecades)
}

// hubOptions checks the flags and turns them into report options.
func hubOptions(from, to int, hubs, typ string) (report.HubOptions, error) {
	opt := report.HubOptions{From: from, To: to}
	if err := checkYearFlags(from, to, dvSpanVotes, "the UN vote data"); err != nil {
		return opt, err
	}
	for _, h := range strings.Split(hubs, ",") {
		c, err := strconv.Atoi(strings.TrimSpace(h))
		if err != nil || c <= 0 || c > 999 {
			return opt, usagef("--hubs %q: expected COW codes such as 2,365", hubs)
		}
		opt.Hubs = append(opt.Hubs, c)
	}
	mask, err := allnet.ParseObligation(typ)
	if err != nil {
		return opt, usagef("--type %q: %v", typ, err)
	}
	opt.Obligation = atop.Obligation(mask)
	return opt, nil
}

// checkOutFolder refuses an output path whose folder does not exist,
// before any work is done.
func checkOutFolder(flagName, path string) error {
	if path == "" {
		return nil
	}
	if st, err := os.Stat(filepath.Dir(path)); err != nil || !st.IsDir() {
		return usagef("%s %s: folder %s does not exist", flagName, path, filepath.Dir(path))
	}
	return nil
}

func loadHubInput(d *dataVerbFlags) (report.HubInput, error) {
	var in report.HubInput
	var err error
	if in.Votes, err = d.loadVotes(); err != nil {
		return in, err
	}
	members, err := atop.LoadMembers(d.path(dvMembers))
	if err != nil {
		return in, err
	}
	if in.Alliances, err = panel.NewAlliances(members, panel.ATOPLastYear); err != nil {
		return in, err
	}
	recs, err := nmc.Load(d.path(dvNMC6), nmc.V6)
	if err != nil {
		return in, err
	}
	if in.Capabilities, err = panel.NewCapabilities(recs); err != nil {
		return in, err
	}
	sy, err := cowstate.LoadSystem(d.path(dvSystem))
	in.System = cowstate.NewSystem(sy)
	return in, err
}

// hubRows computes the report a decade at a time, for the progress bar.
func hubRows(ctx context.Context, env *cli, d *dataVerbFlags, in report.HubInput, opt report.HubOptions) ([]report.HubRow, error) {
	bar := d.bar(env, opt.To-opt.From+1, "hub-and-spoke")
	defer bar.Finish()
	var rows []report.HubRow
	for lo := opt.From; lo <= opt.To; lo += 10 {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		o := opt
		o.From, o.To = lo, min(lo+9, opt.To)
		r, err := report.HubAndSpoke(in, o)
		if err != nil {
			return nil, err
		}
		rows = append(rows, r...)
		bar.Add(o.To - o.From + 1)
	}
	return rows, nil
}

func writeHubOutputs(env *cli, d *dataVerbFlags, rows []report.HubRow, outCSV, outPNG, outDecades string) error {
	gaps := report.Decades(rows)
	outs := []struct {
		path  string
		write func(io.Writer) error
	}{
		{outCSV, func(w io.Writer) error { return report.WriteCSV(w, rows) }},
		{outPNG, func(w io.Writer) error { return report.Chart(w, rows, 12*vg.Inch, 8*vg.Inch) }},
		{outDecades, func(w io.Writer) error { return report.WriteDecadesCSV(w, gaps) }},
	}
	for _, o := range outs {
		if o.path == "" {
			continue
		}
		if err := writeFileAtomic(o.path, o.write); err != nil {
			return err
		}
	}
	if d.json {
		enc := json.NewEncoder(env.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(decadesJSON(gaps))
	}
	return printDecades(env.stdout, gaps)
}

// writeFileAtomic writes a file under a temporary name and renames it
// into place once complete.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("%s: %w", path, err)
	}
	return os.Rename(f.Name(), path)
}

func printDecades(w io.Writer, gaps []report.Gap) error {
	var cells [][]string
	for _, g := range gaps {
		if g.Years == 0 && g.SplitYears == 0 {
			continue
		}
		cells = append(cells, []string{report.HubName(g.Hub), g.Votes, strconv.Itoa(g.Decade) + "s", strconv.Itoa(g.Years),
			fmtF(g.Allies, 3), fmtF(g.Others, 3), signed(g.AlliesMinusOthers), strconv.Itoa(g.SplitYears),
			fmtF(g.AsymmetricAllies, 3), fmtF(g.SymmetricAllies, 3), signed(g.AsymmetricMinusSymmetric)})
	}
	return table(w, []string{"HUB", "VOTES", "DECADE", "YEARS", "ALLIES", "OTHERS", "DIFF", "SPLIT-YEARS", "ASYMMETRIC", "SYMMETRIC", "DIFF"}, cells)
}

func signed(v float64) string {
	if math.IsNaN(v) {
		return "-"
	}
	return strconv.FormatFloat(v, 'f', 3, 64)
}

// decadesJSON renders the summary with nulls for undefined values.
func decadesJSON(gaps []report.Gap) []map[string]any {
	out := make([]map[string]any, 0, len(gaps))
	for _, g := range gaps {
		out = append(out, map[string]any{"hub": g.Hub, "hub_name": report.HubName(g.Hub), "votes": g.Votes, "decade": g.Decade,
			"years": g.Years, "allies": finite(g.Allies), "others": finite(g.Others), "allies_minus_others": finite(g.AlliesMinusOthers),
			"split_years": g.SplitYears, "asymmetric_allies": finite(g.AsymmetricAllies), "symmetric_allies": finite(g.SymmetricAllies),
			"asymmetric_minus_symmetric": finite(g.AsymmetricMinusSymmetric)})
	}
	return out
}
