package main

import (
	"context"
	"errors"
	"io"
	"strconv"
	"strings"

	"gonum.org/v1/plot/vg"

	"github.com/entente/entente/allnet"
	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/internal/datadir"
	"github.com/entente/entente/internal/output"
	"github.com/entente/entente/report"
)

// runReport dispatches "entente report SUBCOMMAND".
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

Writes the yearly rows to --out (.csv, or .json for JSON lines), a chart
(one panel per hub and vote set, a line per group) to --chart (.png), the
decade summary (allies minus others, asymmetric minus symmetric allies) to
--decades-out (.csv, .json) if given, and prints the decade summary (a
table, or JSON with --format json and no --out).`

func runHubAndSpoke(ctx context.Context, env *cli, args []string) error {
	fs := newFlags(env, "report hub-and-spoke", "[flags]", hubDescription)
	var d dataVerbFlags
	d.register(fs, "")
	var f hubFiles
	f.out.register(fs, "write the yearly rows to this `file` (.csv, .json)", "table", "csv", "json")
	f.out.alias(fs, "out-csv", "deprecated: --out `file`.csv")
	fs.StringVar(&f.chart, "chart", "", "draw the chart to this `file` (.png)")
	fs.StringVar(&f.chart, "out-png", "", "deprecated: --chart `file`.png")
	fs.StringVar(&f.decades, "decades-out", "", "write the decade summary to this `file` (.csv, .json)")
	fs.StringVar(&f.decades, "out-decades", "", "deprecated: --decades-out `file`")
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
	if err := f.check(); err != nil {
		return err
	}
	if err := d.check(datadir.HubFiles...); err != nil {
		return err
	}
	in, err := d.data().HubInput()
	if err != nil {
		return err
	}
	rows, err := hubRows(ctx, env, &d, in, opt)
	if err != nil {
		return err
	}
	return f.write(env, rows)
}

// hubFiles are the outputs of the hub-and-spoke report.
type hubFiles struct {
	out                   outputFlags
	chart, decades        string
	format, decadesFormat string
}

// check validates the output flags before any work is done. The chart is
// drawn by report.Chart, which renders PNG only.
func (f *hubFiles) check() error {
	var err error
	if f.format, err = f.out.resolve(); err != nil {
		return err
	}
	if f.chart != "" {
		if format, err := chartFormat("--chart", f.chart); err != nil {
			return err
		} else if format != "png" {
			return usagef("--chart %s: the hub-and-spoke chart is drawn as PNG only; name a .png file", f.chart)
		}
	}
	if f.decades != "" {
		if f.decadesFormat = formatOf(f.decades); f.decadesFormat != "csv" && f.decadesFormat != "json" {
			return usagef("--decades-out %s: expected a .csv or .json file", f.decades)
		}
	}
	return errors.Join(checkOutDir("--chart", f.chart), checkOutDir("--decades-out", f.decades))
}

// write writes the files (all or none) and prints the decade summary.
func (f *hubFiles) write(env *cli, rows []report.HubRow) error {
	gaps := report.Decades(rows)
	format := map[string]string{"table": "csv"}[f.format]
	if format == "" {
		format = f.format
	}
	var out output.Files
	if err := errors.Join(
		out.Add("out", f.out.Out, len(rows), csvAs(format, func(w io.Writer) error { return report.WriteCSV(w, rows) })),
		out.Add("chart", f.chart, len(rows), func(w io.Writer) error { return report.Chart(w, rows, 12*vg.Inch, 8*vg.Inch) }),
		out.Add("decades-out", f.decades, len(gaps), csvAs(f.decadesFormat, func(w io.Writer) error { return report.WriteDecadesCSV(w, gaps) }))); err != nil {
		return err
	}
	if err := out.Write(env.stderr); err != nil {
		return err
	}
	if f.format == "json" && !f.out.toFile() {
		return writeJSON(env.stdout, report.DecadesJSON(gaps))
	}
	return report.WriteDecadesText(env.stdout, gaps)
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

// hubRows computes the report with a progress bar.
func hubRows(ctx context.Context, env *cli, d *dataVerbFlags, in report.HubInput, opt report.HubOptions) ([]report.HubRow, error) {
	bar := d.bar(env, opt.To-opt.From+1, "hub-and-spoke")
	defer bar.Finish()
	return report.HubAndSpokeByDecade(ctx, in, opt, func(years int) { bar.Add(years) })
}
