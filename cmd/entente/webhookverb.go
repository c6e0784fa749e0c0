package main

import (
	"context"
	"fmt"
	"os"
	"strconv"

	"github.com/entente/entente"
	"github.com/entente/entente/client"
	"github.com/entente/entente/internal/cmdline"
)

// runWebhook is 'entente webhook add|list|remove': a member's webhooks on
// a pact, kept by a running server.
func runWebhook(ctx context.Context, env *cli, args []string) error {
	sub, args, err := program.Subcommand("webhook", args)
	if err != nil {
		return err
	}
	fs := newFlags(env, "webhook "+sub)
	c := new(common)
	fs.BoolVar(&c.json, "json", false, "print JSON instead of a table")
	var remote remoteRead
	fs.StringVar(&remote.server, "server", os.Getenv("ENTENTE_SERVER"), "the server at `URL` that keeps the webhooks (default $ENTENTE_SERVER)")
	fs.StringVar(&remote.key, "key", os.Getenv("ENTENTE_KEY"), "your delegate key `file`: the webhooks are yours, as a member of the pact")
	var target string
	var from int64
	if sub == "add" {
		fs.StringVar(&target, "url", "", "post the entries to this `URL` (https)")
		fs.Int64Var(&from, "from", -1, "post from entry `INDEX` on (-1: from the next entry written)")
	}
	pos, err := cmdline.ParseInterleaved(fs, args)
	if err != nil {
		return err
	}
	want := 1
	if sub == "remove" {
		want = 2
	}
	switch {
	case len(pos) != want && sub == "remove":
		return usagef("webhook remove: expected PACT and the webhook's ID (see entente webhook list)")
	case len(pos) != want:
		return usagef("webhook %s: expected one PACT", sub)
	case remote.server == "":
		return usagef("webhook %s: expected --server URL: webhooks are kept by a running server", sub)
	case remote.key == "":
		return usagef("webhook %s: expected --key FILE: a webhook is a member's, proved with your delegate key", sub)
	case sub == "add" && target == "":
		return usagef("webhook add: expected --url URL, where to post the entries")
	case sub == "add" && from < -1:
		return usagef("--from: expected an entry index, or -1 for the next entry written, got %d", from)
	}
	api, err := remote.client()
	if err != nil {
		return err
	}
	pact := entente.PactID(pos[0])
	switch sub {
	case "add":
		var start *int64
		if from >= 0 {
			start = &from
		}
		h, err := api.AddWebhook(ctx, pact, target, start)
		if err != nil {
			return err
		}
		if c.json {
			return c.output(env.Stdout, h, nil, nil)
		}
		fmt.Fprintf(env.Stdout, "webhook %s posts pact %s's entries from #%d to %s\nsecret %s\n(keep the secret: the server shows it only now; check each delivery's signature with it)\n", h.ID, h.Pact, h.Next, h.URL, h.Secret)
		return nil
	case "remove":
		if err := api.RemoveWebhook(ctx, pact, pos[1]); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "removed webhook %s from pact %s\n", pos[1], pact)
		return nil
	}
	hooks, err := api.Webhooks(ctx, pact)
	if err != nil {
		return err
	}
	if hooks == nil {
		hooks = []client.Webhook{}
	}
	return c.output(env.Stdout, hooks, []string{"ID", "URL", "NEXT", "DELIVERED", "DROPPED", "LAST"}, rowsOf(hooks, func(h client.Webhook) []string {
		return []string{h.ID, h.URL, strconv.FormatInt(h.Next, 10), strconv.FormatInt(h.Delivered, 10), strconv.FormatInt(h.Dropped, 10), h.LastOutcome()}
	}))
}
