package http_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/entente/entente"
	"github.com/entente/entente/ledger"
)

// browserOrigin is the test server's origin as passkeys need it.
func browserOrigin(ts *testServer) string {
	u, _ := url.Parse(ts.srv.URL)
	return "http://localhost:" + u.Port()
}

// newPerson starts a browser of its own (its own profile, cookies,
// IndexedDB and authenticator: another person at another computer) and
// signs actor in there: the browser makes its key, the actor's CLI key
// co-signs the enrolment, and a passkey on a virtual authenticator opens
// the session. It returns the tab and the browser's public key.
func newPerson(t *testing.T, ts *testServer, actor entente.ActorID) (context.Context, string) {
	t.Helper()
	// A browser process each: chromedp's DOM actions do not reach a tab
	// in a second browser context of one process.
	ctx := newBrowser(t)
	step(t, ctx, string(actor)+": virtual authenticator", virtualAuthenticator())
	step(t, ctx, string(actor)+": make the browser's key",
		chromedp.Navigate(browserOrigin(ts)+"/signin"),
		chromedp.WaitVisible(chromedp.CSS("#enrol-actor")),
		chromedp.SendKeys(chromedp.CSS("#enrol-actor"), string(actor)),
		chromedp.SendKeys(chromedp.CSS("#enrol-delegate"), "browser of "+string(actor)),
		chromedp.Click(chromedp.CSS("#enrol-make")),
		chromedp.WaitVisible(chromedp.CSS("#enrol-step2")))
	waitStatus(t, ctx, "#status", "Co-sign the request")
	reqText, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#enrol-request")))
	if err != nil {
		t.Fatal(err)
	}
	var enrol entente.Signed
	if err := json.Unmarshal([]byte(reqText), &enrol); err != nil {
		t.Fatal(err)
	}
	key := enrol.Signatures[0].Key
	enrol.Cosign(ts.delegates[actor].Key)
	cosigned, _ := json.Marshal(enrol)
	step(t, ctx, string(actor)+": enrol and make a passkey",
		chromedp.SetValue(chromedp.CSS("#enrol-signed"), string(cosigned)),
		chromedp.Click(chromedp.CSS("#enrol-submit")))
	waitStatus(t, ctx, "#status", "Passkey made; signed in as "+string(actor)+".")
	return ctx, key
}

// focused returns the id of the element that has the focus.
func focused(t *testing.T, ctx context.Context) string {
	t.Helper()
	id, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement ? document.activeElement.id : ""`))
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// act fills a form's fields (by CSS selector), submits it, waits for its
// live region to say want, and checks that the focus moved there.
func act(t *testing.T, ctx context.Context, what, form, status, want string, fields ...string) {
	t.Helper()
	var actions []chromedp.Action[chromedp.Void]
	actions = append(actions, chromedp.WaitVisible(chromedp.CSS(form+" button")))
	for i := 0; i+1 < len(fields); i += 2 {
		actions = append(actions, chromedp.SetValue(chromedp.CSS(fields[i]), fields[i+1]))
	}
	actions = append(actions, chromedp.Click(chromedp.CSS(form+" button")))
	step(t, ctx, what, actions...)
	waitStatus(t, ctx, "#"+status, want)
	if got := focused(t, ctx); got != status {
		t.Errorf("%s: after the action the focus is on %q, want the result %q", what, got, status)
	}
}

// TestBrowserFoundAdmitDiscussResolve runs a pact's life across three
// people, each in a browser context of its own: a founds a joint venture
// from the R&D template (previewing its clauses and voting power) and b
// co-signs the founding from its inbox; c asks to join from the page; a
// comments on the admission, and a and b vote with reasons from their pages
// (c is admitted); a raises a dispute with b, escalates it and asks for c
// as mediator, which b and c co-sign from their inboxes; b comments on the
// dispute, and c, now its mediator, closes it from the page. Every entry
// verifies, the founding and the appointment carry each signer's browser
// key, and after each action the focus is on its result.
func TestBrowserFoundAdmitDiscussResolve(t *testing.T) {
	ts := newTestServer(t)
	origin := browserOrigin(ts)
	a, keyA := newPerson(t, ts, "a")
	b, keyB := newPerson(t, ts, "b")
	c, keyC := newPerson(t, ts, "c")

	// a founds from the template.
	step(t, a, "the R&D template",
		chromedp.Navigate(origin+"/found?template=rnd-jv"),
		chromedp.WaitVisible(chromedp.CSS("#f-id")),
		chromedp.SetValue(chromedp.CSS("#f-id"), "lab"),
		chromedp.SetValue(chromedp.CSS("#f-name"), "Battery lab"),
		chromedp.SetValue(chromedp.CSS("#f-founders"), "a, b"),
		chromedp.Click(chromedp.CSS("#found-editor button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#found-form button")))
	preview, err := chromedp.Run(a, chromedp.Text(chromedp.CSS("#found-result")))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"A member leaves 180 days after giving notice", "Every member can block a decision alone", "qualified majority: yes from 67% of members", "50.0%"} {
		if !strings.Contains(preview, want) {
			t.Errorf("the founding's preview lacks %q", want)
		}
	}
	// htmx updates the preview as a field changes, without a click; a bad
	// value shows its problem there, and a good one brings the preview back.
	step(t, a, "a bad threshold, previewed live",
		chromedp.SetValue(chromedp.CSS("#f-threshold_general"), "lots"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("f-threshold_general").dispatchEvent(new Event("change", {bubbles: true}))`),
		chromedp.WaitVisible(chromedp.CSS("#found-errors")))
	step(t, a, "a simple majority, previewed live",
		chromedp.Evaluate[chromedp.Void](`document.getElementById("f-threshold_general").value = "";
			document.getElementById("f-rule_general").value = "simple_majority";
			document.getElementById("f-rule_general").dispatchEvent(new Event("change", {bubbles: true}))`),
		chromedp.WaitVisible(chromedp.CSS("#found-form button")))
	if txt, _ := chromedp.Run(a, chromedp.Text(chromedp.CSS("#rule-general-h + p"))); txt != "Decided by simple majority: more yes than no among votes cast." {
		t.Errorf("after the live preview the general rule reads %q", txt)
	}
	act(t, a, "sign the founding", "#found-form", "found-status", "Waiting for b to co-sign")

	step(t, b, "b's inbox", chromedp.Navigate(origin+"/"), chromedp.WaitVisible(chromedp.CSS("#drafts a")), chromedp.Click(chromedp.CSS("#drafts a")))
	act(t, b, "b co-signs the founding", "#cosign-form", "cosign-status", "The alliance Battery lab is founded, with a, b.")

	// c asks to join; a comments on the admission; a and b vote with reasons.
	step(t, c, "c on the pact's page", chromedp.Navigate(origin+"/pacts/lab"))
	act(t, c, "c asks to join", "#join-form", "join-status", "The admission of c is put to the vote as p1")
	step(t, a, "a on the pact's page", chromedp.Navigate(origin+"/pacts/lab"))
	act(t, a, "a comments on p1", "#comment-form-p1", "comment-status-p1", "Your comment on p1 is recorded.",
		"#comment-p1", "Their cathode team would save us a year.")
	act(t, a, "a votes on p1", "#vote-form-p1", "vote-status", "Your vote (yes) on p1 is recorded. It is still open: 1 of 2 have voted.",
		"#choice-p1", "yes", "#reason-p1", "We need their cathode work.")
	step(t, b, "b on the pact's page", chromedp.Navigate(origin+"/pacts/lab"), chromedp.WaitVisible(chromedp.CSS("#proposal-p1 .comments")))
	if th, _ := chromedp.Run(b, chromedp.Text(chromedp.CSS("#proposal-p1"))); !strings.Contains(th, "Their cathode team would save us a year.") || !strings.Contains(th, "We need their cathode work.") {
		t.Errorf("b sees p1 as %q", th)
	}
	act(t, b, "b votes on p1", "#vote-form-p1", "vote-status", "c was admitted by p1.",
		"#choice-p1", "yes", "#reason-p1", "Agreed, if they pledge staff.")

	// a raises a dispute with b, escalates it and asks for c as mediator.
	step(t, a, "reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#dispute-form")))
	act(t, a, "a raises a dispute", "#dispute-form", "dispute-status", "Dispute d1 raised with b",
		"#dispute-against", "b", "#dispute-subject", "Late prototype")
	act(t, a, "a escalates it", "#escalate-form", "escalate-status", "Dispute d1 is now at mediation.", "#escalate-dispute", "d1")
	act(t, a, "a asks for c as mediator", "#appoint-form-d1", "appoint-status-d1", "Waiting for b, c to co-sign",
		"#appoint-role-d1", "mediator", "#appoint-actor-d1", "c")
	step(t, b, "b's inbox", chromedp.Navigate(origin+"/"), chromedp.WaitVisible(chromedp.CSS("#drafts a")), chromedp.Click(chromedp.CSS("#drafts a")))
	act(t, b, "b co-signs the appointment", "#cosign-form", "cosign-status", "Signed. Still waiting for c.")
	step(t, c, "c's inbox", chromedp.Navigate(origin+"/"), chromedp.WaitVisible(chromedp.CSS("#drafts a")), chromedp.Click(chromedp.CSS("#drafts a")))
	act(t, c, "c co-signs the appointment", "#cosign-form", "cosign-status", "c is now mediator of dispute d1.")

	step(t, b, "b on the pact's page", chromedp.Navigate(origin+"/pacts/lab"))
	act(t, b, "b comments on d1", "#comment-form-d1", "comment-status-d1", "Your comment on d1 is recorded.", "#comment-d1", "The supplier was late, not us.")
	step(t, c, "c on the pact's page", chromedp.Navigate(origin+"/pacts/lab"))
	act(t, c, "c closes d1", "#resolve-form-d1", "resolve-status-d1", "Dispute d1 is closed: b delivers by 1 May; no penalty.",
		"#resolve-outcome-d1", "b delivers by 1 May; no penalty.")
	if txt, _ := chromedp.Run(c, chromedp.Text(chromedp.CSS("#dispute-d1"))); !strings.Contains(txt, "The supplier was late, not us.") || !strings.Contains(txt, "closed") {
		t.Errorf("c sees d1 as %q", txt)
	}

	// The record: it verifies; the state is what the pages did; the
	// founding and the appointment carry every signer's browser key.
	reports, err := ledger.Verify(context.Background(), ts.store, ts.svc.Verifier())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reports {
		if !r.OK() {
			t.Errorf("verify: log %s: %s", r.Log, r.Problem)
		}
	}
	st, err := ts.svc.Pact("lab")
	if err != nil {
		t.Fatal(err)
	}
	if st.Pact.Kind != entente.Alliance || st.Pact.Agreement.Rules[entente.Budget].WeightBy != "capability:economic" || st.Members.Get("c") == nil || !st.Members.Get("c").InPact() {
		t.Errorf("the pact: %+v, members %v", st.Pact, st.InPact())
	}
	if r := st.Pact.Agreement.Rules[entente.General]; r.Kind != entente.SimpleMajority {
		t.Errorf("the general rule the founders signed: %+v", r)
	}
	p := st.Proposal("p1")
	if p.Reasons.Get("a") != "We need their cathode work." || p.Reasons.Get("b") != "Agreed, if they pledge staff." || len(p.Comments) != 1 || p.Comments[0].By != "a" {
		t.Errorf("p1: reasons %v, comments %+v", p.Reasons, p.Comments)
	}
	d := st.Dispute("d1")
	if d.Mediator != "c" || d.Stage != entente.Closed || d.Outcome != "b delivers by 1 May; no penalty." || len(d.Comments) != 1 {
		t.Errorf("d1: %+v", d)
	}
	entries, err := ts.store.Entries(context.Background(), "lab", 0, -1)
	if err != nil {
		t.Fatal(err)
	}
	keysOf := map[string][]string{}
	for _, e := range entries {
		ev, _ := entente.DecodeEvent(e.Data)
		if ev.Signed == nil {
			continue
		}
		var keys []string
		for _, g := range ev.Signed.Signatures {
			keys = append(keys, g.Key)
		}
		keysOf[ev.Data.EventType()] = keys
	}
	for typ, want := range map[string][]string{"pact_founded": {keyA, keyB}, "neutral_appointed": {keyA, keyB, keyC}, "dispute_resolved": {keyC}, "comment_posted": {keyB}} {
		if fmt.Sprint(keysOf[typ]) != fmt.Sprint(want) {
			t.Errorf("%s is signed by %v, want the browser keys %v", typ, keysOf[typ], want)
		}
	}
}

// TestBrowserAmendment: a member opens the agreement editor on its pact,
// shortens the notice period, sees what changes and the rules' voting
// power, and signs the amendment; the other member votes, and the
// agreement in force has the new clause.
func TestBrowserAmendment(t *testing.T) {
	ts := newTestServer(t)
	origin := browserOrigin(ts)
	a, key := newPerson(t, ts, "a")
	step(t, a, "the pact's agreement", chromedp.Navigate(origin+"/pacts/co"), chromedp.Click(chromedp.CSS("#amend-link")),
		chromedp.WaitVisible(chromedp.CSS("#f-notice")),
		chromedp.SetValue(chromedp.CSS("#f-title"), "Thirty days' notice"),
		chromedp.SetValue(chromedp.CSS("#f-notice"), "30d"),
		chromedp.Click(chromedp.CSS("#found-editor button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#amend-form button")))
	if txt, _ := chromedp.Run(a, chromedp.Text(chromedp.CSS("#changes"))); txt != "Leaving: now “A member leaves 30 days after giving notice; its commitments stand until then.” (was “A member may leave at once by giving notice.”)" {
		t.Errorf("what changes: %q", txt)
	}
	act(t, a, "propose the amendment", "#amend-form", "amend-status", "Proposal p1 is open until")
	ts.act("a", "co", entente.CastVote{Proposal: "p1", Choice: entente.Yes}, 201)
	ts.act("b", "co", entente.CastVote{Proposal: "p1", Choice: entente.Yes}, 201)
	st, _ := ts.svc.Pact("co")
	if p := st.Proposal("p1"); p == nil || p.Matter != entente.Amendment || p.Decision == nil || p.Decision.Outcome != entente.Adopted || st.Pact.Agreement.Exit.Notice != entente.Days(30) || st.Pact.Agreement.Join != entente.JoinConsent {
		t.Errorf("after the vote: %+v, agreement %+v", p, st.Pact.Agreement)
	}
	entries, _ := ts.store.Entries(context.Background(), "co", 0, -1)
	for _, e := range entries {
		if ev, _ := entente.DecodeEvent(e.Data); ev.Data.EventType() == "proposal_opened" && (ev.Signed == nil || ev.Signed.Signatures[0].Key != key) {
			t.Errorf("the amendment is not signed by the browser key alone: %+v", ev.Signed)
		}
	}
}
