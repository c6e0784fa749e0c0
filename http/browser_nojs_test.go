package http_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/entente/entente"
)

// noJSState reports, for the page in a tab without script: the forms shown
// (each must work without script: a plain GET or POST with an action),
// the signing forms shown (none may be: they would do nothing), and the
// page's text.
const noJSState = `JSON.stringify({
	working: [...document.querySelectorAll("form")].filter((f) => f.offsetParent !== null && !f.dataset.command && !f.dataset.cosign).map((f) => f.getAttribute("id") || f.getAttribute("action")),
	dead: [...document.querySelectorAll("form")].filter((f) => f.offsetParent !== null && (f.dataset.command || f.dataset.cosign)).map((f) => f.getAttribute("id")),
	text: document.body.textContent,
})`

// TestBrowserWithoutJavaScript signs a member in (its session cookie, as a
// passkey sign-in left it) in a chromium that runs no script, and checks
// that each page says what acting needs and shows the command line for
// every action instead of a form that would silently record nothing:
// the pact's page (vote, comment, propose, pledge, contribute, dispute,
// appoint, resolve, notice, join), a draft (co-sign) and the found page,
// whose editor and preview work without script (a plain GET form) and
// whose preview then shows the founding's command line.
func TestBrowserWithoutJavaScript(t *testing.T) {
	ts := newTestServer(t)
	origin := browserOrigin(ts)
	ts.act("a", "co", entente.Propose{Matter: entente.General, Title: "Hire a coordinator"}, 201)
	ts.act("a", "co", entente.RaiseDispute{Against: []entente.ActorID{"b"}, Subject: "Late invoice"}, 201)
	bk := ts.enrolBrowserKey("a", "Ada's browser")
	web := newWebClient(ts)
	web.registerPasskey(bk, bk.key, 200)
	// A draft for a to co-sign: b asks for c as mediator.
	sig := ts.signed("b", "co", entente.AppointNeutral{Dispute: "d1", Role: entente.MediatorRole, Actor: "c"})
	var draft struct{ URL string }
	json.Unmarshal(web.postJSON("/drafts", sig, 201), &draft)

	ctx := newBrowser(t)
	step(t, ctx, "no script, a's session", chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			return err
		}
		ck := web.cookies["entente_session"]
		_, err := chromedp.Call(ctx, network.SetCookie, network.SetCookieParams{Name: ck.Name, Value: ck.Value, Domain: "localhost", Path: "/",
			SameSite: network.CookieSameSiteStrict})
		return err
	}))
	state := func(what string) (working, dead []string, text string) {
		t.Helper()
		out, err := chromedp.Run(ctx, chromedp.Evaluate[string](noJSState))
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		var s struct {
			Working, Dead []string
			Text          string
		}
		if err := json.Unmarshal([]byte(out), &s); err != nil {
			t.Fatal(err)
		}
		return s.Working, s.Dead, s.Text
	}

	step(t, ctx, "the pact's page", chromedp.Navigate(origin+"/pacts/co"), chromedp.WaitVisible(chromedp.CSS("#act-nojs")))
	working, dead, text := state("the pact's page")
	if len(dead) > 0 {
		t.Errorf("without script the pact's page shows signing forms that would record nothing: %v", dead)
	}
	for _, want := range []string{
		"Acting on this page needs JavaScript", "Voting on this page needs JavaScript",
		"entente vote co p1 --choice yes", "entente comment co --proposal p1", "entente comment co --dispute d1",
		"entente propose co ", "entente pledge co ", "entente contribute co ", "entente dispute open co ", "entente dispute escalate co ",
		"entente dispute appoint co d1 --role mediator", "entente dispute resolve co d1", "entente notice co ", "entente join co ",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("without script the pact's page does not say %q", want)
		}
	}
	t.Logf("the pact's page without script: working forms %v", working)

	step(t, ctx, "the draft", chromedp.Navigate(origin+draft.URL), chromedp.WaitVisible(chromedp.CSS("#cosign-h")))
	_, dead, text = state("the draft")
	if len(dead) > 0 {
		t.Errorf("without script the draft shows %v", dead)
	}
	for _, want := range []string{"Signing here needs JavaScript", "entente sign req.json --key YOU.key", "/drafts/", "Waiting for: a, c"} {
		if !strings.Contains(text, want) {
			t.Errorf("without script the draft does not say %q", want)
		}
	}

	// The editor and its preview work without script.
	step(t, ctx, "found a pact without script",
		chromedp.Navigate(origin+"/found?template=advocacy"),
		chromedp.WaitVisible(chromedp.CSS("#f-id")),
		chromedp.SetValue(chromedp.CSS("#f-id"), "voice"),
		chromedp.SetValue(chromedp.CSS("#f-name"), "Clean air voice"),
		chromedp.SetValue(chromedp.CSS("#f-founders"), "a, b"),
		chromedp.Click(chromedp.CSS("#found-editor button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#found-json")))
	working, dead, text = state("the found preview")
	if len(dead) > 0 || len(working) != 1 || working[0] != "found-editor" {
		t.Errorf("without script the found page shows working forms %v and signing forms %v", working, dead)
	}
	for _, want := range []string{"Clean air voice: the agreement in plain words", "adopted unless a member objects in 7d", "Signing here needs JavaScript", "entente pact found --file pact.json"} {
		if !strings.Contains(text, want) {
			t.Errorf("without script the found preview does not say %q", want)
		}
	}
}
