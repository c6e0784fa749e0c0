package main

import (
	"context"
	"crypto/rand"
	"flag"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/cmdline"
)

// action is a verb that sends one command on a pact: "entente VERB PACT
// [ARGS] --key FILE [flags]". Its flags are the command's fields, named as
// the API's JSON names them and defaulting to the command's preset values
// (the API's defaults), so that the CLI and the API agree by construction
// (bindCommand). Its help file (help/VERB.txt, actionNamed) holds the
// rest: the usage line, whose words after PACT name the fields given as
// arguments (args), the description, and a line "--FIELD help" for each
// other field's flag (usage).
type action struct {
	name, description string
	cmd               entente.Command
	args              []string
	usage             map[string]string
}

// actionNamed returns the action of the command the actions table names,
// with its arguments, description and flags' help from its help file.
func actionNamed(name string) action {
	a := action{name: name, cmd: actions[name], usage: map[string]string{}}
	line, text := helpText(name)
	words, _, _ := strings.Cut(line, " --key")
	for _, w := range strings.Fields(words)[1:] { // after PACT
		a.args = append(a.args, strings.ToLower(w))
	}
	var description []string
	for _, l := range strings.Split(text, "\n") {
		if flag, usage, ok := strings.Cut(strings.TrimPrefix(l, "--"), " "); ok && strings.HasPrefix(l, "--") {
			a.usage[flag] = usage
			continue
		}
		description = append(description, l)
	}
	a.description = strings.TrimSpace(strings.Join(description, "\n"))
	return a
}

func (m *Main) runAction(ctx context.Context, env *cli, a action, args []string) error {
	argNames := append([]string{"PACT"}, a.args...)
	for i := range a.args {
		argNames[i+1] = strings.ToUpper(a.args[i])
	}
	fs := program.NewFlags(env, a.name, strings.Join(argNames, " ")+" --key FILE [flags]", a.description+`

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
	fill := bindCommand(fs, cmd.Elem(), a, env.Stdin)
	pos, err := cmdline.ParseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != len(argNames) {
		return usagef("%s: expected %s", a.name, strings.Join(argNames, " "))
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

var timeType = reflect.TypeFor[time.Time]()

// bindCommand defines a flag on fs for every field of the command s that
// is not one of a's arguments, named by the field's JSON name, with its
// help from a.usage (every field has one, or bindCommand panics: a new
// field of a command is a new flag on purpose) and its default from s. It
// returns what sets the rest once the flags are parsed: the arguments,
// the dates (parseWhen: a field the API requires must be given) and the
// JSON files (- for standard input).
func bindCommand(fs *flag.FlagSet, s reflect.Value, a action, stdin io.Reader) func(args []string, now time.Time) error {
	fields := map[string]reflect.Value{}
	var later []func(now time.Time) error
	for i := range s.NumField() {
		f, v := s.Type().Field(i), s.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if fields[name] = v; slices.Contains(a.args, name) {
			continue
		}
		usage, ok := a.usage[name]
		if !ok {
			panic("entente: " + a.name + ": no help for the field " + name)
		}
		p := v.Addr()
		switch k := f.Type.Kind(); {
		case f.Type == timeType:
			text := fs.String(name, "", usage)
			later = append(later, func(now time.Time) error {
				if *text == "" && strings.Contains(opts, "omit") {
					return nil
				}
				t, err := cmdline.ParseWhen(name, *text, now)
				v.Set(reflect.ValueOf(t))
				return err
			})
		case k == reflect.Pointer:
			file := fs.String(name, "", usage)
			later = append(later, func(time.Time) error {
				if *file == "" {
					return nil
				}
				v.Set(reflect.New(f.Type.Elem()))
				what := strings.ToLower(f.Type.Elem().Name()) // "agreement"
				if strings.ContainsRune("aeiou", rune(what[0])) {
					return cmdline.ReadJSON(stdin, *file, "an "+what+" (JSON)", v.Interface())
				}
				return cmdline.ReadJSON(stdin, *file, "a "+what+" (JSON)", v.Interface())
			})
		case k == reflect.Slice:
			fs.Var(idList{as[cmdline.List[entente.ActorID]](p)}, name, usage)
		case k == reflect.String:
			fs.StringVar(as[string](p), name, v.String(), usage)
		case k == reflect.Float64:
			fs.Float64Var(as[float64](p), name, v.Float(), usage)
		case k == reflect.Bool:
			fs.BoolVar(as[bool](p), name, v.Bool(), usage)
		default:
			panic("entente: " + a.name + ": no flag for a " + f.Type.String())
		}
	}
	return func(args []string, now time.Time) error {
		for i, name := range a.args {
			fields[name].SetString(args[i])
		}
		for _, f := range later {
			if err := f(now); err != nil {
				return err
			}
		}
		return nil
	}
}

// as converts p, a pointer to a type defined on T, to a *T.
func as[T any](p reflect.Value) *T { return p.Convert(reflect.TypeFor[*T]()).Interface().(*T) }

// idList is a flag of actors, repeatable and comma-separated.
type idList struct{ *cmdline.List[entente.ActorID] }

// Set adds the IDs in v, separated by commas.
func (l idList) Set(v string) error {
	for _, id := range strings.Split(v, ",") {
		if id = strings.TrimSpace(id); id != "" {
			l.List.Set(id)
		}
	}
	return nil
}

// String is empty: the flag has no default to show.
func (l idList) String() string { return "" }

func printEvents(w io.Writer, c *common, events []entente.Event) error {
	return c.output(w, events, []string{"SEQ", "AT", "BY", "EVENT", "WHAT"}, rowsOf(events, func(e entente.Event) []string {
		return []string{strconv.FormatInt(e.Seq, 10), e.At.Format(time.RFC3339), string(e.By), e.Data.EventType(), e.Sentence()}
	}))
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
