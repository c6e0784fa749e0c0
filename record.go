package entente

import (
	"slices"
	"time"
)

// MemberStatus is where an actor stands in a pact.
type MemberStatus string

// The membership statuses. An actor has exactly one at a time.
const (
	Applicant MemberStatus = "applicant" // asked to join; the admission vote is open
	Active    MemberStatus = "active"
	Suspended MemberStatus = "suspended" // active but suspended: still bound, may not vote
	OnNotice  MemberStatus = "on_notice" // gave notice; a member until it runs out
	Former    MemberStatus = "former"    // left, was expelled, or the pact dissolved
	Refused   MemberStatus = "refused"   // its admission was rejected
)

// Membership is an actor's standing in a pact, with its history.
type Membership struct {
	Member ActorID      `json:"member"`
	Status MemberStatus `json:"status"`
	Joined time.Time    `json:"joined,omitzero"`
	Leaves time.Time    `json:"leaves,omitzero"` // when notice runs out
	Left   time.Time    `json:"left,omitzero"`
	Reason string       `json:"reason,omitempty"` // why it left
	// Suspended is set by a suspension decision: the member stays bound
	// (and may serve its notice) but may not vote or propose.
	Suspended bool     `json:"suspended,omitempty"`
	Tenures   []Tenure `json:"tenures,omitempty"`
}

// Tenure is one span of membership; To is zero while it lasts.
type Tenure struct {
	From time.Time `json:"from"`
	To   time.Time `json:"to,omitzero"`
}

// InPact reports whether the member is bound by the pact now: active,
// suspended or serving its notice.
func (m *Membership) InPact() bool {
	return m.Status == Active || m.Status == Suspended || m.Status == OnNotice
}

// CanVote reports whether the member may vote: bound by the pact and not
// suspended.
func (m *Membership) CanVote() bool {
	return (m.Status == Active || m.Status == OnNotice) && !m.Suspended
}

// CommitmentStatus says how far a commitment has been kept.
type CommitmentStatus string

// The commitment statuses.
const (
	Pledged         CommitmentStatus = "pledged"
	PartlyDelivered CommitmentStatus = "partly_delivered"
	Fulfilled       CommitmentStatus = "fulfilled"
	Overdue         CommitmentStatus = "overdue"
)

// Commitment is a member's pledge of an amount of a resource by a due date.
type Commitment struct {
	ID          string    `json:"id"`
	Member      ActorID   `json:"member"`
	Resource    string    `json:"resource"`
	Amount      float64   `json:"amount"`
	Due         time.Time `json:"due"`
	Made        time.Time `json:"made"`
	Delivered   float64   `json:"delivered"`
	Late        bool      `json:"late,omitempty"` // the due date passed before it was fulfilled
	FulfilledAt time.Time `json:"fulfilled_at,omitzero"`
	// Class is the classification the pledge was made under (that of its
	// commitment_made entry; empty for the pact's visibility): its falling
	// overdue is recorded under it too.
	Class Classification `json:"class,omitempty"`
}

// Status returns the commitment's status: fulfilled once delivered in full
// (even late), overdue once its due date passed short of that, partly
// delivered or pledged otherwise.
func (c *Commitment) Status() CommitmentStatus {
	switch {
	case c.Delivered >= c.Amount:
		return Fulfilled
	case c.Late:
		return Overdue
	case c.Delivered > 0:
		return PartlyDelivered
	}
	return Pledged
}

// Contribution is a delivery of an amount of a resource, against a
// commitment when Commitment is set.
type Contribution struct {
	ID         string    `json:"id"`
	Member     ActorID   `json:"member"`
	Commitment string    `json:"commitment,omitempty"`
	Resource   string    `json:"resource"`
	Amount     float64   `json:"amount"`
	At         time.Time `json:"at"`
}

// Objective is a SMART objective: a metric, a target to reach, a deadline,
// and the progress reported so far.
type Objective struct {
	ID       string    `json:"id"`
	Metric   string    `json:"metric"`
	Target   float64   `json:"target"`
	Deadline time.Time `json:"deadline,omitzero"`
	Progress float64   `json:"progress"`
	Met      time.Time `json:"met,omitzero"`
}

// Proposal is a question put to the members. Rule, Electorate and Weights
// are fixed when it opens, so that changes during the vote do not move the
// goalposts, and replay decides it the same way.
type Proposal struct {
	ID         string              `json:"id"`
	Matter     Matter              `json:"matter"`
	Title      string              `json:"title"`
	Text       string              `json:"text,omitempty"`
	Subject    ActorID             `json:"subject,omitempty"` // the actor admitted, expelled or suspended
	Amendment  *Agreement          `json:"amendment,omitempty"`
	Role       Role                `json:"role,omitempty"`   // the role granted or withdrawn (matter "role")
	Revoke     bool                `json:"revoke,omitempty"` // withdraw Role from Subject instead of granting it
	By         ActorID             `json:"by"`
	Opened     time.Time           `json:"opened"`
	Closes     time.Time           `json:"closes"`
	Rule       DecisionRule        `json:"rule"`
	Electorate []ActorID           `json:"electorate"`
	Weights    map[ActorID]float64 `json:"weights,omitempty"`
	Votes      ActorMap[Choice]    `json:"votes,omitzero"`
	Decision   *Decision           `json:"decision,omitempty"`
	// Reasons are the reasons members gave with their votes, and Comments
	// the proposal's discussion (see PostComment).
	Reasons  ActorMap[string] `json:"reasons,omitzero"`
	Comments []Comment        `json:"comments,omitempty"`
	// Class is the classification the proposal was opened under (that of
	// its proposal_opened entry; empty for the pact's visibility): its
	// decision is recorded under it too.
	Class Classification `json:"class,omitempty"`
}

// Ballot returns the proposal's ballot, leaving out members of the
// electorate who can no longer vote.
func (p *Proposal) Ballot(members ActorMap[*Membership]) Ballot {
	electorate := make([]ActorID, 0, len(p.Electorate))
	lookup := members.Lookup
	if slices.IsSorted(p.Electorate) { // as it is but in hand-made states
		cur := members.cursor()
		lookup = cur.seek
	}
	for _, id := range p.Electorate {
		if m, ok := lookup(id); ok && m.CanVote() {
			electorate = append(electorate, id)
		}
	}
	return Ballot{Electorate: electorate, Votes: p.Votes, Weights: p.Weights}
}

// openCount counts the proposal's ballot as Ballot(members).Count() does
// (weights aside), and the electors who have not voted, without building
// the ballot: a vote checks whether it settled the outcome this way, in
// one walk that allocates nothing, and builds the ballot only when it did.
func (p *Proposal) openCount(members ActorMap[*Membership]) openCount {
	var c openCount
	eligible := func(id ActorID) bool {
		m, ok := members.Lookup(id)
		return ok && m.CanVote()
	}
	add := func(v Choice, voted bool) {
		c.Eligible++
		if !voted {
			c.remaining++
		}
		switch v {
		case Yes:
			c.Yes++
		case No:
			c.No++
		case Abstain:
			c.Abstain++
		default:
			c.Absent++
		}
	}
	e := p.Electorate
	if !slices.IsSorted(e) {
		for _, id := range e {
			if eligible(id) {
				add(p.Votes.Lookup(id))
			}
		}
		return c
	}
	// A merge of the sorted electorate with the sorted votes, and with the
	// members through a cursor: Lookup in the persistent map costs a walk
	// from its root, a vote at 1,000 members four times as much.
	cur := members.cursor()
	eligible = func(id ActorID) bool {
		m, ok := cur.seek(id)
		return ok && m.CanVote()
	}
	i := 0
	for id, v := range p.Votes.All() {
		for ; i < len(e) && e[i] < id; i++ {
			if eligible(e[i]) {
				add("", false)
			}
		}
		for ; i < len(e) && e[i] == id; i++ {
			if eligible(e[i]) {
				add(v, true)
			}
		}
	}
	for ; i < len(e); i++ {
		if eligible(e[i]) {
			add("", false)
		}
	}
	return c
}

// Decision is how a proposal was decided, under which rule and why.
type Decision struct {
	Outcome Outcome   `json:"outcome"`
	Rule    RuleKind  `json:"rule"`
	Tally   Tally     `json:"tally"`
	Reason  string    `json:"reason"`
	At      time.Time `json:"at"`
}

// DisputeStage is a rung of the dispute ladder.
type DisputeStage string

// The stages of a dispute (seed 001 §1.6).
const (
	Negotiation DisputeStage = "negotiation"
	Mediation   DisputeStage = "mediation"
	Arbitration DisputeStage = "arbitration"
	Closed      DisputeStage = "closed"
)

// next returns the stage above s, or "" at the top.
func (s DisputeStage) next() DisputeStage {
	switch s {
	case Negotiation:
		return Mediation
	case Mediation:
		return Arbitration
	}
	return ""
}

// Dispute is a disagreement between members, climbing the ladder until it
// closes with a recorded outcome.
type Dispute struct {
	ID       string        `json:"id"`
	Parties  []ActorID     `json:"parties"`
	Subject  string        `json:"subject"`
	Stage    DisputeStage  `json:"stage"`
	Opened   time.Time     `json:"opened"`
	Deadline time.Time     `json:"deadline,omitzero"` // when the current stage runs out
	Steps    []DisputeStep `json:"steps"`
	Outcome  string        `json:"outcome,omitempty"`
	Closed   time.Time     `json:"closed,omitzero"`
	// Mediator and Arbiter are the neutrals the parties appointed; only
	// they may close the dispute alone, at their stage.
	Mediator ActorID `json:"mediator,omitempty"`
	Arbiter  ActorID `json:"arbiter,omitempty"`
	// Comments are the dispute's discussion (see PostComment).
	Comments []Comment `json:"comments,omitempty"`
	// Class is the classification the dispute was raised under (that of
	// its dispute_opened entry; empty for the pact's visibility). What is
	// said about it later may not be less classified (see PostComment).
	Class Classification `json:"class,omitempty"`
}

// Role is a part an actor plays in a pact beyond membership.
type Role string

// The roles of a dispute's neutrals (seed 001 §1.6), and the roles a pact
// grants by its rule for matter "role" (seed 001 §1.5): an observer reads a
// members-only pact; a secretariat sets objectives and records progress
// without being a member; an auditor reads every entry, classified or not.
const (
	MediatorRole    Role = "mediator"
	ArbiterRole     Role = "arbiter"
	ObserverRole    Role = "observer"
	SecretariatRole Role = "secretariat"
	AuditorRole     Role = "auditor"
)

// PactRoles lists the roles a pact grants by decision.
var PactRoles = []Role{ObserverRole, SecretariatRole, AuditorRole}

// Neutral returns who may close d alone at its current stage: its
// mediator during mediation, its arbiter during arbitration, or "".
func (d *Dispute) Neutral() ActorID {
	switch d.Stage {
	case Mediation:
		return d.Mediator
	case Arbitration:
		return d.Arbiter
	}
	return ""
}

// DisputeStep is one move up the ladder.
type DisputeStep struct {
	Stage  DisputeStage `json:"stage"`
	At     time.Time    `json:"at"`
	Reason string       `json:"reason"`
}

// HasParty reports whether id is a party to d.
func (d *Dispute) HasParty(id ActorID) bool { return oneOf(id, d.Parties) }

// PactEnd records the end of a pact.
type PactEnd struct {
	At       time.Time `json:"at"`
	Reason   string    `json:"reason"`
	Proposal string    `json:"proposal,omitempty"`
}
