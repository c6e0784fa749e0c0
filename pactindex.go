package entente

import (
	"slices"
	"time"
)

// PactEntry is what a listing of pacts needs of one pact, without the
// pact's state: its identity, size and members, and who may read it. A
// server keeps one beside each pact's state, so that listing every pact
// for a reader costs a few fields per pact, not a walk of each state's
// members and disputes, and so that a state may leave memory while its
// pact still appears in listings.
type PactEntry struct {
	ID         PactID
	Name       string
	Kind       PactKind
	Visibility Visibility
	Founded    time.Time
	Dissolved  *PactEnd
	// Len is the number of events folded.
	Len int64
	// Members are the actors bound by the pact (see PactState.InPact),
	// sorted.
	Members []ActorID
	// readers are the actors a members-only pact admits (see
	// PactState.CanReadPact), sorted; nil for a public pact.
	readers []ActorID
}

// Entry returns s's entry in a pact index. It shares nothing that a later
// event changes; it costs a walk of the members, roles and disputes.
func (s *PactState) Entry() PactEntry {
	e := PactEntry{ID: s.Pact.ID, Name: s.Pact.Name, Kind: s.Pact.Kind, Visibility: s.Pact.Visibility,
		Founded: s.Founded, Len: s.Len, Members: s.InPact()}
	if s.Dissolved != nil {
		d := *s.Dissolved
		e.Dissolved = &d
	}
	if s.Pact.Visibility == MembersOnly {
		e.readers = s.admitted()
	}
	return e
}

// admitted returns who CanReadPact admits to a members-only pact besides
// no one else: members and former members, holders of a role, and the
// disputes' neutrals, sorted and each once.
func (s *PactState) admitted() []ActorID {
	var ids []ActorID
	for id := range s.Members.All() {
		if s.isMember(id) {
			ids = append(ids, id)
		}
	}
	for id, roles := range s.Roles {
		if len(roles) > 0 {
			ids = append(ids, id)
		}
	}
	for _, d := range s.Disputes.All() {
		for _, n := range []ActorID{d.Mediator, d.Arbiter} {
			if n != "" {
				ids = append(ids, n)
			}
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// CanReadPact reports whether reader may read the pact as a whole, as the
// state's CanReadPact says.
func (e *PactEntry) CanReadPact(reader ActorID) bool {
	if e.Visibility != MembersOnly {
		return true
	}
	if reader == "" {
		return false
	}
	_, ok := slices.BinarySearch(e.readers, reader)
	return ok
}
