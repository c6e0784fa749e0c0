package http_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/wire"
)

// TestPactListingFromTheIndex: GET /api/pacts and the home page, which
// list pacts from the service's index, list for every reader exactly what
// a listing built from the pacts' whole states lists (the listing as it
// was built before the index), including a reader who may not read a
// members-only pact and a member who may.
func TestPactListingFromTheIndex(t *testing.T) {
	ts := newTestServer(t)
	ts.register("d", `{"economic":3}`)
	priv := entente.Pact{ID: "priv", Name: "Private", Kind: entente.Coalition, Visibility: entente.MembersOnly}
	ts.act("a", "priv", entente.FoundPact{Pact: priv, Founders: []entente.ActorID{"a", "b"}}, http.StatusCreated, "b")
	pub := entente.Pact{ID: "alpha", Name: "Alpha", Kind: entente.Alliance}
	ts.act("c", "alpha", entente.FoundPact{Pact: pub, Founders: []entente.ActorID{"c", "d"}}, http.StatusCreated, "d")
	ts.act("a", "co", entente.Pledge{Resource: "eur", Amount: 7, Due: ts.now.Add(30 * entente.Day)}, http.StatusCreated)

	readers := []struct {
		who  entente.ActorID
		auth string
	}{{"", ""}, {"a", ts.readToken("a", 10*time.Minute)}, {"c", ts.readToken("c", 10*time.Minute)}}
	sawPrivate := map[entente.ActorID]bool{}
	for _, rd := range readers {
		// The listing as built from whole states.
		want := []wire.PactSummary{}
		var names []string
		for _, st := range ts.svc.Pacts() {
			if !st.CanReadPact(rd.who) {
				continue
			}
			members := st.InPact()
			if members == nil {
				members = []entente.ActorID{}
			}
			want = append(want, wire.PactSummary{ID: st.Pact.ID, Name: st.Pact.Name, Kind: st.Pact.Kind, Members: members,
				Founded: st.Founded.Format("2006-01-02"), Dissolved: st.Dissolved, Events: st.Len})
			names = append(names, st.Pact.Name)
		}
		wantJSON, _ := json.Marshal(want)
		status, body := ts.getAs(rd.auth, "/api/pacts")
		var got bytes.Buffer
		if status != http.StatusOK || json.Compact(&got, body) != nil {
			t.Fatalf("reader %q: GET /api/pacts answered %d: %s", rd.who, status, body)
		}
		if got.String() != string(wantJSON) {
			t.Errorf("reader %q: GET /api/pacts lists\n%s\nwant\n%s", rd.who, got.String(), wantJSON)
		}
		for _, p := range want {
			sawPrivate[rd.who] = sawPrivate[rd.who] || p.ID == "priv"
		}
		_, page := ts.getAs(rd.auth, "/")
		for _, n := range []string{"Private", "Alpha", "Co"} {
			listed := strings.Contains(string(page), ">"+n+"<")
			if want := contains(names, n); listed != want {
				t.Errorf("reader %q: home page lists %s: %v, want %v", rd.who, n, listed, want)
			}
		}
	}
	// The members-only pact was listed to its member only.
	if !sawPrivate["a"] || sawPrivate[""] || sawPrivate["c"] {
		t.Errorf("members-only pact listed to: %v, want only to a", sawPrivate)
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
