package entente

import "strings"

// deliveredNode is a node of a treap of delivered totals keyed by
// (resource, member), "" standing for all resources. A command's fork
// copies the O(log n) nodes on the path of each total it changes; a state
// changes in place the nodes it marked (see mapOwner), as the fold does.
type deliveredNode struct {
	by          *mapOwner
	resource    string
	member      ActorID
	total       float64
	prio        uint64
	left, right *deliveredNode
}

func deliveredPriority(resource string, member ActorID) uint64 {
	return duePriority(dueKey{id: ActorID(resource + "\x00" + string(member))})
}

func (n *deliveredNode) compare(resource string, member ActorID) int {
	if c := strings.Compare(resource, n.resource); c != 0 {
		return c
	}
	return strings.Compare(string(member), string(n.member))
}

// deliveredAdd returns t with amount added to the total of (resource,
// member), changing in place the nodes marked m and marking those it makes.
func deliveredAdd(t *deliveredNode, resource string, member ActorID, amount float64, m *mapOwner) *deliveredNode {
	if t == nil {
		return &deliveredNode{by: m, resource: resource, member: member, total: amount, prio: deliveredPriority(resource, member)}
	}
	n := t
	if m == nil || t.by != m {
		c := *t
		c.by = m
		n = &c
	}
	switch c := t.compare(resource, member); {
	case c == 0:
		n.total += amount
	case c < 0:
		l := deliveredAdd(n.left, resource, member, amount, m)
		if l.prio > n.prio { // l is the new node, made just now: rotate it up
			n.left, l.right = l.right, n
			return l
		}
		n.left = l
	default:
		r := deliveredAdd(n.right, resource, member, amount, m)
		if r.prio > n.prio {
			n.right, r.left = r.left, n
			return r
		}
		n.right = r
	}
	return n
}

// deliveredEach calls f for each member's total of resource.
func deliveredEach(t *deliveredNode, resource string, f func(ActorID, float64)) {
	if t == nil {
		return
	}
	c := strings.Compare(resource, t.resource)
	if c <= 0 {
		deliveredEach(t.left, resource, f)
	}
	if c == 0 {
		f(t.member, t.total)
	}
	if c >= 0 {
		deliveredEach(t.right, resource, f)
	}
}

// noteDelivered adds a contribution to the delivered totals of its
// resource and of all resources. Each total adds the member's
// contributions in the order of the log, as a scan of them would, so the
// sums are the same to the last bit.
func (s *PactState) noteDelivered(c *Contribution) {
	m := s.mark()
	d := deliveredAdd(s.Derived.delivered, "", c.Member, c.Amount, m)
	if c.Resource != "" {
		d = deliveredAdd(d, c.Resource, c.Member, c.Amount, m)
	}
	s.Derived.delivered = d
}

// Delivered returns each member's delivered total, of one resource or, when
// resource is "", of all. It costs O(members): the totals are kept as the
// contributions are folded.
func (s *PactState) Delivered(resource string) map[ActorID]float64 {
	out := map[ActorID]float64{}
	if !s.Derived.indexed {
		// Not indexed (a state built by hand): add the contributions up,
		// without keeping the sums, since s may be shared with readers.
		for _, c := range s.Contributions.All() {
			if resource == "" || c.Resource == resource {
				out[c.Member] += c.Amount
			}
		}
		return out
	}
	deliveredEach(s.Derived.delivered, resource, func(id ActorID, total float64) { out[id] = total })
	return out
}
