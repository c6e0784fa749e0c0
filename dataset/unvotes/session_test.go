package unvotes

import (
	"testing"

	"github.com/entente/entente/dataset/csvio"
)

func TestTallyUnanimous(t *testing.T) {
	for _, tc := range []struct {
		t    Tally
		want bool
	}{
		{Tally{}, true},
		{Tally{Yes: 150}, true},
		{Tally{Abstain: 3}, true},
		{Tally{Yes: 150, No: 1}, false},
		{Tally{Yes: 150, Abstain: 1}, false},
		{Tally{No: 2, Abstain: 1}, false},
	} {
		if got := tc.t.Unanimous(); got != tc.want {
			t.Errorf("%+v: Unanimous %v, want %v", tc.t, got, tc.want)
		}
	}
}

// TestBuildTalliesAndSessions builds a small matrix whose sessions overlap
// in time and checks the tallies and the session lists.
func TestBuildTalliesAndSessions(t *testing.T) {
	b := NewBuilder()
	for _, rc := range []RollCall{
		{RCID: 1, Session: 22, Date: csvio.Date{Year: 1967, Month: 12, Day: 1}},
		{RCID: 2, Session: 23, Date: csvio.Date{Year: 1968, Month: 5, Day: 1}},
		{RCID: 3, Session: 22, Date: csvio.Date{Year: 1968, Month: 6, Day: 1}, Tally: Tally{Yes: 99}}, // ignored: Build counts
	} {
		if err := b.AddRollCall(rc); err != nil {
			t.Fatal(err)
		}
	}
	for _, x := range []Ballot{{1, 2, Yes}, {1, 200, Yes}, {1, 365, Absent}, {2, 2, No}, {2, 200, Yes}, {2, 365, Abstain}, {3, 2, Yes}} {
		b.AddBallot(x)
	}
	m, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]Tally{1: {Yes: 2}, 2: {Yes: 1, Abstain: 1, No: 1}, 3: {Yes: 1}}
	for _, rc := range m.RollCalls {
		if rc.Tally != want[rc.RCID] {
			t.Errorf("roll call %d: tally %+v, want %+v", rc.RCID, rc.Tally, want[rc.RCID])
		}
	}
	s22 := m.SessionRollCalls(22)
	if len(s22) != 2 || m.RollCalls[s22[0]].RCID != 1 || m.RollCalls[s22[1]].RCID != 3 {
		t.Errorf("session 22: %v", s22)
	}
	if ss := m.Sessions(); len(ss) != 2 || ss[0] != 22 || ss[1] != 23 {
		t.Errorf("sessions %v", ss)
	}
}
