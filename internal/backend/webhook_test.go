package backend

import (
	"errors"
	"strings"
	"testing"

	"github.com/entente/entente/internal/cmdline"
)

// Check refuses, as bad usage saying what is missing, a webhook request
// the server could not answer, before it is asked.
func TestWebhookRequestCheck(t *testing.T) {
	ok := WebhookRequest{WebhookFlags{Server: "http://s", Key: "k.key"}, WebhookAdd{URL: "https://h", From: -1}}
	for _, tc := range []struct {
		name, sub string
		pos       []string
		edit      func(*WebhookRequest)
		want      string
	}{
		{"add", "add", []string{"jv"}, nil, ""},
		{"list", "list", []string{"jv"}, func(r *WebhookRequest) { r.URL = "" }, ""},
		{"remove", "remove", []string{"jv", "h1"}, nil, ""},
		{"remove without ID", "remove", []string{"jv"}, nil, "expected PACT and the webhook's ID"},
		{"list of two", "list", []string{"jv", "x"}, nil, "expected one PACT"},
		{"no server", "list", []string{"jv"}, func(r *WebhookRequest) { r.Server = "" }, "--server URL"},
		{"no key", "add", []string{"jv"}, func(r *WebhookRequest) { r.Key = "" }, "--key FILE"},
		{"add without URL", "add", []string{"jv"}, func(r *WebhookRequest) { r.URL = "" }, "--url URL"},
		{"from below -1", "add", []string{"jv"}, func(r *WebhookRequest) { r.From = -2 }, "--from"},
	} {
		r := ok
		if tc.edit != nil {
			tc.edit(&r)
		}
		err := r.Check(tc.sub, tc.pos)
		var u cmdline.UsageError
		var fe *cmdline.FieldError
		usage := errors.As(err, &u) || errors.As(err, &fe)
		if tc.want == "" && err != nil || tc.want != "" && (!usage || !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("%s: Check = %v, want %q", tc.name, err, tc.want)
		}
	}
	if s := (WebhookAdd{From: -1}).Start(); s != nil {
		t.Errorf("From -1: start %d, want nil (the next entry)", *s)
	}
	if s := (WebhookAdd{From: 4}).Start(); s == nil || *s != 4 {
		t.Errorf("From 4: start %v, want 4", s)
	}
}
