package entente

import (
	"strings"
	"time"
)

// dueIndex holds, for each kind of thing time brings about, the items
// pending and when they come due, in persistent ordered sets: the members
// on notice by the day their notice runs out, the commitments neither
// fulfilled nor overdue by due date, the disputes with a deadline by
// deadline, and the undecided proposals by closing time. nextDue reads the
// first of each, so Advance costs O(log n) per item recorded, however long
// the pact's history; copying the index costs O(1), and each change copies
// one path of O(log n) nodes, so forks never see each other's changes.
type dueIndex struct {
	kinds [dueKinds]*dueNode
}

// The kinds of due items, in the order nextDue takes items due at the same
// moment.
const (
	dueNotice = iota
	dueCommitment
	dueDispute
	dueProposal
	dueKinds
)

// dueKey orders a kind's pending items: by when they come due, then by
// member ID (a notice) or by index in the state's list (the others).
type dueKey struct {
	at time.Time
	id ActorID
	i  int
}

func (a dueKey) compare(b dueKey) int {
	if c := a.at.Compare(b.at); c != 0 {
		return c
	}
	if c := strings.Compare(string(a.id), string(b.id)); c != 0 {
		return c
	}
	return a.i - b.i
}

// dueNode is a node of a treap: a binary search tree by key that is a heap
// by priority. The priority is a hash of the key, so a set of keys has one
// shape whatever the order of the changes that made it. Nodes are never
// changed once made (insert and remove copy the path they change).
type dueNode struct {
	key         dueKey
	prio        uint64
	left, right *dueNode
}

func duePriority(k dueKey) uint64 {
	h := uint64(14695981039346656037) // FNV-1a, then a splitmix64 finish
	for i := 0; i < len(k.id); i++ {
		h = (h ^ uint64(k.id[i])) * 1099511628211
	}
	h ^= uint64(k.i)*0x9e3779b97f4a7c15 ^ uint64(k.at.Unix())*0xbf58476d1ce4e5b9 ^ uint64(k.at.Nanosecond())
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	return h ^ h>>31
}

// above reports whether a belongs above b in the heap order.
func (a *dueNode) above(b *dueNode) bool {
	return a.prio > b.prio || (a.prio == b.prio && a.key.compare(b.key) < 0)
}

// dueInsert returns t with k added; every node on the way down is new.
func dueInsert(t *dueNode, k dueKey) *dueNode {
	if t == nil {
		return &dueNode{key: k, prio: duePriority(k)}
	}
	n := *t
	switch c := k.compare(t.key); {
	case c == 0:
		return t
	case c < 0:
		l := dueInsert(t.left, k)
		if l.above(&n) { // l is new: rotate it up
			n.left, l.right = l.right, &n
			return l
		}
		n.left = l
	default:
		r := dueInsert(t.right, k)
		if r.above(&n) {
			n.right, r.left = r.left, &n
			return r
		}
		n.right = r
	}
	return &n
}

// dueRemove returns t without k.
func dueRemove(t *dueNode, k dueKey) *dueNode {
	if t == nil {
		return nil
	}
	switch c := k.compare(t.key); {
	case c == 0:
		return dueMerge(t.left, t.right)
	case c < 0:
		l := dueRemove(t.left, k)
		if l == t.left {
			return t
		}
		n := *t
		n.left = l
		return &n
	default:
		r := dueRemove(t.right, k)
		if r == t.right {
			return t
		}
		n := *t
		n.right = r
		return &n
	}
}

// dueMerge joins two treaps whose keys are all of a before all of b.
func dueMerge(a, b *dueNode) *dueNode {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	case a.above(b):
		n := *a
		n.right = dueMerge(a.right, b)
		return &n
	default:
		n := *b
		n.left = dueMerge(a, b.left)
		return &n
	}
}

// dueFirst returns the least key of t.
func dueFirst(t *dueNode) (dueKey, bool) {
	if t == nil {
		return dueKey{}, false
	}
	for t.left != nil {
		t = t.left
	}
	return t.key, true
}

// dueRef names an item an event may change: a member (kind dueNotice) or
// an index in one of the state's lists.
type dueRef struct {
	kind int
	id   ActorID
	i    int
}

// key returns r's item's key in s, and whether the item is pending.
func (s *PactState) dueKeyOf(r dueRef) (dueKey, bool) {
	switch r.kind {
	case dueNotice:
		if m := s.Members.Get(r.id); m != nil && m.Status == OnNotice {
			return dueKey{at: m.Leaves, id: r.id}, true
		}
	case dueCommitment:
		if r.i >= 0 && r.i < s.Commitments.Len() {
			if c := s.Commitments.At(r.i); !c.Late && c.Status() != Fulfilled {
				return dueKey{at: c.Due, i: r.i}, true
			}
		}
	case dueDispute:
		if r.i >= 0 && r.i < s.Disputes.Len() {
			if d := s.Disputes.At(r.i); d.Stage != Closed && d.Stage.next() != "" && !d.Deadline.IsZero() {
				return dueKey{at: d.Deadline, i: r.i}, true
			}
		}
	case dueProposal:
		if r.i >= 0 && r.i < s.Proposals.Len() {
			if p := s.Proposals.At(r.i); p.Decision == nil {
				return dueKey{at: p.Closes, i: r.i}, true
			}
		}
	}
	return dueKey{}, false
}

// dueRefs returns the items event data d may change (at most two).
func (s *PactState) dueRefs(d EventData) ([2]dueRef, int) {
	var refs [2]dueRef
	byID := func(kind, i int) ([2]dueRef, int) {
		refs[0] = dueRef{kind: kind, i: i}
		return refs, 1
	}
	switch d := d.(type) {
	case MemberAdmitted:
		refs[0] = dueRef{kind: dueNotice, id: d.Member}
		return refs, 1
	case NoticeGiven:
		refs[0] = dueRef{kind: dueNotice, id: d.Member}
		return refs, 1
	case MemberLeft:
		refs[0] = dueRef{kind: dueNotice, id: d.Member}
		return refs, 1
	case MemberSuspended:
		refs[0] = dueRef{kind: dueNotice, id: d.Member}
		return refs, 1
	case CommitmentMade:
		return byID(dueCommitment, s.Commitments.Len())
	case ContributionMade:
		if d.Contribution.Commitment != "" {
			return byID(dueCommitment, s.commitmentIndex(d.Contribution.Commitment))
		}
	case CommitmentOverdue:
		return byID(dueCommitment, s.commitmentIndex(d.Commitment))
	case ProposalOpened:
		refs[0] = dueRef{kind: dueProposal, i: s.Proposals.Len()}
		if d.Proposal.Matter == Admission {
			refs[1] = dueRef{kind: dueNotice, id: d.Proposal.Subject}
			return refs, 2
		}
		return refs, 1
	case ProposalDecided:
		return byID(dueProposal, listIndex(s.Proposals, d.Proposal, func(p *Proposal) string { return p.ID }))
	case DisputeOpened:
		return byID(dueDispute, s.Disputes.Len())
	case DisputeEscalated:
		return byID(dueDispute, s.disputeIndex(d.Dispute))
	case DisputeResolved:
		return byID(dueDispute, s.disputeIndex(d.Dispute))
	}
	return refs, 0
}

func (s *PactState) commitmentIndex(id string) int {
	return listIndex(s.Commitments, id, func(c *Commitment) string { return c.ID })
}

func (s *PactState) disputeIndex(id string) int {
	return listIndex(s.Disputes, id, func(d *Dispute) string { return d.ID })
}

// rebuildDerived indexes the state afresh (what comes due, what each
// member delivered): for a state not made by Apply alone (decoded from
// JSON or built by hand), O(n) once.
func (s *PactState) rebuildDerived() {
	var ix dueIndex
	add := func(r dueRef) {
		if k, ok := s.dueKeyOf(r); ok {
			ix.kinds[r.kind] = dueInsert(ix.kinds[r.kind], k)
		}
	}
	for id := range s.Members.All() {
		add(dueRef{kind: dueNotice, id: id})
	}
	for i := range s.Commitments.Len() {
		add(dueRef{kind: dueCommitment, i: i})
	}
	for i := range s.Disputes.Len() {
		add(dueRef{kind: dueDispute, i: i})
	}
	for i := range s.Proposals.Len() {
		add(dueRef{kind: dueProposal, i: i})
	}
	s.Derived.due = ix
	s.Derived.delivered = nil
	for _, c := range s.Contributions.All() {
		s.noteDelivered(c)
	}
	s.Derived.indexed = true
}

// applyIndexed applies e and keeps the index of what comes due: the items
// the event may change leave the index as they were and enter it again as
// they are.
func (s *PactState) applyIndexed(e Event) error {
	ix := &s.Derived.due
	if s.Len == 0 {
		if err := s.apply(e); err != nil {
			return err
		}
		s.rebuildDerived() // the founders: nothing is due yet, but cheap to be sure
		return nil
	}
	if !s.Derived.indexed {
		return s.apply(e)
	}
	refs, n := s.dueRefs(e.Data)
	var before [2]dueKey
	var was [2]bool
	for j := range n {
		before[j], was[j] = s.dueKeyOf(refs[j])
	}
	if err := s.apply(e); err != nil {
		s.Derived.indexed = false // the record may be half changed
		return err
	}
	for j := range n {
		after, is := s.dueKeyOf(refs[j])
		if was[j] == is && (!is || after.compare(before[j]) == 0) {
			continue
		}
		k := refs[j].kind
		if was[j] {
			ix.kinds[k] = dueRemove(ix.kinds[k], before[j])
		}
		if is {
			ix.kinds[k] = dueInsert(ix.kinds[k], after)
		}
	}
	return nil
}

// firstDue returns the first pending item of a kind.
func (s *PactState) firstDue(kind int) (dueKey, bool) {
	if !s.Derived.indexed {
		s.rebuildDerived()
	}
	return dueFirst(s.Derived.due.kinds[kind])
}

// DueBy reports whether time alone brings something about by t: whether
// Advance at t would record an event (a notice running out, a commitment
// falling overdue, a dispute deadline, a vote closing, a fixed term
// ending). It costs O(log n), so a simulation can skip Advance when
// nothing is due.
func (s *PactState) DueBy(t time.Time) bool {
	if s.Dissolved != nil || t.Before(s.Updated) {
		return false
	}
	if du := s.Pact.Duration; du.Kind == FixedTerm && !du.Until.After(t) {
		return true
	}
	if !s.Derived.indexed {
		s = s.fork() // s may be shared with readers: index a fork
		s.rebuildDerived()
	}
	kinds := &s.Derived.due.kinds
	if k, ok := dueFirst(kinds[dueCommitment]); ok && t.After(k.at) {
		return true
	}
	for _, kind := range []int{dueNotice, dueDispute, dueProposal} {
		if k, ok := dueFirst(kinds[kind]); ok && !k.at.After(t) {
			return true
		}
	}
	return false
}

// NextDue returns the first moment at which time alone brings something
// about (the earliest t, not before the last event, for which DueBy(t)
// holds), and false when nothing is pending: a dissolved pact, or one with
// no notice, commitment, dispute deadline, open vote or fixed term ahead.
// It costs O(log n), so an index of many pacts can keep each one's next
// due time and advance only the pacts whose time has come.
func (s *PactState) NextDue() (time.Time, bool) {
	if s.Dissolved != nil {
		return time.Time{}, false
	}
	if !s.Derived.indexed {
		s = s.fork() // s may be shared with readers: index a fork
		s.rebuildDerived()
	}
	var next time.Time
	found := false
	consider := func(at time.Time) {
		if !found || at.Before(next) {
			next, found = at, true
		}
	}
	if du := s.Pact.Duration; du.Kind == FixedTerm {
		consider(du.Until)
	}
	kinds := &s.Derived.due.kinds
	if k, ok := dueFirst(kinds[dueCommitment]); ok {
		consider(k.at.Add(time.Nanosecond)) // overdue once its due time has passed
	}
	for _, kind := range []int{dueNotice, dueDispute, dueProposal} {
		if k, ok := dueFirst(kinds[kind]); ok {
			consider(k.at)
		}
	}
	if found && next.Before(s.Updated) {
		next = s.Updated
	}
	return next, found
}
