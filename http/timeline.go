package http

import (
	"fmt"
	"net/http"
	"time"

	"github.com/entente/entente"
)

// timelineRow is one entry of a pact's log in words, for the timeline.
type timelineRow struct {
	Index    int64
	At       time.Time
	By       entente.ActorID
	Type     string
	Sentence string
	Redacted bool
}

// timeline returns the latest n entries of log before index size in
// words, as the request's reader may read them. The page lists the latest
// (see timelineChunk for the rest); the record check in the page still
// covers the whole log.
func (s *Server) timeline(r *http.Request, log string, size int64, n int) ([]timelineRow, error) {
	from := max(0, size-int64(n))
	entries, err := s.svc.Entries(r.Context(), log, from, size)
	if err != nil {
		return nil, err
	}
	canRead, err := s.entryReader(r, log)
	if err != nil {
		return nil, err
	}
	out := make([]timelineRow, 0, len(entries))
	for i := len(entries) - 1; i >= 0; i-- { // latest first
		ev, err := entente.DecodeEvent(entries[i].Data)
		if err != nil {
			return nil, entente.Errorf(entente.EINTERNAL, "entry %d does not decode: %v", entries[i].Index, err)
		}
		row := timelineRow{Index: entries[i].Index, At: ev.At, Type: ev.Data.EventType()}
		if canRead(ev) {
			row.By, row.Sentence = ev.By, sentence(ev)
		} else {
			row.Redacted = true
		}
		out = append(out, row)
	}
	return out, nil
}

// sentence says what an event records, in words.
func sentence(ev entente.Event) string {
	by := string(ev.By)
	switch d := ev.Data.(type) {
	case entente.PactFounded:
		return fmt.Sprintf("%s founded the %s %q with %s.", by, d.Pact.Kind, d.Pact.Name, joinActors(d.Founders))
	case entente.MemberAdmitted:
		if d.Via == "open" {
			return fmt.Sprintf("%s joined (the pact is open).", d.Member)
		}
		return fmt.Sprintf("%s was admitted by decision %s.", d.Member, d.Via)
	case entente.NoticeGiven:
		return fmt.Sprintf("%s gave notice; it leaves on %s.", d.Member, d.Effects.Format("2 January 2006"))
	case entente.MemberLeft:
		return fmt.Sprintf("%s left: %s.", d.Member, d.Reason)
	case entente.MemberSuspended:
		return fmt.Sprintf("%s was suspended by decision %s.", d.Member, d.Proposal)
	case entente.AgreementAmended:
		return fmt.Sprintf("The agreement was amended by decision %s.", d.Proposal)
	case entente.ObjectiveSet:
		return fmt.Sprintf("%s set objective %s: %s to %g.", by, d.Objective.ID, d.Objective.Metric, d.Objective.Target)
	case entente.ProgressReported:
		return fmt.Sprintf("%s reported progress on %s: %g.", by, d.Objective, d.Value)
	case entente.CommitmentMade:
		c := d.Commitment
		return fmt.Sprintf("%s pledged %g %s by %s (%s).", c.Member, c.Amount, c.Resource, c.Due.Format("2 January 2006"), c.ID)
	case entente.ContributionMade:
		c := d.Contribution
		if c.Commitment != "" {
			return fmt.Sprintf("%s delivered %g %s against %s.", c.Member, c.Amount, c.Resource, c.Commitment)
		}
		return fmt.Sprintf("%s delivered %g %s.", c.Member, c.Amount, c.Resource)
	case entente.CommitmentOverdue:
		return fmt.Sprintf("Commitment %s fell overdue.", d.Commitment)
	case entente.ProposalOpened:
		return fmt.Sprintf("%s proposed %s (%s): %q.", by, d.Proposal.ID, d.Proposal.Matter, d.Proposal.Title)
	case entente.VoteCast:
		if d.Reason != "" {
			return fmt.Sprintf("%s voted %s on %s: %q.", d.Member, d.Choice, d.Proposal, d.Reason)
		}
		return fmt.Sprintf("%s voted %s on %s.", d.Member, d.Choice, d.Proposal)
	case entente.BargainingOpened:
		b := d.Bargaining
		return fmt.Sprintf("%s opened bargaining %s: %s, %g %s among %s.", by, b.ID, b.Title, b.Total, b.Resource, joinActors(b.Parties))
	case entente.ReservationStated:
		return fmt.Sprintf("%s stated its reservation value in %s (readable by the secretariat).", d.Party, d.Bargaining)
	case entente.CommentPosted:
		return fmt.Sprintf("%s commented on %s%s: %q.", d.Member, d.Proposal, d.Dispute, d.Text)
	case entente.ProposalDecided:
		return fmt.Sprintf("%s was %s: %s.", d.Proposal, d.Decision.Outcome, d.Decision.Reason)
	case entente.DisputeOpened:
		return fmt.Sprintf("%s raised dispute %s against %s: %q.", by, d.Dispute.ID, joinActors(d.Dispute.Parties[1:]), d.Dispute.Subject)
	case entente.DisputeEscalated:
		return fmt.Sprintf("Dispute %s went to %s (%s).", d.Dispute, d.Stage, d.Reason)
	case entente.NeutralAppointed:
		return fmt.Sprintf("%s was appointed %s of dispute %s.", d.Actor, d.Role, d.Dispute)
	case entente.DisputeResolved:
		return fmt.Sprintf("Dispute %s was closed: %s.", d.Dispute, d.Outcome)
	case entente.RoleGranted:
		return fmt.Sprintf("%s became %s by decision %s.", d.Actor, d.Role, d.Proposal)
	case entente.RoleRevoked:
		return fmt.Sprintf("%s is no longer %s, by decision %s.", d.Actor, d.Role, d.Proposal)
	case entente.PactDissolved:
		return fmt.Sprintf("The pact was dissolved: %s.", d.Reason)
	}
	return ev.Data.EventType()
}

func joinActors(ids []entente.ActorID) string {
	out := ""
	for i, id := range ids {
		switch {
		case i == 0:
		case i == len(ids)-1:
			out += " and "
		default:
			out += ", "
		}
		out += string(id)
	}
	return out
}
