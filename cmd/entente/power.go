package main

import (
	"context"
	"io"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/internal/output"
	"github.com/entente/entente/power"
)

func runPower(ctx context.Context, env *cli, args []string) error {
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
		a, err = analysePact(ctx, c, req, opts)
	} else {
		a, err = req.Analyse(env.Stdin, opts)
		err = cmdline.Invalid(err)
	}
	if err != nil {
		return err
	}
	return out.EmitReport(env.Stdout, env.Stderr, output.Report{V: a.Report, Rows: len(a.Report.Players),
		CSV:  func(w io.Writer) error { return a.WriteCSV(w, cols, req.Exact) },
		Text: func(w io.Writer) error { return a.WriteText(w, cols, req.Exact) }})
}

// analysePact analyses the rule of a pact in the store.
func analysePact(ctx context.Context, c *common, req power.Request, opts power.Options) (power.Analysis, error) {
	_, st, actors, done, err := c.openPact(ctx, req.Pact)
	if err != nil {
		return power.Analysis{}, err
	}
	defer done()
	rep, err := power.PactPower(st, entente.Matter(req.Matter), actors, opts)
	if err != nil {
		return power.Analysis{}, power.Hint(err)
	}
	return power.PactAnalysis(rep), nil
}
