package http

import (
	"strings"
	"testing"
	"time"

	"github.com/entente/entente"
)

func TestInboxListsWhatNeedsTheMember(t *testing.T) {
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	run := firmRunner(t, now)
	s := run(nil, "a", entente.FoundPact{Pact: entente.Pact{ID: "co", Name: "Co", Kind: entente.Coalition}, Founders: []entente.ActorID{"a", "b", "c"}})
	s = run(s, "b", entente.Propose{Matter: entente.General, Title: "Q"})
	s = run(s, "a", entente.Pledge{Resource: "eur", Amount: 5, Due: now.Add(3 * entente.Day)})
	s = run(s, "a", entente.Pledge{Resource: "eur", Amount: 9, Due: now.Add(30 * entente.Day)})
	s = run(s, "b", entente.RaiseDispute{Against: []entente.ActorID{"a"}, Subject: "who pays"})
	got := inbox([]*entente.PactState{s}, "a", now)
	var lines []string
	for _, it := range got {
		lines = append(lines, it.What)
	}
	text := strings.Join(lines, "\n")
	for _, want := range []string{"Vote on p1", "pledge c1 falls due", "Dispute d1 is at negotiation"} {
		if !strings.Contains(text, want) {
			t.Errorf("a's inbox lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "c2") {
		t.Errorf("a pledge due in 30 days is in the inbox:\n%s", text)
	}
	// b proposed p1 but has not voted on it; its dispute has no deadline,
	// so it comes after the vote.
	if got := inbox([]*entente.PactState{s}, "b", now); len(got) != 2 || !strings.Contains(got[0].What, "Vote on p1") || !strings.Contains(got[1].What, "Dispute d1") {
		t.Errorf("b's inbox: %+v", got)
	}
	if got := inbox([]*entente.PactState{s}, "zed", now); len(got) != 0 {
		t.Errorf("a non-member's inbox: %+v", got)
	}
}
