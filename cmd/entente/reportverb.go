package main

import (
	"context"
	"errors"
	"io"

	"gonum.org/v1/plot/vg"

	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/internal/datadir"
	"github.com/entente/entente/internal/output"
	"github.com/entente/entente/report"
)

// runReport dispatches "entente report SUBCOMMAND".
func runReport(ctx context.Context, env *cli, args []string) error {
	sub, args, err := program.Subcommand("report", args)
	if err != nil {
		return err
	}
	return map[string]func(context.Context, *cli, []string) error{"hub-and-spoke": runHubAndSpoke, "burden": runReportBurden, "warnings": runReportWarnings}[sub](ctx, env, args)
}

func runHubAndSpoke(ctx context.Context, env *cli, args []string) error {
	fs := newFlags(env, "report hub-and-spoke")
	var d dataVerbFlags
	d.register(fs, "")
	var f hubFiles
	f.out.Register(fs, "write the yearly rows to this `file` (.csv, .json)", "table", "csv", "json")
	f.out.Alias(fs, "out-csv", "deprecated: --out `file`.csv")
	req := report.NewHubRequest()
	cmdline.Bind(fs, &f)
	cmdline.Bind(fs, &req)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	opt, err := req.Options()
	if err != nil {
		return invalid(err)
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
	bar := d.bar(env, opt.To-opt.From+1, "hub-and-spoke")
	rows, err := report.HubAndSpokeByDecade(ctx, in, opt, func(years int) { bar.Add(years) })
	bar.Finish()
	if err != nil {
		return err
	}
	return f.write(env, rows)
}

// hubFiles are the outputs of the hub-and-spoke report.
type hubFiles struct {
	out                   output.Flags
	Chart                 string `flag:"chart" arg:"file" usage:"draw the chart to this file (.png)" deprecated:"out-png"`
	Decades               string `flag:"decades-out" arg:"file" usage:"write the decade summary to this file (.csv, .json)" deprecated:"out-decades"`
	format, decadesFormat string
}

// check validates the output flags before any work is done. The chart is
// drawn by report.Chart, which renders PNG only.
func (f *hubFiles) check() error {
	var err error
	if f.format, err = f.out.Resolve(); err != nil {
		return err
	}
	if _, err := chartFormat(f.Chart, "png"); err != nil {
		return err
	}
	if f.Decades != "" {
		if f.decadesFormat = output.FormatOf(f.Decades); f.decadesFormat != "csv" && f.decadesFormat != "json" {
			return usagef("--decades-out %s: expected a .csv or .json file", f.Decades)
		}
	}
	return errors.Join(output.CheckDir("--chart", f.Chart), output.CheckDir("--decades-out", f.Decades))
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
		out.Add("chart", f.Chart, len(rows), func(w io.Writer) error { return report.Chart(w, rows, 12*vg.Inch, 8*vg.Inch) }),
		out.Add("decades-out", f.Decades, len(gaps), output.CSVAs(f.decadesFormat, func(w io.Writer) error { return report.WriteDecadesCSV(w, gaps) }))); err != nil {
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
