package http_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestFoundPageTemplates: every template renders the editor; an edited
// charter previews each clause in words and each rule's voting power among
// the founders; a bad field answers 400 naming it beside the field.
func TestFoundPageTemplates(t *testing.T) {
	ts := newTestServer(t)
	for _, key := range []string{"rnd-jv", "advocacy", "defence", "municipal"} {
		page := string(ts.call("GET", "/found?template="+key, "", http.StatusOK))
		if !strings.Contains(page, `aria-current="page">`) || !strings.Contains(page, `id="found-editor"`) {
			t.Errorf("template %s: no editor", key)
		}
	}
	q := url.Values{"template": {"rnd-jv"}, "edited": {"1"}, "id": {"lab"}, "name": {"Battery lab"}, "kind": {"alliance"},
		"founders": {"a, b, c"}, "benefits": {"by_contribution"}, "notice": {"180d"}, "negotiation": {"30d"},
		"rule_general": {"qualified_majority"}, "threshold_general": {"67%"},
		"rule_budget": {"weighted"}, "threshold_budget": {"0.6"}, "weight_budget": {"capability:economic"},
		"rule_admission": {"unanimity"}}
	page := string(ts.call("GET", "/found?"+q.Encode(), "", http.StatusOK))
	for _, want := range []string{
		"Battery lab: the agreement in plain words",
		"A member leaves 180 days after giving notice",
		"Split in proportion to what each member delivered.",
		"qualified majority: yes from 67% of members",
		"Every member can block a decision alone",
		"Power (Banzhaf)", "33.3%",
		`<a href="/signin">Sign in</a> as one of the founders`, `id="found-json"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the preview lacks %q", want)
		}
	}
	q.Set("threshold_general", "lots")
	q.Set("founders", "a, zz")
	page = string(ts.call("GET", "/found?"+q.Encode(), "", http.StatusBadRequest))
	for _, want := range []string{`id="e-threshold_general"`, "expected a share such as 0.6 or 60%", "zz&#34; is not a registered actor", `role="alert"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the refused editor lacks %q", want)
		}
	}
}

// TestAmendPage: the amendment editor starts from the agreement in force,
// lists what an edit changes, and refuses a proposal without a title, or
// with a bad rule, with 400 naming the field.
func TestAmendPage(t *testing.T) {
	ts := newTestServer(t)
	page := string(ts.call("GET", "/pacts/co/amend", "", http.StatusOK))
	if !strings.Contains(page, `<option value="consent" selected>`) || !strings.Contains(page, "decided by simple majority") {
		t.Error("the editor does not start from the agreement in force")
	}
	q := url.Values{"edited": {"1"}, "title": {"Budget by weight"}, "join": {"consent"}, "benefits": {"equal"},
		"rule_budget": {"weighted"}, "threshold_budget": {"0.6"}, "weight_budget": {"capability:economic"}}
	page = string(ts.call("GET", "/pacts/co/amend?"+q.Encode(), "", http.StatusOK))
	for _, want := range []string{"<b>Rule for budget decisions</b>: now “weighted: yes voters holding 60% of the voting power”",
		"(was “simple majority: more yes than no among votes cast”)", "among the members", `id="amend-json"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the amendment preview lacks %q", want)
		}
	}
	q.Set("title", "")
	q.Set("threshold_budget", "1.5")
	page = string(ts.call("GET", "/pacts/co/amend?"+q.Encode(), "", http.StatusBadRequest))
	for _, want := range []string{`id="e-title"`, `id="e-threshold_budget"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the refused amendment lacks %q", want)
		}
	}
	ts.call("GET", "/pacts/nope/amend", "", http.StatusNotFound)
}
