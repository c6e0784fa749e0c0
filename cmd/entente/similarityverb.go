package main

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/entente/entente/dataset/unvotes"
	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/internal/datadir"
	"github.com/entente/entente/panel"
)

func runSimilarity(ctx context.Context, env *cli, args []string) error {
	if len(args) == 0 || (args[0] != "portfolio" && args[0] != "votes") {
		return usagef("similarity: expected portfolio or votes (see entente similarity --help)")
	}
	sub, args := args[0], args[1:]
	span := map[string][2]int{"portfolio": datadir.ATOPYears, "votes": datadir.VoteYears}[sub]
	fs := newFlags(env, "similarity "+sub)
	var d dataVerbFlags
	d.register(fs, "write to this `file` (- for standard output)")
	from := fs.Int("from", span[0], "first `year`")
	to := fs.Int("to", span[1], "last `year`")
	var ties, issue, by *string
	var important, contested *bool
	if sub == "portfolio" {
		ties = fs.String("ties", "own", "`own` (row A holds A's obligations) or either")
	} else {
		important = fs.Bool("important", false, "only important votes")
		issue = fs.String("issue", "", "only roll calls on this `issue` (me, nu, di, hr, co, ec)")
		by = fs.String("by", "year", "group roll calls by `year` or session (General Assembly session; --from/--to are then sessions)")
		contested = fs.Bool("contested", false, "leave out roll calls on which every voting state voted alike (default on with --by session; Voeten's convention)")
	}
	if sub == "votes" && hasFlag(args, "by", "session") {
		fs.Lookup("from").DefValue, fs.Lookup("to").DefValue = "1", strconv.Itoa(datadir.VoteSessions[1])
		*from, *to = datadir.VoteSessions[0], datadir.VoteSessions[1]
	}
	pos, err := cmdline.ParseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if err := noPositional("similarity "+sub, pos); err != nil {
		return err
	}
	if sub == "portfolio" {
		if err := checkYearFlags(*from, *to, span, "the ATOP data"); err != nil {
			return err
		}
		if *ties != "own" && *ties != "either" {
			return usagef("--ties %q: expected own or either", *ties)
		}
		return runPortfolioSimilarity(ctx, env, &d, *from, *to, *ties == "either")
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	switch {
	case *by != "year" && *by != "session":
		return usagef("--by %q: expected year or session", *by)
	case *by == "session":
		if err := checkSessionFlags(*from, *to); err != nil {
			return err
		}
	default:
		if err := checkYearFlags(*from, *to, span, "the UN vote data"); err != nil {
			return err
		}
	}
	keep, err := panel.VoteFilter(*important, *issue)
	if err != nil {
		return usagef("--issue %q: %v", *issue, err)
	}
	onlyContested := *contested || (*by == "session" && !set["contested"])
	if onlyContested {
		keep = panel.Both(panel.Contested, keep)
	}
	return runVoteSimilarity(ctx, env, &d, *from, *to, *by == "session", onlyContested, keep)
}

// checkSessionFlags validates --from and --to as session numbers.
func checkSessionFlags(from, to int) error {
	for _, f := range []struct {
		name string
		v    int
	}{{"--from", from}, {"--to", to}} {
		if f.v < datadir.VoteSessions[0] || f.v > datadir.VoteSessions[1] {
			return usagef("%s %d: session out of range; with --by session, --from and --to are General Assembly sessions, %d-%d in the UN vote data",
				f.name, f.v, datadir.VoteSessions[0], datadir.VoteSessions[1])
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

// runVoteSimilarity writes the vote similarity of every dyad, by year or
// by session.
func runVoteSimilarity(ctx context.Context, env *cli, d *dataVerbFlags, from, to int, bySession, contested bool, keep func(*unvotes.RollCall) bool) error {
	if err := d.check(datadir.VoteFiles...); err != nil {
		return err
	}
	m, err := d.data().Votes(true)
	if err != nil {
		return err
	}
	what, header := "vote similarity", panel.VoteHeader()
	if bySession {
		what, header = "session vote similarity", panel.SessionVoteHeader()
	}
	return d.stream(ctx, env, what, header, from, to, func(u int, emit func([]byte) error) error {
		return panel.WriteVoteDyads(m, u, bySession, contested, keep, emit)
	})
}

func runPortfolioSimilarity(ctx context.Context, env *cli, d *dataVerbFlags, from, to int, either bool) error {
	if err := d.check(datadir.PanelFiles(6)...); err != nil {
		return err
	}
	src, err := d.data().PanelSources(6)
	if err != nil {
		return err
	}
	if to > datadir.SystemYears[1] {
		src.CarryTo = to
		fmt.Fprintf(env.Stderr, "note: the COW system data end in %d; %d-%d use the %d members, without CINC weights\n",
			datadir.SystemYears[1], max(from, datadir.SystemYears[1]+1), to, datadir.SystemYears[1])
	}
	p, err := panel.New(src)
	if err != nil {
		return err
	}
	ties := panel.OwnTies
	if either {
		ties = panel.EitherTies
	}
	return d.stream(ctx, env, "portfolio similarity", panel.PortfolioHeader(), from, to, func(y int, emit func([]byte) error) error {
		return p.WritePortfolioDyads(y, ties, emit)
	})
}
