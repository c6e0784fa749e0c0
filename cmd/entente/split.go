package main

import (
	"context"
	"fmt"
	"strconv"

	"github.com/entente/entente"
	"github.com/entente/entente/coalition"
	"github.com/entente/entente/internal/jsonsafe"
)

func init() {
	register(verb{"split", "split a pact's benefit fairly: proportional, Shapley value, nucleolus", runSplit})
}

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
	svc, done, err := c.openService(ctx)
	if err != nil {
		return err
	}
	defer done()
	st, err := svc.Pact(entente.PactID(pos[0]))
	if err != nil {
		return err
	}
	sp, err := coalition.PactSplit(st, opts)
	if err != nil {
		return err
	}
	if c.json {
		return c.output(env.stdout, jsonsafe.Value(sp), nil, nil)
	}
	fmt.Fprintf(env.stdout, "%s: splitting %s (ρ = %g, γ = %g); the core is %s, the Shapley split is %s it\n\n",
		st.Pact.ID, strconv.FormatFloat(sp.Benefit, 'f', 2, 64), sp.Returns, sp.Synergy,
		map[bool]string{true: "empty", false: "not empty"}[sp.CoreEmpty], map[bool]string{true: "in", false: "not in"}[sp.ShapleyInCore])
	var rows [][]string
	for _, i := range sp.SortedByShapley() {
		nuc := "-"
		if sp.Nucleolus != nil {
			nuc = fixed(sp.Nucleolus[i], 2)
		}
		rows = append(rows, []string{string(sp.Members[i]), fixed(sp.Delivered[i], 2), pctOrDash(sp.Share[i]),
			fixed(sp.Proportional[i], 2), fixed(sp.Shapley[i], 2), nuc})
	}
	return table(env.stdout, []string{"MEMBER", "DELIVERED", "SHARE", "PROPORTIONAL", "SHAPLEY", "NUCLEOLUS"}, rows)
}
