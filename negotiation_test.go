package entente_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

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

// salt is a well-formed salt for tests: 64 hexadecimal digits from c.
func salt(c byte) string { return strings.Repeat(string(c), entente.SaltDigits) }

// reserve runs by's classified reservation in w, which must fail with
// field (or succeed when field is "").
func reserve(t *testing.T, w *world, by entente.ActorID, cmd entente.StateReservation, field string) {
	t.Helper()
	s, events, err := entente.ExecuteClassified(w.state, by, cmd, w.env(), entente.ReservationClass)
	if entente.ErrorField(err) != field {
		t.Fatalf("%s %+v: %v, want field %q", by, cmd, err, field)
	}
	if err == nil {
		w.state, w.log = s, append(w.log, events...)
	}
}

// TestReservationSaltAndSeal: a reservation needs a random salt (the
// sealed split is drawn from every party's), and once every party has
// stated, the values are sealed: restating could otherwise probe the
// others' values through whether a zone of possible agreement exists, or
// through a second drawn split. Before that a party may restate.
func TestReservationSaltAndSeal(t *testing.T) {
	w := newWorld(t, "a", "b", "c")
	found(w, entente.Coalition, entente.Agreement{}, "a", "b", "c")
	w.must("a", entente.OpenBargaining{Title: "licence income", Parties: []entente.ActorID{"a", "b"}, Total: 100, Resource: "eur_k"})
	for _, bad := range []string{"", salt('a')[:63], strings.ToUpper(salt('a')), salt('g')} {
		reserve(t, w, "a", entente.StateReservation{Bargaining: "b1", Value: 20, Salt: bad}, "salt")
	}
	reserve(t, w, "a", entente.StateReservation{Bargaining: "b1", Value: 101, Salt: salt('1')}, "value")
	reserve(t, w, "a", entente.StateReservation{Bargaining: "b1", Value: 20, Salt: salt('1')}, "")
	reserve(t, w, "a", entente.StateReservation{Bargaining: "b1", Value: 25, Salt: salt('2')}, "") // a restates while b has not stated
	reserve(t, w, "b", entente.StateReservation{Bargaining: "b1", Value: 30, Salt: salt('3')}, "")
	s, _, err := entente.ExecuteClassified(w.state, "a", entente.StateReservation{Bargaining: "b1", Value: 40, Salt: salt('4')}, w.env(), entente.ReservationClass)
	if entente.ErrorCode(err) != entente.ECONFLICT || entente.ErrorField(err) != "bargaining" || s != nil {
		t.Errorf("restating a sealed value: %v", err)
	}
	if got := w.state.Bargaining("b1").Stated; len(got) != 2 {
		t.Errorf("stated: %v", got)
	}
	if d := w.log[len(w.log)-1].Data.(entente.ReservationStated); d.Salt != salt('3') || w.log[len(w.log)-1].Class != entente.ReservationClass {
		t.Errorf("the entry keeps %+v, class %q", d, w.log[len(w.log)-1].Class)
	}
}

// TestContributionSchedule: a bargaining over a cost records its kind;
// benefits is the default, given or not, and stored empty; an unknown
// kind is refused naming the field; the sentence says it is a schedule.
func TestContributionSchedule(t *testing.T) {
	w := newWorld(t, "a", "b")
	found(w, entente.Coalition, entente.Agreement{}, "a", "b")
	open := entente.OpenBargaining{Title: "the survey", Parties: []entente.ActorID{"a", "b"}, Total: 90, Resource: "eur_k", Kind: "gifts"}
	if _, _, err := entente.Execute(w.state, "a", open, w.env()); entente.ErrorField(err) != "kind" {
		t.Errorf("an unknown kind: %v", err)
	}
	open.Kind = entente.BargainCosts
	w.must("a", open)
	open.Kind = entente.BargainBenefits
	w.must("a", open)
	if k1, k2 := w.state.Bargaining("b1").Kind, w.state.Bargaining("b2").Kind; k1 != entente.BargainCosts || k2 != "" {
		t.Errorf("kinds %q and %q", k1, k2)
	}
	if got := w.log[len(w.log)-2].Sentence(); got != "a opened bargaining b1 over a contribution schedule: the survey, a cost of 90 eur_k among a and b." {
		t.Errorf("sentence %q", got)
	}
	_, _, err := entente.ExecuteClassified(w.state, "b", entente.StateReservation{Bargaining: "b1", Value: 91, Salt: salt('5')}, w.env(), entente.ReservationClass)
	if err == nil || !strings.Contains(err.Error(), "the most you would pay") {
		t.Errorf("a maximum above the cost: %v", err)
	}
}

// TestBargainingEntriesEncodeAsBefore: the fields added for schedules and
// sealed splits are left out when empty, so entries written before them
// encode byte for byte as they did (their hashes stay valid).
func TestBargainingEntriesEncodeAsBefore(t *testing.T) {
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, tc := range []struct {
		v    any
		want string
	}{
		{entente.BargainingOpened{Bargaining: entente.Bargaining{ID: "b1", Title: "t", Parties: []entente.ActorID{"a", "b"}, Total: 100, Resource: "eur_k", Opened: at}},
			`{"bargaining":{"id":"b1","title":"t","parties":["a","b"],"total":100,"resource":"eur_k","opened":"2026-01-02T03:04:05Z"}}`},
		{entente.ReservationStated{Bargaining: "b1", Party: "a", Value: 20}, `{"bargaining":"b1","party":"a","value":20}`},
		{entente.OpenBargaining{Title: "t", Parties: []entente.ActorID{"a", "b"}, Total: 100, Resource: "eur_k"}, `{"title":"t","parties":["a","b"],"total":100,"resource":"eur_k"}`},
		{entente.StateReservation{Bargaining: "b1", Value: 20}, `{"bargaining":"b1","value":20}`},
	} {
		b, err := json.Marshal(tc.v)
		if err != nil || string(b) != tc.want {
			t.Errorf("%T encodes as %s (%v), want %s", tc.v, b, err, tc.want)
		}
	}
}
