package http_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/entente/entente"
)

// phoneLayout reports, for the page in the tab, how wide the page is
// against the viewport and every shown form control that is wider than
// the viewport, sticks out of it, or has no label.
const phoneLayout = `(() => {
	const w = document.documentElement.clientWidth, bad = [];
	if (document.documentElement.scrollWidth > w) bad.push("the page is " + document.documentElement.scrollWidth + " px wide");
	let shown = 0;
	for (const el of document.querySelectorAll("input, select, textarea, button")) {
		if (el.offsetParent === null) continue;
		shown++;
		const r = el.getBoundingClientRect(), name = el.id || el.name || el.textContent.trim();
		if (r.width > w || r.left < 0 || r.right > w) bad.push(name + " spans " + Math.round(r.left) + " to " + Math.round(r.right) + " px");
		if (el.tagName !== "BUTTON" && el.labels.length === 0) bad.push(name + " has no label");
	}
	return JSON.stringify({ width: w, shown: shown, forms: document.querySelectorAll("form.act:not([hidden])").length, bad: bad });
})()`

// checkPhone fails the test if the pact page does not fit a 360-px viewport
// or shows fewer than forms signing forms.
func checkPhone(t *testing.T, ctx context.Context, forms int) {
	t.Helper()
	out, err := chromedp.Run(ctx, chromedp.Evaluate[string](phoneLayout))
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Width, Shown, Forms int
		Bad                 []string
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%s: %v", out, err)
	}
	if got.Width != 360 || got.Forms < forms || got.Shown < 2*forms {
		t.Fatalf("at 360 px: %s (want a 360-px viewport and at least %d forms)", out, forms)
	}
	for _, b := range got.Bad {
		t.Errorf("at 360 px: %s", b)
	}
}

// actFromPage drives the pact page of co, signed in as a in the tab, on a
// 360-px phone: a proposes and votes (seeing the outcome in words), pledges
// (first with a due date the server refuses, named in the live region),
// contributes against the pledge and freely, raises a dispute against b and
// escalates it, and gives notice. Every action is signed by the browser's
// key through entente.js; the caller checks the log.
func actFromPage(t *testing.T, ctx context.Context, ts *testServer) {
	t.Helper()
	step(t, ctx, "a 360-px phone",
		chromedp.EmulateViewport(360, 780),
		chromedp.Reload(),
		chromedp.WaitVisible(chromedp.CSS("#propose-form")))
	checkPhone(t, ctx, 5) // propose, pledge, contribute, dispute, notice

	step(t, ctx, "propose",
		chromedp.SetValue(chromedp.CSS("#propose-title"), "Open a Lisbon office"),
		chromedp.SetValue(chromedp.CSS("#propose-text"), "Rent a desk at the port authority."),
		chromedp.SetValue(chromedp.CSS("#propose-matter"), "general"),
		chromedp.Click(chromedp.CSS("#propose-form button")))
	waitStatus(t, ctx, "#propose-status", "Proposal p2 is open until")

	// b votes yes from its CLI; a's vote from the page settles p2, and the
	// page says so in words.
	ts.act("b", "co", entente.CastVote{Proposal: "p2", Choice: entente.Yes}, http.StatusCreated)
	step(t, ctx, "vote on p2",
		chromedp.SetValue(chromedp.CSS("#choice-p2"), "yes"),
		chromedp.Click(chromedp.CSS(`form.vote[data-proposal="p2"] button`)))
	waitStatus(t, ctx, "#vote-status", "Outcome: p2 is adopted: ")
	step(t, ctx, "p2's outcome on the page", chromedp.WaitVisible(chromedp.CSS("#proposal-p2 .outcome .badge.adopted")))

	step(t, ctx, "pledge due in the past",
		chromedp.SetValue(chromedp.CSS("#pledge-resource"), "eur_k"),
		chromedp.SetValue(chromedp.CSS("#pledge-amount"), "10"),
		chromedp.SetValue(chromedp.CSS("#pledge-due"), "2026-01-01"),
		chromedp.Click(chromedp.CSS("#pledge-form button")))
	waitStatus(t, ctx, "#pledge-status", "Refused: Due date (due): expected a due date not before now")
	if inv, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("pledge-due").getAttribute("aria-invalid") + " " + document.getElementById("pledge-status").getAttribute("role")`)); err != nil || inv != "true status" {
		t.Errorf("after a refused due date: aria-invalid and role say %q, %v", inv, err)
	}
	step(t, ctx, "pledge",
		chromedp.SetValue(chromedp.CSS("#pledge-due"), "2026-12-31"),
		chromedp.Click(chromedp.CSS("#pledge-form button")))
	waitStatus(t, ctx, "#pledge-status", "Pledge c1 recorded: 10 eur_k due 2026-12-31.")

	step(t, ctx, "contribute against c1",
		chromedp.SetValue(chromedp.CSS("#contribute-commitment"), "c1"),
		chromedp.SetValue(chromedp.CSS("#contribute-amount"), "4"),
		chromedp.Click(chromedp.CSS("#contribute-form button")))
	waitStatus(t, ctx, "#contribute-status", "4 eur_k against c1.")
	step(t, ctx, "contribute freely",
		chromedp.SetValue(chromedp.CSS("#contribute-resource"), "engineer_months"),
		chromedp.SetValue(chromedp.CSS("#contribute-amount"), "2"),
		chromedp.Click(chromedp.CSS("#contribute-form button")))
	waitStatus(t, ctx, "#contribute-status", "recorded: 2 engineer_months.")

	step(t, ctx, "raise a dispute",
		chromedp.SetValue(chromedp.CSS("#dispute-against"), "b"),
		chromedp.SetValue(chromedp.CSS("#dispute-subject"), "Late invoice"),
		chromedp.Click(chromedp.CSS("#dispute-form button")))
	waitStatus(t, ctx, "#dispute-status", "Dispute d1 raised with b, at negotiation.")
	step(t, ctx, "escalate it",
		chromedp.WaitVisible(chromedp.CSS("#escalate-form")),
		chromedp.SetValue(chromedp.CSS("#escalate-dispute"), "d1"),
		chromedp.Click(chromedp.CSS("#escalate-form button")))
	waitStatus(t, ctx, "#escalate-status", "Dispute d1 is now at mediation.")
	checkPhone(t, ctx, 6) // and escalate, now that a dispute can go up

	step(t, ctx, "give notice",
		chromedp.Click(chromedp.CSS("#notice-confirm")),
		chromedp.Click(chromedp.CSS("#notice-form button")))
	waitStatus(t, ctx, "#notice-status", "Notice given")
}
