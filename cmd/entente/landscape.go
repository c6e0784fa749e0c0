package main

import (
	"context"
	"io"

	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/internal/datadir"
	"github.com/entente/entente/internal/output"
	"github.com/entente/entente/landscape"
)

func runLandscape(ctx context.Context, env *cli, args []string) error {
	fs := newFlags(env, "landscape")
	req := landscape.NewRequest()
	var data datadir.Flag
	var out output.Flags
	cmdline.Bind(fs, &req)
	cmdline.Bind(fs, &data)
	out.Register(fs, "write to this `file` (- or empty: standard output); the format follows its extension (.csv, .json)", "table", "csv", "json")
	if err := cmdline.ParseNone(fs, args); err != nil {
		return err
	}
	req.Given = cmdline.Given(fs)
	if err := req.Validate(); err != nil {
		return cmdline.Invalid(err)
	}
	if _, err := out.Resolve(); err != nil {
		return err
	}
	lc, err := data.LandscapeCase(req)
	if err != nil {
		return err
	}
	res, rows, err := req.Solve(lc)
	if err != nil {
		return err
	}
	return out.EmitReport(env.Stdout, env.Stderr, output.Report{V: landscape.NewSolution(lc, res, rows), Rows: len(rows),
		CSV:  func(w io.Writer) error { return landscape.WriteCSV(w, lc, rows) },
		Text: func(w io.Writer) error { return landscape.WriteTable(w, lc, res, rows) }})
}
