package burden_test

import (
	"math"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/burden"
	"github.com/entente/entente/internal/fixture"
)

// t0 is when the joint venture is founded.
var t0 = time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)

// jointVenture is the demo's joint venture (internal/fixture).
func jointVenture(tb testing.TB) (*entente.PactState, map[entente.ActorID]*entente.Actor) {
	tb.Helper()
	s, actors, _ := fixture.JointVenture(tb, t0)
	return s, actors
}

// TestJointVentureFlagsQuanta measures the venture's contributions in
// k€, an engineer-month valued at 15 k€ (an assumption of this test:
// 180 k€ a year, fully loaded), over three 45-day periods and the 30 days
// after, against the firms' technology capability: the venture is an R&D
// venture, and Quanta, the most technology-capable firm (90 against 70 and
// 85, a share of 0.367), delivers 550 k€ of the 6,550 k€ delivered (0.084).
// In the first period its share is 400/3,400 = 0.118 and in the second
// 150/3,150 = 0.048, both under half its capability share (0.184): two
// periods in a row, a free rider.
//
// Measured against economic capability instead (Quanta 95 of 1,225, a
// share of 0.078), Quanta carries slightly more than its share and is not
// flagged: which capability the burden is set against decides the finding,
// and the test shows both.
func TestJointVentureFlagsQuanta(t *testing.T) {
	s, actors := jointVenture(t)
	lookup := func(id entente.ActorID) *entente.Actor { return actors[id] }
	ids := []entente.ActorID{"helios", "nordcell", "quanta"}
	bounds := []time.Time{t0, day(45), day(90), day(120)}
	prices := burden.Prices{"eur_k": 1, "engineer_months": 15}

	in := burden.FromPact(s, prices, burden.Capabilities(ids, lookup, "technology"), bounds)
	res := burden.Analyze(in, burden.Options{})
	for _, m := range res.Members {
		t.Logf("%s: share %.3f, capability share %.3f, exploitation %+.3f, longest run %d, flags %v",
			m.Member, m.Share, m.CapabilityShare, m.Exploitation, m.LongestRun, m.Flags)
	}
	checkNear(t, "total", res.Total, 6550, 1e-9)
	q := member(t, res, "quanta")
	checkNear(t, "quanta's share", q.Share, 550.0/6550, 1e-12)
	checkNear(t, "quanta's capability share", q.CapabilityShare, 90.0/245, 1e-12)
	checkNear(t, "quanta's exploitation", q.Exploitation, (550.0/6550)/(90.0/245)-1, 1e-12)
	if !q.FreeRider || q.LongestRun != 2 {
		t.Errorf("quanta: free rider %v, longest run %d, periods %+v; want a free rider over 2 periods", q.FreeRider, q.LongestRun, q.Periods)
	}
	checkNear(t, "quanta's share in period 1", q.Periods[0].Share, 400.0/3400, 1e-12)
	checkNear(t, "quanta's share in period 2", q.Periods[1].Share, 150.0/3150, 1e-12)
	if f := q.Periods[2]; !math.IsNaN(f.Share) || f.Below {
		t.Errorf("period 3, nothing delivered: %+v, want NaN and not below", f)
	}
	for _, id := range []entente.ActorID{"helios", "nordcell"} {
		if m := member(t, res, id); m.FreeRider {
			t.Errorf("%s flagged as a free rider: %+v", id, m)
		}
	}
	if !(q.Exploitation < member(t, res, "helios").Exploitation && q.Exploitation < member(t, res, "nordcell").Exploitation) {
		t.Errorf("quanta's exploitation index %v is not the lowest", q.Exploitation)
	}

	economic := burden.Analyze(burden.FromPact(s, prices, burden.Capabilities(ids, lookup, "economic"), bounds), burden.Options{})
	if q := member(t, economic, "quanta"); q.FreeRider || !(q.Exploitation > 0) {
		t.Errorf("against economic capability quanta: free rider %v, exploitation %v; want not flagged, above 0", q.FreeRider, q.Exploitation)
	}
}

// day returns the time n days after t0.
func day(n int) time.Time { return t0.Add(time.Duration(n) * entente.Day) }
