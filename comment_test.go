package entente_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/entente/entente"
)

// TestComments: members discuss a proposal, the parties and the mediator a
// dispute; others are refused with the field named; each thread is in the
// state in order, the log replays to the same state, and a command that
// fails or a fork leaves the original thread untouched.
func TestComments(t *testing.T) {
	w := newWorld(t, "a", "b", "c", "m")
	found(w, entente.Coalition, entente.Agreement{}, "a", "b", "c")
	w.must("a", entente.Propose{Matter: entente.General, Title: "Hire"})
	w.must("a", entente.RaiseDispute{Against: []entente.ActorID{"b"}, Subject: "Invoice"})

	w.must("b", entente.PostComment{Proposal: "p1", Text: "Who pays?"})
	before := w.state
	w.must("c", entente.PostComment{Proposal: "p1", Text: "The budget line 4."})
	if n := len(before.Proposal("p1").Comments); n != 1 {
		t.Fatalf("the state before the second comment changed: %d comments", n)
	}
	w.must("b", entente.PostComment{Dispute: "d1", Text: "It was sent on time."})
	w.must("a", entente.AppointNeutral{Dispute: "d1", Role: entente.MediatorRole, Actor: "m"})
	w.must("m", entente.PostComment{Dispute: "d1", Text: "Please both send the receipts."})

	for _, tc := range []struct {
		name  string
		by    entente.ActorID
		cmd   entente.PostComment
		code  string
		field string
	}{
		{"not a member", "m", entente.PostComment{Proposal: "p1", Text: "hi"}, entente.EFORBIDDEN, "by"},
		{"not a party", "c", entente.PostComment{Dispute: "d1", Text: "hi"}, entente.EFORBIDDEN, "by"},
		{"no such proposal", "a", entente.PostComment{Proposal: "p9", Text: "hi"}, entente.ENOTFOUND, "proposal"},
		{"no such dispute", "a", entente.PostComment{Dispute: "d9", Text: "hi"}, entente.ENOTFOUND, "dispute"},
		{"both", "a", entente.PostComment{Proposal: "p1", Dispute: "d1", Text: "hi"}, entente.EINVALID, "proposal"},
		{"neither", "a", entente.PostComment{Text: "hi"}, entente.EINVALID, "proposal"},
		{"empty", "a", entente.PostComment{Proposal: "p1", Text: "  "}, entente.EINVALID, "text"},
		{"too long", "a", entente.PostComment{Proposal: "p1", Text: strings.Repeat("x", entente.MaxCommentBytes+1)}, entente.ETOOLARGE, "text"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w.mustFail(tc.by, tc.cmd, tc.code)
			_, _, err := entente.Execute(w.state, tc.by, tc.cmd, w.env())
			if f := entente.ErrorField(err); f != tc.field {
				t.Errorf("field %q, want %q (%v)", f, tc.field, err)
			}
		})
	}

	p := w.state.Proposal("p1")
	if got := []string{p.Comments[0].Text, p.Comments[1].Text}; !reflect.DeepEqual(got, []string{"Who pays?", "The budget line 4."}) || p.Comments[0].By != "b" || !p.Comments[0].At.Equal(w.now) {
		t.Errorf("p1's thread: %+v", p.Comments)
	}
	d := w.state.Dispute("d1")
	if len(d.Comments) != 2 || d.Comments[1].By != "m" {
		t.Errorf("d1's thread: %+v", d.Comments)
	}
	replayed := replay(t, w.log)
	if !reflect.DeepEqual(replayed.Proposal("p1").Comments, p.Comments) || !reflect.DeepEqual(replayed.Dispute("d1").Comments, d.Comments) {
		t.Errorf("the replayed threads differ")
	}
}

// replay encodes and decodes every event and folds them.
func replay(t *testing.T, log []entente.Event) *entente.PactState {
	t.Helper()
	var events []entente.Event
	for _, e := range log {
		b, err := entente.EncodeEvent(e)
		if err != nil {
			t.Fatal(err)
		}
		d, err := entente.DecodeEvent(b)
		if err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		events = append(events, d)
	}
	s, err := entente.Fold(events)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestVoteReasons: a reason given with a vote is kept with it, also on a
// vote recorded after the outcome was settled; a vote without one encodes
// as before; an overlong reason is refused, naming the field.
func TestVoteReasons(t *testing.T) {
	w := newWorld(t, "a", "b", "c")
	found(w, entente.Coalition, entente.Agreement{}, "a", "b", "c")
	w.must("a", entente.Propose{Matter: entente.General, Title: "Hire"})
	w.must("a", entente.CastVote{Proposal: "p1", Choice: entente.Yes, Reason: "We are short of hands."})
	w.must("b", entente.CastVote{Proposal: "p1", Choice: entente.Yes})
	w.mustFail("c", entente.CastVote{Proposal: "p1", Choice: entente.No, Reason: strings.Repeat("x", entente.MaxReasonBytes+1)}, entente.ETOOLARGE)
	w.must("c", entente.CastVote{Proposal: "p1", Choice: entente.No, Reason: "Not this year."}) // after the outcome: dissent on the record

	p := w.state.Proposal("p1")
	want := map[entente.ActorID]string{"a": "We are short of hands.", "c": "Not this year."}
	if !reflect.DeepEqual(p.Reasons.Map(), want) || p.Decision == nil || p.Decision.Outcome != entente.Adopted {
		t.Errorf("reasons %v, decision %+v", p.Reasons, p.Decision)
	}
	if r := replay(t, w.log).Proposal("p1").Reasons; !reflect.DeepEqual(r.Map(), want) {
		t.Errorf("replayed reasons %v", r)
	}
	for _, e := range w.log {
		if v, ok := e.Data.(entente.VoteCast); ok && v.Member == "b" {
			b, _ := json.Marshal(v)
			if strings.Contains(string(b), "reason") {
				t.Errorf("a vote without a reason encodes as %s", b)
			}
		}
	}
}
