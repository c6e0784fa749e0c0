package client

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"

	"github.com/entente/entente"
	"github.com/entente/entente/webhook"
)

// Webhook is a webhook's registration as the server reports it: where it
// posts, from which entry, and how its deliveries fare.
type Webhook = webhook.Subscription

// NewWebhook is the server's answer to a registration: the webhook and
// the secret its deliveries are signed with (see webhook.Verify), which
// the server shows this once.
type NewWebhook struct {
	Webhook
	Secret string `json:"secret"`
}

// webhooksPath is the address of a pact's webhooks.
func (c *Client) webhooksPath(pact entente.PactID) string {
	return strings.TrimRight(c.Base, "/") + "/api/pacts/" + url.PathEscape(string(pact)) + "/webhooks"
}

// AddWebhook registers target for the pact's entries, as the member whose
// read token the client carries (Auth): from entry from when from is not
// nil, else from the next entry written.
func (c *Client) AddWebhook(ctx context.Context, pact entente.PactID, target string, from *int64) (*NewWebhook, error) {
	body, err := json.Marshal(struct {
		URL  string `json:"url"`
		From *int64 `json:"from,omitempty"`
	}{target, from})
	if err != nil {
		return nil, err
	}
	var out NewWebhook
	if err := c.do(ctx, http.MethodPost, c.webhooksPath(pact), body, http.StatusCreated, &out, nil); err != nil {
		return nil, err
	}
	return &out, nil
}

// Webhooks lists the webhooks the client's reader registered on the pact.
func (c *Client) Webhooks(ctx context.Context, pact entente.PactID) ([]Webhook, error) {
	var out []Webhook
	if err := c.do(ctx, http.MethodGet, c.webhooksPath(pact), nil, http.StatusOK, &out, nil); err != nil {
		return nil, err
	}
	return out, nil
}

// RemoveWebhook removes a webhook the client's reader registered on the
// pact.
func (c *Client) RemoveWebhook(ctx context.Context, pact entente.PactID, id string) error {
	var out map[string]string
	// An empty body, but labelled JSON: the server refuses writes that are not.
	return c.do(ctx, http.MethodDelete, c.webhooksPath(pact)+"/"+url.PathEscape(id), []byte{}, http.StatusOK, &out, nil)
}
