package main

import (
	"context"
	"strconv"
	"strings"

	"github.com/entente/entente/allnet"
	"github.com/entente/entente/dataset/peacesciencer"
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
` + covariateHelp(false) + `
states --with contiguity,rivalry,mids,wars,democracy,creg:
` + covariateHelp(true)

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
	with := fs.String("with", "", "dyads and states: add these covariate `families`, comma-separated, or all (see below)")
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
	var cov *panel.Covariates
	if *with != "" {
		if sub == "alliances" {
			return usagef("--with: only for panel dyads and panel states")
		}
		fams, err := panel.ParseCovariates(*with, sub == "states")
		if err != nil {
			return usagef("--with: %v", err)
		}
		files := covariateFiles(fams)
		if err := d.check(files...); err != nil {
			return err
		}
		if cov, err = loadCovariates(&d, fams, sub == "states"); err != nil {
			return err
		}
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
		err = writeDyadPanel(ctx, out, p, cov, panel.DyadOptions{From: *from, To: *to, Directed: *directed}, bar.Add)
	case "states":
		err = writeStatePanel(ctx, out, p, cov, *from, *to, bar.Add)
	default:
		err = writeAlliancePanel(ctx, out, p, *from, *to, bar.Add)
	}
	bar.Finish()
	return out.close(err)
}

func writeDyadPanel(ctx context.Context, out *rowOutput, p *panel.Panel, cov *panel.Covariates, opt panel.DyadOptions, step func(int) error) error {
	w := panel.NewDyadWriterWith(out, cov)
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

func writeStatePanel(ctx context.Context, out *rowOutput, p *panel.Panel, cov *panel.Covariates, from, to int, step func(int) error) error {
	header := panel.StateHeader()
	if cov != nil {
		header = append(header, cov.Header()...)
	}
	if _, err := out.Write([]byte(strings.Join(header, ",") + "\n")); err != nil {
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
		if cov != nil {
			buf = append(cov.AppendState(buf[:len(buf)-1], s.Year, s.CCode), '\n')
		}
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

// covariateHelp lists the covariate families with their documentation.
func covariateHelp(states bool) string {
	fams, docs := panel.DyadCovariates, panel.DyadCovariateDocs
	if states {
		fams, docs = panel.StateCovariates, panel.StateCovariateDocs
	}
	var b strings.Builder
	for _, f := range fams {
		b.WriteString("  " + string(f) + ": " + docs[f] + "\n")
	}
	return b.String()
}

// The peacesciencer files, relative to --data.
var covariateFile = map[string]string{
	"contdir": "peacesciencer/cow_contdir.csv", "mindist": "peacesciencer/cow_mindist.csv",
	"capitals": "peacesciencer/cow_capitals.csv", "tss": "peacesciencer/tss_rivalries.csv",
	"mids": "peacesciencer/cow_mid_ddydisps.csv", "wars": "peacesciencer/cow_war_inter.csv",
	"democracy": "peacesciencer/ccode_democracy.csv", "igos": "peacesciencer/cow_igo_ndy.csv",
	"creg": "peacesciencer/creg.csv",
}

// covariateFiles lists the files the families read.
func covariateFiles(fams []panel.Covariate) []string {
	var files []string
	for _, f := range fams {
		switch f {
		case panel.Contiguity:
			files = append(files, covariateFile["contdir"])
		case panel.Distance:
			files = append(files, covariateFile["mindist"], covariateFile["capitals"])
		case panel.Rivalry:
			files = append(files, covariateFile["tss"])
		case panel.MIDs:
			files = append(files, covariateFile["mids"])
		case panel.Wars:
			files = append(files, covariateFile["wars"])
		case panel.Democracy:
			files = append(files, covariateFile["democracy"])
		case panel.IGOs:
			files = append(files, covariateFile["igos"])
		case panel.CREG:
			files = append(files, covariateFile["creg"])
		}
	}
	return files
}

// loadCovariates reads the files of the families and indexes them.
func loadCovariates(d *dataVerbFlags, fams []panel.Covariate, states bool) (*panel.Covariates, error) {
	var src panel.CovariateSources
	var err error
	for _, f := range fams {
		switch f {
		case panel.Contiguity:
			src.Contiguity, err = peacesciencer.LoadContiguity(d.path(covariateFile["contdir"]))
		case panel.Distance:
			if src.MinDist, err = peacesciencer.LoadMinDist(d.path(covariateFile["mindist"])); err == nil {
				src.Capitals, err = peacesciencer.LoadCapitals(d.path(covariateFile["capitals"]))
			}
		case panel.Rivalry:
			src.Rivalries, err = peacesciencer.LoadTSS(d.path(covariateFile["tss"]))
		case panel.MIDs:
			src.MIDs, err = peacesciencer.LoadMIDs(d.path(covariateFile["mids"]))
		case panel.Wars:
			src.Wars, err = peacesciencer.LoadWars(d.path(covariateFile["wars"]))
		case panel.Democracy:
			src.Democracy, err = peacesciencer.LoadDemocracy(d.path(covariateFile["democracy"]))
		case panel.IGOs:
			src.IGOs, err = peacesciencer.LoadIGOs(d.path(covariateFile["igos"]))
		case panel.CREG:
			src.CREG, err = peacesciencer.LoadCREG(d.path(covariateFile["creg"]))
		}
		if err != nil {
			return nil, err
		}
	}
	return panel.NewCovariates(fams, states, src)
}
