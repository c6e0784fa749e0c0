package entente

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// Env is what a command runs against besides the pact's state: the time,
// passed in because the domain never reads the clock, and the actors.
type Env struct {
	Now    time.Time
	Actors func(ActorID) *Actor
}

func (env Env) actor(id ActorID) *Actor {
	if env.Actors == nil {
		return nil
	}
	return env.Actors(id)
}

// Command is a request to change a pact, made by an actor. A command is
// checked against the pact's current state; if it is valid it yields events,
// otherwise an *Error and no events.
type Command interface {
	run(x *execution) error
}

// execution carries a command's work: a fork of the state that each
// emitted event is folded into at once, so that later checks (and the
// consequences of a vote) see it. The fork shares everything with the
// original (see PactState.Fork): forking costs O(1), each change copies one
// path of the persistent Lists, and what came due is read from an index, so
// a command costs O(log n) in the pact's history, and a failed command
// leaves the original untouched. Code holding a record across an emit must
// fetch it again: the fold replaces what it changes.
type execution struct {
	s      *PactState
	env    Env
	by     ActorID
	events []Event
	at     time.Time // the time of the events being emitted
	// class classifies the events of the command, from its actor's first
	// event on (what time brought about before it stays unclassified).
	class   Classification
	classOn bool
}

func (x *execution) now() time.Time { return canonicalTime(x.env.Now) }

// emit folds an event into the working state and keeps it. The command has
// checked the event against the state already, so a failure here is a bug.
func (x *execution) emit(by ActorID, d EventData) error {
	return x.emitAs(by, d, "")
}

// emitAs is emit for an event that concerns a classified item (a dispute
// escalated on its deadline, a proposal decided, a pledge falling
// overdue): the event takes the item's class unless the command's own
// class covers it, so what time brings about to an item tells no one
// more than the item does.
func (x *execution) emitAs(by ActorID, d EventData, itemClass Classification) error {
	at := x.at
	if at.IsZero() {
		at = x.now()
	}
	if x.class != "" && (x.classOn || (by != "" && by == x.by)) {
		x.classOn = true
	}
	e := Event{Seq: x.s.Len, At: at, By: by, Data: d, Class: itemClass}
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
func Execute(s *PactState, by ActorID, cmd Command, env Env) (*PactState, []Event, error) {
	return execute(s, by, cmd, env, false, "")
}

// execute is Execute; inPlace runs the command on s itself instead of a
// fork, for a replay that owns s and stops at the first failure (s then
// changes its own Lists and maps in place rather than copying a path).
func execute(s *PactState, by ActorID, cmd Command, env Env, inPlace bool, class Classification) (*PactState, []Event, error) {
	if env.Now.IsZero() {
		return nil, nil, Errorf(EINTERNAL, "no time given to the command")
	}
	if _, ok := cmd.(FoundPact); ok != (s == nil) {
		if s == nil {
			return nil, nil, Errorf(ENOTFOUND, "pact not found")
		}
		return nil, nil, Errorf(ECONFLICT, "pact %s already exists", s.Pact.ID)
	}
	x := &execution{env: env, by: by, class: class}
	if s == nil {
		x.s = &PactState{}
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
	if err := cmd.run(x); err != nil {
		return nil, nil, err
	}
	return x.s, x.events, nil
}

// Advance records what time alone has brought about by env.Now: votes
// closing, notice periods running out, commitments falling overdue, disputes
// climbing the ladder on their deadlines, a fixed term ending. It returns the
// new state and the events, none if nothing was due.
func Advance(s *PactState, env Env) (*PactState, []Event, error) {
	return advanceState(s, env, false)
}

// ExecuteOwned is Execute for a caller that owns s and drops it for the
// state returned (a simulation, a replay): the command runs on s itself,
// changing in place the parts of the state that s made and has not shared
// since (Execute's fork copies the path of each change instead). Both cost
// O(log n) in the pact's history. When it fails, s is left in an
// unspecified state; states forked from s before are never changed.
func ExecuteOwned(s *PactState, by ActorID, cmd Command, env Env) (*PactState, []Event, error) {
	return execute(s, by, cmd, env, true, "")
}

// AdvanceOwned is Advance on a state the caller owns (see ExecuteOwned).
func AdvanceOwned(s *PactState, env Env) (*PactState, []Event, error) {
	return advanceState(s, env, true)
}

func advanceState(s *PactState, env Env, inPlace bool) (*PactState, []Event, error) {
	if env.Now.Before(s.Updated) {
		return s, nil, nil
	}
	x := &execution{s: s, env: env}
	if !inPlace {
		x.s = s.fork()
	}
	if err := x.advance(); err != nil {
		return nil, nil, err
	}
	return x.s, x.events, nil
}

func (x *execution) advance() error {
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

// dueItem is something time brings about at a moment: a notice running
// out, a commitment falling overdue, a dispute deadline, a vote closing, a
// fixed term ending.
type dueItem struct {
	at   time.Time
	rank int // order among items due at the same moment
	run  func() error
}

// nextDue returns the earliest item due by now. Handling what came due in
// the order it came due, stamped with the moment it came due, makes the log
// the same however often Advance runs: a member whose notice ran out before
// a vote closed is not counted in that vote, and nothing is recorded after
// the pact dissolved. It costs O(log n): it reads the first item of each
// kind in the index of what comes due.
func (x *execution) nextDue(now time.Time) (dueItem, bool) {
	var best dueItem
	found := false
	consider := func(it dueItem) {
		if !found || it.at.Before(best.at) || (it.at.Equal(best.at) && it.rank < best.rank) {
			best, found = it, true
		}
	}
	// The first pending item of each kind (see dueIndex), if it is due:
	// a commitment falls overdue only once its due date has passed.
	if k, ok := x.s.firstDue(dueNotice); ok && !k.at.After(now) {
		consider(dueItem{k.at, 0, func() error { return x.emit("", MemberLeft{Member: k.id, Reason: "notice ran out"}) }})
	}
	if k, ok := x.s.firstDue(dueCommitment); ok && now.After(k.at) {
		c := x.s.Commitments.At(k.i)
		consider(dueItem{k.at, 1, func() error { return x.emitAs("", CommitmentOverdue{Commitment: c.ID}, c.Class) }})
	}
	if k, ok := x.s.firstDue(dueDispute); ok && !k.at.After(now) {
		d := x.s.Disputes.At(k.i)
		consider(dueItem{k.at, 2, func() error { return x.escalateOnDeadline(d) }})
	}
	if k, ok := x.s.firstDue(dueProposal); ok && !k.at.After(now) {
		p := x.s.Proposals.At(k.i)
		consider(dueItem{k.at, 3, func() error { return x.decide(p, true) }})
	}
	if du := x.s.Pact.Duration; du.Kind == FixedTerm && !du.Until.After(now) {
		consider(dueItem{du.Until, 4, func() error { return x.dissolve("the fixed term ended", "") }})
	}
	return best, found
}

// escalateOnDeadline climbs one rung because the stage's deadline passed.
// The next deadline counts from the old one, not from now, so a late check
// gives the same result as a prompt one.
func (x *execution) escalateOnDeadline(d *Dispute) error {
	next := d.Stage.next()
	deadline := stageDeadline(x.s.Pact.Agreement.Disputes, next, d.Deadline)
	reason := fmt.Sprintf("%s deadline passed", d.Stage)
	// What time brings about to a classified dispute is as classified as
	// the dispute: its escalation says where the dispute stands.
	return x.emitAs("", DisputeEscalated{Dispute: d.ID, Stage: next, Deadline: deadline, Reason: reason}, d.Class)
}

// stageDeadline returns when a dispute entering stage at from must leave it,
// or the zero time if the ladder sets no deadline there.
func stageDeadline(l DisputeLadder, stage DisputeStage, from time.Time) time.Time {
	var p Period
	switch stage {
	case Negotiation:
		p = l.Negotiation
	case Mediation:
		p = l.Mediation
	case Arbitration:
		p = l.Arbitration
	}
	if p == 0 {
		return time.Time{}
	}
	return from.Add(p.Duration())
}

// decide records a proposal's decision: at once when final (its window
// closed), otherwise only if the outcome is already settled. An adopted
// proposal takes effect in the same breath.
func (x *execution) decide(p *Proposal, final bool) error {
	if !final && !p.Rule.Weighs() && !p.Rule.settledCount(p.openCount(x.s.Members)) {
		return nil // the common case, a vote that settles nothing: no ballot built
	}
	b := p.Ballot(x.s.Members)
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
	if err := x.emitAs("", ProposalDecided{Proposal: p.ID, Decision: d}, p.Class); err != nil {
		return err
	}
	return x.takeEffect(x.s.Proposal(p.ID)) // the fold replaced it with its decided version
}

func (x *execution) takeEffect(p *Proposal) error {
	adopted := p.Decision.Outcome == Adopted
	m := x.s.Members.Get(p.Subject)
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
func (x *execution) dissolve(reason, proposal string) error {
	if err := x.emit("", PactDissolved{Reason: reason, Proposal: proposal}); err != nil {
		return err
	}
	// The walk is over the members as they were: Members is persistent,
	// so the departures emitted meanwhile do not disturb it.
	for id, m := range x.s.Members.All() {
		if m.InPact() || m.Status == Applicant {
			if err := x.emit("", MemberLeft{Member: id, Reason: "the pact dissolved"}); err != nil {
				return err
			}
		}
	}
	return nil
}

// requireOpen refuses commands to a dissolved pact.
func (x *execution) requireOpen() error {
	if d := x.s.Dissolved; d != nil {
		return Errorf(ECONFLICT, "pact %s was dissolved at %s: %s", x.s.Pact.ID, d.At.Format(time.RFC3339), d.Reason)
	}
	return nil
}

// requireMember checks that the acting party is bound by the pact.
func (x *execution) requireMember() (*Membership, error) {
	if x.by == "" {
		return nil, FieldErrorf(EINVALID, "by", "expected the acting member")
	}
	m := x.s.Members.Get(x.by)
	if m == nil || !m.InPact() {
		return nil, FieldErrorf(EFORBIDDEN, "by", "%s is not a member of pact %s", x.by, x.s.Pact.ID)
	}
	return m, nil
}

// requireMemberOr checks that the acting party is a member or holds role
// r in the pact (a secretariat records objectives and progress without
// being a member).
func (x *execution) requireMemberOr(r Role) error {
	if x.by != "" && x.s.HasRole(x.by, r) {
		return nil
	}
	_, err := x.requireMember()
	return err
}

func nextID(prefix string, n int) string { return fmt.Sprintf("%s%d", prefix, n+1) }

// MaxAmount bounds amounts pledged or delivered and capabilities, so that
// sums and weights built from them stay finite and exact enough to decide
// votes.
const MaxAmount = 1e15

func positiveAmount(field string, v float64) error {
	if !(v > 0) || math.IsInf(v, 0) {
		return FieldErrorf(EINVALID, field, "expected a positive amount, got %v", v)
	}
	if v > MaxAmount {
		return FieldErrorf(EINVALID, field, "expected an amount of at most %g, got %g", MaxAmount, v)
	}
	return nil
}

// textLimits bound the free-text fields, in bytes, so that one request
// cannot make every later read of the pact large.
var textLimits = map[string]int{
	"resource": 100, "metric": 100, "title": 300, "subject": 2000, "outcome": 10000, "text": 20000,
}

func requireText(field, v string) error {
	if strings.TrimSpace(v) == "" {
		return FieldErrorf(EINVALID, field, "expected a non-empty value")
	}
	return limitText(field, v)
}

// limitText refuses a text field longer than its limit.
func limitText(field, v string) error {
	if max, ok := textLimits[field]; ok && len(v) > max {
		return FieldErrorf(ETOOLARGE, field, "expected at most %d bytes, got %d", max, len(v))
	}
	return nil
}
