package entente

import "strings"

// Classification says who may read an entry of a pact's log, beyond the
// pact's own visibility: everyone (public), the members and those holding
// a role (members), the parties to the dispute the entry concerns and its
// neutrals (parties), or the holders of one role ("role:secretariat").
// Empty means the pact's visibility. An auditor reads every entry. A
// reader not entitled to an entry sees its leaf hash, type and time, so
// proofs over the log verify for everyone.
type Classification string

// The classifications that name no role.
const (
	ClassPublic  Classification = "public"
	ClassMembers Classification = "members"
	ClassParties Classification = "parties"
)

// rolePrefix starts a classification to the holders of one role.
const rolePrefix = "role:"

// Validate checks c.
func (c Classification) Validate() error {
	switch {
	case c == "", c == ClassPublic, c == ClassMembers, c == ClassParties:
		return nil
	case strings.HasPrefix(string(c), rolePrefix) && oneOf(Role(strings.TrimPrefix(string(c), rolePrefix)), PactRoles):
		return nil
	}
	return FieldErrorf(EINVALID, "request.class", "expected public, members, parties or role:ROLE (ROLE one of %v), got %q", PactRoles, c)
}

// disputeOf returns the dispute an event concerns, or "".
func disputeOf(d EventData) string {
	switch v := d.(type) {
	case DisputeOpened:
		return v.Dispute.ID
	case DisputeEscalated:
		return v.Dispute
	case DisputeResolved:
		return v.Dispute
	case NeutralAppointed:
		return v.Dispute
	case CommentPosted:
		return v.Dispute
	}
	return ""
}

// checkClass refuses "parties" on events that concern no dispute.
func checkClass(events []Event, c Classification) error {
	for _, e := range events {
		if c == ClassParties && e.Class == c && disputeOf(e.Data) == "" {
			return FieldErrorf(EINVALID, "request.class", "parties fits only requests about a dispute, not %s", e.Data.EventType())
		}
	}
	return nil
}

// isMember reports whether id is or was bound by the pact.
func (s *PactState) isMember(id ActorID) bool {
	m := s.Members.Get(id)
	return m != nil && (m.InPact() || m.Status == Former)
}

// CanReadPact reports whether reader may read the pact's record as a
// whole: everyone for a public pact; for a members-only pact, those who
// are or were members, those holding a role in it and its disputes'
// neutrals. An empty reader is anonymous.
func (s *PactState) CanReadPact(reader ActorID) bool {
	if s.Pact.Visibility != MembersOnly {
		return true
	}
	if reader == "" {
		return false
	}
	if s.isMember(reader) || len(s.Roles[reader]) > 0 {
		return true
	}
	for _, d := range s.Disputes.All() {
		if d.Mediator == reader || d.Arbiter == reader {
			return true
		}
	}
	return false
}

// CanRead reports whether reader may read event e of the pact's log.
func (s *PactState) CanRead(reader ActorID, e Event) bool {
	if reader != "" && s.HasRole(reader, AuditorRole) {
		return true
	}
	switch c := e.Class; {
	case c == ClassPublic:
		return true
	case c == "":
		return s.CanReadPact(reader)
	case c == ClassMembers:
		return reader != "" && (s.isMember(reader) || len(s.Roles[reader]) > 0)
	case c == ClassParties:
		d := s.Dispute(disputeOf(e.Data))
		return reader != "" && d != nil && (d.HasParty(reader) || d.Mediator == reader || d.Arbiter == reader)
	case strings.HasPrefix(string(c), rolePrefix):
		return reader != "" && s.HasRole(reader, Role(strings.TrimPrefix(string(c), rolePrefix)))
	}
	return false
}

// ClassifiedAs is a classification some entry of a pact carries, with the
// dispute it concerns for "parties".
type ClassifiedAs struct {
	Class   Classification `json:"class"`
	Dispute string         `json:"dispute,omitempty"`
}

// noteClass records c once, copying the list so a fork is not changed.
func (s *PactState) noteClass(c ClassifiedAs) {
	if oneOf(c, s.Classified) {
		return
	}
	s.Classified = append(append([]ClassifiedAs(nil), s.Classified...), c)
}

// CanReadAll reports whether reader may read every entry of the pact: the
// pact's folded state (members, commitments, disputes ...) holds what
// every entry says, so only such a reader may see it whole; others read
// the log's entries, redacted where they are not entitled.
func (s *PactState) CanReadAll(reader ActorID) bool {
	if !s.CanReadPact(reader) {
		return false
	}
	for _, c := range s.Classified {
		ev := Event{Class: c.Class, Data: DisputeResolved{Dispute: c.Dispute}}
		if !s.CanRead(reader, ev) {
			return false
		}
	}
	return true
}

// WhoMay says, for each command a request can carry, who may make it: the
// one table of authority, which the commands enforce and the
// authorization tests check. "member" means an actor bound by the pact
// (active, suspended or on notice); co-signers are listed after a '+'.
var WhoMay = map[string]string{
	"found":      "a founder + every other founder",
	"join":       "any registered actor not yet in the pact",
	"notice":     "a member",
	"pledge":     "a member",
	"contribute": "a member; against a commitment, the member who made it (also after leaving)",
	"objective":  "a member or the secretariat",
	"progress":   "a member or the secretariat",
	"propose":    "a member who may vote; admitting an actor that did not ask + that actor",
	"vote":       "a member of the proposal's electorate who may vote",
	"dispute":    "a member, against other members",
	"escalate":   "a party to the dispute",
	"appoint":    "a party + every other party + the appointee",
	"bargain":    "a member, among the parties it names (other members)",
	"reserve":    "a party to the bargaining, classified role:secretariat",
	"comment":    "a member, on a proposal; a party, the mediator or the arbiter, on a dispute",
	"resolve":    "the mediator (in mediation) or the arbiter (in arbitration); otherwise a party + every other party",
	"register":   "the holder of an invitation, signing with the new key",
	"update":     "a delegate of the actor",
	"enrol":      "a delegate of the actor + the new key",
	"revoke":     "a delegate of the actor (not its last key)",
	"invite":     "a registrar's delegate (or the operator, unsigned)",
	"witness":    "any actor's delegate, for a head the server's log has",
	"read":       "any actor's delegate (records nothing)",
}
