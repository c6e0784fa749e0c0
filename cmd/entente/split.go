package main

import (
	"context"
	"fmt"
	"io"

	"github.com/entente/entente/coalition"
	"github.com/entente/entente/internal/number"
	"github.com/entente/entente/internal/output"
)

func runSplit(ctx context.Context, env *cli, args []string) error {
	fs := newFlags(env, "split", "PACT [flags]", `
Splits a pact's benefit among its members from what each delivered
(contributions valued by the agreement's valuation). The worth of a group
S of members is B·[s(S)^ρ + γ·Σ pairs s_i·s_j], normalised so the whole pact
is worth B, where s is a member's share of what was delivered: ρ > 1 says
pooling pays, γ > 0 that members' contributions complement each other.
With the defaults (ρ = 1, γ = 0) every fair split is the proportional one;
the Shapley value and the nucleolus differ from it as soon as pooling or
complementarity makes groups worth more than their parts.`)
	var c common
	c.register(fs)
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
		if format == "json" {
			return output.WriteJSON(w, sp)
		}
		missing := map[string]string{"csv": ""}[format]
		f := func(v float64, decimals int) string {
			if format == "csv" {
				return number.CSV(v)
			}
			return number.Float(v).FixedOr(decimals, missing)
		}
		var rows [][]string
		for _, i := range sp.SortedByShapley() {
			nuc := missing
			if sp.Nucleolus != nil {
				nuc = f(sp.Nucleolus[i], 2)
			}
			share := number.Float(sp.Share[i]).Percent(1)
			if format == "csv" {
				share = number.CSV(sp.Share[i])
			}
			rows = append(rows, []string{string(sp.Members[i]), f(sp.Delivered[i], 2), share, f(sp.Proportional[i], 2), f(sp.Shapley[i], 2), nuc})
		}
		if format == "table" {
			fmt.Fprintf(w, "%s: splitting %s (ρ = %g, γ = %g); the core is %s, the Shapley split is %s it\n\n",
				st.Pact.ID, number.Fixed(sp.Benefit, 2), sp.Returns, sp.Synergy,
				map[bool]string{true: "empty", false: "not empty"}[sp.CoreEmpty], map[bool]string{true: "in", false: "not in"}[sp.ShapleyInCore])
		}
		return renderRows(w, format, []string{"MEMBER", "DELIVERED", "SHARE", "PROPORTIONAL", "SHAPLEY", "NUCLEOLUS"}, rows)
	})
}
