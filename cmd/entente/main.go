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
// lists them, with what runs them; their summaries and subcommands come
// from help/verbs.tsv (cmdline.Summarize).
func (m *Main) verbs() []verb {
	return cmdline.Summarize([]verb{
		{Name: "serve", Run: m.runServe},
		{Name: "key", Run: m.runKey},
		{Name: "invite", Run: m.runInvite},
		{Name: "actor", Run: m.runActor},
		{Name: "pact", Run: m.runPact},
		{Name: "join", Run: m.actionVerb("join")},
		{Name: "notice", Run: m.actionVerb("notice")},
		{Name: "pledge", Run: m.actionVerb("pledge")},
		{Name: "contribute", Run: m.actionVerb("contribute")},
		{Name: "objective", Args: "PACT ... --key FILE [flags]", Run: m.actionVerb("objective")},
		{Name: "propose", Run: m.actionVerb("propose")},
		{Name: "vote", Run: m.actionVerb("vote")},
		{Name: "comment", Run: m.actionVerb("comment")},
		{Name: "bargain", Run: m.actionVerb("bargain")},
		{Name: "reserve", Run: m.actionVerb("reserve")},
		{Name: "dispute", Args: "PACT ... --key FILE [flags]", Run: m.actionVerb("dispute")},
		{Name: "webhook", Args: "PACT ... --server URL --key FILE [flags]", Run: runWebhook},
		{Name: "sign", Run: runSign},
		{Name: "submit", Run: m.runSubmit},
		{Name: "tick", Run: m.runTick},
		{Name: "log", Run: m.runLog},
		{Name: "verify", Run: runVerify},
		{Name: "export", Run: runExport},
		{Name: "import", Run: runImport},
		{Name: "migrate", Run: runMigrate},
		{Name: "health", Run: m.runHealth},
		{Name: "split", Run: m.runSplit},
		{Name: "power", Run: m.runPower},
		{Name: "partner", Run: m.runPartner},
		{Name: "world", Args: "--db NEW.db [--data DIR]", Run: runWorld},
		{Name: "network", Run: runNetwork},
		{Name: "similarity", Args: "[--from Y] [--to Y] [flags]", Run: runSimilarity},
		{Name: "panel", Args: "[--from 1816] [--to 2016] [flags]", Run: runPanel},
		{Name: "landscape", Run: runLandscape},
		{Name: "report", Run: runReport},
		{Name: "findings", Run: runFindings},
		{Name: "sim", Run: m.runSim},
		{Name: "version", Run: runVersion},
		{Name: "help", Run: func(ctx context.Context, env *cli, args []string) error { return m.program().Help(ctx, env, args) }},
	}, verbSummaries)
}

//go:embed help/verbs.tsv
var verbSummaries string

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
