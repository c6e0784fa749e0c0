package main

import (
	"context"
	"fmt"
	"io"

	"github.com/entente/entente/dataset/unvotes"
	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/internal/datadir"
	"github.com/entente/entente/panel"
)

func runSimilarity(ctx context.Context, env *cli, args []string) error {
	sub, args, err := program.Subcommand("similarity", args)
	if err != nil {
		return err
	}
	span := map[string][2]int{"portfolio": datadir.ATOPYears, "votes": datadir.VoteYears}[sub]
	fs := newFlags(env, "similarity "+sub)
	var d dataFlags
	d.register(fs, "write to this `file` (- for standard output)")
	portfolio := panel.PortfolioRequest{Span: panel.Span{From: span[0], To: span[1]}, Ties: "own"}
	votes := panel.VoteRequest{Span: portfolio.Span, By: "year"}
	req := map[string]any{"portfolio": &portfolio, "votes": &votes}[sub]
	cmdline.Bind(fs, req)
	if err := cmdline.ParseNone(fs, args); err != nil {
		return err
	}
	if sub == "portfolio" {
		if err := portfolio.Validate(datadir.ATOPYears); err != nil {
			return cmdline.Invalid(err)
		}
		return runPortfolioSimilarity(ctx, env, &d, portfolio)
	}
	votes.BySessionDefaults(cmdline.Given(fs), datadir.VoteSessions)
	keep, err := votes.Filter(datadir.VoteYears, datadir.VoteSessions)
	if err != nil {
		return cmdline.Invalid(err)
	}
	return runVoteSimilarity(ctx, env, &d, votes, keep)
}

// runVoteSimilarity writes the vote similarity of every dyad, by year or
// by session.
func runVoteSimilarity(ctx context.Context, env *cli, d *dataFlags, req panel.VoteRequest, keep func(*unvotes.RollCall) bool) error {
	if err := d.check(datadir.VoteFiles...); err != nil {
		return err
	}
	m, err := d.data().Votes(true)
	if err != nil {
		return err
	}
	what := "vote similarity"
	if req.BySession() {
		what = "session vote similarity"
	}
	return d.writeRows(env, what, req.Span, func(w io.Writer, step func(int) error) error {
		return panel.WriteVotes(ctx, w, m, req.From, req.To, req.BySession(), req.Contested, keep, step)
	})
}

func runPortfolioSimilarity(ctx context.Context, env *cli, d *dataFlags, req panel.PortfolioRequest) error {
	p, note, err := d.PortfolioPanel(req.From, req.To)
	if err != nil {
		return err
	}
	if note != "" {
		fmt.Fprintf(env.Stderr, "note: %s\n", note)
	}
	return d.writeRows(env, "portfolio similarity", req.Span, func(w io.Writer, step func(int) error) error {
		return p.WritePortfolios(ctx, w, req.From, req.To, req.TiesRule(), step)
	})
}
