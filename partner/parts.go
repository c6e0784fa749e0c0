package partner

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/entente/entente"
)

// NeutralReputation is the reputation of a candidate without a record: the
// mean of the uniform Beta(1, 1) prior of the beta reputation system
// (Jøsang and Ismail 2002), which is what trust reports with no evidence.
const NeutralReputation = 0.5

// Complementarity returns how much of a capability gap a candidate's
// capabilities fill:
//
//	C = Σ_k min(gap_k, cap_k) / Σ_k gap_k
//
// over the capabilities k of the gap, a capability the candidate does not
// list counting as none offered. C is in [0, 1]: 1 when the candidate alone
// closes the whole gap. ok is false (C unknown, NaN) when the gap is empty
// or zero (nothing left to fill) or when caps is empty (nothing is known of
// the candidate's capabilities). The sums add amounts of different
// capabilities, so targets should be in comparable units (money, say);
// otherwise the capability with the largest numbers dominates.
func Complementarity(gap, caps map[string]float64) (c float64, ok bool) {
	if len(caps) == 0 {
		return math.NaN(), false
	}
	fill, total := 0.0, 0.0
	for _, k := range slices.Sorted(maps.Keys(gap)) {
		g := gap[k]
		if !(g > 0) {
			continue
		}
		total += g
		if v := caps[k]; v > 0 {
			fill += math.Min(g, v)
		}
	}
	if total == 0 {
		return math.NaN(), false
	}
	return fill / total, true
}

// AutonomyCost returns the autonomy an actor gives up by allying with a
// partner that holds share s of the pair's capability, s = C_j/(C_u + C_j):
//
//	cost(s) = max(0, 2s − 1)
//
// Nothing while the partner is no stronger than the actor (s ≤ ½), rising
// linearly to 1 as the partner comes to hold all of the pair's capability.
// This follows Morrow's (1991) autonomy–security trade-off: in an asymmetric
// alliance the weaker side gains security and concedes autonomy (policy
// freedom) to the stronger, while between equals neither concedes much.
// The linear form is a design choice; NaN for s outside [0, 1] or NaN.
func AutonomyCost(s float64) float64 {
	if !(s >= 0 && s <= 1) {
		return math.NaN()
	}
	return math.Max(0, 2*s-1)
}

// AlignmentMethod says how positions on issues are compared.
type AlignmentMethod string

// The ways of comparing positions.
const (
	// Distance is 1 − the normalised Euclidean distance over the shared
	// issues, each issue scaled by its range (the default).
	Distance AlignmentMethod = "distance"
	// Cosine is the cosine similarity of the two position vectors over
	// the shared issues, mapped from [−1, 1] to [0, 1].
	Cosine AlignmentMethod = "cosine"
)

// PositionAlignment compares two actors' positions over the issues both
// hold a position on. With Distance,
//
//	A = 1 − sqrt( (1/n) Σ_i ((x_i − y_i)/R_i)² )
//
// where R_i is issue i's range (ranges[i]; an issue with no positive range
// adds nothing to the distance): A is 1 for identical positions and 0 when
// the two sit at opposite ends of every issue. With Cosine,
//
//	cos = Σ x_i y_i / (|x| |y|),  A = (1 + cos)/2
//
// which reads positions as directions from a neutral origin at 0. It returns
// the raw value (1 − distance, or cos), the normalised A in [0, 1], the
// number n of shared issues, and ok false (unknown) when no issue is shared
// or, for Cosine, a vector is zero.
func PositionAlignment(x, y map[string]float64, ranges map[string]float64, m AlignmentMethod) (raw, norm float64, n int, ok bool) {
	var dot, xx, yy, sq float64
	for _, k := range slices.Sorted(maps.Keys(x)) {
		a, b := x[k], y[k]
		if _, has := y[k]; !has || math.IsNaN(a) || math.IsNaN(b) {
			continue
		}
		n++
		dot, xx, yy = dot+a*b, xx+a*a, yy+b*b
		if r := ranges[k]; r > 0 {
			sq += ((a - b) / r) * ((a - b) / r)
		}
	}
	if n == 0 {
		return math.NaN(), math.NaN(), 0, false
	}
	if m == Cosine {
		var cos float64
		if denom := xx * yy; denom >= minNormal && !math.IsInf(denom, 0) && !math.IsInf(dot, 0) {
			cos = dot / math.Sqrt(denom)
		} else {
			// A zero vector, or sums of squares that under- or
			// overflowed (positions near 1e-160 or 1e160): recompute on
			// vectors scaled to a largest component of 1, which the
			// common case need not pay for.
			var nonzero bool
			if cos, nonzero = scaledCosine(x, y); !nonzero {
				return math.NaN(), math.NaN(), n, false
			}
		}
		cos = math.Max(-1, math.Min(1, cos))
		return cos, (1 + cos) / 2, n, true
	}
	a := 1 - math.Min(1, math.Sqrt(sq/float64(n)))
	return a, a, n, true
}

// minNormal is the smallest normal float64: a product of sums of squares
// below it has lost precision or underflowed to zero.
const minNormal = 0x1p-1022

// scaledCosine is the cosine of x and y over their shared, non-NaN keys,
// each vector divided by its largest absolute component first so that no
// square under- or overflows; false when either vector is zero there.
func scaledCosine(x, y map[string]float64) (float64, bool) {
	var mx, my float64
	for k, a := range x {
		if b, has := y[k]; has && !math.IsNaN(a) && !math.IsNaN(b) {
			mx, my = math.Max(mx, math.Abs(a)), math.Max(my, math.Abs(b))
		}
	}
	if mx == 0 || my == 0 {
		return math.NaN(), false
	}
	var dot, xx, yy float64
	for _, k := range slices.Sorted(maps.Keys(x)) {
		a, b := x[k], y[k]
		if _, has := y[k]; !has || math.IsNaN(a) || math.IsNaN(b) {
			continue
		}
		a, b = a/mx, b/my
		dot, xx, yy = dot+a*b, xx+a*a, yy+b*b
	}
	return dot / (math.Sqrt(xx) * math.Sqrt(yy)), true
}

// SharedRivals compares two sets of rivals: the number they share and the
// Jaccard index |R_u ∩ R_j| / |R_u ∪ R_j|, 0 when neither has a rival.
func SharedRivals(ru, rj map[entente.ActorID]bool) (shared int, jaccard float64) {
	union := len(ru)
	for r := range rj {
		if ru[r] {
			shared++
		} else {
			union++
		}
	}
	if union == 0 {
		return 0, 0
	}
	return shared, float64(shared) / float64(union)
}

// part builders: each returns the part with Known, Raw, Normalised and
// Note set; the weights are filled in by combine.

func unknown(name PartName, why string) Part {
	return Part{Name: name, Raw: math.NaN(), Normalised: math.NaN(), Note: why}
}

func (r *ranker) complementarity(c *entente.Actor) Part {
	if r.gapTotal == 0 {
		why := "no objective"
		if len(r.objective) > 0 {
			why = "the actor already meets the objective: no gap to fill"
		}
		return unknown(PartComplementarity, why)
	}
	v, ok := Complementarity(r.gap, c.Capabilities)
	if !ok {
		return unknown(PartComplementarity, "no capabilities recorded")
	}
	if r.opts.NoNotes {
		return Part{Name: PartComplementarity, Known: true, Raw: v, Normalised: v}
	}
	var fills []string
	for _, k := range slices.Sorted(maps.Keys(r.gap)) {
		if g := r.gap[k]; g > 0 {
			fills = append(fills, fmt.Sprintf("%s %s of %s", k, fmtNum(math.Min(g, math.Max(0, c.Capabilities[k]))), fmtNum(g)))
		}
	}
	return Part{Name: PartComplementarity, Known: true, Raw: v, Normalised: v,
		Note: "fills " + strings.Join(fills, ", ") + " of the gap"}
}

func (r *ranker) alignment(c *entente.Actor) Part {
	if v, ok := r.opts.VoteAgreement[c.ID]; ok && !math.IsNaN(v) {
		return Part{Name: PartAlignment, Known: true, Raw: v, Normalised: clamp01(v), Note: "UN-vote agreement"}
	}
	m := r.opts.AlignmentMethod
	if m == "" {
		m = Distance
	}
	raw, norm, n, ok := PositionAlignment(r.actor.Positions, c.Positions, r.ranges, m)
	if !ok {
		if n == 0 {
			return unknown(PartAlignment, "no shared issue positions")
		}
		return unknown(PartAlignment, "a zero position vector has no direction (cosine)")
	}
	if r.opts.NoNotes {
		return Part{Name: PartAlignment, Known: true, Raw: raw, Normalised: norm}
	}
	return Part{Name: PartAlignment, Known: true, Raw: raw, Normalised: norm,
		Note: fmt.Sprintf("%s over %d shared issue(s)", m, n)}
}

func (r *ranker) reputation(c *entente.Actor) Part {
	if v, ok := r.opts.Reputation[c.ID]; ok && !math.IsNaN(v) {
		return Part{Name: PartReputation, Known: true, Raw: v, Normalised: clamp01(v), Note: "from the trust record"}
	}
	return Part{Name: PartReputation, Known: true, Raw: NeutralReputation, Normalised: NeutralReputation,
		Note: "no record: neutral 0.5"}
}

func (r *ranker) culture(c *entente.Actor) Part {
	if r.actor.Culture == nil {
		return unknown(PartCulture, "the actor has no culture scores")
	}
	if c.Culture == nil {
		return unknown(PartCulture, "no culture scores")
	}
	ks, d := KogutSingh(r.actor.Culture, c.Culture, r.variance)
	if d == 0 {
		return unknown(PartCulture, "no dimension scored for both with a known variance")
	}
	if r.opts.NoNotes {
		return Part{Name: PartCulture, Known: true, Raw: ks, Normalised: 1 / (1 + ks)}
	}
	return Part{Name: PartCulture, Known: true, Raw: ks, Normalised: 1 / (1 + ks),
		Note: fmt.Sprintf("Kogut–Singh distance over %d dimension(s)", d)}
}

func (r *ranker) threats(c *entente.Actor) Part {
	if r.opts.Rivalries == nil {
		return unknown(PartThreats, "no rivalry data")
	}
	// SharedRivals(r.selfRivals, c's rivals less the actor's own IDs),
	// counted without building the second set.
	shared, union := 0, len(r.selfRivals)
	for _, x := range r.rivals[c.ID] {
		switch {
		case r.self[x]:
		case r.selfRivals[x]:
			shared++
		default:
			union++
		}
	}
	jac := 0.0
	if union > 0 {
		jac = float64(shared) / float64(union)
	}
	if r.opts.NoNotes {
		return Part{Name: PartThreats, Known: true, Raw: float64(shared), Normalised: jac}
	}
	note := fmt.Sprintf("%d shared rival(s)", shared)
	if r.isRivalOfSelf(c.ID) {
		note += "; a rival of the actor"
	}
	return Part{Name: PartThreats, Known: true, Raw: float64(shared), Normalised: jac, Note: note}
}

func (r *ranker) autonomy(c *entente.Actor) Part {
	s, what, ok := r.share(c)
	if !ok {
		return unknown(PartAutonomy, what)
	}
	cost := AutonomyCost(s)
	if r.opts.NoNotes {
		return Part{Name: PartAutonomy, Known: true, Raw: s, Normalised: 1 - cost}
	}
	return Part{Name: PartAutonomy, Known: true, Raw: s, Normalised: 1 - cost,
		Note: fmt.Sprintf("candidate holds %.0f%% of the pair's %s: autonomy cost %.2f", 100*s, what, cost)}
}

// share is the candidate's share of the pair's capability: on the power
// measure if one is set, else the mean share over the objective's
// capabilities both report (each a ratio within one capability, so units
// never mix).
func (r *ranker) share(c *entente.Actor) (s float64, what string, ok bool) {
	if m := r.powerMeasure; m != "" {
		s, ok := pairShare(r.actor.Capabilities, c.Capabilities, m)
		if !ok {
			return math.NaN(), m + " not recorded for both", false
		}
		return s, m, true
	}
	sum, n := 0.0, 0
	for _, k := range slices.Sorted(maps.Keys(r.objective)) {
		if v, ok := pairShare(r.actor.Capabilities, c.Capabilities, k); ok {
			sum += v
			n++
		}
	}
	if n == 0 {
		return math.NaN(), "no capability recorded for both", false
	}
	return sum / float64(n), "objective capabilities", true
}

func pairShare(u, j map[string]float64, k string) (float64, bool) {
	cu, okU := u[k]
	cj, okJ := j[k]
	if !okU || !okJ || !(cu >= 0) || !(cj >= 0) || cu+cj == 0 {
		return math.NaN(), false
	}
	return cj / (cu + cj), true
}

func clamp01(v float64) float64 { return math.Max(0, math.Min(1, v)) }

func fmtNum(v float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.4f", v), "0"), ".")
}
