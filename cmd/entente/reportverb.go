package main

import (
	"context"

	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/internal/datadir"
	"github.com/entente/entente/report"
)

// runReport dispatches "entente report SUBCOMMAND".
func runReport(ctx context.Context, env *cli, args []string) error {
	sub, args, err := program.Subcommand("report", args)
	if err != nil {
		return err
	}
	return map[string]func(context.Context, *cli, []string) error{"hub-and-spoke": runHubAndSpoke, "burden": runReportBurden, "warnings": runReportWarnings}[sub](ctx, env, args)
}

func runHubAndSpoke(ctx context.Context, env *cli, args []string) error {
	fs := newFlags(env, "report hub-and-spoke")
	var d dataFlags
	d.register(fs, "")
	var f report.HubFiles
	f.Out.Register(fs, "write the yearly rows to this `file` (.csv, .json)", "table", "csv", "json")
	f.Out.Alias(fs, "out-csv", "deprecated: --out `file`.csv")
	req := report.NewHubRequest()
	cmdline.Bind(fs, &f)
	cmdline.Bind(fs, &req)
	if err := cmdline.ParseNone(fs, args); err != nil {
		return err
	}
	opt, err := req.Options()
	if err != nil {
		return cmdline.Invalid(err)
	}
	if err := f.Check(); err != nil {
		return err
	}
	if err := d.check(datadir.HubFiles...); err != nil {
		return err
	}
	in, err := d.data().HubInput()
	if err != nil {
		return err
	}
	bar := d.bar(env, opt.To-opt.From+1, "hub-and-spoke")
	rows, err := report.HubAndSpokeByDecade(ctx, in, opt, func(years int) { bar.Add(years) })
	bar.Finish()
	if err != nil {
		return err
	}
	return f.Write(env.Stdout, env.Stderr, rows)
}
