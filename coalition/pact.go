package coalition

import (
	"fmt"
	"math"
	"math/bits"
	"sort"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/cmdline"
)

// SplitOptions sets the worth function of a pact's split.
type SplitOptions struct {
	// Benefit is the total to split; 0 means the value delivered.
	Benefit float64 `flag:"benefit" arg:"total" usage:"the total to split (default: the value delivered)" min:"0"`
	// Returns is ρ ≥ 1, the returns to pooling: ρ = 1 means a coalition
	// is worth its share of what was delivered; ρ > 1 means pooling pays,
	// so larger coalitions are worth more than their share. 0 means 1.
	Returns float64 `flag:"returns" usage:"ρ ≥ 1, the returns to pooling" min:"1"`
	// Synergy is γ ≥ 0, the worth of complementary pairs (see PactSplit).
	Synergy float64 `flag:"synergy" usage:"γ ≥ 0, the worth of complementary pairs" min:"0"`
}

// Validate checks the options as given (a Returns of 0 is then refused: the
// command line and the API default it to 1); an error is an EINVALID
// *entente.Error naming the option.
func (o SplitOptions) Validate() error {
	for _, f := range []struct {
		name string
		v    float64
	}{{"benefit", o.Benefit}, {"returns", o.Returns}, {"synergy", o.Synergy}} {
		if math.IsInf(f.v, 0) {
			return entente.FieldErrorf(entente.EINVALID, f.name, "expected a finite number, got %v", f.v)
		}
	}
	return cmdline.Validate(o)
}

// Split is a fair split of a pact's benefit among its members.
type Split struct {
	Members []entente.ActorID `json:"members"`
	// Delivered is each member's delivered value (valued by the
	// agreement's Valuation) and Share its share of the total.
	Delivered []float64 `json:"delivered"`
	Share     []float64 `json:"share"`
	Benefit   float64   `json:"benefit"`
	Returns   float64   `json:"returns"`
	Synergy   float64   `json:"synergy"`
	// Proportional splits the benefit by delivered share; Shapley and
	// Nucleolus are the two solutions of the game; Nucleolus is nil above
	// MaxNucleolusPlayers members.
	Proportional []float64 `json:"proportional"`
	Shapley      []float64 `json:"shapley"`
	Nucleolus    []float64 `json:"nucleolus,omitempty"`
	// CoreEmpty says whether no split keeps every coalition content;
	// ShapleyInCore whether the Shapley split does.
	CoreEmpty     bool `json:"core_empty"`
	ShapleyInCore bool `json:"shapley_in_core"`
	// Method is "exact", or "sampled" for a pact of more than
	// MaxExactSplitMembers: the Shapley value is then a seeded permutation
	// sample with ShapleyBound its error bound at 95%, and the nucleolus
	// and the core are not computed.
	Method       string  `json:"method"`
	ShapleyBound float64 `json:"shapley_bound,omitempty"`
}

// MaxExactSplitMembers is the largest pact split exactly: its 2^n worths
// take 8 MB at 20 members and milliseconds to tabulate; beyond it a split
// is sampled, so that a request never allocates gigabytes.
const MaxExactSplitMembers = 20

// splitSamples and splitSeed make a sampled split reproducible.
const (
	splitSamples = 4000
	splitSeed    = 1
)

// PactSplit splits a pact's benefit fairly among its current members from
// what they delivered. The game is
//
//	v(S) = B · [ s(S)^ρ + γ Σ_{i<j∈S} s_i s_j ] / [ 1 + γ Σ_{i<j∈N} s_i s_j ]
//
// where s_i is member i's share of the delivered value (contributions
// valued by the agreement's Valuation, at face value where it sets none),
// B the benefit, ρ the returns to pooling and γ the synergy of pairs. With
// ρ = 1 and γ = 0 the game is additive and every solution is the
// proportional split; with ρ ≥ 1 and γ ≥ 0 it is convex, so its core is not
// empty and holds the Shapley value (Shapley 1971). The nucleolus
// (Schmeidler 1969) is the split that makes the unhappiest coalition as
// happy as possible. Missing valuation gives an error, never a zero.
func PactSplit(s *entente.PactState, opts SplitOptions) (*Split, error) {
	sp, err := newSplit(s, opts)
	if err != nil {
		return nil, err
	}
	n := len(sp.Members)
	if n > MaxPlayers {
		return nil, fmt.Errorf("%w: a split is computed for at most %d members, pact %s has %d (its proportional split is the members' shares of delivered value)", ErrPlayers, MaxPlayers, s.Pact.ID, n)
	}
	g, err := NewFunc(n, sp.worth())
	if err != nil {
		return nil, err
	}
	if n > MaxExactSplitMembers {
		est, err := ShapleySample(g, SampleOptions{Samples: splitSamples, Seed: splitSeed})
		if err != nil {
			return nil, err
		}
		sp.Method, sp.Shapley, sp.ShapleyBound = "sampled", est.Value, est.Bound
		return sp, nil
	}
	sp.Method = "exact"
	if sp.Shapley, err = Shapley(g); err != nil {
		return nil, err
	}
	if n <= MaxNucleolusPlayers {
		if sp.Nucleolus, err = Nucleolus(g); err != nil {
			return nil, err
		}
	}
	core, err := Core(g)
	if err != nil {
		return nil, err
	}
	sp.CoreEmpty = core.Empty
	sp.ShapleyInCore, err = InCore(g, sp.Shapley, 1e-9*math.Max(1, sp.Benefit))
	return sp, err
}

func newSplit(s *entente.PactState, opts SplitOptions) (*Split, error) {
	if opts.Returns == 0 {
		opts.Returns = 1
	}
	if !(opts.Returns >= 1) || math.IsInf(opts.Returns, 0) {
		return nil, fmt.Errorf("%w: returns must be a number of at least 1, got %v", ErrInput, opts.Returns)
	}
	if !(opts.Synergy >= 0) || math.IsInf(opts.Synergy, 0) {
		return nil, fmt.Errorf("%w: synergy must be a number of at least 0, got %v", ErrInput, opts.Synergy)
	}
	members := s.InPact()
	if len(members) == 0 {
		return nil, fmt.Errorf("%w: pact %s has no members", ErrInput, s.Pact.ID)
	}
	sp := &Split{Members: members, Returns: opts.Returns, Synergy: opts.Synergy}
	value := deliveredValue(s)
	total := 0.0
	for _, id := range members {
		sp.Delivered = append(sp.Delivered, value[id])
		total += value[id]
	}
	if total <= 0 {
		return nil, fmt.Errorf("%w: the members of %s have delivered nothing of value yet", ErrInput, s.Pact.ID)
	}
	sp.Benefit = opts.Benefit
	if sp.Benefit == 0 {
		sp.Benefit = total
	}
	if !(sp.Benefit > 0) || math.IsInf(sp.Benefit, 0) {
		return nil, fmt.Errorf("%w: benefit must be positive, got %v", ErrInput, opts.Benefit)
	}
	for _, d := range sp.Delivered {
		sp.Share = append(sp.Share, d/total)
		sp.Proportional = append(sp.Proportional, sp.Benefit*d/total)
	}
	return sp, nil
}

// deliveredValue sums each member's contributions, valued by the
// agreement's Valuation (face value when it names none).
func deliveredValue(s *entente.PactState) map[entente.ActorID]float64 {
	price := s.Pact.Agreement.Valuation
	out := map[entente.ActorID]float64{}
	for _, c := range s.Contributions.All() {
		p := 1.0
		if len(price) > 0 {
			p = price[c.Resource] // a resource without a price is worth nothing here
		}
		out[c.Member] += p * c.Amount
	}
	return out
}

// worth returns v(S) as documented on PactSplit.
func (sp *Split) worth() func(uint64) float64 {
	share, rho, gamma, b := sp.Share, sp.Returns, sp.Synergy, sp.Benefit
	pairs := func(mask uint64) float64 {
		var sum, sq float64
		for m := mask; m != 0; m &= m - 1 {
			x := share[bits.TrailingZeros64(m)]
			sum += x
			sq += x * x
		}
		return (sum*sum - sq) / 2
	}
	norm := 1 + gamma*pairs(grand(min(len(share), MaxPlayers)))
	return func(mask uint64) float64 {
		var s float64
		for m := mask; m != 0; m &= m - 1 {
			s += share[bits.TrailingZeros64(m)]
		}
		return b * (math.Pow(s, rho) + gamma*pairs(mask)) / norm
	}
}

// SortedByShapley returns the member indexes ordered by Shapley value,
// largest first (ties by ID), for display.
func (sp *Split) SortedByShapley() []int {
	idx := make([]int, len(sp.Members))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		if sp.Shapley[idx[a]] != sp.Shapley[idx[b]] {
			return sp.Shapley[idx[a]] > sp.Shapley[idx[b]]
		}
		return sp.Members[idx[a]] < sp.Members[idx[b]]
	})
	return idx
}
