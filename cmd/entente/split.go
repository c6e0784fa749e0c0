package main

import (
	"context"
	"io"

	"github.com/entente/entente/coalition"
	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/internal/output"
)

func (m *Main) runSplit(ctx context.Context, env *cli, args []string) error {
	fs, c := storeVerbFlags(env, "split")
	opts := coalition.SplitOptions{Returns: 1}
	var out output.Flags
	cmdline.Bind(fs, &opts)
	out.Register(fs, "write the split to this `file` (.csv, .json)", "table", "csv", "json")
	pos, err := cmdline.ParseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("split: expected one PACT")
	}
	if err := opts.Validate(); err != nil {
		return cmdline.Invalid(err)
	}
	if _, err := out.Resolve(); err != nil {
		return err
	}
	_, st, err := m.openPact(ctx, c.db, pos[0])
	if err != nil {
		return err
	}
	sp, err := coalition.PactSplit(st, opts)
	if err != nil {
		return err
	}
	return out.EmitReport(env.Stdout, env.Stderr, output.Report{V: sp, Rows: len(sp.Members), CSV: sp.WriteCSV,
		Text: func(w io.Writer) error { return sp.WriteText(w, string(st.Pact.ID)) }})
}
