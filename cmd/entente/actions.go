package main

import (
	"context"
	"crypto/rand"
	"io"
	"reflect"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/backend"
	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/internal/commandflag"
)

// action is a verb that sends one command on a pact: "entente VERB PACT
// [ARGS] --key FILE [flags]". Its flags are the command's fields, named as
// the API's JSON names them and defaulting to the command's preset values
// (the API's defaults), so that the CLI and the API agree by construction
// (commandflag.Bind). Its help file (help/VERB.txt, actionNamed) holds the
// rest (commandflag.Help): the usage line, whose words after PACT name the
// fields given as arguments, the description, and a line "--FIELD help"
// for each other field's flag.
type action struct {
	name string
	cmd  entente.Command
	commandflag.Help
}

// actionNamed returns the action of the command the actions table names,
// with its arguments, description and flags' help from its help file.
func actionNamed(name string) action {
	return action{name, actions[name], commandflag.ParseHelp(helpText(name))}
}

func (m *Main) runAction(ctx context.Context, env *cli, a action, args []string) error {
	fs := program.NewFlags(env, a.name, a.Line, a.Description+`

The request is signed with your delegate key (--key, or $ENTENTE_KEY) and
written to the store, or sent to a running server with --server URL.
Without a key, --by records the action of an actor that has no key, in a
pact that is the operator's own record (a historical or simulated pact).`)
	c := new(common)
	c.register(fs)
	var s signing
	s.register(fs)
	by := fs.String("by", "", "the acting `member` (implied by --key)")
	cmd := reflect.New(reflect.TypeOf(a.cmd))
	cmd.Elem().Set(reflect.ValueOf(a.cmd))
	fill := commandflag.Bind(fs, cmd.Elem(), a.name, a.Args, a.Usage, env.Stdin)
	pos, err := cmdline.ParseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != len(a.Args)+1 {
		return usagef("%s: expected %s", a.name, a.Positional())
	}
	if err := fill(pos[1:], time.Now()); err != nil {
		return err
	}
	if r, ok := cmd.Interface().(*entente.StateReservation); ok && r.Salt == "" {
		if r.Salt, err = entente.NewSalt(rand.Reader); err != nil { // keeps the value from the split drawn
			return err
		}
	}
	return m.act(ctx, env, c, &s, pos[0], *by, cmd.Elem().Interface().(entente.Command))
}

// printEvents prints the events a command recorded.
func printEvents(w io.Writer, c *common, events []entente.Event) error {
	return c.output(w, backend.EventListing(events))
}

// actions are the commands the action verbs and subcommands send, by
// name; their help is in help/NAME.txt (actionNamed).
var actions = map[string]entente.Command{
	"join":               entente.RequestJoin{},
	"notice":             entente.GiveNotice{},
	"pledge":             entente.Pledge{},
	"contribute":         entente.Contribute{},
	"propose":            entente.Propose{Matter: entente.DefaultMatter},
	"vote":               entente.CastVote{},
	"objective set":      entente.SetObjective{},
	"objective progress": entente.ReportProgress{},
	"dispute open":       entente.RaiseDispute{},
	"dispute escalate":   entente.EscalateDispute{},
	"dispute appoint":    entente.AppointNeutral{Role: entente.DefaultNeutralRole},
	"dispute resolve":    entente.ResolveDispute{},
	"comment":            entente.PostComment{},
	"bargain":            entente.OpenBargaining{},
	"reserve":            entente.StateReservation{},
}

// actionVerb is the run function of an action verb: one of actions, or,
// for a verb with subcommands in the verb table, the one its subcommand
// names.
func (m *Main) actionVerb(verb string) func(context.Context, *cli, []string) error {
	return func(ctx context.Context, env *cli, args []string) error {
		name := verb
		if v, _ := program.Lookup(verb); len(v.Subs) > 0 {
			sub, rest, err := program.Subcommand(verb, args)
			if err != nil {
				return err
			}
			name, args = verb+" "+sub, rest
		}
		return m.runAction(ctx, env, actionNamed(name), args)
	}
}
