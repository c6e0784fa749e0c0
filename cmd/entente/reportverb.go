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
	"github.com/entente/entente/internal/cmdline"
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

func runHubAndSpoke(ctx context.Context, env *cli, args []string) error {
	fs := newFlags(env, "report hub-and-spoke")
	var d dataVerbFlags
	d.register(fs, "")
	var f hubFiles
	f.out.Register(fs, "write the yearly rows to this `file` (.csv, .json)", "table", "csv", "json")
	f.out.Alias(fs, "out-csv", "deprecated: --out `file`.csv")
	fs.StringVar(&f.chart, "chart", "", "draw the chart to this `file` (.png)")
	fs.StringVar(&f.chart, "out-png", "", "deprecated: --chart `file`.png")
	fs.StringVar(&f.decades, "decades-out", "", "write the decade summary to this `file` (.csv, .json)")
	fs.StringVar(&f.decades, "out-decades", "", "deprecated: --decades-out `file`")
	from := fs.Int("from", datadir.VoteYears[0], "first `year`")
	to := fs.Int("to", datadir.VoteYears[1], "last `year`")
	hubs := fs.String("hubs", "2,365", "the hubs' COW `codes`, comma-separated")
	typ := fs.String("type", "defense", "the obligation `types` that make an ally (see entente network --help)")
	pos, err := cmdline.ParseInterleaved(fs, args)
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
	out                   output.Flags
	chart, decades        string
	format, decadesFormat string
}

// check validates the output flags before any work is done. The chart is
// drawn by report.Chart, which renders PNG only.
func (f *hubFiles) check() error {
	var err error
	if f.format, err = f.out.Resolve(); err != nil {
		return err
	}
	if f.chart != "" {
		if format, err := output.ChartFormat("--chart", f.chart); err != nil {
			return err
		} else if format != "png" {
			return usagef("--chart %s: the hub-and-spoke chart is drawn as PNG only; name a .png file", f.chart)
		}
	}
	if f.decades != "" {
		if f.decadesFormat = output.FormatOf(f.decades); f.decadesFormat != "csv" && f.decadesFormat != "json" {
			return usagef("--decades-out %s: expected a .csv or .json file", f.decades)
		}
	}
	return errors.Join(output.CheckDir("--chart", f.chart), output.CheckDir("--decades-out", f.decades))
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
		out.Add("out", f.out.Out, len(rows), output.CSVAs(format, func(w io.Writer) error { return report.WriteCSV(w, rows) })),
		out.Add("chart", f.chart, len(rows), func(w io.Writer) error { return report.Chart(w, rows, 12*vg.Inch, 8*vg.Inch) }),
		out.Add("decades-out", f.decades, len(gaps), output.CSVAs(f.decadesFormat, func(w io.Writer) error { return report.WriteDecadesCSV(w, gaps) }))); err != nil {
		return err
	}
	if err := out.Write(env.Stderr); err != nil {
		return err
	}
	if f.format == "json" && !f.out.ToFile() {
		return output.WriteJSON(env.Stdout, report.DecadesJSON(gaps))
	}
	return report.WriteDecadesText(env.Stdout, gaps)
}

// hubOptions checks the flags and turns them into report options.
func hubOptions(from, to int, hubs, typ string) (report.HubOptions, error) {
	opt := report.HubOptions{From: from, To: to}
	if err := checkYearFlags(from, to, datadir.VoteYears, "the UN vote data"); err != nil {
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
