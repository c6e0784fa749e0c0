package http_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/entente/entente"
)

// actClassified posts by's request for cmd on log, classified class.
func (ts *testServer) actClassified(by entente.ActorID, log string, cmd any, class entente.Classification, want int) []byte {
	ts.tb.Helper()
	ts.nonces++
	req, err := entente.NewRequest(log, by, cmd, fmt.Sprintf("http-class-%08d", ts.nonces), ts.now.Add(entente.Day))
	if err != nil {
		ts.tb.Fatal(err)
	}
	req.Class = class
	sig, err := entente.NewSigned(req, ts.delegates[by].Key)
	if err != nil {
		ts.tb.Fatal(err)
	}
	b, _ := json.Marshal(sig)
	return ts.call("POST", "/api/requests", string(b), want)
}

// TestBrowserBargaining: a opens a bargaining among a, b and c over 100
// eur_k from the page and states its reservation value privately (its
// browser adds a random salt); b and c state theirs; the page then says a
// zone of possible agreement exists and shows the split drawn within it,
// not the Nash split (from which a, knowing its own value, could compute
// the others'): the log's entries of the values are redacted for everyone
// but the secretariat, and a value left unclassified is refused. a puts
// the drawn split to the vote as an amendment, which the members adopt:
// the benefits clause becomes fixed shares, each party's at least its
// value. Then a contribution schedule from the page: a and b share a cost
// of 90 (a pays at most 60, b 50); the drawn schedule, adopted, becomes
// the two contribution clauses. With two parties the secretariat, once
// appointed, sees the Nash and Kalai-Smorodinsky suggestions.
func TestBrowserBargaining(t *testing.T) {
	ts := newTestServer(t)
	origin := browserOrigin(ts)
	ts.act("c", "co", entente.RequestJoin{}, http.StatusCreated)
	ts.act("a", "co", entente.CastVote{Proposal: "p1", Choice: entente.Yes}, http.StatusCreated)
	ts.act("b", "co", entente.CastVote{Proposal: "p1", Choice: entente.Yes}, http.StatusCreated)
	a, _ := newPerson(t, ts, "a")
	step(t, a, "the pact's page", chromedp.Navigate(origin+"/pacts/co"))
	act(t, a, "open a bargaining", "#bargain-form", "bargain-status", "Bargaining b1 is open",
		"#bargain-title", "licence income", "#bargain-parties", "a, b, c", "#bargain-total", "100", "#bargain-resource", "eur_k")
	act(t, a, "state a's value", "#reserve-form-b1", "bargain-status-b1", "Your value in b1 is recorded, readable only by the secretariat.",
		"#reserve-value-b1", "20")
	ts.act("b", "co", entente.StateReservation{Bargaining: "b1", Value: 30, Salt: saltB}, http.StatusBadRequest) // unclassified: refused
	ts.actClassified("b", "co", entente.StateReservation{Bargaining: "b1", Value: 30, Salt: saltB}, entente.ReservationClass, http.StatusCreated)
	ts.actClassified("c", "co", entente.StateReservation{Bargaining: "b1", Value: 10, Salt: saltC}, entente.ReservationClass, http.StatusCreated)

	step(t, a, "reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#drawn-b1")))
	txt, _ := chromedp.Run(a, chromedp.Text(chromedp.CSS("#bargain-b1")))
	if !strings.Contains(txt, "agreement possible") || strings.Contains(txt, "Kalai-Smorodinsky\t") {
		t.Errorf("the bargaining reads %q", txt)
	}
	html, err := chromedp.Run(a, chromedp.OuterHTML(chromedp.CSS("#bargain-b1")))
	if err != nil {
		t.Fatal(err)
	}
	drawn := drawnOnPage(t, html, "b1")
	if drawn["a"] < 20 || drawn["b"] < 30 || drawn["c"] < 10 || math.Abs(drawn["a"]+drawn["b"]+drawn["c"]-100) > 0.02 {
		t.Errorf("the drawn split %v is outside the zone", drawn)
	}
	// No value in the clear for anyone without the secretariat's role.
	entries := string(ts.call("GET", "/api/logs/co/entries", "", http.StatusOK))
	if strings.Contains(entries, `"value"`) || strings.Count(entries, `"type": "reservation_stated"`) != 3 || !strings.Contains(entries, `"redacted": true`) {
		t.Errorf("the log's reservation entries are not redacted for an anonymous reader")
	}
	if st := string(ts.call("GET", "/api/pacts/co", "", http.StatusOK)); strings.Contains(st, `"value"`) || !strings.Contains(st, `"stated"`) {
		t.Errorf("the pact's state shows a value, or not who stated one")
	}

	act(t, a, "put the drawn split to the vote", "#adopt-form-b1", "bargain-status-b1", "Proposal p2 is open until")
	for _, id := range []entente.ActorID{"a", "b", "c"} {
		ts.act(id, "co", entente.CastVote{Proposal: "p2", Choice: entente.Yes}, http.StatusCreated)
	}
	st, _ := ts.svc.Pact("co")
	b := st.Pact.Agreement.Benefits
	if sum := b.Shares["a"] + b.Shares["b"] + b.Shares["c"]; b.Kind != entente.BenefitFixedShares || math.Abs(sum-1) > 1e-9 ||
		math.Abs(b.Shares["a"]*100-drawn["a"]) > 0.006 || b.Shares["b"] < 0.3 || b.Shares["c"] < 0.1 {
		t.Errorf("the benefits clause after the vote: %+v (drawn %v)", b, drawn)
	}

	// A contribution schedule, opened and stated from the page.
	step(t, a, "reload", chromedp.Reload())
	act(t, a, "open a contribution schedule", "#bargain-form", "bargain-status", "Bargaining b2 over a contribution schedule is open",
		"#bargain-title", "the survey", "#bargain-parties", "a, b", "#bargain-total", "90", "#bargain-resource", "eur_k", "#bargain-kind", "costs")
	act(t, a, "state a's maximum", "#reserve-form-b2", "bargain-status-b2", "Your value in b2 is recorded",
		"#reserve-value-b2", "60")
	ts.actClassified("b", "co", entente.StateReservation{Bargaining: "b2", Value: 50, Salt: saltB}, entente.ReservationClass, http.StatusCreated)
	step(t, a, "reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#drawn-b2")))
	if html, err = chromedp.Run(a, chromedp.OuterHTML(chromedp.CSS("#bargain-b2"))); err != nil {
		t.Fatal(err)
	}
	checkA11y(t, a, "pact page with bargainings")
	pays := drawnOnPage(t, html, "b2")
	if pays["a"] > 60 || pays["b"] > 50 || math.Abs(pays["a"]+pays["b"]-90) > 0.02 || !strings.Contains(html, "maxima cover the cost") {
		t.Errorf("the drawn schedule %v", pays)
	}
	act(t, a, "put the schedule to the vote", "#adopt-form-b2", "bargain-status-b2", "Proposal p3 is open until")
	for _, id := range []entente.ActorID{"a", "b", "c"} {
		ts.act(id, "co", entente.CastVote{Proposal: "p3", Choice: entente.Yes}, http.StatusCreated)
	}
	st, _ = ts.svc.Pact("co")
	got := map[entente.ActorID]float64{}
	for _, c := range st.Pact.Agreement.Contributions {
		if c.Resource == "eur_k" {
			got[c.Member] += c.Amount
		}
	}
	if len(got) != 2 || math.Abs(got["a"]-pays["a"]) > 0.006 || got["a"]+got["b"] != 90 {
		t.Errorf("the contribution clauses after the vote: %v (drawn %v)", got, pays)
	}

	// Two parties: the secretariat sees the suggestions (each its value
	// plus half of the surplus of 5); the parties see the drawn split.
	ts.act("a", "co", entente.OpenBargaining{Title: "a loan", Parties: []entente.ActorID{"a", "b"}, Total: 10, Resource: "eur_k"}, http.StatusCreated)
	ts.actClassified("a", "co", entente.StateReservation{Bargaining: "b3", Value: 2, Salt: saltA}, entente.ReservationClass, http.StatusCreated)
	ts.actClassified("b", "co", entente.StateReservation{Bargaining: "b3", Value: 3, Salt: saltB}, entente.ReservationClass, http.StatusCreated)
	step(t, a, "reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#drawn-b3")))
	if txt, _ := chromedp.Run(a, chromedp.Text(chromedp.CSS("#bargain-b3"))); strings.Contains(txt, "Kalai") {
		t.Errorf("with two parties a sees %q", txt)
	}
	ts.act("a", "co", entente.Propose{Matter: entente.RoleMatter, Title: "c keeps the books", Subject: "c", Role: entente.SecretariatRole}, http.StatusCreated)
	for _, id := range []entente.ActorID{"a", "b"} { // c, the subject, does not vote
		ts.act(id, "co", entente.CastVote{Proposal: "p4", Choice: entente.Yes}, http.StatusCreated)
	}
	// On a 360-px phone nothing of the bargainings sticks out, and the
	// sealed values leave no form to restate them.
	step(t, a, "a phone", chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: 360, Height: 800, DeviceScaleFactor: 1, Mobile: true})
		return err
	}), chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#drawn-b3")))
	checkPhoneLayout(t, a, "pact page with bargainings")
	if n, _ := chromedp.Run(a, chromedp.Evaluate[int](`document.querySelectorAll("[id^=reserve-form-]").length`)); n != 0 {
		t.Errorf("%d forms to restate sealed values", n)
	}
	page := signedInPage(ts, "c", "/pacts/co")
	i := strings.Index(page, `id="bargain-b3"`)
	if i < 0 || !strings.Contains(page[i:], "a 4.50, b 5.50") {
		t.Errorf("the secretariat does not see the two-party splits")
	}
}
