package main

import (
	"context"
	"io"

	"gonum.org/v1/plot/vg"

	"github.com/entente/entente/internal/datadir"
	"github.com/entente/entente/internal/output"
	"github.com/entente/entente/reliability"
	"github.com/entente/entente/report"
)

// runFindings dispatches "entente findings SUBCOMMAND".
func runFindings(ctx context.Context, env *cli, args []string) error {
	sub, args, err := program.Subcommand("findings", args)
	if err != nil {
		return err
	}
	return map[string]func(*cli, []string) error{"claim": runFindingsClaim, "reliability": runFindingsReliability, "deterrence": runFindingsDeterrence}[sub](env, args)
}

func runFindingsClaim(env *cli, args []string) error {
	fs := newFlags(env, "findings claim", "{{data files}}", datadir.LayoutHelp(datadir.ClaimFiles...))
	var h dataFlags
	req := report.NewClaimRequest()
	h.bind(fs, &req, "write the coefficients to this `file` (.csv, .json)")
	d, err := h.parse(fs, args, &req, datadir.ClaimFiles...)
	if err != nil {
		return err
	}
	in, err := d.ClaimInput()
	if err != nil {
		return err
	}
	h.progress(env, "data loaded; fitting")
	res, err := req.Fit(in)
	if err != nil {
		return usagef("--hub/--from-session/--to-session: %v", err)
	}
	return h.out.WriteReport(env.Stdout, env.Stderr, output.Report{V: report.ClaimJSON(res), Rows: len(res.Terms),
		CSV:  func(w io.Writer) error { return report.WriteClaimCSV(w, res) },
		Text: func(w io.Writer) error { return report.WriteClaimText(w, res) },
		Files: []output.File{{Flag: "chart", Path: req.Chart, Rows: len(res.Terms) - 1, Render: func(w io.Writer) error {
			return report.ClaimChart(w, res, 8*vg.Inch, 5*vg.Inch)
		}}}})
}

func runFindingsReliability(env *cli, args []string) error {
	fs := newFlags(env, "findings reliability", "{{data files}}", datadir.LayoutHelp(datadir.ReliabilityFiles...))
	var h dataFlags
	req := reliability.NewReportRequest()
	h.bind(fs, &req, "write the rows to this `file` (.csv, .json)")
	d, err := h.parse(fs, args, &req, datadir.ReliabilityFiles...)
	if err != nil {
		return err
	}
	if req.Conditions { // and the files the conditions need
		if d, err = h.Locate(datadir.ReliabilityConditionFiles...); err != nil {
			return err
		}
	}
	rows, err := d.Reliability(req, func() { h.progress(env, "data loaded; finding the cases") })
	if err != nil {
		return err
	}
	return h.out.WriteReport(env.Stdout, env.Stderr, output.Report{V: reliability.ReportJSON(rows), Rows: len(rows),
		CSV:  func(w io.Writer) error { return reliability.WriteReportCSV(w, rows) },
		Text: func(w io.Writer) error { return reliability.WriteReportText(w, rows) }})
}

func runFindingsDeterrence(env *cli, args []string) error {
	fs := newFlags(env, "findings deterrence", "{{data files}}", datadir.LayoutHelp(datadir.DeterrenceFiles...))
	var h dataFlags
	req := reliability.NewDeterrenceRequest()
	h.bind(fs, &req, "write the coefficients to this `file` (.csv, .json)")
	d, err := h.parse(fs, args, &req, datadir.DeterrenceFiles...)
	if err != nil {
		return err
	}
	in, err := d.DeterrenceData()
	if err != nil {
		return err
	}
	results, err := reliability.DeterrenceSpans(in, req, func(from, to int) { h.progress(env, "fitting %d-%d", from, to) })
	if err != nil {
		return err
	}
	return h.out.WriteReport(env.Stdout, env.Stderr, output.Report{V: results, Rows: reliability.DeterrenceRows(results...),
		CSV:  func(w io.Writer) error { return reliability.WriteDeterrenceCSV(w, results...) },
		Text: func(w io.Writer) error { return reliability.WriteDeterrenceText(w, results...) }})
}
