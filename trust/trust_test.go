package trust_test

import (
	"math"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/trust"
	"github.com/google/go-cmp/cmp"
)

// noFading keeps every item at its base weight, so that values can be
// worked out by hand.
var noFading = trust.Options{HalfLife: -1}

func TestTrustFromCommitments(t *testing.T) {
	now := day(100)
	tests := []struct {
		name  string
		build func(r *record)
		r, s  float64 // positive and negative evidence
		want  float64 // (r+1)/(r+s+2)
		kinds []trust.Kind
	}{
		{"no evidence", func(r *record) {}, 0, 0, 0.5, nil},
		{"one kept", func(r *record) { r.kept("b", day(10)) }, 1, 0, 2.0 / 3, []trust.Kind{trust.Kept}},
		{"three kept", func(r *record) {
			r.kept("b", day(10))
			r.kept("b", day(20))
			r.kept("b", day(30))
		}, 3, 0, 4.0 / 5, []trust.Kind{trust.Kept, trust.Kept, trust.Kept}},
		{"one missed", func(r *record) { r.missed("b", day(10)) }, 0, 1, 1.0 / 3, []trust.Kind{trust.Missed}},
		{"three missed", func(r *record) {
			r.missed("b", day(10))
			r.missed("b", day(20))
			r.missed("b", day(30))
		}, 0, 3, 1.0 / 5, []trust.Kind{trust.Missed, trust.Missed, trust.Missed}},
		// Fulfilled after the due date: LateCredit 0.5 counts for, the rest against.
		{"late", func(r *record) { r.commitment("b", day(10), 10, day(15)) }, 0.5, 0.5, 0.5, []trust.Kind{trust.Late}},
		// 4 of 10 delivered and past due: q = 0.5 × 0.4 = 0.2.
		{"partial", func(r *record) { r.commitment("b", day(10), 4, time.Time{}) }, 0.2, 0.8, 1.2 / 3, []trust.Kind{trust.Partial}},
		// Not yet due: no evidence either way, even with nothing delivered.
		{"pending", func(r *record) { r.commitment("b", day(200), 0, time.Time{}) }, 0, 0, 0.5, nil},
		{"kept and missed", func(r *record) {
			r.kept("b", day(10))
			r.missed("b", day(20))
		}, 1, 1, 0.5, []trust.Kind{trust.Kept, trust.Missed}},
		// Another member's record says nothing about b.
		{"others' commitments", func(r *record) { r.missed("c", day(10)) }, 0, 0, 0.5, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRecord("a", "b", "c")
			tt.build(r)
			res := trust.Compute(r.s, now, noFading)
			sc, ok := res.Score("a", "b")
			if !ok {
				t.Fatal("no score of b by a")
			}
			checkNear(t, "r", sc.Positive, tt.r, 1e-12)
			checkNear(t, "s", sc.Negative, tt.s, 1e-12)
			checkNear(t, "T[a][b]", sc.Value, tt.want, 1e-12)
			var kinds []trust.Kind
			for _, e := range sc.Evidence {
				kinds = append(kinds, e.Kind)
			}
			if diff := cmp.Diff(tt.kinds, kinds); diff != "" {
				t.Errorf("evidence kinds (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTrustRisesWithKeptAndFallsWithMissed(t *testing.T) {
	now := day(400)
	r := newRecord("a", "b")
	prev := trust.Compute(r.s, now, trust.Options{}).Trust[trust.Pair{From: "a", To: "b"}].Value
	for i := range 5 {
		r.kept("b", day(float64(10+i)))
		got := trust.Compute(r.s, now, trust.Options{}).Trust[trust.Pair{From: "a", To: "b"}].Value
		if !(got > prev) {
			t.Fatalf("after kept commitment %d: trust %v, not above %v", i+1, got, prev)
		}
		prev = got
	}
	for i := range 5 {
		r.missed("b", day(float64(20+i)))
		got := trust.Compute(r.s, now, trust.Options{}).Trust[trust.Pair{From: "a", To: "b"}].Value
		if !(got < prev) {
			t.Fatalf("after missed commitment %d: trust %v, not below %v", i+1, got, prev)
		}
		prev = got
	}
}

func TestEvidenceFadesAtHalfLife(t *testing.T) {
	const h = 90 * entente.Day
	now := day(1000)
	tests := []struct {
		name   string
		age    time.Duration
		weight float64
	}{
		{"fresh", 0, 1},
		{"one half-life", h, 0.5},
		{"two half-lives", 2 * h, 0.25},
		{"half a half-life", h / 2, 1 / math.Sqrt2},
		{"ten half-lives", 10 * h, 1.0 / 1024},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRecord("a", "b")
			r.kept("b", now.Add(-tt.age))
			sc := trust.Compute(r.s, now, trust.Options{HalfLife: h}).Trust[trust.Pair{From: "a", To: "b"}]
			if len(sc.Evidence) != 1 {
				t.Fatalf("evidence %+v, want one item", sc.Evidence)
			}
			e := sc.Evidence[0]
			checkNear(t, "weight", e.Weight, tt.weight, 1e-15)
			if e.Base != 1 || e.For != e.Weight || e.Against != 0 {
				t.Errorf("kept evidence %+v: want base 1, all of it for", e)
			}
			checkNear(t, "T", sc.Value, (tt.weight+1)/(tt.weight+2), 1e-15)
		})
	}
	// Exactly one half-life old weighs exactly 0.5, not merely nearly.
	r := newRecord("a", "b")
	r.missed("b", now.Add(-h))
	sc := trust.Compute(r.s, now, trust.Options{HalfLife: h}).Trust[trust.Pair{From: "a", To: "b"}]
	if got := sc.Evidence[0].Weight; got != 0.5 {
		t.Errorf("missed commitment one half-life old weighs %v, want exactly 0.5", got)
	}
}

func TestEvidenceAfterNowIsLeftOut(t *testing.T) {
	r := newRecord("a", "b")
	r.kept("b", day(10))
	r.kept("b", day(30))
	sc := trust.Compute(r.s, day(20), noFading).Trust[trust.Pair{From: "a", To: "b"}]
	if sc.Positive != 1 || len(sc.Evidence) != 1 || sc.Evidence[0].Ref != "c1" {
		t.Errorf("at day 20: %+v, want only c1", sc)
	}
}

func TestVotesAndDisputesArePairwise(t *testing.T) {
	r := newRecord("a", "b", "c", "d")
	r.kept("c", day(5))
	r.vote(day(10), map[entente.ActorID]entente.Choice{"a": entente.Yes, "b": entente.Yes, "c": entente.No, "d": entente.Abstain})
	r.dispute(day(20), time.Time{}, "a", "b", "c") // a against b and c
	r.dispute(day(30), day(40), "d", "a")          // d against a, resolved
	res := trust.Compute(r.s, day(50), noFading)

	kept := trust.Evidence{Kind: trust.Kept, Ref: "c1", At: day(5), Base: 1, Weight: 1, For: 1}
	agreed := trust.Evidence{Kind: trust.VoteAgreed, Ref: "p1", At: day(10), Base: 0.25, Weight: 0.25, For: 0.25}
	disagreed := trust.Evidence{Kind: trust.VoteDisagreed, Ref: "p1", At: day(10), Base: 0.1, Weight: 0.1, Against: 0.1}
	opened1 := trust.Evidence{Kind: trust.DisputeOpened, Ref: "d1", At: day(20), Base: 1, Weight: 1, Against: 1}
	opened2 := trust.Evidence{Kind: trust.DisputeOpened, Ref: "d2", At: day(30), Base: 1, Weight: 1, Against: 1}
	resolved2 := trust.Evidence{Kind: trust.DisputeResolved, Ref: "d2", At: day(40), Base: 0.5, Weight: 0.5, For: 0.5}
	tests := []struct {
		from, to entente.ActorID
		want     []trust.Evidence
	}{
		{"a", "b", []trust.Evidence{agreed, opened1}},
		{"b", "a", []trust.Evidence{agreed, opened1}},
		{"a", "c", []trust.Evidence{kept, disagreed, opened1}},
		{"c", "a", []trust.Evidence{disagreed, opened1}},
		// b and c are co-respondents in d1: on the same side, no evidence.
		{"b", "c", []trust.Evidence{kept, disagreed}},
		// d abstained: no vote evidence; d's dispute with a was resolved.
		{"a", "d", []trust.Evidence{opened2, resolved2}},
		{"d", "a", []trust.Evidence{opened2, resolved2}},
		{"d", "c", []trust.Evidence{kept}},
		{"b", "d", nil},
	}
	for _, tt := range tests {
		sc := res.Trust[trust.Pair{From: tt.from, To: tt.to}]
		if diff := cmp.Diff(tt.want, sc.Evidence); diff != "" && !(len(tt.want) == 0 && len(sc.Evidence) == 0) {
			t.Errorf("T[%s][%s] evidence (-want +got):\n%s", tt.from, tt.to, diff)
		}
	}
	// d1 is still open: T[a][b] = (0.25+1)/(0.25+1+2).
	checkNear(t, "T[a][b]", res.Trust[trust.Pair{From: "a", To: "b"}].Value, 1.25/3.25, 1e-12)
}

func TestComputeOnEmptyAndNilState(t *testing.T) {
	res := trust.Compute(nil, t0, trust.Options{})
	if len(res.Members) != 0 || len(res.Trust) != 0 || !res.Converged {
		t.Errorf("nil state: %+v", res)
	}
	res = trust.Compute(newRecord("a").s, t0, trust.Options{})
	if len(res.Trust) != 0 || res.Reputation["a"] != 1 {
		t.Errorf("one member: trust %v, reputation %v; want no pairs and reputation 1", res.Trust, res.Reputation)
	}
}

func TestSuggestCommitment(t *testing.T) {
	tests := []struct {
		name          string
		r, s          float64
		factor        float64
		capped, floor bool
	}{
		{"newcomer", 0, 0, 1, false, false},
		{"one kept", 1, 0, 1.5, false, false},
		{"three kept", 3, 0, 3.375, false, false},
		{"five kept: 7.59", 5, 0, 7.59375, false, false},
		{"six kept: capped at 8", 6, 0, 8, true, false},
		{"one missed", 0, 1, 1 / 1.5, false, false},
		{"four missed: floored at 0.25", 0, 4, 0.25, false, true},
		{"kept and missed cancel", 2, 2, 1, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := trust.Score{Value: trust.BetaMean(tt.r, tt.s), Positive: tt.r, Negative: tt.s}
			got := trust.SuggestCommitment(sc, 100, trust.Ladder{})
			checkNear(t, "factor", got.Factor, tt.factor, 1e-12)
			checkNear(t, "amount", got.Amount, 100*tt.factor, 1e-9)
			if got.Capped != tt.capped || got.Floored != tt.floor {
				t.Errorf("capped %v floored %v, want %v %v", got.Capped, got.Floored, tt.capped, tt.floor)
			}
		})
	}
}

func TestSuggestBetweenTakesTheLessTrustingSide(t *testing.T) {
	r := newRecord("a", "b")
	r.kept("a", day(1))
	r.kept("a", day(2))
	r.kept("b", day(3))
	res := trust.Compute(r.s, day(10), noFading)
	got, ok := res.SuggestBetween("a", "b", 10, trust.Ladder{})
	if !ok {
		t.Fatal("no suggestion between members")
	}
	// a trusts b on one kept commitment (1.5), b trusts a on two (2.25).
	checkNear(t, "factor", got.Factor, 1.5, 1e-12)
	if _, ok := res.SuggestBetween("a", "zed", 10, trust.Ladder{}); ok {
		t.Error("suggestion with a non-member")
	}
}
