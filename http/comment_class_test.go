package http_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/entente/entente"
)

// classified signs by's cmd on log under class and posts it, wanting
// status want.
func (ts *testServer) classified(by entente.ActorID, log string, cmd entente.Command, class entente.Classification, want int) []byte {
	ts.tb.Helper()
	ts.nonces++
	req, err := entente.NewRequest(log, by, cmd, fmt.Sprintf("class-nonce-%06d", ts.nonces), ts.now.Add(entente.Day))
	if err != nil {
		ts.tb.Fatal(err)
	}
	req.Class = class
	sig, err := entente.NewSigned(req, ts.delegates[by].Key)
	if err != nil {
		ts.tb.Fatal(err)
	}
	return ts.post(sig, want)
}

// TestDisputeCommentKeepsItsClass attacks the leak of a dispute classified
// to its parties through its discussion: a party's comment sent with no
// classification (as the page sent it) or a wider one is refused with the
// field named and nothing written; the same comment classified to the
// parties is recorded, and a member who is no party reads the dispute's
// entries only as hashes. The page's comment form (and the resolve,
// appoint and settle forms) for a party carries the dispute's class.
func TestDisputeCommentKeepsItsClass(t *testing.T) {
	ts := newTestServer(t)
	ts.act("a", "cl", entente.FoundPact{Pact: entente.Pact{ID: "cl", Name: "Classified", Kind: entente.Coalition,
		Duration: entente.Duration{Kind: entente.Permanent}}, Founders: []entente.ActorID{"a", "b", "c"}}, http.StatusCreated, "b", "c")
	ts.classified("a", "cl", entente.RaiseDispute{Against: []entente.ActorID{"b"}, Subject: "The secret invoice"}, entente.ClassParties, http.StatusCreated)
	st, err := ts.svc.Pact("cl")
	if err != nil {
		t.Fatal(err)
	}
	if d := st.Dispute("d1"); d == nil || d.Class != entente.ClassParties {
		t.Fatalf("dispute d1: %+v, want classified to its parties", d)
	}
	secret := "The receipts are in the safe"
	for _, class := range []entente.Classification{"", entente.ClassPublic, entente.ClassMembers} {
		before := ts.logLen("cl")
		body := string(ts.classified("b", "cl", entente.PostComment{Dispute: "d1", Text: secret}, class, http.StatusForbidden))
		if !strings.Contains(body, `"request.class"`) || ts.logLen("cl") != before {
			t.Errorf("a comment classified %q on a parties-only dispute: %s, log %d -> %d", class, body, before, ts.logLen("cl"))
		}
	}
	ts.classified("b", "cl", entente.PostComment{Dispute: "d1", Text: secret}, entente.ClassParties, http.StatusCreated)

	// c, a member and no party, sees the entries' hashes, not their words.
	status, body := ts.getAs(ts.readToken("c", 10*time.Minute), "/api/logs/cl/entries")
	if status != 200 || strings.Contains(string(body), secret) || strings.Contains(string(body), "secret invoice") {
		t.Errorf("c reads the dispute's entries: %d %s", status, body)
	}
	if status, body := ts.getAs(ts.readToken("b", 10*time.Minute), "/api/logs/cl/entries"); status != 200 || !strings.Contains(string(body), secret) {
		t.Errorf("b, a party, cannot read the comment: %d %s", status, body)
	}

	// The page a party sees signs its comment with the dispute's class.
	web := newWebClient(ts)
	bk := ts.enrolBrowserKey("a", "Ada's browser")
	web.registerPasskey(bk, bk.key, 200)
	page := web.page("/pacts/cl")
	for _, form := range []string{"comment-form-d1", "appoint-form-d1", "settle-form-d1"} {
		i := strings.Index(page, `id="`+form+`"`)
		if i < 0 {
			t.Errorf("the page lacks %s", form)
			continue
		}
		if tag := page[i : i+strings.Index(page[i:], ">")]; !strings.Contains(tag, `data-class="parties"`) {
			t.Errorf("%s is not signed as classified to the parties: %s", form, tag)
		}
	}
	if !strings.Contains(page, "--class parties") {
		t.Error("the page's command for commenting on d1 lacks --class parties")
	}
}
