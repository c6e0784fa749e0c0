package entente

// FoldReadable replays into a state only the events of a pact's log that
// canRead allows: the pact as one reader may know it, so that a page built
// from it shows nothing of what the reader may not read, whatever field of
// the state a classified entry would have touched. An event canRead
// refuses is skipped (the state's Len and Updated still count it, as the
// reader sees every entry's type and time); so is a readable event that
// builds on a skipped one (a vote on a classified proposal, a payment
// against a classified pledge), which the fold cannot apply without what
// it builds on. Hidden counts both. The first event, the founding, must be
// readable: a reader who may not read it may not read the pact.
//
// canRead is typically the whole pact's CanRead for one reader; the
// result holds only what readable events say, so it is safe to show that
// reader in full.
func FoldReadable(events []Event, canRead func(Event) bool) (st *PactState, hidden int, err error) {
	s := &PactState{}
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
