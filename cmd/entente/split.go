package main

import (
	"context"
	"io"

	"github.com/entente/entente/coalition"
	"github.com/entente/entente/internal/output"
)

func runSplit(ctx context.Context, env *cli, args []string) error {
	fs, c := storeVerbFlags(env, "split", "PACT [flags]", `
Splits a pact's benefit among its members from what each delivered
(contributions valued by the agreement's valuation). The worth of a group
S of members is B·[s(S)^ρ + γ·Σ pairs s_i·s_j], normalised so the whole pact
is worth B, where s is a member's share of what was delivered: ρ > 1 says
pooling pays, γ > 0 that members' contributions complement each other.
With the defaults (ρ = 1, γ = 0) every fair split is the proportional one;
the Shapley value and the nucleolus differ from it as soon as pooling or
complementarity makes groups worth more than their parts.`)
	var opts coalition.SplitOptions
	fs.Float64Var(&opts.Benefit, "benefit", 0, "the `total` to split (default: the value delivered)")
	fs.Float64Var(&opts.Returns, "returns", 1, "ρ ≥ 1, the returns to pooling")
	fs.Float64Var(&opts.Synergy, "synergy", 0, "γ ≥ 0, the worth of complementary pairs")
	var out outputFlags
	out.register(fs, "write the split to this `file` (.csv, .json)", "table", "csv", "json")
	pos, err := parseInterleaved(fs, args)
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
	format, err := out.resolve()
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
	return out.emit(env, len(sp.Members), func(w io.Writer) error {
		switch format {
		case "json":
			return output.WriteJSON(w, sp)
		case "table":
			return sp.WriteText(w, string(st.Pact.ID))
		}
		return csvAs(format, sp.WriteCSV)(w)
	})
}
