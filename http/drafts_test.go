package http_test

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/entente/entente"
	enthttp "github.com/entente/entente/http"
)

// draftAnswer is a draft's status as the server answers it.
type draftAnswer struct {
	ID, URL      string
	Need, Signed []entente.ActorID
	Result       *struct {
		Log    string
		Events []json.RawMessage
	}
}

func decodeDraft(t *testing.T, b []byte) draftAnswer {
	t.Helper()
	var d draftAnswer
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatalf("%s: %v", b, err)
	}
	return d
}

// errorField returns the field an error answer names.
func errorField(t *testing.T, b []byte) string {
	t.Helper()
	var e struct {
		Error struct{ Code, Field, Message string }
	}
	if err := json.Unmarshal(b, &e); err != nil {
		t.Fatalf("%s: %v", b, err)
	}
	return e.Error.Field
}

// TestDrafts: a request that needs several signatures gathers them on the
// server. A founding waits for its other founder; a signature from a key
// the request does not ask for, or that does not verify, is refused with
// nothing recorded; a co-signature posted as a file (the command line's
// way) or as one signature (the page's way) completes it, and the server
// submits it. Only the signers see a draft; after submission it is gone.
// Admitting an actor that did not ask goes the same way (the actor
// co-signs); registry commands and expired requests are refused.
func TestDrafts(t *testing.T) {
	ts := newTestServer(t)
	web := newWebClient(ts)
	post := func(body any, want int) []byte { return web.postJSON("/drafts", body, want) }

	found := entente.FoundPact{Pact: entente.Pact{ID: "net", Name: "Net", Kind: entente.Alliance, Duration: entente.Duration{Kind: entente.Permanent}},
		Founders: []entente.ActorID{"a", "b", "c"}}
	sig := ts.signed("a", "net", found)
	d := decodeDraft(t, post(sig, http.StatusCreated))
	if d.Result != nil || len(d.Need) != 3 || len(d.Signed) != 1 || d.Signed[0] != "a" || d.URL != "/drafts/"+d.ID {
		t.Fatalf("the founding's draft: %+v", d)
	}

	// A stranger's key, and a signature that does not verify.
	_, stranger, _ := ed25519.GenerateKey(rand.Reader)
	bad := *sig
	bad.Signatures = nil
	bad.Cosign(stranger)
	if f := errorField(t, post(&bad, http.StatusForbidden)); f != "signatures" {
		t.Errorf("a stranger's signature: field %q", f)
	}
	forged := map[string]any{"key": base64.StdEncoding.EncodeToString(ts.delegates["b"].Key.Public().(ed25519.PublicKey)), "sig": make([]byte, 64)}
	web.postJSON("/drafts/"+d.ID+"/signatures", forged, http.StatusForbidden)

	// Only signers see it.
	if st, _, _ := web.do("GET", "/drafts/"+d.ID, "", ""); st != http.StatusForbidden {
		t.Errorf("an anonymous reader gets the draft: %d", st)
	}
	bb := ts.enrolBrowserKey("b", "Bo's browser")
	bweb := newWebClient(ts)
	bweb.registerPasskey(bb, bb.key, 200)
	page := bweb.page("/drafts/" + d.ID)
	for _, want := range []string{"a proposes to found the alliance “Net” (net) with a, b and c", "Signed: a", "Waiting for: b, c", `id="cosign-form"`, "Every member can block a decision alone"} {
		if !strings.Contains(page, want) {
			t.Errorf("b's draft page lacks %q", want)
		}
	}
	if idx := bweb.page("/"); !strings.Contains(idx, `<a href="/drafts/`+d.ID+`">Co-sign</a>`) {
		t.Error("b's inbox does not list the draft")
	}

	// b signs as the page does; c posts the file co-signed (as 'entente
	// sign' leaves it), and the founding is recorded.
	one := entente.Sign(bb.key, []byte(sig.Request))
	d = decodeDraft(t, bweb.postJSON("/drafts/"+d.ID+"/signatures", map[string]any{"key": one.Key, "sig": one.Sig}, http.StatusOK))
	if d.Result != nil || len(d.Signed) != 2 {
		t.Fatalf("after b: %+v", d)
	}
	file := *sig
	file.Signatures = nil
	file.Cosign(ts.delegates["c"].Key)
	d = decodeDraft(t, post(&file, http.StatusCreated))
	if d.Result == nil || d.Result.Log != "net" {
		t.Fatalf("after c: %+v", d)
	}
	st, err := ts.svc.Pact("net")
	if err != nil || len(st.InPact()) != 3 {
		t.Fatalf("net: %v, %v", st, err)
	}
	if code, _, _ := bweb.do("GET", "/drafts/"+d.ID, "", ""); code != http.StatusNotFound {
		t.Errorf("a submitted draft answers %d", code)
	}

	// Admitting an actor that did not ask: the actor co-signs.
	n := ts.logLen("co")
	adm := ts.signed("a", "co", entente.Propose{Matter: entente.Admission, Title: "Admit c", Subject: "c"})
	d = decodeDraft(t, post(adm, http.StatusCreated))
	if d.Result != nil || strings.Join([]string{string(d.Need[0]), string(d.Need[1])}, ",") != "a,c" || ts.logLen("co") != n {
		t.Fatalf("the admission's draft: %+v", d)
	}
	one = entente.Sign(ts.delegates["c"].Key, []byte(adm.Request))
	d = decodeDraft(t, web.postJSON("/drafts/"+d.ID+"/signatures", map[string]any{"key": one.Key, "sig": one.Sig}, http.StatusCreated))
	if co, _ := ts.svc.Pact("co"); d.Result == nil || co.Proposal("p1") == nil || co.Proposal("p1").Subject != "c" {
		t.Fatalf("the admission: %+v", d)
	}

	ts.act("a", "co", entente.RaiseDispute{Against: []entente.ActorID{"b"}, Subject: "Invoice"}, http.StatusCreated)

	// A single signer's request goes through at once.
	d = decodeDraft(t, post(ts.signed("a", "co", entente.PostComment{Proposal: "p1", Text: "Welcome."}), http.StatusCreated))
	if d.Result == nil {
		t.Errorf("a one-signer draft was not submitted: %+v", d)
	}

	// The registry's commands, and requests that expired, are refused.
	reg := ts.signed("a", entente.RegistryLog, entente.UpdateActor{Actor: entente.Actor{ID: "a", Name: "A", Kind: entente.Firm}})
	if f := errorField(t, post(reg, http.StatusBadRequest)); f != "request.command" && f != "request.log" {
		t.Errorf("a registry draft: field %q", f)
	}
	far, _ := entente.NewRequest("co", "a", entente.PostComment{Proposal: "p1", Text: "far"}, "far-ahead-nonce-0001", ts.now.Add(30*entente.Day))
	farSig, _ := entente.NewSigned(far, ts.delegates["a"].Key)
	if f := errorField(t, post(farSig, http.StatusBadRequest)); f != "request.expires" {
		t.Errorf("a draft expiring in 30 days: field %q", f)
	}
	// One actor may hold at most 16 drafts.
	for i := 0; i < 16; i++ {
		post(ts.signed("a", "co", entente.AppointNeutral{Dispute: "d1", Role: entente.MediatorRole, Actor: "c"}), http.StatusCreated)
	}
	post(ts.signed("a", "co", entente.AppointNeutral{Dispute: "d1", Role: entente.MediatorRole, Actor: "c"}), http.StatusTooManyRequests)
	late := ts.signed("a", "co", entente.PostComment{Proposal: "p1", Text: "late"})
	ts.now = ts.now.Add(2 * entente.Day)
	if f := errorField(t, post(late, http.StatusConflict)); f != "request.expires" {
		t.Errorf("an expired draft: field %q", f)
	}
}

// TestDraftsCountAgainstTheirStarter: a co-signer that starts drafts in
// another actor's name (c, whose admission a would propose) uses up its
// own drafts, not that actor's: a can still start hers.
func TestDraftsCountAgainstTheirStarter(t *testing.T) {
	ts := newTestServer(t)
	web := newWebClient(ts)
	for i := 0; i < 16; i++ {
		req, _ := entente.NewRequest("co", "a", entente.Propose{Matter: entente.Admission, Title: "Admit c", Subject: "c"}, fmt.Sprintf("started-by-c-%08d", i), ts.now.Add(entente.Day))
		sig, _ := entente.NewSigned(req, ts.delegates["c"].Key)
		web.postJSON("/drafts", sig, http.StatusCreated)
	}
	req, _ := entente.NewRequest("co", "a", entente.Propose{Matter: entente.Admission, Title: "Admit c", Subject: "c"}, "started-by-c-too-many", ts.now.Add(entente.Day))
	sig, _ := entente.NewSigned(req, ts.delegates["c"].Key)
	if b := web.postJSON("/drafts", sig, http.StatusTooManyRequests); !strings.Contains(string(b), "of them c's") {
		t.Errorf("c's seventeenth draft is refused without naming c: %s", b)
	}
	found := entente.FoundPact{Pact: entente.Pact{ID: "net", Name: "Net", Kind: entente.Alliance, Duration: entente.Duration{Kind: entente.Permanent}},
		Founders: []entente.ActorID{"a", "b"}}
	web.postJSON("/drafts", ts.signed("a", "net", found), http.StatusCreated)
}

// TestOutsidersStartNoDraftOnAMembersOnlyPact: an outsider's draft on a
// members-only pact (appointing itself mediator of a dispute, settling
// it) is refused without saying who would sign it; a member starts one,
// and the outsider it invites adds its signature by posting the file.
func TestOutsidersStartNoDraftOnAMembersOnlyPact(t *testing.T) {
	ts := newTestServer(t)
	priv := entente.Pact{ID: "priv", Name: "Private", Kind: entente.Coalition, Visibility: entente.MembersOnly}
	ts.act("a", "priv", entente.FoundPact{Pact: priv, Founders: []entente.ActorID{"a", "b"}}, http.StatusCreated, "b")
	ts.act("a", "priv", entente.RaiseDispute{Against: []entente.ActorID{"b"}, Subject: "Quarrel"}, http.StatusCreated)
	web := newWebClient(ts)
	for _, cmd := range []any{
		entente.AppointNeutral{Dispute: "d1", Role: entente.MediatorRole, Actor: "c"},
		entente.ResolveDispute{Dispute: "d1", Outcome: "settled"},
		entente.AppointNeutral{Dispute: "d9", Role: entente.MediatorRole, Actor: "c"},
	} {
		b := web.postJSON("/drafts", ts.signed("c", "priv", cmd), http.StatusForbidden)
		if f := errorField(t, b); f != "pact" || strings.Contains(string(b), `"b"`) {
			t.Errorf("%T by an outsider: field %q: %s", cmd, f, b)
		}
	}
	adm := ts.signed("a", "priv", entente.Propose{Matter: entente.Admission, Title: "Admit c", Subject: "c"})
	d := decodeDraft(t, web.postJSON("/drafts", adm, http.StatusCreated))
	file := *adm
	file.Signatures = nil
	file.Cosign(ts.delegates["c"].Key)
	if d = decodeDraft(t, web.postJSON("/drafts", &file, http.StatusCreated)); d.Result == nil {
		t.Errorf("the invited outsider's signature did not complete the draft: %+v", d)
	}
}

// TestOutsidersLearnNothingFromRefusals checks that an outsider's
// requests on a members-only pact are refused alike whether the records
// they name exist or not: a vote on an existing proposal was 403 and on a
// missing one 404 "no proposal p9", so an outsider could list which
// proposals and disputes the pact holds. A member still learns why.
func TestOutsidersLearnNothingFromRefusals(t *testing.T) {
	ts := newTestServer(t)
	priv := entente.Pact{ID: "priv", Name: "Private", Kind: entente.Coalition, Visibility: entente.MembersOnly,
		Agreement: entente.Agreement{Rules: map[entente.Matter]entente.DecisionRule{entente.General: {Kind: entente.SimpleMajority, Window: entente.Days(5)}}}}
	ts.act("a", "priv", entente.FoundPact{Pact: priv, Founders: []entente.ActorID{"a", "b"}}, http.StatusCreated, "b")
	ts.act("a", "priv", entente.Propose{Matter: entente.General, Title: "Budget"}, http.StatusCreated)
	ts.act("a", "priv", entente.RaiseDispute{Against: []entente.ActorID{"b"}, Subject: "Quarrel"}, http.StatusCreated)
	pairs := [][2]any{
		{entente.CastVote{Proposal: "p1", Choice: entente.Yes}, entente.CastVote{Proposal: "p9", Choice: entente.Yes}},
		{entente.ResolveDispute{Dispute: "d1", Outcome: "settled"}, entente.ResolveDispute{Dispute: "d9", Outcome: "settled"}},
	}
	for _, pair := range pairs {
		exists := ts.act("c", "priv", pair[0], http.StatusForbidden)
		missing := ts.act("c", "priv", pair[1], http.StatusForbidden)
		if string(exists) != string(missing) {
			t.Errorf("%T by an outsider: %s for an existing record, %s for a missing one", pair[0], exists, missing)
		}
	}
	if b := ts.act("b", "priv", entente.CastVote{Proposal: "p9", Choice: entente.Yes}, http.StatusNotFound); !strings.Contains(string(b), "p9") {
		t.Errorf("a member's vote on a missing proposal: %s", b)
	}
}

// TestDraftsAreSharedFairly: eight actors each start their 16 drafts and
// so hold all 128 places, for as long as their requests live (up to a
// week). A ninth actor's drafts used to be refused all that time; now
// each takes a place of the actor holding the most, until the places are
// shared out evenly (the ninth holds as many as any, or one fewer), and
// the actors who lost places cannot take them back from each other.
// Finding a place reads every draft, and is paid for from the client's
// expensive reads: with a budget of one, the ninth takes one place.
func TestDraftsAreSharedFairly(t *testing.T) {
	ts := newTestServer(t)
	var hogs []entente.ActorID
	for h := 0; h < 8; h++ {
		hogs = append(hogs, entente.ActorID(fmt.Sprintf("hog%d", h)))
		ts.register(hogs[h], `{"economic":1}`)
	}
	ts.register("late", `{"economic":1}`)
	for _, tc := range []struct {
		name     string
		cfg      enthttp.Config
		lateGets int // -1: its fair share
	}{
		{"no read limit", enthttp.Config{WriteRate: -1, ReadRate: -1}, -1},
		{"one expensive read", enthttp.Config{WriteRate: -1, ReadRate: 0.001, ReadBurst: 1}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := &testServer{tb: t, svc: ts.svc, now: ts.now, delegates: ts.delegates,
				srv: httptest.NewServer(enthttp.New(ts.svc, tc.cfg))} // drafts in a memory of its own
			defer srv.srv.Close()
			web := newWebClient(srv)
			start := func(by entente.ActorID, i int) (int, string) {
				t.Helper()
				req, _ := entente.NewRequest("co", "a", entente.Propose{Matter: entente.Admission, Title: "Admit " + string(by), Subject: by},
					fmt.Sprintf("started-by-%s-%08d", by, i), ts.now.Add(entente.Day+time.Duration(i)*time.Minute))
				sig, _ := entente.NewSigned(req, ts.delegates[by].Key)
				raw, _ := json.Marshal(sig)
				status, body, _ := web.do("POST", "/drafts", "application/json", string(raw))
				var d struct{ ID string }
				json.Unmarshal(body, &d)
				if status != http.StatusCreated && status != http.StatusTooManyRequests {
					t.Fatalf("%s's draft %d: %d %s", by, i, status, body)
				}
				return status, d.ID
			}
			owner := map[string]entente.ActorID{} // every draft started, by id
			for _, h := range hogs {
				for i := 0; i < 16; i++ {
					status, id := start(h, i)
					if status != http.StatusCreated {
						t.Fatalf("%s's draft %d: %d", h, i, status)
					}
					owner[id] = h
				}
			}
			n := 0
			for ; n < 16; n++ {
				status, id := start("late", n)
				if status != http.StatusCreated {
					break
				}
				owner[id] = "late"
			}
			held := map[entente.ActorID]int{}
			for id, by := range owner {
				status, body, _ := web.do("GET", "/drafts/"+id+"/request", "", "")
				switch status { // a draft is shown only to its signers: 403 is a draft held
				case http.StatusOK, http.StatusForbidden:
					held[by]++
				case http.StatusNotFound:
				default:
					t.Fatalf("GET draft %s: %d %s", id, status, body)
				}
			}
			total := 0
			for _, by := range hogs {
				total += held[by]
				if tc.lateGets < 0 && held[by] > held["late"]+1 {
					t.Errorf("%s holds %d drafts, late only %d: %v", by, held[by], held["late"], held)
				}
			}
			total += held["late"]
			if total != 128 || held["late"] != n || tc.lateGets < 0 && n < 128/9 || tc.lateGets >= 0 && n != tc.lateGets {
				t.Errorf("late started %d drafts before a refusal; held %v (%d in all)", n, held, total)
			}
			// A hog that lost places takes none back from another hog.
			if status, _ := start(hogs[0], 100); status != http.StatusTooManyRequests {
				t.Errorf("a hog's draft once late has its share: %d, want 429", status)
			}
		})
	}
}
