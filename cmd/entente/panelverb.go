package main

import (
	"context"
	"strconv"
	"strings"

	"github.com/entente/entente/allnet"
	"github.com/entente/entente/panel"
)

func init() {
	register(verb{"panel", "build state-year, dyad-year and alliance-year panels from COW, NMC and ATOP", runPanel})
	subcommandHelp["panel"] = `Usage: entente panel states|dyads|alliances [--from 1816] [--to 2016] [flags]

  states     one row per COW state-year: capabilities, major-power status,
             ATOP alliances and obligations
  dyads      one row per dyad-year (--directed: per ordered pair): ATOP
             obligations each way, both states' capabilities, the CINC ratio
  alliances  one row per ATOP alliance-year: members, capability shares,
             strongest-to-weakest ratio, Herfindahl index, symmetric/asymmetric

Run "entente panel dyads --help" for the flags and the columns.
`
}

const panelDescription = `
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
fields, never 0. Undirected 1816-2016 is 956,175 rows; directed 1,912,350.`

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
	directed := fs.Bool("directed", false, "dyads: one row per ordered pair (A, B), A's obligations toward B")
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
	if *directed && sub != "dyads" {
		return usagef("--directed: only for panel dyads")
	}
	if err := checkYearFlags(*from, *to, dvSpanSystem, "the COW system data"); err != nil {
		return err
	}
	nmcFile := dvNMC6
	if *nmcVersion == 5 {
		nmcFile = dvNMC5
	}
	if err := d.check(dvSystem, dvMajors, nmcFile, dvMembers); err != nil {
		return err
	}
	src, err := d.loadPanelSources(*nmcVersion)
	if err != nil {
		return err
	}
	p, err := panel.New(src)
	if err != nil {
		return err
	}
	out, err := openRowOutput(env, d.out, d.json)
	if err != nil {
		return err
	}
	bar := d.bar(env, *to-*from+1, "panel "+sub)
	switch sub {
	case "dyads":
		err = writeDyadPanel(ctx, out, p, panel.DyadOptions{From: *from, To: *to, Directed: *directed}, bar.Add)
	case "states":
		err = writeStatePanel(ctx, out, p, *from, *to, bar.Add)
	default:
		err = writeAlliancePanel(ctx, out, p, *from, *to, bar.Add)
	}
	bar.Finish()
	return out.close(err)
}

func writeDyadPanel(ctx context.Context, out *rowOutput, p *panel.Panel, opt panel.DyadOptions, step func(int) error) error {
	w := panel.NewDyadWriter(out)
	err := p.Dyads(opt, func(b *panel.DyadBlock) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		step(1)
		return w.Write(b)
	})
	if err != nil {
		return err
	}
	return w.Flush()
}

func writeStatePanel(ctx context.Context, out *rowOutput, p *panel.Panel, from, to int, step func(int) error) error {
	if _, err := out.Write([]byte(strings.Join(panel.StateHeader(), ",") + "\n")); err != nil {
		return err
	}
	var buf []byte
	year := from
	return p.StateYears(from, to, func(s *panel.StateYear) error {
		if s.Year != year {
			year = s.Year
			step(1)
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		buf = panel.AppendStateYear(buf[:0], s)
		_, err := out.Write(buf)
		return err
	})
}

var allianceYearHeader = []string{"year", "atopid", "members", "member_codes", "obligations", "largest_share",
	"herfindahl", "strongest_to_weakest", "dominance", "symmetry", "missing"}

func writeAlliancePanel(ctx context.Context, out *rowOutput, p *panel.Panel, from, to int, step func(int) error) error {
	if _, err := out.Write([]byte(strings.Join(allianceYearHeader, ",") + "\n")); err != nil {
		return err
	}
	for y := from; y <= to; y++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		ays, err := p.AllianceYears(y, y)
		if err != nil {
			return err
		}
		for _, ay := range ays {
			if _, err := out.Write(appendAllianceYear(nil, &ay)); err != nil {
				return err
			}
		}
		step(1)
	}
	return nil
}

func appendAllianceYear(b []byte, ay *panel.AllianceYear) []byte {
	codes := make([]string, len(ay.Members))
	for i, c := range ay.Members {
		codes[i] = strconv.Itoa(c)
	}
	b = strconv.AppendInt(b, int64(ay.Year), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(ay.ATOPID), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(len(ay.Members)), 10)
	b = append(b, ',')
	b = append(b, strings.Join(codes, ";")...)
	b = append(b, ',')
	b = append(b, allnet.Obligation(ay.Obligations).String()...)
	for _, v := range []float64{ay.LargestShare, ay.Herfindahl, ay.StrongestToWeakest, ay.Dominance} {
		b = append(b, ',')
		b = panel.AppendFloat(b, v)
	}
	b = append(b, ',')
	b = append(b, ay.Symmetry...)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(ay.Missing), 10)
	return append(b, '\n')
}
