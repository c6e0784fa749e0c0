package entente

import "slices"

// FoldReadable replays into a state only the events of a pact's log that
// canRead allows: the pact as one reader may know it, so that a page built
// from it shows nothing of what the reader may not read, whatever field of
// the state a classified entry would have touched. An event canRead
// refuses is skipped (the state's Len and Updated still count it, as the
// reader sees every entry's type and time); so is a readable event that
// builds on a skipped one (an unclassified escalation of a classified
// dispute), which the fold cannot apply without what it builds on. Hidden
// counts both. The first event, the founding, must be readable: a reader
// who may not read it may not read the pact.
//
// canRead is typically the whole pact's CanRead for one reader; the
// result holds only what readable events say, so it is safe to show that
// reader in full.
func FoldReadable(events []Event, canRead func(Event) bool) (st *PactState, hidden int, err error) {
	return ExtendReadable(nil, events, canRead)
}

// ExtendReadable is FoldReadable continued: it folds events, the entries
// that follow those s was folded from, into a new state, and returns it
// with the number of them hidden; s (nil for a log's start) is not
// changed. canRead must answer as it did for the earlier entries (the
// reader's rights unchanged), or the result is not what FoldReadable of
// the whole log would give.
func ExtendReadable(s *PactState, events []Event, canRead func(Event) bool) (st *PactState, hidden int, err error) {
	if st, hidden, ok := extendInPlace(s, events, canRead); ok {
		return st, hidden, nil
	}
	return extendForking(s, events, canRead)
}

// extendInPlace is ExtendReadable's fast path: it skips a readable event
// when what it names is missing from the state (builds on a skipped
// event) and applies the others in place. It gives up (false) at the first
// event that still fails to apply, which may have left its state half
// changed; extendForking then starts over.
func extendInPlace(s *PactState, events []Event, canRead func(Event) bool) (*PactState, int, bool) {
	if s == nil {
		s = &PactState{}
	} else {
		s = s.fork()
	}
	hidden := 0
	for _, e := range events {
		read := canRead(e)
		if s.Len == 0 && !read {
			return nil, 0, false // extendForking says why
		}
		if s.Len == 0 || (read && s.names(e.Data)) {
			if s.Apply(e) != nil {
				return nil, 0, false
			}
			continue
		}
		if e.Seq != s.Len {
			return nil, 0, false
		}
		s.Len++
		s.Updated = canonicalTime(e.At)
		hidden++
	}
	return s, hidden, true
}

// names reports whether the items d refers to are in the state: false
// for an event that builds on one the reader's view left out.
func (s *PactState) names(d EventData) bool {
	switch v := d.(type) {
	case VoteCast:
		return s.Proposal(v.Proposal) != nil
	case ProposalDecided:
		// The fold re-decides from the votes; with a vote left out the
		// outcome or the tally may not follow.
		p := s.Proposal(v.Proposal)
		if p == nil || p.Decision != nil {
			return false
		}
		b := p.Ballot(s.Members)
		outcome, _ := p.Rule.Evaluate(b)
		return outcome == v.Decision.Outcome && b.Count() == v.Decision.Tally
	case ContributionMade:
		return v.Contribution.Commitment == "" || s.Commitment(v.Contribution.Commitment) != nil
	case CommitmentOverdue:
		return s.Commitment(v.Commitment) != nil
	case DisputeEscalated:
		return s.Dispute(v.Dispute) != nil
	case DisputeResolved:
		return s.Dispute(v.Dispute) != nil
	case NeutralAppointed:
		return s.Dispute(v.Dispute) != nil
	case CommentPosted:
		return (v.Proposal == "" || s.Proposal(v.Proposal) != nil) && (v.Dispute == "" || s.Dispute(v.Dispute) != nil)
	case ProgressReported:
		return s.Objective(v.Objective) != nil
	case ReservationStated:
		return s.Bargaining(v.Bargaining) != nil
	case NoticeGiven:
		return s.Members.Get(v.Member) != nil
	case MemberLeft:
		return s.Members.Get(v.Member) != nil
	case MemberSuspended:
		return s.Members.Get(v.Member) != nil
	}
	return true
}

// extendForking is ExtendReadable applying each readable event to a fork
// of the state, so that one that fails leaves nothing behind: slower (a
// change copies what the fork shares), but it needs no list of what each
// event names.
func extendForking(s *PactState, events []Event, canRead func(Event) bool) (st *PactState, hidden int, err error) {
	if s == nil {
		s = &PactState{}
	} else {
		s = s.fork() // what follows changes s's Len in place
	}
	for _, e := range events {
		if s.Len == 0 && !canRead(e) {
			return nil, 0, FieldErrorf(EFORBIDDEN, "pact", "the pact's founding is classified beyond what the reader may read")
		}
		if s.Len == 0 || canRead(e) {
			next := s
			if s.Len > 0 {
				next = s.fork() // a failed Apply may have changed part of next
			}
			if aerr := next.Apply(e); aerr == nil {
				s = next
				continue
			} else if s.Len == 0 {
				return nil, 0, aerr
			}
		}
		if e.Seq != s.Len {
			return nil, 0, Errorf(EINTERNAL, "event %d: expected sequence number %d", e.Seq, s.Len)
		}
		s.Len++
		s.Updated = canonicalTime(e.At)
		hidden++
	}
	return s, hidden, nil
}

// ReadingRights says what decides which entries of the pact reader may
// read (CanRead): its membership, its roles, and the disputes it is a
// party to or a neutral of. Two states with the same ReadingRights for a
// reader let it read the same entries.
func (s *PactState) ReadingRights(reader ActorID) string {
	if reader == "" {
		return "anonymous"
	}
	b := []byte("member=")
	if s.isMember(reader) {
		b = append(b, 'y')
	}
	b = append(b, ";roles="...)
	roles := slices.Clone(s.Roles[reader])
	slices.Sort(roles)
	for _, r := range roles {
		b = append(b, r...)
		b = append(b, ',')
	}
	b = append(b, ";disputes="...)
	for _, d := range s.Disputes.All() {
		if d.HasParty(reader) || d.Mediator == reader || d.Arbiter == reader {
			b = append(b, d.ID...)
			b = append(b, ',')
		}
	}
	return string(b)
}
