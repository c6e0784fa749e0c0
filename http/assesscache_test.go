package http_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/entente/entente"
)

// healthCard returns the health card of a pact's page.
func healthCard(t *testing.T, ts *testServer, pact string) string {
	t.Helper()
	page := get(t, ts, "/pacts/"+pact, 200)
	i := strings.Index(page, "Health over the last 30 days")
	if i < 0 {
		t.Fatal("no health card")
	}
	return page[i : i+strings.Index(page[i:], `<div class="card">`)]
}

// TestPageHealthFollowsTheLog: the page's health, kept between views,
// changes as soon as the log does (a dispute raised) and when the clock
// moves on, and stays the same otherwise.
func TestPageHealthFollowsTheLog(t *testing.T) {
	ts := newTestServer(t)
	ts.act("a", "co", entente.Pledge{Resource: "eur", Amount: 10, Due: ts.now.Add(2 * entente.Day)}, http.StatusCreated)
	before := healthCard(t, ts, "co")
	if again := healthCard(t, ts, "co"); again != before {
		t.Fatalf("the same state shows two healths:\n%s\n%s", before, again)
	}
	ts.act("a", "co", entente.RaiseDispute{Against: []entente.ActorID{"b"}, Subject: "Late"}, http.StatusCreated)
	afterDispute := healthCard(t, ts, "co")
	if afterDispute == before {
		t.Errorf("the page's health did not change after a dispute was raised:\n%s", afterDispute)
	}
	ts.now = ts.now.Add(10 * entente.Day) // the pledge falls overdue, unrecorded yet
	if later := healthCard(t, ts, "co"); later == afterDispute {
		t.Errorf("the page's health did not change ten days on:\n%s", later)
	}
}
