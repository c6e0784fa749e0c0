package burden

import (
	"math"
	"slices"
	"time"

	"github.com/entente/entente"
)

// Period is what each member delivered in one period. A member missing
// from Delivered was not a member during the period and is not judged in
// it; a member who was but delivered nothing has 0.
type Period struct {
	From      time.Time                   `json:"from,omitzero"` // inclusive
	To        time.Time                   `json:"to,omitzero"`   // exclusive
	Delivered map[entente.ActorID]float64 `json:"delivered"`
}

// PeriodFigure is a member's standing in one period.
type PeriodFigure struct {
	// Present reports whether the member was a member in the period.
	Present bool `json:"present"`
	// Share is the member's share of what the period's compared members
	// delivered; CapabilityShare its share of their capability. Both NaN
	// when they cannot be computed (not present, capability unknown,
	// nothing delivered in the period).
	Share           float64 `json:"share"`
	CapabilityShare float64 `json:"capability_share"`
	// Below is Share < FreeRiderRatio × CapabilityShare.
	Below bool `json:"below"`
}

// Prices value contributions: the value of one unit of each resource in a
// common unit. A contribution of a resource without a price is left out.
// Nil Prices counts every resource at face value, which makes sense only
// when all contributions are in the same unit.
type Prices map[string]float64

// value returns the value of amount units of resource, and false when the
// resource has no price.
func (p Prices) value(resource string, amount float64) (float64, bool) {
	if p == nil {
		return amount, true
	}
	price, ok := p[resource]
	return amount * price, ok
}

// FromPact gathers a burden Input from a pact's record: every actor who
// has ever been a member, what each delivered (valued by prices), the
// agreement's benefit rule, the capabilities given, and the periods
// between consecutive bounds (see Bucket). A nil s gives an empty Input
// with the capabilities.
func FromPact(s *entente.PactState, prices Prices, capability map[entente.ActorID]float64, bounds []time.Time) Input {
	if s == nil {
		return Input{Capability: capability}
	}
	in := Input{Delivered: map[entente.ActorID]float64{}, Capability: capability,
		Benefit: s.Pact.Agreement.Benefits, Periods: Bucket(s, prices, bounds)}
	for id, m := range s.Members.All() {
		if len(m.Tenures) > 0 {
			in.Members = append(in.Members, id)
			in.Delivered[id] = 0
		}
	}
	slices.Sort(in.Members)
	for _, c := range s.Contributions.All() {
		if v, ok := prices.value(c.Resource, c.Amount); ok {
			in.Delivered[c.Member] += v
		}
	}
	return in
}

// Bucket splits a pact's contributions into the periods [bounds[k],
// bounds[k+1]), valued by prices. Each period holds every actor who was a
// member at some time in it (with 0 if it delivered nothing) and anyone
// else who delivered in it. Bounds must be increasing; contributions
// outside them are left out.
func Bucket(s *entente.PactState, prices Prices, bounds []time.Time) []Period {
	if s == nil || len(bounds) < 2 {
		return nil
	}
	periods := make([]Period, len(bounds)-1)
	for k := range periods {
		p := Period{From: bounds[k], To: bounds[k+1], Delivered: map[entente.ActorID]float64{}}
		for id, m := range s.Members.All() {
			if servedDuring(m, p.From, p.To) {
				p.Delivered[id] = 0
			}
		}
		periods[k] = p
	}
	for _, c := range s.Contributions.All() {
		k := periodOf(bounds, c.At)
		if k < 0 {
			continue
		}
		if v, ok := prices.value(c.Resource, c.Amount); ok {
			periods[k].Delivered[c.Member] += v
		}
	}
	return periods
}

// servedDuring reports whether any of m's tenures overlaps [from, to).
func servedDuring(m *entente.Membership, from, to time.Time) bool {
	for _, t := range m.Tenures {
		if t.From.Before(to) && (t.To.IsZero() || t.To.After(from)) {
			return true
		}
	}
	return false
}

// periodOf returns the index k with bounds[k] ≤ at < bounds[k+1], or −1.
func periodOf(bounds []time.Time, at time.Time) int {
	k, found := slices.BinarySearchFunc(bounds, at, func(b, t time.Time) int { return b.Compare(t) })
	if !found {
		k--
	}
	if k < 0 || k >= len(bounds)-1 {
		return -1
	}
	return k
}

// Capabilities returns each member's named capability, from the actor
// records that actor looks up; NaN where the actor is unknown or lacks the
// capability, so that it shows as missing rather than zero.
func Capabilities(ids []entente.ActorID, actor func(entente.ActorID) *entente.Actor, name string) map[entente.ActorID]float64 {
	out := make(map[entente.ActorID]float64, len(ids))
	for _, id := range ids {
		out[id] = math.NaN()
		if a := actor(id); a != nil {
			if v, ok := a.Capabilities[name]; ok {
				out[id] = v
			}
		}
	}
	return out
}

// freeRiding fills in each member's per-period figures and flags free
// riders: members below FreeRiderRatio × their capability share in at
// least FreeRiderPeriods consecutive periods. A period in which a member
// cannot be judged (absent, capability unknown, nothing delivered) breaks
// its run.
func freeRiding(members []Member, periods []Period, o Options) {
	for _, p := range periods {
		dTotal, cTotal := periodTotals(members, p)
		for i := range members {
			members[i].Periods = append(members[i].Periods, judge(members[i], p, dTotal, cTotal, o.FreeRiderRatio))
		}
	}
	for i := range members {
		m := &members[i]
		run := 0
		for _, f := range m.Periods {
			if !f.Below {
				run = 0
				continue
			}
			run++
			m.LongestRun = max(m.LongestRun, run)
		}
		if m.LongestRun >= o.FreeRiderPeriods {
			m.FreeRider = true
			m.Flags = append(m.Flags, FreeRider)
		}
	}
}

// periodTotals returns what the members present in p with known delivery
// and capability delivered in it, and their capability: the base of
// every member's shares in the period.
func periodTotals(members []Member, p Period) (delivered, capability float64) {
	for _, m := range members {
		if d, ok := p.Delivered[m.Member]; ok && validAmount(d) && !math.IsNaN(m.Capability) {
			delivered += d
			capability += m.Capability
		}
	}
	return delivered, capability
}

// judge computes a member's figures in one period from the period's
// totals.
func judge(m Member, p Period, dTotal, cTotal, ratio float64) PeriodFigure {
	f := PeriodFigure{Share: math.NaN(), CapabilityShare: math.NaN()}
	d, present := p.Delivered[m.Member]
	f.Present = present
	if !present || !validAmount(d) || math.IsNaN(m.Capability) || !(dTotal > 0 && cTotal > 0) {
		return f
	}
	f.Share, f.CapabilityShare = d/dTotal, m.Capability/cTotal
	f.Below = f.Share < ratio*f.CapabilityShare
	return f
}

// validAmount reports whether v is a known amount: finite and not
// negative.
func validAmount(v float64) bool { return v >= 0 && !math.IsInf(v, 0) }
