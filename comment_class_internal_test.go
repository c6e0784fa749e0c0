package entente

import "testing"

// TestAtLeastAsNarrow: a comment on a dispute may be classified as the
// dispute or more narrowly, never more widely, in a public and in a
// members-only pact.
func TestAtLeastAsNarrow(t *testing.T) {
	for _, tc := range []struct {
		c, of       Classification
		membersOnly bool
		want        bool
	}{
		{"", "", false, true},
		{ClassPublic, "", false, true}, // a public pact's visibility is public
		{ClassPublic, "", true, false}, // a members-only pact's is not
		{"", ClassPublic, true, true},
		{ClassMembers, "", true, true},
		{"", ClassMembers, true, false},
		{ClassParties, ClassMembers, false, true},
		{"role:secretariat", ClassMembers, false, true},
		{ClassParties, ClassParties, false, true},
		{"", ClassParties, false, false},
		{ClassPublic, ClassParties, false, false},
		{ClassMembers, ClassParties, true, false},
		{"role:mediator", ClassParties, false, false}, // neither is narrower
		{ClassParties, "role:mediator", false, false},
		{"role:mediator", "role:mediator", false, true},
	} {
		if got := atLeastAsNarrow(tc.c, tc.of, tc.membersOnly); got != tc.want {
			t.Errorf("atLeastAsNarrow(%q, %q, membersOnly=%v) = %v, want %v", tc.c, tc.of, tc.membersOnly, got, tc.want)
		}
	}
}

// TestDisputeClassIsTheEntrysAndReplays: a dispute takes its class from its
// dispute_opened entry, not from the event's data, and a replay of the
// events gives it the same class.
func TestDisputeClassIsTheEntrysAndReplays(t *testing.T) {
	s := &PactState{}
	found := Event{Seq: 0, By: "a", Data: PactFounded{Pact: Pact{ID: "p", Name: "P", Kind: Coalition, Duration: Duration{Kind: Permanent}}, Founders: []ActorID{"a", "b"}}}
	if err := s.Apply(found); err != nil {
		t.Fatal(err)
	}
	opened := Event{Seq: 1, By: "a", Class: ClassParties, Data: DisputeOpened{Dispute: Dispute{ID: "d1", Parties: []ActorID{"a", "b"}, Subject: "x", Stage: Negotiation, Class: ClassPublic}}}
	if err := s.Apply(opened); err != nil {
		t.Fatal(err)
	}
	if got := s.Dispute("d1").Class; got != ClassParties {
		t.Errorf("dispute class %q, want parties (the entry's)", got)
	}
}
