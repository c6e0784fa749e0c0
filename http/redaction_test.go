package http_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/client"
	enthttp "github.com/entente/entente/http"
	"github.com/entente/entente/ledger"
	"github.com/entente/entente/tlog"
)

// readToken returns the Authorization header value of a read token of id.
func (ts *testServer) readToken(id entente.ActorID, expires time.Duration) string {
	ts.tb.Helper()
	ts.nonces++
	sig, err := ts.delegates[id].Sign(entente.RegistryLog, entente.ReadAs{}, "read-nonce-"+string(rune('a'+ts.nonces%26))+"-0123456789", ts.now.Add(expires))
	if err != nil {
		ts.tb.Fatal(err)
	}
	b, _ := json.Marshal(sig)
	return "Entente " + base64.RawURLEncoding.EncodeToString(b)
}

// getAs reads path with an Authorization header and returns status and body.
func (ts *testServer) getAs(auth, path string) (int, []byte) {
	ts.tb.Helper()
	return ts.callAs(ts.srv.URL, auth, "GET", path, "")
}

// TestMembersOnlyPactIsRedactedButVerifiable: a non-member sees only the
// leaf hashes, types and times of a members-only pact's entries, and the
// proofs still verify; members read what their roles entitle them to.
func TestMembersOnlyPactIsRedactedButVerifiable(t *testing.T) {
	ts := newTestServer(t)
	priv := entente.Pact{ID: "priv", Name: "Private", Kind: entente.Coalition, Visibility: entente.MembersOnly}
	ts.act("a", "priv", entente.FoundPact{Pact: priv, Founders: []entente.ActorID{"a", "b"}}, http.StatusCreated, "b")
	ts.act("a", "priv", entente.Pledge{Resource: "eur", Amount: 7, Due: ts.now.Add(30 * entente.Day)}, http.StatusCreated)
	// An entry only an auditor may read.
	ts.nonces++
	req, _ := entente.NewRequest("priv", "b", entente.Contribute{Resource: "eur", Amount: 1}, "classified-nonce-0001", ts.now.Add(entente.Day))
	req.Class = "role:auditor"
	sig, _ := entente.NewSigned(req, ts.delegates["b"].Key)
	ts.post(sig, http.StatusCreated)

	anon, outsider, member := "", ts.readToken("c", 10*time.Minute), ts.readToken("a", 10*time.Minute)
	for _, tc := range []struct {
		name, auth, path string
		status           int
	}{
		{"anonymous reads the pact", anon, "/api/pacts/priv", 403},
		{"anonymous reads its health", anon, "/api/pacts/priv/health", 403},
		{"outsider reads the pact", outsider, "/api/pacts/priv/members", 403},
		{"member, with an entry classified beyond it", member, "/api/pacts/priv", 403},
		{"bad token", "Entente AAAA", "/api/pacts/co", 403},
		{"expired token", ts.readToken("a", -time.Minute), "/api/pacts/co", 403},
		{"token for too long", ts.readToken("a", time.Hour), "/api/pacts/co", 403},
		{"anyone reads the head", anon, "/api/logs/priv/head", 200},
		{"member reads a public pact", member, "/api/pacts/co", 200},
	} {
		if status, body := ts.getAs(tc.auth, tc.path); status != tc.status {
			t.Errorf("%s: GET %s answered %d, want %d: %s", tc.name, tc.path, status, tc.status, body)
		}
	}
	var list []struct{ ID string }
	_, body := ts.getAs(anon, "/api/pacts")
	json.Unmarshal(body, &list)
	for _, p := range list {
		if p.ID == "priv" {
			t.Errorf("the members-only pact is listed to an anonymous reader")
		}
	}

	type entry struct {
		Index    int64     `json:"index"`
		LeafHash tlog.Hash `json:"leaf_hash"`
		Type     string    `json:"type"`
		Redacted bool      `json:"redacted"`
		Raw      string    `json:"raw"`
	}
	read := func(auth string) []entry {
		_, body := ts.getAs(auth, "/api/logs/priv/entries")
		var es []entry
		if err := json.Unmarshal(body, &es); err != nil {
			t.Fatalf("entries: %v: %s", err, body)
		}
		return es
	}
	var head tlog.TreeHead
	_, body = ts.getAs(anon, "/api/logs/priv/head")
	json.Unmarshal(body, &head)
	if err := ts.svc.Verifier().Verify(head); err != nil {
		t.Fatal(err)
	}
	hidden := read(anon)
	leaves := make([]tlog.Hash, len(hidden))
	for i, e := range hidden {
		leaves[i] = e.LeafHash
		if !e.Redacted || e.Raw != "" || e.Type == "" {
			t.Errorf("anonymous entry %d: %+v, want redacted with its type", i, e)
		}
	}
	if tlog.Root(leaves) != head.Root || uint64(len(leaves)) != head.Size {
		t.Fatalf("the redacted entries' leaf hashes do not make the signed root")
	}
	var p struct{ Proof []tlog.Hash }
	_, body = ts.getAs(anon, "/api/logs/priv/proof/inclusion?index=1")
	json.Unmarshal(body, &p)
	if err := tlog.VerifyInclusion(leaves[1], 1, head.Size, p.Proof, head.Root); err != nil {
		t.Errorf("inclusion of a redacted entry: %v", err)
	}
	seen := read(member)
	for i, e := range seen {
		auditorOnly := e.Type == "contribution_made"
		if e.Redacted != auditorOnly || (!e.Redacted && tlog.LeafHash([]byte(e.Raw)) != e.LeafHash) {
			t.Errorf("member's entry %d: %+v", i, e)
		}
	}

	// A monitor with no right to read checks the proofs and says it could
	// not replay.
	st := &ledger.MonitorState{}
	reports, err := ledger.Monitor(context.Background(), &client.Client{Base: ts.srv.URL}, st, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reports {
		if !r.OK() {
			t.Errorf("monitor: %+v", r)
		}
		if r.Log == "priv" && r.Redacted != int(head.Size) {
			t.Errorf("monitor of priv: %+v, want every entry redacted", r)
		}
	}
}

// TestLargePactsAreRefusedNotComputed: health, trust and burden of a pact
// with more members than the API computes answer 413 at once, naming the
// limit, instead of holding the server.
func TestLargePactsAreRefusedNotComputed(t *testing.T) {
	ts := newTestServer(t)
	bigPact(t, ts)
	for _, path := range []string{"/api/pacts/big/health", "/api/pacts/big/trust", "/api/pacts/big/burden"} {
		status, body := ts.getAs("", path)
		if status != http.StatusRequestEntityTooLarge || !strings.Contains(string(body), "at most") {
			t.Errorf("GET %s: %d %s", path, status, body)
		}
	}
}

// TestLargePactPagesDoNotAssess: the index and the page of a pact too
// large to assess load, without a health score.
func TestLargePactPagesDoNotAssess(t *testing.T) {
	ts := newTestServer(t)
	bigPact(t, ts)
	for _, path := range []string{"/", "/pacts/big"} {
		if status, body := ts.getAs("", path); status != http.StatusOK {
			t.Errorf("GET %s: %d %.200s", path, status, body)
		}
	}
}

// bigPact founds "big", the operator's record of a coalition one member
// larger than the API assesses.
func bigPact(t *testing.T, ts *testServer) {
	t.Helper()
	n := enthttp.MaxAssessedMembers + 1
	ids := make([]entente.ActorID, n)
	for i := range ids {
		ids[i] = entente.ActorID(fmt.Sprintf("m%03d", i))
		if _, err := ts.svc.RegisterActor(context.Background(), entente.Actor{ID: ids[i], Name: string(ids[i]), Kind: entente.NGO}); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := ts.svc.Do(context.Background(), "big", ids[0], entente.FoundPact{Pact: entente.Pact{ID: "big", Name: "Big", Kind: entente.Coalition}, Founders: ids}); err != nil {
		t.Fatal(err)
	}
}

// TestWriteAnswersHoldOnlyWhatTheCallerMayRead: the answer to a write
// carries the pact's state only to a caller (read token or session) who
// may read all of it. An outsider's request to join a members-only pact,
// a member's write to a pact with an entry classified beyond it, and an
// outsider's copy of its own recorded request posted to /drafts were each
// answered with the whole pact, its proposals, commitments and classified
// entries included.
func TestWriteAnswersHoldOnlyWhatTheCallerMayRead(t *testing.T) {
	ts := newTestServer(t)
	priv := entente.Pact{ID: "priv", Name: "Private", Kind: entente.Coalition, Visibility: entente.MembersOnly, Agreement: entente.Agreement{Join: entente.JoinConsent}}
	ts.act("a", "priv", entente.FoundPact{Pact: priv, Founders: []entente.ActorID{"a", "b"}}, http.StatusCreated, "b")
	ts.act("a", "priv", entente.Propose{Matter: entente.General, Title: "Secret plan"}, http.StatusCreated)
	ts.classified("b", "priv", entente.Contribute{Resource: "classified-resource", Amount: 1}, "role:auditor", http.StatusCreated)
	// A public pact with an entry only its auditors read.
	pub := entente.Pact{ID: "pub", Name: "Public", Kind: entente.Coalition, Agreement: entente.Agreement{Join: entente.JoinConsent}}
	ts.act("a", "pub", entente.FoundPact{Pact: pub, Founders: []entente.ActorID{"a", "b"}}, http.StatusCreated, "b")
	ts.classified("b", "pub", entente.Contribute{Resource: "classified-resource", Amount: 1}, "role:auditor", http.StatusCreated)
	join, joinPub := ts.signed("c", "priv", entente.RequestJoin{}), ts.signed("c", "pub", entente.RequestJoin{})
	body := func(v any) string { b, _ := json.Marshal(v); return string(b) }
	tokenC := ts.readToken("c", 10*time.Minute)
	for _, tc := range []struct {
		name, auth, path, body string
		status                 int
		wantPact               bool
	}{
		{"an outsider asks to join a members-only pact", "", "/api/requests", body(join), http.StatusCreated, false},
		{"the outsider posts a copy of its recorded request to /drafts", tokenC, "/drafts", body(join), http.StatusForbidden, false},
		{"an outsider asks to join a public pact with a classified entry", tokenC, "/api/requests", body(joinPub), http.StatusCreated, false},
		{"the outsider posts a copy of that recorded request to /drafts", tokenC, "/drafts", body(joinPub), http.StatusCreated, false},
		{"a member writes beside an entry classified beyond it", ts.readToken("a", 10*time.Minute), "/api/requests",
			body(ts.signed("a", "priv", entente.Pledge{Resource: "eur", Amount: 1, Due: ts.now.Add(30 * entente.Day)})), http.StatusCreated, false},
		{"an anonymous write to a public pact", "", "/api/requests",
			body(ts.signed("a", "co", entente.Pledge{Resource: "eur", Amount: 1, Due: ts.now.Add(30 * entente.Day)})), http.StatusCreated, true},
	} {
		status, b := ts.callAs(ts.srv.URL, tc.auth, "POST", tc.path, tc.body)
		var answer struct {
			Pact   *entente.PactState
			Result *struct{ Pact *entente.PactState }
		}
		json.Unmarshal(b, &answer)
		pact := answer.Pact
		if answer.Result != nil {
			pact = answer.Result.Pact
		}
		if status != tc.status || (pact != nil) != tc.wantPact {
			t.Errorf("%s: %d, pact in the answer: %v; want %d, %v", tc.name, status, pact != nil, tc.status, tc.wantPact)
		}
		for _, secret := range []string{"Secret plan", "classified-resource"} {
			if strings.Contains(string(b), secret) {
				t.Errorf("%s: the answer holds %q", tc.name, secret)
			}
		}
	}
}
