package http

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func whatIfServer(t *testing.T) *http.ServeMux {
	t.Helper()
	s, mux := demoServer(t)
	mux.HandleFunc("GET /api/pacts/{pact}/whatif", s.pactWhatIf)
	return mux
}

// The what-if of the joint venture answers the distribution of its
// health and the probabilities, the same bytes for the same query, and a
// Quanta delivering nothing makes arbitration likelier than its record
// does.
func TestPactWhatIf(t *testing.T) {
	mux := whatIfServer(t)
	path := "/api/pacts/solid-state-jv/whatif?periods=12&runs=100&seed=3"
	body := get(t, mux, path, http.StatusOK)
	if again := get(t, mux, path, http.StatusOK); !bytes.Equal(body, again) {
		t.Error("the same what-if answered different bytes")
	}
	var record, low WhatIfView
	if err := json.Unmarshal(body, &record); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(get(t, mux, path+"&assume=quanta%3D0%25", http.StatusOK), &low); err != nil {
		t.Fatal(err)
	}
	if record.Pact != "solid-state-jv" || record.Periods != 12 || record.Runs != 100 || record.PeriodDays != 30 || len(record.Assumptions) != 3 {
		t.Errorf("what-if %+v", record)
	}
	for _, v := range []WhatIfView{record, low} {
		if !(v.Health.Q05 <= v.Health.Median && v.Health.Median <= v.Health.Q95 && v.Health.Q95 <= 100) ||
			!(v.Arbitration >= 0 && v.Arbitration <= 1 && v.Dissolution >= 0 && v.Dissolution <= 1) {
			t.Errorf("what-if out of range: %+v", v)
		}
	}
	if !strings.Contains(strings.Join(low.Assumptions, "\n"), "quanta pledges") || !strings.Contains(strings.Join(low.Assumptions, "\n"), "0% of it (assumed)") {
		t.Errorf("assumptions do not state quanta's 0%%: %q", low.Assumptions)
	}
	if !(low.Arbitration > record.Arbitration) {
		t.Errorf("P(arbitration) %.2f with quanta delivering nothing, %.2f at its record: want it higher", low.Arbitration, record.Arbitration)
	}
	t.Logf("P(arbitration) %.2f at quanta's record, %.2f delivering nothing; P(dissolution) %.2f, %.2f", record.Arbitration, low.Arbitration, record.Dissolution, low.Dissolution)
}

// Work beyond the bounds is refused with 413 naming the limit, bad values
// with 400 naming the field, an unknown pact with 404.
func TestPactWhatIfBounds(t *testing.T) {
	mux := whatIfServer(t)
	for _, tc := range []struct {
		query  string
		status int
		want   string
	}{
		{"periods=121", http.StatusRequestEntityTooLarge, "periods"},
		{"runs=501", http.StatusRequestEntityTooLarge, "runs"},
		{"runs=100&periods=61", http.StatusRequestEntityTooLarge, "6000"},
		{"periods=0", http.StatusBadRequest, "periods"},
		{"runs=many", http.StatusBadRequest, "runs"},
		{"seed=-1", http.StatusBadRequest, "seed"},
		{"assume=quanta", http.StatusBadRequest, "assume"},
		{"assume=nobody%3D40%25", http.StatusBadRequest, "nobody"},
		{"assume=quanta%3D2000%25", http.StatusBadRequest, "assume"},
	} {
		body := string(get(t, mux, "/api/pacts/solid-state-jv/whatif?"+tc.query, tc.status))
		if !strings.Contains(body, tc.want) {
			t.Errorf("%s: %s, want it to name %q", tc.query, body, tc.want)
		}
	}
	get(t, mux, "/api/pacts/no-such-pact/whatif", http.StatusNotFound)
}

// A client that has gone away gets no answer and stops the work: the
// handler returns without writing.
func TestPactWhatIfStopsWhenTheClientLeaves(t *testing.T) {
	mux := whatIfServer(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest("GET", "/api/pacts/solid-state-jv/whatif?runs=500&periods=12", nil).WithContext(ctx))
	if rec.Body.Len() != 0 {
		t.Errorf("answered a client that had gone away: %d %s", rec.Code, rec.Body.String())
	}
}
