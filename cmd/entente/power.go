package main

import (
	"context"
	"io"

	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/internal/output"
	"github.com/entente/entente/power"
)

func (m *Main) runPower(ctx context.Context, env *cli, args []string) error {
	fs, c := storeVerbFlags(env, "power")
	req := power.NewRequest()
	var out output.Flags
	cmdline.Bind(fs, &req)
	fs.StringVar(&req.Matter, "matter", req.Matter, "with --pact, the `matter` whose rule is analysed: "+power.MatterList())
	out.Register(fs, "write the indices to this `file` (.csv, .json)", "table", "csv", "json")
	pos, err := cmdline.ParseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("power: unexpected argument %q (the game comes from --weights, --file or --pact)", pos[0])
	}
	req.Given = cmdline.Given(fs)
	cols, opts, err := req.Options()
	if err != nil {
		return cmdline.Invalid(err)
	}
	if _, err := out.Resolve(); err != nil {
		return err
	}
	var a power.Analysis
	if req.Pact != "" {
		l, err := m.open(ctx, c.db, false)
		if err != nil {
			return err
		}
		if a, err = req.AnalysePact(l, opts); err != nil {
			return err
		}
	} else if a, err = req.Analyse(env.Stdin, opts); err != nil {
		return cmdline.Invalid(err)
	}
	return out.EmitReport(env.Stdout, env.Stderr, output.Report{V: a.Report, Rows: len(a.Report.Players),
		CSV:  func(w io.Writer) error { return a.WriteCSV(w, cols, req.Exact) },
		Text: func(w io.Writer) error { return a.WriteText(w, cols, req.Exact) }})
}
