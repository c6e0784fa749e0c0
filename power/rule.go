package power

import (
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strconv"

	"github.com/entente/entente"
)

// ErrNoWeight is returned by FromRule for a weighted or double-majority rule
// whose members hold no weight at all: the ledger then rejects every
// proposal, so no coalition wins and there is no game to analyse.
var ErrNoWeight = errors.New("power: the members hold no weight, so no proposal can pass")

// FromRule converts a pact's decision rule into the simple game it induces
// on members, and returns the game with the members in sorted order (player
// i of the game is the i-th of that list).
//
// The game is the yes/no voting game in which every member votes: a
// coalition wins when the rule adopts a proposal on which its members vote
// yes and every other member votes no. For every rule, every coalition, and
// weights and thresholds with a few decimals, g.Wins(c) is exactly what
// r.Evaluate decides on that ballot (a property the tests check). Assumptions
// and their consequences:
//
//   - Abstention and absence are not modelled. They matter: under simple
//     majority an abstainer lowers the bar, under consensus a silent member
//     consents. Power indices measure who can swing a yes/no decision.
//   - The quorum is ignored: with full participation it is always met.
//   - Unanimity and consensus both become the unanimity game: a proposal
//     passes only if no member votes no, so every member holds a veto.
//   - Simple majority (more yes than no votes) with everyone voting, and
//     absolute majority (more than half of the members), both need more
//     than half of the members: quota floor(n/2)+1 with equal weights.
//   - Qualified majority needs ceil(threshold·n) members.
//   - Weighted rules scale the weights exactly to integers: each float is
//     read as the shortest decimal that denotes it (strconv.FormatFloat with
//     precision -1, so 0.1 is 1/10, not the binary fraction nearest to it)
//     and scaled by ParseDecimal; weights that cannot be scaled exactly
//     (negative, NaN, infinite, more than 18 decimals, too large) are errors,
//     never rounded. The quota is the smallest integer at least threshold
//     times the total, computed in rational arithmetic on the same decimal
//     reading of the threshold.
//   - Double majority is a MultiWeighted game with a member-count layer
//     (quota ceil(threshold·n)), a weight layer (quota ceil(second·total))
//     and r.MinBlockers as the minimum blocking minority. If the members hold
//     no weight, only the blocking clause can pass a proposal, and the game
//     is the member-count game [n-MinBlockers+1; 1,...,1].
//
// weights gives each member's weight for weighted and double-majority rules,
// as a proposal opening now would fix them (see PactElectorate); nil means
// the rule's own Weights. A member without a weight weighs zero, as in the
// ledger's tally; weights of non-members are ignored. Other rules ignore
// weights. Errors: an invalid rule (kind, thresholds, minimum blocking
// minority; how the rule resolves weights is not checked, since they are
// given), no members (ErrEmptyGame), a member listed twice, a weight that
// cannot be scaled exactly, no weight at all (ErrNoWeight), and a minimum
// blocking minority above the number of members, under which even a
// proposal without a single yes vote would pass.
//
// The ledger compares shares in floating point with an absolute tolerance of
// 1e-9, whereas FromRule is exact; the two can differ when a coalition falls
// short of the threshold by less than 1e-9 of a weight unit, or when the
// weights are so large that floating-point sums err by more than that: with
// weights 517785098.54, 121448432.65 and 396336665.89 and a 50% threshold
// the last two hold exactly half, which wins here and loses in the ledger.
func FromRule(r entente.DecisionRule, members []entente.ActorID, weights map[entente.ActorID]float64) (Game, []entente.ActorID, error) {
	if err := validateRule(r); err != nil {
		return nil, nil, err
	}
	ids, err := sortedMembers(members)
	if err != nil {
		return nil, nil, err
	}
	if weights == nil {
		weights = r.Weights
	}
	n := len(ids)
	var g Game
	switch r.Kind {
	case entente.Unanimity, entente.Consensus:
		g, err = Unanimity(n)
	case entente.SimpleMajority, entente.AbsoluteMajority:
		g, err = NewWeighted(int64(n/2+1), unitWeights(n))
	case entente.QualifiedMajority:
		g, err = qualifiedGame(n, r.Threshold)
	case entente.Weighted:
		g, err = weightedGame(ids, weights, r.Threshold)
	case entente.DoubleMajority:
		g, err = doubleMajorityGame(ids, weights, r)
	default: // validateRule rejects unknown kinds; kept for new kinds
		err = fmt.Errorf("power: no game for rule kind %q", r.Kind)
	}
	if err != nil {
		return nil, nil, err
	}
	return g, ids, nil
}

// validateRule checks the rule with the ledger's own validation, except how
// it resolves weights: FromRule is given the weights, so a rule written by
// hand needs no weight_by. The copy stands in an explicit source with one
// weight to satisfy that part of the check.
func validateRule(r entente.DecisionRule) error {
	r.WeightBy, r.Weights = entente.WeightExplicit, map[entente.ActorID]float64{"": 1}
	if err := r.Validate(); err != nil {
		return fmt.Errorf("power: %w", err)
	}
	return nil
}

// sortedMembers returns a sorted copy of members, rejecting an empty list
// and duplicates (the ledger's tally would count a duplicate twice).
func sortedMembers(members []entente.ActorID) ([]entente.ActorID, error) {
	if len(members) == 0 {
		return nil, ErrEmptyGame
	}
	ids := slices.Clone(members)
	slices.Sort(ids)
	for i := 1; i < len(ids); i++ {
		if ids[i] == ids[i-1] {
			return nil, fmt.Errorf("power: member %q is listed twice", ids[i])
		}
	}
	return ids, nil
}

// unitWeights returns n weights of 1: a game in which members are counted.
func unitWeights(n int) []int64 {
	w := make([]int64, n)
	for i := range w {
		w[i] = 1
	}
	return w
}

func qualifiedGame(n int, threshold float64) (Game, error) {
	q, err := shareQuota(int64(n), threshold)
	if err != nil {
		return nil, err
	}
	return NewWeighted(q, unitWeights(n))
}

func weightedGame(ids []entente.ActorID, weights map[entente.ActorID]float64, threshold float64) (Game, error) {
	w, total, err := scaledWeights(ids, weights)
	if err != nil {
		return nil, err
	}
	if total == 0 {
		return nil, ErrNoWeight
	}
	q, err := shareQuota(total, threshold)
	if err != nil {
		return nil, err
	}
	return NewWeighted(q, w)
}

func doubleMajorityGame(ids []entente.ActorID, weights map[entente.ActorID]float64, r entente.DecisionRule) (Game, error) {
	n := len(ids)
	if r.MinBlockers > n {
		return nil, fmt.Errorf("power: min_blockers %d exceeds the %d members: every proposal would pass, even without a yes vote", r.MinBlockers, n)
	}
	w, total, err := scaledWeights(ids, weights)
	if err != nil {
		return nil, err
	}
	if total == 0 {
		if r.MinBlockers == 0 {
			return nil, ErrNoWeight
		}
		// The weight layer is never met (the ledger rejects a ballot on no
		// weight), so only "fewer than MinBlockers said no" passes.
		return NewWeighted(int64(n-r.MinBlockers+1), unitWeights(n))
	}
	memberQuota, err := shareQuota(int64(n), r.Threshold)
	if err != nil {
		return nil, err
	}
	weightQuota, err := shareQuota(total, r.SecondThreshold)
	if err != nil {
		return nil, err
	}
	return NewMultiWeighted([]Layer{
		{Quota: memberQuota, Weights: unitWeights(n)},
		{Quota: weightQuota, Weights: w},
	}, r.MinBlockers)
}

// scaledWeights returns the members' weights scaled exactly to integers by a
// common power of ten, and their total.
func scaledWeights(ids []entente.ActorID, weights map[entente.ActorID]float64) ([]int64, int64, error) {
	values := make([]string, len(ids))
	for i, id := range ids {
		v := weights[id]
		if v == 0 {
			v = 0 // -0 would format as "-0", which ParseDecimal calls negative
		}
		values[i] = strconv.FormatFloat(v, 'f', -1, 64)
	}
	w, _, err := ParseDecimal(values...)
	if err != nil {
		var pe *ParseError
		if errors.As(err, &pe) && pe.Column >= 1 && pe.Column <= len(ids) {
			return nil, 0, fmt.Errorf("power: weight of member %q: %s (%s)", ids[pe.Column-1], pe.Msg, pe.Value)
		}
		return nil, 0, err
	}
	total, err := checkWeights(w, "weight")
	if err != nil {
		return nil, 0, err
	}
	return w, total, nil
}

// shareQuota returns the smallest integer at least share·total, reading the
// share as the decimal it was written as. Reading the float's exact binary
// value instead would be wrong: 0.1 is stored as 0.1000000000000000055..., so
// a 10% threshold of 10 members would need 2 of them instead of 1.
func shareQuota(total int64, share float64) (int64, error) {
	s := strconv.FormatFloat(share, 'f', -1, 64)
	rat, ok := new(big.Rat).SetString(s)
	if !ok || rat.Sign() <= 0 {
		return 0, fmt.Errorf("power: threshold %s is not a positive share", s)
	}
	p := new(big.Int).Mul(big.NewInt(total), rat.Num())
	q, rem := new(big.Int).QuoRem(p, rat.Denom(), new(big.Int))
	if rem.Sign() > 0 {
		q.Add(q, big.NewInt(1))
	}
	if !q.IsInt64() {
		return 0, fmt.Errorf("power: quota %s of %d overflows", s, total)
	}
	return q.Int64(), nil
}

// Electorate is who would decide a matter of a pact if a proposal on it
// opened now, under which rule, and with what weights.
type Electorate struct {
	Matter  entente.Matter
	Rule    entente.DecisionRule
	Members []entente.ActorID
	// Weights is nil unless the rule weighs (weighted, double majority).
	Weights map[entente.ActorID]float64
}

// PactElectorate returns the electorate of a proposal on matter opened now in
// the pact st: the rule the agreement applies to the matter
// (Agreement.RuleFor), the members who can vote (PactState.Voters: active or
// on notice, sorted) and, for a weighted or double-majority rule, their
// weights resolved as the ledger resolves them when a proposal opens:
// "explicit" from the rule's Weights, "contributions" from what each member
// has delivered (of one resource with "contributions:resource"), and
// "capability:name" from the actor's capability, which actors looks up (it
// may return nil for an unknown actor, who then weighs zero). A proposal
// about a member (expulsion, suspension) would also leave that member out of
// the electorate; this analysis of a generic proposal keeps everyone.
func PactElectorate(st *entente.PactState, matter entente.Matter, actors func(entente.ActorID) *entente.Actor) (Electorate, error) {
	if !slices.Contains(entente.Matters, matter) {
		return Electorate{}, fmt.Errorf("power: unknown matter %q (expected one of %v)", matter, entente.Matters)
	}
	e := Electorate{Matter: matter, Rule: st.Pact.Agreement.RuleFor(st.Pact.Kind, matter), Members: st.Voters()}
	if e.Rule.Weighs() {
		w, err := st.Weights(e.Rule, e.Members, actors)
		if err != nil {
			return Electorate{}, err
		}
		e.Weights = w
	}
	return e, nil
}
