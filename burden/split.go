package burden

import (
	"math"

	"github.com/entente/entente"
)

// SplitRule is a way an agreement can share out a cost.
type SplitRule string

// The cost splits.
const (
	// SplitEqual: each member owes total / n.
	SplitEqual SplitRule = "equal"
	// SplitCapability: each member owes total × its share of capability
	// (GDP, for states: the NATO-style split by ability to pay).
	SplitCapability SplitRule = "capability"
	// SplitBenefit: each member owes total × its share of the benefits
	// under the agreement's benefit rule (the benefit principle).
	SplitBenefit SplitRule = "benefit"
)

// Split is a total shared out under one rule and set against what each
// member delivered.
type Split struct {
	Rule  SplitRule `json:"rule"`
	Total float64   `json:"total"`
	Owed  []Owed    `json:"owed"`
}

// Owed is one member's part of a split.
type Owed struct {
	Member entente.ActorID `json:"member"`
	// Share is the member's share of the total under the rule.
	Share float64 `json:"share"`
	// Owed is Share × Total.
	Owed      float64 `json:"owed"`
	Delivered float64 `json:"delivered"`
	// Gap is Delivered − Owed: above 0 for a member that delivered more
	// than the rule asks of it, below 0 for one that owes more.
	Gap float64 `json:"gap"`
}

// CostSplit shares out total among in's members under rule and sets each
// part against what the member delivered. A total of 0 or NaN means the
// total delivered. Under SplitCapability every part is NaN when any
// member's capability is unknown, since then nobody's share of the whole
// is known; under SplitBenefit a member the benefit rule gives no share
// has NaN.
func CostSplit(rule SplitRule, total float64, in Input) Split {
	ids := in.members()
	if total == 0 || math.IsNaN(total) {
		total = totalDelivered(ids, in.Delivered)
	}
	shares := splitShares(rule, ids, in)
	sp := Split{Rule: rule, Total: total}
	for _, id := range ids {
		o := Owed{Member: id, Share: shares[id], Delivered: in.deliveredOf(id)}
		o.Owed = o.Share * total
		o.Gap = o.Delivered - o.Owed
		sp.Owed = append(sp.Owed, o)
	}
	return sp
}

// splitShares returns each member's share of a cost under rule, NaN where
// it is not known.
func splitShares(rule SplitRule, ids []entente.ActorID, in Input) map[entente.ActorID]float64 {
	out := make(map[entente.ActorID]float64, len(ids))
	switch rule {
	case SplitEqual:
		for _, id := range ids {
			out[id] = 1 / float64(len(ids))
		}
	case SplitCapability:
		sum := 0.0
		for _, id := range ids {
			sum += in.capabilityOf(id) // NaN if any is unknown
		}
		for _, id := range ids {
			out[id] = math.NaN()
			if sum > 0 {
				out[id] = in.capabilityOf(id) / sum
			}
		}
	case SplitBenefit:
		return benefitShares(ids, in.Benefit, in.Delivered, totalDelivered(ids, in.Delivered))
	default:
		for _, id := range ids {
			out[id] = math.NaN()
		}
	}
	return out
}
