package main

import (
	"context"

	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/internal/datadir"
	"github.com/entente/entente/panel"
)

func runPanel(ctx context.Context, env *cli, args []string) error {
	if len(args) == 0 || (args[0] != "states" && args[0] != "dyads" && args[0] != "alliances") {
		return usagef("panel: expected states, dyads or alliances (see entente panel --help)")
	}
	sub, args := args[0], args[1:]
	fs := newFlags(env, "panel "+sub, "{{dyad covariates}}", panel.CovariateHelp(false), "{{state covariates}}", panel.CovariateHelp(true))
	var d dataVerbFlags
	d.register(fs, "write to this `file` (- for standard output)")
	from := fs.Int("from", datadir.SystemYears[0], "first `year`")
	to := fs.Int("to", datadir.SystemYears[1], "last `year`")
	directed, with := new(bool), new(string)
	if sub == "dyads" {
		directed = fs.Bool("directed", false, "one row per ordered pair (A, B), A's obligations toward B")
	}
	if sub != "alliances" {
		with = fs.String("with", "", "add these covariate `families`, comma-separated, or all (see below)")
	}
	nmcVersion := fs.Int("nmc", 6, "NMC `release`: 6 (1816-2016) or 5 (1816-2012; later years have missing capabilities)")
	pos, err := cmdline.ParseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if err := noPositional("panel "+sub, pos); err != nil {
		return err
	}
	if *nmcVersion != 5 && *nmcVersion != 6 {
		return usagef("--nmc %d: expected 5 or 6", *nmcVersion)
	}
	if err := checkYearFlags(*from, *to, datadir.SystemYears, "the COW system data"); err != nil {
		return err
	}
	if err := d.check(datadir.PanelFiles(*nmcVersion)...); err != nil {
		return err
	}
	var cov *panel.Covariates
	if *with != "" {
		fams, err := panel.ParseCovariates(*with, sub == "states")
		if err != nil {
			return usagef("--with: %v", err)
		}
		if err := d.check(datadir.CovariateFiles(fams)...); err != nil {
			return err
		}
		if cov, err = d.data().Covariates(fams, sub == "states"); err != nil {
			return err
		}
	}
	src, err := d.data().PanelSources(*nmcVersion)
	if err != nil {
		return err
	}
	p, err := panel.New(src)
	if err != nil {
		return err
	}
	if sub == "alliances" {
		return d.stream(ctx, env, "panel alliances", panel.AllianceYearHeader(), *from, *to, func(y int, emit func([]byte) error) error {
			ays, err := p.AllianceYears(y, y)
			for i := 0; i < len(ays) && err == nil; i++ {
				err = emit(panel.AppendAllianceYear(nil, &ays[i]))
			}
			return err
		})
	}
	out, err := d.out.OpenRows(env.Stdout, env.Stderr)
	if err != nil {
		return err
	}
	bar := d.bar(env, *to-*from+1, "panel "+sub)
	switch sub {
	case "dyads":
		err = p.WriteDyads(ctx, out, cov, panel.DyadOptions{From: *from, To: *to, Directed: *directed}, bar.Add)
	default:
		err = p.WriteStateYears(ctx, out, cov, *from, *to, bar.Add)
	}
	bar.Finish()
	return out.Close(err)
}
