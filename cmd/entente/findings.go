package main

import (
	"context"
	"errors"
	"io"
	"time"

	"gonum.org/v1/plot/vg"

	"github.com/entente/entente/allnet"
	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/internal/datadir"
	"github.com/entente/entente/internal/output"
	"github.com/entente/entente/internal/stats"
	"github.com/entente/entente/reliability"
	"github.com/entente/entente/report"
)

// runFindings dispatches "entente findings SUBCOMMAND".
func runFindings(ctx context.Context, env *cli, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "claim":
			return runFindingsClaim(ctx, env, args[1:])
		case "reliability":
			return runFindingsReliability(ctx, env, args[1:])
		case "deterrence":
			return runFindingsDeterrence(ctx, env, args[1:])
		}
	}
	return usagef("findings: expected claim, reliability or deterrence (see entente findings --help)")
}

func runFindingsClaim(ctx context.Context, env *cli, args []string) error {
	fs := newFlags(env, "findings claim", "{{data files}}", histLayoutHelp(datadir.ClaimFiles...))
	var h historyFlags
	h.data.register(fs)
	h.out.Register(fs, "write the coefficients to this `file` (.csv, .json)", "table", "csv", "json")
	fs.BoolVar(&h.quiet, "quiet", false, "do not print progress on standard error")
	hub := fs.Int("hub", report.USA, "the hub's COW `code`")
	from := fs.Int("from-session", 0, "first General Assembly `session` (default 2)")
	to := fs.Int("to-session", 0, "last `session` (default 71)")
	typ := fs.String("type", "defense", "the obligation `types` that make an ally (see entente network --help)")
	minCalls := fs.Int("min-calls", 0, "the fewest hub-minority roll calls a state must have voted on in a session (default 5)")
	important := fs.Bool("important", false, "measure agreement on the contested important votes (US State Department list, sessions 38-72) instead of the hub's minority votes")
	chart := fs.String("chart", "", "draw the coefficients with 95% intervals to this `file` (.png)")
	pos, err := cmdline.ParseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if err := noPositional("findings claim", pos); err != nil {
		return err
	}
	if *hub <= 0 || *hub > 999 {
		return usagef("--hub: expected a COW code such as 2, got %d", *hub)
	}
	if *from < 0 || *to < 0 || (*from != 0 && *to != 0 && *from > *to) {
		return usagef("--from-session/--to-session: expected 0 ≤ from ≤ to, got %d and %d", *from, *to)
	}
	if *minCalls < 0 {
		return usagef("--min-calls: expected 0 or more, got %d", *minCalls)
	}
	mask, err := allnet.ParseObligation(*typ)
	if err != nil {
		return usagef("--type %q: %v", *typ, err)
	}
	if *chart != "" {
		if format, err := output.ChartFormat("--chart", *chart); err != nil {
			return err
		} else if format != "png" {
			return usagef("--chart %s: the coefficient chart is drawn as PNG only; name a .png file", *chart)
		}
	}
	d, err := h.check(datadir.ClaimFiles...)
	if err != nil {
		return err
	}
	if err := output.CheckDirs(map[string]string{"chart": *chart}); err != nil {
		return err
	}
	start := time.Now()
	in, err := d.ClaimInput()
	if err != nil {
		return err
	}
	h.progress(env, start, "data loaded; fitting")
	res, err := report.HubClaim(in, report.ClaimOptions{Hub: *hub, FromSession: *from, ToSession: *to, Obligation: atop.Obligation(mask), MinCalls: *minCalls, Important: *important})
	if err != nil {
		return usagef("--hub/--from-session/--to-session: %v", err)
	}
	var out output.Files
	if err := errors.Join(
		out.Add("out", h.out.Out, len(res.Terms), h.rows(report.ClaimJSON(res), func(w io.Writer) error { return report.WriteClaimCSV(w, res) })),
		out.Add("chart", *chart, len(res.Terms)-1, func(w io.Writer) error { return report.ClaimChart(w, res, 8*vg.Inch, 5*vg.Inch) })); err != nil {
		return err
	}
	if err := out.Write(env.Stderr); err != nil {
		return err
	}
	if h.stdoutJSON() {
		return output.WriteJSON(env.Stdout, report.ClaimJSON(res))
	}
	return report.WriteClaimText(env.Stdout, res)
}

func runFindingsReliability(ctx context.Context, env *cli, args []string) error {
	fs := newFlags(env, "findings reliability", "{{data files}}", histLayoutHelp(datadir.ReliabilityFiles...))
	var h historyFlags
	h.data.register(fs)
	h.out.Register(fs, "write the rows to this `file` (.csv, .json)", "table", "csv", "json")
	fs.BoolVar(&h.quiet, "quiet", false, "do not print progress on standard error")
	mids := fs.Bool("mids", true, "add the measures from COW-MID disputes")
	conditions := fs.Bool("conditions", true, "add rows with the treaties' checkable conditions applied (location by COW contiguity, number of attackers, non-provocation)")
	seed := fs.Uint64("seed", 20000686, "the bootstrap's `seed`")
	reps := fs.Int("bootstrap", 2000, "bootstrap `replicates`")
	pos, err := cmdline.ParseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if err := noPositional("findings reliability", pos); err != nil {
		return err
	}
	if *reps < 1 {
		return usagef("--bootstrap: expected at least 1 replicate, got %d", *reps)
	}
	if *seed == 0 {
		return usagef("--seed: expected a non-zero seed")
	}
	files := datadir.ReliabilityFiles
	if *conditions {
		files = datadir.ReliabilityConditionFiles
	}
	d, err := h.check(files...)
	if err != nil {
		return err
	}
	start := time.Now()
	members, wars, disputes, err := d.ReliabilityInput()
	if err != nil {
		return err
	}
	opt := reliability.ReportOptions{Seed: *seed, Bootstrap: *reps, MIDs: *mids}
	if *conditions {
		if opt.Contiguity, err = d.ReliabilityContiguity(); err != nil {
			return err
		}
	}
	h.progress(env, start, "data loaded; finding the cases")
	rows, err := reliability.Report(members, wars, disputes, opt)
	if err != nil {
		return err
	}
	var out output.Files
	if err := out.Add("out", h.out.Out, len(rows), h.rows(reliability.ReportJSON(rows), func(w io.Writer) error { return reliability.WriteReportCSV(w, rows) })); err != nil {
		return err
	}
	if err := out.Write(env.Stderr); err != nil {
		return err
	}
	if h.stdoutJSON() {
		return output.WriteJSON(env.Stdout, reliability.ReportJSON(rows))
	}
	return reliability.WriteReportText(env.Stdout, rows)
}

func runFindingsDeterrence(ctx context.Context, env *cli, args []string) error {
	fs := newFlags(env, "findings deterrence", "{{data files}}", histLayoutHelp(datadir.DeterrenceFiles...))
	var h historyFlags
	h.register(fs, "write the coefficients to this `file` (.csv, .json)")
	relevant := fs.Bool("relevant", false, "only politically relevant dyads (contiguous, or a major power)")
	specName := fs.String("spec", "default", "the regressors: default, jl2011 (Johnson and Leeds's Table 1), none (the alliance terms only) or full (default and the S score)")
	linkName := fs.String("link", "logit", "the binary model: logit or probit (as Johnson and Leeds fit)")
	outsideOnly := fs.Bool("outside-only", false, "count a target's defence pledge only from alliances the challenger is not in")
	pos, err := cmdline.ParseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if err := noPositional("findings deterrence", pos); err != nil {
		return err
	}
	spec, ok := reliability.DeterrenceSpecs[*specName]
	if !ok {
		return usagef("--spec: expected default, jl2011, none or full, got %q", *specName)
	}
	link := stats.LogitLink
	switch *linkName {
	case "logit":
	case "probit":
		link = stats.ProbitLink
	default:
		return usagef("--link: expected logit or probit, got %q", *linkName)
	}
	spans := [][2]int{{1816, 1944}, {1816, 2000}}
	if h.from != 0 || h.to != 0 {
		from, to := h.from, h.to
		if from == 0 {
			from = 1816
		}
		if to == 0 {
			to = 2014
		}
		if err := checkYearFlags(from, to, [2]int{1816, 2014}, "the MID and ATOP data"); err != nil {
			return err
		}
		spans = [][2]int{{from, to}}
	}
	d, err := h.check(datadir.DeterrenceFiles...)
	if err != nil {
		return err
	}
	start := time.Now()
	in, err := d.DeterrenceData()
	if err != nil {
		return err
	}
	var results []*reliability.DeterrenceResult
	for _, s := range spans {
		h.progress(env, start, "fitting %d-%d", s[0], s[1])
		r, err := reliability.Deterrence(in, reliability.DeterrenceOptions{From: s[0], To: s[1], Relevant: *relevant, Spec: spec, Link: link, OutsideOnly: *outsideOnly})
		if err != nil {
			return err
		}
		results = append(results, r)
	}
	rows := 0
	for _, r := range results {
		rows += len(r.Coefs)
	}
	var out output.Files
	if err := out.Add("out", h.out.Out, rows, h.rows(results, func(w io.Writer) error { return reliability.WriteDeterrenceCSV(w, results...) })); err != nil {
		return err
	}
	if err := out.Write(env.Stderr); err != nil {
		return err
	}
	if h.stdoutJSON() {
		return output.WriteJSON(env.Stdout, results)
	}
	return reliability.WriteDeterrenceText(env.Stdout, results...)
}
