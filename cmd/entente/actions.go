package main

import (
	"context"
	"crypto/rand"
	"flag"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/cmdline"
)

// action is a verb that runs one command on a pact: "entente VERB PACT
// [ARGS] --by MEMBER [flags]". define adds the verb's flags and returns a
// function that builds the command from them and the positional arguments
// (reading a file argument "-" from stdin).
type action struct {
	name, args, description string
	nargs                   int // positional arguments after PACT
	define                  func(fs *flag.FlagSet, stdin io.Reader) build
}

// build makes an action's command from the positional arguments after
// PACT, at the time now.
type build = func(args []string, now time.Time) (entente.Command, error)

func (m *Main) runAction(ctx context.Context, env *cli, a action, args []string) error {
	fs := program.NewFlags(env, a.name, "PACT "+a.args+" --key FILE [flags]", a.description+`

The request is signed with your delegate key (--key, or $ENTENTE_KEY) and
written to the store, or sent to a running server with --server URL.
Without a key, --by records the action of an actor that has no key, in a
pact that is the operator's own record (a historical or simulated pact).`)
	c := new(common)
	c.register(fs)
	var s signing
	s.register(fs)
	by := fs.String("by", "", "the acting `member` (implied by --key)")
	build := a.define(fs, env.Stdin)
	pos, err := cmdline.ParseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1+a.nargs {
		return usagef("%s: expected PACT %s", a.name, a.args)
	}
	cmd, err := build(pos[1:], time.Now())
	if err != nil {
		return err
	}
	return m.act(ctx, env, c, &s, pos[0], *by, cmd)
}

func printEvents(w io.Writer, c *common, events []entente.Event) error {
	return c.output(w, events, []string{"SEQ", "AT", "BY", "EVENT", "WHAT"}, rowsOf(events, func(e entente.Event) []string {
		return []string{strconv.FormatInt(e.Seq, 10), e.At.Format(time.RFC3339), string(e.By), e.Data.EventType(), e.Sentence()}
	}))
}

// actions are the action verbs and subcommands by name.
var actions = map[string]action{
	"join": {description: "Asks to join a pact as --by. In an open coalition the actor is admitted at once; otherwise an admission vote opens.",
		define: func(fs *flag.FlagSet, stdin io.Reader) build {
			return func([]string, time.Time) (entente.Command, error) { return entente.RequestJoin{}, nil }
		}},
	"notice": {description: "Gives notice to leave; the member leaves when the agreement's notice period runs out.",
		define: func(fs *flag.FlagSet, stdin io.Reader) build {
			return func([]string, time.Time) (entente.Command, error) { return entente.GiveNotice{}, nil }
		}},
	"pledge": {description: "Commits an amount of a resource by a due date.",
		define: func(fs *flag.FlagSet, stdin io.Reader) build {
			resource := fs.String("resource", "", "the `resource` pledged (eur_k, engineer_months, ...)")
			amount := fs.Float64("amount", 0, "the amount pledged")
			due := fs.String("due", "", "the due `date` (2026-06-30, RFC 3339, or +30d)")
			return func(_ []string, now time.Time) (entente.Command, error) {
				t, err := parseWhen("due", *due, now)
				return entente.Pledge{Resource: *resource, Amount: *amount, Due: t}, err
			}
		}},
	"contribute": {description: "Records a contribution, against a commitment (--commitment) or on its own (--resource).",
		define: func(fs *flag.FlagSet, stdin io.Reader) build {
			commitment := fs.String("commitment", "", "the `commitment` this delivers against (c1, c2, ...)")
			resource := fs.String("resource", "", "the `resource` delivered")
			amount := fs.Float64("amount", 0, "the amount delivered")
			return func([]string, time.Time) (entente.Command, error) {
				return entente.Contribute{Commitment: *commitment, Resource: *resource, Amount: *amount}, nil
			}
		}},
	"propose": {description: "Puts a proposal to the members under the agreement's rule for its matter.",
		define: func(fs *flag.FlagSet, stdin io.Reader) build {
			matter := fs.String("matter", string(entente.DefaultMatter), "general, budget, admission, expulsion, suspension, amendment, dissolution or role")
			title := fs.String("title", "", "the proposal's title")
			text := fs.String("text", "", "the proposal's text")
			subject := fs.String("subject", "", "the `actor` to admit, expel or suspend, or to grant a role")
			role := fs.String("role", "", "with --matter role: the role to grant (observer, secretariat, auditor)")
			revoke := fs.Bool("revoke", false, "with --matter role: withdraw the role instead")
			amendment := fs.String("amendment", "", "with --matter amendment: the new agreement, a JSON `file` (the Agreement schema in /openapi.json; - for standard input)")
			return func([]string, time.Time) (entente.Command, error) {
				p := entente.Propose{Matter: entente.Matter(*matter), Title: *title, Text: *text, Subject: entente.ActorID(*subject),
					Role: entente.Role(*role), Revoke: *revoke}
				if *amendment == "" {
					return p, nil
				}
				p.Amendment = new(entente.Agreement)
				return p, readJSONArg(stdin, *amendment, "an agreement (JSON)", p.Amendment)
			}
		}},
	"vote": {args: "PROPOSAL", nargs: 1, description: "Votes yes, no or abstain on a proposal (under consensus, no is an objection).",
		define: func(fs *flag.FlagSet, stdin io.Reader) build {
			choice := fs.String("choice", "", "yes, no or abstain")
			reason := fs.String("reason", "", "why, kept with the vote (optional)")
			return func(args []string, _ time.Time) (entente.Command, error) {
				return entente.CastVote{Proposal: args[0], Choice: entente.Choice(*choice), Reason: *reason}, nil
			}
		}},
	"objective set": {description: "Sets a SMART objective: a metric, a target and a deadline.",
		define: func(fs *flag.FlagSet, stdin io.Reader) build {
			metric := fs.String("metric", "", "what is measured")
			target := fs.Float64("target", 0, "the value to reach")
			deadline := fs.String("deadline", "", "the `date` to reach it by")
			return func(_ []string, now time.Time) (entente.Command, error) {
				var t time.Time
				var err error
				if *deadline != "" {
					t, err = parseWhen("deadline", *deadline, now)
				}
				return entente.SetObjective{Metric: *metric, Target: *target, Deadline: t}, err
			}
		}},
	"objective progress": {args: "OBJECTIVE", nargs: 1, description: "Reports progress on an objective.",
		define: func(fs *flag.FlagSet, stdin io.Reader) build {
			value := fs.Float64("value", 0, "the metric's value now")
			return func(args []string, _ time.Time) (entente.Command, error) {
				return entente.ReportProgress{Objective: args[0], Value: *value}, nil
			}
		}},
	"dispute open": {description: "Raises a dispute with other members, at the negotiation stage.",
		define: func(fs *flag.FlagSet, stdin io.Reader) build {
			var against cmdline.List[entente.ActorID]
			fs.Var(&against, "against", "the other `party` (repeatable)")
			subject := fs.String("subject", "", "what the dispute is about")
			return func([]string, time.Time) (entente.Command, error) {
				return entente.RaiseDispute{Against: against, Subject: *subject}, nil
			}
		}},
	"dispute escalate": {args: "DISPUTE", nargs: 1, description: "Asks to take a dispute one stage up: negotiation, mediation, arbitration.",
		define: func(fs *flag.FlagSet, stdin io.Reader) build {
			return func(args []string, _ time.Time) (entente.Command, error) {
				return entente.EscalateDispute{Dispute: args[0]}, nil
			}
		}},
	"dispute appoint": {args: "DISPUTE", nargs: 1, description: "Names a dispute's mediator or arbiter; every party (--cosign) and the appointee sign.",
		define: func(fs *flag.FlagSet, stdin io.Reader) build {
			role := fs.String("role", string(entente.DefaultNeutralRole), "mediator or arbiter")
			actor := fs.String("actor", "", "the `actor` appointed")
			return func(args []string, _ time.Time) (entente.Command, error) {
				return entente.AppointNeutral{Dispute: args[0], Role: entente.Role(*role), Actor: entente.ActorID(*actor)}, nil
			}
		}},
	"dispute resolve": {args: "DISPUTE", nargs: 1, description: "Closes a dispute with its outcome: signed by its mediator or arbiter at their stage, or as a settlement by every party (--cosign).",
		define: func(fs *flag.FlagSet, stdin io.Reader) build {
			outcome := fs.String("outcome", "", "the settlement or award")
			return func(args []string, _ time.Time) (entente.Command, error) {
				return entente.ResolveDispute{Dispute: args[0], Outcome: *outcome}, nil
			}
		}},
	"comment": {description: "Adds a comment to the discussion of a proposal (--proposal) or a dispute (--dispute); it is kept in the pact's log.",
		define: func(fs *flag.FlagSet, stdin io.Reader) build {
			proposal := fs.String("proposal", "", "the `proposal` discussed (p1, p2, ...)")
			dispute := fs.String("dispute", "", "the `dispute` discussed (d1, d2, ...)")
			text := fs.String("text", "", "the comment")
			return func([]string, time.Time) (entente.Command, error) {
				return entente.PostComment{Proposal: *proposal, Dispute: *dispute, Text: *text}, nil
			}
		}},
	"bargain": {description: "Opens a bargaining among members over how to split a total of a resource, a benefit or (--kind costs) a cost as a contribution schedule; each party then states its reservation value privately ('entente reserve').",
		define: func(fs *flag.FlagSet, stdin io.Reader) build {
			title := fs.String("title", "", "what is split")
			parties := fs.String("parties", "", "the parties, `IDs` separated by commas (you among them)")
			total := fs.Float64("total", 0, "the total to split")
			resource := fs.String("resource", "", "the `resource` split (eur_k, ...)")
			kind := fs.String("kind", "", "`benefits` (each party gets a share; the default) or costs (each pays a part)")
			return func([]string, time.Time) (entente.Command, error) {
				var ids []entente.ActorID
				for _, p := range strings.Split(*parties, ",") {
					if p = strings.TrimSpace(p); p != "" {
						ids = append(ids, entente.ActorID(p))
					}
				}
				return entente.OpenBargaining{Title: *title, Parties: ids, Total: *total, Resource: *resource, Kind: entente.BargainKind(*kind)}, nil
			}
		}},
	"reserve": {args: "BARGAINING", nargs: 1, description: "States your reservation value in a bargaining: the least of the total you accept rather than your best alternative (in a contribution schedule, the most you would pay), with a random salt that keeps the split drawn for the parties from giving your value away. Pass --class role:secretariat: only the secretariat reads it.",
		define: func(fs *flag.FlagSet, stdin io.Reader) build {
			value := fs.Float64("value", 0, "your reservation value")
			salt := fs.String("salt", "", "64 hexadecimal `digits` of your own randomness (drawn here when empty)")
			return func(args []string, _ time.Time) (entente.Command, error) {
				var err error
				if *salt == "" {
					*salt, err = entente.NewSalt(rand.Reader)
				}
				return entente.StateReservation{Bargaining: args[0], Value: *value, Salt: *salt}, err
			}
		}},
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
