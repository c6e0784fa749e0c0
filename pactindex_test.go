package entente_test

import (
	"slices"
	"testing"

	"github.com/entente/entente"
	"pgregory.net/rapid"
)

// checkEntry fails unless st's index entry admits exactly the readers
// st.CanReadPact admits among readers, and lists what st lists.
func checkEntry(tb interface {
	Helper()
	Errorf(string, ...any)
}, st *entente.PactState, readers []entente.ActorID) {
	tb.Helper()
	e := st.Entry()
	for _, who := range readers {
		if got, want := e.CanReadPact(who), st.CanReadPact(who); got != want {
			tb.Errorf("pact %s (%s), reader %q: entry CanReadPact = %v, state's = %v", st.Pact.ID, st.Pact.Visibility, who, got, want)
		}
	}
	if e.ID != st.Pact.ID || e.Name != st.Pact.Name || e.Kind != st.Pact.Kind || e.Len != st.Len || !e.Founded.Equal(st.Founded) ||
		!slices.Equal(e.Members, st.InPact()) || (e.Dissolved == nil) != (st.Dissolved == nil) {
		tb.Errorf("pact %s: entry %+v does not match the state", st.Pact.ID, e)
	}
}

func TestPactEntryAdmitsWhomTheStateAdmits(t *testing.T) {
	w := readersWorld(t)
	readers := []entente.ActorID{"", "a", "b", "c", "obs", "aud", "med", "out"}
	want := map[entente.ActorID]bool{"a": true, "b": true, "c": true, "obs": true, "aud": true, "med": true}
	e := w.state.Entry()
	for _, who := range readers {
		if got := e.CanReadPact(who); got != want[who] {
			t.Errorf("reader %q: CanReadPact = %v, want %v", who, got, want[who])
		}
	}
	checkEntry(t, w.state, readers)
	w.state.Pact.Visibility = entente.Public
	checkEntry(t, w.state, readers)
}

// TestPropertyPactEntry runs random command sequences and checks, for
// both visibilities, that the entry admits every actor (and the anonymous
// reader) exactly when the state does.
func TestPropertyPactEntry(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := newMachine(t)
		t.Repeat(m.actions())
		readers := append([]entente.ActorID{"", "nobody"}, m.ids...)
		for _, v := range []entente.Visibility{entente.Public, entente.MembersOnly} {
			st := m.state.Clone()
			st.Pact.Visibility = v
			checkEntry(t, st, readers)
		}
	})
}
