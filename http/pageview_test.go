package http_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/entente/entente"
)

// getPage reads a page as auth (a read token, or "" for anonymous),
// as htmx asks for it when hx.
func (ts *testServer) getPage(auth, path string, hx bool) (int, string) {
	ts.tb.Helper()
	req, _ := http.NewRequest("GET", ts.srv.URL+path, nil)
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	if hx {
		req.Header.Set("HX-Request", "true")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		ts.tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestClassifiedEntriesLeaveThePageNotTheReader attacks the pages of a
// members-only pact whose log holds a proposal and a pledge classified to
// the secretariat and a dispute classified to its parties (with a comment
// and an escalation time brought about): a member holding none of those
// roles gets the page (not a 403), told how many entries it may not read,
// and no page or htmx fragment it can reach says anything those entries
// say; a party reads the dispute on the same page, and still not the
// secretariat's entries; an outsider is still refused.
func TestClassifiedEntriesLeaveThePageNotTheReader(t *testing.T) {
	ts := newTestServer(t)
	agr := entente.Agreement{Disputes: entente.DisputeLadder{Negotiation: entente.Days(10), Mediation: entente.Days(30)}}
	ts.act("a", "cl", entente.FoundPact{Pact: entente.Pact{ID: "cl", Name: "Closed", Kind: entente.Coalition, Visibility: entente.MembersOnly,
		Duration: entente.Duration{Kind: entente.Permanent}, Agreement: agr}, Founders: []entente.ActorID{"a", "b", "c"}}, http.StatusCreated, "b", "c")
	ts.act("a", "cl", entente.Propose{Matter: entente.General, Title: "Open business"}, http.StatusCreated)
	ts.actClassified("a", "cl", entente.Propose{Matter: entente.General, Title: "SECRET-PROPOSAL", Text: "SECRET-TEXT"}, "role:secretariat", http.StatusCreated)
	// A vote on the classified proposal must be as classified as it.
	ts.act("b", "cl", entente.CastVote{Proposal: "p2", Choice: entente.Yes, Reason: "SECRET-REASON"}, http.StatusForbidden)
	ts.act("a", "cl", entente.PostComment{Proposal: "p2", Text: "SECRET-OPINION"}, http.StatusForbidden)
	ts.actClassified("b", "cl", entente.CastVote{Proposal: "p2", Choice: entente.Yes, Reason: "SECRET-REASON"}, "role:secretariat", http.StatusCreated)
	ts.actClassified("b", "cl", entente.Pledge{Resource: "SECRETRES", Amount: 977, Due: ts.now.Add(60 * entente.Day)}, "role:secretariat", http.StatusCreated)
	ts.act("b", "cl", entente.Contribute{Commitment: "c1", Amount: 311}, http.StatusForbidden)
	ts.actClassified("b", "cl", entente.Contribute{Commitment: "c1", Amount: 311}, "role:secretariat", http.StatusCreated)
	ts.act("a", "cl", entente.Pledge{Resource: "eur", Amount: 5, Due: ts.now.Add(60 * entente.Day)}, http.StatusCreated)
	ts.actClassified("a", "cl", entente.RaiseDispute{Against: []entente.ActorID{"b"}, Subject: "SECRET-DISPUTE"}, entente.ClassParties, http.StatusCreated)
	ts.actClassified("b", "cl", entente.PostComment{Dispute: "d1", Text: "SECRET-COMMENT"}, entente.ClassParties, http.StatusCreated)
	ts.now = ts.now.Add(11 * entente.Day) // the dispute climbs to mediation; both proposals close
	if _, err := ts.svc.Tick(context.Background()); err != nil {
		t.Fatal(err)
	}

	tc, ta := ts.readToken("c", 10*time.Minute), ts.readToken("a", 10*time.Minute)
	paths := []string{"/pacts/cl", "/", "/pacts/cl/proposals?group=open", "/pacts/cl/proposals?group=settled",
		"/pacts/cl/commitments?group=open", "/pacts/cl/commitments?group=fulfilled", "/pacts/cl/timeline?before=100", "/pacts/cl/timeline?before=3", "/pacts/cl/amend"}
	secrets := []string{"SECRET", "977", "311", ">d1<", "d1 (", ">c1<", "c1:", "proposal-p2", " p2"}
	for _, hx := range []bool{false, true} {
		for _, p := range paths {
			status, body := ts.getPage(tc, p, hx)
			if status != http.StatusOK {
				t.Errorf("c reads %s (htmx %v): %d: %.300s", p, hx, status, body)
				continue
			}
			for _, s := range secrets {
				if i := strings.Index(body, s); i >= 0 {
					t.Errorf("c reads %q in %s (htmx %v): …%s…", s, p, hx, body[max(0, i-200):min(len(body), i+100)])
				}
			}
		}
	}
	_, page := ts.getPage(tc, "/pacts/cl", false)
	for _, want := range []string{"Open business", "eur", `id="hidden-entries"`, "8 entries of this pact"} {
		if !strings.Contains(page, want) {
			t.Errorf("c's page lacks %q", want)
		}
	}

	// a is a party to the dispute: it reads the dispute and its comment,
	// not the secretariat's proposal or pledge.
	status, page := ts.getPage(ta, "/pacts/cl", false)
	if status != http.StatusOK {
		t.Fatalf("a reads the page: %d", status)
	}
	for _, want := range []string{"SECRET-DISPUTE", "Open business", "5 entries of this pact"} {
		if !strings.Contains(page, want) {
			t.Errorf("a's page lacks %q", want)
		}
	}
	for _, s := range []string{"SECRET-PROPOSAL", "SECRET-TEXT", "SECRET-REASON", "SECRETRES", "977"} {
		if strings.Contains(page, s) {
			t.Errorf("a's page shows %q", s)
		}
	}
	// The log grows: c's kept view is extended with what c may read (and
	// counts what it may not).
	ts.act("a", "cl", entente.Propose{Matter: entente.General, Title: "Later business"}, http.StatusCreated)
	ts.actClassified("a", "cl", entente.Pledge{Resource: "LATER-SECRET", Amount: 1, Due: ts.now.Add(60 * entente.Day)}, "role:secretariat", http.StatusCreated)
	_, page = ts.getPage(tc, "/pacts/cl", false)
	if !strings.Contains(page, "Later business") || strings.Contains(page, "LATER-SECRET") || !strings.Contains(page, "9 entries of this pact") {
		t.Errorf("c's page after the log grew: later business %v, later secret %v, 9 hidden %v",
			strings.Contains(page, "Later business"), strings.Contains(page, "LATER-SECRET"), strings.Contains(page, "9 entries of this pact"))
	}
	// c is made the secretariat: what was classified to it becomes
	// readable, so its view is folded afresh, not extended.
	ts.act("a", "cl", entente.Propose{Matter: entente.RoleMatter, Title: "Secretariat", Subject: "c", Role: entente.SecretariatRole}, http.StatusCreated)
	p := "p4"
	for _, by := range []entente.ActorID{"a", "b"} { // c, the subject, does not vote
		ts.act(by, "cl", entente.CastVote{Proposal: p, Choice: entente.Yes}, http.StatusCreated)
	}
	_, page = ts.getPage(tc, "/pacts/cl", false)
	for _, want := range []string{"SECRET-PROPOSAL", "LATER-SECRET", "977"} {
		if !strings.Contains(page, want) {
			t.Errorf("c, now the secretariat, does not read %q", want)
		}
	}
	if strings.Contains(page, "SECRET-DISPUTE") {
		t.Errorf("c, the secretariat but no party, reads the dispute")
	}
	if status, _ := ts.getPage("", "/pacts/cl", false); status != http.StatusForbidden {
		t.Errorf("anonymous reads the members-only page: %d", status)
	}
	if status, _ := ts.getPage(tc, "/api/pacts/cl", false); status != http.StatusForbidden {
		t.Errorf("the whole state over the API to c: %d, want 403", status)
	}
}
