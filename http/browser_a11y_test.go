package http_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/entente/entente"
)

// a11yAudit checks, in the page as the browser renders it, rules of WCAG
// 2.2 AA of our own, beside axe-core's (axeAudit): the document's language and title; one main landmark and
// a banner; exactly one h1 and no heading that skips a level on the way
// down; every shown form control with an accessible name (a label, or
// aria-label(ledby)); every button and link with text; unique ids, and
// aria-describedby, aria-labelledby and label[for] pointing at ids that
// exist; every inline SVG with a title or a label; every live region
// polite; no positive tabindex; tables with header cells. It returns the
// violations.
const a11yAudit = `(() => {
	const bad = [];
	const shown = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
	if (!document.documentElement.lang) bad.push("no lang on <html>");
	if (!document.title.trim()) bad.push("no <title>");
	if (document.querySelectorAll("main").length !== 1) bad.push(document.querySelectorAll("main").length + " <main> landmarks");
	if (!document.querySelector("header")) bad.push("no banner (<header>)");
	const hs = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].filter(shown);
	if (hs.filter((h) => h.tagName === "H1").length !== 1) bad.push(hs.filter((h) => h.tagName === "H1").length + " h1 headings");
	let level = 0;
	for (const h of hs) {
		const l = Number(h.tagName[1]);
		if (l > level + 1) bad.push("heading '" + h.textContent.trim().slice(0, 40) + "' is h" + l + " after h" + level);
		level = l;
		if (!h.textContent.trim()) bad.push("an empty " + h.tagName);
	}
	const ids = {};
	for (const el of document.querySelectorAll("[id]")) {
		if (ids[el.id]) bad.push("duplicate id " + el.id);
		ids[el.id] = true;
	}
	for (const attr of ["aria-describedby", "aria-labelledby"]) {
		for (const el of document.querySelectorAll("[" + attr + "]")) {
			for (const id of el.getAttribute(attr).split(/\s+/)) if (!document.getElementById(id)) bad.push(attr + " points at missing id " + id);
		}
	}
	for (const l of document.querySelectorAll("label[for]")) if (!document.getElementById(l.htmlFor)) bad.push("label for missing id " + l.htmlFor);
	for (const el of document.querySelectorAll("input:not([type=hidden]), select, textarea")) {
		if (!shown(el)) continue;
		const named = (el.labels && el.labels.length) || el.getAttribute("aria-label") || el.getAttribute("aria-labelledby") || el.title;
		if (!named) bad.push("control " + (el.id || el.name) + " has no accessible name");
	}
	for (const el of document.querySelectorAll("button, a[href]")) {
		if (!shown(el)) continue;
		if (!(el.textContent.trim() || el.getAttribute("aria-label"))) bad.push(el.tagName + " " + (el.id || el.getAttribute("href") || "") + " has no text");
	}
	for (const svg of document.querySelectorAll("svg")) {
		if (!(svg.querySelector("title") || svg.getAttribute("aria-label") || svg.getAttribute("aria-labelledby") || svg.getAttribute("aria-hidden") === "true")) bad.push("an svg without title or label");
	}
	for (const el of document.querySelectorAll("[aria-live]")) if (el.getAttribute("aria-live") === "assertive" && el.getAttribute("role") !== "alert") bad.push("assertive live region " + el.id);
	for (const el of document.querySelectorAll("[tabindex]")) if (Number(el.getAttribute("tabindex")) > 0) bad.push("positive tabindex on " + (el.id || el.tagName));
	for (const t of document.querySelectorAll("table")) if (shown(t) && !t.querySelector("th")) bad.push("a table without header cells" + (t.id ? " (" + t.id + ")" : ""));
	return JSON.stringify(bad);
})()`

// axeScript is the text of axe-core's axe.min.js, read once from the path
// in ENTENTE_AXE (.ci/axe.sh installs it from npm and prints the path) or
// from .ci/axe.sh's default cache; empty when neither holds it.
var axeScript = sync.OnceValues(func() (string, string) {
	paths := []string{os.Getenv("ENTENTE_AXE")}
	if home, err := os.UserCacheDir(); err == nil {
		if matches, _ := filepath.Glob(filepath.Join(home, "entente", "axe", "*", "node_modules", "axe-core", "axe.min.js")); len(matches) > 0 {
			paths = append(paths, matches[len(matches)-1])
		}
	}
	for _, p := range paths {
		if p == "" {
			continue
		}
		if b, err := os.ReadFile(p); err == nil && len(b) > 0 {
			return string(b), p
		}
	}
	return "", ""
})

// axeAudit runs axe-core on the page against the WCAG 2.0-2.2 A and AA
// rules and returns its violations of serious or critical impact, each as
// "rule (impact): help: the first elements".
const axeAudit = `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}, resultTypes: ["violations"]}).then((r) =>
	JSON.stringify(r.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) =>
		v.id + " (" + v.impact + "): " + v.help + ": " + v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; "))))`

// checkAxe injects axe-core into the tab's page and fails the test for
// each serious or critical violation. Without axe-core it fails when CI is
// set and otherwise logs once that the check was left out.
func checkAxe(t *testing.T, ctx context.Context, page string) {
	t.Helper()
	script, _ := axeScript()
	if script == "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s: axe-core is missing: run .ci/axe.sh and set ENTENTE_AXE to the path it prints", page)
		}
		axeMissing.Do(func() { t.Log("axe-core is not installed (.ci/axe.sh): its check is left out") })
		return
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[string](script+"\n;\"loaded\"")); err != nil {
		t.Fatalf("%s: loading axe-core: %v", page, err)
	}
	out, err := chromedp.Run(ctx, chromedp.Evaluate[string](axeAudit, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: axe-core: %v", page, err)
	}
	var bad []string
	if err := json.Unmarshal([]byte(out), &bad); err != nil {
		t.Fatalf("%s: axe-core: %s: %v", page, out, err)
	}
	for _, b := range bad {
		t.Errorf("%s: axe-core: %s", page, b)
	}
}

var axeMissing sync.Once

// checkA11y runs a11yAudit and axe-core (checkAxe) on the tab's page and
// fails the test for each violation, naming the page.
func checkA11y(t *testing.T, ctx context.Context, page string) {
	t.Helper()
	checkAxe(t, ctx, page)
	out, err := chromedp.Run(ctx, chromedp.Evaluate[string](a11yAudit))
	if err != nil {
		t.Fatalf("%s: %v", page, err)
	}
	var bad []string
	if err := json.Unmarshal([]byte(out), &bad); err != nil {
		t.Fatalf("%s: %s: %v", page, out, err)
	}
	for _, b := range bad {
		t.Errorf("%s: %s", page, b)
	}
}

// TestBrowserAccessibility audits every page (the index, a pact's page for
// a member and for no one, the found page with its preview, a draft, the
// sign-in page and an error page) with a11yAudit, on a desktop and on a
// 360-px phone, where no shown control may stick out of the viewport.
func TestBrowserAccessibility(t *testing.T) {
	ts := newTestServer(t)
	origin := browserOrigin(ts)
	ts.act("a", "co", entente.Propose{Matter: entente.General, Title: "Hire a coordinator"}, 201)
	ts.act("a", "co", entente.RaiseDispute{Against: []entente.ActorID{"b"}, Subject: "Late invoice"}, 201)
	ts.act("a", "co", entente.PostComment{Dispute: "d1", Text: "Sent on 3 March."}, 201)
	ts.act("b", "co", entente.CastVote{Proposal: "p1", Choice: entente.No, Reason: "Not this year."}, 201)
	a, _ := newPerson(t, ts, "a")
	// A draft waiting for b: a asks for c as mediator of d1.
	step(t, a, "a asks for a mediator",
		chromedp.Navigate(origin+"/pacts/co"),
		chromedp.WaitVisible(chromedp.CSS("#appoint-form-d1 button")),
		chromedp.SetValue(chromedp.CSS("#appoint-actor-d1"), "c"),
		chromedp.Click(chromedp.CSS("#appoint-form-d1 button")))
	waitStatus(t, a, "#appoint-status-d1", "Waiting for b, c")
	draftURL, err := chromedp.Run(a, chromedp.Evaluate[string](`document.querySelector("#appoint-status-d1 a").href`))
	if err != nil {
		t.Fatal(err)
	}
	pages := []struct{ name, url, ready string }{
		{"index", origin + "/", "h1"},
		{"pact page", origin + "/pacts/co", "#propose-form button"},
		{"found page", origin + "/found?template=municipal", "#f-id"},
		{"found preview", origin + "/found?template=municipal&edited=1&id=net&name=Net&kind=coalition&founders=a,b,c&rule_budget=double_majority&threshold_budget=0.55&second_budget=0.65&weight_budget=capability:economic", "#found-form button"},
		{"refused founding", origin + "/found?template=municipal&edited=1&id=Bad+ID&name=&founders=zz", "#found-errors"},
		{"draft", draftURL, "#cosign-h"},
		{"amendment preview", origin + "/pacts/co/amend?edited=1&title=Notice&notice=30d&rule_budget=weighted&threshold_budget=0.6&weight_budget=capability:economic", "#amend-form button"},
		{"sign-in page", origin + "/signin", "h1"},
		{"not found", origin + "/pacts/nope", "#error-message"},
	}
	for _, width := range []int64{1200, 360} {
		step(t, a, "viewport", chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: width, Height: 800, DeviceScaleFactor: 1, Mobile: width < 600})
			return err
		}))
		for _, p := range pages {
			step(t, a, p.name, chromedp.Navigate(p.url), chromedp.WaitVisible(chromedp.CSS(p.ready)))
			checkA11y(t, a, p.name)
			if width == 360 {
				checkPhoneLayout(t, a, p.name)
			}
		}
	}
	// Anonymous: the pact's page as no one in particular sees it.
	anon := newBrowser(t)
	step(t, anon, "anonymous pact page", chromedp.Navigate(origin+"/pacts/co"), chromedp.WaitVisible(chromedp.CSS("#act-signin")))
	checkA11y(t, anon, "anonymous pact page")
}

// checkPhoneLayout fails the test if the page scrolls sideways or a shown
// control sticks out of the viewport.
func checkPhoneLayout(t *testing.T, ctx context.Context, page string) {
	t.Helper()
	out, err := chromedp.Run(ctx, chromedp.Evaluate[string](phoneLayout))
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Width int
		Bad   []string
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%s: %v", out, err)
	}
	for _, b := range got.Bad {
		t.Errorf("%s at %d px: %s", page, got.Width, b)
	}
}
