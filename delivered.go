package entente

import "maps"

// deliveredTotals is one resource's delivered totals by member, with the
// mark of the state that may change the map in place.
type deliveredTotals struct {
	by     *mapOwner
	totals map[ActorID]float64
}

// noteDelivered adds a contribution to the delivered totals of its
// resource and of all resources. Each total adds the member's
// contributions in the order of the log, as a scan of them would, so the
// sums are the same to the last bit.
func (s *PactState) noteDelivered(c *Contribution) {
	in := &s.Derived
	if !s.mayChange(in.deliveredBy) {
		in.delivered = maps.Clone(in.delivered)
		if in.delivered == nil {
			in.delivered = map[string]deliveredTotals{}
		}
		in.deliveredBy = s.mark()
	}
	add := func(resource string) {
		t := in.delivered[resource]
		if !s.mayChange(t.by) {
			t.totals = maps.Clone(t.totals)
			if t.totals == nil {
				t.totals = map[ActorID]float64{}
			}
			t.by = s.mark()
		}
		t.totals[c.Member] += c.Amount
		in.delivered[resource] = t
	}
	add("")
	if c.Resource != "" {
		add(c.Resource)
	}
}

// Delivered returns each member's delivered total, of one resource or, when
// resource is "", of all. It costs O(members): the totals are kept as the
// contributions are folded.
func (s *PactState) Delivered(resource string) map[ActorID]float64 {
	if !s.Derived.indexed {
		// Not indexed (a state built by hand): add the contributions up,
		// without keeping the sums, since s may be shared with readers.
		out := map[ActorID]float64{}
		for _, c := range s.Contributions.All() {
			if resource == "" || c.Resource == resource {
				out[c.Member] += c.Amount
			}
		}
		return out
	}
	out := maps.Clone(s.Derived.delivered[resource].totals)
	if out == nil {
		out = map[ActorID]float64{}
	}
	return out
}
