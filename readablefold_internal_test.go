package entente

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// classedWorld runs commands, each under a classification, and keeps the
// log.
type classedWorld struct {
	tb    testing.TB
	s     *PactState
	log   []Event
	now   time.Time
	actor map[ActorID]*Actor
}

func newClassedWorld(tb testing.TB, ids ...ActorID) *classedWorld {
	w := &classedWorld{tb: tb, now: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), actor: map[ActorID]*Actor{}}
	for _, id := range ids {
		w.actor[id] = &Actor{ID: id, Name: string(id), Kind: Firm}
	}
	return w
}

func (w *classedWorld) env() Env {
	return Env{Now: w.now, Actors: func(id ActorID) *Actor { return w.actor[id] }}
}

func (w *classedWorld) do(by ActorID, class Classification, cmd Command) {
	w.tb.Helper()
	st, events, err := execute(w.s, by, cmd, w.env(), false, class)
	if err != nil {
		w.tb.Fatalf("%s %T: %v", by, cmd, err)
	}
	w.s, w.log = st, append(w.log, events...)
}

func (w *classedWorld) advance(d time.Duration) {
	w.tb.Helper()
	w.now = w.now.Add(d)
	st, events, err := Advance(w.s, w.env())
	if err != nil {
		w.tb.Fatal(err)
	}
	w.s, w.log = st, append(w.log, events...)
}

// secretLog is a members-only pact whose log holds, beside public
// business, a proposal and a pledge classified to the secretariat (with a
// vote and a payment on them) and a dispute classified to its parties
// (with a comment, an unclassified escalation and one on its deadline),
// each carrying a word no other reader may see.
func secretLog(tb testing.TB) *classedWorld {
	tb.Helper()
	w := newClassedWorld(tb, "a", "b", "c")
	agr := Agreement{Disputes: DisputeLadder{Negotiation: Days(10), Mediation: Days(10)}}
	w.do("a", "", FoundPact{Pact: Pact{ID: "p", Name: "P", Kind: Coalition, Visibility: MembersOnly, Duration: Duration{Kind: Permanent}, Agreement: agr}, Founders: []ActorID{"a", "b", "c"}})
	w.do("a", "", Propose{Matter: General, Title: "Open business"})
	w.do("a", "role:secretariat", Propose{Matter: General, Title: "SECRET-PROPOSAL", Text: "SECRET-TEXT"})
	w.do("b", "role:secretariat", CastVote{Proposal: "p2", Choice: Yes, Reason: "SECRET-REASON"})
	w.do("b", "role:secretariat", Pledge{Resource: "SECRET-RESOURCE", Amount: 977, Due: w.now.Add(30 * Day)})
	w.do("b", "role:secretariat", Contribute{Commitment: "c1", Amount: 311})
	w.do("a", "", Pledge{Resource: "eur", Amount: 5, Due: w.now.Add(30 * Day)})
	w.do("a", ClassParties, RaiseDispute{Against: []ActorID{"b"}, Subject: "SECRET-DISPUTE"})
	w.do("b", ClassParties, PostComment{Dispute: "d1", Text: "SECRET-COMMENT"})
	// A party takes it to mediation without classifying the request: the
	// entry is readable, but builds on the dispute others may not read.
	w.do("b", "", EscalateDispute{Dispute: "d1"})
	w.advance(11 * Day) // the dispute climbs to arbitration on its deadline
	return w
}

// TestFoldReadableShowsNothingClassified: the state folded for a reader
// holds none of what the entries it may not read say (nor what builds on
// them), counts them, and is the whole state for a reader who may read all.
func TestFoldReadableShowsNothingClassified(t *testing.T) {
	w := secretLog(t)
	full, err := Fold(w.log)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		reader  ActorID
		hidden  int
		visible []string
		secret  []string
	}{
		// c may read neither the secretariat's entries nor the dispute's:
		// the classified proposal, the vote on it, its decision, the
		// pledge, the payment against it, the dispute, its comment, its
		// escalation on the deadline, and the unclassified escalation that
		// builds on the dispute.
		{"c", 9, []string{"Open business", "eur"}, []string{"SECRET", "977", "311", "d1"}},
		// a is a party: it reads the dispute, not the secretariat's entries.
		{"a", 5, []string{"SECRET-DISPUTE", "SECRET-COMMENT", "arbitration"}, []string{"SECRET-PROPOSAL", "SECRET-TEXT", "SECRET-REASON", "SECRET-RESOURCE", "977", "311"}},
	} {
		t.Run(string(tc.reader), func(t *testing.T) {
			st, hidden, err := FoldReadable(w.log, func(e Event) bool { return full.CanRead(tc.reader, e) })
			if err != nil {
				t.Fatal(err)
			}
			if hidden != tc.hidden {
				t.Errorf("hidden %d, want %d", hidden, tc.hidden)
			}
			// The fast path (in place, skipping what names a missing item)
			// and the safe one (a fork per event) agree.
			fast, fh, ok := extendInPlace(nil, w.log, func(e Event) bool { return full.CanRead(tc.reader, e) })
			safe, sh, err := extendForking(nil, w.log, func(e Event) bool { return full.CanRead(tc.reader, e) })
			fj, _ := json.Marshal(fast)
			sj, _ := json.Marshal(safe)
			if !ok || err != nil || fh != sh || string(fj) != string(sj) {
				t.Errorf("fast path (ok %v, %d hidden) and safe path (%v, %d hidden) differ:\n%s\n%s", ok, fh, err, sh, fj, sj)
			}
			if st.Len != full.Len || !st.Updated.Equal(full.Updated) {
				t.Errorf("length %d at %v, want %d at %v", st.Len, st.Updated, full.Len, full.Updated)
			}
			b, _ := json.Marshal(st)
			for _, v := range tc.visible {
				if !strings.Contains(string(b), v) {
					t.Errorf("%q missing from the reader's state", v)
				}
			}
			for _, v := range tc.secret {
				if strings.Contains(string(b), v) {
					t.Errorf("%q in the state folded for %s: %s", v, tc.reader, b)
				}
			}
		})
	}
	all, hidden, err := FoldReadable(w.log, func(Event) bool { return true })
	if err != nil || hidden != 0 {
		t.Fatalf("reading all: hidden %d, %v", hidden, err)
	}
	a, _ := json.Marshal(all)
	b, _ := json.Marshal(full)
	if string(a) != string(b) {
		t.Errorf("a reader of everything gets\n%s\nnot the whole state\n%s", a, b)
	}
	if _, _, err := FoldReadable(w.log, func(e Event) bool { return e.Seq > 0 }); ErrorCode(err) != EFORBIDDEN {
		t.Errorf("an unreadable founding: %v, want %s", err, EFORBIDDEN)
	}
}

// TestTimeKeepsTheItemsClass: what time brings about to a classified
// item is recorded at the item's classification (a dispute climbing the
// ladder on its deadline, a proposal decided when its window closes, a
// pledge falling overdue), so it tells no one outside the item where it
// stands; items at the pact's visibility are as before.
func TestTimeKeepsTheItemsClass(t *testing.T) {
	w := secretLog(t)
	w.do("a", "", RaiseDispute{Against: []ActorID{"c"}, Subject: "open dispute"})
	w.advance(11 * Day)
	w.advance(30 * Day) // both pledges fall overdue
	got := map[string]Classification{}
	for _, e := range w.log {
		if e.By != "" {
			continue
		}
		switch d := e.Data.(type) {
		case DisputeEscalated:
			got[d.Dispute] = e.Class
		case ProposalDecided:
			got[d.Proposal] = e.Class
		case CommitmentOverdue:
			got[d.Commitment] = e.Class
		}
	}
	want := map[string]Classification{"d1": ClassParties, "d2": "", "p1": "", "p2": "role:secretariat", "c1": "role:secretariat", "c2": ""}
	if len(got) != len(want) {
		t.Errorf("classes of what time brought about %v, want %v", got, want)
	}
	for k, v := range want {
		if g, ok := got[k]; !ok || g != v {
			t.Errorf("%s: recorded as %q (present %v), want %q", k, g, ok, v)
		}
	}
	if again, err := Fold(w.log); err != nil || again.Proposal("p2").Class != "role:secretariat" || again.Commitments.At(0).Class != "role:secretariat" {
		t.Errorf("the log does not replay to the items' classes: %v", err)
	}
	for _, e := range w.log {
		if d, ok := e.Data.(DisputeEscalated); ok && d.Dispute == "d1" && e.By == "" && w.s.CanRead("c", e) {
			t.Errorf("c, no party, reads d1's escalation")
		}
	}
}

// TestExtendReadableIsFoldReadable: a reader's view extended entry by
// entry (as the pages keep it while the log grows) is the view folded
// from the whole log at each length, and extending leaves the earlier
// view as it was; the reading rights change when a reader becomes party
// to a dispute, and only for that reader.
func TestExtendReadableIsFoldReadable(t *testing.T) {
	w := secretLog(t)
	full, err := Fold(w.log)
	if err != nil {
		t.Fatal(err)
	}
	for _, reader := range []ActorID{"a", "b", "c"} {
		canRead := func(e Event) bool { return full.CanRead(reader, e) }
		var view *PactState
		total := 0
		for n := 1; n <= len(w.log); n++ {
			before, _ := json.Marshal(view)
			next, hidden, err := ExtendReadable(view, w.log[n-1:n], canRead)
			if err != nil {
				t.Fatalf("%s, entry %d: %v", reader, n-1, err)
			}
			if after, _ := json.Marshal(view); string(after) != string(before) {
				t.Fatalf("%s, entry %d: extending changed the earlier view", reader, n-1)
			}
			view, total = next, total+hidden
			whole, wantHidden, err := FoldReadable(w.log[:n], canRead)
			if err != nil {
				t.Fatal(err)
			}
			got, _ := json.Marshal(view)
			want, _ := json.Marshal(whole)
			if string(got) != string(want) || total != wantHidden {
				t.Fatalf("%s at %d entries: extended view (%d hidden)\n%s\nwhole fold (%d hidden)\n%s", reader, n, total, got, wantHidden, want)
			}
		}
	}
	rightsC := full.ReadingRights("c")
	w.do("c", "", RaiseDispute{Against: []ActorID{"a"}, Subject: "x"})
	if w.s.ReadingRights("c") == rightsC || w.s.ReadingRights("b") != full.ReadingRights("b") {
		t.Errorf("rights: c %q then %q; b %q then %q", rightsC, w.s.ReadingRights("c"), full.ReadingRights("b"), w.s.ReadingRights("b"))
	}
}

// TestReadableViewWithASecretBallot: a vote classified more narrowly than
// its proposal is left out of other readers' views, and with it the
// decision, whose tally would give the vote away; the fast path handles
// it without falling back.
func TestReadableViewWithASecretBallot(t *testing.T) {
	w := newClassedWorld(t, "a", "b", "c")
	w.do("a", "", FoundPact{Pact: Pact{ID: "p", Name: "P", Kind: Coalition, Duration: Duration{Kind: Permanent}}, Founders: []ActorID{"a", "b", "c"}})
	w.do("a", "", Propose{Matter: General, Title: "Open"})
	w.do("a", "role:secretariat", CastVote{Proposal: "p1", Choice: No, Reason: "SECRET-BALLOT"})
	w.do("b", "", CastVote{Proposal: "p1", Choice: Yes})
	w.advance(30 * Day)
	full, err := Fold(w.log)
	if err != nil || full.Proposal("p1").Decision == nil {
		t.Fatalf("the proposal is not decided: %v", err)
	}
	read := func(e Event) bool { return full.CanRead("c", e) }
	st, hidden, ok := extendInPlace(nil, w.log, read)
	if !ok {
		t.Fatal("the fast path fell back")
	}
	p := st.Proposal("p1")
	if hidden != 2 || p.Decision != nil || p.Votes.Len() != 1 || p.Votes.Get("b") != Yes {
		t.Errorf("c's view: %d hidden, decision %+v, votes %v", hidden, p.Decision, p.Votes)
	}
	if b, _ := json.Marshal(st); strings.Contains(string(b), "SECRET") {
		t.Errorf("c's view holds the secret ballot: %s", b)
	}
}
