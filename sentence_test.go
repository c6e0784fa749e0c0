package entente_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/entente/entente"
)

func TestEventSentence(t *testing.T) {
	day := time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		by   entente.ActorID
		data entente.EventData
		want string
	}{
		{"a", entente.PactFounded{Pact: entente.Pact{ID: "jv", Name: "Joint venture", Kind: entente.Coalition}, Founders: []entente.ActorID{"a", "b", "c"}},
			`a founded the coalition "Joint venture" with a, b and c.`},
		{"d", entente.MemberAdmitted{Member: "d", Via: "open"}, "d joined (the pact is open)."},
		{"", entente.MemberAdmitted{Member: "d", Via: "p2"}, "d was admitted by decision p2."},
		{"b", entente.NoticeGiven{Member: "b", Effects: day}, "b gave notice; it leaves on 1 March 2027."},
		{"a", entente.CommitmentMade{Commitment: entente.Commitment{ID: "c1", Member: "a", Resource: "eur_k", Amount: 1e6, Due: day}},
			"a pledged 1000000 eur_k by 1 March 2027 (c1)."},
		{"a", entente.ContributionMade{Contribution: entente.Contribution{ID: "k1", Member: "a", Resource: "eur_k", Amount: 2.5, Commitment: "c1"}},
			"a delivered 2.5 eur_k against c1 (k1)."},
		{"b", entente.ProposalOpened{Proposal: entente.Proposal{ID: "p1", Matter: entente.Admission, Title: "Admit d", Rule: entente.DecisionRule{Kind: entente.Unanimity}}},
			`b proposed p1 (admission, unanimity): "Admit d".`},
		{"c", entente.VoteCast{Member: "c", Proposal: "p1", Choice: entente.Yes}, "c voted yes on p1."},
		{"a", entente.DisputeOpened{Dispute: entente.Dispute{ID: "d1", Parties: []entente.ActorID{"a", "b"}, Subject: "late delivery"}},
			`a raised dispute d1 against b: "late delivery".`},
		{"x", entente.HeadWitnessed{Witness: entente.Witness{Actor: "a", Log: "jv", Size: 12}}, "a witnessed log jv at 12 entries."},
		{"x", entente.InvitationIssued{Invitation: entente.Invitation{ID: "i1"}}, "Invitation i1 was issued for a new actor."},
	} {
		if got := (entente.Event{By: c.by, Data: c.data}).Sentence(); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.data.EventType(), got, c.want)
		}
	}
}

// An event in words, as the web timeline and the CLI show it.
func ExampleEvent_Sentence() {
	ev := entente.Event{By: "b", Data: entente.VoteCast{Member: "b", Proposal: "p1", Choice: entente.No}}
	fmt.Println(ev.Sentence())
	// Output: b voted no on p1.
}
