package http_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

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
// eur_k from the page and states its reservation value privately; b and c
// state theirs; the page then says a zone of possible agreement exists and
// shows the Nash and Kalai-Smorodinsky splits (each party its value plus a
// third of the surplus), without any party's value: the log's entries of
// the values are redacted for everyone but the secretariat, and a value
// left unclassified is refused. a puts the Nash split to the vote as an
// amendment, which the members adopt: the benefits clause becomes fixed
// shares. With two parties the splits are withheld from them.
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
	ts.act("b", "co", entente.StateReservation{Bargaining: "b1", Value: 30}, http.StatusBadRequest) // unclassified: refused
	ts.actClassified("b", "co", entente.StateReservation{Bargaining: "b1", Value: 30}, entente.ReservationClass, http.StatusCreated)
	ts.actClassified("c", "co", entente.StateReservation{Bargaining: "b1", Value: 10}, entente.ReservationClass, http.StatusCreated)

	step(t, a, "reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#zopa-b1")))
	txt, _ := chromedp.Run(a, chromedp.Text(chromedp.CSS("#bargain-b1")))
	for _, want := range []string{"agreement possible", "Nash\ta 33.33, b 43.33, c 23.33", "Kalai-Smorodinsky\ta 33.33, b 43.33, c 23.33"} {
		if !strings.Contains(txt, want) {
			t.Errorf("the bargaining reads %q, want %q", txt, want)
		}
	}
	// No value in the clear for anyone without the secretariat's role.
	entries := string(ts.call("GET", "/api/logs/co/entries", "", http.StatusOK))
	if strings.Contains(entries, `"value"`) || strings.Count(entries, `"type": "reservation_stated"`) != 3 || !strings.Contains(entries, `"redacted": true`) {
		t.Errorf("the log's reservation entries are not redacted for an anonymous reader")
	}
	if st := string(ts.call("GET", "/api/pacts/co", "", http.StatusOK)); strings.Contains(st, `"value"`) || !strings.Contains(st, `"stated"`) {
		t.Errorf("the pact's state shows a value, or not who stated one")
	}

	act(t, a, "put the Nash split to the vote", "#adopt-form-b1", "bargain-status-b1", "Proposal p2 is open until")
	for _, id := range []entente.ActorID{"a", "b", "c"} {
		ts.act(id, "co", entente.CastVote{Proposal: "p2", Choice: entente.Yes}, http.StatusCreated)
	}
	st, _ := ts.svc.Pact("co")
	if b := st.Pact.Agreement.Benefits; b.Kind != entente.BenefitFixedShares || b.Shares["a"] != 0.333333 || b.Shares["b"] != 0.433333 || b.Shares["c"] != 0.233334 {
		t.Errorf("the benefits clause after the vote: %+v", b)
	}

	// Two parties: the splits are not shown to them.
	ts.act("a", "co", entente.OpenBargaining{Title: "a loan", Parties: []entente.ActorID{"a", "b"}, Total: 10, Resource: "eur_k"}, http.StatusCreated)
	ts.actClassified("a", "co", entente.StateReservation{Bargaining: "b2", Value: 2}, entente.ReservationClass, http.StatusCreated)
	ts.actClassified("b", "co", entente.StateReservation{Bargaining: "b2", Value: 3}, entente.ReservationClass, http.StatusCreated)
	step(t, a, "reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#zopa-b2")))
	if txt, _ := chromedp.Run(a, chromedp.Text(chromedp.CSS("#bargain-b2"))); strings.Contains(txt, "Nash") || !strings.Contains(txt, "only the secretariat sees them") {
		t.Errorf("with two parties a sees %q", txt)
	}

	// The secretariat sees them: the bargain package's Nash and
	// Kalai-Smorodinsky on the two parties' frontier (each its value plus
	// half of the surplus of 5).
	ts.act("a", "co", entente.Propose{Matter: entente.RoleMatter, Title: "c keeps the books", Subject: "c", Role: entente.SecretariatRole}, http.StatusCreated)
	for _, id := range []entente.ActorID{"a", "b"} { // c, the subject, does not vote
		ts.act(id, "co", entente.CastVote{Proposal: "p3", Choice: entente.Yes}, http.StatusCreated)
	}
	bc := ts.enrolBrowserKey("c", "Cy's browser")
	web := newWebClient(ts)
	web.registerPasskey(bc, bc.key, 200)
	page := web.page("/pacts/co")
	i := strings.Index(page, `id="bargain-b2"`)
	if i < 0 || !strings.Contains(page[i:], "a 4.50, b 5.50") {
		t.Errorf("the secretariat does not see the two-party splits")
	}
}
