package main

import (
	"context"

	"github.com/entente/entente/internal/datadir"
	"github.com/entente/entente/panel"
)

var panelDescription = `
Builds a panel over the COW state system (system2016, 1816-2016) from the
COW major powers, the NMC capabilities (6.0 by default, --nmc 5 for 5.0,
which ends in 2012) and the ATOP 5.1 member file, and writes it as CSV (or
JSON lines with --json) to --out.

dyads: year, ccode1, ccode2, atop_shared (alliances shared), defense,
offense, neutral, nonagg, consul (directed: 1 owes 2; undirected: either
owes the other), obl12, obl21 (bit masks of 1's obligations toward 2 and
back: defense 1, offense 2, neutral 4, nonagg 8, consul 16), major1,
major2, cinc1..upop1, cinc2..upop2, cap_ratio (stronger CINC / weaker).
A directed dyad (A, B) carries A's obligations toward B, so ATOP's
one-sided pledges point one way (France→Belgium, ATOP 1060).

states: year, ccode, abb, major, cinc..upop, atop_alliances, defense..consul
(obligations the state undertook), defense_partners.

alliances: year, atopid, members, member_codes, obligations, largest_share,
herfindahl, strongest_to_weakest, dominance, symmetry (asymmetric when the
strongest member has at least twice the CINC of the second; unknown when
a member's CINC is missing), missing.

Missing values (NMC -9, no NMC row, alliance data after 2018) are empty
fields, never 0. Undirected 1816-2016 is 956,175 rows; directed 1,912,350.

--with adds covariate columns from the peacesciencer folder of --data, as
peacesciencer's add_* functions do (Miller 2022, Conflict Management and
Peace Science 39(6)); "all" adds every family. Outside a source's coverage
its columns are empty (unknown), never 0; inside it, an event source
without a row means none (0), a measurement source without a row is empty.

dyads --with contiguity,distance,rivalry,mids,wars,democracy,igos:
` + panel.CovariateHelp(false) + `
states --with contiguity,rivalry,mids,wars,democracy,creg:
` + panel.CovariateHelp(true)

func runPanel(ctx context.Context, env *cli, args []string) error {
	if len(args) == 0 || (args[0] != "states" && args[0] != "dyads" && args[0] != "alliances") {
		return usagef("panel: expected states, dyads or alliances (see entente panel --help)")
	}
	sub, args := args[0], args[1:]
	fs := newFlags(env, "panel "+sub, "[flags]", panelDescription)
	var d dataVerbFlags
	d.register(fs, "write to this `file` (- for standard output)")
	from := fs.Int("from", dvSpanSystem[0], "first `year`")
	to := fs.Int("to", dvSpanSystem[1], "last `year`")
	directed, with := new(bool), new(string)
	if sub == "dyads" {
		directed = fs.Bool("directed", false, "one row per ordered pair (A, B), A's obligations toward B")
	}
	if sub != "alliances" {
		with = fs.String("with", "", "add these covariate `families`, comma-separated, or all (see below)")
	}
	nmcVersion := fs.Int("nmc", 6, "NMC `release`: 6 (1816-2016) or 5 (1816-2012; later years have missing capabilities)")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if err := noPositional("panel "+sub, pos); err != nil {
		return err
	}
	if *nmcVersion != 5 && *nmcVersion != 6 {
		return usagef("--nmc %d: expected 5 or 6", *nmcVersion)
	}
	if err := checkYearFlags(*from, *to, dvSpanSystem, "the COW system data"); err != nil {
		return err
	}
	if err := d.check(dvSystem, dvMajors, datadir.NMCFile(*nmcVersion), dvMembers); err != nil {
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
	out, err := d.out.openRows(env)
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
