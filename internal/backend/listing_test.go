package backend

import (
	"encoding/json"
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/ledger"
	"github.com/entente/entente/wire"
)

// The listings are the tables the command line prints: one row per item
// under the header, V the items for JSON.
func TestListings(t *testing.T) {
	fr := &entente.Actor{ID: "fr", Name: "France", Kind: entente.State, Capabilities: map[string]float64{"military": 3.25, "economic": 5, "soft": math.NaN()}}
	gone := time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name string
		got  Listing
		rows [][]string
	}{
		{"actors", ActorListing([]*entente.Actor{fr, {ID: "x", Kind: entente.Firm}}), [][]string{{"fr", "France", "state", "economic=5 military=3.25 soft=-"}, {"x", "", "firm", ""}}},
		{"one actor", OneActor(fr), [][]string{{"fr", "France", "state", "economic=5 military=3.25 soft=-"}}},
		{"pacts", PactListing([]wire.PactSummary{{ID: "jv", Kind: entente.Coalition, Members: []entente.ActorID{"a", "b"}, Events: 7, Name: "JV"},
			{ID: "old", Kind: entente.Alliance, Dissolved: &entente.PactEnd{At: gone}, Name: "Old"}}),
			[][]string{{"jv", "coalition", "2", "7", "active", "JV"}, {"old", "alliance", "0", "0", "dissolved", "Old"}}},
		{"no webhooks", WebhookListing(nil), nil},
	} {
		if !reflect.DeepEqual(tc.got.Rows, tc.rows) || len(tc.got.Header) == 0 {
			t.Errorf("%s: header %v rows %q, want rows %q", tc.name, tc.got.Header, tc.got.Rows, tc.rows)
		}
		for _, r := range tc.got.Rows {
			if len(r) != len(tc.got.Header) {
				t.Errorf("%s: row %q under header %v", tc.name, r, tc.got.Header)
			}
		}
	}
	if b, err := json.Marshal(WebhookListing(nil).V); err != nil || string(b) != "[]" {
		t.Errorf("no webhooks as JSON: %s, %v; want []", b, err)
	}
	if OneActor(fr).V != fr {
		t.Error("OneActor's V is not the actor")
	}
}

// The check listings count the logs that did not pass.
func TestCheckListingsCountFailures(t *testing.T) {
	l, bad := VerifyListing([]ledger.LogReport{{Log: "a"}, {Log: "b", Problem: "root differs"}, {Log: "c"}})
	if bad != 1 || len(l.Rows) != 3 || l.Rows[1][0] != "b" {
		t.Errorf("verify: %d bad, rows %q", bad, l.Rows)
	}
	m, bad := MonitorListing([]ledger.MonitorReport{{Log: "a", Problem: "forked"}, {Log: "b", Problem: "key changed"}})
	if bad != 2 || len(m.Rows) != 2 {
		t.Errorf("monitor: %d bad, rows %q", bad, m.Rows)
	}
	if _, bad := VerifyListing(nil); bad != 0 {
		t.Errorf("no reports: %d bad", bad)
	}
}
