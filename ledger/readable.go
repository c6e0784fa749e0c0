package ledger

import "github.com/entente/entente"

// ReadableBy returns ExportFor's canRead for what actor may read: for each
// pact's log, whether actor may read an event of it (the pact's
// visibility, actor's roles and the entry's classification). It fails with
// ENOTFOUND when actor is not registered.
func (s *Service) ReadableBy(actor entente.ActorID) (func(log string) (func(entente.Event) bool, error), error) {
	if _, err := s.Actor(actor); err != nil {
		return nil, err
	}
	return func(log string) (func(entente.Event) bool, error) {
		st, err := s.Pact(entente.PactID(log))
		if err != nil {
			return nil, err
		}
		return func(e entente.Event) bool { return st.CanRead(actor, e) }, nil
	}, nil
}

// Lookup returns the registered actor id, or nil when there is none: the
// actor lookup the analyses (health, power, partner, split) take.
func (s *Service) Lookup(id entente.ActorID) *entente.Actor {
	a, err := s.Actor(id)
	if err != nil {
		return nil
	}
	return a
}
