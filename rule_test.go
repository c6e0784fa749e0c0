package entente_test

import (
	"strings"
	"testing"

	"github.com/entente/entente"
)

// ballot builds a ballot from a vote string: one letter per member a, b,
// c, ... (y yes, n no, a abstain, - absent) and optional weights.
func ballot(votes string, weights ...float64) entente.Ballot {
	b := entente.Ballot{Weights: map[entente.ActorID]float64{}}
	for i, v := range votes {
		id := entente.ActorID(rune('a' + i))
		b.Electorate = append(b.Electorate, id)
		switch v {
		case 'y':
			b.Votes = b.Votes.Set(id, entente.Yes)
		case 'n':
			b.Votes = b.Votes.Set(id, entente.No)
		case 'a':
			b.Votes = b.Votes.Set(id, entente.Abstain)
		}
		if i < len(weights) {
			b.Weights[id] = weights[i]
		}
	}
	return b
}

func TestRuleEvaluate(t *testing.T) {
	unanimity := entente.DecisionRule{Kind: entente.Unanimity}
	consensus := entente.DecisionRule{Kind: entente.Consensus}
	simple := entente.DecisionRule{Kind: entente.SimpleMajority}
	simpleQ := entente.DecisionRule{Kind: entente.SimpleMajority, Quorum: 0.5}
	absolute := entente.DecisionRule{Kind: entente.AbsoluteMajority}
	twoThirds := entente.DecisionRule{Kind: entente.QualifiedMajority, Threshold: 2.0 / 3}
	sixty := entente.DecisionRule{Kind: entente.QualifiedMajority, Threshold: 0.6}
	weighted := entente.DecisionRule{Kind: entente.Weighted, Threshold: 0.5, WeightBy: entente.WeightExplicit}
	// EU Council style: 55% of members, 65% of population, a blocking
	// minority needs 4 members.
	double := entente.DecisionRule{Kind: entente.DoubleMajority, Threshold: 0.55, SecondThreshold: 0.65, WeightBy: entente.WeightExplicit, MinBlockers: 4}
	doubleNoBlock := double
	doubleNoBlock.MinBlockers = 0
	tests := []struct {
		name  string
		rule  entente.DecisionRule
		b     entente.Ballot
		want  entente.Outcome
		words string // part of the reason
	}{
		{"unanimity all yes", unanimity, ballot("yyy"), entente.Adopted, "consented"},
		{"unanimity abstention does not block", unanimity, ballot("yya"), entente.Adopted, "1 abstained"},
		{"unanimity veto", unanimity, ballot("yyn"), entente.Rejected, "vetoed"},
		{"unanimity silence is no consent", unanimity, ballot("yy-"), entente.Rejected, "did not consent"},
		{"consensus silence passes", consensus, ballot("y--"), entente.Adopted, "no objection"},
		{"consensus objection", consensus, ballot("yyn"), entente.Rejected, "objected"},
		{"simple majority of votes cast", simple, ballot("yn--a"), entente.Rejected, "1 yes against 1 no"},
		{"simple majority wins", simple, ballot("yyn--"), entente.Adopted, "2 yes against 1 no"},
		{"simple majority quorum", simpleQ, ballot("y----"), entente.Rejected, "quorum not met"},
		{"simple majority quorum met", simpleQ, ballot("yya--"), entente.Adopted, "2 yes"},
		{"absolute majority needs half of members", absolute, ballot("yy--"), entente.Rejected, "more than half"},
		{"absolute majority", absolute, ballot("yyy-"), entente.Adopted, "3 yes of 4"},
		{"two thirds reached", twoThirds, ballot("yyn"), entente.Adopted, "66.7%"},
		{"two thirds missed", twoThirds, ballot("yynn"), entente.Rejected, "50%"},
		{"three of five reach 60%", sixty, ballot("yyynn"), entente.Adopted, "60%"},
		{"weighted by weight not heads", weighted, ballot("ynn", 60, 20, 20), entente.Adopted, "60%"},
		{"weighted minority", weighted, ballot("nyy", 60, 20, 20), entente.Rejected, "40%"},
		{"weighted no weight", weighted, ballot("yy", 0, 0), entente.Rejected, "no weight"},
		// The two yes voters hold exactly half of the weight, a tie that
		// float arithmetic rounds below 50%; decimals compare exactly.
		{"weighted exact half", weighted, ballot("nyy", 517785098.54, 121448432.65, 396336665.89), entente.Adopted, "50%"},
		{"double majority both met", doubleNoBlock, ballot("yyyyn", 30, 30, 10, 10, 20), entente.Adopted, "4 yes of 5"},
		{"double majority weight missed", doubleNoBlock, ballot("nyyyy", 40, 15, 15, 15, 15), entente.Rejected, "60%"},
		{"double majority blocked by 4", double, ballot("yyyyynnnn", 40, 5, 5, 5, 5, 10, 10, 10, 10), entente.Rejected, "5 yes of 9"},
		{"blocking minority too small", double, ballot("nnnyyyyyy", 30, 30, 20, 4, 4, 3, 3, 3, 3), entente.Adopted, "only 3 member(s)"},
		{"no electorate", simple, ballot(""), entente.Rejected, "no eligible voters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, reason := tt.rule.Evaluate(tt.b)
			if got != tt.want || !strings.Contains(reason, tt.words) {
				t.Errorf("Evaluate = %s (%q), want %s with %q", got, reason, tt.want, tt.words)
			}
		})
	}
}

func TestRuleSettled(t *testing.T) {
	tests := []struct {
		name    string
		rule    entente.DecisionRule
		b       entente.Ballot
		settled bool
		want    entente.Outcome
	}{
		{"unanimity veto settles", entente.DecisionRule{Kind: entente.Unanimity}, ballot("n--"), true, entente.Rejected},
		{"unanimity waits for all", entente.DecisionRule{Kind: entente.Unanimity}, ballot("yy-"), false, ""},
		{"consensus waits for window", entente.DecisionRule{Kind: entente.Consensus}, ballot("yy-"), false, ""},
		{"consensus objection settles", entente.DecisionRule{Kind: entente.Consensus}, ballot("n--"), true, entente.Rejected},
		{"absolute majority reached early", entente.DecisionRule{Kind: entente.AbsoluteMajority}, ballot("yyy--"), true, entente.Adopted},
		{"absolute majority out of reach", entente.DecisionRule{Kind: entente.AbsoluteMajority}, ballot("nnn--"), true, entente.Rejected},
		{"simple majority still open", entente.DecisionRule{Kind: entente.SimpleMajority}, ballot("yy---"), false, ""},
		{"simple majority beyond reach", entente.DecisionRule{Kind: entente.SimpleMajority}, ballot("yyyy-"), true, entente.Adopted},
		{"quorum can still fail", entente.DecisionRule{Kind: entente.SimpleMajority, Quorum: 0.8}, ballot("yyy--"), false, ""},
		{"weighted heavy yes", entente.DecisionRule{Kind: entente.Weighted, Threshold: 0.5, WeightBy: "explicit"}, ballot("y--", 70, 20, 10), true, entente.Adopted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, settled := tt.rule.Settled(tt.b)
			if settled != tt.settled || got != tt.want {
				t.Errorf("Settled = %s, %v; want %s, %v", got, settled, tt.want, tt.settled)
			}
		})
	}
}

func TestRuleValidate(t *testing.T) {
	tests := []struct {
		rule  entente.DecisionRule
		field string
	}{
		{entente.DecisionRule{Kind: "dictator"}, "rule.kind"},
		{entente.DecisionRule{Kind: entente.QualifiedMajority}, "rule.threshold"},
		{entente.DecisionRule{Kind: entente.QualifiedMajority, Threshold: 1.5}, "rule.threshold"},
		{entente.DecisionRule{Kind: entente.Weighted, Threshold: 0.5, WeightBy: "luck"}, "rule.weight_by"},
		{entente.DecisionRule{Kind: entente.Weighted, Threshold: 0.5, WeightBy: "explicit"}, "rule.weights"},
		{entente.DecisionRule{Kind: entente.DoubleMajority, Threshold: 0.5, WeightBy: "capability:population"}, "rule.second_threshold"},
		{entente.DecisionRule{Kind: entente.SimpleMajority, Quorum: -0.1}, "rule.quorum"},
		{entente.DecisionRule{Kind: entente.Weighted, Threshold: 0.5, WeightBy: "explicit", Weights: map[entente.ActorID]float64{"a": -1}}, "rule.weights.a"},
	}
	for _, tt := range tests {
		err := tt.rule.Validate()
		if entente.ErrorCode(err) != entente.EINVALID || entente.ErrorField(err) != tt.field {
			t.Errorf("Validate(%+v) = %v, want invalid %s", tt.rule, err, tt.field)
		}
	}
}
