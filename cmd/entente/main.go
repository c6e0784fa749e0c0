// Command entente runs Entente: the server with its JSON API, and verbs to
// record, inspect, verify, export and import pacts and to analyse alliances
// on real data from the command line.
//
// Run "entente help" for the verbs, "entente help VERB" or "entente VERB
// --help" for each, and "entente --version" for the build.
package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/output"
)

// verb is one row of the verb table: its name, a one-line summary, and,
// for a verb that takes a subcommand, the subcommands with a line each,
// from which "entente help VERB" prints the overview. A verb's flags and
// their help live with its code (run), in the file of its family.
type verb struct {
	name    string
	summary string
	subs    []sub  // the subcommands, if the verb takes one
	args    string // what follows the subcommand in the overview's usage line
	run     func(ctx context.Context, env *cli, args []string) error
}

// sub is a subcommand and its line in the verb's overview; a verb whose
// subcommands have no line (sim) runs without one.
type sub struct{ name, summary string }

// verbs is the one table of Entente's verbs, in the order "entente help"
// lists them.
func verbs() []verb {
	return []verb{
		{name: "serve", summary: "run the HTTP API server (with --demo, on the demo workspace)", run: runServe},
		{name: "key", summary: "make a delegate key (entente key new --actor ID --out FILE), or a read token", run: runKey, subs: []sub{
			{"new", "make a delegate's ed25519 key for an actor and write it to --out"},
			{"token", "print a read token for an Authorization header, signed by your delegate key (--key)"}}},
		{name: "invite", summary: "invite an actor's first delegate (on the machine that holds the store)", run: runInvite},
		{name: "actor", summary: "register, update and list actors", run: runActor, subs: []sub{
			{"register", "record an actor with its first delegate key, redeeming an invitation (--key, --token, --id, --name, --kind, --capabilities)"},
			{"update", "change an actor's record, signed by its delegate (--key)"},
			{"add", "record an actor without keys as the operator's record"},
			{"list", "list every actor"},
			{"show", "print one actor: ID"}}},
		{name: "pact", summary: "found, list and show pacts", run: runPact, subs: []sub{
			{"found", `found a pact from a JSON file {"pact": {...}, "founders": [...]} (--file, --key)`},
			{"list", "list every pact"},
			{"show", "print a pact's members, commitments, proposals, disputes and structure"}}},
		{name: "join", summary: "ask to join a pact", run: actionVerb("join")},
		{name: "notice", summary: "give notice to leave a pact", run: actionVerb("notice")},
		{name: "pledge", summary: "commit an amount of a resource by a due date", run: actionVerb("pledge")},
		{name: "contribute", summary: "record a contribution", run: actionVerb("contribute")},
		{name: "objective", summary: "set objectives and report progress", args: "PACT ... --key FILE [flags]", run: actionVerb("objective"), subs: []sub{
			{"set", "set a SMART objective (--metric, --target, --deadline)"},
			{"progress", "report progress on an objective: PACT OBJECTIVE --value V"}}},
		{name: "propose", summary: "put a proposal to a pact's members", run: actionVerb("propose")},
		{name: "vote", summary: "vote on a proposal", run: actionVerb("vote")},
		{name: "comment", summary: "comment on a proposal or a dispute", run: actionVerb("comment")},
		{name: "bargain", summary: "open a bargaining over how to split a total among members", run: actionVerb("bargain")},
		{name: "reserve", summary: "state your reservation value in a bargaining, privately", run: actionVerb("reserve")},
		{name: "dispute", summary: "raise, escalate, appoint a neutral for and resolve disputes", args: "PACT ... --key FILE [flags]", run: actionVerb("dispute"), subs: []sub{
			{"open", "raise a dispute (--against MEMBER, --subject TEXT)"},
			{"escalate", "take a dispute one stage up: PACT DISPUTE"},
			{"appoint", "name a dispute's mediator or arbiter: PACT DISPUTE --role R --actor A"},
			{"resolve", "close a dispute with its outcome: PACT DISPUTE --outcome TEXT"}}},
		{name: "webhook", summary: "post a pact's entries to a URL of yours, signed (on a running server)", args: "PACT ... --server URL --key FILE [flags]", run: runWebhook, subs: []sub{
			{"add", "register a URL for the pact's entries (--url); prints the signing secret once"},
			{"list", "list your webhooks on the pact and how their deliveries fare"},
			{"remove", "remove one of your webhooks: PACT ID"}}},
		{name: "sign", summary: "co-sign a signed request file with your delegate key", run: runSign},
		{name: "submit", summary: "submit a signed request file to the store or a server", run: runSubmit},
		{name: "tick", summary: "record what time has brought about (deadlines, notices)", run: runTick},
		{name: "log", summary: "show a log's entries, tree head and proofs", run: runLog},
		{name: "verify", summary: "check every log in a store against its signed tree heads (or monitor a server)", run: runVerify},
		{name: "export", summary: "write every log as JSON lines", run: runExport},
		{name: "import", summary: "replay an export into a new store and verify it", run: runImport},
		{name: "migrate", summary: "copy a store between SQLite and PostgreSQL, verified, all or nothing", run: runMigrate},
		{name: "health", summary: "a pact's health score, trust, burden-sharing and early warnings", run: runHealth},
		{name: "split", summary: "split a pact's benefit fairly: proportional, Shapley value, nucleolus", run: runSplit},
		{name: "power", summary: "voting power of each member under a decision rule", run: runPower},
		{name: "partner", summary: "suggest partners for a pact; validate partner ranking on history", run: runPartner, subs: []sub{
			{"suggest", "rank the registered actors who are not members as partners for a pact: PACT --objective METRIC=TARGET[,...] [--weights PART=W,...]"},
			{"validate", "test partner ranking on history: rank candidate allies for every state 1950-2013 and score the ranking against the ATOP defense and offense pledges signed in the next five years (--data DIR)"}}},
		{name: "world", summary: "load the real world (COW states, ATOP alliances) into a store as actors and pacts", args: "--db NEW.db [--data DIR]", run: runWorld, subs: []sub{
			{"import", "write every COW state as an actor (with its latest NMC capabilities) and every ATOP 5.1 alliance as a pact whose log holds its founding, each member's entry and exit, and its end"}}},
		{name: "network", summary: "alliance network measures for a year (per state) or a span of years (summaries)", run: runNetwork},
		{name: "similarity", summary: "foreign-policy similarity per dyad-year: alliance portfolios (S, kappa, pi, tau-b) or UN votes", args: "[--from Y] [--to Y] [flags]", run: runSimilarity, subs: []sub{
			{"portfolio", "alliance-portfolio similarity of every dyad-year (ATOP 5.1, 1816-2018): Signorino-Ritter S (unweighted and CINC-weighted), Cohen's kappa and Scott's pi (Häge 2011), Kendall's tau-b"},
			{"votes", "UN General Assembly vote similarity of every dyad-year (1946-2020), or with --by session of every dyad-session (sessions 1-74, contested roll calls only, as in Voeten's agreement scores): agreement, half-credit agreement, S, kappa, pi, tau-b; --important for important votes, --issue for one issue"}}},
		{name: "panel", summary: "build state-year, dyad-year and alliance-year panels from COW, NMC and ATOP", args: "[--from 1816] [--to 2016] [flags]", run: runPanel, subs: []sub{
			{"states", "one row per COW state-year: capabilities, major-power status, ATOP alliances and obligations"},
			{"dyads", "one row per dyad-year (--directed: per ordered pair): ATOP obligations each way, both states' capabilities, the CINC ratio"},
			{"alliances", "one row per ATOP alliance-year: members, capability shares, strongest-to-weakest ratio, Herfindahl index, symmetric/asymmetric"}}},
		{name: "landscape", summary: "two-bloc alignments of minimal frustration (Axelrod-Bennett)", run: runLandscape},
		{name: "report", summary: "analytical reports on the real data: hub-and-spoke (UN votes of allies), burden, warnings", run: runReport, subs: []sub{
			{"hub-and-spoke", "UN-vote agreement with the US and the USSR/Russia of their ATOP defense allies versus all other states, 1946-2020, split by asymmetric versus symmetric alliances: rows, chart and a decade summary"},
			{"burden", "NATO (or any ATOP alliance) burden-sharing by year: Olson–Zeckhauser ρ, exploitation indices, rows and chart"},
			{"warnings", "early warning on ATOP: health components per alliance-year and how well they predict an alliance ending within five years (AUC vs age)"}}},
		{name: "findings", summary: "tests on the real data: seed 003's claim, alliance reliability and deterrence beside the published findings", run: runFindings, subs: []sub{
			{"claim", "seed 003's claim as a regression: agreement with the hub on the General Assembly votes where it stood in the minority, on alliance, continuous asymmetry and their interaction, with controls and errors clustered by state; table and chart"},
			{"reliability", "how often alliance commitments were honoured when invoked (ATOP and COW wars, and MIDs), beside Leeds, Long and Mitchell (2000) and Berkemeier and Fuhrmann (2018)"},
			{"deterrence", "alliances and MID initiation (Leeds 2003; Johnson and Leeds 2011): a directed dyad-year logit with errors clustered by dyad"}}},
		{name: "sim", summary: "simulate alliances forming, holding and breaking, from a year of real data (also: sim merge, sim chart, sim validate)", subs: []sub{{"merge", ""}, {"chart", ""}, {"validate", ""}}, run: runSim},
		{name: "version", summary: "print the build: module version, VCS revision and time, Go version", run: runVersion},
		{name: "help", summary: "print this help, or a verb's: entente help VERB [SUBCOMMAND]", run: runHelp},
	}
}

// hasOverview reports whether the verb needs a subcommand, so that
// "entente help VERB" prints its overview.
func (v verb) hasOverview() bool { return len(v.subs) > 0 && v.subs[0].summary != "" }

// overview is what "entente help VERB" prints for a verb that needs a
// subcommand: the usage line, a wrapped line per subcommand, and where
// the flags are.
func (v verb) overview() string {
	names, width := make([]string, len(v.subs)), 0
	for i, s := range v.subs {
		names[i], width = s.name, max(width, len(s.name))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Usage: entente %s %s %s\n\n", v.name, strings.Join(names, "|"), cmp.Or(v.args, "[flags]"))
	for _, s := range v.subs {
		line := fmt.Sprintf("  %-*s  ", width, s.name)
		for _, word := range strings.Fields(s.summary) {
			if len(line)+1+len(word) > 78 && strings.TrimSpace(line) != s.name {
				b.WriteString(strings.TrimRight(line, " ") + "\n")
				line = strings.Repeat(" ", width+4)
			}
			line += word + " "
		}
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
	fmt.Fprintf(&b, "\nRun \"entente %s %s --help\" for the flags.\n", v.name, v.subs[0].name)
	return b.String()
}

// subcommand splits args into the subcommand, one of verb's in the verb
// table, and the rest; with none or another, it says which there are.
func subcommand(verb string, args []string) (string, []string, error) {
	v, _ := lookupVerb(verb)
	names := make([]string, len(v.subs))
	for i, s := range v.subs {
		names[i] = s.name
	}
	expected := strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
	switch {
	case len(args) == 0:
		return "", nil, usagef("%s: expected %s (see entente %s %s --help)", verb, expected, verb, names[0])
	case !slices.Contains(names, args[0]):
		return "", nil, usagef("%s: expected %s, got %q (see entente %s %s --help)", verb, expected, args[0], verb, names[0])
	}
	return args[0], args[1:], nil
}

// exitCodes is the one table of exit codes: one per error code of package
// entente (error.go), and 2 for bad usage. Any other failure (an error
// without a code) is internal: 1.
var exitCodes = []struct {
	code string
	exit int
	what string
}{
	{entente.EINTERNAL, 1, "a fault of ours, or a failure without a code (a file that cannot be read)"},
	{"usage", 2, "bad usage: an unknown verb or flag, a missing or malformed argument"},
	{entente.EINVALID, 3, "the input is malformed or breaks a rule of the pact"},
	{entente.ENOTFOUND, 4, "the pact, actor, proposal ... does not exist"},
	{entente.ECONFLICT, 5, "valid input that the current state refuses (a second vote, a decided proposal)"},
	{entente.EFORBIDDEN, 6, "the acting party may not do this"},
	{entente.ETOOLARGE, 7, "the request is larger than allowed"},
	{entente.ETOOMANY, 8, "too many requests: retry later"},
	{entente.EMETHOD, 9, "the resource exists but not under this method"},
	{entente.EUNAVAILABLE, 10, "the store or server is away for now: retry later"},
}

// exitCodeOf returns the exit code of an error code.
func exitCodeOf(code string) int {
	for _, e := range exitCodes {
		if e.code == code {
			return e.exit
		}
	}
	return 1
}

// cli is what every verb sees: its streams. helping is set when the
// arguments ask for help, so that usage goes to standard output.
type cli struct {
	stdout, stderr io.Writer
	stdin          io.Reader
	helping        bool
	flagSets       []verbFlags // every flag set made, for the CLI/API table
}

// verbFlags is a flag set with the arguments its usage line names.
type verbFlags struct {
	fs   *flag.FlagSet
	args string
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	env := &cli{stdout: os.Stdout, stderr: os.Stderr, stdin: os.Stdin}
	code := env.main(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}

// main runs one verb and returns its exit code (see exitCodes).
func (env *cli) main(ctx context.Context, args []string) int {
	switch {
	case len(args) == 0 || isHelpFlag(args[0]) || len(args) == 1 && args[0] == "help":
		env.usage(env.stdout)
		return 0
	case args[0] == "--version" || args[0] == "-version":
		return env.exitCode(runVersion(ctx, env, args[1:]))
	}
	v, ok := lookupVerb(args[0])
	if !ok {
		fmt.Fprintf(env.stderr, "entente: unknown verb %q\n\n", args[0])
		env.usage(env.stderr)
		return 2
	}
	if v.hasOverview() && (len(args) == 1 || isHelp(args[1])) {
		if len(args) == 1 {
			fmt.Fprint(env.stderr, v.overview())
			return 2
		}
		fmt.Fprint(env.stdout, v.overview())
		return 0
	}
	env.helping = slices.ContainsFunc(args[1:], isHelpFlag)
	return env.exitCode(v.run(ctx, env, args[1:]))
}

// lookupVerb finds a verb of the table by name.
func lookupVerb(name string) (verb, bool) {
	i := slices.IndexFunc(verbs(), func(v verb) bool { return v.name == name })
	if i < 0 {
		return verb{}, false
	}
	return verbs()[i], true
}

// exitCode reports err on standard error and returns its exit code.
func (env *cli) exitCode(err error) int {
	var u usageError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &u):
		fmt.Fprintf(env.stderr, "entente: %v\n", err)
		return 2
	}
	fmt.Fprintf(env.stderr, "entente: %s\n", describe(err))
	return exitCodeOf(entente.ErrorCode(err))
}

// describe renders an error for a person: the message of an *entente.Error
// with its code and field, anything else as it is.
func describe(err error) string {
	var e *entente.Error
	if errors.As(err, &e) {
		msg := e.Message
		if e.Field != "" {
			msg = e.Field + ": " + msg
		}
		return e.Code + ": " + msg
	}
	return err.Error()
}

// usageError is bad usage: exit code 2.
type usageError = output.UsageError

func usagef(format string, args ...any) error { return usageError{Msg: fmt.Sprintf(format, args...)} }

// usage prints the global help: the verbs, the conventions and the exit
// codes, all from their tables.
func (env *cli) usage(w io.Writer) {
	fmt.Fprint(w, `Entente forms, runs and analyses alliances and coalitions.

Usage: entente VERB [flags] [args]
       entente help VERB [SUBCOMMAND]    a verb's help (also: entente VERB --help)
       entente --version

Verbs:
`)
	for _, v := range verbs() {
		fmt.Fprintf(w, "  %-11s %s\n", v.name, v.summary)
	}
	fmt.Fprint(w, `
The verbs on a store take --db (default ./entente.db, or a postgres:// URL)
and print a table, or JSON with --json. The analysis verbs read the data
folder of --data, $ENTENTE_DATA, ../shared/data or the user data folder,
and write with --out FILE in the format of its extension (.csv, .json, and
.svg or .png for charts) or of --format; "wrote N rows to FILE" goes to
standard error. Dates are 2027-01-01 or RFC 3339, as in the API; the CLI
also reads +30d (30 days from now) and sends it as RFC 3339.

Exit codes:
`)
	for _, e := range exitCodes {
		fmt.Fprintf(w, "  %2d  %-11s %s\n", e.exit, e.code, e.what)
	}
	fmt.Fprint(w, `
Start with:

  entente serve --demo         # the API on localhost:8080 with the demo workspace
  entente pact list            # then, in another terminal
`)
}

// runHelp is "entente help [VERB [SUBCOMMAND]]".
func runHelp(ctx context.Context, env *cli, args []string) error {
	if len(args) == 0 || isHelpFlag(args[0]) {
		if len(args) > 0 {
			fmt.Fprint(env.stdout, "Usage: entente help [VERB [SUBCOMMAND]]\n\n")
		}
		env.usage(env.stdout)
		return nil
	}
	v, ok := lookupVerb(args[0])
	if !ok {
		return usagef("help: unknown verb %q (see entente help)", args[0])
	}
	if v.hasOverview() && len(args) == 1 {
		fmt.Fprint(env.stdout, v.overview())
		return nil
	}
	env.helping = true
	return v.run(ctx, env, append(slices.Clone(args[1:]), "--help"))
}

// runVersion prints the build information the Go toolchain records in the
// binary: the module's version, the VCS revision and time (with
// "modified" when the tree had changes), and the Go version.
func runVersion(ctx context.Context, env *cli, args []string) error {
	fs := newFlags(env, "version", "", "Prints the build: the module's version, the VCS revision and time, the Go version.")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("version: unexpected argument %q", fs.Arg(0))
	}
	fmt.Fprint(env.stdout, buildInfo())
	return nil
}

// buildInfo describes the build from runtime/debug.ReadBuildInfo.
func buildInfo() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "entente: no build information in this binary\n"
	}
	var b strings.Builder
	version := bi.Main.Version
	if version == "" {
		version = "(devel)"
	}
	fmt.Fprintf(&b, "entente %s\nmodule   %s\n", version, bi.Main.Path)
	settings := map[string]string{}
	for _, s := range bi.Settings {
		settings[s.Key] = s.Value
	}
	if rev := settings["vcs.revision"]; rev != "" {
		if settings["vcs.modified"] == "true" {
			rev += " (modified)"
		}
		fmt.Fprintf(&b, "revision %s\n", rev)
	}
	if t := settings["vcs.time"]; t != "" {
		fmt.Fprintf(&b, "time     %s\n", t)
	}
	fmt.Fprintf(&b, "go       %s\n", bi.GoVersion)
	return b.String()
}

// newFlags makes a flag set for a verb with a usage line and description.
// Its usage goes to standard output when help was asked for.
func newFlags(env *cli, name, args, description string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	if env.helping {
		fs.SetOutput(env.stdout)
	}
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: entente %s %s\n\n%s\n\nFlags:\n", name, args, strings.TrimSpace(description))
		fs.PrintDefaults()
	}
	env.flagSets = append(env.flagSets, verbFlags{fs, args})
	return fs
}

// parse parses flags, turning flag errors into usage errors that name
// the flag.
func parse(fs *flag.FlagSet, args []string) error {
	err := fs.Parse(args)
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return err
	}
	if name, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: -"); ok {
		return usagef("--%s: not a flag of entente %s (see entente %s --help)", name, fs.Name(), fs.Name())
	}
	return usageError{Msg: err.Error()}
}

// isHelp reports whether arg asks for help, as a flag or a word.
func isHelp(arg string) bool { return isHelpFlag(arg) || arg == "help" }

// isHelpFlag reports whether arg is a help flag.
func isHelpFlag(arg string) bool { return arg == "-h" || arg == "-help" || arg == "--help" }
