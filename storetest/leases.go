package storetest

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
)

// runLimits holds PutDraft and PutWebhook to their limits: a new draft or
// subscription beyond them is refused and not stored, one already held is
// not counted against them, and two handles adding at once never exceed
// them together.
func runLimits(t *testing.T, open DraftOpener, t0 time.Time) {
	draft := func(id, actor string, expires time.Time) logstore.Draft {
		return logstore.Draft{ID: id, Actor: actor, Expires: expires, Request: `{"id":"` + id + `"}`}
	}
	t.Run("DraftLimits", func(t *testing.T) {
		s := open(t, t.TempDir())
		ctx := t.Context()
		lim := logstore.DraftLimits{Now: t0, Total: 4, PerActor: 2}
		// An expired draft does not count.
		if _, err := s.PutDraft(ctx, draft("old", "alice", t0), lim); err != nil {
			t.Fatal(err)
		}
		for _, id := range []string{"a1", "a2"} {
			if _, err := s.PutDraft(ctx, draft(id, "alice", t0.Add(time.Hour)), lim); err != nil {
				t.Fatalf("%s: %v", id, err)
			}
		}
		if _, err := s.PutDraft(ctx, draft("a3", "alice", t0.Add(time.Hour)), lim); entente.ErrorCode(err) != entente.ETOOMANY {
			t.Fatalf("alice's third draft of at most 2 each: %v; want ETOOMANY", err)
		}
		// A draft already held takes more signatures at the limit.
		again := draft("a2", "alice", t0.Add(time.Hour))
		again.Signatures = []logstore.DraftSignature{{Key: "k", Sig: []byte("s")}}
		if d, err := s.PutDraft(ctx, again, lim); err != nil || len(d.Signatures) != 1 {
			t.Fatalf("a held draft at the limit: %v, %v", d, err)
		}
		for _, id := range []string{"b1", "c1"} {
			if _, err := s.PutDraft(ctx, draft(id, id[:1], t0.Add(time.Hour)), lim); err != nil {
				t.Fatalf("%s: %v", id, err)
			}
		}
		if _, err := s.PutDraft(ctx, draft("d1", "dora", t0.Add(time.Hour)), lim); entente.ErrorCode(err) != entente.ETOOMANY {
			t.Fatalf("a fifth live draft of at most 4: %v; want ETOOMANY", err)
		}
		for _, id := range []string{"a3", "d1"} {
			if _, ok, _ := s.Draft(ctx, id); ok {
				t.Errorf("refused draft %s was stored", id)
			}
		}
	})
	t.Run("DraftLimitsConcurrent", func(t *testing.T) {
		dir := t.TempDir()
		a, b := open(t, dir), open(t, dir)
		const limit, tries = 5, 24
		lim := logstore.DraftLimits{Now: t0, Total: limit}
		var wg sync.WaitGroup
		errs := make(chan error, tries)
		for i := range tries {
			s := []DraftsAndWebhooks{a, b}[i%2]
			wg.Go(func() {
				_, err := s.PutDraft(t.Context(), draft(fmt.Sprintf("d%02d", i), fmt.Sprintf("actor%d", i), t0.Add(time.Hour)), lim)
				errs <- err
			})
		}
		wg.Wait()
		close(errs)
		ok := 0
		for err := range errs {
			switch {
			case err == nil:
				ok++
			case entente.ErrorCode(err) != entente.ETOOMANY:
				t.Fatalf("a concurrent PutDraft: %v", err)
			}
		}
		live, err := a.Drafts(t.Context(), t0)
		if err != nil {
			t.Fatal(err)
		}
		if ok != limit || len(live) != limit {
			t.Fatalf("%d drafts accepted and %d held from %d added at once through two handles, at most %d", ok, len(live), tries, limit)
		}
	})
	hook := func(id, pact, owner, url string) logstore.Webhook {
		return logstore.Webhook{ID: id, Pact: pact, Owner: owner, URL: url, Secret: "s", Created: t0}
	}
	t.Run("WebhookLimits", func(t *testing.T) {
		s := open(t, t.TempDir())
		ctx := t.Context()
		lim := logstore.WebhookLimits{Total: 4, PerOwner: 2}
		for _, w := range []logstore.Webhook{hook("w1", "p", "alice", "https://a/1"), hook("w2", "p", "alice", "https://a/2"), hook("w3", "q", "alice", "https://a/1")} {
			if err := s.PutWebhook(ctx, w, lim); err != nil {
				t.Fatalf("%s: %v", w.ID, err)
			}
		}
		if err := s.PutWebhook(ctx, hook("w4", "p", "bob", "https://a/1"), lim); err != nil {
			t.Fatalf("bob's URL that alice also has: %v", err)
		}
		if err := s.PutWebhook(ctx, hook("x", "p", "alice", "https://a/3"), lim); entente.ErrorCode(err) != entente.ETOOLARGE {
			t.Fatalf("alice's third on p of at most 2: %v; want ETOOLARGE", err)
		}
		if err := s.PutWebhook(ctx, hook("x", "q", "carol", "https://c/1"), lim); entente.ErrorCode(err) != entente.ETOOLARGE {
			t.Fatalf("a fifth of at most 4: %v; want ETOOLARGE", err)
		}
		if err := s.PutWebhook(ctx, hook("y", "q", "alice", "https://a/1"), logstore.WebhookLimits{}); entente.ErrorCode(err) != entente.ECONFLICT {
			t.Fatalf("alice's URL registered twice on q: %v; want ECONFLICT", err)
		}
		// Replacing a held one is not counted.
		w2 := hook("w2", "p", "alice", "https://a/2")
		w2.From = 5
		if err := s.PutWebhook(ctx, w2, lim); err != nil {
			t.Fatalf("replacing w2 at the limit: %v", err)
		}
		all, err := s.Webhooks(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != 4 {
			t.Fatalf("held %d webhooks, want 4: %v", len(all), all)
		}
	})
	t.Run("WebhookLimitsConcurrent", func(t *testing.T) {
		dir := t.TempDir()
		a, b := open(t, dir), open(t, dir)
		const perOwner, tries = 3, 16
		lim := logstore.WebhookLimits{PerOwner: perOwner}
		var wg sync.WaitGroup
		errs := make(chan error, tries)
		for i := range tries {
			s := []DraftsAndWebhooks{a, b}[i%2]
			wg.Go(func() {
				// Half the tries repeat a URL: at most one of each URL,
				// and at most perOwner in all.
				errs <- s.PutWebhook(t.Context(), hook(fmt.Sprintf("w%02d", i), "p", "alice", fmt.Sprintf("https://a/%d", i/2)), lim)
			})
		}
		wg.Wait()
		close(errs)
		ok := 0
		for err := range errs {
			switch entente.ErrorCode(err) {
			case "":
				ok++
			case entente.ETOOLARGE, entente.ECONFLICT:
			default:
				t.Fatalf("a concurrent PutWebhook: %v", err)
			}
		}
		all, err := a.Webhooks(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		urls := map[string]bool{}
		for _, w := range all {
			if urls[w.URL] {
				t.Errorf("URL %s held twice", w.URL)
			}
			urls[w.URL] = true
		}
		if ok != perOwner || len(all) != perOwner {
			t.Fatalf("%d accepted and %d held of %d added at once through two handles; want %d", ok, len(all), tries, perOwner)
		}
	})
}

// runLeases holds the webhook leases to their contract.
func runLeases(t *testing.T, open DraftOpener, t0 time.Time) {
	lease := 30 * time.Second
	put := func(t *testing.T, s DraftsAndWebhooks, id string, from int64) {
		t.Helper()
		w := logstore.Webhook{ID: id, Pact: "p", Owner: "alice", URL: "https://example.org/" + id, Secret: "s", From: from, Created: t0}
		if err := s.PutWebhook(t.Context(), w, logstore.WebhookLimits{}); err != nil {
			t.Fatal(err)
		}
	}
	take := func(t *testing.T, s DraftsAndWebhooks, id, holder string, now time.Time) (logstore.WebhookLease, bool) {
		t.Helper()
		l, ok, err := s.LeaseWebhook(t.Context(), id, holder, now, now.Add(lease))
		if err != nil {
			t.Fatalf("LeaseWebhook(%s, %s): %v", id, holder, err)
		}
		return l, ok
	}
	t.Run("LeaseOneHolderAtATime", func(t *testing.T) {
		dir := t.TempDir()
		s := open(t, dir)
		ctx := t.Context()
		put(t, s, "w1", 7)
		l, ok := take(t, s, "w1", "A", t0)
		if !ok || l.Holder != "A" || !l.Until.Equal(t0.Add(lease)) || l.State.Next != 7 || l.Webhook != "w1" {
			t.Fatalf("first lease: %+v, %v; want A's until %s from entry 7", l, ok, t0.Add(lease))
		}
		if l, ok := take(t, s, "w1", "B", t0.Add(lease-time.Nanosecond)); ok || l.Holder != "A" {
			t.Fatalf("B took A's lease before it expired: %+v", l)
		}
		st := logstore.WebhookState{Next: 9, Delivered: 2, Attempts: 1, RetryAt: t0.Add(time.Minute), LastAttempt: t0.Add(time.Second), LastStatus: 500, LastError: "the receiver answered 500"}
		if err := s.SaveWebhookState(ctx, "w1", "B", st, t0, t0.Add(lease)); entente.ErrorCode(err) != entente.ECONFLICT {
			t.Fatalf("B saved state on A's lease: %v; want ECONFLICT", err)
		}
		// A saves and extends, then renews: the state stays.
		if err := s.SaveWebhookState(ctx, "w1", "A", st, t0.Add(time.Second), t0.Add(2*lease)); err != nil {
			t.Fatal(err)
		}
		if l, ok := take(t, s, "w1", "A", t0.Add(lease+time.Second)); !ok || l.State != st {
			t.Fatalf("A's renewal: %+v, %v; want the saved state %+v", l, ok, st)
		}
		if l, ok := take(t, s, "w1", "B", t0.Add(2*lease)); ok || l.Holder != "A" {
			t.Fatalf("B took A's renewed lease: %+v", l)
		}
		// A's lease expires: B takes it over from where A stood; A can
		// no longer save.
		at := t0.Add(lease + time.Second + lease)
		l, ok = take(t, s, "w1", "B", at)
		if !ok || l.Holder != "B" || l.State != st {
			t.Fatalf("B taking over the expired lease: %+v, %v; want B's with state %+v", l, ok, st)
		}
		if err := s.SaveWebhookState(ctx, "w1", "A", logstore.WebhookState{Next: 10}, at, at.Add(lease)); entente.ErrorCode(err) != entente.ECONFLICT {
			t.Fatalf("A saved after losing its lease: %v; want ECONFLICT", err)
		}
		// Released, the lease is free at once; the state survives a reopen.
		if err := s.ReleaseWebhook(ctx, "w1", "A"); err != nil {
			t.Fatal(err)
		}
		if err := s.ReleaseWebhook(ctx, "w1", "B"); err != nil {
			t.Fatal(err)
		}
		if l, ok := take(t, open(t, dir), "w1", "C", at.Add(time.Second)); !ok || l.State != st {
			t.Fatalf("C after B released, reopened: %+v, %v", l, ok)
		}
		leases, err := s.WebhookLeases(ctx)
		if err != nil || len(leases) != 1 || leases[0].Holder != "C" || leases[0].State != st {
			t.Fatalf("WebhookLeases = %+v, %v", leases, err)
		}
	})
	t.Run("LeaseErrors", func(t *testing.T) {
		s := open(t, t.TempDir())
		ctx := t.Context()
		if _, _, err := s.LeaseWebhook(ctx, "none", "A", t0, t0.Add(lease)); entente.ErrorCode(err) != entente.ENOTFOUND {
			t.Fatalf("leasing an unknown webhook: %v; want ENOTFOUND", err)
		}
		put(t, s, "w1", 0)
		for name, c := range map[string]struct {
			holder     string
			now, until time.Time
		}{"no holder": {"", t0, t0.Add(lease)}, "until at now": {"A", t0, t0}, "until before now": {"A", t0, t0.Add(-lease)}} {
			if _, _, err := s.LeaseWebhook(ctx, "w1", c.holder, c.now, c.until); entente.ErrorCode(err) != entente.EINVALID {
				t.Errorf("%s: %v; want EINVALID", name, err)
			}
		}
		if err := s.SaveWebhookState(ctx, "w1", "A", logstore.WebhookState{}, t0, t0.Add(lease)); entente.ErrorCode(err) != entente.ECONFLICT {
			t.Fatalf("saving a lease never taken: %v; want ECONFLICT", err)
		}
		take(t, s, "w1", "A", t0)
		if err := s.DeleteWebhook(ctx, "w1"); err != nil {
			t.Fatal(err)
		}
		if leases, err := s.WebhookLeases(ctx); err != nil || len(leases) != 0 {
			t.Fatalf("a deleted webhook's lease stayed: %+v, %v", leases, err)
		}
		// Made again, it starts afresh.
		put(t, s, "w1", 4)
		if l, ok := take(t, s, "w1", "B", t0); !ok || l.State.Next != 4 {
			t.Fatalf("the webhook made again: %+v, %v", l, ok)
		}
	})
	t.Run("LeaseConcurrentHandles", func(t *testing.T) {
		dir := t.TempDir()
		a, b := open(t, dir), open(t, dir)
		const hooks, rounds = 4, 6
		for i := range hooks {
			put(t, a, fmt.Sprintf("w%d", i), 0)
		}
		// Each round, eight holders through two handles reach for every
		// lease at once, at a time after the last round's leases expired:
		// exactly one holder gets each.
		for r := range rounds {
			now := t0.Add(time.Duration(r) * 2 * lease)
			var mu sync.Mutex
			won := map[string][]string{}
			var wg sync.WaitGroup
			for h := range 8 {
				s := []DraftsAndWebhooks{a, b}[h%2]
				holder := fmt.Sprintf("H%d", h)
				wg.Go(func() {
					for i := range hooks {
						id := fmt.Sprintf("w%d", i)
						_, ok, err := s.LeaseWebhook(t.Context(), id, holder, now, now.Add(lease))
						if err != nil {
							t.Error(err)
							return
						}
						if ok {
							mu.Lock()
							won[id] = append(won[id], holder)
							mu.Unlock()
						}
					}
				})
			}
			wg.Wait()
			for i := range hooks {
				if w := won[fmt.Sprintf("w%d", i)]; len(w) != 1 {
					t.Fatalf("round %d: w%d leased to %v; want exactly one holder", r, i, w)
				}
			}
		}
	})
}
