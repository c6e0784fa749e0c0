package partner

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Objective is what a partner is sought for: a target amount of each named
// capability (the names of entente.Actor.Capabilities, such as "economic"
// or "technology"). The capability gap is the part of each target the actor
// does not already hold (Gap).
type Objective map[string]float64

// ParseObjective reads an objective written as METRIC=TARGET[,...], such
// as "technology=200,staff=50". Each target must be a finite number above
// zero and each metric named once.
func ParseObjective(s string) (Objective, error) {
	o := Objective{}
	if strings.TrimSpace(s) == "" {
		return nil, fmt.Errorf("expected METRIC=TARGET[,...], got an empty objective")
	}
	for _, item := range strings.Split(s, ",") {
		name, value, ok := strings.Cut(strings.TrimSpace(item), "=")
		name = strings.TrimSpace(name)
		if !ok || name == "" {
			return nil, fmt.Errorf("expected METRIC=TARGET, got %q", item)
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
		if err != nil || !(v > 0) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("%s: expected a target above zero, got %q", name, value)
		}
		if _, dup := o[name]; dup {
			return nil, fmt.Errorf("%s: named twice", name)
		}
		o[name] = v
	}
	return o, nil
}

// String writes o as METRIC=TARGET,... in name order.
func (o Objective) String() string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(o)) {
		parts = append(parts, k+"="+strconv.FormatFloat(o[k], 'g', -1, 64))
	}
	return strings.Join(parts, ",")
}

// Gap returns, for each capability of the objective, how much of the target
// the holdings have leaves open: gap_k = max(0, target_k − have_k), with a
// capability not held counting as none held.
func (o Objective) Gap(have map[string]float64) map[string]float64 {
	gap := make(map[string]float64, len(o))
	for k, target := range o {
		h := have[k]
		if math.IsNaN(h) {
			h = 0
		}
		gap[k] = math.Max(0, target-h)
	}
	return gap
}

// PartName names one part of a partner's score.
type PartName string

// The parts of a partner's score, in the order a Candidate lists them.
const (
	// PartComplementarity is how much of the capability gap the candidate fills.
	PartComplementarity PartName = "complementarity"
	// PartAlignment is the similarity of the candidate's positions or UN votes
	// to the actor's.
	PartAlignment PartName = "alignment"
	// PartReputation is the candidate's standing from the trust record.
	PartReputation PartName = "reputation"
	// PartCulture is the cultural distance (Kogut and Singh 1988), scored so
	// that nearer is better.
	PartCulture PartName = "culture"
	// PartThreats is the rivals the candidate and the actor share.
	PartThreats PartName = "threats"
	// PartAutonomy is the autonomy the actor keeps: one less the cost of
	// allying with a stronger partner (Morrow 1991).
	PartAutonomy PartName = "autonomy"
)

// PartNames lists every part in order.
var PartNames = []PartName{PartComplementarity, PartAlignment, PartReputation, PartCulture, PartThreats, PartAutonomy}

// Weights are the relative weights of the parts of a score. Only their
// ratios matter: a score is the weighted mean of the parts that are known.
// The zero Weights stands for DefaultWeights.
type Weights struct {
	Complementarity float64 `json:"complementarity"`
	Alignment       float64 `json:"alignment"`
	Reputation      float64 `json:"reputation"`
	Culture         float64 `json:"culture"`
	Threats         float64 `json:"threats"`
	Autonomy        float64 `json:"autonomy"`
}

// DefaultWeights returns the weights used unless told otherwise:
// complementarity 0.30 (the objective is why a partner is sought),
// alignment 0.20, reputation 0.15, autonomy 0.15, culture 0.10 and shared
// threats 0.10. These are design choices, not estimates; the historical
// validation (Validate) fits its own combination for states.
func DefaultWeights() Weights {
	return Weights{Complementarity: 0.30, Alignment: 0.20, Reputation: 0.15, Culture: 0.10, Threats: 0.10, Autonomy: 0.15}
}

// Get returns the weight of part p.
func (w Weights) Get(p PartName) float64 {
	switch p {
	case PartComplementarity:
		return w.Complementarity
	case PartAlignment:
		return w.Alignment
	case PartReputation:
		return w.Reputation
	case PartCulture:
		return w.Culture
	case PartThreats:
		return w.Threats
	case PartAutonomy:
		return w.Autonomy
	}
	return 0
}

// set sets the weight of part p and reports whether p is a part.
func (w *Weights) set(p PartName, v float64) bool {
	switch p {
	case PartComplementarity:
		w.Complementarity = v
	case PartAlignment:
		w.Alignment = v
	case PartReputation:
		w.Reputation = v
	case PartCulture:
		w.Culture = v
	case PartThreats:
		w.Threats = v
	case PartAutonomy:
		w.Autonomy = v
	default:
		return false
	}
	return true
}

// IsZero reports whether every weight is zero (the zero Weights, which
// stands for DefaultWeights).
func (w Weights) IsZero() bool { return w == Weights{} }

// orDefault returns w, or DefaultWeights if w is zero.
func (w Weights) orDefault() Weights {
	if w.IsZero() {
		return DefaultWeights()
	}
	return w
}

// Validate checks that every weight is a finite number of at least zero.
func (w Weights) Validate() error {
	for _, p := range PartNames {
		if v := w.Get(p); !(v >= 0) || math.IsInf(v, 0) {
			return fmt.Errorf("weight of %s: expected a number of at least 0, got %v", p, v)
		}
	}
	return nil
}

// ParseWeights reads weights written as PART=WEIGHT[,...], such as
// "complementarity=0.5,culture=0". Parts not named keep their weight in
// base (pass DefaultWeights() to change a few of the defaults).
func ParseWeights(s string, base Weights) (Weights, error) {
	w := base
	for _, item := range strings.Split(s, ",") {
		name, value, ok := strings.Cut(strings.TrimSpace(item), "=")
		if !ok {
			return w, fmt.Errorf("expected PART=WEIGHT, got %q", item)
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
		if err != nil || !(v >= 0) || math.IsInf(v, 0) {
			return w, fmt.Errorf("%s: expected a weight of at least 0, got %q", name, value)
		}
		if !w.set(PartName(strings.TrimSpace(name)), v) {
			return w, fmt.Errorf("unknown part %q (expected one of %s)", name, partList())
		}
	}
	if w.IsZero() {
		return w, fmt.Errorf("every weight is zero")
	}
	return w, nil
}

func partList() string {
	s := make([]string, len(PartNames))
	for i, p := range PartNames {
		s[i] = string(p)
	}
	return strings.Join(s, ", ")
}
