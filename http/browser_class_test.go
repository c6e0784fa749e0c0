package http_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/entente/entente"
)

// TestBrowserClassifiedDispute: on a dispute classified to its parties, a
// party's comment and escalation made from the page carry the dispute's
// class, so a member who is no party reads neither (only their hashes),
// while the other party reads both.
func TestBrowserClassifiedDispute(t *testing.T) {
	ts := newTestServer(t)
	ts.act("a", "cl", entente.FoundPact{Pact: entente.Pact{ID: "cl", Name: "Classified", Kind: entente.Coalition,
		Duration: entente.Duration{Kind: entente.Permanent}}, Founders: []entente.ActorID{"a", "b", "c"}}, http.StatusCreated, "b", "c")
	ts.classified("a", "cl", entente.RaiseDispute{Against: []entente.ActorID{"b"}, Subject: "The secret invoice"}, entente.ClassParties, http.StatusCreated)
	a, _ := newPerson(t, ts, "a")
	step(t, a, "a's pact page", chromedp.Navigate(browserOrigin(ts)+"/pacts/cl"))
	secret := "The receipts are in the safe"
	act(t, a, "a comments on d1", "#comment-form-d1", "comment-status-d1", "Your comment on d1 is recorded.", "#comment-d1", secret)
	act(t, a, "a escalates d1", "#escalate-form", "escalate-status", "Dispute d1 is now at mediation.", "#escalate-dispute", "d1")

	_, asC := ts.getAs(ts.readToken("c", 10*time.Minute), "/api/logs/cl/entries")
	_, asB := ts.getAs(ts.readToken("b", 10*time.Minute), "/api/logs/cl/entries")
	if strings.Contains(string(asC), secret) || strings.Contains(string(asC), "mediation") {
		t.Errorf("c, no party, reads the comment or the escalation made from the page: %s", asC)
	}
	if !strings.Contains(string(asB), secret) || !strings.Contains(string(asB), "mediation") {
		t.Errorf("b, a party, cannot read them: %s", asB)
	}
}
