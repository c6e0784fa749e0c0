package main

import (
	"context"
	"errors"
	"io"

	"github.com/entente/entente/history"
	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/internal/datadir"
	"github.com/entente/entente/internal/output"
)

// histUsage turns the history package's input errors into usage errors
// naming the flag.
func histUsage(err error, noDataFlag string) error {
	switch {
	case errors.Is(err, history.ErrUnknownAlliance):
		return usagef("--alliance: %v", err)
	case errors.Is(err, history.ErrNoData):
		return usagef("%s: %v", noDataFlag, err)
	}
	return err
}

// runReportBurden is "entente report burden".
func runReportBurden(ctx context.Context, env *cli, args []string) error {
	fs := newFlags(env, "report burden", "{{data files}}", datadir.LayoutHelp(datadir.BurdenFiles...))
	var h dataFlags
	h.out.Alias(fs, "csv", "deprecated: --out `file`.csv")
	req := history.NewBurdenRequest()
	var files struct {
		Members string `flag:"members-out" arg:"file" usage:"write every member-year (GDP, spending, exploitation) to this CSV file" deprecated:"members-csv"`
		Chart   string `flag:"chart" arg:"file" usage:"draw ρ over the years, p < 0.05 marked, to this file (.png or .svg)" deprecated:"png"`
	}
	h.bind(fs, &req, "write the per-year test to this `file` (.csv; .json: the whole report)")
	cmdline.Bind(fs, &files)
	d, err := h.parse(fs, args, &req, datadir.BurdenFiles...)
	if err != nil {
		return err
	}
	chartFmt, err := output.ChartFile("--chart", files.Chart, "")
	if err != nil {
		return err
	}
	if err := output.CheckDirs(map[string]string{"out": h.out.Out, "members-out": files.Members, "chart": files.Chart}); err != nil {
		return err
	}
	in, err := d.BurdenInput(req.Alliance)
	if err != nil {
		return histUsage(err, "")
	}
	h.progress(env, "data loaded; computing alliance %d", req.Alliance)
	r, err := history.Burden(in, req.Options())
	if err != nil {
		return histUsage(err, "--from/--to")
	}
	return h.out.WriteReport(env.Stdout, env.Stderr, output.Report{V: map[string]any{"report": r, "decades": r.Decades()}, Rows: len(r.Years),
		CSV:  func(w io.Writer) error { return history.WriteBurdenYearsCSV(w, r) },
		Text: func(w io.Writer) error { return history.WriteBurdenText(w, r) },
		Files: []output.File{
			{Flag: "members-out", Path: files.Members, Rows: r.MemberYears(), Render: func(w io.Writer) error { return history.WriteBurdenMembersCSV(w, r) }},
			{Flag: "chart", Path: files.Chart, Rows: len(r.Years), Render: func(w io.Writer) error { return history.WriteRhoChart(w, r, chartFmt) }}}})
}

// runReportWarnings is "entente report warnings".
func runReportWarnings(ctx context.Context, env *cli, args []string) error {
	fs := newFlags(env, "report warnings", "{{data files}}", datadir.LayoutHelp(datadir.WarningFiles...))
	var h dataFlags
	h.out.Alias(fs, "csv", "deprecated: --out `file`.csv")
	req := history.NewWarningsRequest()
	h.bind(fs, &req, "write the alliance-years, components and cross-validated scores to this `file` (.csv; .json: the evaluation)")
	d, err := h.parse(fs, args, &req, datadir.WarningFiles...)
	if err != nil {
		return err
	}
	ws, err := d.Warnings(req, func(msg string) { h.progress(env, "%s", msg) })
	if err != nil {
		return histUsage(err, "--from/--to")
	}
	return h.out.WriteReport(env.Stdout, env.Stderr, output.Report{V: ws.JSON(), Rows: len(ws.Rows), CSV: ws.WriteCSV, Text: ws.WriteText})
}
