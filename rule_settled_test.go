package entente

import (
	"fmt"
	"testing"

	"pgregory.net/rapid"
)

// completed returns b with every member who has not voted voting c ("" for
// staying absent): the ballot Settled built for each completion before it
// counted the completions in place (Ballot.vote).
func (b Ballot) completed(c Choice) Ballot {
	if c == "" {
		return b
	}
	votes := make(map[ActorID]Choice, len(b.Electorate))
	for _, m := range b.Electorate {
		if v, ok := b.Votes[m]; ok {
			votes[m] = v
		} else {
			votes[m] = c
		}
	}
	return Ballot{Electorate: b.Electorate, Votes: votes, Weights: b.Weights}
}

// settledByCompletions is Settled as it was: each uniform completion
// built as a ballot and evaluated with its reason.
func settledByCompletions(r DecisionRule, b Ballot) (Outcome, string, bool) {
	remaining := 0
	for _, m := range b.Electorate {
		if _, ok := b.Votes[m]; !ok {
			remaining++
		}
	}
	if remaining == 0 {
		o, reason := r.Evaluate(b)
		return o, reason, true
	}
	if r.Kind == Consensus {
		if o, reason := r.Evaluate(b); o == Rejected {
			return o, reason, true
		}
		return "", "", false
	}
	var first Outcome
	for i, c := range []Choice{Yes, No, Abstain, ""} {
		o, _ := r.Evaluate(b.completed(c))
		if i == 0 {
			first = o
		} else if o != first {
			return "", "", false
		}
	}
	_, reason := r.Evaluate(b)
	return first, reason + " (no remaining vote can change the outcome)", true
}

// Settled, counting each completion in place and without its reason, gives
// what building and evaluating each completed ballot gave, for every rule
// kind, with quorums, weights and blocking minorities; and a completion
// evaluated in place is the completed ballot evaluated, reason and all.
func TestPropertySettledIsTheCompletions(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 7).Draw(t, "members")
		b := Ballot{Votes: map[ActorID]Choice{}, Weights: map[ActorID]float64{}}
		for i := range n {
			id := ActorID(fmt.Sprintf("m%d", i))
			b.Electorate = append(b.Electorate, id)
			if c := rapid.SampledFrom([]Choice{Yes, No, Abstain, ""}).Draw(t, "vote"); c != "" {
				b.Votes[id] = c
			}
			b.Weights[id] = float64(rapid.IntRange(0, 4).Draw(t, "weight"))
		}
		share := func(label string) float64 {
			return rapid.SampledFrom([]float64{0.1, 0.5, 0.6, 2.0 / 3, 0.75, 1}).Draw(t, label)
		}
		r := DecisionRule{Kind: rapid.SampledFrom(RuleKinds).Draw(t, "kind"), Threshold: share("threshold"),
			SecondThreshold: share("second"), MinBlockers: rapid.IntRange(0, 3).Draw(t, "blockers")}
		if rapid.Bool().Draw(t, "quorum") {
			r.Quorum = share("quorum")
		}
		o, reason, ok := r.Settled(b)
		wo, wreason, wok := settledByCompletions(r, b)
		if o != wo || reason != wreason || ok != wok {
			t.Fatalf("%+v on %+v: Settled %q %q %v, by completions %q %q %v", r, b, o, reason, ok, wo, wreason, wok)
		}
		for _, c := range []Choice{Yes, No, Abstain, ""} {
			o, reason := r.evaluate(b, c, true)
			wo, wreason := r.Evaluate(b.completed(c))
			if o != wo || reason != wreason {
				t.Fatalf("%+v on %+v completed with %q: in place %q %q, built %q %q", r, b, c, o, reason, wo, wreason)
			}
			if bare, _ := r.evaluate(b, c, false); bare != o {
				t.Fatalf("%+v on %+v completed with %q: %q without the reason, %q with", r, b, c, bare, o)
			}
		}
	})
}

// Settled reads a weighted ballot's weights once for its five evaluations;
// with decimal weights that binary floats do not hold exactly (0.1, 0.1 +
// 0.2, large totals with cents), it still gives what evaluating each
// completed ballot from scratch gives, reason and all.
func TestPropertySettledDecimalWeights(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 9).Draw(t, "members")
		b := Ballot{Votes: map[ActorID]Choice{}, Weights: map[ActorID]float64{}}
		for i := range n {
			id := ActorID(fmt.Sprintf("m%d", i))
			b.Electorate = append(b.Electorate, id)
			if c := rapid.SampledFrom([]Choice{Yes, No, Abstain, ""}).Draw(t, "vote"); c != "" {
				b.Votes[id] = c
			}
			b.Weights[id] = rapid.SampledFrom([]float64{0, 1, 3, 0.1, 0.2, 0.1 + 0.2, 0.7, 2.5, 12345.67, 98765.43 + 0.01}).Draw(t, "weight")
		}
		share := func(label string) float64 {
			return rapid.SampledFrom([]float64{0.1, 0.5, 0.6, 2.0 / 3, 0.75, 1}).Draw(t, label)
		}
		r := DecisionRule{Kind: rapid.SampledFrom([]RuleKind{Weighted, DoubleMajority}).Draw(t, "kind"), Threshold: share("threshold"),
			SecondThreshold: share("second"), MinBlockers: rapid.IntRange(0, 3).Draw(t, "blockers")}
		o, reason, ok := r.Settled(b)
		wo, wreason, wok := settledByCompletions(r, b)
		if o != wo || reason != wreason || ok != wok {
			t.Fatalf("%+v on %+v: Settled %q %q %v, by completions %q %q %v", r, b, o, reason, ok, wo, wreason, wok)
		}
	})
}
