package entente

import (
	"fmt"
	"sort"
	"time"
)

// PactState is a pact as its log tells it: the fold of its events. It is
// never changed except by Apply.
type PactState struct {
	Pact          Pact                    `json:"pact"`
	Founded       time.Time               `json:"founded"`
	Members       map[ActorID]*Membership `json:"members"`
	Commitments   []*Commitment           `json:"commitments"`
	Contributions []*Contribution         `json:"contributions"`
	Objectives    []*Objective            `json:"objectives"`
	Proposals     []*Proposal             `json:"proposals"`
	Disputes      []*Dispute              `json:"disputes"`
	Bargainings   []*Bargaining           `json:"bargainings,omitempty"`
	Dissolved     *PactEnd                `json:"dissolved,omitempty"`
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
	if err := s.apply(e); err != nil {
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
		s.Objectives = append(s.Objectives, &o)
	case ProgressReported:
		return s.applyProgress(d, at)
	case CommitmentMade:
		c := d.Commitment
		s.Commitments = append(s.Commitments, &c)
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
		s.Proposals = append(s.Proposals, &p)
		if p.Matter == Admission {
			s.markApplicant(p.Subject)
		}
	case VoteCast:
		p := s.ownProposal(d.Proposal)
		if p == nil {
			return fmt.Errorf("unknown proposal %q", d.Proposal)
		}
		p.Votes[d.Member] = d.Choice
		p.noteReason(d.Member, d.Reason)
	case ProposalDecided:
		return s.applyDecided(d, at)
	case DisputeOpened:
		dp := d.Dispute
		dp.Class = e.Class // the entry's, whatever the event's data says
		s.Disputes = append(s.Disputes, &dp)
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
	s.Members = map[ActorID]*Membership{}
	for _, id := range d.Founders {
		if err := s.admit(id, at); err != nil {
			return err
		}
	}
	return nil
}

func (s *PactState) admit(id ActorID, at time.Time) error {
	m := s.Members[id]
	if m == nil {
		m = &Membership{Member: id}
		s.Members[id] = m
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
	if s.Members[id] != nil {
		s.ownMember(id).Status = Applicant
		return
	}
	s.Members[id] = &Membership{Member: id, Status: Applicant}
}

// member returns the membership of a current member or applicant, as a
// record of s's own that the caller may change.
func (s *PactState) member(id ActorID) (*Membership, error) {
	m := s.Members[id]
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
	s.Contributions = append(s.Contributions, &c)
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
	return findByID(s.Commitments, id, func(c *Commitment) string { return c.ID })
}

// Proposal returns the proposal with the given ID, or nil.
func (s *PactState) Proposal(id string) *Proposal {
	return findByID(s.Proposals, id, func(p *Proposal) string { return p.ID })
}

// Dispute returns the dispute with the given ID, or nil.
func (s *PactState) Dispute(id string) *Dispute {
	return findByID(s.Disputes, id, func(d *Dispute) string { return d.ID })
}

// Objective returns the objective with the given ID, or nil.
func (s *PactState) Objective(id string) *Objective {
	return findByID(s.Objectives, id, func(o *Objective) string { return o.ID })
}

// findByID finds an item by its sequential ID ("c12" is the 12th).
func findByID[T any](items []*T, id string, idOf func(*T) string) *T {
	if i := indexByID(items, id, idOf); i >= 0 {
		return items[i]
	}
	return nil
}

// indexByID returns the index of the item with the given ID, or -1. The
// index the ID names is tried first, so lookups are O(1) for IDs Entente
// assigned.
func indexByID[T any](items []*T, id string, idOf func(*T) string) int {
	var n int
	if _, err := fmt.Sscanf(id[min(1, len(id)):], "%d", &n); err == nil && n >= 1 && n <= len(items) {
		if idOf(items[n-1]) == id {
			return n - 1
		}
	}
	for i, it := range items {
		if idOf(it) == id {
			return i
		}
	}
	return -1
}

// own replaces the item with the given ID by a copy (made by copyOf) and
// returns the copy, for the fold to change. A forked state shares its
// records with the state it came from until it owns them.
func own[T any](items []*T, id string, idOf func(*T) string, copyOf func(T) T) *T {
	i := indexByID(items, id, idOf)
	if i < 0 {
		return nil
	}
	c := copyOf(*items[i])
	items[i] = &c
	return &c
}

func (s *PactState) ownMember(id ActorID) *Membership {
	m := *s.Members[id]
	m.Tenures = append([]Tenure(nil), m.Tenures...)
	s.Members[id] = &m
	return &m
}

func (s *PactState) ownCommitment(id string) *Commitment {
	return own(s.Commitments, id, func(c *Commitment) string { return c.ID }, func(c Commitment) Commitment { return c })
}

func (s *PactState) ownObjective(id string) *Objective {
	return own(s.Objectives, id, func(o *Objective) string { return o.ID }, func(o Objective) Objective { return o })
}

func (s *PactState) ownProposal(id string) *Proposal {
	return own(s.Proposals, id, func(p *Proposal) string { return p.ID }, func(p Proposal) Proposal {
		votes := make(map[ActorID]Choice, len(p.Votes)+1)
		for k, v := range p.Votes {
			votes[k] = v
		}
		p.Votes = votes
		return p
	})
}

func (s *PactState) ownDispute(id string) *Dispute {
	return own(s.Disputes, id, func(d *Dispute) string { return d.ID }, func(d Dispute) Dispute {
		d.Steps = append([]DisputeStep(nil), d.Steps...)
		return d
	})
}

// Voters returns the members who may vote now, sorted.
func (s *PactState) Voters() []ActorID {
	var ids []ActorID
	for id, m := range s.Members {
		if m.CanVote() {
			ids = append(ids, id)
		}
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids
}

// InPact returns the actors bound by the pact now (active, suspended or on
// notice), sorted.
func (s *PactState) InPact() []ActorID {
	var ids []ActorID
	for id, m := range s.Members {
		if m.InPact() {
			ids = append(ids, id)
		}
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids
}

// Delivered returns each member's delivered total, of one resource or, when
// resource is "", of all.
func (s *PactState) Delivered(resource string) map[ActorID]float64 {
	out := map[ActorID]float64{}
	for _, c := range s.Contributions {
		if resource == "" || c.Resource == resource {
			out[c.Member] += c.Amount
		}
	}
	return out
}

// fork returns a copy of s that shares its records with s: new maps and
// slices holding the same pointers. Apply never changes a record in place
// (it replaces it with a changed copy, see own), so changes to the fork
// never reach s. Forking costs a copy of the pointers, not of the records.
func (s *PactState) fork() *PactState {
	c := *s
	c.Members = make(map[ActorID]*Membership, len(s.Members))
	for id, m := range s.Members {
		c.Members[id] = m
	}
	c.Commitments = append([]*Commitment(nil), s.Commitments...)
	c.Contributions = append([]*Contribution(nil), s.Contributions...)
	c.Objectives = append([]*Objective(nil), s.Objectives...)
	c.Proposals = append([]*Proposal(nil), s.Proposals...)
	c.Disputes = append([]*Dispute(nil), s.Disputes...)
	return &c
}

// Clone returns a deep copy of s.
func (s *PactState) Clone() *PactState {
	c := *s
	c.Members = make(map[ActorID]*Membership, len(s.Members))
	for id, m := range s.Members {
		mm := *m
		mm.Tenures = append([]Tenure(nil), m.Tenures...)
		c.Members[id] = &mm
	}
	c.Commitments = cloneEach(s.Commitments, func(v *Commitment) {})
	c.Contributions = cloneEach(s.Contributions, func(v *Contribution) {})
	c.Objectives = cloneEach(s.Objectives, func(v *Objective) {})
	c.Proposals = cloneEach(s.Proposals, func(p *Proposal) {
		if p.Votes != nil {
			votes := make(map[ActorID]Choice, len(p.Votes))
			for k, v := range p.Votes {
				votes[k] = v
			}
			p.Votes = votes
		}
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
func cloneEach[T any](items []*T, fix func(*T)) []*T {
	if items == nil {
		return nil
	}
	out := make([]*T, len(items))
	for i, it := range items {
		v := *it
		fix(&v)
		out[i] = &v
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
