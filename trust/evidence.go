package trust

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/entente/entente"
)

// Kind says what an item of evidence is.
type Kind string

// The kinds of evidence. The first four are about a commitment and public:
// every other member sees them alike. The others are pairwise.
const (
	// Kept is a commitment fulfilled in full by its due date.
	Kept Kind = "kept"
	// Late is a commitment fulfilled in full after its due date.
	Late Kind = "late"
	// Partial is a commitment past its due date with part delivered.
	Partial Kind = "partial"
	// Missed is a commitment past its due date with nothing delivered.
	Missed Kind = "missed"
	// VoteAgreed is a proposal on which both members voted the same way
	// (both yes or both no).
	VoteAgreed Kind = "vote_agreed"
	// VoteDisagreed is a proposal on which one voted yes and the other no.
	VoteDisagreed Kind = "vote_disagreed"
	// DisputeOpened is a dispute in which the two members stand on opposite
	// sides.
	DisputeOpened Kind = "dispute_opened"
	// DisputeResolved is such a dispute closed with an outcome.
	DisputeResolved Kind = "dispute_resolved"
)

// Evidence is one item that moved a trust score: what it was, which
// commitment, proposal or dispute it came from, when, and how much it
// counted for and against after fading. For + Against = Weight.
type Evidence struct {
	Kind Kind   `json:"kind"`
	Ref  string `json:"ref"` // commitment, proposal or dispute ID
	// At is when the evidence arose: when a commitment was fulfilled or
	// fell due, when a vote was decided, when a dispute opened or closed.
	At time.Time `json:"at"`
	// Base is the weight before fading (from Weights).
	Base float64 `json:"base"`
	// Weight is Base × 0.5^(age/half-life), the age measured at now.
	Weight  float64 `json:"weight"`
	For     float64 `json:"for"`     // Weight × quality: added to the positive evidence r
	Against float64 `json:"against"` // Weight × (1 − quality): added to the negative evidence s
}

// Weights are the base weights of each kind of evidence and the credit a
// late delivery earns. The zero Weights stands for DefaultWeights; set every
// field when setting one.
type Weights struct {
	// Commitment is the weight of one commitment's outcome.
	Commitment float64 `json:"commitment"`
	// LateCredit is the quality (the share counted for) of a commitment
	// fulfilled late; a partial delivery earns LateCredit × the share
	// delivered. In [0, 1].
	LateCredit float64 `json:"late_credit"`
	// VoteAgree is the weight of voting the same way on a proposal.
	VoteAgree float64 `json:"vote_agree"`
	// VoteDisagree is the weight of voting the opposite way.
	VoteDisagree float64 `json:"vote_disagree"`
	// Dispute is the weight of standing against the observer in a dispute.
	Dispute float64 `json:"dispute"`
	// DisputeResolved is the weight of that dispute being resolved.
	DisputeResolved float64 `json:"dispute_resolved"`
}

// DefaultWeights returns the weights Compute uses unless told otherwise. A
// commitment is the unit. Disagreeing in a vote weighs less than agreeing
// because disagreement is the ordinary business of a pact, not a breach. A
// dispute weighs as much as a missed commitment; its resolution wins back
// half of that, so a dispute settled still leaves a net mark.
func DefaultWeights() Weights {
	return Weights{
		Commitment:      1,
		LateCredit:      0.5,
		VoteAgree:       0.25,
		VoteDisagree:    0.1,
		Dispute:         1,
		DisputeResolved: 0.5,
	}
}

// fader turns a base weight and a time into a faded weight.
type fader struct {
	now      time.Time
	halfLife time.Duration // < 0: no fading
}

// weight returns base × 0.5^(age/halfLife), and false for evidence dated
// after now, which is not yet known at now.
func (f fader) weight(base float64, at time.Time) (float64, bool) {
	age := f.now.Sub(at)
	if age < 0 {
		return 0, false
	}
	if f.halfLife < 0 {
		return base, true
	}
	return base * math.Exp2(-float64(age)/float64(f.halfLife)), true
}

// item builds an evidence item of the given quality, or reports false when
// it does not count (no weight, or dated after now).
func (f fader) item(kind Kind, ref string, at time.Time, base, quality float64) (Evidence, bool) {
	if !(base > 0) {
		return Evidence{}, false
	}
	w, ok := f.weight(base, at)
	if !ok {
		return Evidence{}, false
	}
	return Evidence{Kind: kind, Ref: ref, At: at, Base: base, Weight: w,
		For: w * quality, Against: w * (1 - quality)}, true
}

// commitmentEvidence returns the evidence a commitment gives at now, if it
// has come to anything yet: a commitment neither fulfilled nor due is no
// evidence either way.
func commitmentEvidence(c *entente.Commitment, f fader, w Weights) (Evidence, bool) {
	delivered := 0.0
	if c.Amount > 0 {
		delivered = min(max(c.Delivered/c.Amount, 0), 1)
	}
	fulfilled := !c.FulfilledAt.IsZero() && !c.FulfilledAt.After(f.now)
	switch {
	case fulfilled && !c.Late && !c.FulfilledAt.After(c.Due):
		return f.item(Kept, c.ID, c.FulfilledAt, w.Commitment, 1)
	case fulfilled:
		return f.item(Late, c.ID, c.FulfilledAt, w.Commitment, w.LateCredit)
	case c.Late || f.now.After(c.Due):
		// Overdue: the Late flag is set only when the state was advanced,
		// so the due date is checked against now as well.
		if delivered > 0 {
			return f.item(Partial, c.ID, c.Due, w.Commitment, w.LateCredit*delivered)
		}
		return f.item(Missed, c.ID, c.Due, w.Commitment, 0)
	}
	return Evidence{}, false
}

// publicEvidence returns, for each member index, the evidence of its own
// commitments, sorted.
func publicEvidence(s *entente.PactState, index map[entente.ActorID]int, f fader, w Weights) [][]Evidence {
	out := make([][]Evidence, len(index))
	for _, c := range s.Commitments.All() {
		j, ok := index[c.Member]
		if !ok {
			continue
		}
		if e, ok := commitmentEvidence(c, f, w); ok {
			out[j] = append(out[j], e)
		}
	}
	for _, list := range out {
		slices.SortFunc(list, compareEvidence)
	}
	return out
}

// pairwise holds the evidence each ordered pair of members shares, in an
// n×n table indexed observer*n+subject.
type pairwise struct {
	n     int
	items [][]Evidence
}

func newPairwise(n int) *pairwise { return &pairwise{n: n, items: make([][]Evidence, n*n)} }

// addBoth records e as evidence for i about j and for j about i: votes and
// disputes are symmetric.
func (p *pairwise) addBoth(i, j int, e Evidence) {
	p.items[i*p.n+j] = append(p.items[i*p.n+j], e)
	p.items[j*p.n+i] = append(p.items[j*p.n+i], e)
}

func (p *pairwise) get(i, j int) []Evidence { return p.items[i*p.n+j] }

// pairwiseEvidence collects vote agreement and dispute evidence between
// every two members.
func pairwiseEvidence(s *entente.PactState, index map[entente.ActorID]int, f fader, w Weights) *pairwise {
	p := newPairwise(len(index))
	for _, pr := range s.Proposals.All() {
		addVotes(p, pr, index, f, w)
	}
	for _, d := range s.Disputes.All() {
		addDispute(p, d, index, f, w)
	}
	for _, list := range p.items {
		slices.SortFunc(list, compareEvidence)
	}
	return p
}

// addVotes adds the evidence of one proposal: for every two members who
// both voted yes or no, agreement or disagreement. Abstentions say
// nothing. Votes carry no time of their own in the state, so the evidence
// is dated when the proposal was decided, or opened if it is still open.
func addVotes(p *pairwise, pr *entente.Proposal, index map[entente.ActorID]int, f fader, w Weights) {
	at := pr.Opened
	if pr.Decision != nil && !pr.Decision.At.After(f.now) {
		at = pr.Decision.At
	}
	type vote struct {
		i   int
		yes bool
	}
	var votes []vote
	for id, c := range pr.Votes.All() {
		if i, ok := index[id]; ok && (c == entente.Yes || c == entente.No) {
			votes = append(votes, vote{i, c == entente.Yes})
		}
	}
	agree, okAgree := f.item(VoteAgreed, pr.ID, at, w.VoteAgree, 1)
	disagree, okDisagree := f.item(VoteDisagreed, pr.ID, at, w.VoteDisagree, 0)
	for a := range votes {
		for b := a + 1; b < len(votes); b++ {
			e, ok := agree, okAgree
			if votes[a].yes != votes[b].yes {
				e, ok = disagree, okDisagree
			}
			if ok {
				p.addBoth(votes[a].i, votes[b].i, e)
			}
		}
	}
}

// addDispute adds the evidence of one dispute. Parties[0] raised it against
// the others, so the raiser stands against each other party (and each of
// them against the raiser); co-respondents are on the same side and give
// each other no evidence.
func addDispute(p *pairwise, d *entente.Dispute, index map[entente.ActorID]int, f fader, w Weights) {
	if len(d.Parties) < 2 {
		return
	}
	raiser, ok := index[d.Parties[0]]
	if !ok {
		return
	}
	opened, okOpened := f.item(DisputeOpened, d.ID, d.Opened, w.Dispute, 0)
	var resolved Evidence
	okResolved := false
	if d.Stage == entente.Closed {
		resolved, okResolved = f.item(DisputeResolved, d.ID, d.Closed, w.DisputeResolved, 1)
	}
	for _, id := range d.Parties[1:] {
		other, ok := index[id]
		if !ok || other == raiser {
			continue
		}
		if okOpened {
			p.addBoth(raiser, other, opened)
		}
		if okResolved {
			p.addBoth(raiser, other, resolved)
		}
	}
}

// compareEvidence orders evidence by time, then reference, then kind, so
// that lists (and the sums over them) are the same on every run.
func compareEvidence(a, b Evidence) int {
	if c := a.At.Compare(b.At); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Ref, b.Ref); c != 0 {
		return c
	}
	return cmp.Compare(a.Kind, b.Kind)
}

// mergeEvidence merges two sorted lists into a new one.
func mergeEvidence(a, b []Evidence) []Evidence {
	out := make([]Evidence, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if compareEvidence(b[0], a[0]) < 0 {
			out, b = append(out, b[0]), b[1:]
		} else {
			out, a = append(out, a[0]), a[1:]
		}
	}
	out = append(out, a...)
	return append(out, b...)
}
