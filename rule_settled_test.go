package entente

import (
	"fmt"
	"math/big"
	"slices"
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
		if v, ok := b.Votes.Lookup(m); ok {
			votes[m] = v
		} else {
			votes[m] = c
		}
	}
	return Ballot{Electorate: b.Electorate, Votes: ActorMapOf(votes), Weights: b.Weights}
}

// settledByCompletions is Settled as it was: each uniform completion
// built as a ballot and evaluated with its reason.
func settledByCompletions(r DecisionRule, b Ballot) (Outcome, string, bool) {
	remaining := 0
	for _, m := range b.Electorate {
		if !b.Votes.Has(m) {
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

// drawBallot draws a ballot of n members m0, m1, ..., each with a vote
// or none and a weight drawn from weights.
func drawBallot(t *rapid.T, n int, weights *rapid.Generator[float64]) Ballot {
	b, votes := Ballot{Weights: map[ActorID]float64{}}, map[ActorID]Choice{}
	for i := range n {
		id := ActorID(fmt.Sprintf("m%d", i))
		b.Electorate = append(b.Electorate, id)
		if c := rapid.SampledFrom([]Choice{Yes, No, Abstain, ""}).Draw(t, "vote"); c != "" {
			votes[id] = c
		}
		b.Weights[id] = weights.Draw(t, "weight")
	}
	b.Votes = ActorMapOf(votes)
	return b
}

// drawShare returns a function that draws a threshold or quorum share.
func drawShare(t *rapid.T) func(label string) float64 {
	return func(label string) float64 {
		return rapid.SampledFrom([]float64{0.1, 0.5, 0.6, 2.0 / 3, 0.75, 1}).Draw(t, label)
	}
}

// Settled, counting each completion in place and without its reason, gives
// what building and evaluating each completed ballot gave, for every rule
// kind, with quorums, weights and blocking minorities; and a completion
// evaluated in place is the completed ballot evaluated, reason and all.
func TestPropertySettledIsTheCompletions(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		b := drawBallot(t, rapid.IntRange(0, 7).Draw(t, "members"), rapid.Map(rapid.IntRange(0, 4), func(w int) float64 { return float64(w) }))
		if rapid.Bool().Draw(t, "unsorted") {
			// An electorate out of order reads the votes by lookup, not
			// by a merge: the same tallies.
			slices.Reverse(b.Electorate)
		}
		share := drawShare(t)
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
		b := drawBallot(t, rapid.IntRange(1, 9).Draw(t, "members"),
			rapid.SampledFrom([]float64{0, 1, 3, 0.1, 0.2, 0.1 + 0.2, 0.7, 2.5, 12345.67, 98765.43 + 0.01}))
		share := drawShare(t)
		r := DecisionRule{Kind: rapid.SampledFrom([]RuleKind{Weighted, DoubleMajority}).Draw(t, "kind"), Threshold: share("threshold"),
			SecondThreshold: share("second"), MinBlockers: rapid.IntRange(0, 3).Draw(t, "blockers")}
		o, reason, ok := r.Settled(b)
		wo, wreason, wok := settledByCompletions(r, b)
		if o != wo || reason != wreason || ok != wok {
			t.Fatalf("%+v on %+v: Settled %q %q %v, by completions %q %q %v", r, b, o, reason, ok, wo, wreason, wok)
		}
	})
}

// BenchmarkSettledWeighted settles a weighted ballot of ten members, half
// of them voted, whose weights are delivered totals after a few or many
// contributions (the totals' decimals grow longer with the history):
// Settled as it is ("once", the weights read once on one integer scale)
// beside a weighted Settled as it was ("rationals": each of the five
// evaluations reading every weight again as a reduced big.Rat).
func BenchmarkSettledWeighted(b *testing.B) {
	for _, contributions := range []int{1, 100, 10_000} {
		ballot := Ballot{Weights: map[ActorID]float64{}}
		for i := range 10 {
			id := ActorID(fmt.Sprintf("m%d", i))
			ballot.Electorate = append(ballot.Electorate, id)
			if i%2 == 0 {
				ballot.Votes = ballot.Votes.Set(id, Yes)
			}
			for k := range contributions {
				ballot.Weights[id] += 100 + float64((i*7+k)%13)/100
			}
		}
		r := DecisionRule{Kind: Weighted, Threshold: 0.6}
		want, _, _ := settledByCompletions(r, ballot)
		for _, mode := range []struct {
			name    string
			settled func(DecisionRule, Ballot) (Outcome, string, bool)
		}{{"once", DecisionRule.Settled}, {"rationals", settledWeightedRat}} {
			b.Run(fmt.Sprintf("contributions=%d/%s", contributions, mode.name), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if o, _, _ := mode.settled(r, ballot); o != want {
						b.Fatalf("outcome %q, want %q", o, want)
					}
				}
			})
		}
	}
}

// weightPassesRat is weightPasses as it was before the weights were read
// on one integer scale: each weight a reduced big.Rat, summed afresh for
// every evaluation. It stays as the property test's reference.
func weightPassesRat(b Ballot, fill Choice, share float64) (bool, string) {
	yesRat, totalRat := new(big.Rat), new(big.Rat)
	for i, m := range b.Electorate {
		w := decimal(b.Weights[m])
		totalRat.Add(totalRat, w)
		if b.vote(i, fill) == Yes {
			yesRat.Add(yesRat, w)
		}
	}
	yes, _ := yesRat.Float64()
	total, _ := totalRat.Float64()
	if totalRat.Sign() <= 0 {
		return false, "the eligible members hold no weight"
	}
	ok := yesRat.Cmp(new(big.Rat).Mul(decimal(share), totalRat)) >= 0
	return ok, fmt.Sprintf("yes holds %s of the weight, %s needed", pct(yes/total), pct(share))
}

// The weights read once on one integer scale decide every completion and
// write every reason as the reduced rationals summed afresh did, for
// weights with many decimals, tiny and huge weights, and ties.
func TestPropertyWeightPassesIsTheRationals(t *testing.T) {
	weights := []float64{0, 1, 3, 0.1, 0.2, 0.1 + 0.2, 0.7, 2.5, 12345.67, 98765.43 + 0.01, 1e22, 5e-324, 1.5e-10, 123456789.123}
	rapid.Check(t, func(t *rapid.T) {
		b := drawBallot(t, rapid.IntRange(0, 9).Draw(t, "members"), rapid.SampledFrom(weights))
		share := rapid.SampledFrom([]float64{0, 0.1, 0.5, 0.6, 2.0 / 3, 0.75, 1}).Draw(t, "share")
		e := b.exact()
		for _, fill := range []Choice{Yes, No, Abstain, ""} {
			ok, reason := DecisionRule{}.weightPasses(b, fill, share, true, e)
			wok, wreason := weightPassesRat(b, fill, share)
			if ok != wok || reason != wreason {
				t.Fatalf("%+v filled with %q at %v: %v %q, rationals %v %q", b, fill, share, ok, reason, wok, wreason)
			}
			if bare, _ := (DecisionRule{}).weightPasses(b, fill, share, false, nil); bare != ok {
				t.Fatalf("%+v filled with %q at %v: %v without the reason, %v with", b, fill, share, bare, ok)
			}
		}
	})
}

// settledWeightedRat is Settled for a weighted rule as it was before the
// weights were read once: the four uniform completions and the final
// reason, each summing the weights afresh as reduced rationals.
func settledWeightedRat(r DecisionRule, b Ballot) (Outcome, string, bool) {
	var first bool
	for i, c := range []Choice{Yes, No, Abstain, ""} {
		ok, _ := weightPassesRat(b, c, r.Threshold)
		if i == 0 {
			first = ok
		} else if ok != first {
			return "", "", false
		}
	}
	_, reason := weightPassesRat(b, "", r.Threshold)
	if first {
		return Adopted, reason, true
	}
	return Rejected, reason, true
}

// A vote that settles nothing is found so from the counts alone
// (Proposal.openCount, settledCount), without building the ballot: for
// every rule that weighs no one, with quorums, members who can no longer
// vote, electorates in and out of order, an elector listed twice, and
// votes by members outside the electorate, it agrees with Settled on the
// ballot, and the counts are the ballot's tally.
func TestPropertySettledCountIsSettled(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 8).Draw(t, "members")
		members := map[ActorID]*Membership{}
		p := &Proposal{}
		for i := range n {
			id := ActorID(fmt.Sprintf("m%d", i))
			status := rapid.SampledFrom([]MemberStatus{Active, Active, Active, OnNotice, Suspended, Former}).Draw(t, "status")
			if status != Former || rapid.Bool().Draw(t, "known") {
				members[id] = &Membership{Member: id, Status: status, Suspended: status == Suspended}
			}
			if rapid.IntRange(0, 5).Draw(t, "in") > 0 {
				p.Electorate = append(p.Electorate, id)
			}
			if c := rapid.SampledFrom([]Choice{Yes, No, Abstain, "", "maybe"}).Draw(t, "vote"); c != "" {
				p.Votes = p.Votes.Set(id, c)
			}
		}
		if len(p.Electorate) > 0 && rapid.Bool().Draw(t, "twice") {
			p.Electorate = append(p.Electorate, p.Electorate[0])
			slices.Sort(p.Electorate)
		}
		if rapid.Bool().Draw(t, "unsorted") {
			slices.Reverse(p.Electorate)
		}
		kinds := slices.DeleteFunc(slices.Clone(RuleKinds), func(k RuleKind) bool { return DecisionRule{Kind: k}.Weighs() })
		r := DecisionRule{Kind: rapid.SampledFrom(kinds).Draw(t, "kind"),
			Threshold: rapid.SampledFrom([]float64{0.1, 0.5, 0.6, 2.0 / 3, 1}).Draw(t, "threshold")}
		if rapid.Bool().Draw(t, "quorum") {
			r.Quorum = rapid.SampledFrom([]float64{0.1, 0.5, 0.75, 1}).Draw(t, "share")
		}
		b := p.Ballot(ActorMapOf(members))
		c := p.openCount(ActorMapOf(members))
		if c.Tally != b.Count() {
			t.Fatalf("%+v: counts %+v, ballot %+v", p, c.Tally, b.Count())
		}
		_, _, want := r.Settled(b)
		if got := r.settledCount(c); got != want {
			t.Fatalf("%+v on %+v (%d not voted): settled from the counts %v, Settled %v", r, b, c.remaining, got, want)
		}
	})
}
