package power

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/big"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/entente/entente"
	"github.com/entente/entente/demo"
	"github.com/entente/entente/ledger"
	"github.com/entente/entente/sqlite"
	"github.com/entente/entente/tlog"
)

// coalitionOf marks the named members of ids.
func coalitionOf(ids []entente.ActorID, in ...entente.ActorID) []bool {
	c := make([]bool, len(ids))
	for i, id := range ids {
		c[i] = slices.Contains(in, id)
	}
	return c
}

// ballotOf is the ballot on which the members in c vote yes and every other
// member votes no: the ballot a coalition of the voting game stands for.
func ballotOf(ids []entente.ActorID, c []bool, weights map[entente.ActorID]float64) entente.Ballot {
	votes := make(map[entente.ActorID]entente.Choice, len(ids))
	for i, id := range ids {
		votes[id] = entente.No
		if c[i] {
			votes[id] = entente.Yes
		}
	}
	return entente.Ballot{Electorate: ids, Votes: entente.ActorMapOf(votes), Weights: weights}
}

func TestFromRuleGames(t *testing.T) {
	abc := []entente.ActorID{"c", "a", "b"} // out of order: FromRule sorts
	five := []entente.ActorID{"e", "d", "c", "b", "a"}
	type co = []entente.ActorID
	for _, tc := range []struct {
		name       string
		rule       entente.DecisionRule
		members    []entente.ActorID
		weights    map[entente.ActorID]float64
		game       string // Weighted.String(), or "" for a MultiWeighted game
		wins, lose []co
	}{
		{"unanimity", entente.DecisionRule{Kind: entente.Unanimity}, abc, nil,
			"[3; 1,1,1]", []co{{"a", "b", "c"}}, []co{{"a", "b"}, {"c"}, {}}},
		{"consensus", entente.DecisionRule{Kind: entente.Consensus, Quorum: 0.9}, abc, nil,
			"[3; 1,1,1]", []co{{"a", "b", "c"}}, []co{{"b", "c"}}},
		{"simple majority of 5", entente.DecisionRule{Kind: entente.SimpleMajority, Quorum: 0.5}, five, nil,
			"[3; 1,1,1,1,1]", []co{{"a", "b", "c"}, {"c", "d", "e"}}, []co{{"a", "b"}}},
		{"simple majority of 4: a tie fails", entente.DecisionRule{Kind: entente.SimpleMajority}, five[1:], nil,
			"[3; 1,1,1,1]", []co{{"a", "b", "c"}}, []co{{"a", "b"}, {"c", "d"}}},
		{"absolute majority", entente.DecisionRule{Kind: entente.AbsoluteMajority}, five, nil,
			"[3; 1,1,1,1,1]", []co{{"a", "d", "e"}}, []co{{"d", "e"}}},
		{"qualified 2/3 of 5", entente.DecisionRule{Kind: entente.QualifiedMajority, Threshold: 2.0 / 3}, five, nil,
			"[4; 1,1,1,1,1]", []co{{"a", "b", "c", "d"}}, []co{{"a", "b", "c"}}},
		{"qualified 60% of 5 is exactly 3", entente.DecisionRule{Kind: entente.QualifiedMajority, Threshold: 0.6}, five, nil,
			"[3; 1,1,1,1,1]", []co{{"a", "b", "c"}}, []co{{"a", "b"}}},
		{"qualified 10% of 10 is 1, not 2", entente.DecisionRule{Kind: entente.QualifiedMajority, Threshold: 0.1},
			[]entente.ActorID{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}, nil,
			"[1; 1,1,1,1,1,1,1,1,1,1]", []co{{"j"}}, []co{{}}},
		{"weighted 60/30/10 at half", entente.DecisionRule{Kind: entente.Weighted, Threshold: 0.5, WeightBy: "explicit"}, abc,
			map[entente.ActorID]float64{"a": 60, "b": 30, "c": 10},
			"[50; 60,30,10]", []co{{"a"}}, []co{{"b", "c"}}},
		{"weighted decimals scale exactly", entente.DecisionRule{Kind: entente.Weighted, Threshold: 0.3}, abc,
			map[entente.ActorID]float64{"a": 0.1, "b": 0.2, "c": 0.7},
			"[3; 1,2,7]", []co{{"a", "b"}, {"c"}}, []co{{"a"}, {"b"}}},
		{"weighted missing weight is zero, others ignored", entente.DecisionRule{Kind: entente.Weighted, Threshold: 1}, abc,
			map[entente.ActorID]float64{"a": 2, "b": 1, "z": 99},
			"[3; 2,1,0]", []co{{"a", "b"}}, []co{{"a", "c"}}},
		{"weighted falls back to the rule's weights", entente.DecisionRule{Kind: entente.Weighted, Threshold: 0.75, WeightBy: "explicit",
			Weights: map[entente.ActorID]float64{"a": 1, "b": 1, "c": 2}}, abc, nil,
			"[3; 1,1,2]", []co{{"a", "c"}}, []co{{"a", "b"}}},
		{"double majority", entente.DecisionRule{Kind: entente.DoubleMajority, Threshold: 0.5, SecondThreshold: 0.6}, abc,
			map[entente.ActorID]float64{"a": 50, "b": 30, "c": 20},
			"", []co{{"a", "b"}, {"a", "c"}}, []co{{"b", "c"}, {"a"}}},
		{"double majority with blockers", entente.DecisionRule{Kind: entente.DoubleMajority, Threshold: 1, SecondThreshold: 1, MinBlockers: 2}, abc,
			map[entente.ActorID]float64{"a": 50, "b": 30, "c": 20},
			"", []co{{"a", "b"}, {"b", "c"}}, []co{{"a"}}},
		{"double majority without weight: only the blocking clause", entente.DecisionRule{Kind: entente.DoubleMajority, Threshold: 0.5, SecondThreshold: 0.5, MinBlockers: 2}, abc,
			map[entente.ActorID]float64{},
			"[2; 1,1,1]", []co{{"a", "b"}}, []co{{"c"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g, ids, err := FromRule(tc.rule, tc.members, tc.weights)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.IsSorted(ids) || len(ids) != len(tc.members) {
				t.Fatalf("members %v, want %v sorted", ids, tc.members)
			}
			if w, ok := g.(*Weighted); ok != (tc.game != "") || ok && w.String() != tc.game {
				t.Errorf("game %v, want %q", g, tc.game)
			}
			weights := tc.weights
			if weights == nil {
				weights = tc.rule.Weights
			}
			for _, want := range []bool{true, false} {
				list := tc.wins
				if !want {
					list = tc.lose
				}
				for _, in := range list {
					c := coalitionOf(ids, in...)
					if got := g.Wins(c); got != want {
						t.Errorf("Wins(%v) = %v, want %v", in, got, want)
					}
					// The ledger decides the same ballot the same way.
					if o, reason := tc.rule.Evaluate(ballotOf(ids, c, weights)); (o == entente.Adopted) != want {
						t.Errorf("ledger: %v votes yes: %s (%s), want adopted = %v", in, o, reason, want)
					}
				}
			}
		})
	}
}

func TestFromRuleErrors(t *testing.T) {
	three := []entente.ActorID{"a", "b", "c"}
	weighted := entente.DecisionRule{Kind: entente.Weighted, Threshold: 0.5}
	for _, tc := range []struct {
		name    string
		rule    entente.DecisionRule
		members []entente.ActorID
		weights map[entente.ActorID]float64
		is      error
		says    string
	}{
		{"no members", entente.DecisionRule{Kind: entente.Unanimity}, nil, nil, ErrEmptyGame, ""},
		{"duplicate", entente.DecisionRule{Kind: entente.Unanimity}, []entente.ActorID{"a", "b", "a"}, nil, nil, `"a" is listed twice`},
		{"unknown kind", entente.DecisionRule{Kind: "lottery"}, three, nil, nil, "rule.kind"},
		{"threshold zero", entente.DecisionRule{Kind: entente.QualifiedMajority}, three, nil, nil, "rule.threshold"},
		{"second threshold missing", entente.DecisionRule{Kind: entente.DoubleMajority, Threshold: 0.5}, three, nil, nil, "rule.second_threshold"},
		{"no weight", weighted, three, map[entente.ActorID]float64{"a": 0}, ErrNoWeight, ""},
		{"negative weight", weighted, three, map[entente.ActorID]float64{"a": 1, "b": -2}, nil, `member "b": negative value`},
		{"NaN weight", weighted, three, map[entente.ActorID]float64{"c": nan()}, nil, `member "c": not a decimal number`},
		{"too many decimals", weighted, three, map[entente.ActorID]float64{"a": 1e-19}, nil, `member "a": more than 18`},
		{"too large to scale", weighted, three, map[entente.ActorID]float64{"a": 1e18, "b": 0.5}, nil, "too large"},
		{"blockers above members", entente.DecisionRule{Kind: entente.DoubleMajority, Threshold: 0.5, SecondThreshold: 0.5, MinBlockers: 4},
			three, map[entente.ActorID]float64{"a": 1}, nil, "min_blockers 4 exceeds the 3 members"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := FromRule(tc.rule, tc.members, tc.weights)
			switch {
			case err == nil:
				t.Fatal("no error")
			case tc.is != nil && !errors.Is(err, tc.is):
				t.Errorf("error %v, want %v", err, tc.is)
			case tc.says != "" && !bytes.Contains([]byte(err.Error()), []byte(tc.says)):
				t.Errorf("error %q, want it to say %q", err, tc.says)
			}
		})
	}
}

func nan() float64 { z := 0.0; return z / z }

// bruteForce computes the Shapley-Shubik index by going through every
// ordering of the players and the Banzhaf swing counts by going through every
// coalition, independently of the package's algorithms.
func bruteForce(g Game) (ss []*big.Rat, swings []int64) {
	n := g.N()
	pivots := make([]int64, n)
	var orders int64
	var permute func(order []int, used []bool)
	permute = func(order []int, used []bool) {
		if len(order) == n {
			orders++
			in := make([]bool, n)
			for _, p := range order {
				in[p] = true
				if g.Wins(in) {
					pivots[p]++
					return
				}
			}
			return
		}
		for p := range n {
			if !used[p] {
				used[p] = true
				permute(append(order, p), used)
				used[p] = false
			}
		}
	}
	permute(nil, make([]bool, n))
	swings = make([]int64, n)
	for mask := range 1 << n {
		in := make([]bool, n)
		for p := range n {
			in[p] = mask>>p&1 == 1
		}
		for p := range n {
			if in[p] || g.Wins(in) {
				continue
			}
			in[p] = true
			if g.Wins(in) {
				swings[p]++
			}
			in[p] = false
		}
	}
	for _, k := range pivots {
		ss = append(ss, big.NewRat(k, orders))
	}
	return ss, swings
}

// TestFromRuleIndices compares the indices of converted rules with values
// derived by hand (in the comments) and by brute force.
func TestFromRuleIndices(t *testing.T) {
	jv := []entente.ActorID{"helios", "nordcell", "quanta"}
	jvRule := entente.DecisionRule{Kind: entente.Weighted, Threshold: 0.6, WeightBy: "contributions:eur_k"}
	type want struct {
		ss, banzhaf, penrose, dp, holler, johnston, prevent, initiate []string
		collectivity                                                  string
		dummies, vetoes                                               []int
	}
	for _, tc := range []struct {
		name    string
		rule    entente.DecisionRule
		members []entente.ActorID
		weights map[entente.ActorID]float64
		want    want
	}{
		// Only the grand coalition wins: everyone is pivotal last in a third
		// of the orderings, and swings once (in the coalition of the others).
		{"three under unanimity", entente.DecisionRule{Kind: entente.Unanimity}, jv, nil, want{
			ss: repeat("1/3", 3), banzhaf: repeat("1/3", 3), penrose: repeat("1/4", 3), dp: repeat("1/3", 3),
			holler: repeat("1/3", 3), johnston: repeat("1/3", 3), prevent: repeat("1", 3), initiate: repeat("1/7", 3),
			collectivity: "1/8", vetoes: []int{0, 1, 2}}},
		{"three under consensus", entente.DecisionRule{Kind: entente.Consensus}, jv, nil, want{
			ss: repeat("1/3", 3), collectivity: "1/8", vetoes: []int{0, 1, 2}}},
		// [50; 60,30,10]: the 60-member wins alone and nobody else ever
		// swings, so it is a dictator and the others are dummies.
		{"60/30/10 at half", entente.DecisionRule{Kind: entente.Weighted, Threshold: 0.5}, jv,
			map[entente.ActorID]float64{"helios": 60, "nordcell": 30, "quanta": 10}, want{
				ss: []string{"1", "0", "0"}, banzhaf: []string{"1", "0", "0"}, penrose: []string{"1", "0", "0"},
				dp: []string{"1", "0", "0"}, holler: []string{"1", "0", "0"}, johnston: []string{"1", "0", "0"},
				prevent: []string{"1", "0", "0"}, initiate: []string{"1", "0", "0"},
				collectivity: "1/2", dummies: []int{1, 2}, vetoes: []int{0}}},
		// The demo joint venture now (demo.go): eur_k delivered 4000, 2000
		// and 400, a 60% threshold: quota ceil(0.6 * 6400) = 3840 <= 4000,
		// so Helios decides alone; the four coalitions with Helios win.
		{"demo joint venture", jvRule, jv,
			map[entente.ActorID]float64{"helios": 4000, "nordcell": 2000, "quanta": 400}, want{
				ss: []string{"1", "0", "0"}, banzhaf: []string{"1", "0", "0"}, penrose: []string{"1", "0", "0"},
				dp: []string{"1", "0", "0"}, holler: []string{"1", "0", "0"}, johnston: []string{"1", "0", "0"},
				prevent: []string{"1", "0", "0"}, initiate: []string{"1", "0", "0"},
				collectivity: "1/2", dummies: []int{1, 2}, vetoes: []int{0}}},
		// The joint venture at its first budget vote: 2000, 1000 and 400,
		// quota ceil(0.6 * 3400) = 2040. Helios needs one partner; the
		// minimal winning coalitions are {H,N} and {H,Q}.
		//   SS: H is pivotal unless it comes first: 4 of 6 orderings.
		//   Swings: H in {N}, {Q}, {N,Q}; N and Q each in {H}: 3, 1, 1;
		//   Penrose swings/4.
		//   Deegan-Packel: H (1/2+1/2)/2, N and Q 1/2 / 2.
		//   Johnston: {H,N} and {H,Q} give 1/2 to each member, {H,N,Q}
		//   has only H critical: H 2, N 1/2, Q 1/2, normalized.
		//   Coleman: 3 winning of 8 coalitions, 5 losing.
		{"joint venture at its first budget vote", jvRule, jv,
			map[entente.ActorID]float64{"helios": 2000, "nordcell": 1000, "quanta": 400}, want{
				ss: []string{"2/3", "1/6", "1/6"}, banzhaf: []string{"3/5", "1/5", "1/5"}, penrose: []string{"3/4", "1/4", "1/4"},
				dp: []string{"1/2", "1/4", "1/4"}, holler: []string{"1/2", "1/4", "1/4"}, johnston: []string{"2/3", "1/6", "1/6"},
				prevent: []string{"1", "1/3", "1/3"}, initiate: []string{"3/5", "1/5", "1/5"},
				collectivity: "3/8", vetoes: []int{0}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g, _, err := FromRule(tc.rule, tc.members, tc.weights)
			if err != nil {
				t.Fatal(err)
			}
			r, err := Analyze(g, Options{Exact: true})
			if err != nil {
				t.Fatal(err)
			}
			ex := r.Exact
			checkRats(t, "Shapley-Shubik", ex.ShapleyShubik, tc.want.ss)
			checkRats(t, "Banzhaf", ex.Banzhaf, tc.want.banzhaf)
			checkRats(t, "Penrose", ex.Penrose, tc.want.penrose)
			checkRats(t, "Deegan-Packel", ex.DeeganPackel, tc.want.dp)
			checkRats(t, "Holler", ex.Holler, tc.want.holler)
			checkRats(t, "Johnston", ex.Johnston, tc.want.johnston)
			checkRats(t, "Coleman prevent", ex.Prevent, tc.want.prevent)
			checkRats(t, "Coleman initiate", ex.Initiate, tc.want.initiate)
			checkRats(t, "collectivity", []*big.Rat{ex.Collectivity}, []string{tc.want.collectivity})
			if !equalInts(r.Dummies, tc.want.dummies) || !equalInts(r.Vetoes, tc.want.vetoes) {
				t.Errorf("dummies %v vetoes %v, want %v and %v", r.Dummies, r.Vetoes, tc.want.dummies, tc.want.vetoes)
			}
			// The same by brute force over orderings and coalitions.
			ss, swings := bruteForce(g)
			for i := range ss {
				if ss[i].Cmp(ex.ShapleyShubik[i]) != 0 || r.Swings[i].Int64() != swings[i] {
					t.Errorf("player %d: Shapley-Shubik %s, swings %d; brute force %s, %d",
						i, ex.ShapleyShubik[i].RatString(), r.Swings[i], ss[i].RatString(), swings[i])
				}
			}
		})
	}
}

// TestFromRuleMatchesEvaluate is the key invariant: for random rules,
// members and weights, a coalition wins the converted game exactly when the
// ledger's own decision code adopts the ballot on which the coalition votes
// yes and everyone else votes no.
func TestFromRuleMatchesEvaluate(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 7).Draw(t, "n")
		members := make([]entente.ActorID, n)
		for i := range members {
			members[i] = entente.ActorID(fmt.Sprintf("m%d", i))
		}
		members = rapid.Permutation(members).Draw(t, "order")
		share := func(label string) float64 { return float64(rapid.IntRange(1, 100).Draw(t, label)) / 100 }
		r := entente.DecisionRule{
			Kind:            rapid.SampledFrom(entente.RuleKinds).Draw(t, "kind"),
			Threshold:       share("threshold"),
			SecondThreshold: share("second"),
			MinBlockers:     rapid.IntRange(0, n).Draw(t, "blockers"),
			Quorum:          float64(rapid.IntRange(0, 100).Draw(t, "quorum")) / 100,
		}
		weights := drawWeights(t, members)
		if rapid.Bool().Draw(t, "rule carries the weights") {
			r.WeightBy, r.Weights = entente.WeightExplicit, weights
		}
		arg := weights
		if r.Weights != nil && rapid.Bool().Draw(t, "pass nil") {
			arg = nil
		}

		g, ids, err := FromRule(r, members, arg)
		if errors.Is(err, ErrNoWeight) {
			for mask := range 1 << n {
				c := maskCoalition(mask, n)
				if o, reason := r.Evaluate(ballotOf(members, c, weights)); o == entente.Adopted {
					t.Fatalf("no game, but the ledger adopts %v: %s", c, reason)
				}
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		for mask := range 1 << n {
			c := maskCoalition(mask, n)
			o, reason := r.Evaluate(ballotOf(ids, c, weights))
			if g.Wins(c) != (o == entente.Adopted) {
				t.Fatalf("coalition %v of %v: game wins = %v, ledger %s (%s)", c, ids, g.Wins(c), o, reason)
			}
		}
	})
}

// drawWeights draws weights that are small integers, large integers or
// decimals with two places, often zero and sometimes missing (which the
// ledger counts as zero).
func drawWeights(t *rapid.T, members []entente.ActorID) map[entente.ActorID]float64 {
	style := rapid.IntRange(0, 2).Draw(t, "weight style")
	w := map[entente.ActorID]float64{}
	for _, id := range members {
		if rapid.IntRange(0, 5).Draw(t, "missing") == 0 {
			continue
		}
		switch style {
		case 0:
			w[id] = float64(rapid.IntRange(0, 10).Draw(t, "w"))
		case 1:
			w[id] = float64(rapid.IntRange(0, 100000).Draw(t, "w"))
		default:
			w[id] = float64(rapid.IntRange(0, 10000).Draw(t, "w")) / 100
		}
	}
	return w
}

func maskCoalition(mask, n int) []bool {
	c := make([]bool, n)
	for i := range c {
		c[i] = mask>>i&1 == 1
	}
	return c
}

// TestPactElectorateMatchesProposals checks that PactElectorate resolves the
// weights a proposal opening now gets from the ledger, for each weight
// source: the demo joint venture's contributions (whatever they are by now:
// the demo grows), and a pact founded here
// with capability and explicit weights.
func TestPactElectorateMatchesProposals(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "e.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	signer, err := tlog.GenerateKey(bytes.NewReader(make([]byte, 64)))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	delegates, err := demo.Seed(ctx, db, signer, now, rand.NewChaCha8([32]byte{5}))
	if err != nil {
		t.Fatal(err)
	}
	key := map[entente.ActorID]*entente.Delegate{}
	for _, d := range delegates {
		key[d.Actor] = d
	}
	nonce := 0
	// do submits cmd signed by by's demo delegate and every co-signer.
	do := func(svc *ledger.Service, pact entente.PactID, by entente.ActorID, cmd entente.Command, cosigners ...entente.ActorID) (*entente.PactState, error) {
		nonce++
		sig, err := key[by].Sign(string(pact), cmd, fmt.Sprintf("power-test-%06d", nonce), now.Add(entente.Day))
		if err != nil {
			return nil, err
		}
		for _, id := range cosigners {
			sig.Cosign(key[id].Key)
		}
		out, err := svc.Submit(ctx, sig)
		if err != nil {
			return nil, err
		}
		return out.State, nil
	}
	svc, err := ledger.Open(ctx, db, signer, func() time.Time { return now })
	if err != nil {
		t.Fatal(err)
	}
	actors := func(id entente.ActorID) *entente.Actor { a, _ := svc.Actor(id); return a }
	firms := []entente.ActorID{"helios", "nordcell", "quanta"}
	capability := entente.DecisionRule{Kind: entente.Weighted, Threshold: 0.5, WeightBy: "capability:staff"}
	explicit := entente.DecisionRule{Kind: entente.DoubleMajority, Threshold: 0.5, SecondThreshold: 0.5, WeightBy: "explicit",
		Weights: map[entente.ActorID]float64{"helios": 3, "quanta": 1, "outsider": 7}}
	_, err = do(svc, "cells", "helios", entente.FoundPact{Founders: firms, Pact: entente.Pact{
		ID: "cells", Name: "Cells", Kind: entente.Alliance, Purposes: []entente.Purpose{entente.Economic},
		Duration: entente.Duration{Kind: entente.Permanent},
		Agreement: entente.Agreement{Rules: map[entente.Matter]entente.DecisionRule{
			entente.General: capability, entente.Budget: explicit}}}}, "nordcell", "quanta")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		pact   entente.PactID
		matter entente.Matter
		want   map[entente.ActorID]float64
	}{
		{"solid-state-jv", entente.Budget, nil}, // eur_k delivered: whatever the demo has now
		{"cells", entente.General, map[entente.ActorID]float64{"helios": 4200, "nordcell": 1300, "quanta": 240}},
		{"cells", entente.Budget, map[entente.ActorID]float64{"helios": 3, "nordcell": 0, "quanta": 1}},
	} {
		st, err := svc.Pact(tc.pact)
		if err != nil {
			t.Fatal(err)
		}
		e, err := PactElectorate(st, tc.matter, actors)
		if err != nil {
			t.Fatal(err)
		}
		st, err = do(svc, tc.pact, "helios", entente.Propose{Matter: tc.matter, Title: "Power check"})
		if err != nil {
			t.Fatal(err)
		}
		p := st.Proposals.Last()
		if !slices.Equal(e.Members, p.Electorate) || fmt.Sprint(e.Weights) != fmt.Sprint(p.Weights) ||
			tc.want != nil && fmt.Sprint(e.Weights) != fmt.Sprint(tc.want) || len(e.Weights) != 3 {
			t.Errorf("%s %s: electorate %v weights %v; proposal %v %v; want weights %v",
				tc.pact, tc.matter, e.Members, e.Weights, p.Electorate, p.Weights, tc.want)
		}
	}
	if _, err := PactElectorate(&entente.PactState{}, "coup", nil); err == nil {
		t.Error("unknown matter accepted")
	}
}
