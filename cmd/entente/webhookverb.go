package main

import (
	"context"
	"fmt"

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
	req := backend.NewWebhookRequest()
	cmdline.Bind(fs, &req.WebhookFlags)
	if sub == "add" {
		cmdline.Bind(fs, &req.WebhookAdd)
	}
	pos, err := cmdline.ParseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if err := req.Check(sub, pos); err != nil {
		return err
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
		h, err := api.AddWebhook(ctx, pact, req.URL, req.Start())
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
