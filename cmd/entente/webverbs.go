package main

import (
	"crypto/rand"
	"encoding/hex"
	"flag"
	"strings"
	"time"

	"github.com/entente/entente"
)

func init() {
	actions["comment"] = action{name: "comment", description: "Adds a comment to the discussion of a proposal (--proposal) or a dispute (--dispute); it is kept in the pact's log.",
		define: func(fs *flag.FlagSet) func([]string, time.Time) (entente.Command, error) {
			proposal := fs.String("proposal", "", "the `proposal` discussed (p1, p2, ...)")
			dispute := fs.String("dispute", "", "the `dispute` discussed (d1, d2, ...)")
			text := fs.String("text", "", "the comment")
			return func([]string, time.Time) (entente.Command, error) {
				return entente.PostComment{Proposal: *proposal, Dispute: *dispute, Text: *text}, nil
			}
		}}
	actions["bargain"] = action{name: "bargain", description: "Opens a bargaining among members over how to split a total of a resource, a benefit or (--kind costs) a cost as a contribution schedule; each party then states its reservation value privately ('entente reserve').",
		define: func(fs *flag.FlagSet) func([]string, time.Time) (entente.Command, error) {
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
		}}
	actions["reserve"] = action{name: "reserve", args: "BARGAINING", nargs: 1, description: "States your reservation value in a bargaining: the least of the total you accept rather than your best alternative (in a contribution schedule, the most you would pay), with a random salt that keeps the split drawn for the parties from giving your value away. Pass --class role:secretariat: only the secretariat reads it.",
		define: func(fs *flag.FlagSet) func([]string, time.Time) (entente.Command, error) {
			value := fs.Float64("value", 0, "your reservation value")
			salt := fs.String("salt", "", "64 hexadecimal `digits` of your own randomness (drawn here when empty)")
			return func(args []string, _ time.Time) (entente.Command, error) {
				if *salt == "" {
					var b [entente.SaltDigits / 2]byte
					if _, err := rand.Read(b[:]); err != nil {
						return nil, err
					}
					*salt = hex.EncodeToString(b[:])
				}
				return entente.StateReservation{Bargaining: args[0], Value: *value, Salt: *salt}, nil
			}
		}}
}
