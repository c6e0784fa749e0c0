package entente

import (
	"fmt"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"
)

// RuleKind names a decision rule.
type RuleKind string

// The decision rules an agreement can set (seed 001 §1.5).
const (
	// Unanimity passes when every eligible member votes yes or abstains and
	// none votes no: any member can veto.
	Unanimity RuleKind = "unanimity"
	// Consensus passes when no member objects (votes no) before the window
	// closes; silence is consent.
	Consensus RuleKind = "consensus"
	// SimpleMajority passes when yes votes outnumber no votes among votes
	// cast.
	SimpleMajority RuleKind = "simple_majority"
	// AbsoluteMajority passes when more than half of all eligible members
	// vote yes.
	AbsoluteMajority RuleKind = "absolute_majority"
	// QualifiedMajority passes when the share of eligible members voting yes
	// reaches Threshold.
	QualifiedMajority RuleKind = "qualified_majority"
	// Weighted passes when the yes voters' share of total weight reaches
	// Threshold.
	Weighted RuleKind = "weighted"
	// DoubleMajority passes when the yes voters are at least Threshold of
	// the members and hold at least SecondThreshold of the weight; if
	// MinBlockers is set, it also passes whenever fewer than MinBlockers
	// members fail to vote yes (a blocking minority needs that many).
	DoubleMajority RuleKind = "double_majority"
)

// RuleKinds lists every valid RuleKind.
var RuleKinds = []RuleKind{Unanimity, Consensus, SimpleMajority, AbsoluteMajority, QualifiedMajority, Weighted, DoubleMajority}

// DefaultWindow is how long a vote stays open when the rule sets no window.
const DefaultWindow = 7 * Day

// DecisionRule is how a kind of matter is decided. Quorum, when set, is the
// share of eligible members who must take part (yes, no or abstain) for any
// rule but consensus and unanimity to pass. Window is how long the vote (or
// the consensus objection period) stays open.
type DecisionRule struct {
	Kind            RuleKind            `json:"kind"`
	Threshold       float64             `json:"threshold,omitempty"`
	WeightBy        string              `json:"weight_by,omitempty"`
	Weights         map[ActorID]float64 `json:"weights,omitempty"`
	SecondThreshold float64             `json:"second_threshold,omitempty"`
	MinBlockers     int                 `json:"min_blockers,omitempty"`
	Quorum          float64             `json:"quorum,omitempty"`
	Window          Period              `json:"window,omitempty"`
}

// Weighs reports whether the rule uses weights.
func (r DecisionRule) Weighs() bool { return r.Kind == Weighted || r.Kind == DoubleMajority }

// WindowOrDefault returns the voting window.
func (r DecisionRule) WindowOrDefault() Period {
	if r.Window == 0 {
		return Period(DefaultWindow)
	}
	return r.Window
}

func (r DecisionRule) validate(field string) error {
	if !oneOf(r.Kind, RuleKinds) {
		return FieldErrorf(EINVALID, field+".kind", "expected one of %v, got %q", RuleKinds, r.Kind)
	}
	needsThreshold := r.Kind == QualifiedMajority || r.Weighs()
	if needsThreshold && !(r.Threshold > 0 && r.Threshold <= 1) {
		return FieldErrorf(EINVALID, field+".threshold", "expected a share above 0 and at most 1, got %v", r.Threshold)
	}
	if r.Kind == DoubleMajority && !(r.SecondThreshold > 0 && r.SecondThreshold <= 1) {
		return FieldErrorf(EINVALID, field+".second_threshold", "expected a share above 0 and at most 1, got %v", r.SecondThreshold)
	}
	if r.Weighs() {
		if !validWeightBy(r.WeightBy) {
			return FieldErrorf(EINVALID, field+".weight_by", "expected explicit, contributions, contributions:<resource> or capability:<name>, got %q", r.WeightBy)
		}
		if r.WeightBy == WeightExplicit && len(r.Weights) == 0 {
			return FieldErrorf(EINVALID, field+".weights", "expected a weight for each member")
		}
	}
	for _, id := range sortedKeys(r.Weights) {
		if v := r.Weights[id]; !(v >= 0) {
			return FieldErrorf(EINVALID, field+".weights."+string(id), "expected a non-negative weight, got %v", v)
		}
	}
	if r.MinBlockers < 0 {
		return FieldErrorf(EINVALID, field+".min_blockers", "expected a number that is not negative, got %d", r.MinBlockers)
	}
	if !(r.Quorum >= 0 && r.Quorum <= 1) {
		return FieldErrorf(EINVALID, field+".quorum", "expected a share from 0 to 1, got %v", r.Quorum)
	}
	if r.Window < 0 {
		return FieldErrorf(EINVALID, field+".window", "expected a period that is not negative")
	}
	return nil
}

// Validate checks the rule on its own, naming the first bad field.
func (r DecisionRule) Validate() error { return r.validate("rule") }

// Choice is a member's vote.
type Choice string

// The choices. Under consensus, No is an objection.
const (
	Yes     Choice = "yes"
	No      Choice = "no"
	Abstain Choice = "abstain"
)

// Outcome is how a proposal ended.
type Outcome string

// The outcomes.
const (
	Adopted  Outcome = "adopted"
	Rejected Outcome = "rejected"
)

// Ballot is what a rule decides on: who may vote, how they voted and, for
// weighted rules, their weights. A member of the electorate without a vote
// did not take part.
type Ballot struct {
	Electorate []ActorID
	Votes      ActorMap[Choice]
	Weights    map[ActorID]float64
	// cast holds each elector's vote, in the electorate's order, once read
	// (see withCast): the rules tally a ballot up to five times (Settled),
	// and reading the votes once in one walk is cheaper than looking each
	// elector up each time.
	cast []castVote
}

// castVote is an elector's vote, if it voted.
type castVote struct {
	choice Choice
	voted  bool
}

// withCast returns b with its votes read into cast, in O(electorate +
// votes) for an electorate in sorted order (as Entente makes them: a
// merge of two sorted sequences) and O(electorate × log votes) otherwise.
func (b Ballot) withCast() Ballot {
	if b.cast != nil || len(b.Electorate) == 0 {
		return b
	}
	cast := make([]castVote, len(b.Electorate))
	if slices.IsSorted(b.Electorate) {
		i := 0
		for id, c := range b.Votes.All() {
			for i < len(b.Electorate) && b.Electorate[i] < id {
				i++
			}
			for j := i; j < len(b.Electorate) && b.Electorate[j] == id; j++ {
				cast[j] = castVote{c, true} // an elector listed twice counts twice, as before
			}
		}
	} else {
		for i, id := range b.Electorate {
			cast[i].choice, cast[i].voted = b.Votes.Lookup(id)
		}
	}
	b.cast = cast
	return b
}

// Tally counts a ballot.
type Tally struct {
	Eligible    int     `json:"eligible"`
	Yes         int     `json:"yes"`
	No          int     `json:"no"`
	Abstain     int     `json:"abstain"`
	Absent      int     `json:"absent"`
	YesWeight   float64 `json:"yes_weight,omitempty"`
	TotalWeight float64 `json:"total_weight,omitempty"`
}

// Count tallies b.
func (b Ballot) Count() Tally { return b.withCast().countFilled("") }

// vote is the vote of the i-th elector, or fill when it has not voted: the
// ballot as it would stand if every member who has not voted voted fill
// ("" for staying absent), without building that ballot. It reads cast
// when b is withCast, the votes otherwise.
func (b Ballot) vote(i int, fill Choice) Choice {
	if b.cast == nil {
		if v, ok := b.Votes.Lookup(b.Electorate[i]); ok {
			return v
		}
		return fill
	}
	if v := b.cast[i]; v.voted {
		return v.choice
	}
	return fill
}

// countFilled tallies b with every member who has not voted voting fill.
func (b Ballot) countFilled(fill Choice) Tally {
	t := Tally{Eligible: len(b.Electorate)}
	for i, m := range b.Electorate {
		w := b.Weights[m]
		t.TotalWeight += w
		switch b.vote(i, fill) {
		case Yes:
			t.Yes++
			t.YesWeight += w
		case No:
			t.No++
		case Abstain:
			t.Abstain++
		default:
			t.Absent++
		}
	}
	return t
}

// atLeast reports whether part/whole ≥ share, reading each number as the
// decimal it prints as ("0.6" is 3/5, not the binary float nearest it) and
// comparing exactly. Floating-point arithmetic would let 0.6 × 5 =
// 3.0000000000000004 refuse three votes of five, or let rounding in a sum
// of large weights turn an exact half into a miss; the voting-power
// package reads weights and thresholds the same way, so both agree on
// every coalition.
func atLeast(part, whole, share float64) bool {
	lhs := decimal(part)
	rhs := new(big.Rat).Mul(decimal(share), decimal(whole))
	return lhs.Cmp(rhs) >= 0
}

// decimal returns v as the exact rational of its shortest decimal form.
func decimal(v float64) *big.Rat {
	r, ok := new(big.Rat).SetString(strconv.FormatFloat(v, 'f', -1, 64))
	if !ok { // NaN or infinity: never reached for validated inputs
		return new(big.Rat)
	}
	return r
}

// exactBallot is a ballot's weights read once as exact decimals, all on
// one scale: weight i is weights[i] / 10^scale, scale being the most
// decimal places any weight prints with. Sums and comparisons are then of
// integers, with no fraction to reduce, and exact as the decimals are:
// the same as the rationals of [decimal]. The completions that Settled
// tries share one, so that each weight is parsed once per ballot.
type exactBallot struct {
	weights []*big.Int
	total   *big.Int
	scale   int
}

// exact reads b's weights as exact decimals on one scale.
func (b Ballot) exact() *exactBallot {
	e := &exactBallot{weights: make([]*big.Int, len(b.Electorate)), total: new(big.Int)}
	places := make([]int, len(b.Electorate))
	for i, m := range b.Electorate {
		e.weights[i], places[i] = decimalDigits(b.Weights[m])
		e.scale = max(e.scale, places[i])
	}
	ten := big.NewInt(10)
	for i, w := range e.weights {
		if d := e.scale - places[i]; d > 0 {
			w.Mul(w, new(big.Int).Exp(ten, big.NewInt(int64(d)), nil))
		}
		e.total.Add(e.total, w)
	}
	return e
}

// decimalDigits returns v's shortest decimal form as an integer and the
// number of decimal places: 12.5 is 125 and 1. NaN and infinities are 0,
// as for [decimal].
func decimalDigits(v float64) (*big.Int, int) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return new(big.Int), 0
	}
	s := strconv.FormatFloat(v, 'f', -1, 64)
	places := 0
	if dot := strings.IndexByte(s, '.'); dot >= 0 {
		places = len(s) - dot - 1
		s = s[:dot] + s[dot+1:]
	}
	n, ok := new(big.Int).SetString(s, 10)
	if !ok { // never: FormatFloat prints digits
		return new(big.Int), 0
	}
	return n, places
}

// yes returns the sum of the yes voters' weights, on e's scale.
func (e *exactBallot) yes(b Ballot, fill Choice) *big.Int {
	sum := new(big.Int)
	for i := range b.Electorate {
		if b.vote(i, fill) == Yes {
			sum.Add(sum, e.weights[i])
		}
	}
	return sum
}

// atLeastScaled reports whether part/whole ≥ share, share read as the decimal
// it prints as; part and whole are on the same scale, which cancels.
func atLeastScaled(part, whole *big.Int, share float64) bool {
	q := decimal(share)
	lhs := new(big.Int).Mul(part, q.Denom())
	rhs := new(big.Int).Mul(q.Num(), whole)
	return lhs.Cmp(rhs) >= 0
}

// float returns n / 10^scale, correctly rounded.
func (e *exactBallot) float(n *big.Int) float64 {
	den := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(e.scale)), nil)
	f, _ := new(big.Rat).SetFrac(n, den).Float64()
	return f
}

// Evaluate applies r to a final ballot: every absent member has missed the
// vote. It returns the outcome and a reason a person can read.
func (r DecisionRule) Evaluate(b Ballot) (Outcome, string) {
	return r.evaluate(b.withCast(), "", true)
}

// evaluate applies r to b with every member who has not voted voting fill
// ("" for staying absent), with the reason when text is set.
func (r DecisionRule) evaluate(b Ballot, fill Choice, text bool) (Outcome, string) {
	return r.evaluateExact(b, fill, text, nil)
}

// evaluateExact is evaluate reading the weights from e (from b when e is
// nil).
func (r DecisionRule) evaluateExact(b Ballot, fill Choice, text bool, e *exactBallot) (Outcome, string) {
	t := b.countFilled(fill)
	ok, reason := r.passes(t, b, fill, text, e)
	if ok {
		return Adopted, reason
	}
	return Rejected, reason
}

// reasonf is fmt.Sprintf when text is set, and "" when no one reads the
// reason (Settled trying completions).
func reasonf(text bool, format string, args ...any) string {
	if !text {
		return ""
	}
	return fmt.Sprintf(format, args...)
}

// passes decides a tally of b with fill for the members who have not
// voted; the reason is written only when text is set.
func (r DecisionRule) passes(t Tally, b Ballot, fill Choice, text bool, e *exactBallot) (bool, string) {
	if t.Eligible == 0 {
		return false, "no eligible voters"
	}
	if r.Kind != Unanimity && r.Kind != Consensus && r.Quorum > 0 {
		took := t.Yes + t.No + t.Abstain
		if !atLeast(float64(took), float64(t.Eligible), r.Quorum) {
			if !text {
				return false, ""
			}
			return false, fmt.Sprintf("quorum not met: %d of %d took part, %s needed", took, t.Eligible, pct(r.Quorum))
		}
	}
	n := float64(t.Eligible)
	switch r.Kind {
	case Unanimity:
		switch {
		case t.No > 0:
			return false, reasonf(text, "vetoed by %d member(s)", t.No)
		case t.Absent > 0:
			return false, reasonf(text, "%d of %d members did not consent", t.Absent, t.Eligible)
		case t.Yes == 0:
			return false, "no member voted yes"
		}
		return true, reasonf(text, "all %d members consented (%d yes, %d abstained)", t.Eligible, t.Yes, t.Abstain)
	case Consensus:
		if t.No > 0 {
			return false, reasonf(text, "%d member(s) objected", t.No)
		}
		return true, "no objection within the window"
	case SimpleMajority:
		return t.Yes > t.No, reasonf(text, "%d yes against %d no among votes cast", t.Yes, t.No)
	case AbsoluteMajority:
		return 2*t.Yes > t.Eligible, reasonf(text, "%d yes of %d members, more than half needed", t.Yes, t.Eligible)
	case QualifiedMajority:
		ok := atLeast(float64(t.Yes), n, r.Threshold)
		if !text {
			return ok, ""
		}
		return ok, fmt.Sprintf("%d yes of %d members (%s), %s needed", t.Yes, t.Eligible, pct(float64(t.Yes)/n), pct(r.Threshold))
	case Weighted:
		return r.weightPasses(b, fill, r.Threshold, text, e)
	case DoubleMajority:
		return r.doublePasses(t, b, fill, text, e)
	}
	return false, reasonf(text, "unknown rule %q", r.Kind)
}

func (r DecisionRule) weightPasses(b Ballot, fill Choice, share float64, text bool, e *exactBallot) (bool, string) {
	if e == nil {
		e = b.exact()
	}
	if e.total.Sign() <= 0 {
		return false, "the eligible members hold no weight"
	}
	yes := e.yes(b, fill)
	ok := atLeastScaled(yes, e.total, share)
	if !text {
		return ok, ""
	}
	return ok, fmt.Sprintf("yes holds %s of the weight, %s needed", pct(e.float(yes)/e.float(e.total)), pct(share))
}

func (r DecisionRule) doublePasses(t Tally, b Ballot, fill Choice, text bool, e *exactBallot) (bool, string) {
	notYes := t.Eligible - t.Yes
	if r.MinBlockers > 0 && notYes < r.MinBlockers {
		return true, reasonf(text, "only %d member(s) did not vote yes; a blocking minority needs %d", notYes, r.MinBlockers)
	}
	n := float64(t.Eligible)
	members := atLeast(float64(t.Yes), n, r.Threshold)
	weight, wreason := r.weightPasses(b, fill, r.SecondThreshold, text, e)
	if !text {
		return members && weight, ""
	}
	reason := fmt.Sprintf("%d yes of %d members (%s, %s needed); %s", t.Yes, t.Eligible, pct(float64(t.Yes)/n), pct(r.Threshold), wreason)
	return members && weight, reason
}

// Settled reports whether the ballot's outcome is already fixed before the
// vote closes: no way the remaining members could vote would change it. A
// consensus is settled early only by an objection or when everyone has
// voted, since silence counts as consent only when the window ends.
//
// Every rule here is a combination of conditions that each move one way as
// one absent member's choice changes, and whose worst and best cases come
// when all remaining members choose alike; so trying the four uniform
// completions (all yes, all no, all abstain, all absent) suffices.
func (r DecisionRule) Settled(b Ballot) (Outcome, string, bool) {
	b = b.withCast()
	remaining := 0
	for _, v := range b.cast {
		if !v.voted {
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
	var e *exactBallot // the weights, read once for the five evaluations
	if r.Kind == Weighted || r.Kind == DoubleMajority {
		e = b.exact()
	}
	var first Outcome
	for i, c := range []Choice{Yes, No, Abstain, ""} {
		o, _ := r.evaluateExact(b, c, false, e) // the ballot completed with c
		if i == 0 {
			first = o
		} else if o != first {
			return "", "", false
		}
	}
	_, reason := r.evaluateExact(b, "", true, e)
	return first, reason + " (no remaining vote can change the outcome)", true
}

func pct(x float64) string {
	s := fmt.Sprintf("%.1f", 100*x)
	return strings.TrimSuffix(s, ".0") + "%"
}

// openCount is a ballot's tally with no one filled in, and how many
// electors have not voted: all that a rule weighing no one needs to know
// whether the outcome is settled.
type openCount struct {
	Tally
	remaining int
}

// settledCount reports what Settled reports of whether the outcome is
// settled, from the counts alone, for a rule that weighs no one (see
// Weighs); it allocates nothing.
func (r DecisionRule) settledCount(c openCount) bool {
	if c.remaining == 0 {
		return true
	}
	if r.Kind == Consensus {
		ok, _ := r.passes(c.Tally, Ballot{}, "", false, nil)
		return !ok // an objection settles it; consent waits for the window
	}
	var first bool
	for i, fill := range []Choice{Yes, No, Abstain, ""} {
		t := c.Tally // the ballot completed with fill
		switch fill {
		case Yes:
			t.Yes, t.Absent = t.Yes+c.remaining, t.Absent-c.remaining
		case No:
			t.No, t.Absent = t.No+c.remaining, t.Absent-c.remaining
		case Abstain:
			t.Abstain, t.Absent = t.Abstain+c.remaining, t.Absent-c.remaining
		}
		ok, _ := r.passes(t, Ballot{}, fill, false, nil)
		if i == 0 {
			first = ok
		} else if ok != first {
			return false
		}
	}
	return true
}
