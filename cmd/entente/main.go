// Command entente runs Entente: the server with its JSON API, and verbs to
// record, inspect, verify, export and import pacts from the command line.
//
// Run "entente help" for the verbs and "entente VERB --help" for each.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/entente/entente"
)

// verb is one subcommand.
type verb struct {
	name    string
	summary string
	run     func(ctx context.Context, env *cli, args []string) error
}

// cli is what every verb sees: its streams and the clock.
type cli struct {
	stdout, stderr io.Writer
	stdin          io.Reader
}

func verbs() []verb {
	v := []verb{
		{"serve", "run the HTTP API server (with --demo, on the demo workspace)", runServe},
		{"actor", "register and list actors", runActor},
		{"pact", "found, list and show pacts", runPact},
		{"join", "ask to join a pact", runJoin},
		{"notice", "give notice to leave a pact", runNotice},
		{"pledge", "commit an amount of a resource by a due date", runPledge},
		{"contribute", "record a contribution", runContribute},
		{"objective", "set objectives and report progress", runObjective},
		{"propose", "put a proposal to a pact's members", runPropose},
		{"vote", "vote on a proposal", runVote},
		{"dispute", "raise, escalate and resolve disputes", runDispute},
		{"tick", "record what time has brought about (deadlines, notices)", runTick},
		{"log", "show a log's entries, tree head and proofs", runLog},
		{"verify", "check every log in a store against its signed tree heads", runVerify},
		{"export", "write every log as JSON lines", runExport},
		{"import", "replay an export into a new store and verify it", runImport},
	}
	return append(v, registered...)
}

// registered holds verbs that other files of this command add with
// register, so that each family of verbs (power, reports, ...) lives in its
// own file.
var registered []verb

// register adds a verb; call it from an init function.
func register(v verb) { registered = append(registered, v) }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	env := &cli{stdout: os.Stdout, stderr: os.Stderr, stdin: os.Stdin}
	os.Exit(env.main(ctx, os.Args[1:]))
}

// main runs one verb and returns the exit code: 0 for success, 1 for a
// failure, 2 for bad usage.
func (env *cli) main(ctx context.Context, args []string) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		env.usage(env.stdout)
		return 0
	}
	for _, v := range verbs() {
		if v.name != args[0] {
			continue
		}
		if help, ok := subcommandHelp[v.name]; ok && (len(args) == 1 || isHelp(args[1])) {
			if len(args) == 1 {
				fmt.Fprint(env.stderr, help)
				return 2
			}
			fmt.Fprint(env.stdout, help)
			return 0
		}
		return env.exitCode(v.run(ctx, env, args[1:]))
	}
	fmt.Fprintf(env.stderr, "entente: unknown verb %q\n\n", args[0])
	env.usage(env.stderr)
	return 2
}

func (env *cli) exitCode(err error) int {
	var u usageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &u):
		fmt.Fprintf(env.stderr, "entente: %v\n", err)
		return 2
	}
	fmt.Fprintf(env.stderr, "entente: %s\n", describe(err))
	return 1
}

// describe renders an error for a person: the message of an *entente.Error
// with its field, anything else as it is.
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
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

func (env *cli) usage(w io.Writer) {
	fmt.Fprint(w, `Entente forms, runs and analyses alliances and coalitions.

Usage: entente VERB [flags] [args]

Verbs:
`)
	for _, v := range verbs() {
		fmt.Fprintf(w, "  %-11s %s\n", v.name, v.summary)
	}
	fmt.Fprint(w, `
Every verb takes --db (default ./entente.db) and --help. Output is a table;
--json gives JSON. Start with:

  entente serve --demo         # the API on localhost:8080 with the demo workspace
  entente pact list            # then, in another terminal
`)
}

// newFlags makes a flag set for a verb with a usage line and description.
func newFlags(env *cli, name, args, description string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	fs.Usage = func() {
		fmt.Fprintf(env.stderr, "Usage: entente %s %s\n\n%s\n\nFlags:\n", name, args, strings.TrimSpace(description))
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags, turning flag errors into usage errors.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	return nil
}

func isHelp(arg string) bool {
	return arg == "-h" || arg == "-help" || arg == "--help" || arg == "help"
}

// subcommandHelp is the usage of the verbs that take a subcommand; each
// subcommand has its own --help too.
var subcommandHelp = map[string]string{
	"actor": `Usage: entente actor add|list|show [flags]

  add    register an actor, or a new version of one (--id, --name, --kind, --cap name=amount)
  list   list every actor
  show   print one actor

Run "entente actor add --help" for the flags.
`,
	"pact": `Usage: entente pact found|list|show [flags]

  found  found a pact from a JSON file {"pact": {...}, "founders": [...]} (--file, --by)
  list   list every pact
  show   print a pact's members, commitments, proposals, disputes and structure

Run "entente pact found --help" for the flags.
`,
	"objective": `Usage: entente objective set|progress PACT ... --by MEMBER [flags]

  set       set a SMART objective (--metric, --target, --deadline)
  progress  report progress on an objective: PACT OBJECTIVE --value V

Run "entente objective set --help" for the flags.
`,
	"dispute": `Usage: entente dispute open|escalate|resolve PACT ... --by MEMBER [flags]

  open      raise a dispute (--against MEMBER, --subject TEXT)
  escalate  take a dispute one stage up: PACT DISPUTE
  resolve   close a dispute with its outcome: PACT DISPUTE --outcome TEXT

Run "entente dispute open --help" for the flags.
`,
}
