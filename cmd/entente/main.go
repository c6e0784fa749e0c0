// Command entente runs Entente: the server with its JSON API, and verbs to
// record, inspect, verify, export and import pacts and to analyse alliances
// on real data from the command line.
//
// Run "entente help" for the verbs, "entente help VERB" or "entente VERB
// --help" for each, and "entente --version" for the build.
package main

import (
	"context"
	"embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/cmdline"
)

// cli is what every verb sees: its streams (package cmdline).
type cli = cmdline.Env

// verb is a row of the verb table, sub a subcommand's.
type (
	verb = cmdline.Verb
	sub  = cmdline.Sub
)

// Main is one run of the entente command, in the shape of wtf's
// cmd/wtfd: Run runs a verb, and Close releases what the verb opened (a
// store and the ledger over it, a server and its background work), the
// last opened first, so that nothing outlives what it uses.
type Main struct {
	cli
	closers []func() error
}

// NewMain returns a Main on the process's standard streams.
func NewMain() *Main {
	return &Main{cli: cli{Stdout: os.Stdout, Stderr: os.Stderr, Stdin: os.Stdin}}
}

// Run runs the verb that args name and returns the exit code: 0, 2 for
// bad usage, or the code of the error (exitCodes).
func (m *Main) Run(ctx context.Context, args []string) int {
	return m.program().Main(ctx, &m.cli, args)
}

// Close releases what the verb opened, the last opened first.
func (m *Main) Close() error {
	var errs []error
	for i := len(m.closers) - 1; i >= 0; i-- {
		errs = append(errs, m.closers[i]())
	}
	m.closers = nil
	return errors.Join(errs...)
}

// onClose has Close call f.
func (m *Main) onClose(f func() error) { m.closers = append(m.closers, f) }

// program is the entente command as cmdline runs it: its verb table,
// global help and exit codes, with the verbs that open stores run on m.
func (m *Main) program() cmdline.Program {
	return cmdline.Program{Name: "entente", Verbs: m.verbs, Usage: usage, Version: runVersion, Describe: describe, ExitCode: exitCode}
}

// program is the verb table and help of a Main that is never closed, for
// the verbs' flag sets, subcommands and help (set in init: the verbs refer
// to it). Run verbs through a Main of their own (Main.Run), whose Close
// releases what they open.
var program cmdline.Program

func init() { program = new(Main).program() }

// verbs is the verb table of program.
func verbs() []verb { return program.Verbs() }

// verbs is the one table of Entente's verbs, in the order "entente help"
// lists them.
func (m *Main) verbs() []verb {
	return []verb{
		{Name: "serve", Summary: "run the HTTP API server (with --demo, on the demo workspace)", Run: m.runServe},
		{Name: "key", Summary: "make, enrol and revoke delegate keys, or make a read token", Run: m.runKey, Subs: []sub{
			{Name: "new", Summary: "make a delegate's ed25519 key for an actor and write it to --out"},
			{Name: "token", Summary: "print a read token for an Authorization header, signed by your delegate key (--key)"},
			{Name: "enrol", Summary: "enrol a further delegate key for your actor, signed by one of its keys (--key) and the new one (--new)"},
			{Name: "revoke", Summary: "revoke one of your actor's delegate keys (--key, --revoke KEY)"}}},
		{Name: "invite", Summary: "invite an actor's first delegate (on the machine that holds the store)", Run: m.runInvite},
		{Name: "actor", Summary: "register, update and list actors", Run: m.runActor, Subs: []sub{
			{Name: "register", Summary: "record an actor with its first delegate key, redeeming an invitation (--key, --token, --id, --name, --kind, --capabilities)"},
			{Name: "update", Summary: "change an actor's record, signed by its delegate (--key)"},
			{Name: "add", Summary: "record an actor without keys as the operator's record"},
			{Name: "list", Summary: "list every actor"},
			{Name: "show", Summary: "print one actor: ID"}}},
		{Name: "pact", Summary: "found, list and show pacts", Run: m.runPact, Subs: []sub{
			{Name: "found", Summary: `found a pact from a JSON file {"pact": {...}, "founders": [...]} (--file, --key)`},
			{Name: "list", Summary: "list every pact"},
			{Name: "show", Summary: "print a pact's members, commitments, proposals, disputes and structure"}}},
		{Name: "join", Summary: "ask to join a pact", Run: m.actionVerb("join")},
		{Name: "notice", Summary: "give notice to leave a pact", Run: m.actionVerb("notice")},
		{Name: "pledge", Summary: "commit an amount of a resource by a due date", Run: m.actionVerb("pledge")},
		{Name: "contribute", Summary: "record a contribution", Run: m.actionVerb("contribute")},
		{Name: "objective", Summary: "set objectives and report progress", Args: "PACT ... --key FILE [flags]", Run: m.actionVerb("objective"), Subs: []sub{
			{Name: "set", Summary: "set a SMART objective (--metric, --target, --deadline)"},
			{Name: "progress", Summary: "report progress on an objective: PACT OBJECTIVE --value V"}}},
		{Name: "propose", Summary: "put a proposal to a pact's members", Run: m.actionVerb("propose")},
		{Name: "vote", Summary: "vote on a proposal", Run: m.actionVerb("vote")},
		{Name: "comment", Summary: "comment on a proposal or a dispute", Run: m.actionVerb("comment")},
		{Name: "bargain", Summary: "open a bargaining over how to split a total among members", Run: m.actionVerb("bargain")},
		{Name: "reserve", Summary: "state your reservation value in a bargaining, privately", Run: m.actionVerb("reserve")},
		{Name: "dispute", Summary: "raise, escalate, appoint a neutral for and resolve disputes", Args: "PACT ... --key FILE [flags]", Run: m.actionVerb("dispute"), Subs: []sub{
			{Name: "open", Summary: "raise a dispute (--against MEMBER, --subject TEXT)"},
			{Name: "escalate", Summary: "take a dispute one stage up: PACT DISPUTE"},
			{Name: "appoint", Summary: "name a dispute's mediator or arbiter: PACT DISPUTE --role R --actor A"},
			{Name: "resolve", Summary: "close a dispute with its outcome: PACT DISPUTE --outcome TEXT"}}},
		{Name: "webhook", Summary: "post a pact's entries to a URL of yours, signed (on a running server)", Args: "PACT ... --server URL --key FILE [flags]", Run: runWebhook, Subs: []sub{
			{Name: "add", Summary: "register a URL for the pact's entries (--url); prints the signing secret once"},
			{Name: "list", Summary: "list your webhooks on the pact and how their deliveries fare"},
			{Name: "remove", Summary: "remove one of your webhooks: PACT ID"}}},
		{Name: "sign", Summary: "co-sign a signed request file with your delegate key", Run: runSign},
		{Name: "submit", Summary: "submit a signed request file to the store or a server", Run: m.runSubmit},
		{Name: "tick", Summary: "record what time has brought about (deadlines, notices)", Run: m.runTick},
		{Name: "log", Summary: "show a log's entries, tree head and proofs", Run: m.runLog},
		{Name: "verify", Summary: "check every log in a store against its signed tree heads (or monitor a server)", Run: runVerify},
		{Name: "export", Summary: "write every log as JSON lines", Run: runExport},
		{Name: "import", Summary: "replay an export into a new store and verify it", Run: runImport},
		{Name: "migrate", Summary: "copy a store between SQLite and PostgreSQL, verified, all or nothing", Run: runMigrate},
		{Name: "health", Summary: "a pact's health score, trust, burden-sharing and early warnings", Run: m.runHealth},
		{Name: "split", Summary: "split a pact's benefit fairly: proportional, Shapley value, nucleolus", Run: m.runSplit},
		{Name: "power", Summary: "voting power of each member under a decision rule", Run: m.runPower},
		{Name: "partner", Summary: "suggest partners for a pact; validate partner ranking on history", Run: m.runPartner, Subs: []sub{
			{Name: "suggest", Summary: "rank the registered actors who are not members as partners for a pact: PACT --objective METRIC=TARGET[,...] [--weights PART=W,...]"},
			{Name: "validate", Summary: "test partner ranking on history: rank candidate allies for every state 1950-2013 and score the ranking against the ATOP defense and offense pledges signed in the next five years (--data DIR)"}}},
		{Name: "world", Summary: "load the real world (COW states, ATOP alliances) into a store as actors and pacts", Args: "--db NEW.db [--data DIR]", Run: runWorld, Subs: []sub{
			{Name: "import", Summary: "write every COW state as an actor (with its latest NMC capabilities) and every ATOP 5.1 alliance as a pact whose log holds its founding, each member's entry and exit, and its end"}}},
		{Name: "network", Summary: "alliance network measures for a year (per state) or a span of years (summaries)", Run: runNetwork},
		{Name: "similarity", Summary: "foreign-policy similarity per dyad-year: alliance portfolios (S, kappa, pi, tau-b) or UN votes", Args: "[--from Y] [--to Y] [flags]", Run: runSimilarity, Subs: []sub{
			{Name: "portfolio", Summary: "alliance-portfolio similarity of every dyad-year (ATOP 5.1, 1816-2018): Signorino-Ritter S (unweighted and CINC-weighted), Cohen's kappa and Scott's pi (Häge 2011), Kendall's tau-b"},
			{Name: "votes", Summary: "UN General Assembly vote similarity of every dyad-year (1946-2020), or with --by session of every dyad-session (sessions 1-74, contested roll calls only, as the ideal points group them): agreement, half-credit agreement, S, kappa, pi, tau-b; --important for important votes, --issue for one issue"}}},
		{Name: "panel", Summary: "build state-year, dyad-year and alliance-year panels from COW, NMC and ATOP", Args: "[--from 1816] [--to 2016] [flags]", Run: runPanel, Subs: []sub{
			{Name: "states", Summary: "one row per COW state-year: capabilities, major-power status, ATOP alliances and obligations"},
			{Name: "dyads", Summary: "one row per dyad-year (--directed: per ordered pair): ATOP obligations each way, both states' capabilities, the CINC ratio"},
			{Name: "alliances", Summary: "one row per ATOP alliance-year: members, capability shares, strongest-to-weakest ratio, Herfindahl index, symmetric/asymmetric"}}},
		{Name: "landscape", Summary: "two-bloc alignments of minimal frustration (Axelrod-Bennett)", Run: runLandscape},
		{Name: "report", Summary: "analytical reports on the real data: hub-and-spoke (UN votes of allies), burden, warnings", Run: runReport, Subs: []sub{
			{Name: "hub-and-spoke", Summary: "UN-vote agreement with the US and the USSR/Russia of their ATOP defense allies versus all other states, 1946-2020, split by asymmetric versus symmetric alliances: rows, chart and a decade summary"},
			{Name: "burden", Summary: "NATO (or any ATOP alliance) burden-sharing by year: Olson–Zeckhauser ρ, exploitation indices, rows and chart"},
			{Name: "warnings", Summary: "early warning on ATOP: health components per alliance-year and how well they predict an alliance ending within five years (AUC vs age)"}}},
		{Name: "findings", Summary: "tests on the real data: seed 003's claim, alliance reliability and deterrence beside the published findings", Run: runFindings, Subs: []sub{
			{Name: "claim", Summary: "seed 003's claim as a regression: agreement with the hub on the General Assembly votes where it stood in the minority, on alliance, continuous asymmetry and their interaction, with controls and errors clustered by state; table and chart"},
			{Name: "reliability", Summary: "how often alliance commitments were honoured when invoked (ATOP and COW wars, and MIDs), beside Leeds, Long and Mitchell (2000) and Berkemeier and Fuhrmann (2018)"},
			{Name: "deterrence", Summary: "alliances and MID initiation (Leeds 2003; Johnson and Leeds 2011): a directed dyad-year logit with errors clustered by dyad"}}},
		{Name: "sim", Summary: "simulate alliances forming, holding and breaking, from a year of real data (also: sim merge, sim chart, sim validate)", Subs: []sub{{Name: "merge", Summary: ""}, {Name: "chart", Summary: ""}, {Name: "validate", Summary: ""}}, Run: m.runSim},
		{Name: "version", Summary: "print the build: module version, VCS revision and time, Go version", Run: runVersion},
		{Name: "help", Summary: "print this help, or a verb's: entente help VERB [SUBCOMMAND]", Run: func(ctx context.Context, env *cli, args []string) error { return m.program().Help(ctx, env, args) }},
	}
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

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	m := NewMain()
	code := m.Run(ctx, os.Args[1:])
	if err := m.Close(); err != nil { // reported even after a failure
		if c := program.Exit(&m.cli, err); code == 0 {
			code = c
		}
	}
	stop()
	os.Exit(code)
}

// exitCode is the exit code of an error that is not bad usage.
func exitCode(err error) int { return exitCodeOf(entente.ErrorCode(err)) }

// describe renders an error for a person: the first *entente.Error in its
// chain ("code: field: message"), or else the error as it is.
func describe(err error) string {
	var e *entente.Error
	if errors.As(err, &e) {
		return e.Error()
	}
	return err.Error()
}

// usagef returns bad usage: exit code 2.
func usagef(format string, args ...any) error { return cmdline.Usagef(format, args...) }

// usage prints the global help (help/entente.txt) with the verbs and the
// exit codes from their tables.
func usage(w io.Writer) {
	var verbList, exits strings.Builder
	for _, v := range verbs() {
		fmt.Fprintf(&verbList, "  %-11s %s\n", v.Name, v.Summary)
	}
	for _, e := range exitCodes {
		fmt.Fprintf(&exits, "  %2d  %-11s %s\n", e.exit, e.code, e.what)
	}
	_, text := helpText("entente", "{{verbs}}", verbList.String(), "{{exit codes}}", exits.String())
	fmt.Fprint(w, text)
}

// runVersion prints the build information the Go toolchain records in the
// binary (cmdline.BuildInfo).
func runVersion(ctx context.Context, env *cli, args []string) error {
	fs := newFlags(env, "version")
	if err := cmdline.Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("version: unexpected argument %q", fs.Arg(0))
	}
	bi, ok := debug.ReadBuildInfo()
	fmt.Fprint(env.Stdout, cmdline.BuildInfo("entente", bi, ok))
	return nil
}

//go:embed help
var helpFiles embed.FS

// newFlags makes a verb's flag set with its usage line and description
// from help/NAME.txt (see helpText); subst are {{placeholder}}, text
// pairs filled into the description.
func newFlags(env *cli, name string, subst ...string) *flag.FlagSet {
	args, description := helpText(name, subst...)
	return program.NewFlags(env, name, args, description)
}

// helpText reads a verb's help from help/NAME.txt, NAME with spaces as
// dashes, or else from its verb's file (the subcommands of similarity and
// panel share one): the first line is the usage line's arguments, the
// rest the description, with the subst pairs replaced. Every verb has one
// (TestHelpOnEveryVerb).
func helpText(name string, subst ...string) (args, description string) {
	b, err := helpFiles.ReadFile("help/" + strings.ReplaceAll(name, " ", "-") + ".txt")
	if err != nil {
		verb, _, _ := strings.Cut(name, " ")
		if b, err = helpFiles.ReadFile("help/" + verb + ".txt"); err != nil {
			panic("entente: no help for " + name)
		}
	}
	args, description, _ = strings.Cut(string(b), "\n")
	return args, strings.NewReplacer(subst...).Replace(description)
}
