package trust

import (
	"math"

	"github.com/entente/entente"
)

// Ladder is the rule for growing commitments with trust (seed 001 §1.3,
// "incremental commitments": start small, escalate as partners prove
// reliable). The zero Ladder stands for DefaultLadder.
type Ladder struct {
	// Growth is the factor by which the suggested size grows with each
	// unit of net evidence (one fresh kept commitment); above 1.
	Growth float64 `json:"growth"`
	// Cap is the largest multiple of the base size ever suggested.
	Cap float64 `json:"cap"`
	// Floor is the smallest multiple of the base size ever suggested.
	Floor float64 `json:"floor"`
}

// DefaultLadder returns the ladder SuggestCommitment uses unless told
// otherwise: half again for each kept commitment, up to eight times the
// base (reached after about five), down to a quarter of it (after about
// three and a half net misses). These are design choices, not estimates.
func DefaultLadder() Ladder { return Ladder{Growth: 1.5, Cap: 8, Floor: 0.25} }

// Suggestion is a suggested size for a member's next commitment and how it
// was reached.
type Suggestion struct {
	// Amount is Base × Factor.
	Amount float64 `json:"amount"`
	Base   float64 `json:"base"`
	// Factor is Growth^Steps, held between Floor and Cap.
	Factor float64 `json:"factor"`
	// Steps is the net evidence r − s of the score: with only commitments
	// in evidence, the faded count of kept commitments less the missed.
	Steps float64 `json:"steps"`
	// Trust is the score's value, for reference.
	Trust   float64 `json:"trust"`
	Capped  bool    `json:"capped,omitempty"`
	Floored bool    `json:"floored,omitempty"`
}

// SuggestCommitment suggests the size of the next commitment a member is
// asked to make, or entrusted with, given the observer's score of that
// member and the size a newcomer would be given (base, positive):
//
//	Amount = base × min(Cap, max(Floor, Growth^(r − s)))
//
// Each kept commitment is one step up, each missed one a step down, late
// and partial deliveries and votes and disputes fractions of a step, all
// fading with age as the score's evidence does. The size thus grows
// geometrically with the number of commitments kept and is capped. For a
// commitment both members take on, see Result.SuggestBetween.
func SuggestCommitment(sc Score, base float64, l Ladder) Suggestion {
	if l == (Ladder{}) {
		l = DefaultLadder()
	}
	steps := sc.Positive - sc.Negative
	raw := math.Pow(l.Growth, steps)
	factor := min(l.Cap, max(l.Floor, raw))
	return Suggestion{
		Amount: base * factor, Base: base, Factor: factor, Steps: steps, Trust: sc.Value,
		Capped: raw > l.Cap, Floored: raw < l.Floor,
	}
}

// SuggestBetween suggests the size of a commitment between a and b that
// each relies on the other to keep: the smaller of SuggestCommitment for
// a's score of b and for b's score of a, so that the less trusting side
// sets the pace. It reports false if either is not a member or a == b.
func (r *Result) SuggestBetween(a, b entente.ActorID, base float64, l Ladder) (Suggestion, bool) {
	ab, ok1 := r.Score(a, b)
	ba, ok2 := r.Score(b, a)
	if !ok1 || !ok2 {
		return Suggestion{}, false
	}
	x, y := SuggestCommitment(ab, base, l), SuggestCommitment(ba, base, l)
	if y.Factor < x.Factor {
		return y, true
	}
	return x, true
}
