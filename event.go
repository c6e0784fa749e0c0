package entente

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"time"
)

// Event is one entry in a pact's log: something that happened, when, and who
// caused it. Seq is the entry's index in its log, from 0. By is empty for
// events that follow from time passing (a deadline, a notice period ending).
type Event struct {
	Seq  int64     `json:"seq"`
	At   time.Time `json:"at"`
	By   ActorID   `json:"by,omitempty"`
	Data EventData `json:"-"`
	// Signed is the signed request that caused the event (see Request);
	// it rides on the first event its actor caused.
	Signed *Signed `json:"-"`
	// Class is who may read the event, when the request that caused it
	// said (see Classification); empty means the pact's visibility.
	Class Classification `json:"-"`
}

// EventData is the payload of an event. Each type is named by EventType,
// which is also its "type" in the log.
type EventData interface {
	EventType() string
}

// The payloads of pact events.
type (
	// PactFounded starts a pact's log.
	PactFounded struct {
		Pact     Pact      `json:"pact"`
		Founders []ActorID `json:"founders"`
	}
	// MemberAdmitted records a new member; Via names the admission proposal,
	// or "open" when the join rule let the actor in on request.
	MemberAdmitted struct {
		Member ActorID `json:"member"`
		Via    string  `json:"via"`
	}
	// NoticeGiven records a member's notice to leave and when it takes
	// effect.
	NoticeGiven struct {
		Member  ActorID   `json:"member"`
		Effects time.Time `json:"effective"`
	}
	// MemberLeft records a member leaving: its notice ran out, it was
	// expelled, or the pact dissolved.
	MemberLeft struct {
		Member ActorID `json:"member"`
		Reason string  `json:"reason"`
	}
	// MemberSuspended records a suspension decided by Proposal.
	MemberSuspended struct {
		Member   ActorID `json:"member"`
		Proposal string  `json:"proposal"`
	}
	// AgreementAmended replaces the agreement, as decided by Proposal.
	AgreementAmended struct {
		Agreement Agreement `json:"agreement"`
		Proposal  string    `json:"proposal"`
	}
	// ObjectiveSet adds an objective.
	ObjectiveSet struct {
		Objective Objective `json:"objective"`
	}
	// ProgressReported sets an objective's progress to Value.
	ProgressReported struct {
		Objective string  `json:"objective"`
		Value     float64 `json:"value"`
	}
	// CommitmentMade records a pledge.
	CommitmentMade struct {
		Commitment Commitment `json:"commitment"`
	}
	// ContributionMade records a delivery, against a commitment or not.
	ContributionMade struct {
		Contribution Contribution `json:"contribution"`
	}
	// CommitmentOverdue records that a commitment's due date passed before
	// it was fulfilled.
	CommitmentOverdue struct {
		Commitment string `json:"commitment"`
	}
	// ProposalOpened records a proposal with the rule, electorate and
	// weights fixed at opening.
	ProposalOpened struct {
		Proposal Proposal `json:"proposal"`
	}
	// VoteCast records a vote.
	VoteCast struct {
		Proposal string  `json:"proposal"`
		Member   ActorID `json:"member"`
		Choice   Choice  `json:"choice"`
		// Reason is why the member voted so, when it said.
		Reason string `json:"reason,omitempty"`
	}
	// ProposalDecided records a decision; replay re-decides it and must get
	// the same.
	ProposalDecided struct {
		Proposal string   `json:"proposal"`
		Decision Decision `json:"decision"`
	}
	// DisputeOpened records a dispute at its first stage.
	DisputeOpened struct {
		Dispute Dispute `json:"dispute"`
	}
	// DisputeEscalated moves a dispute one stage up the ladder.
	DisputeEscalated struct {
		Dispute  string       `json:"dispute"`
		Stage    DisputeStage `json:"stage"`
		Deadline time.Time    `json:"deadline,omitzero"`
		Reason   string       `json:"reason"`
	}
	// NeutralAppointed names a dispute's mediator or arbiter, with the
	// consent of every party and of the appointee.
	NeutralAppointed struct {
		Dispute string  `json:"dispute"`
		Role    Role    `json:"role"`
		Actor   ActorID `json:"actor"`
	}
	// RoleGranted records a role granted by Proposal under the pact's rule.
	RoleGranted struct {
		Actor    ActorID `json:"actor"`
		Role     Role    `json:"role"`
		Proposal string  `json:"proposal"`
	}
	// RoleRevoked records a role withdrawn by Proposal.
	RoleRevoked struct {
		Actor    ActorID `json:"actor"`
		Role     Role    `json:"role"`
		Proposal string  `json:"proposal"`
	}
	// DisputeResolved closes a dispute with its outcome.
	DisputeResolved struct {
		Dispute string `json:"dispute"`
		Outcome string `json:"outcome"`
	}
	// PactDissolved ends the pact.
	PactDissolved struct {
		Reason   string `json:"reason"`
		Proposal string `json:"proposal,omitempty"`
	}
)

// EventType implements EventData.
func (PactFounded) EventType() string { return "pact_founded" }

// EventType implements EventData.
func (MemberAdmitted) EventType() string { return "member_admitted" }

// EventType implements EventData.
func (NoticeGiven) EventType() string { return "notice_given" }

// EventType implements EventData.
func (MemberLeft) EventType() string { return "member_left" }

// EventType implements EventData.
func (MemberSuspended) EventType() string { return "member_suspended" }

// EventType implements EventData.
func (AgreementAmended) EventType() string { return "agreement_amended" }

// EventType implements EventData.
func (ObjectiveSet) EventType() string { return "objective_set" }

// EventType implements EventData.
func (ProgressReported) EventType() string { return "progress_reported" }

// EventType implements EventData.
func (CommitmentMade) EventType() string { return "commitment_made" }

// EventType implements EventData.
func (ContributionMade) EventType() string { return "contribution_made" }

// EventType implements EventData.
func (CommitmentOverdue) EventType() string { return "commitment_overdue" }

// EventType implements EventData.
func (ProposalOpened) EventType() string { return "proposal_opened" }

// EventType implements EventData.
func (VoteCast) EventType() string { return "vote_cast" }

// EventType implements EventData.
func (ProposalDecided) EventType() string { return "proposal_decided" }

// EventType implements EventData.
func (DisputeOpened) EventType() string { return "dispute_opened" }

// EventType implements EventData.
func (DisputeEscalated) EventType() string { return "dispute_escalated" }

// EventType implements EventData.
func (RoleGranted) EventType() string { return "role_granted" }

// EventType implements EventData.
func (RoleRevoked) EventType() string { return "role_revoked" }

// EventType implements EventData.
func (NeutralAppointed) EventType() string { return "neutral_appointed" }

// EventType implements EventData.
func (DisputeResolved) EventType() string { return "dispute_resolved" }

// EventType implements EventData.
func (PactDissolved) EventType() string { return "pact_dissolved" }

// eventTypes maps a type name in the log to a constructor of its payload.
var eventTypes = map[string]func() EventData{}

func registerEvents(fs ...func() EventData) {
	for _, f := range fs {
		eventTypes[f().EventType()] = f
	}
}

func init() {
	registerEvents(
		func() EventData { return &PactFounded{} },
		func() EventData { return &MemberAdmitted{} },
		func() EventData { return &NoticeGiven{} },
		func() EventData { return &MemberLeft{} },
		func() EventData { return &MemberSuspended{} },
		func() EventData { return &AgreementAmended{} },
		func() EventData { return &ObjectiveSet{} },
		func() EventData { return &ProgressReported{} },
		func() EventData { return &CommitmentMade{} },
		func() EventData { return &ContributionMade{} },
		func() EventData { return &CommitmentOverdue{} },
		func() EventData { return &ProposalOpened{} },
		func() EventData { return &VoteCast{} },
		func() EventData { return &ProposalDecided{} },
		func() EventData { return &DisputeOpened{} },
		func() EventData { return &DisputeEscalated{} },
		func() EventData { return &DisputeResolved{} },
		func() EventData { return &PactDissolved{} },
		func() EventData { return &NeutralAppointed{} },
		func() EventData { return &RoleGranted{} },
		func() EventData { return &RoleRevoked{} },
		func() EventData { return &ActorRegistered{} },
		func() EventData { return &KeyEnrolled{} },
		func() EventData { return &KeyRevoked{} },
		func() EventData { return &InvitationIssued{} },
		func() EventData { return &HeadWitnessed{} },
	)
}

// envelope is an event as written to the log.
type envelope struct {
	Seq    int64           `json:"seq"`
	Type   string          `json:"type"`
	At     time.Time       `json:"at"`
	By     ActorID         `json:"by,omitempty"`
	Data   json.RawMessage `json:"data"`
	Signed *Signed         `json:"signed,omitempty"`
	Class  Classification  `json:"class,omitempty"`
}

// MarshalJSON encodes e as {"seq","type","at","by","data","signed","class"},
// leaving out by, signed and class when empty. The encoding is canonical:
// the same event always gives the same bytes, which is what the log
// hashes, and they are the bytes encoding/json gives for the envelope.
// The envelope is written by hand, around the payload that encoding/json
// writes: every entry a server appends or a store's check replays is
// encoded here, and marshalling the envelope by reflection, then
// compacting the result once more for a json.Marshal of the event, cost
// three times what encoding the payload does.
func (e Event) MarshalJSON() ([]byte, error) {
	if e.Data == nil {
		return nil, fmt.Errorf("event %d has no data", e.Seq)
	}
	data, err := json.Marshal(e.Data)
	if err != nil {
		return nil, err
	}
	at, err := canonicalTime(e.At).MarshalJSON()
	if err != nil {
		return nil, fmt.Errorf("event %d: %w", e.Seq, err)
	}
	b := make([]byte, 0, len(data)+len(at)+64)
	b = append(b, `{"seq":`...)
	b = strconv.AppendInt(b, e.Seq, 10)
	b = append(b, `,"type":`...)
	b = appendJSONString(b, e.Data.EventType())
	b = append(b, `,"at":`...)
	b = append(b, at...)
	if e.By != "" {
		b = append(b, `,"by":`...)
		b = appendJSONString(b, string(e.By))
	}
	b = append(b, `,"data":`...)
	b = append(b, data...)
	if e.Signed != nil {
		signed, err := json.Marshal(e.Signed)
		if err != nil {
			return nil, err
		}
		b = append(b, `,"signed":`...)
		b = append(b, signed...)
	}
	if e.Class != "" {
		b = append(b, `,"class":`...)
		b = appendJSONString(b, string(e.Class))
	}
	return append(b, '}'), nil
}

// appendJSONString appends s to b as encoding/json writes a string: a
// string of printable ASCII that needs no escape (no quote, backslash,
// or the <, > and & that encoding/json escapes for HTML) is copied
// between quotes; any other goes through encoding/json.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s) // a string always encodes
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// UnmarshalJSON decodes an event, refusing unknown types and unknown fields.
func (e *Event) UnmarshalJSON(b []byte) error {
	var env envelope
	if err := strictUnmarshal(b, &env); err != nil {
		return err
	}
	newData, ok := eventTypes[env.Type]
	if !ok {
		return fmt.Errorf("unknown event type %q", env.Type)
	}
	data := newData()
	if err := strictUnmarshal(env.Data, data); err != nil {
		return fmt.Errorf("%s: %w", env.Type, err)
	}
	*e = Event{Seq: env.Seq, At: env.At, By: env.By, Data: derefData(data), Signed: env.Signed, Class: env.Class}
	return nil
}

// derefData turns the *T a constructor made back into the T that commands
// produce, so that a decoded event equals the event before encoding.
func derefData(d EventData) EventData {
	return reflect.ValueOf(d).Elem().Interface().(EventData)
}

// EncodeEvent returns the canonical bytes of e, as stored in the log (what
// json.Marshal gives for e, without compacting it once more).
func EncodeEvent(e Event) ([]byte, error) { return e.MarshalJSON() }

// DecodeEvent parses one log entry.
func DecodeEvent(b []byte) (Event, error) {
	var e Event
	err := json.Unmarshal(b, &e)
	return e, err
}

func strictUnmarshal(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return fmt.Errorf("unexpected data after the JSON value")
	}
	return nil
}
