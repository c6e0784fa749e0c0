package main

import (
	"context"
	"io"

	"github.com/entente/entente/coalition"
	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/internal/output"
)

func runSplit(ctx context.Context, env *cli, args []string) error {
	fs, c := storeVerbFlags(env, "split")
	var opts coalition.SplitOptions
	fs.Float64Var(&opts.Benefit, "benefit", 0, "the `total` to split (default: the value delivered)")
	fs.Float64Var(&opts.Returns, "returns", 1, "ρ ≥ 1, the returns to pooling")
	fs.Float64Var(&opts.Synergy, "synergy", 0, "γ ≥ 0, the worth of complementary pairs")
	var out output.Flags
	out.Register(fs, "write the split to this `file` (.csv, .json)", "table", "csv", "json")
	pos, err := cmdline.ParseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("split: expected one PACT")
	}
	if !(opts.Returns >= 1) {
		return usagef("--returns: expected a number of at least 1, got %v", opts.Returns)
	}
	if !(opts.Synergy >= 0) {
		return usagef("--synergy: expected a number of at least 0, got %v", opts.Synergy)
	}
	if !(opts.Benefit >= 0) {
		return usagef("--benefit: expected a positive total, got %v", opts.Benefit)
	}
	format, err := out.Resolve()
	if err != nil {
		return err
	}
	_, st, _, done, err := c.openPact(ctx, pos[0])
	if err != nil {
		return err
	}
	defer done()
	sp, err := coalition.PactSplit(st, opts)
	if err != nil {
		return err
	}
	return out.Emit(env.Stdout, env.Stderr, len(sp.Members), func(w io.Writer) error {
		switch format {
		case "json":
			return output.WriteJSON(w, sp)
		case "table":
			return sp.WriteText(w, string(st.Pact.ID))
		}
		return output.CSVAs(format, sp.WriteCSV)(w)
	})
}
