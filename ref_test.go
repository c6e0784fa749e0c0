package entente

// This file keeps the fold and the commands as they were before PactState
// kept its records in Lists and indexed what comes due (commit 645d1f3 and
// before): slices copied whole on every fork, and every member, commitment,
// dispute and proposal scanned for what is due. It is the reference the
// property tests compare the new state with, and the baseline of the
// command benchmarks. Only names changed: refState for PactState,
// refExecution for execution, refRun for run.

import (
	"fmt"
	"math"
	"sort"
	"time"
)

// refBallot is Proposal.Ballot as it was, over the map of members.
func refBallot(p *Proposal, members map[ActorID]*Membership) Ballot {
	electorate := make([]ActorID, 0, len(p.Electorate))
	for _, id := range p.Electorate {
		if m, ok := members[id]; ok && m.CanVote() {
			electorate = append(electorate, id)
		}
	}
	return Ballot{Electorate: electorate, Votes: p.Votes, Weights: p.Weights}
}

// refCommand is Command for the reference.
type refCommand interface {
	refRun(x *refExecution) error
}

// noteClass records c once, copying the list so a fork is not changed.
func (s *refState) noteClass(c ClassifiedAs) {
	if oneOf(c, s.Classified) {
		return
	}
	s.Classified = append(append([]ClassifiedAs(nil), s.Classified...), c)
}

// refState is a pact as its log tells it: the fold of its events. It is
// never changed except by Apply.
type refState struct {
	Pact          Pact                    `json:"pact"`
	Founded       time.Time               `json:"founded"`
	Members       map[ActorID]*Membership `json:"members"`
	Commitments   []*Commitment           `json:"commitments"`
	Contributions []*Contribution         `json:"contributions"`
	Objectives    []*Objective            `json:"objectives"`
	Proposals     []*Proposal             `json:"proposals"`
	Disputes      []*Dispute              `json:"disputes"`
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
func refFold(events []Event) (*refState, error) {
	s := &refState{}
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
func (s *refState) Apply(e Event) error {
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
	if e.Class != "" && e.Class != ClassPublic {
		s.noteClass(ClassifiedAs{Class: e.Class, Dispute: disputeOf(e.Data)})
	}
	s.Len++
	s.Updated = canonicalTime(e.At)
	return nil
}

func (s *refState) apply(e Event) error {
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
		c.Class = e.Class // the entry's, whatever the event's data says
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
		p.Class = e.Class // the entry's, whatever the event's data says
		s.Proposals = append(s.Proposals, &p)
		if p.Matter == Admission {
			s.markApplicant(p.Subject)
		}
	case VoteCast:
		p := s.ownProposal(d.Proposal)
		if p == nil {
			return fmt.Errorf("unknown proposal %q", d.Proposal)
		}
		p.Votes = p.Votes.Set(d.Member, d.Choice)
	case ProposalDecided:
		return s.applyDecided(d, at)
	case DisputeOpened:
		dp := d.Dispute
		dp.Class = e.Class
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
	case PactDissolved:
		s.Dissolved = &PactEnd{At: at, Reason: d.Reason, Proposal: d.Proposal}
	default:
		return fmt.Errorf("not a pact event")
	}
	return nil
}

func (s *refState) applyFounded(d PactFounded, at time.Time) error {
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

func (s *refState) admit(id ActorID, at time.Time) error {
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

func (s *refState) leave(id ActorID, reason string, at time.Time) error {
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
func (s *refState) markApplicant(id ActorID) {
	if s.Members[id] != nil {
		s.ownMember(id).Status = Applicant
		return
	}
	s.Members[id] = &Membership{Member: id, Status: Applicant}
}

// member returns the membership of a current member or applicant, as a
// record of s's own that the caller may change.
func (s *refState) member(id ActorID) (*Membership, error) {
	m := s.Members[id]
	if m == nil || !(m.InPact() || m.Status == Applicant) {
		return nil, fmt.Errorf("%s is not a member", id)
	}
	return s.ownMember(id), nil
}

func (s *refState) applyProgress(d ProgressReported, at time.Time) error {
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

func (s *refState) applyContribution(c Contribution, at time.Time) error {
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

func (s *refState) applyDecided(d ProposalDecided, at time.Time) error {
	p := s.ownProposal(d.Proposal)
	if p == nil {
		return fmt.Errorf("unknown proposal %q", d.Proposal)
	}
	if p.Decision != nil {
		return fmt.Errorf("proposal %s is already decided", p.ID)
	}
	// Re-decide: the recorded outcome must follow from the recorded votes
	// under the recorded rule.
	b := refBallot(p, s.Members)
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
func (s *refState) Commitment(id string) *Commitment {
	return refFindByID(s.Commitments, id, func(c *Commitment) string { return c.ID })
}

// Proposal returns the proposal with the given ID, or nil.
func (s *refState) Proposal(id string) *Proposal {
	return refFindByID(s.Proposals, id, func(p *Proposal) string { return p.ID })
}

// Dispute returns the dispute with the given ID, or nil.
func (s *refState) Dispute(id string) *Dispute {
	return refFindByID(s.Disputes, id, func(d *Dispute) string { return d.ID })
}

// Objective returns the objective with the given ID, or nil.
func (s *refState) Objective(id string) *Objective {
	return refFindByID(s.Objectives, id, func(o *Objective) string { return o.ID })
}

// refFindByID finds an item by its sequential ID ("c12" is the 12th).
func refFindByID[T any](items []*T, id string, idOf func(*T) string) *T {
	if i := refIndexByID(items, id, idOf); i >= 0 {
		return items[i]
	}
	return nil
}

// refIndexByID returns the index of the item with the given ID, or -1. The
// index the ID names is tried first, so lookups are O(1) for IDs Entente
// assigned.
func refIndexByID[T any](items []*T, id string, idOf func(*T) string) int {
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
func refOwn[T any](items []*T, id string, idOf func(*T) string, copyOf func(T) T) *T {
	i := refIndexByID(items, id, idOf)
	if i < 0 {
		return nil
	}
	c := copyOf(*items[i])
	items[i] = &c
	return &c
}

func (s *refState) ownMember(id ActorID) *Membership {
	m := *s.Members[id]
	m.Tenures = append([]Tenure(nil), m.Tenures...)
	s.Members[id] = &m
	return &m
}

func (s *refState) ownCommitment(id string) *Commitment {
	return refOwn(s.Commitments, id, func(c *Commitment) string { return c.ID }, func(c Commitment) Commitment { return c })
}

func (s *refState) ownObjective(id string) *Objective {
	return refOwn(s.Objectives, id, func(o *Objective) string { return o.ID }, func(o Objective) Objective { return o })
}

func (s *refState) ownProposal(id string) *Proposal {
	// Votes became persistent (ActorMap) after this reference was taken:
	// the copy shares them.
	return refOwn(s.Proposals, id, func(p *Proposal) string { return p.ID }, func(p Proposal) Proposal { return p })
}

func (s *refState) ownDispute(id string) *Dispute {
	return refOwn(s.Disputes, id, func(d *Dispute) string { return d.ID }, func(d Dispute) Dispute {
		d.Steps = append([]DisputeStep(nil), d.Steps...)
		return d
	})
}

// Voters returns the members who may vote now, sorted.
func (s *refState) Voters() []ActorID {
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
func (s *refState) InPact() []ActorID {
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
func (s *refState) Delivered(resource string) map[ActorID]float64 {
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
func (s *refState) fork() *refState {
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
func (s *refState) Clone() *refState {
	c := *s
	c.Members = make(map[ActorID]*Membership, len(s.Members))
	for id, m := range s.Members {
		mm := *m
		mm.Tenures = append([]Tenure(nil), m.Tenures...)
		c.Members[id] = &mm
	}
	c.Commitments = refCloneEach(s.Commitments, func(v *Commitment) {})
	c.Contributions = refCloneEach(s.Contributions, func(v *Contribution) {})
	c.Objectives = refCloneEach(s.Objectives, func(v *Objective) {})
	c.Proposals = refCloneEach(s.Proposals, func(p *Proposal) {
		if p.Decision != nil {
			d := *p.Decision
			p.Decision = &d
		}
	})
	c.Disputes = refCloneEach(s.Disputes, func(d *Dispute) {
		d.Steps = append([]DisputeStep(nil), d.Steps...)
	})
	if s.Dissolved != nil {
		d := *s.Dissolved
		c.Dissolved = &d
	}
	return &c
}

// refCloneEach copies every element of items, then lets fix deep-copy the
// fields that a shallow copy would share. Fields that are never mutated
// after creation (a proposal's rule, electorate and weights) stay shared.
func refCloneEach[T any](items []*T, fix func(*T)) []*T {
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
func (s *refState) setRole(id ActorID, r Role, on bool) {
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
func (s *refState) HasRole(id ActorID, r Role) bool { return oneOf(r, s.Roles[id]) }

// refExecution carries a command's work: a fork of the state that each
// emitted event is folded into at once, so that later checks (and the
// consequences of a vote) see it. The fork shares every record with the
// original until the fold changes it (see refState.fork), so a failed
// command leaves the original untouched, and a command on a pact of 100,000
// events does not copy them all. Code holding a record across an emit must
// fetch it again: the fold replaces what it changes.
type refExecution struct {
	s      *refState
	env    Env
	by     ActorID
	events []Event
	at     time.Time // the time of the events being emitted
	// class classifies the events of the command, from its actor's first
	// event on (what time brought about before it stays unclassified).
	class   Classification
	classOn bool
}

func (x *refExecution) now() time.Time { return canonicalTime(x.env.Now) }

// emit folds an event into the working state and keeps it. The command has
// checked the event against the state already, so a failure here is a bug.
func (x *refExecution) emit(by ActorID, d EventData) error {
	at := x.at
	if at.IsZero() {
		at = x.now()
	}
	if x.class != "" && (x.classOn || (by != "" && by == x.by)) {
		x.classOn = true
	}
	e := Event{Seq: x.s.Len, At: at, By: by, Data: d}
	if x.classOn {
		e.Class = x.class
	}
	if err := x.s.Apply(e); err != nil {
		return Errorf(EINTERNAL, "applying %s: %v", d.EventType(), err)
	}
	x.events = append(x.events, e)
	return nil
}

// Execute runs cmd, made by actor by, against s at env.Now. It first records
// what time alone has brought about (deadlines, notice periods; see
// Advance), then the command and its consequences. It returns the new state
// and the events to append; s itself is left unchanged, so nothing is
// recorded when the command fails. s is nil for a pact that does not exist
// yet, which only FoundPact accepts.
func refExecuteExported(s *refState, by ActorID, cmd Command, env Env) (*refState, []Event, error) {
	return refExecute(s, by, cmd, env, false, "")
}

// execute is Execute; inPlace runs the command on s itself instead of a
// fork, for a replay that owns s and stops at the first failure (a fork
// copies the state's slices, which made replaying a long log quadratic).
func refExecute(s *refState, by ActorID, cmd Command, env Env, inPlace bool, class Classification) (*refState, []Event, error) {
	if env.Now.IsZero() {
		return nil, nil, Errorf(EINTERNAL, "no time given to the command")
	}
	if _, ok := cmd.(FoundPact); ok != (s == nil) {
		if s == nil {
			return nil, nil, Errorf(ENOTFOUND, "pact not found")
		}
		return nil, nil, Errorf(ECONFLICT, "pact %s already exists", s.Pact.ID)
	}
	x := &refExecution{env: env, by: by, class: class}
	if s == nil {
		x.s = &refState{}
	} else {
		if env.Now.Before(s.Updated) {
			return nil, nil, Errorf(EINVALID, "time %s is before the pact's last event at %s", env.Now.UTC().Format(time.RFC3339), s.Updated.Format(time.RFC3339))
		}
		x.s = s
		if !inPlace {
			x.s = s.fork()
		}
		if err := x.advance(); err != nil {
			return nil, nil, err
		}
	}
	if err := cmd.(refCommand).refRun(x); err != nil {
		return nil, nil, err
	}
	return x.s, x.events, nil
}

// Advance records what time alone has brought about by env.Now: votes
// closing, notice periods running out, commitments falling overdue, disputes
// climbing the ladder on their deadlines, a fixed term ending. It returns the
// new state and the events, none if nothing was due.
func refAdvanceExported(s *refState, env Env) (*refState, []Event, error) {
	return refAdvanceState(s, env, false)
}

// ExecuteOwned is Execute for a caller that owns s and drops it for the
// state returned (a simulation, a replay): the command runs on s itself,
// without copying the state's lists, which makes a command's cost
// independent of the pact's history. When it fails, s is left in an
// unspecified state.
func refExecuteOwned(s *refState, by ActorID, cmd Command, env Env) (*refState, []Event, error) {
	return refExecute(s, by, cmd, env, true, "")
}

// AdvanceOwned is Advance on a state the caller owns (see ExecuteOwned).
func refAdvanceOwned(s *refState, env Env) (*refState, []Event, error) {
	return refAdvanceState(s, env, true)
}

func refAdvanceState(s *refState, env Env, inPlace bool) (*refState, []Event, error) {
	if env.Now.Before(s.Updated) {
		return s, nil, nil
	}
	x := &refExecution{s: s, env: env}
	if !inPlace {
		x.s = s.fork()
	}
	if err := x.advance(); err != nil {
		return nil, nil, err
	}
	return x.s, x.events, nil
}

func (x *refExecution) advance() error {
	now := x.now()
	for x.s.Dissolved == nil {
		item, ok := x.nextDue(now)
		if !ok {
			break
		}
		x.at = item.at
		if err := item.run(); err != nil {
			return err
		}
	}
	x.at = now
	return nil
}

// refDueItem is something time brings about at a moment: a notice running
// out, a commitment falling overdue, a dispute deadline, a vote closing, a
// fixed term ending.
type refDueItem struct {
	at   time.Time
	rank int // order among items due at the same moment
	run  func() error
}

// nextDue returns the earliest item due by now. Handling what came due in
// the order it came due, stamped with the moment it came due, makes the log
// the same however often Advance runs: a member whose notice ran out before
// a vote closed is not counted in that vote, and nothing is recorded after
// the pact dissolved.
func (x *refExecution) nextDue(now time.Time) (refDueItem, bool) {
	var best refDueItem
	found := false
	consider := func(it refDueItem) {
		if !found || it.at.Before(best.at) || (it.at.Equal(best.at) && it.rank < best.rank) {
			best, found = it, true
		}
	}
	// Only members whose notice ran out are sorted (ties go by ID), not
	// every member on every command.
	var leaving []ActorID
	for id, m := range x.s.Members {
		if m.Status == OnNotice && !m.Leaves.After(now) {
			leaving = append(leaving, id)
		}
	}
	sort.Slice(leaving, func(i, j int) bool { return leaving[i] < leaving[j] })
	for _, id := range leaving {
		m := x.s.Members[id]
		consider(refDueItem{m.Leaves, 0, func() error { return x.emit("", MemberLeft{Member: id, Reason: "notice ran out"}) }})
	}
	for _, c := range x.s.Commitments {
		if !c.Late && c.Status() != Fulfilled && now.After(c.Due) {
			consider(refDueItem{c.Due, 1, func() error { return x.emit("", CommitmentOverdue{Commitment: c.ID}) }})
		}
	}
	for _, d := range x.s.Disputes {
		if d.Stage != Closed && d.Stage.next() != "" && !d.Deadline.IsZero() && !d.Deadline.After(now) {
			consider(refDueItem{d.Deadline, 2, func() error { return x.escalateOnDeadline(d) }})
		}
	}
	for _, p := range x.s.Proposals {
		if p.Decision == nil && !p.Closes.After(now) {
			consider(refDueItem{p.Closes, 3, func() error { return x.decide(p, true) }})
		}
	}
	if du := x.s.Pact.Duration; du.Kind == FixedTerm && !du.Until.After(now) {
		consider(refDueItem{du.Until, 4, func() error { return x.dissolve("the fixed term ended", "") }})
	}
	return best, found
}

// escalateOnDeadline climbs one rung because the stage's deadline passed.
// The next deadline counts from the old one, not from now, so a late check
// gives the same result as a prompt one.
func (x *refExecution) escalateOnDeadline(d *Dispute) error {
	next := d.Stage.next()
	deadline := stageDeadline(x.s.Pact.Agreement.Disputes, next, d.Deadline)
	reason := fmt.Sprintf("%s deadline passed", d.Stage)
	return x.emit("", DisputeEscalated{Dispute: d.ID, Stage: next, Deadline: deadline, Reason: reason})
}

// decide records a proposal's decision: at once when final (its window
// closed), otherwise only if the outcome is already settled. An adopted
// proposal takes effect in the same breath.
func (x *refExecution) decide(p *Proposal, final bool) error {
	b := refBallot(p, x.s.Members)
	var outcome Outcome
	var reason string
	if final {
		outcome, reason = p.Rule.Evaluate(b)
	} else {
		var settled bool
		if outcome, reason, settled = p.Rule.Settled(b); !settled {
			return nil
		}
	}
	at := x.at
	if at.IsZero() {
		at = x.now()
	}
	d := Decision{Outcome: outcome, Rule: p.Rule.Kind, Tally: b.Count(), Reason: reason, At: at}
	if err := x.emit("", ProposalDecided{Proposal: p.ID, Decision: d}); err != nil {
		return err
	}
	return x.takeEffect(x.s.Proposal(p.ID)) // the fold replaced it with its decided version
}

func (x *refExecution) takeEffect(p *Proposal) error {
	adopted := p.Decision.Outcome == Adopted
	m := x.s.Members[p.Subject]
	switch {
	case p.Matter == Admission && m != nil && m.Status == Applicant:
		if adopted {
			return x.emit("", MemberAdmitted{Member: p.Subject, Via: p.ID})
		}
		return x.emit("", MemberLeft{Member: p.Subject, Reason: "admission refused by " + p.ID})
	case !adopted:
		return nil
	case p.Matter == Expulsion && m != nil && m.InPact():
		return x.emit("", MemberLeft{Member: p.Subject, Reason: "expelled by " + p.ID})
	case p.Matter == Suspension && m != nil && m.InPact():
		return x.emit("", MemberSuspended{Member: p.Subject, Proposal: p.ID})
	case p.Matter == RoleMatter && p.Revoke:
		return x.emit("", RoleRevoked{Actor: p.Subject, Role: p.Role, Proposal: p.ID})
	case p.Matter == RoleMatter:
		return x.emit("", RoleGranted{Actor: p.Subject, Role: p.Role, Proposal: p.ID})
	case p.Matter == Amendment && p.Amendment != nil:
		return x.emit("", AgreementAmended{Agreement: *p.Amendment, Proposal: p.ID})
	case p.Matter == Dissolution:
		return x.dissolve("dissolved by decision", p.ID)
	}
	return nil
}

// dissolve ends the pact; every member leaves with it, and applicants
// whose admission vote was still open are refused.
func (x *refExecution) dissolve(reason, proposal string) error {
	if err := x.emit("", PactDissolved{Reason: reason, Proposal: proposal}); err != nil {
		return err
	}
	for _, id := range sortedKeys(x.s.Members) {
		if m := x.s.Members[id]; m.InPact() || m.Status == Applicant {
			if err := x.emit("", MemberLeft{Member: id, Reason: "the pact dissolved"}); err != nil {
				return err
			}
		}
	}
	return nil
}

// requireOpen refuses commands to a dissolved pact.
func (x *refExecution) requireOpen() error {
	if d := x.s.Dissolved; d != nil {
		return Errorf(ECONFLICT, "pact %s was dissolved at %s: %s", x.s.Pact.ID, d.At.Format(time.RFC3339), d.Reason)
	}
	return nil
}

// requireMember checks that the acting party is bound by the pact.
func (x *refExecution) requireMember() (*Membership, error) {
	if x.by == "" {
		return nil, FieldErrorf(EINVALID, "by", "expected the acting member")
	}
	m := x.s.Members[x.by]
	if m == nil || !m.InPact() {
		return nil, FieldErrorf(EFORBIDDEN, "by", "%s is not a member of pact %s", x.by, x.s.Pact.ID)
	}
	return m, nil
}

// requireMemberOr checks that the acting party is a member or holds role
// r in the pact (a secretariat records objectives and progress without
// being a member).
func (x *refExecution) requireMemberOr(r Role) error {
	if x.by != "" && x.s.HasRole(x.by, r) {
		return nil
	}
	_, err := x.requireMember()
	return err
}

func (c FoundPact) refRun(x *refExecution) error {
	if err := c.Pact.Validate(); err != nil {
		return err
	}
	if !c.Pact.Duration.Until.IsZero() {
		// The same instant must always encode to the same bytes.
		c.Pact.Duration.Until = canonicalTime(c.Pact.Duration.Until)
	}
	min := 1
	if c.Pact.Kind == Alliance {
		min = 2
	}
	if len(c.Founders) < min {
		return FieldErrorf(EINVALID, "founders", "expected at least %d founding member(s) for a %s, got %d", min, c.Pact.Kind, len(c.Founders))
	}
	seen := map[ActorID]bool{}
	for i, id := range c.Founders {
		field := fmt.Sprintf("founders[%d]", i)
		if x.env.actor(id) == nil {
			return FieldErrorf(EINVALID, field, "unknown actor %q", id)
		}
		if seen[id] {
			return FieldErrorf(EINVALID, field, "%s is listed twice", id)
		}
		seen[id] = true
	}
	if !seen[x.by] {
		return FieldErrorf(EFORBIDDEN, "by", "expected one of the founders to found the pact, got %q", x.by)
	}
	return x.emit(x.by, PactFounded(c))
}

func (c RequestJoin) refRun(x *refExecution) error {
	if err := x.requireOpen(); err != nil {
		return err
	}
	if x.env.actor(x.by) == nil {
		return FieldErrorf(EINVALID, "by", "unknown actor %q", x.by)
	}
	if m := x.s.Members[x.by]; m != nil && (m.InPact() || m.Status == Applicant) {
		return FieldErrorf(ECONFLICT, "by", "%s is already %s in pact %s", x.by, m.Status, x.s.Pact.ID)
	}
	if x.s.Pact.Agreement.JoinRuleFor(x.s.Pact.Kind) == JoinOpen {
		return x.emit(x.by, MemberAdmitted{Member: x.by, Via: "open"})
	}
	title := fmt.Sprintf("Admit %s", x.by)
	return x.open(Proposal{Matter: Admission, Title: title, Subject: x.by})
}

func (c GiveNotice) refRun(x *refExecution) error {
	if err := x.requireOpen(); err != nil {
		return err
	}
	m, err := x.requireMember()
	if err != nil {
		return err
	}
	if m.Status == OnNotice {
		return FieldErrorf(ECONFLICT, "by", "%s already gave notice; it leaves at %s", x.by, m.Leaves.Format(time.RFC3339))
	}
	notice := x.s.Pact.Agreement.Exit.Notice.Duration()
	if err := x.emit(x.by, NoticeGiven{Member: x.by, Effects: x.now().Add(notice)}); err != nil {
		return err
	}
	if notice == 0 {
		return x.emit("", MemberLeft{Member: x.by, Reason: "notice ran out"})
	}
	return nil
}

func (c Pledge) refRun(x *refExecution) error {
	if err := x.requireOpen(); err != nil {
		return err
	}
	if _, err := x.requireMember(); err != nil {
		return err
	}
	if err := requireText("resource", c.Resource); err != nil {
		return err
	}
	if err := positiveAmount("amount", c.Amount); err != nil {
		return err
	}
	if c.Due.IsZero() || c.Due.Before(x.now()) {
		return FieldErrorf(EINVALID, "due", "expected a due date not before now (%s)", x.now().Format(time.RFC3339))
	}
	cm := Commitment{ID: nextID("c", len(x.s.Commitments)), Member: x.by, Resource: c.Resource,
		Amount: c.Amount, Due: canonicalTime(c.Due), Made: x.now()}
	return x.emit(x.by, CommitmentMade{Commitment: cm})
}

func (c Contribute) refRun(x *refExecution) error {
	if err := positiveAmount("amount", c.Amount); err != nil {
		return err
	}
	resource := c.Resource
	if c.Commitment != "" {
		cm := x.s.Commitment(c.Commitment)
		if cm == nil {
			return FieldErrorf(ENOTFOUND, "commitment", "no commitment %q in pact %s", c.Commitment, x.s.Pact.ID)
		}
		if cm.Member != x.by {
			return FieldErrorf(EFORBIDDEN, "by", "commitment %s was made by %s, not %s", cm.ID, cm.Member, x.by)
		}
		if resource == "" {
			resource = cm.Resource
		} else if resource != cm.Resource {
			return FieldErrorf(EINVALID, "resource", "commitment %s is of %s, got %s", cm.ID, cm.Resource, resource)
		}
	} else {
		if err := x.requireOpen(); err != nil {
			return err
		}
		if _, err := x.requireMember(); err != nil {
			return err
		}
		if err := requireText("resource", resource); err != nil {
			return err
		}
	}
	k := Contribution{ID: nextID("k", len(x.s.Contributions)), Member: x.by, Commitment: c.Commitment,
		Resource: resource, Amount: c.Amount, At: x.now()}
	return x.emit(x.by, ContributionMade{Contribution: k})
}

func (c SetObjective) refRun(x *refExecution) error {
	if err := x.requireOpen(); err != nil {
		return err
	}
	if err := x.requireMemberOr(SecretariatRole); err != nil {
		return err
	}
	if err := requireText("metric", c.Metric); err != nil {
		return err
	}
	if math.IsNaN(c.Target) || math.IsInf(c.Target, 0) {
		return FieldErrorf(EINVALID, "target", "expected a finite number")
	}
	o := Objective{ID: nextID("o", len(x.s.Objectives)), Metric: c.Metric, Target: c.Target, Deadline: canonicalTime(c.Deadline)}
	return x.emit(x.by, ObjectiveSet{Objective: o})
}

func (c ReportProgress) refRun(x *refExecution) error {
	if err := x.requireOpen(); err != nil {
		return err
	}
	if err := x.requireMemberOr(SecretariatRole); err != nil {
		return err
	}
	o := x.s.Objective(c.Objective)
	if o == nil {
		return FieldErrorf(ENOTFOUND, "objective", "no objective %q in pact %s", c.Objective, x.s.Pact.ID)
	}
	if math.IsNaN(c.Value) || math.IsInf(c.Value, 0) {
		return FieldErrorf(EINVALID, "value", "expected a finite number")
	}
	wasMet := !o.Met.IsZero()
	if err := x.emit(x.by, ProgressReported{Objective: o.ID, Value: c.Value}); err != nil {
		return err
	}
	o = x.s.Objective(o.ID) // the fold replaced it with its new version
	du := x.s.Pact.Duration
	if !wasMet && !o.Met.IsZero() && x.s.Pact.Kind == Coalition && du.Kind == UntilObjective && du.Objective == o.Metric {
		return x.dissolve(fmt.Sprintf("objective %s (%s) met", o.ID, o.Metric), "")
	}
	return nil
}

func (c Propose) refRun(x *refExecution) error {
	if err := x.requireOpen(); err != nil {
		return err
	}
	m, err := x.requireMember()
	if err != nil {
		return err
	}
	if !m.CanVote() {
		return FieldErrorf(EFORBIDDEN, "by", "%s is %s and may not propose", x.by, m.Status)
	}
	if !oneOf(c.Matter, Matters) {
		return FieldErrorf(EINVALID, "matter", "expected one of %v, got %q", Matters, c.Matter)
	}
	if err := requireText("title", c.Title); err != nil {
		return err
	}
	if err := limitText("text", c.Text); err != nil {
		return err
	}
	if err := c.refCheckSubject(x); err != nil {
		return err
	}
	return x.open(Proposal{Matter: c.Matter, Title: c.Title, Text: c.Text, Subject: c.Subject, Amendment: c.Amendment, Role: c.Role, Revoke: c.Revoke})
}

func (c Propose) refCheckSubject(x *refExecution) error {
	switch c.Matter {
	case Admission:
		if x.env.actor(c.Subject) == nil {
			return FieldErrorf(EINVALID, "subject", "expected a registered actor to admit, got %q", c.Subject)
		}
		if m := x.s.Members[c.Subject]; m != nil && (m.InPact() || m.Status == Applicant) {
			return FieldErrorf(ECONFLICT, "subject", "%s is already %s", c.Subject, m.Status)
		}
	case Expulsion, Suspension:
		if m := x.s.Members[c.Subject]; m == nil || !m.InPact() {
			return FieldErrorf(EINVALID, "subject", "expected a member to %s, got %q", c.Matter, c.Subject)
		}
	case RoleMatter:
		if !oneOf(c.Role, PactRoles) {
			return FieldErrorf(EINVALID, "role", "expected one of %v, got %q", PactRoles, c.Role)
		}
		if x.env.actor(c.Subject) == nil {
			return FieldErrorf(EINVALID, "subject", "expected a registered actor, got %q", c.Subject)
		}
		has := x.s.HasRole(c.Subject, c.Role)
		if c.Revoke && !has {
			return FieldErrorf(ECONFLICT, "subject", "%s does not hold the role %s", c.Subject, c.Role)
		}
		if !c.Revoke && has {
			return FieldErrorf(ECONFLICT, "subject", "%s already holds the role %s", c.Subject, c.Role)
		}
	case Amendment:
		if c.Amendment == nil {
			return FieldErrorf(EINVALID, "amendment", "expected the amended agreement")
		}
		if err := c.Amendment.Validate(); err != nil {
			return err
		}
	}
	return nil
}

// open fixes a proposal's rule, electorate and weights and records it.
func (x *refExecution) open(p Proposal) error {
	p.ID = nextID("p", len(x.s.Proposals))
	p.By, p.Opened = x.by, x.now()
	p.Rule = x.s.Pact.Agreement.RuleFor(x.s.Pact.Kind, p.Matter)
	p.Closes = p.Opened.Add(p.Rule.WindowOrDefault().Duration())
	for _, id := range x.s.Voters() {
		if id != p.Subject {
			p.Electorate = append(p.Electorate, id)
		}
	}
	if p.Rule.Weighs() {
		w, err := x.weights(p.Rule, p.Electorate)
		if err != nil {
			return err
		}
		p.Weights = w
	}
	if err := x.emit(x.by, ProposalOpened{Proposal: p}); err != nil {
		return err
	}
	return x.decide(x.s.Proposals[len(x.s.Proposals)-1], len(p.Electorate) == 0)
}

// weights resolves a weighted rule's weights for the electorate.
func (x *refExecution) weights(r DecisionRule, electorate []ActorID) (map[ActorID]float64, error) {
	return x.s.Weights(r, electorate, x.env.Actors)
}

// Weights resolves a weighted rule's weights for an electorate as a
// proposal opening now would fix them: the rule's explicit weights, the
// members' delivered contributions (of one resource, or all), or their
// capability. The voting-power analysis uses it too, so that both see the
// same game.
func (s *refState) Weights(r DecisionRule, electorate []ActorID, actors func(ActorID) *Actor) (map[ActorID]float64, error) {
	kind, arg, _ := cutWeightBy(r.WeightBy)
	w := make(map[ActorID]float64, len(electorate))
	var delivered map[ActorID]float64
	if kind == WeightContributions {
		delivered = s.Delivered(arg)
	}
	for _, id := range electorate {
		switch kind {
		case WeightExplicit:
			w[id] = r.Weights[id]
		case WeightContributions:
			w[id] = delivered[id]
		case WeightCapability:
			if actors != nil {
				if a := actors(id); a != nil {
					w[id] = a.Capabilities[arg]
				}
			}
		default:
			return nil, FieldErrorf(EINVALID, "rule.weight_by", "unknown weight source %q", r.WeightBy)
		}
	}
	total := 0.0
	for _, id := range electorate {
		total += w[id]
	}
	if math.IsInf(total, 0) || math.IsNaN(total) {
		return nil, FieldErrorf(EINVALID, "rule.weight_by", "the weights by %s add up past what can be counted", r.WeightBy)
	}
	return w, nil
}

func (c CastVote) refRun(x *refExecution) error {
	p := x.s.Proposal(c.Proposal)
	if p == nil {
		return FieldErrorf(ENOTFOUND, "proposal", "no proposal %q in pact %s", c.Proposal, x.s.Pact.ID)
	}
	late := p.Decision != nil
	if late && !x.now().Before(p.Closes) {
		return FieldErrorf(ECONFLICT, "proposal", "proposal %s was decided (%s) and its window closed at %s", p.ID, p.Decision.Outcome, p.Closes.Format(time.RFC3339))
	}
	if c.Choice != Yes && c.Choice != No && c.Choice != Abstain {
		return FieldErrorf(EINVALID, "choice", "expected yes, no or abstain, got %q", c.Choice)
	}
	if m := x.s.Members[x.by]; m == nil || !m.CanVote() || !oneOf(x.by, p.Electorate) {
		return FieldErrorf(EFORBIDDEN, "by", "%s may not vote on proposal %s", x.by, p.ID)
	}
	if prev, ok := p.Votes.Lookup(x.by); ok {
		return FieldErrorf(ECONFLICT, "by", "%s already voted %s on proposal %s", x.by, prev, p.ID)
	}
	if err := x.emit(x.by, VoteCast{Proposal: p.ID, Member: x.by, Choice: c.Choice}); err != nil {
		return err
	}
	if late {
		return nil // on the record; the decision stands
	}
	return x.decide(x.s.Proposal(p.ID), false)
}

func (c RaiseDispute) refRun(x *refExecution) error {
	if err := x.requireOpen(); err != nil {
		return err
	}
	if _, err := x.requireMember(); err != nil {
		return err
	}
	if err := requireText("subject", c.Subject); err != nil {
		return err
	}
	if len(c.Against) == 0 {
		return FieldErrorf(EINVALID, "against", "expected at least one other party")
	}
	parties := []ActorID{x.by}
	for i, id := range c.Against {
		if m := x.s.Members[id]; m == nil || !m.InPact() || oneOf(id, parties) {
			return FieldErrorf(EINVALID, fmt.Sprintf("against[%d]", i), "expected another member, got %q", id)
		}
		parties = append(parties, id)
	}
	now := x.now()
	d := Dispute{ID: nextID("d", len(x.s.Disputes)), Parties: parties, Subject: c.Subject, Stage: Negotiation,
		Opened: now, Deadline: stageDeadline(x.s.Pact.Agreement.Disputes, Negotiation, now),
		Steps: []DisputeStep{{Stage: Negotiation, At: now, Reason: "opened"}}}
	return x.emit(x.by, DisputeOpened{Dispute: d})
}

func (c EscalateDispute) refRun(x *refExecution) error {
	d, err := x.partyDispute(c.Dispute)
	if err != nil {
		return err
	}
	next := d.Stage.next()
	if next == "" {
		return FieldErrorf(ECONFLICT, "dispute", "dispute %s is at %s, the top of the ladder", d.ID, d.Stage)
	}
	deadline := stageDeadline(x.s.Pact.Agreement.Disputes, next, x.now())
	return x.emit(x.by, DisputeEscalated{Dispute: d.ID, Stage: next, Deadline: deadline, Reason: "requested by " + string(x.by)})
}

func (c ResolveDispute) refRun(x *refExecution) error {
	d := x.s.Dispute(c.Dispute)
	if d == nil || d.Neutral() == "" || d.Neutral() != x.by {
		var err error
		if d, err = x.partyDispute(c.Dispute); err != nil {
			return err
		}
	} else if d.Stage == Closed {
		return FieldErrorf(ECONFLICT, "dispute", "dispute %s is closed: %s", d.ID, d.Outcome)
	}
	if err := requireText("outcome", c.Outcome); err != nil {
		return err
	}
	return x.emit(x.by, DisputeResolved{Dispute: d.ID, Outcome: c.Outcome})
}

func (c AppointNeutral) refRun(x *refExecution) error {
	d, err := x.partyDispute(c.Dispute)
	if err != nil {
		return err
	}
	if c.Role != MediatorRole && c.Role != ArbiterRole {
		return FieldErrorf(EINVALID, "role", "expected mediator or arbiter, got %q", c.Role)
	}
	if x.env.actor(c.Actor) == nil {
		return FieldErrorf(EINVALID, "actor", "unknown actor %q", c.Actor)
	}
	if d.HasParty(c.Actor) {
		return FieldErrorf(EINVALID, "actor", "%s is a party to dispute %s and cannot be its %s", c.Actor, d.ID, c.Role)
	}
	return x.emit(x.by, NeutralAppointed{Dispute: d.ID, Role: c.Role, Actor: c.Actor})
}

// partyDispute returns an open dispute the acting actor is party to.
func (x *refExecution) partyDispute(id string) (*Dispute, error) {
	d := x.s.Dispute(id)
	if d == nil {
		return nil, FieldErrorf(ENOTFOUND, "dispute", "no dispute %q in pact %s", id, x.s.Pact.ID)
	}
	if !d.HasParty(x.by) {
		return nil, FieldErrorf(EFORBIDDEN, "by", "%s is not a party to dispute %s", x.by, d.ID)
	}
	if d.Stage == Closed {
		return nil, FieldErrorf(ECONFLICT, "dispute", "dispute %s is closed: %s", d.ID, d.Outcome)
	}
	return d, nil
}
