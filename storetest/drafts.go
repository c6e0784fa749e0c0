package storetest

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
)

// DraftOpener opens the drafts and webhook subscriptions kept in dir, as
// [Opener] does for logs; opening the same dir again opens the same data.
// Unlike an Opener, it registers the store's Close itself (tb.Cleanup).
type DraftOpener = func(tb testing.TB, dir string) DraftsAndWebhooks

// DraftsAndWebhooks is a store of both drafts and webhook subscriptions.
type DraftsAndWebhooks interface {
	logstore.DraftStore
	logstore.WebhookStore
}

// RunDrafts runs the contract of [logstore.DraftStore] and
// [logstore.WebhookStore] against the stores open opens.
func RunDrafts(t *testing.T, open DraftOpener) {
	t0 := time.Date(2026, 3, 1, 12, 0, 0, 123456789, time.UTC)
	sig := func(k string) logstore.DraftSignature {
		return logstore.DraftSignature{Key: k, Sig: []byte("sig of " + k)}
	}
	draft := func(id string, expires time.Time, keys ...string) logstore.Draft {
		d := logstore.Draft{ID: id, Actor: "alice", Expires: expires, Request: `{"log":"p","id":"` + id + `"}`}
		for _, k := range keys {
			d.Signatures = append(d.Signatures, sig(k))
		}
		return d
	}
	t.Run("PutGetRoundTrip", func(t *testing.T) {
		s := open(t, t.TempDir())
		ctx := t.Context()
		want := draft("d1", t0, "k1", "k2")
		got, err := s.PutDraft(ctx, want, logstore.DraftLimits{})
		if err != nil {
			t.Fatal(err)
		}
		checkDraft(t, got, want)
		got, ok, err := s.Draft(ctx, "d1")
		if err != nil || !ok {
			t.Fatalf("Draft = %v, %v", ok, err)
		}
		checkDraft(t, got, want)
		if _, ok, err := s.Draft(ctx, "nope"); ok || err != nil {
			t.Fatalf("Draft(nope) = %v, %v; want none, no error", ok, err)
		}
	})
	t.Run("PutKeepsHeldAndMergesSignatures", func(t *testing.T) {
		s := open(t, t.TempDir())
		ctx := t.Context()
		if _, err := s.PutDraft(ctx, draft("d1", t0, "k1"), logstore.DraftLimits{}); err != nil {
			t.Fatal(err)
		}
		other := draft("d1", t0.Add(time.Hour), "k2", "k1")
		other.Actor, other.Signatures[1].Sig = "bob", []byte("another")
		got, err := s.PutDraft(ctx, other, logstore.DraftLimits{})
		if err != nil {
			t.Fatal(err)
		}
		checkDraft(t, got, draft("d1", t0, "k1", "k2"))
	})
	t.Run("AddSignature", func(t *testing.T) {
		s := open(t, t.TempDir())
		ctx := t.Context()
		if _, err := s.PutDraft(ctx, draft("d1", t0, "k1"), logstore.DraftLimits{}); err != nil {
			t.Fatal(err)
		}
		got, err := s.AddDraftSignature(ctx, "d1", sig("k2"))
		if err != nil {
			t.Fatal(err)
		}
		checkDraft(t, got, draft("d1", t0, "k1", "k2"))
		got, err = s.AddDraftSignature(ctx, "d1", logstore.DraftSignature{Key: "k1", Sig: []byte("second")})
		if err != nil {
			t.Fatal(err)
		}
		checkDraft(t, got, draft("d1", t0, "k1", "k2"))
		if _, err := s.AddDraftSignature(ctx, "nope", sig("k1")); entente.ErrorCode(err) != entente.ENOTFOUND {
			t.Fatalf("AddDraftSignature(nope) = %v; want ENOTFOUND", err)
		}
		if _, err := s.AddDraftSignature(ctx, "d1", logstore.DraftSignature{}); entente.ErrorCode(err) != entente.EINVALID {
			t.Fatalf("AddDraftSignature(no key) = %v; want EINVALID", err)
		}
	})
	t.Run("Invalid", func(t *testing.T) {
		s := open(t, t.TempDir())
		for name, d := range map[string]logstore.Draft{
			"no id":      {Request: "r", Expires: t0},
			"no request": {ID: "d", Expires: t0},
			"no key":     {ID: "d", Request: "r", Expires: t0, Signatures: []logstore.DraftSignature{{Sig: []byte("x")}}},
		} {
			if _, err := s.PutDraft(t.Context(), d, logstore.DraftLimits{}); entente.ErrorCode(err) != entente.EINVALID {
				t.Errorf("%s: PutDraft = %v; want EINVALID", name, err)
			}
		}
		if _, ok, _ := s.Draft(t.Context(), "d"); ok {
			t.Error("a refused draft was stored")
		}
	})
	t.Run("LiveListPruneDelete", func(t *testing.T) {
		s := open(t, t.TempDir())
		ctx := t.Context()
		for i, at := range []time.Duration{3 * time.Hour, -time.Hour, time.Hour, 0, 2 * time.Hour} {
			if _, err := s.PutDraft(ctx, draft(fmt.Sprintf("d%d", i), t0.Add(at), "k"), logstore.DraftLimits{}); err != nil {
				t.Fatal(err)
			}
		}
		ids := func() []string {
			ds, err := s.Drafts(ctx, t0)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, d := range ds {
				out = append(out, d.ID)
			}
			return out
		}
		if got, want := fmt.Sprint(ids()), "[d2 d4 d0]"; got != want {
			t.Fatalf("live drafts = %s; want %s (expired at or before now left out, by expiry)", got, want)
		}
		if err := s.PruneDrafts(ctx, t0); err != nil {
			t.Fatal(err)
		}
		for _, id := range []string{"d1", "d3"} {
			if _, ok, err := s.Draft(ctx, id); ok || err != nil {
				t.Errorf("pruned %s: Draft = %v, %v", id, ok, err)
			}
		}
		if err := s.DeleteDraft(ctx, "d4"); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteDraft(ctx, "d4"); err != nil {
			t.Fatalf("deleting none: %v", err)
		}
		if got, want := fmt.Sprint(ids()), "[d2 d0]"; got != want {
			t.Fatalf("after delete: %s; want %s", got, want)
		}
		// A deleted draft takes its signatures with it.
		if _, err := s.PutDraft(ctx, draft("d4", t0.Add(time.Hour)), logstore.DraftLimits{}); err != nil {
			t.Fatal(err)
		}
		if d, _, _ := s.Draft(ctx, "d4"); len(d.Signatures) != 0 {
			t.Fatalf("a draft made again after delete has the old signatures %v", d.Signatures)
		}
	})
	t.Run("Reopen", func(t *testing.T) {
		dir := t.TempDir()
		ctx := t.Context()
		if _, err := open(t, dir).PutDraft(ctx, draft("d1", t0, "k1"), logstore.DraftLimits{}); err != nil {
			t.Fatal(err)
		}
		got, ok, err := open(t, dir).Draft(ctx, "d1")
		if err != nil || !ok {
			t.Fatalf("after reopen: %v, %v", ok, err)
		}
		checkDraft(t, got, draft("d1", t0, "k1"))
	})
	t.Run("ConcurrentSignaturesFromTwoHandles", func(t *testing.T) {
		dir := t.TempDir()
		a, b := open(t, dir), open(t, dir)
		ctx := t.Context()
		if _, err := a.PutDraft(ctx, draft("d1", t0), logstore.DraftLimits{}); err != nil {
			t.Fatal(err)
		}
		const n = 16
		var wg sync.WaitGroup
		errs := make(chan error, 2*n)
		for i := range n {
			for j, s := range []DraftsAndWebhooks{a, b} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					var err error
					if i%2 == 0 {
						_, err = s.AddDraftSignature(ctx, "d1", sig(fmt.Sprintf("k%d-%d", i, j)))
					} else {
						_, err = s.PutDraft(ctx, draft("d1", t0, fmt.Sprintf("k%d-%d", i, j)), logstore.DraftLimits{})
					}
					errs <- err
				}()
			}
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		d, _, err := b.Draft(ctx, "d1")
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Signatures) != 2*n {
			t.Fatalf("%d signatures kept of %d added at once", len(d.Signatures), 2*n)
		}
	})
	t.Run("CanceledContext", func(t *testing.T) {
		s := open(t, t.TempDir())
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		if _, err := s.PutDraft(ctx, draft("d1", t0), logstore.DraftLimits{}); err == nil {
			t.Fatal("PutDraft with a canceled context: no error")
		}
		if _, ok, _ := s.Draft(t.Context(), "d1"); ok {
			t.Fatal("PutDraft with a canceled context wrote the draft")
		}
	})
	t.Run("Webhooks", func(t *testing.T) {
		dir := t.TempDir()
		s := open(t, dir)
		ctx := t.Context()
		hook := func(id string, from int64) logstore.Webhook {
			return logstore.Webhook{ID: id, Pact: "p", Owner: "alice", URL: "https://example.org/" + id, Secret: "s-" + id, From: from, Created: t0}
		}
		for _, w := range []logstore.Webhook{hook("w2", 3), hook("w1", 0), hook("w3", 7)} {
			if err := s.PutWebhook(ctx, w, logstore.WebhookLimits{}); err != nil {
				t.Fatal(err)
			}
		}
		changed := hook("w3", 9)
		changed.URL, changed.Owner = "https://example.org/other", ""
		if err := s.PutWebhook(ctx, changed, logstore.WebhookLimits{}); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteWebhook(ctx, "w2"); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteWebhook(ctx, "w2"); err != nil {
			t.Fatalf("deleting none: %v", err)
		}
		got, err := open(t, dir).Webhooks(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := []logstore.Webhook{hook("w1", 0), changed}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("after reopen:\n got %v\nwant %v", got, want)
		}
		for name, w := range map[string]logstore.Webhook{"no id": {Pact: "p", URL: "u"}, "no pact": {ID: "x", URL: "u"}, "no url": {ID: "x", Pact: "p"}, "negative from": {ID: "x", Pact: "p", URL: "u", From: -1}} {
			if err := s.PutWebhook(ctx, w, logstore.WebhookLimits{}); entente.ErrorCode(err) != entente.EINVALID {
				t.Errorf("%s: PutWebhook = %v; want EINVALID", name, err)
			}
		}
	})
	runLimits(t, open, t0)
	runLeases(t, open, t0)
}

// checkDraft fails t unless got is want, with times compared as instants.
func checkDraft(t *testing.T, got, want logstore.Draft) {
	t.Helper()
	if got.ID != want.ID || got.Actor != want.Actor || got.Request != want.Request || !got.Expires.Equal(want.Expires) || got.Expires.Location() != time.UTC {
		t.Fatalf("draft = %+v; want %+v (Expires in UTC)", got, want)
	}
	if fmt.Sprint(got.Signatures) != fmt.Sprint(want.Signatures) {
		t.Fatalf("signatures = %q; want %q, in the order added", got.Signatures, want.Signatures)
	}
}
