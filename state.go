package entente

import (
	"fmt"
	"strconv"
	"sync/atomic"
	"time"
)

// PactState is a pact as its log tells it: the fold of its events. It is
// never changed except by Apply.
type PactState struct {
	Pact          Pact                  `json:"pact"`
	Founded       time.Time             `json:"founded"`
	Members       ActorMap[*Membership] `json:"members"`
	Commitments   List[*Commitment]     `json:"commitments"`
	Contributions List[*Contribution]   `json:"contributions"`
	Objectives    List[*Objective]      `json:"objectives"`
	Proposals     List[*Proposal]       `json:"proposals"`
	Disputes      List[*Dispute]        `json:"disputes"`
	Bargainings   List[*Bargaining]     `json:"bargainings,omitzero"`
	Dissolved     *PactEnd              `json:"dissolved,omitempty"`
	// Roles holds the roles granted by decision (observer, secretariat,
	// auditor), by actor.
	Roles map[ActorID][]Role `json:"roles,omitempty"`
	// Classified lists the classifications the log's entries carry beyond
	// the pact's visibility (see Classification), each once.
	Classified []ClassifiedAs `json:"classified,omitempty"`
	// Len is the number of events folded; the next event's Seq.
	Len int64 `json:"len"`
	// Updated is the time of the last event.
	Updated time.Time `json:"updated"`
	// Derived is what the state derives from the fields above to answer
	// commands quickly. It is not part of the record.
	Derived Derived `json:"-"`
}

// Fold replays events into a new state.
func Fold(events []Event) (*PactState, error) {
	s := &PactState{}
	for _, e := range events {
		if err := s.Apply(e); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// Apply folds one event into s. It refuses events out of sequence or that
// contradict the state (such as a decision that does not re-decide the same
// way), so that replaying a log also checks it.
func (s *PactState) Apply(e Event) error {
	if e.Seq != s.Len {
		return fmt.Errorf("event %d: expected sequence number %d", e.Seq, s.Len)
	}
	if s.Len == 0 {
		if _, ok := e.Data.(PactFounded); !ok {
			return fmt.Errorf("event 0: expected pact_founded, got %s", typeName(e.Data))
		}
	}
	if err := s.applyIndexed(e); err != nil {
		return fmt.Errorf("event %d (%s): %w", e.Seq, typeName(e.Data), err)
	}
	if e.Class != "" && e.Class != ClassPublic && !keepsNoContent(e.Data) {
		s.noteClass(ClassifiedAs{Class: e.Class, Dispute: disputeOf(e.Data)})
	}
	s.Len++
	s.Updated = canonicalTime(e.At)
	return nil
}

func typeName(d EventData) string {
	if d == nil {
		return "no data"
	}
	return d.EventType()
}

func (s *PactState) apply(e Event) error {
	at := canonicalTime(e.At)
	switch d := e.Data.(type) {
	case PactFounded:
		return s.applyFounded(d, at)
	case MemberAdmitted:
		return s.admit(d.Member, at)
	case NoticeGiven:
		m, err := s.member(d.Member)
		if err != nil {
			return err
		}
		if !m.InPact() {
			return fmt.Errorf("%s is %s and cannot give notice", d.Member, m.Status)
		}
		m.Status, m.Leaves = OnNotice, canonicalTime(d.Effects)
	case MemberLeft:
		return s.leave(d.Member, d.Reason, at)
	case MemberSuspended:
		m, err := s.member(d.Member)
		if err != nil {
			return err
		}
		m.Suspended = true
		if m.Status == Active {
			m.Status = Suspended
		}
	case AgreementAmended:
		s.Pact.Agreement = d.Agreement
	case ObjectiveSet:
		o := d.Objective
		s.Objectives = s.Objectives.append(&o, s.mark())
	case ProgressReported:
		return s.applyProgress(d, at)
	case CommitmentMade:
		c := d.Commitment
		c.Class = e.Class // the entry's, whatever the event's data says
		s.Commitments = s.Commitments.append(&c, s.mark())
	case ContributionMade:
		return s.applyContribution(d.Contribution, at)
	case CommitmentOverdue:
		c := s.ownCommitment(d.Commitment)
		if c == nil {
			return fmt.Errorf("unknown commitment %q", d.Commitment)
		}
		c.Late = true
	case ProposalOpened:
		p := d.Proposal
		p.Class = e.Class // the entry's, whatever the event's data says
		s.Proposals = s.Proposals.append(&p, s.mark())
		if p.Matter == Admission {
			s.markApplicant(p.Subject)
		}
	case VoteCast:
		p := s.ownProposal(d.Proposal)
		if p == nil {
			return fmt.Errorf("unknown proposal %q", d.Proposal)
		}
		p.Votes = p.Votes.Set(d.Member, d.Choice)
		if d.Reason != "" {
			p.Reasons = p.Reasons.Set(d.Member, d.Reason)
		}
	case ProposalDecided:
		return s.applyDecided(d, at)
	case DisputeOpened:
		dp := d.Dispute
		dp.Class = e.Class // the entry's, whatever the event's data says
		s.Disputes = s.Disputes.append(&dp, s.mark())
	case DisputeEscalated:
		dp := s.ownDispute(d.Dispute)
		if dp == nil {
			return fmt.Errorf("unknown dispute %q", d.Dispute)
		}
		dp.Stage, dp.Deadline = d.Stage, canonicalTime(d.Deadline)
		dp.Steps = append(dp.Steps, DisputeStep{Stage: d.Stage, At: at, Reason: d.Reason})
	case RoleGranted:
		s.setRole(d.Actor, d.Role, true)
	case RoleRevoked:
		s.setRole(d.Actor, d.Role, false)
	case NeutralAppointed:
		dp := s.ownDispute(d.Dispute)
		if dp == nil {
			return fmt.Errorf("unknown dispute %q", d.Dispute)
		}
		switch d.Role {
		case MediatorRole:
			dp.Mediator = d.Actor
		case ArbiterRole:
			dp.Arbiter = d.Actor
		default:
			return fmt.Errorf("unknown role %q", d.Role)
		}
	case DisputeResolved:
		dp := s.ownDispute(d.Dispute)
		if dp == nil {
			return fmt.Errorf("unknown dispute %q", d.Dispute)
		}
		dp.Stage, dp.Outcome, dp.Closed, dp.Deadline = Closed, d.Outcome, at, time.Time{}
		dp.Steps = append(dp.Steps, DisputeStep{Stage: Closed, At: at, Reason: d.Outcome})
	case CommentPosted:
		return s.applyComment(d, at)
	case BargainingOpened, ReservationStated:
		return s.applyBargaining(d, at)
	case PactDissolved:
		s.Dissolved = &PactEnd{At: at, Reason: d.Reason, Proposal: d.Proposal}
	default:
		return fmt.Errorf("not a pact event")
	}
	return nil
}

func (s *PactState) applyFounded(d PactFounded, at time.Time) error {
	if s.Len != 0 {
		return fmt.Errorf("pact already founded")
	}
	s.Pact, s.Founded = d.Pact, at
	s.Members = ActorMap[*Membership]{}
	for _, id := range d.Founders {
		if err := s.admit(id, at); err != nil {
			return err
		}
	}
	return nil
}

func (s *PactState) admit(id ActorID, at time.Time) error {
	m := s.Members.Get(id)
	if m == nil {
		m = &Membership{Member: id}
		s.Members = s.Members.Set(id, m)
	} else if m.InPact() {
		return fmt.Errorf("%s is already a member", id)
	} else {
		m = s.ownMember(id)
	}
	m.Status, m.Joined, m.Leaves, m.Left, m.Reason, m.Suspended = Active, at, time.Time{}, time.Time{}, "", false
	m.Tenures = append(m.Tenures, Tenure{From: at})
	return nil
}

func (s *PactState) leave(id ActorID, reason string, at time.Time) error {
	m, err := s.member(id)
	if err != nil {
		return err
	}
	if m.Status == Applicant {
		m.Status, m.Reason = Refused, reason
		return nil
	}
	if len(m.Tenures) == 0 {
		return fmt.Errorf("%s has no tenure to end", id)
	}
	m.Status, m.Left, m.Reason = Former, at, reason
	m.Tenures[len(m.Tenures)-1].To = at
	return nil
}

// markApplicant records that an admission vote on id is open.
func (s *PactState) markApplicant(id ActorID) {
	if s.Members.Get(id) != nil {
		s.ownMember(id).Status = Applicant
		return
	}
	s.Members = s.Members.Set(id, &Membership{Member: id, Status: Applicant})
}

// member returns the membership of a current member or applicant, as a
// record of s's own that the caller may change.
func (s *PactState) member(id ActorID) (*Membership, error) {
	m := s.Members.Get(id)
	if m == nil || !(m.InPact() || m.Status == Applicant) {
		return nil, fmt.Errorf("%s is not a member", id)
	}
	return s.ownMember(id), nil
}

func (s *PactState) applyProgress(d ProgressReported, at time.Time) error {
	o := s.ownObjective(d.Objective)
	if o == nil {
		return fmt.Errorf("unknown objective %q", d.Objective)
	}
	o.Progress = d.Value
	if o.Met.IsZero() && o.Progress >= o.Target {
		o.Met = at
	}
	return nil
}

func (s *PactState) applyContribution(c Contribution, at time.Time) error {
	c.At = canonicalTime(c.At)
	s.Contributions = s.Contributions.append(&c, s.mark())
	if s.Derived.indexed {
		s.noteDelivered(&c)
	}
	if c.Commitment == "" {
		return nil
	}
	cm := s.ownCommitment(c.Commitment)
	if cm == nil {
		return fmt.Errorf("unknown commitment %q", c.Commitment)
	}
	cm.Delivered += c.Amount
	if cm.FulfilledAt.IsZero() && cm.Delivered >= cm.Amount {
		cm.FulfilledAt = at
	}
	return nil
}

func (s *PactState) applyDecided(d ProposalDecided, at time.Time) error {
	p := s.ownProposal(d.Proposal)
	if p == nil {
		return fmt.Errorf("unknown proposal %q", d.Proposal)
	}
	if p.Decision != nil {
		return fmt.Errorf("proposal %s is already decided", p.ID)
	}
	// Re-decide: the recorded outcome must follow from the recorded votes
	// under the recorded rule.
	b := p.Ballot(s.Members)
	outcome, _ := p.Rule.Evaluate(b)
	if outcome != d.Decision.Outcome || b.Count() != d.Decision.Tally {
		return fmt.Errorf("proposal %s re-decides as %s with %+v, but the log says %s with %+v",
			p.ID, outcome, b.Count(), d.Decision.Outcome, d.Decision.Tally)
	}
	dec := d.Decision
	dec.At = canonicalTime(dec.At)
	p.Decision = &dec
	return nil
}

// Commitment returns the commitment with the given ID, or nil.
func (s *PactState) Commitment(id string) *Commitment {
	return listFind(s.Commitments, id, func(c *Commitment) string { return c.ID })
}

// Proposal returns the proposal with the given ID, or nil.
func (s *PactState) Proposal(id string) *Proposal {
	return listFind(s.Proposals, id, func(p *Proposal) string { return p.ID })
}

// Dispute returns the dispute with the given ID, or nil.
func (s *PactState) Dispute(id string) *Dispute {
	return listFind(s.Disputes, id, func(d *Dispute) string { return d.ID })
}

// Objective returns the objective with the given ID, or nil.
func (s *PactState) Objective(id string) *Objective {
	return listFind(s.Objectives, id, func(o *Objective) string { return o.ID })
}

// findByID finds an item of a slice by its sequential ID ("i12" is the
// 12th).
func findByID[T any](items []*T, id string, idOf func(*T) string) *T {
	if n, err := strconv.Atoi(id[min(1, len(id)):]); err == nil && n >= 1 && n <= len(items) {
		if idOf(items[n-1]) == id {
			return items[n-1]
		}
	}
	for _, it := range items {
		if idOf(it) == id {
			return it
		}
	}
	return nil
}

// listFind finds an item by its sequential ID ("c12" is the 12th).
func listFind[T any](items List[*T], id string, idOf func(*T) string) *T {
	if i := listIndex(items, id, idOf); i >= 0 {
		return items.At(i)
	}
	return nil
}

// listIndex returns the index of the item with the given ID, or -1. The
// index the ID names is tried first, so lookups are O(log n) for IDs
// Entente assigned; other IDs are looked for one by one.
func listIndex[T any](items List[*T], id string, idOf func(*T) string) int {
	if n, err := strconv.Atoi(id[min(1, len(id)):]); err == nil && n >= 1 && n <= items.Len() {
		if idOf(items.At(n-1)) == id {
			return n - 1
		}
	}
	for i, it := range items.All() {
		if idOf(it) == id {
			return i
		}
	}
	return -1
}

// own replaces the item with the given ID by a copy (made by copyOf) and
// returns the copy, for the fold to change. A forked state shares its
// records with the state it came from: the fold never changes a record in
// place, and the List it replaces it in is persistent.
func own[T any](items *List[*T], mark *mapOwner, id string, idOf func(*T) string, copyOf func(T) T) *T {
	i := listIndex(*items, id, idOf)
	if i < 0 {
		return nil
	}
	c := copyOf(*items.At(i))
	*items = items.set(i, &c, mark)
	return &c
}

// ownMember replaces id's membership by a copy and returns the copy, for
// the fold to change. Members is persistent: the copy costs one path of
// it, O(log n), whether or not s was forked.
func (s *PactState) ownMember(id ActorID) *Membership {
	m := *s.Members.Get(id)
	m.Tenures = append([]Tenure(nil), m.Tenures...)
	s.Members = s.Members.Set(id, &m)
	return &m
}

func (s *PactState) ownCommitment(id string) *Commitment {
	return own(&s.Commitments, s.mark(), id, func(c *Commitment) string { return c.ID }, func(c Commitment) Commitment { return c })
}

func (s *PactState) ownObjective(id string) *Objective {
	return own(&s.Objectives, s.mark(), id, func(o *Objective) string { return o.ID }, func(o Objective) Objective { return o })
}

func (s *PactState) ownProposal(id string) *Proposal {
	// The votes and reasons are persistent: the copy shares them, and
	// setting one copies a path, not the map.
	return own(&s.Proposals, s.mark(), id, func(p *Proposal) string { return p.ID }, func(p Proposal) Proposal { return p })
}

func (s *PactState) ownDispute(id string) *Dispute {
	return own(&s.Disputes, s.mark(), id, func(d *Dispute) string { return d.ID }, func(d Dispute) Dispute {
		d.Steps = append([]DisputeStep(nil), d.Steps...)
		return d
	})
}

// Voters returns the members who may vote now, sorted.
func (s *PactState) Voters() []ActorID {
	n := 0
	for _, m := range s.Members.All() {
		if m.CanVote() {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	// One allocation; All yields the IDs in order, so no sort.
	ids := make([]ActorID, 0, n)
	for id, m := range s.Members.All() {
		if m.CanVote() {
			ids = append(ids, id)
		}
	}
	return ids
}

// InPact returns the actors bound by the pact now (active, suspended or on
// notice), sorted.
func (s *PactState) InPact() []ActorID {
	n := 0
	for _, m := range s.Members.All() {
		if m.InPact() {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	// One allocation; All yields the IDs in order, so no sort.
	ids := make([]ActorID, 0, n)
	for id, m := range s.Members.All() {
		if m.InPact() {
			ids = append(ids, id)
		}
	}
	return ids
}

// Fork returns a copy of s that shares everything with s, in O(1). The
// fold never changes a record in place (it replaces it with a changed
// copy, see own), and the Lists and the Members ActorMap holding the
// records are persistent, so changes to the fork, through Apply, Execute
// or ExecuteOwned, never reach s, nor changes to s the fork. A simulation's what-if forks one base state
// many times this way. Code that changes records in place must Clone.
func (s *PactState) Fork() *PactState { return s.fork() }

func (s *PactState) fork() *PactState {
	if o := s.Derived.own; o != nil && !o.shared.Load() {
		o.shared.Store(true) // s's maps are shared from now on
	}
	c := *s
	c.Derived.own = nil
	return &c
}

// PactState has no JSON methods of its own, so a struct that embeds it
// (an API answer with the state and more beside it) encodes and decodes
// every field. Decode into a zero PactState: its Derived is then zero and
// the indexes are rebuilt when first needed.

// Derived is what a PactState keeps besides its record: the index of what
// comes due, the members' delivered totals, and the mark of the maps and
// List nodes it may change in place. It follows from the record, so it
// takes no part in comparisons (see Equal) nor in the JSON encoding. The
// zero Derived is valid: the indexes are then rebuilt when first needed.
// Code that changes a state other than through Apply (a test building one
// by hand) must reset it to the zero Derived.
type Derived struct {
	// own is the mark of the maps, List nodes and index nodes this state
	// made. The state changes
	// something in place only while its mark is own and the state has not
	// been forked since (a fork sets own.shared; what it shares is then
	// copied before its next change).
	own *mapOwner
	// indexed reports that due and delivered match the record.
	indexed bool
	due     dueIndex
	// delivered holds each member's delivered total by resource ("" for
	// all; see Delivered).
	delivered *deliveredNode
}

// mapOwner marks the maps and nodes a state may change in place.
type mapOwner struct{ shared atomic.Bool }

// Equal reports true: the internals follow from the record, which
// go-cmp compares field by field.
func (Derived) Equal(Derived) bool { return true }

// mayChange reports whether s may change a map marked m in place: s made
// it, and has not been forked since.
func (s *PactState) mayChange(m *mapOwner) bool {
	o := s.Derived.own
	return o != nil && m == o && !o.shared.Load()
}

// mark returns the mark of the maps s may change in place, a new one if s
// has none or was forked since it made its maps.
func (s *PactState) mark() *mapOwner {
	if o := s.Derived.own; o == nil || o.shared.Load() {
		s.Derived.own = &mapOwner{}
	}
	return s.Derived.own
}

// Clone returns a deep copy of s.
func (s *PactState) Clone() *PactState {
	if o := s.Derived.own; o != nil && !o.shared.Load() {
		o.shared.Store(true) // the copy shares s's delivered totals
	}
	c := *s
	c.Derived.own = nil
	ids := make([]ActorID, 0, s.Members.Len())
	ms := make([]*Membership, 0, s.Members.Len())
	for id, m := range s.Members.All() {
		mm := *m
		mm.Tenures = append([]Tenure(nil), m.Tenures...)
		ids, ms = append(ids, id), append(ms, &mm)
	}
	c.Members = actorMapSorted(ids, func(i int) *Membership { return ms[i] })
	c.Commitments = cloneEach(s.Commitments, func(v *Commitment) {})
	c.Contributions = cloneEach(s.Contributions, func(v *Contribution) {})
	c.Objectives = cloneEach(s.Objectives, func(v *Objective) {})
	c.Proposals = cloneEach(s.Proposals, func(p *Proposal) {
		// Votes and Reasons are immutable: the copy may share them.
		if p.Decision != nil {
			d := *p.Decision
			p.Decision = &d
		}
	})
	c.Disputes = cloneEach(s.Disputes, func(d *Dispute) {
		d.Steps = append([]DisputeStep(nil), d.Steps...)
	})
	if s.Dissolved != nil {
		d := *s.Dissolved
		c.Dissolved = &d
	}
	return &c
}

// cloneEach copies every element of items, then lets fix deep-copy the
// fields that a shallow copy would share. Fields that are never mutated
// after creation (a proposal's rule, electorate and weights) stay shared.
func cloneEach[T any](items List[*T], fix func(*T)) List[*T] {
	var out List[*T]
	for _, it := range items.All() {
		v := *it
		fix(&v)
		out = out.Append(&v)
	}
	return out
}

// setRole grants or withdraws a role, copying the roles map so that a
// fork sharing it is not changed.
func (s *PactState) setRole(id ActorID, r Role, on bool) {
	roles := make(map[ActorID][]Role, len(s.Roles)+1)
	for k, v := range s.Roles {
		roles[k] = v
	}
	var kept []Role
	for _, have := range roles[id] {
		if have != r {
			kept = append(kept, have)
		}
	}
	if on {
		kept = append(kept, r)
	}
	if len(kept) == 0 {
		delete(roles, id)
	} else {
		roles[id] = kept
	}
	s.Roles = roles
}

// HasRole reports whether id holds role r in the pact.
func (s *PactState) HasRole(id ActorID, r Role) bool { return oneOf(r, s.Roles[id]) }
