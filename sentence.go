package entente

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Sentence says in words what an event records, as the web timeline and
// the CLI's event listings show it: "b voted yes on p1.". An event type
// without words (a newer one) reads as its type.
func (e Event) Sentence() string {
	by := string(e.By)
	switch d := e.Data.(type) {
	case PactFounded:
		return fmt.Sprintf("%s founded the %s %q with %s.", by, d.Pact.Kind, d.Pact.Name, JoinActors(d.Founders))
	case MemberAdmitted:
		if d.Via == "open" {
			return fmt.Sprintf("%s joined (the pact is open).", d.Member)
		}
		return fmt.Sprintf("%s was admitted by decision %s.", d.Member, d.Via)
	case NoticeGiven:
		return fmt.Sprintf("%s gave notice; it leaves on %s.", d.Member, longDay(d.Effects))
	case MemberLeft:
		return fmt.Sprintf("%s left: %s.", d.Member, d.Reason)
	case MemberSuspended:
		return fmt.Sprintf("%s was suspended by decision %s.", d.Member, d.Proposal)
	case AgreementAmended:
		return fmt.Sprintf("The agreement was amended by decision %s.", d.Proposal)
	case ObjectiveSet:
		return fmt.Sprintf("%s set objective %s: %s to %s.", by, d.Objective.ID, d.Objective.Metric, amount(d.Objective.Target))
	case ProgressReported:
		return fmt.Sprintf("%s reported progress on %s: %s.", by, d.Objective, amount(d.Value))
	case CommitmentMade:
		c := d.Commitment
		return fmt.Sprintf("%s pledged %s %s by %s (%s).", c.Member, amount(c.Amount), c.Resource, longDay(c.Due), c.ID)
	case ContributionMade:
		c := d.Contribution
		if c.Commitment != "" {
			return fmt.Sprintf("%s delivered %s %s against %s (%s).", c.Member, amount(c.Amount), c.Resource, c.Commitment, c.ID)
		}
		return fmt.Sprintf("%s delivered %s %s (%s).", c.Member, amount(c.Amount), c.Resource, c.ID)
	case CommitmentOverdue:
		return fmt.Sprintf("Commitment %s fell overdue.", d.Commitment)
	case ProposalOpened:
		p := d.Proposal
		return fmt.Sprintf("%s proposed %s (%s, %s): %q.", by, p.ID, p.Matter, p.Rule.Kind, p.Title)
	case VoteCast:
		if d.Reason != "" {
			return fmt.Sprintf("%s voted %s on %s: %q.", d.Member, d.Choice, d.Proposal, d.Reason)
		}
		return fmt.Sprintf("%s voted %s on %s.", d.Member, d.Choice, d.Proposal)
	case BargainingOpened:
		b := d.Bargaining
		if b.Kind == BargainCosts {
			return fmt.Sprintf("%s opened bargaining %s over a contribution schedule: %s, a cost of %s %s among %s.", by, b.ID, b.Title, amount(b.Total), b.Resource, JoinActors(b.Parties))
		}
		return fmt.Sprintf("%s opened bargaining %s: %s, %s %s among %s.", by, b.ID, b.Title, amount(b.Total), b.Resource, JoinActors(b.Parties))
	case ReservationStated:
		return fmt.Sprintf("%s stated its reservation value in %s (readable by the secretariat).", d.Party, d.Bargaining)
	case CommentPosted:
		return fmt.Sprintf("%s commented on %s%s: %q.", d.Member, d.Proposal, d.Dispute, d.Text)
	case ProposalDecided:
		return fmt.Sprintf("%s was %s: %s.", d.Proposal, d.Decision.Outcome, d.Decision.Reason)
	case DisputeOpened:
		return fmt.Sprintf("%s raised dispute %s against %s: %q.", by, d.Dispute.ID, JoinActors(d.Dispute.Parties[min(1, len(d.Dispute.Parties)):]), d.Dispute.Subject)
	case DisputeEscalated:
		return fmt.Sprintf("Dispute %s went to %s (%s).", d.Dispute, d.Stage, d.Reason)
	case NeutralAppointed:
		return fmt.Sprintf("%s was appointed %s of dispute %s.", d.Actor, d.Role, d.Dispute)
	case DisputeResolved:
		return fmt.Sprintf("Dispute %s was closed: %s.", d.Dispute, d.Outcome)
	case RoleGranted:
		return fmt.Sprintf("%s became %s by decision %s.", d.Actor, d.Role, d.Proposal)
	case RoleRevoked:
		return fmt.Sprintf("%s is no longer %s, by decision %s.", d.Actor, d.Role, d.Proposal)
	case PactDissolved:
		return fmt.Sprintf("The pact was dissolved: %s.", d.Reason)
	case ActorRegistered:
		return fmt.Sprintf("Actor %s (%s) was registered.", d.Actor.ID, d.Actor.Name)
	case KeyEnrolled:
		return fmt.Sprintf("Key %s of delegate %s was enrolled for %s (%s).", KeyID(d.Key), d.Delegate, d.Actor, d.Via)
	case KeyRevoked:
		return fmt.Sprintf("Key %s of %s was revoked.", KeyID(d.Key), d.Actor)
	case HeadWitnessed:
		return fmt.Sprintf("%s witnessed log %s at %d entries.", d.Witness.Actor, d.Witness.Log, d.Witness.Size)
	case InvitationIssued:
		if d.Invitation.Actor != "" {
			return fmt.Sprintf("Invitation %s was issued for %s.", d.Invitation.ID, d.Invitation.Actor)
		}
		return fmt.Sprintf("Invitation %s was issued for a new actor.", d.Invitation.ID)
	}
	if e.Data == nil {
		return ""
	}
	return e.Data.EventType()
}

// JoinActors lists actor IDs in words, as "a", "a and b" or "a, b and c".
func JoinActors(ids []ActorID) string {
	var b strings.Builder
	for i, id := range ids {
		switch {
		case i == 0:
		case i == len(ids)-1:
			b.WriteString(" and ")
		default:
			b.WriteString(", ")
		}
		b.WriteString(string(id))
	}
	return b.String()
}

// amount writes a number in full (1000000, 2.5), never with an exponent.
func amount(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// longDay writes a day as people read it: 2 January 2027.
func longDay(t time.Time) string { return t.Format("2 January 2006") }
