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
// (bindCommand); args are the fields given as arguments after PACT, and
// usage is the help of each other field's flag.
type action struct {
	name, description string
	cmd               entente.Command
	args              []string
	usage             map[string]string
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

// actions are the action verbs and subcommands by name: the command each
// sends, its arguments and its flags' help.
var actions = map[string]action{
	"join":   {cmd: entente.RequestJoin{}, description: "Asks to join a pact as --by. In an open coalition the actor is admitted at once; otherwise an admission vote opens."},
	"notice": {cmd: entente.GiveNotice{}, description: "Gives notice to leave; the member leaves when the agreement's notice period runs out."},
	"pledge": {cmd: entente.Pledge{}, description: "Commits an amount of a resource by a due date.", usage: map[string]string{
		"resource": "the `resource` pledged (eur_k, engineer_months, ...)",
		"amount":   "the amount pledged",
		"due":      "the due `date` (2026-06-30, RFC 3339, or +30d)"}},
	"contribute": {cmd: entente.Contribute{}, description: "Records a contribution, against a commitment (--commitment) or on its own (--resource).", usage: map[string]string{
		"commitment": "the `commitment` this delivers against (c1, c2, ...)",
		"resource":   "the `resource` delivered",
		"amount":     "the amount delivered"}},
	"propose": {cmd: entente.Propose{Matter: entente.DefaultMatter}, description: "Puts a proposal to the members under the agreement's rule for its matter.", usage: map[string]string{
		"matter":    "general, budget, admission, expulsion, suspension, amendment, dissolution or role",
		"title":     "the proposal's title",
		"text":      "the proposal's text",
		"subject":   "the `actor` to admit, expel or suspend, or to grant a role",
		"role":      "with --matter role: the role to grant (observer, secretariat, auditor)",
		"revoke":    "with --matter role: withdraw the role instead",
		"amendment": "with --matter amendment: the new agreement, a JSON `file` (the Agreement schema in /openapi.json; - for standard input)"}},
	"vote": {cmd: entente.CastVote{}, args: []string{"proposal"}, description: "Votes yes, no or abstain on a proposal (under consensus, no is an objection).", usage: map[string]string{
		"choice": "yes, no or abstain",
		"reason": "why, kept with the vote (optional)"}},
	"objective set": {cmd: entente.SetObjective{}, description: "Sets a SMART objective: a metric, a target and a deadline.", usage: map[string]string{
		"metric":   "what is measured",
		"target":   "the value to reach",
		"deadline": "the `date` to reach it by"}},
	"objective progress": {cmd: entente.ReportProgress{}, args: []string{"objective"}, description: "Reports progress on an objective.", usage: map[string]string{
		"value": "the metric's value now"}},
	"dispute open": {cmd: entente.RaiseDispute{}, description: "Raises a dispute with other members, at the negotiation stage.", usage: map[string]string{
		"against": "the other `party` (repeatable, or several separated by commas)",
		"subject": "what the dispute is about"}},
	"dispute escalate": {cmd: entente.EscalateDispute{}, args: []string{"dispute"}, description: "Asks to take a dispute one stage up: negotiation, mediation, arbitration."},
	"dispute appoint": {cmd: entente.AppointNeutral{Role: entente.DefaultNeutralRole}, args: []string{"dispute"}, description: "Names a dispute's mediator or arbiter; every party (--cosign) and the appointee sign.", usage: map[string]string{
		"role":  "mediator or arbiter",
		"actor": "the `actor` appointed"}},
	"dispute resolve": {cmd: entente.ResolveDispute{}, args: []string{"dispute"}, description: "Closes a dispute with its outcome: signed by its mediator or arbiter at their stage, or as a settlement by every party (--cosign).", usage: map[string]string{
		"outcome": "the settlement or award"}},
	"comment": {cmd: entente.PostComment{}, description: "Adds a comment to the discussion of a proposal (--proposal) or a dispute (--dispute); it is kept in the pact's log.", usage: map[string]string{
		"proposal": "the `proposal` discussed (p1, p2, ...)",
		"dispute":  "the `dispute` discussed (d1, d2, ...)",
		"text":     "the comment"}},
	"bargain": {cmd: entente.OpenBargaining{}, description: "Opens a bargaining among members over how to split a total of a resource, a benefit or (--kind costs) a cost as a contribution schedule; each party then states its reservation value privately ('entente reserve').", usage: map[string]string{
		"title":    "what is split",
		"parties":  "the parties, `IDs` separated by commas or repeated (you among them)",
		"total":    "the total to split",
		"resource": "the `resource` split (eur_k, ...)",
		"kind":     "`benefits` (each party gets a share; the default) or costs (each pays a part)"}},
	"reserve": {cmd: entente.StateReservation{}, args: []string{"bargaining"}, description: "States your reservation value in a bargaining: the least of the total you accept rather than your best alternative (in a contribution schedule, the most you would pay), with a random salt that keeps the split drawn for the parties from giving your value away. Pass --class role:secretariat: only the secretariat reads it.", usage: map[string]string{
		"value": "your reservation value",
		"salt":  "64 hexadecimal `digits` of your own randomness (drawn here when empty)"}},
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
		a := actions[name]
		a.name = name
		return m.runAction(ctx, env, a, args)
	}
}
