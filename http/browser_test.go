package http_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	cdpwebauthn "github.com/chromedp/cdproto/webauthn"
	"github.com/chromedp/chromedp"

	"github.com/entente/entente"
	"github.com/entente/entente/ledger"
)

// chromiumPath is Debian's chromium, which .ci/run installs when absent.
const chromiumPath = "/usr/bin/chromium"

// newBrowser starts a headless chromium with a throw-away profile and no
// network of its own, and returns a context for one tab. Without chromium
// the test is skipped, unless CI is set: then it fails.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI is set but %s is missing (.ci/run installs it): %v", chromiumPath, err)
		}
		t.Skipf("no %s (apt-get install chromium); set CI to make this a failure", chromiumPath)
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromiumPath), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.UserDataDir(t.TempDir()))
	ctx, cancel := chromedp.NewContext(alloc, chromedp.WithErrorf(t.Logf))
	t.Cleanup(func() { cancel(); cancelAlloc() })
	// The first Run starts the browser, which lives as long as ctx.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return ctx
}

// step runs actions with a deadline, failing the test with what was being
// done.
func step(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	if err := chromedp.Do(c, actions...); err != nil {
		page, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href + "\n" + document.body.innerText`))
		t.Logf("the page at %s", page)
		t.Fatalf("%s: %v", what, err)
	}
}

// waitStatus waits until the text of the element sel says want, failing
// early (with the text) when it reports a failure instead. It survives
// navigations (a form's POST and redirect) while it waits.
func waitStatus(t *testing.T, ctx context.Context, sel, want string) string {
	t.Helper()
	expr := fmt.Sprintf(`(() => { const el = document.querySelector(%q); if (!el) return ""; const s = el.textContent;
		return (s.includes(%q) || el.classList.contains("bad")) ? s : ""; })()`, sel, want)
	deadline := time.Now().Add(15 * time.Second)
	var got string
	var err error
	for time.Now().Before(deadline) {
		c, cancel := context.WithTimeout(ctx, 2*time.Second)
		got, err = chromedp.Run(c, chromedp.Evaluate[string](expr))
		cancel()
		if err == nil && got != "" {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if !strings.Contains(got, want) {
		page, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href + "\n" + document.body.innerText`))
		t.Logf("the page at %s", page)
		t.Fatalf("%s says %q, want %q (last error: %v)", sel, got, want, err)
	}
	return got
}

// TestBrowserPasskeyVote runs the whole web flow in chromium: a delegate
// sets up the browser (a non-extractable WebCrypto key, enrolled with the
// co-signature of its CLI key), makes a passkey on a virtual authenticator,
// signs out and in again with it, and votes from the pact page; then, on a
// 360-px phone, proposes, votes, pledges, contributes, raises and escalates
// a dispute and gives notice from the page (actFromPage). The store then
// verifies, and each of those entries carries the browser key's signature
// alone.
func TestBrowserPasskeyVote(t *testing.T) {
	ctx := newBrowser(t)
	start := time.Now()
	ts := newTestServer(t)
	ts.act("a", "co", entente.Propose{Matter: entente.General, Title: "Hire a coordinator"}, 201)
	u, _ := url.Parse(ts.srv.URL)
	origin := "http://localhost:" + u.Port() // passkeys need a domain: localhost, not 127.0.0.1

	step(t, ctx, "virtual authenticator", virtualAuthenticator())

	// Set up this browser: it makes its key and signs the enrolment ...
	step(t, ctx, "sign-in page",
		chromedp.Navigate(origin+"/signin"),
		chromedp.WaitVisible(chromedp.CSS("#enrol-actor")),
		chromedp.SendKeys(chromedp.CSS("#enrol-actor"), "a"),
		chromedp.SendKeys(chromedp.CSS("#enrol-delegate"), "Ada in Chromium"),
		chromedp.Click(chromedp.CSS("#enrol-make")),
		chromedp.WaitVisible(chromedp.CSS("#enrol-step2")))
	waitStatus(t, ctx, "#status", "Co-sign the request")
	reqText, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#enrol-request")))
	if err != nil {
		t.Fatal(err)
	}
	// ... which the delegate co-signs with its CLI key, as 'entente sign
	// enrol.json --key a.key' does, and pastes back.
	var enrol entente.Signed
	if err := json.Unmarshal([]byte(reqText), &enrol); err != nil {
		t.Fatalf("the page's enrolment request %q: %v", reqText, err)
	}
	req, err := enrol.Parse()
	if err != nil || req.Command != "enrol" || req.Actor != "a" || len(enrol.Signatures) != 1 {
		t.Fatalf("the page's enrolment request: %+v, %v", req, err)
	}
	browserKey := enrol.Signatures[0].Key
	enrol.Cosign(ts.delegates["a"].Key)
	cosigned, _ := json.Marshal(enrol)
	step(t, ctx, "paste the co-signed request",
		chromedp.SetValue(chromedp.CSS("#enrol-signed"), string(cosigned)),
		chromedp.Click(chromedp.CSS("#enrol-submit")))
	waitStatus(t, ctx, "#status", "Passkey made; signed in as a.")

	// The private key cannot leave the browser, not even to its own page.
	keyInfo, err := chromedp.Run(ctx, chromedp.Evaluate[string](`new Promise((ok, fail) => {
		const r = indexedDB.open("entente"); r.onerror = fail;
		r.onsuccess = () => { const g = r.result.transaction("keys").objectStore("keys").get(`+fmt.Sprintf("%q", browserKey)+`);
			g.onsuccess = () => ok(g.result.privateKey.algorithm.name + " extractable=" + g.result.privateKey.extractable); g.onerror = fail; };
	})`, chromedp.EvalAwaitPromise))
	if err != nil || keyInfo != "Ed25519 extractable=false" {
		t.Fatalf("the browser's key: %q, %v", keyInfo, err)
	}

	// Sign out, then in again with the passkey.
	step(t, ctx, "sign out",
		chromedp.Navigate(origin+"/signin"),
		chromedp.Click(chromedp.CSS("#signout")))
	waitStatus(t, ctx, "#session", "You are not signed in.")
	step(t, ctx, "passkey sign-in", chromedp.Click(chromedp.CSS("#passkey-signin")))
	waitStatus(t, ctx, "#status", "Signed in as a.")
	if html, _ := chromedp.Run(ctx, chromedp.OuterHTML(chromedp.CSS("#signed-in"))); !strings.Contains(html, "This browser holds key "+browserKey) {
		t.Fatalf("after passkey sign-in the page says %s", html)
	}

	// Vote from the pact page.
	step(t, ctx, "vote",
		chromedp.Navigate(origin+"/pacts/co"),
		chromedp.WaitVisible(chromedp.CSS(`form.vote[data-proposal="p1"] button`)),
		chromedp.SetValue(chromedp.CSS("#choice-p1"), "no"),
		chromedp.Click(chromedp.CSS(`form.vote[data-proposal="p1"] button`)))
	waitStatus(t, ctx, "#vote-status", "Your vote (no) on p1 is recorded")

	// Everything else a member does, from the same page and key.
	actFromPage(t, ctx, ts)

	// The store verifies, and the vote is the browser key's.
	reports, err := ledger.Verify(context.Background(), ts.store, ts.svc.Verifier())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reports {
		if !r.OK() {
			t.Errorf("verify: log %s: %s", r.Log, r.Problem)
		}
	}
	entries, err := ts.store.Entries(context.Background(), "co", 0, -1)
	if err != nil {
		t.Fatal(err)
	}
	var vote *entente.Event
	for _, e := range entries {
		ev, err := entente.DecodeEvent(e.Data)
		if err != nil {
			t.Fatal(err)
		}
		if v, ok := ev.Data.(entente.VoteCast); ok && v.Proposal == "p1" && v.Member == "a" {
			vote = &ev
		}
	}
	if vote == nil || vote.Signed == nil {
		t.Fatalf("no signed vote by a on p1 in the log: %+v", vote)
	}
	if v := vote.Data.(entente.VoteCast); v.Choice != entente.No {
		t.Errorf("the log says a voted %s", v.Choice)
	}
	if len(vote.Signed.Signatures) != 1 || vote.Signed.Signatures[0].Key != browserKey {
		t.Fatalf("the vote is signed by %+v, want the browser key %s alone", vote.Signed.Signatures, browserKey)
	}
	if err := vote.Signed.Signatures[0].Verify([]byte(vote.Signed.Request)); err != nil {
		t.Fatalf("the browser's signature does not verify: %v", err)
	}
	if k := ts.svc.Registry().Keys[browserKey]; k == nil || k.Actor != "a" || k.Delegate != "Ada in Chromium" {
		t.Fatalf("the registry's record of the browser key: %+v", k)
	}

	// Each of the page's actions is one entry signed by the browser key
	// alone, and says what it did.
	signedBy := map[string]string{}
	for _, e := range entries {
		ev, _ := entente.DecodeEvent(e.Data)
		if ev.Signed == nil {
			continue
		}
		req, err := ev.Signed.Parse()
		if err != nil {
			t.Fatalf("entry %d: %v", ev.Seq, err)
		}
		if req.Actor == "a" && len(ev.Signed.Signatures) == 1 && ev.Signed.Signatures[0].Key == browserKey {
			signedBy[ev.Data.EventType()] = req.Command
		}
	}
	for typ, cmd := range map[string]string{"proposal_opened": "propose", "vote_cast": "vote", "commitment_made": "pledge",
		"contribution_made": "contribute", "dispute_opened": "dispute", "dispute_escalated": "escalate", "notice_given": "notice"} {
		if signedBy[typ] != cmd {
			t.Errorf("no %s entry from a %q request signed by the browser key alone (got %v)", typ, cmd, signedBy)
		}
	}
	st, _ := ts.svc.Pact("co")
	if p := st.Proposal("p2"); p == nil || p.Title != "Open a Lisbon office" || p.Text != "Rent a desk at the port authority." || p.Decision == nil || p.Decision.Outcome != entente.Adopted {
		t.Errorf("p2 as the page proposed it: %+v", p)
	}
	if c := st.Commitment("c1"); c == nil || c.Resource != "eur_k" || c.Amount != 10 || c.Delivered != 4 || !c.Due.Equal(time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("c1 as the page pledged and delivered it: %+v", c)
	}
	if d := st.Dispute("d1"); d == nil || d.Stage != entente.Mediation || len(d.Parties) != 2 || d.Parties[1] != "b" || d.Subject != "Late invoice" {
		t.Errorf("d1 as the page raised and escalated it: %+v", d)
	}
	if m := st.Members.Get("a"); m == nil || m.InPact() {
		t.Errorf("a gave notice from the page (no notice period) but is %+v", m)
	}

	t.Logf("browser flow took %s", time.Since(start).Round(time.Millisecond))
}

// virtualAuthenticator turns WebAuthn on in the tab and adds a platform
// authenticator that holds resident keys and verifies its user, so that
// passkeys are made and used without a person.
func virtualAuthenticator() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		if _, err := chromedp.Call(ctx, cdpwebauthn.Enable, cdpwebauthn.EnableParams{}); err != nil {
			return err
		}
		_, err := chromedp.Call(ctx, cdpwebauthn.AddVirtualAuthenticator, cdpwebauthn.AddVirtualAuthenticatorParams{
			Options: &cdpwebauthn.VirtualAuthenticatorOptions{
				Protocol: cdpwebauthn.AuthenticatorProtocolCtap2, Transport: cdpwebauthn.AuthenticatorTransportInternal,
				HasResidentKey: true, HasUserVerification: true, IsUserVerified: true, AutomaticPresenceSimulation: true,
			}})
		return err
	})
}
