package entente

import (
	"fmt"
	"math"
	"time"
)

// FoundPact creates a pact with its founding members, who join at once.
// The acting actor must be one of them. An alliance needs at least two
// founders; a coalition may start with one.
type FoundPact struct {
	Pact     Pact      `json:"pact"`
	Founders []ActorID `json:"founders"`
}

func (c FoundPact) run(x *execution) error {
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

// cosigners: founding makes members only of actors who sign it.
func (c FoundPact) cosigners(*PactState, ActorID) []ActorID { return c.Founders }

// RequestJoin is an actor's request to join. Under an open join rule it is
// admitted at once; under consent an admission proposal opens, decided by
// the agreement's admission rule (for an alliance, by default, the consent
// of every member).
type RequestJoin struct{}

func (c RequestJoin) run(x *execution) error {
	if err := x.requireOpen(); err != nil {
		return err
	}
	if x.env.actor(x.by) == nil {
		return FieldErrorf(EINVALID, "by", "unknown actor %q", x.by)
	}
	if m := x.s.Members.Get(x.by); m != nil && (m.InPact() || m.Status == Applicant) {
		return FieldErrorf(ECONFLICT, "by", "%s is already %s in pact %s", x.by, m.Status, x.s.Pact.ID)
	}
	if x.s.Pact.Agreement.JoinRuleFor(x.s.Pact.Kind) == JoinOpen {
		return x.emit(x.by, MemberAdmitted{Member: x.by, Via: "open"})
	}
	title := fmt.Sprintf("Admit %s", x.by)
	return x.open(Proposal{Matter: Admission, Title: title, Subject: x.by})
}

// GiveNotice is a member's notice to leave. It leaves when the agreement's
// notice period runs out; what it owes stays on record.
type GiveNotice struct{}

func (c GiveNotice) run(x *execution) error {
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

// Pledge is a member's commitment of an amount of a resource by a date.
type Pledge struct {
	Resource string    `json:"resource"`
	Amount   float64   `json:"amount"`
	Due      time.Time `json:"due"`
}

func (c Pledge) run(x *execution) error {
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
	cm := Commitment{ID: nextID("c", x.s.Commitments.Len()), Member: x.by, Resource: c.Resource,
		Amount: c.Amount, Due: canonicalTime(c.Due), Made: x.now()}
	return x.emit(x.by, CommitmentMade{Commitment: cm})
}

// Contribute records a delivery. Against a commitment it must come from the
// member who pledged, and former members may still settle what they owe.
type Contribute struct {
	Commitment string  `json:"commitment,omitempty"`
	Resource   string  `json:"resource,omitempty"`
	Amount     float64 `json:"amount"`
}

func (c Contribute) run(x *execution) error {
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
		if !atLeastAsNarrow(x.class, cm.Class, x.s.Pact.Visibility == MembersOnly) {
			return FieldErrorf(EFORBIDDEN, "request.class", "commitment %s is classified %s; a contribution against it must be classified %s too, not %s", cm.ID, classWords(cm.Class), classWords(cm.Class), classWords(x.class))
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
	k := Contribution{ID: nextID("k", x.s.Contributions.Len()), Member: x.by, Commitment: c.Commitment,
		Resource: resource, Amount: c.Amount, At: x.now()}
	return x.emit(x.by, ContributionMade{Contribution: k})
}

// SetObjective adds a SMART objective: a metric, a target and a deadline.
type SetObjective struct {
	Metric   string    `json:"metric"`
	Target   float64   `json:"target"`
	Deadline time.Time `json:"deadline,omitzero"`
}

func (c SetObjective) run(x *execution) error {
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
	o := Objective{ID: nextID("o", x.s.Objectives.Len()), Metric: c.Metric, Target: c.Target, Deadline: canonicalTime(c.Deadline)}
	return x.emit(x.by, ObjectiveSet{Objective: o})
}

// ReportProgress sets an objective's progress. A coalition whose duration
// is tied to the objective dissolves when it is met.
type ReportProgress struct {
	Objective string  `json:"objective"`
	Value     float64 `json:"value"`
}

func (c ReportProgress) run(x *execution) error {
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

// Propose puts a question to the members under the agreement's rule for its
// matter. Subject names the actor to admit, expel or suspend; Amendment is
// the new agreement for an amendment.
type Propose struct {
	Matter    Matter     `json:"matter,omitempty"` // default DefaultMatter
	Title     string     `json:"title"`
	Text      string     `json:"text,omitempty"`
	Subject   ActorID    `json:"subject,omitempty"`
	Amendment *Agreement `json:"amendment,omitempty"`
	Role      Role       `json:"role,omitempty"`
	Revoke    bool       `json:"revoke,omitempty"`
}

func (c Propose) run(x *execution) error {
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
	if err := c.checkSubject(x); err != nil {
		return err
	}
	return x.open(Proposal{Matter: c.Matter, Title: c.Title, Text: c.Text, Subject: c.Subject, Amendment: c.Amendment, Role: c.Role, Revoke: c.Revoke})
}

func (c Propose) checkSubject(x *execution) error {
	switch c.Matter {
	case Admission:
		if x.env.actor(c.Subject) == nil {
			return FieldErrorf(EINVALID, "subject", "expected a registered actor to admit, got %q", c.Subject)
		}
		if m := x.s.Members.Get(c.Subject); m != nil && (m.InPact() || m.Status == Applicant) {
			return FieldErrorf(ECONFLICT, "subject", "%s is already %s", c.Subject, m.Status)
		}
	case Expulsion, Suspension:
		if m := x.s.Members.Get(c.Subject); m == nil || !m.InPact() {
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

// cosigners: admitting an actor who did not ask takes its consent, so no
// one becomes a member without its own signature.
func (c Propose) cosigners(_ *PactState, by ActorID) []ActorID {
	if c.Matter == Admission && c.Subject != "" && c.Subject != by {
		return []ActorID{c.Subject}
	}
	return nil
}

// open fixes a proposal's rule, electorate and weights and records it.
func (x *execution) open(p Proposal) error {
	p.ID = nextID("p", x.s.Proposals.Len())
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
	return x.decide(x.s.Proposals.Last(), len(p.Electorate) == 0)
}

// weights resolves a weighted rule's weights for the electorate.
func (x *execution) weights(r DecisionRule, electorate []ActorID) (map[ActorID]float64, error) {
	return x.s.Weights(r, electorate, x.env.Actors)
}

// Weights resolves a weighted rule's weights for an electorate as a
// proposal opening now would fix them: the rule's explicit weights, the
// members' delivered contributions (of one resource, or all), or their
// capability. The voting-power analysis uses it too, so that both see the
// same game.
func (s *PactState) Weights(r DecisionRule, electorate []ActorID, actors func(ActorID) *Actor) (map[ActorID]float64, error) {
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

// CastVote records a member's vote; the proposal is decided as soon as its
// outcome is settled. A member may still record its vote after the outcome
// is settled, while the window is open, so that dissent is on the record;
// such a vote does not change the decision.
type CastVote struct {
	Proposal string `json:"proposal"`
	Choice   Choice `json:"choice"`
	// Reason, optional, says why; it is kept with the vote.
	Reason string `json:"reason,omitempty"`
}

func (c CastVote) run(x *execution) error {
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
	if m := x.s.Members.Get(x.by); m == nil || !m.CanVote() || !oneOf(x.by, p.Electorate) {
		return FieldErrorf(EFORBIDDEN, "by", "%s may not vote on proposal %s", x.by, p.ID)
	}
	if prev, ok := p.Votes.Lookup(x.by); ok {
		return FieldErrorf(ECONFLICT, "by", "%s already voted %s on proposal %s", x.by, prev, p.ID)
	}
	if err := checkReason(c.Reason); err != nil {
		return err
	}
	if !atLeastAsNarrow(x.class, p.Class, x.s.Pact.Visibility == MembersOnly) {
		return FieldErrorf(EFORBIDDEN, "request.class", "proposal %s is classified %s; a vote on it must be classified %s too, not %s", p.ID, classWords(p.Class), classWords(p.Class), classWords(x.class))
	}
	if err := x.emit(x.by, VoteCast{Proposal: p.ID, Member: x.by, Choice: c.Choice, Reason: c.Reason}); err != nil {
		return err
	}
	if late {
		return nil // on the record; the decision stands
	}
	return x.decide(x.s.Proposal(p.ID), false)
}

// RaiseDispute opens a dispute between the acting member and others, at
// the negotiation stage.
type RaiseDispute struct {
	Against []ActorID `json:"against"`
	Subject string    `json:"subject"`
}

func (c RaiseDispute) run(x *execution) error {
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
		if m := x.s.Members.Get(id); m == nil || !m.InPact() || oneOf(id, parties) {
			return FieldErrorf(EINVALID, fmt.Sprintf("against[%d]", i), "expected another member, got %q", id)
		}
		parties = append(parties, id)
	}
	now := x.now()
	d := Dispute{ID: nextID("d", x.s.Disputes.Len()), Parties: parties, Subject: c.Subject, Stage: Negotiation,
		Opened: now, Deadline: stageDeadline(x.s.Pact.Agreement.Disputes, Negotiation, now),
		Steps: []DisputeStep{{Stage: Negotiation, At: now, Reason: "opened"}}}
	return x.emit(x.by, DisputeOpened{Dispute: d})
}

// EscalateDispute is a party's request to take a dispute one stage up.
type EscalateDispute struct {
	Dispute string `json:"dispute"`
}

func (c EscalateDispute) run(x *execution) error {
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

// ResolveDispute closes a dispute with its outcome: a settlement signed by
// every party, or the decision of the dispute's mediator (during
// mediation) or arbiter (during arbitration), who may record it alone.
type ResolveDispute struct {
	Dispute string `json:"dispute"`
	Outcome string `json:"outcome"`
}

func (c ResolveDispute) run(x *execution) error {
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

// cosigners: a settlement takes every party's signature; the neutral at
// its stage signs alone.
func (c ResolveDispute) cosigners(s *PactState, by ActorID) []ActorID {
	if s == nil {
		return nil
	}
	d := s.Dispute(c.Dispute)
	if d == nil || (d.Neutral() != "" && d.Neutral() == by) {
		return nil
	}
	return d.Parties
}

// AppointNeutral names a dispute's mediator or arbiter. A party asks; every
// party and the appointee sign.
type AppointNeutral struct {
	Dispute string  `json:"dispute"`
	Role    Role    `json:"role,omitempty"` // default DefaultNeutralRole
	Actor   ActorID `json:"actor"`
}

func (c AppointNeutral) run(x *execution) error {
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

func (c AppointNeutral) cosigners(s *PactState, _ ActorID) []ActorID {
	out := []ActorID{c.Actor}
	if s != nil {
		if d := s.Dispute(c.Dispute); d != nil {
			out = append(out, d.Parties...)
		}
	}
	return out
}

// partyDispute returns an open dispute the acting actor is party to.
func (x *execution) partyDispute(id string) (*Dispute, error) {
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
