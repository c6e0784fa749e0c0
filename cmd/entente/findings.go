package main

import (
	"context"
	"errors"
	"io"
	"time"

	"gonum.org/v1/plot/vg"

	"github.com/entente/entente/allnet"
	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/internal/datadir"
	"github.com/entente/entente/internal/output"
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
	fs := newFlags(env, "findings claim", "[flags]", `
Seed 003's claim, that junior allies in asymmetric alliances lend the
hegemon political support, tested where support matters: for each General
Assembly session, the contested roll calls (unanimous ones left out) on
which the hub voted with the minority of the voting states. Each COW system
member's agreement with the hub on them is regressed by least squares on
ally (an ATOP pledge of --type with the hub on 31 December of the session's
year), asymmetry (log of the hub's CINC over the state's, NMC 6.0), their
product, the previous year's ideal-point distance (Bailey, Strezhnev and
Voeten), the Polity2 distance, and region and session effects; standard
errors are clustered by state. The claim predicts a positive
ally × asymmetry coefficient.

With --important the outcome is agreement on the contested roll calls of
the US State Department's list of important votes instead (flagged for
sessions 38-72; give --from-session 38).

Sessions default to 2-71 (1947-2016: session 1 has no previous one, NMC
ends in 2016). Prints the table (or JSON with --format json), writes the
coefficients to --out (.csv, .json) and a coefficient chart to --chart
(.png).

  entente findings claim --data ../shared/data --chart claim.png
`+histLayoutHelp(datadir.ClaimFiles...))
	var h historyFlags
	h.data.register(fs)
	h.out.register(fs, "write the coefficients to this `file` (.csv, .json)", "table", "csv", "json")
	fs.BoolVar(&h.quiet, "quiet", false, "do not print progress on standard error")
	hub := fs.Int("hub", report.USA, "the hub's COW `code`")
	from := fs.Int("from-session", 0, "first General Assembly `session` (default 2)")
	to := fs.Int("to-session", 0, "last `session` (default 71)")
	typ := fs.String("type", "defense", "the obligation `types` that make an ally (see entente network --help)")
	minCalls := fs.Int("min-calls", 0, "the fewest hub-minority roll calls a state must have voted on in a session (default 5)")
	important := fs.Bool("important", false, "measure agreement on the contested important votes (US State Department list, sessions 38-72) instead of the hub's minority votes")
	chart := fs.String("chart", "", "draw the coefficients with 95% intervals to this `file` (.png)")
	pos, err := parseInterleaved(fs, args)
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
		if format, err := chartFormat("--chart", *chart); err != nil {
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
	if err := out.Write(env.stderr); err != nil {
		return err
	}
	if h.stdoutJSON() {
		return writeJSON(env.stdout, report.ClaimJSON(res))
	}
	return report.WriteClaimText(env.stdout, res)
}

func runFindingsReliability(ctx context.Context, env *cli, args []string) error {
	fs := newFlags(env, "findings reliability", "[flags]", `
How often alliance commitments were honoured when the conditions for
invoking them arose, built from ATOP 5.1 and COW Inter-State War 4.0, beside
the published figures: Leeds, Long and Mitchell (2000), 74.5% for
1816-1944; Berkemeier and Fuhrmann (2018), 66% before 1945, 22% for
1945-2003, 50% overall, 41% for defence pacts.

A partner at war invokes a co-member's defence pledge when it was attacked
(on the side opposite the war's initiators), an offence pledge when it
attacked, a neutrality or non-aggression pledge when it is at war; pledges
limited to named adversaries count only against them. A pledge to fight is
honoured by fighting on the partner's side; neutrality and non-aggression
by not fighting against it. Unit "ally" is one case per obliged member,
war and alliance; "alliance" one per alliance and war (honoured when every
invoked member honoured). With --mids (the default) the same measures from
COW-MID 5.0 disputes are added. Intervals are 95% percentile bootstraps
resampling conflicts.

What the data cannot reproduce: the papers read each treaty's conditions
(location, the specific conflict, demands) and judge what the ally did;
here those conditions are assumed met, honouring is joining the war at any
time, and the war data are yearly. Post-1945 shares for all pledges are
dominated by large regional treaties whose neutrality and non-aggression
pledges are kept by staying out; pledges to fight fall after 1945 in every
variant.

  entente findings reliability --data ../shared/data --out reliability.csv
`+histLayoutHelp(datadir.ReliabilityFiles...))
	var h historyFlags
	h.data.register(fs)
	h.out.register(fs, "write the rows to this `file` (.csv, .json)", "table", "csv", "json")
	fs.BoolVar(&h.quiet, "quiet", false, "do not print progress on standard error")
	mids := fs.Bool("mids", true, "add the measures from COW-MID disputes")
	seed := fs.Uint64("seed", 20000686, "the bootstrap's `seed`")
	reps := fs.Int("bootstrap", 2000, "bootstrap `replicates`")
	pos, err := parseInterleaved(fs, args)
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
	d, err := h.check(datadir.ReliabilityFiles...)
	if err != nil {
		return err
	}
	start := time.Now()
	members, wars, disputes, err := d.ReliabilityInput()
	if err != nil {
		return err
	}
	h.progress(env, start, "data loaded; finding the cases")
	rows, err := reliability.Report(members, wars, disputes, reliability.ReportOptions{Seed: *seed, Bootstrap: *reps, MIDs: *mids})
	if err != nil {
		return err
	}
	var out output.Files
	if err := out.Add("out", h.out.Out, len(rows), h.rows(reliability.ReportJSON(rows), func(w io.Writer) error { return reliability.WriteReportCSV(w, rows) })); err != nil {
		return err
	}
	if err := out.Write(env.stderr); err != nil {
		return err
	}
	if h.stdoutJSON() {
		return writeJSON(env.stdout, reliability.ReportJSON(rows))
	}
	return reliability.WriteReportText(env.stdout, rows)
}

func runFindingsDeterrence(ctx context.Context, env *cli, args []string) error {
	fs := newFlags(env, "findings deterrence", "[flags]", `
Alliances and the initiation of militarised disputes, in the design of
Leeds (2003, 1816-1944) and Johnson and Leeds (2011, 1816-2000): for every
directed pair of COW system members in a year, whether the first (the
challenger) initiated a MID against the second (the target) (COW-MID 5.0,
onset, side A against side B, both originators), by logit on the alliance
commitments in force on 1 January from third states (the target has a
defender; the challenger has an offensive ally, a promise of neutrality,
a defender; a pledge limited to named adversaries counts only against
them), whether the two are allied, contiguity, capital distance, the
challenger's capability share, major-power status, joint democracy
(Polity2 ≥ 6) and peace years (cubic). Standard errors are clustered by
dyad. EFFECT is the relative change in the mean predicted probability when
the variable is 1 rather than 0.

Published: targets' defensive allies deter; challengers' offensive allies
and neutrality promises embolden (Leeds 2003); challengers' defensive
allies do not (Johnson and Leeds 2011); Benson (2011): -18% for deterrent
alliances, +249% for unconditional compellent ones. Without --from/--to
both spans are fitted.

  entente findings deterrence --data ../shared/data
  entente findings deterrence --data ../shared/data --from 1945 --to 2000 --relevant
`+histLayoutHelp(datadir.DeterrenceFiles...))
	var h historyFlags
	h.register(fs, "write the coefficients to this `file` (.csv, .json)")
	relevant := fs.Bool("relevant", false, "only politically relevant dyads (contiguous, or a major power)")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if err := noPositional("findings deterrence", pos); err != nil {
		return err
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
		r, err := reliability.Deterrence(in, reliability.DeterrenceOptions{From: s[0], To: s[1], Relevant: *relevant})
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
	if err := out.Write(env.stderr); err != nil {
		return err
	}
	if h.stdoutJSON() {
		return writeJSON(env.stdout, results)
	}
	return reliability.WriteDeterrenceText(env.stdout, results...)
}
