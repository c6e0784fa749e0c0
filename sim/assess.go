package sim

import (
	"time"

	"github.com/entente/entente"
)

// window is where a pact's assessed record starts: the commitments,
// contributions and proposals before these indices are older than the
// health window and left out of its assessment. The logs only grow and
// hold these items in time order, so the indices only move forward and
// finding the window costs nothing as a pact ages.
type window struct {
	commitments, contributions, proposals int
}

// recent returns the part of sp's record that its yearly assessment
// reads: with health.window W > 0 and a pact older than W years, a view of
// its state as if it had been founded W years before now, holding the
// commitments due, the contributions made and the proposals opened since
// then, the disputes still open or closed since then, and the members bound
// by it since then. Trust evidence halves every year (trust.DefaultHalfLife),
// so what the window leaves out weighs less than 2^-W of the record; the
// health components (commitments kept, burden fairness, cohesion) then
// describe the last W years rather than the pact's whole life. The view
// shares the state's records and is only read; sp.s itself is untouched and
// keeps changing through entente.Execute alone.
func (r *runner) recent(sp *simPact, now time.Time) *entente.PactState {
	w := r.p.HealthWindow
	s := sp.s
	from := now.AddDate(-w, 0, 0)
	if w <= 0 || !s.Founded.Before(from) {
		return s
	}
	v := *s
	v.Founded = from
	v.Derived = entente.Derived{} // its indexes are of the whole record
	ix := &sp.window
	for ix.commitments < s.Commitments.Len() && s.Commitments.At(ix.commitments).Due.Before(from) {
		ix.commitments++
	}
	for ix.contributions < s.Contributions.Len() && s.Contributions.At(ix.contributions).At.Before(from) {
		ix.contributions++
	}
	for ix.proposals < s.Proposals.Len() && s.Proposals.At(ix.proposals).Opened.Before(from) &&
		s.Proposals.At(ix.proposals).Decision != nil {
		ix.proposals++
	}
	v.Commitments = s.Commitments.From(ix.commitments)
	v.Contributions = s.Contributions.From(ix.contributions)
	v.Proposals = s.Proposals.From(ix.proposals)
	v.Disputes = entente.List[*entente.Dispute]{}
	for _, d := range s.Disputes.All() {
		if d.Stage != entente.Closed || !d.Closed.Before(from) {
			v.Disputes = v.Disputes.Append(d)
		}
	}
	v.Members = entente.ActorMap[*entente.Membership]{}
	for id, m := range s.Members.All() {
		if m.InPact() || m.Status == entente.Applicant || !m.Left.Before(from) {
			v.Members = v.Members.Set(id, m)
		}
	}
	return &v
}

// idle reports whether nothing in sp can have come due by t, so that
// entente.Advance would record no event: no member's notice has run out,
// no commitment has fallen overdue, no dispute deadline and no proposal's
// closing has passed, and no fixed term has ended: entente.DueBy, read
// from the state's index. The scan below, which errs on the side of false,
// is the benchmarks' baseline (Options.slow). Commitments and proposals are scanned from the first one not yet
// settled or decided, which only moves forward, so the check does not grow
// with the pact's age.
func (r *runner) idle(sp *simPact, t time.Time) bool {
	s := sp.s
	if s.Dissolved != nil {
		return true
	}
	if !r.slow { // the state's index of what comes due, in O(log n)
		return !s.DueBy(t)
	}
	if du := s.Pact.Duration; du.Kind == entente.FixedTerm && !du.Until.After(t) {
		return false
	}
	for _, m := range s.Members.All() {
		if m.Status == entente.OnNotice && !m.Leaves.After(t) {
			return false
		}
	}
	for _, d := range s.Disputes.All() {
		if d.Stage != entente.Closed && !d.Deadline.IsZero() && !d.Deadline.After(t) {
			return false
		}
	}
	for sp.settled < s.Commitments.Len() && (s.Commitments.At(sp.settled).Late || s.Commitments.At(sp.settled).Status() == entente.Fulfilled) {
		sp.settled++
	}
	for _, c := range s.Commitments.From(sp.settled).All() {
		if !c.Late && c.Status() != entente.Fulfilled && t.After(c.Due) {
			return false
		}
	}
	for sp.decided < s.Proposals.Len() && s.Proposals.At(sp.decided).Decision != nil {
		sp.decided++
	}
	for _, p := range s.Proposals.From(sp.decided).All() {
		if p.Decision == nil && !p.Closes.After(t) {
			return false
		}
	}
	return true
}
