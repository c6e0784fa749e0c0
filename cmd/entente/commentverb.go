package main

import (
	"context"
	"flag"
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
}

func runComment(ctx context.Context, env *cli, args []string) error {
	return actions["comment"].run(ctx, env, args)
}
