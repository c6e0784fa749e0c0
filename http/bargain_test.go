package http_test

import (
	"encoding/json"
	"fmt"
	"html"
	"math"
	"math/rand/v2"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/bargain"
)

// salts for the tests: 64 hexadecimal digits each.
var (
	saltA = strings.Repeat("a1", 32)
	saltB = strings.Repeat("0b", 32)
	saltC = strings.Repeat("c3", 32)
)

// signedInPage returns the pact page as id sees it, signed in with a
// passkey in a web client of its own.
func signedInPage(ts *testServer, id entente.ActorID, path string) string {
	ts.tb.Helper()
	bk := ts.enrolBrowserKey(id, string(id)+"'s browser")
	web := newWebClient(ts)
	web.registerPasskey(bk, bk.key, 200)
	return web.page(path)
}

// drawnOnPage reads bargaining id's drawn split from a page: each party's
// amount, as shown (two decimals).
func drawnOnPage(t *testing.T, page, id string) map[string]float64 {
	t.Helper()
	i := strings.Index(page, `id="drawn-`+id+`"`)
	if i < 0 {
		t.Fatalf("no drawn split of %s on the page", id)
	}
	table := page[i : i+strings.Index(page[i:], "</table>")]
	out := map[string]float64{}
	for _, m := range regexp.MustCompile(`data-label="Party">([a-z]+)</td><td data-label="(?:Gets|Pays)">([0-9.]+)</td>`).FindAllStringSubmatch(table, -1) {
		out[m[1]], _ = strconv.ParseFloat(m[2], 64)
	}
	return out
}

// adoptArgs reads the propose command the page's adopt form of bargaining
// id would sign.
func adoptArgs(t *testing.T, page, id string) entente.Propose {
	t.Helper()
	m := regexp.MustCompile(`id="adopt-form-` + id + `" data-command="propose" data-args="([^"]*)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no adopt form for %s on the page", id)
	}
	var p entente.Propose
	if err := json.Unmarshal([]byte(html.UnescapeString(m[1])), &p); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestSealedSplitFromAPartysView attacks a two-party bargaining from one
// party's side: a knows its own value (20) and reads everything it may
// (the pact page signed in, the pact's state and the log's entries with
// its read token). It must not be able to compute b's value (30): the
// page shows the split drawn from both parties' salts, not the Nash split
// (with which a would compute 30 = 55 − (45 − 20)); inverting the drawn
// split that way misses; b's salt is nowhere in a's view, so a cannot
// redraw the weights; and b cannot restate to probe. An auditor with
// every salt redraws the same split from the log (bargain.Seed over
// "co/b1" and the salts). The secretariat still sees the suggestions.
func TestSealedSplitFromAPartysView(t *testing.T) {
	ts := newTestServer(t)
	ts.act("a", "co", entente.OpenBargaining{Title: "licence income", Parties: []entente.ActorID{"a", "b"}, Total: 100, Resource: "eur_k"}, http.StatusCreated)
	ts.actClassified("a", "co", entente.StateReservation{Bargaining: "b1", Value: 20}, entente.ReservationClass, http.StatusBadRequest) // no salt
	ts.actClassified("a", "co", entente.StateReservation{Bargaining: "b1", Value: 20, Salt: saltA}, entente.ReservationClass, http.StatusCreated)
	ts.actClassified("b", "co", entente.StateReservation{Bargaining: "b1", Value: 30, Salt: saltB}, entente.ReservationClass, http.StatusCreated)
	ts.actClassified("b", "co", entente.StateReservation{Bargaining: "b1", Value: 35, Salt: saltC}, entente.ReservationClass, http.StatusConflict) // sealed

	page := signedInPage(ts, "a", "/pacts/co")
	tok := ts.readToken("a", time.Hour)
	_, state := ts.getAs(tok, "/api/pacts/co")
	_, entries := ts.getAs(tok, "/api/logs/co/entries")
	view := page + string(state) + string(entries)

	want, err := bargain.Split{Total: 100, Reservations: []float64{20, 30}}.Draw(bargain.Seed("co/b1", []string{saltA, saltB}))
	if err != nil {
		t.Fatal(err)
	}
	got := drawnOnPage(t, page, "b1")
	if math.Abs(got["a"]-want[0]) > 0.005 || math.Abs(got["b"]-want[1]) > 0.005 {
		t.Errorf("the page's drawn split %v, the auditor's redraw %v", got, want)
	}
	if got["a"] < 20 || got["b"] < 30 || math.Abs(got["a"]+got["b"]-100) > 0.011 {
		t.Errorf("the drawn split %v is outside the zone", got)
	}
	if guess := got["b"] - (got["a"] - 20); math.Abs(guess-30) < 0.5 {
		t.Errorf("inverting the drawn split as if it were Nash gives b's value: %v", guess)
	}
	for _, leak := range []string{saltB, `Suggestion">Nash`, `Suggestion">Kalai`, `"value": 30`, `"value":30`} {
		if strings.Contains(view, leak) {
			t.Errorf("a's view contains %q", leak)
		}
	}
	if !strings.Contains(page, "Sign and put the drawn split to the vote") {
		t.Error("a cannot put the drawn split to the vote")
	}

	// The secretariat reads the values, so it sees the suggestions too.
	ts.act("a", "co", entente.Propose{Matter: entente.RoleMatter, Title: "b keeps the books", Subject: "b", Role: entente.SecretariatRole}, http.StatusCreated)
	ts.act("a", "co", entente.CastVote{Proposal: "p1", Choice: entente.Yes}, http.StatusCreated)
	sec := signedInPage(ts, "b", "/pacts/co")
	if !strings.Contains(sec, "a 45.00, b 55.00") || !strings.Contains(sec, "Kalai-Smorodinsky") {
		t.Errorf("the secretariat does not see the suggestions")
	}
	if !strings.Contains(sec, "role, b reads every value") {
		t.Errorf("the page does not say that party b reads every value")
	}
}

// TestContributionScheduleToAmendment: a and b share a 90 eur_k cost; a
// will pay at most 60, b at most 50. The page says the maxima cover the
// cost and shows what each pays in the drawn split (within the maxima,
// adding up to 90, as the auditor's redraw); the split's amendment, put
// to the pact's rule and adopted, writes the two contribution clauses and
// keeps the others. With maxima of 40 and 40 there is no zone.
func TestContributionScheduleToAmendment(t *testing.T) {
	ts := newTestServer(t)
	ts.act("a", "co", entente.Propose{Matter: entente.Amendment, Title: "c brings staff", Amendment: &entente.Agreement{Join: entente.JoinConsent,
		Contributions: []entente.ContributionClause{{Member: "a", Resource: "staff", Amount: 2}, {Member: "b", Resource: "eur_k", Amount: 5}}}}, http.StatusCreated)
	for _, id := range []entente.ActorID{"a", "b"} {
		ts.act(id, "co", entente.CastVote{Proposal: "p1", Choice: entente.Yes}, http.StatusCreated)
	}
	ts.act("a", "co", entente.OpenBargaining{Title: "the survey", Parties: []entente.ActorID{"a", "b"}, Total: 90, Resource: "eur_k", Kind: entente.BargainCosts}, http.StatusCreated)
	ts.actClassified("a", "co", entente.StateReservation{Bargaining: "b1", Value: 60, Salt: saltA}, entente.ReservationClass, http.StatusCreated)
	ts.actClassified("b", "co", entente.StateReservation{Bargaining: "b1", Value: 50, Salt: saltB}, entente.ReservationClass, http.StatusCreated)
	page := signedInPage(ts, "a", "/pacts/co")
	if !strings.Contains(page, "The parties&#39; maxima cover the cost") && !strings.Contains(page, "The parties' maxima cover the cost") {
		t.Errorf("the page does not say the maxima cover the cost")
	}
	want, err := bargain.Split{Total: 90, Reservations: []float64{60, 50}, Cost: true}.Draw(bargain.Seed("co/b1", []string{saltA, saltB}))
	if err != nil {
		t.Fatal(err)
	}
	got := drawnOnPage(t, page, "b1")
	if math.Abs(got["a"]-want[0]) > 0.005 || got["a"] > 60 || got["b"] > 50 || math.Abs(got["a"]+got["b"]-90) > 0.011 {
		t.Errorf("the drawn schedule %v (redrawn %v)", got, want)
	}
	ts.act("a", "co", adoptArgs(t, page, "b1"), http.StatusCreated)
	for _, id := range []entente.ActorID{"a", "b"} {
		ts.act(id, "co", entente.CastVote{Proposal: "p2", Choice: entente.Yes}, http.StatusCreated)
	}
	st, _ := ts.svc.Pact("co")
	if p := st.Proposal("p2"); p == nil || !strings.Contains(p.Title, "Share the cost of the survey by the drawn split of bargaining b1") {
		t.Errorf("the amendment's proposal: %+v", p)
	}
	clauses := map[string]float64{}
	for _, c := range st.Pact.Agreement.Contributions {
		clauses[string(c.Member)+" "+c.Resource] = c.Amount
	}
	if len(clauses) != 3 || clauses["a staff"] != 2 || math.Abs(clauses["a eur_k"]-want[0]) > 1e-6 || clauses["a eur_k"]+clauses["b eur_k"] != 90 {
		t.Errorf("the contribution clauses after the vote: %v (drawn %v)", clauses, want)
	}

	ts.act("a", "co", entente.OpenBargaining{Title: "a second survey", Parties: []entente.ActorID{"a", "b"}, Total: 90, Resource: "eur_k", Kind: entente.BargainCosts}, http.StatusCreated)
	ts.actClassified("a", "co", entente.StateReservation{Bargaining: "b2", Value: 40, Salt: saltA}, entente.ReservationClass, http.StatusCreated)
	ts.actClassified("b", "co", entente.StateReservation{Bargaining: "b2", Value: 40, Salt: saltB}, entente.ReservationClass, http.StatusCreated)
	page = signedInPage(ts, "b", "/pacts/co")
	i := strings.Index(page, `id="bargain-b2"`)
	if i < 0 || !strings.Contains(page[i:], "falls short of the cost") || strings.Contains(page, `id="drawn-b2"`) || strings.Contains(page, `id="adopt-form-b2"`) {
		t.Errorf("with no zone the page shows a split or says otherwise")
	}
}

// partyView is everything party a may read of pact co, signed in and with
// its read token: the pact page, the pact's state and the log's entries.
func partyView(ts *testServer) string {
	ts.tb.Helper()
	page := signedInPage(ts, "a", "/pacts/co")
	tok := ts.readToken("a", time.Hour)
	_, state := ts.getAs(tok, "/api/pacts/co")
	_, entries := ts.getAs(tok, "/api/logs/co/entries")
	return page + "\n" + string(state) + "\n" + string(entries)
}

// normalise blanks in a party's view what differs between two servers
// whatever the values: hashes, keys, signatures and tokens (long hex and
// base64 runs), and the drawn split's amounts (in its table and in the
// amendment the adopt form would sign).
func normalise(view string) string {
	view = html.UnescapeString(view)
	view = regexp.MustCompile(`(data-label="(?:Gets|Pays)">)[0-9.]+`).ReplaceAllString(view, "${1}N")
	view = regexp.MustCompile(`"shares":\{[^}]*\}`).ReplaceAllString(view, `"shares":S`)
	return regexp.MustCompile(`[A-Za-z0-9+/_=-]{20,}`).ReplaceAllString(view, "H")
}

// TestPartyViewDependsOnTheOtherValueOnlyThroughTheDraw is a property test
// over random two-party bargainings: two servers where b states different
// values (both leaving a zone, or both not) with different salts give a,
// who states the same value with the same salt on both, views that are
// byte for byte the same once the drawn amounts and the hashes are
// blanked. So b's value reaches a only through the drawn split, which
// TestSealedSplitHidesTheOthersValues (package bargain) shows is
// consistent with every value up to b's share; and through whether a zone
// exists.
func TestPartyViewDependsOnTheOtherValueOnlyThroughTheDraw(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 1))
	for i := range 6 {
		total := float64(1 + rng.IntN(1000))
		mine := math.Round(rng.Float64()*total*50) / 100 // at most half the total
		zopa := i%3 != 2
		other := func() float64 {
			if zopa {
				return math.Round(rng.Float64()*(total-mine)*100) / 100
			}
			return math.Min(total, math.Round((total-mine+0.01+rng.Float64()*mine)*100)/100)
		}
		values := []float64{other(), other()}
		var views []string
		for k, v := range values {
			ts := newTestServer(t)
			ts.act("a", "co", entente.OpenBargaining{Title: "t", Parties: []entente.ActorID{"a", "b"}, Total: total, Resource: "eur_k"}, http.StatusCreated)
			ts.actClassified("a", "co", entente.StateReservation{Bargaining: "b1", Value: mine, Salt: saltA}, entente.ReservationClass, http.StatusCreated)
			ts.actClassified("b", "co", entente.StateReservation{Bargaining: "b1", Value: v, Salt: fmt.Sprintf("%064x", rng.Uint64()+uint64(k))}, entente.ReservationClass, http.StatusCreated)
			view := partyView(ts)
			if strings.Contains(view, `id="drawn-b1"`) != zopa {
				t.Fatalf("case %d: total %v, a %v, b %v: a drawn split shown %v, want %v", i, total, mine, v, !zopa, zopa)
			}
			views = append(views, normalise(view))
		}
		if views[0] != views[1] {
			a, b := views[0], views[1]
			j := 0
			for j < len(a) && j < len(b) && a[j] == b[j] {
				j++
			}
			t.Fatalf("case %d: total %v, a %v, b %v or %v: a's views differ at byte %d: %q vs %q", i, total, mine, values[0], values[1], j,
				a[max(0, j-80):min(len(a), j+80)], b[max(0, j-80):min(len(b), j+80)])
		}
	}
}
