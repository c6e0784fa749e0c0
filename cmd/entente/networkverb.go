package main

import (
	"context"
	"io"

	"github.com/entente/entente/allnet"
	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/internal/datadir"
	"github.com/entente/entente/internal/output"
	"github.com/entente/entente/panel"
)

func runNetwork(ctx context.Context, env *cli, args []string) error {
	fs := newFlags(env, "network")
	var d dataFlags
	d.register(fs, "write to this `file` (- for standard output): --year's states (.csv, .json), or the summaries of --from/--to (.csv, .json lines)", "table", "csv", "json")
	req := panel.NewNetworkRequest()
	cmdline.Bind(fs, &req)
	if err := cmdline.ParseNone(fs, args); err != nil {
		return err
	}
	opt, err := req.Options([2]int{datadir.SystemYears[0], min(datadir.SystemYears[1], datadir.ATOPYears[1])})
	if err != nil {
		return cmdline.Invalid(err)
	}
	p, err := d.Panel(6)
	if err != nil {
		return err
	}
	if req.Year == 0 { // the summaries are rows: CSV or JSON lines
		d.out.Formats = []string{"csv", "json", "parquet"}
	}
	if _, err := d.out.Resolve(); err != nil {
		return err
	}
	if req.Year != 0 {
		return networkYear(env, &d, p, req.Year, opt)
	}
	// One summary per year, a few years analysed at a time in parallel.
	return d.writeRows(env, "network", panel.Span{From: req.From, To: req.To}, func(w io.Writer, step func(int) error) error {
		return p.WriteNetworkSummaries(ctx, w, req.From, req.To, opt, step)
	})
}

// networkYear prints one year's per-state measures and summary.
func networkYear(env *cli, d *dataFlags, p *panel.Panel, y int, opt allnet.Options) error {
	n, err := p.AnalyzeNetwork(y, opt)
	if err != nil {
		return err
	}
	return d.out.EmitReport(env.Stdout, env.Stderr, output.Report{V: n, Rows: len(n.States),
		CSV:  func(w io.Writer) error { return panel.WriteNetworkStatesCSV(w, n.States) },
		Text: func(w io.Writer) error { return panel.WriteNetworkText(w, n.States, n.Summary) }})
}
