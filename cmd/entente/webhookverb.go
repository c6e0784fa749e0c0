package main

import (
	"context"
	"fmt"
	"os"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/backend"
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
	req := webhookRequest{webhookFlags{Server: os.Getenv("ENTENTE_SERVER"), Key: os.Getenv("ENTENTE_KEY")}, webhookAdd{From: -1}}
	cmdline.Bind(fs, &req.webhookFlags)
	if sub == "add" {
		cmdline.Bind(fs, &req.webhookAdd)
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
	case req.Server == "":
		return usagef("webhook %s: expected --server URL: webhooks are kept by a running server", sub)
	case req.Key == "":
		return usagef("webhook %s: expected --key FILE: a webhook is a member's, proved with your delegate key", sub)
	case sub == "add" && req.URL == "":
		return usagef("webhook add: expected --url URL, where to post the entries")
	}
	if fe := cmdline.Check(req.webhookAdd); fe != nil {
		return fe
	}
	c := &common{json: req.JSON}
	remote := remoteRead{Server: req.Server, Key: req.Key}
	api, err := remote.client()
	if err != nil {
		return err
	}
	pact := entente.PactID(pos[0])
	switch sub {
	case "add":
		var start *int64
		if req.From >= 0 {
			start = &req.From
		}
		h, err := api.AddWebhook(ctx, pact, req.URL, start)
		if err != nil {
			return err
		}
		if c.json {
			return c.output(env.Stdout, backend.Listing{V: h})
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
	return c.output(env.Stdout, backend.WebhookListing(hooks))
}

// webhookRequest is what 'entente webhook' asks of a server: the common
// flags, and what add adds.
type webhookRequest struct {
	webhookFlags
	webhookAdd
}

// webhookFlags are every webhook subcommand's flags.
type webhookFlags struct {
	JSON   bool   `flag:"json" usage:"print JSON instead of a table"`
	Server string `flag:"server" arg:"URL" usage:"the server at URL that keeps the webhooks (default $ENTENTE_SERVER)"`
	Key    string `flag:"key" arg:"file" usage:"your delegate key file: the webhooks are yours, as a member of the pact"`
}

// webhookAdd is the webhook that 'entente webhook add' adds.
type webhookAdd struct {
	URL  string `flag:"url" arg:"URL" usage:"post the entries to this URL (https)"`
	From int64  `flag:"from" arg:"INDEX" usage:"post from entry INDEX on (-1: from the next entry written)" min:"-1"`
}
