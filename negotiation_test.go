package entente_test

import (
	"testing"

	"github.com/entente/entente"
)

// TestBargaining: a member opens a bargaining among members; bad openings
// are refused naming the field; a reservation value must be classified to
// the secretariat (Execute, which carries no classification, is refused),
// and a classified one folds into who has stated, never the value, so the
// state stays readable by every member.
func TestBargaining(t *testing.T) {
	w := newWorld(t, "a", "b", "c", "x")
	found(w, entente.Coalition, entente.Agreement{}, "a", "b", "c")
	for _, tc := range []struct {
		name, field string
		cmd         entente.OpenBargaining
	}{
		{"one party", "parties", entente.OpenBargaining{Title: "t", Parties: []entente.ActorID{"a"}, Total: 1, Resource: "r"}},
		{"an outsider", "parties[1]", entente.OpenBargaining{Title: "t", Parties: []entente.ActorID{"a", "x"}, Total: 1, Resource: "r"}},
		{"twice", "parties[1]", entente.OpenBargaining{Title: "t", Parties: []entente.ActorID{"a", "a"}, Total: 1, Resource: "r"}},
		{"not among them", "by", entente.OpenBargaining{Title: "t", Parties: []entente.ActorID{"b", "c"}, Total: 1, Resource: "r"}},
		{"no total", "total", entente.OpenBargaining{Title: "t", Parties: []entente.ActorID{"a", "b"}, Resource: "r"}},
	} {
		_, _, err := entente.Execute(w.state, "a", tc.cmd, w.env())
		if entente.ErrorField(err) != tc.field {
			t.Errorf("%s: %v, want field %s", tc.name, err, tc.field)
		}
	}
	w.must("a", entente.OpenBargaining{Title: "licence income", Parties: []entente.ActorID{"a", "b"}, Total: 100, Resource: "eur_k"})
	_, _, err := entente.Execute(w.state, "a", entente.StateReservation{Bargaining: "b1", Value: 20}, w.env())
	if entente.ErrorField(err) != "request.class" {
		t.Errorf("an unclassified value: %v", err)
	}
	_, _, err = entente.Execute(w.state, "c", entente.StateReservation{Bargaining: "b1", Value: 20}, w.env())
	if entente.ErrorField(err) != "by" {
		t.Errorf("a value from a non-party: %v", err)
	}
	// The entry as the ledger records it: classified.
	ev := entente.Event{Seq: w.state.Len, At: w.now, By: "a", Data: entente.ReservationStated{Bargaining: "b1", Party: "a", Value: 20}, Class: entente.ReservationClass}
	s, err := entente.Fold(append(append([]entente.Event(nil), w.log...), ev))
	if err != nil {
		t.Fatal(err)
	}
	if b := s.Bargaining("b1"); len(b.Stated) != 1 || b.Stated[0] != "a" || len(s.Classified) != 0 || !s.CanReadAll("b") || s.CanRead("b", ev) {
		t.Errorf("after a's value: %+v, classified %v, b reads all %v, b reads the entry %v", b, s.Classified, s.CanReadAll("b"), s.CanRead("b", ev))
	}
	if w.state.Bargaining("b1").Stated != nil {
		t.Error("folding a copy changed the original state")
	}
}
