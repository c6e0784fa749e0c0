package backend

import (
	"os"

	"github.com/entente/entente/internal/cmdline"
)

// WebhookRequest is what 'entente webhook add|list|remove' asks of the
// running server that keeps a member's webhooks on a pact, named as the
// command line names it: the flags of every subcommand, and what add
// adds.
type WebhookRequest struct {
	WebhookFlags
	WebhookAdd
}

// WebhookFlags are every webhook subcommand's flags.
type WebhookFlags struct {
	JSON   bool   `flag:"json" usage:"print JSON instead of a table"`
	Server string `flag:"server" arg:"URL" usage:"the server at URL that keeps the webhooks (default $ENTENTE_SERVER)"`
	Key    string `flag:"key" arg:"file" usage:"your delegate key file: the webhooks are yours, as a member of the pact"`
}

// WebhookAdd is the webhook that 'entente webhook add' adds.
type WebhookAdd struct {
	URL  string `flag:"url" arg:"URL" usage:"post the entries to this URL (https)"`
	From int64  `flag:"from" arg:"INDEX" usage:"post from entry INDEX on (-1: from the next entry written)" min:"-1"`
}

// NewWebhookRequest is the request before its flags: the server and key
// of $ENTENTE_SERVER and $ENTENTE_KEY, posting from the next entry
// written.
func NewWebhookRequest() WebhookRequest {
	return WebhookRequest{WebhookFlags{Server: os.Getenv("ENTENTE_SERVER"), Key: os.Getenv("ENTENTE_KEY")}, WebhookAdd{From: -1}}
}

// Check checks the request of the subcommand sub (add, list or remove)
// with its positional arguments pos, before the server is asked: an error
// is bad usage that says what is missing.
func (r WebhookRequest) Check(sub string, pos []string) error {
	switch {
	case sub == "remove" && len(pos) != 2:
		return cmdline.Usagef("webhook remove: expected PACT and the webhook's ID (see entente webhook list)")
	case sub != "remove" && len(pos) != 1:
		return cmdline.Usagef("webhook %s: expected one PACT", sub)
	case r.Server == "":
		return cmdline.Usagef("webhook %s: expected --server URL: webhooks are kept by a running server", sub)
	case r.Key == "":
		return cmdline.Usagef("webhook %s: expected --key FILE: a webhook is a member's, proved with your delegate key", sub)
	case sub == "add" && r.URL == "":
		return cmdline.Usagef("webhook add: expected --url URL, where to post the entries")
	}
	if fe := cmdline.Check(r.WebhookAdd); fe != nil {
		return fe
	}
	return nil
}

// Start is the entry add posts from: nil for the next entry written.
func (a WebhookAdd) Start() *int64 {
	if a.From < 0 {
		return nil
	}
	return &a.From
}
