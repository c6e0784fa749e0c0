package entente

import (
	"fmt"
	"math"
	"sort"
)

// AsymmetryRatio is the dominance ratio at which a pact counts as
// asymmetric: its strongest member holds at least this many times the
// capability of the second strongest. A pact with a leader twice as strong
// as anyone else is the hub-and-spoke pattern of seed 003; two equals with
// small partners are not.
const AsymmetryRatio = 2.0

// Structure is a pact's shape, derived from its members and rules, never
// typed in.
type Structure struct {
	Members int `json:"members"`
	// Bilateral is true for two members, false for more.
	Bilateral bool `json:"bilateral"`
	// Measure is the capability behind the shares.
	Measure string `json:"measure"`
	// Shares are members' shares of the measured capability; nil when any
	// member's capability is unknown (then Symmetry is "unknown").
	Shares       map[ActorID]float64 `json:"shares,omitempty"`
	LargestShare float64             `json:"largest_share,omitempty"`
	// Herfindahl is the sum of squared shares: 1/n when equal, 1 when one
	// member holds everything.
	Herfindahl float64 `json:"herfindahl,omitempty"`
	// Dominance is the strongest member's capability over the second's.
	Dominance float64 `json:"dominance,omitempty"`
	// Symmetry is "symmetric", "asymmetric" or "unknown".
	Symmetry string `json:"symmetry"`
	// Hierarchy is "hierarchical" or "egalitarian", with Reasons.
	Hierarchy string   `json:"hierarchy"`
	Reasons   []string `json:"reasons"`
}

// Shares describes a capability distribution: each member's share, the
// largest share, the Herfindahl index and the dominance ratio (largest over
// second largest). It returns ok=false if the total is not positive.
func Shares(capability map[ActorID]float64) (shares map[ActorID]float64, largest, herfindahl, dominance float64, ok bool) {
	total := 0.0
	values := make([]float64, 0, len(capability))
	for _, id := range sortedKeys(capability) {
		total += capability[id]
		values = append(values, capability[id])
	}
	if !(total > 0) {
		return nil, 0, 0, 0, false
	}
	shares = make(map[ActorID]float64, len(capability))
	for _, id := range sortedKeys(capability) {
		s := capability[id] / total
		shares[id] = s
		herfindahl += s * s
	}
	sort.Sort(sort.Reverse(sort.Float64Slice(values)))
	largest = values[0] / total
	switch {
	case len(values) < 2:
		dominance = 1
	case values[1] > 0:
		dominance = values[0] / values[1]
	default:
		dominance = math.Inf(1)
	}
	return shares, largest, herfindahl, dominance, true
}

// Classify returns "asymmetric" when the dominance ratio reaches
// AsymmetryRatio, "symmetric" otherwise.
func Classify(dominance float64) string {
	if dominance >= AsymmetryRatio {
		return "asymmetric"
	}
	return "symmetric"
}

// DeriveStructure computes the structure of a pact's current membership.
// Capabilities come from the actors (the agreement's power measure).
func DeriveStructure(s *PactState, actors func(ActorID) *Actor) Structure {
	members := s.InPact()
	measure := s.Pact.Agreement.PowerMeasureOrDefault()
	st := Structure{Members: len(members), Bilateral: len(members) == 2, Measure: measure, Symmetry: "unknown"}
	capability := map[ActorID]float64{}
	known := true
	for _, id := range members {
		var a *Actor
		if actors != nil {
			a = actors(id)
		}
		v, ok := 0.0, false
		if a != nil {
			v, ok = a.Capabilities[measure]
		}
		if !ok {
			known = false
			break
		}
		capability[id] = v
	}
	if known && len(members) > 0 {
		if shares, largest, hhi, dom, ok := Shares(capability); ok {
			st.Shares, st.LargestShare, st.Herfindahl, st.Dominance = shares, largest, hhi, dom
			st.Symmetry = Classify(dom)
		}
	}
	st.Hierarchy, st.Reasons = hierarchy(s)
	return st
}

// hierarchy calls a pact hierarchical when some decision rule gives members
// unequal say (a weighted rule whose weights differ, or a double majority),
// and egalitarian when every rule counts one member one vote.
func hierarchy(s *PactState) (string, []string) {
	var reasons []string
	members := s.Voters()
	for _, m := range Matters {
		r := s.Pact.Agreement.RuleFor(s.Pact.Kind, m)
		if !r.Weighs() {
			continue
		}
		if r.WeightBy == WeightExplicit && equalWeights(r.Weights, members) {
			continue
		}
		reasons = append(reasons, fmt.Sprintf("%s matters are decided by a %s rule weighted by %s", m, r.Kind, r.WeightBy))
	}
	if len(reasons) > 0 {
		return "hierarchical", reasons
	}
	return "egalitarian", []string{"every decision rule counts one member one vote"}
}

func equalWeights(w map[ActorID]float64, members []ActorID) bool {
	for i := 1; i < len(members); i++ {
		if w[members[i]] != w[members[0]] {
			return false
		}
	}
	return true
}
