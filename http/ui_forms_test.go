package http_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/entente/entente"
)

// actForms are the signing forms of the pact page, by id, with the fields
// each must have.
var actForms = map[string][]string{
	"propose-form":    {"propose-title", "propose-text", "propose-matter", "propose-subject"},
	"pledge-form":     {"pledge-resource", "pledge-amount", "pledge-due"},
	"contribute-form": {"contribute-commitment", "contribute-resource", "contribute-amount"},
	"dispute-form":    {"dispute-against", "dispute-subject"},
	"escalate-form":   {"escalate-dispute"},
	"notice-form":     {"notice-confirm"},
}

// The CLI commands the page shows for acting without JavaScript.
var actCommands = []string{"entente propose co ", "entente pledge co ", "entente contribute co ", "entente dispute open co ", "entente dispute escalate co ", "entente notice co ", "entente vote co p1 "}

// TestPactPageForms: a signed-in member's pact page has a form for each
// action, hidden until script reveals it and signing with the session's
// browser key; every control has a label; each form has its live region;
// without JavaScript the page says acting needs it and shows the CLI
// commands; no one else gets the forms.
func TestPactPageForms(t *testing.T) {
	ts := newTestServer(t)
	ts.act("a", "co", entente.Propose{Matter: entente.General, Title: "Hire a coordinator"}, http.StatusCreated)
	ts.act("a", "co", entente.RaiseDispute{Against: []entente.ActorID{"b"}, Subject: "Late invoice"}, http.StatusCreated)

	anon := newWebClient(ts).page("/pacts/co")
	for _, c := range actCommands {
		if !strings.Contains(anon, c) {
			t.Errorf("the page for no one in particular lacks the command %q", c)
		}
	}
	if !strings.Contains(anon, `id="act-signin"`) || strings.Contains(anon, `class="act stack`) || strings.Contains(anon, "data-key=") {
		t.Error("the page for no one in particular should point to sign-in and offer no signing form")
	}

	bk := ts.enrolBrowserKey("a", "Ada's browser")
	web := newWebClient(ts)
	web.registerPasskey(bk, bk.key, 200)
	page := web.page("/pacts/co")
	key := `data-key="` + strings.ReplaceAll(bk.pub, "+", "&#43;") + `"`
	for id, fields := range actForms {
		tag := regexp.MustCompile(`<form [^>]*id="` + id + `"[^>]*>`).FindString(page)
		command := strings.TrimSuffix(id, "-form")
		for _, want := range []string{`class="act stack js-only" hidden`, `data-command="` + command + `"`, `data-pact="co"`, `data-actor="a"`, key, `data-status="` + command + `-status"`} {
			if !strings.Contains(tag, want) {
				t.Errorf("form %s: %q lacks %s", id, tag, want)
			}
		}
		if !strings.Contains(page, `<p id="`+command+`-status" role="status" aria-live="polite"`) {
			t.Errorf("form %s has no live region", id)
		}
		for _, f := range fields {
			if !regexp.MustCompile(`<(input|select|textarea) id="` + f + `" name="`).MatchString(page) {
				t.Errorf("form %s lacks the control %s", id, f)
			}
		}
	}
	// Every control on the page has its <label for>.
	for _, m := range regexp.MustCompile(`<(?:input|select|textarea) id="([^"]+)"`).FindAllStringSubmatch(page, -1) {
		if !strings.Contains(page, `<label for="`+m[1]+`">`) {
			t.Errorf("the control %s has no <label for>", m[1])
		}
	}
	if n := strings.Count(page, "<input") + strings.Count(page, "<select") + strings.Count(page, "<textarea"); n != len(regexp.MustCompile(`<(?:input|select|textarea) id="`).FindAllString(page, -1)) {
		t.Error("a control without an id cannot have a <label for>")
	}
	for _, want := range []string{`<option value="b">`, `<option value="d1">`, "general (simple majority: more yes than no among votes cast)",
		`id="act-nojs"`, "Acting on this page needs JavaScript", "Proposing here needs JavaScript", "Raising a dispute here needs JavaScript"} {
		if !strings.Contains(page, want) {
			t.Errorf("the member's page lacks %q", want)
		}
	}
	for _, c := range actCommands {
		if !strings.Contains(page, c) {
			t.Errorf("the member's page lacks the command %q", c)
		}
	}
	if regexp.MustCompile(`<script>|<script [^>]*>[^<]`).MatchString(page) || regexp.MustCompile(`\son[a-z]+=`).MatchString(page) {
		t.Error("the pact page carries inline script")
	}

	// c is signed in but no member of co: it may ask to join, and do
	// nothing else.
	bc := ts.enrolBrowserKey("c", "Cy's browser")
	other := newWebClient(ts)
	other.registerPasskey(bc, bc.key, 200)
	p := other.page("/pacts/co")
	if got := regexp.MustCompile(`data-command="([a-z]+)"`).FindAllStringSubmatch(p, -1); len(got) != 1 || got[0][1] != "join" || strings.Contains(p, `id="act-nojs"`) {
		t.Errorf("a non-member gets the signing forms %v", got)
	}
	for _, want := range []string{`id="join-form"`, "An actor that asks to join becomes an applicant, and an admission vote opens, decided by simple majority", "entente join co --key FILE"} {
		if !strings.Contains(p, want) {
			t.Errorf("the non-member's page lacks %q", want)
		}
	}
}
