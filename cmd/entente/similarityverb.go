package main

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/entente/entente/dataset/unvotes"
	"github.com/entente/entente/fpsim"
	"github.com/entente/entente/panel"
)

func init() {
	register(verb{"similarity", "foreign-policy similarity per dyad-year: alliance portfolios (S, kappa, pi, tau-b) or UN votes", runSimilarity})
	subcommandHelp["similarity"] = `Usage: entente similarity portfolio|votes [--from Y] [--to Y] [flags]

  portfolio  alliance-portfolio similarity of every dyad-year (ATOP 5.1,
             1816-2018): Signorino-Ritter S (unweighted and CINC-weighted),
             Cohen's kappa and Scott's pi (Häge 2011), Kendall's tau-b
  votes      UN General Assembly vote similarity of every dyad-year
             (1946-2020), or with --by session of every dyad-session
             (sessions 1-74, contested roll calls only, as in Voeten's
             agreement scores): agreement, half-credit agreement, S, kappa,
             pi, tau-b; --important for important votes, --issue for one issue

Run "entente similarity portfolio --help" for the flags and the columns.
`
}

const similarityDescription = `
portfolio: for each year, every pair of COW system members is compared on
their alliance portfolios: each state's tie to every state on the ATOP
ordinal scale (defense or offense 3, neutrality or non-aggression 2,
consultation 1, none 0; each state tied to itself at 3). --ties own (the
default) reads row A as A's own obligations toward each state, so ATOP's
one-sided pledges make portfolios asymmetric; --ties either uses the
obligations of either state. The COW system data end in 2016: for 2017
and 2018 the 2016 members are carried forward (noted on standard error)
and CINC weights are missing, so the weighted S is empty.
Columns: year, ccode1, ccode2, n, s_abs, s_sq, sw_abs, sw_sq, kappa_abs,
kappa_sq, pi_abs, pi_sq, tau_b.

votes: for each year, every pair of countries that voted in it is compared
on the roll calls both voted yes, no or abstain on (n). agree is the share
of those with the same vote; agree_half counts yes or no against abstain
as half; the table measures read yes < abstain < no. --important keeps the
roll calls on the US State Department's list (flagged 1983-2017); --issue
keeps one issue: me (Palestinian conflict), nu (nuclear), di (arms control),
hr (human rights), co (colonialism), ec (economic development).
Columns: year, ccode1, ccode2, n, agree, agree_half, s_abs, s_sq,
kappa_abs, kappa_sq, pi_abs, pi_sq, tau_b.

votes --by session groups the roll calls by General Assembly session
instead of calendar year, the field's convention (Voeten's agreement
scores; Bailey, Strezhnev and Voeten 2017, Journal of Conflict Resolution
61(2): 430-456). Sessions open in September and run into the next year
(21 of session 6's 25 roll calls fell in 1952), so yearly and session
figures differ. --from and --to are then session numbers (1-74). By
session, --contested is on by default: roll calls on which every state
that voted cast the same vote are left out, as Voeten's agreement scores
and ideal points leave them out (they say nothing about how states
differ); --contested=false keeps them. By year it is off unless given.
Columns: session, year (1945 + session, the year it opened), contested
(1 when only contested roll calls count), ccode1, ccode2, n, then the
measures as above. agree counts identical votes; agree_half counts yes
or no against abstain as half an agreement.

Undefined measures (no common roll call, no variation) are empty fields.`

func runSimilarity(ctx context.Context, env *cli, args []string) error {
	if len(args) == 0 || (args[0] != "portfolio" && args[0] != "votes") {
		return usagef("similarity: expected portfolio or votes (see entente similarity --help)")
	}
	sub, args := args[0], args[1:]
	span := map[string][2]int{"portfolio": dvSpanATOP, "votes": dvSpanVotes}[sub]
	fs := newFlags(env, "similarity "+sub, "[flags]", similarityDescription)
	var d dataVerbFlags
	d.register(fs, "write to this `file` (- for standard output)")
	from := fs.Int("from", span[0], "first `year`")
	to := fs.Int("to", span[1], "last `year`")
	ties := fs.String("ties", "own", "portfolio: `own` (row A holds A's obligations) or either")
	important := fs.Bool("important", false, "votes: only important votes")
	issue := fs.String("issue", "", "votes: only roll calls on this `issue` (me, nu, di, hr, co, ec)")
	by := fs.String("by", "year", "votes: group roll calls by `year` or session (General Assembly session; --from/--to are then sessions)")
	contested := fs.Bool("contested", false, "votes: leave out roll calls on which every voting state voted alike (default on with --by session; Voeten's convention)")
	if sub == "votes" && hasFlag(args, "by", "session") {
		fs.Lookup("from").DefValue, fs.Lookup("to").DefValue = "1", strconv.Itoa(dvSpanSessions[1])
		*from, *to = dvSpanSessions[0], dvSpanSessions[1]
	}
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if err := noPositional("similarity "+sub, pos); err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if *by != "year" && *by != "session" {
		return usagef("--by %q: expected year or session", *by)
	}
	if sub == "votes" && *by == "session" {
		if err := checkSessionFlags(*from, *to); err != nil {
			return err
		}
	} else {
		what := map[string]string{"portfolio": "the ATOP data", "votes": "the UN vote data"}[sub]
		if err := checkYearFlags(*from, *to, span, what); err != nil {
			return err
		}
	}
	if sub == "portfolio" {
		if *important || *issue != "" || set["by"] || set["contested"] {
			return usagef("--important, --issue, --by and --contested are for similarity votes")
		}
		if *ties != "own" && *ties != "either" {
			return usagef("--ties %q: expected own or either", *ties)
		}
		return runPortfolioSimilarity(ctx, env, &d, *from, *to, *ties == "either")
	}
	if fs.Lookup("ties").Value.String() != "own" {
		return usagef("--ties is for similarity portfolio")
	}
	keep, err := voteFilter(*important, *issue)
	if err != nil {
		return err
	}
	onlyContested := *contested || (*by == "session" && !set["contested"])
	if onlyContested {
		keep = panel.Both(panel.Contested, keep)
	}
	if *by == "session" {
		return runSessionSimilarity(ctx, env, &d, *from, *to, onlyContested, keep)
	}
	return runVoteSimilarity(ctx, env, &d, *from, *to, keep)
}

// dvSpanSessions are the General Assembly sessions of the unvotes data.
var dvSpanSessions = [2]int{1, 74}

// checkSessionFlags validates --from and --to as session numbers.
func checkSessionFlags(from, to int) error {
	for _, f := range []struct {
		name string
		v    int
	}{{"--from", from}, {"--to", to}} {
		if f.v < dvSpanSessions[0] || f.v > dvSpanSessions[1] {
			return usagef("%s %d: session out of range; with --by session, --from and --to are General Assembly sessions, %d-%d in the UN vote data",
				f.name, f.v, dvSpanSessions[0], dvSpanSessions[1])
		}
	}
	if from > to {
		return usagef("--from %d is after --to %d", from, to)
	}
	return nil
}

// hasFlag reports whether args set flag name to value (as --name value or
// --name=value), before the flags are parsed: --by session changes the
// defaults of --from and --to.
func hasFlag(args []string, name, value string) bool {
	for i, a := range args {
		a = strings.TrimLeft(a, "-")
		if a == name+"="+value || (a == name && i+1 < len(args) && args[i+1] == value) {
			return true
		}
	}
	return false
}

func runSessionSimilarity(ctx context.Context, env *cli, d *dataVerbFlags, from, to int, contested bool, keep func(*unvotes.RollCall) bool) error {
	if err := d.check(dvVotes, dvRollCalls, dvIssues); err != nil {
		return err
	}
	m, err := d.loadVotes()
	if err != nil {
		return err
	}
	out, err := openRowOutput(env, d.out, d.json)
	if err != nil {
		return err
	}
	bar := d.bar(env, to-from+1, "session vote similarity")
	err = writeSessionVotes(ctx, out, m, from, to, contested, keep, bar.Add)
	bar.Finish()
	return out.close(err)
}

func writeSessionVotes(ctx context.Context, out *rowOutput, m *unvotes.Matrix, from, to int, contested bool, keep func(*unvotes.RollCall) bool, step func(int) error) error {
	if _, err := out.Write([]byte(strings.Join(panel.SessionVoteHeader(), ",") + "\n")); err != nil {
		return err
	}
	var buf []byte
	for s := from; s <= to; s++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		vm, codes, err := panel.VoteSession(m, s, keep)
		if err != nil {
			return err
		}
		err = vm.Dyads(fpsim.Options{}, func(dy fpsim.VoteDyad) error {
			buf = panel.AppendSessionVote(buf[:0], s, contested, codes[dy.I], codes[dy.J], &dy.VoteScores)
			_, err := out.Write(buf)
			return err
		})
		if err != nil {
			return err
		}
		step(1)
	}
	return nil
}

// voteFilter builds the roll-call filter of --important and --issue.
func voteFilter(important bool, issue string) (func(*unvotes.RollCall) bool, error) {
	var keep func(*unvotes.RollCall) bool
	if important {
		keep = panel.Important
	}
	if issue != "" {
		i, ok := unvotes.IssueByShortName(strings.ToLower(issue))
		if !ok {
			return nil, usagef("--issue %q: expected me, nu, di, hr, co or ec", issue)
		}
		keep = panel.Both(keep, panel.OnIssue(i))
	}
	return keep, nil
}

func runPortfolioSimilarity(ctx context.Context, env *cli, d *dataVerbFlags, from, to int, either bool) error {
	if err := d.check(dvSystem, dvMajors, dvNMC6, dvMembers); err != nil {
		return err
	}
	src, err := d.loadPanelSources(6)
	if err != nil {
		return err
	}
	if to > dvSpanSystem[1] {
		src.CarryTo = to
		fmt.Fprintf(env.stderr, "note: the COW system data end in %d; %d-%d use the %d members, without CINC weights\n",
			dvSpanSystem[1], max(from, dvSpanSystem[1]+1), to, dvSpanSystem[1])
	}
	p, err := panel.New(src)
	if err != nil {
		return err
	}
	ties := panel.OwnTies
	if either {
		ties = panel.EitherTies
	}
	out, err := openRowOutput(env, d.out, d.json)
	if err != nil {
		return err
	}
	bar := d.bar(env, to-from+1, "portfolio similarity")
	err = writePortfolios(ctx, out, p, from, to, ties, bar.Add)
	bar.Finish()
	return out.close(err)
}

func writePortfolios(ctx context.Context, out *rowOutput, p *panel.Panel, from, to int, ties panel.Ties, step func(int) error) error {
	if _, err := out.Write([]byte(strings.Join(panel.PortfolioHeader(), ",") + "\n")); err != nil {
		return err
	}
	var buf []byte
	for y := from; y <= to; y++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		yr, _ := p.Year(y)
		py, err := yr.Portfolio(ties)
		if err != nil {
			return err
		}
		err = py.Dyads(fpsim.Options{}, func(dy fpsim.PortfolioDyad) error {
			buf = panel.AppendPortfolio(buf[:0], y, yr.States[dy.I], yr.States[dy.J], &dy.PortfolioScores)
			_, err := out.Write(buf)
			return err
		})
		if err != nil {
			return err
		}
		step(1)
	}
	return nil
}

func runVoteSimilarity(ctx context.Context, env *cli, d *dataVerbFlags, from, to int, keep func(*unvotes.RollCall) bool) error {
	if err := d.check(dvVotes, dvRollCalls, dvIssues); err != nil {
		return err
	}
	m, err := d.loadVotes()
	if err != nil {
		return err
	}
	out, err := openRowOutput(env, d.out, d.json)
	if err != nil {
		return err
	}
	bar := d.bar(env, to-from+1, "vote similarity")
	err = writeVotes(ctx, out, m, from, to, keep, bar.Add)
	bar.Finish()
	return out.close(err)
}

func writeVotes(ctx context.Context, out *rowOutput, m *unvotes.Matrix, from, to int, keep func(*unvotes.RollCall) bool, step func(int) error) error {
	if _, err := out.Write([]byte(strings.Join(panel.VoteHeader(), ",") + "\n")); err != nil {
		return err
	}
	var buf []byte
	for y := from; y <= to; y++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		vm, codes, err := panel.VoteYear(m, y, keep)
		if err != nil {
			return err
		}
		err = vm.Dyads(fpsim.Options{}, func(dy fpsim.VoteDyad) error {
			buf = panel.AppendVote(buf[:0], y, codes[dy.I], codes[dy.J], &dy.VoteScores)
			_, err := out.Write(buf)
			return err
		})
		if err != nil {
			return err
		}
		step(1)
	}
	return nil
}
