package http

import (
	"fmt"
	"sort"
	"time"

	"github.com/entente/entente"
)

// inboxItem is one thing that needs a member now.
type inboxItem struct {
	Pact entente.PactID
	When time.Time
	What string
}

// inboxHorizon is how far ahead a pledge falling due counts as needing
// the member now.
const inboxHorizon = 7 * entente.Day

// inbox lists what needs actor in every pact it is bound by, soonest
// first: votes open that it has not cast, its pledges due within a week or
// overdue, disputes it is party to (or a neutral of) that are open,
// admissions waiting for its vote.
func inbox(pacts []*entente.PactState, actor entente.ActorID, now time.Time) []inboxItem {
	var out []inboxItem
	for _, st := range pacts {
		m := st.Members.Get(actor)
		if st.Dissolved != nil || m == nil || !m.InPact() {
			continue
		}
		id := st.Pact.ID
		for _, p := range st.Proposals.All() {
			if voted := p.Votes.Has(actor); p.Decision == nil && !voted && m.CanVote() && containsActor(p.Electorate, actor) {
				what := fmt.Sprintf("Vote on %s: %q (%s)", p.ID, p.Title, p.Matter)
				if p.Matter == entente.Admission {
					what = fmt.Sprintf("Admission of %s waits for your vote (%s)", p.Subject, p.ID)
				}
				out = append(out, inboxItem{id, p.Closes, what + ", closes " + p.Closes.Format("2 Jan 2006")})
			}
		}
		for _, c := range st.Commitments.All() {
			if c.Member != actor || c.Status() == entente.Fulfilled {
				continue
			}
			switch {
			case c.Status() == entente.Overdue:
				out = append(out, inboxItem{id, c.Due, fmt.Sprintf("Your pledge %s is overdue: %g of %g %s delivered", c.ID, c.Delivered, c.Amount, c.Resource)})
			case c.Due.Sub(now) <= inboxHorizon:
				out = append(out, inboxItem{id, c.Due, fmt.Sprintf("Your pledge %s falls due on %s: %g of %g %s delivered", c.ID, c.Due.Format("2 Jan 2006"), c.Delivered, c.Amount, c.Resource)})
			}
		}
		for _, d := range st.Disputes.All() {
			if d.Stage == entente.Closed || !(d.HasParty(actor) || d.Mediator == actor || d.Arbiter == actor) {
				continue
			}
			out = append(out, inboxItem{id, d.Deadline, fmt.Sprintf("Dispute %s is at %s: %s", d.ID, d.Stage, d.Subject)})
		}
	}
	// Soonest first; what has no deadline comes last.
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].When, out[j].When
		if a.IsZero() || b.IsZero() {
			return !a.IsZero() && b.IsZero()
		}
		return a.Before(b)
	})
	return out
}

func containsActor(ids []entente.ActorID, id entente.ActorID) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}
