package main

import (
	"context"
	"io"

	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/internal/datadir"
	"github.com/entente/entente/panel"
)

func runPanel(ctx context.Context, env *cli, args []string) error {
	sub, args, err := program.Subcommand("panel", args)
	if err != nil {
		return err
	}
	fs := newFlags(env, "panel "+sub, "{{dyad covariates}}", panel.CovariateHelp(false), "{{state covariates}}", panel.CovariateHelp(true))
	var d dataFlags
	d.register(fs, "write to this `file` (- for standard output)")
	req := panel.Request{Span: panel.Span{From: datadir.SystemYears[0], To: datadir.SystemYears[1]}, NMC: 6}
	cmdline.Bind(fs, &req)
	if sub == "dyads" {
		fs.BoolVar(&req.Directed, "directed", false, "one row per ordered pair (A, B), A's obligations toward B")
	}
	if sub != "alliances" {
		fs.StringVar(&req.With, "with", "", "add these covariate `families`, comma-separated, or all (see below)")
	}
	if err := cmdline.ParseNone(fs, args); err != nil {
		return err
	}
	if err := req.Validate(datadir.SystemYears); err != nil {
		return cmdline.Invalid(err)
	}
	cov, err := d.PanelCovariates(req.With, sub == "states")
	if err != nil {
		return err
	}
	p, err := d.Panel(req.NMC)
	if err != nil {
		return err
	}
	return d.writeRows(env, "panel "+sub, req.Span, func(w io.Writer, step func(int) error) error {
		switch sub {
		case "dyads":
			return p.WriteDyads(ctx, w, cov, panel.DyadOptions{From: req.From, To: req.To, Directed: req.Directed}, step)
		case "alliances":
			return p.WriteAllianceYears(ctx, w, req.From, req.To, step)
		}
		return p.WriteStateYears(ctx, w, cov, req.From, req.To, step)
	})
}
