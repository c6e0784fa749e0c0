package trust

import (
	"cmp"
	"slices"
	"time"

	"github.com/entente/entente"
)

// A tally is one item of evidence as the score-only path keeps it: not
// once in the list of every pair it concerns but once in a single list of
// the pact's evidence, with what says which pairs it counts for.
type tally struct {
	at      time.Time
	ref     string
	kind    Kind
	plus    float64 // Evidence.For
	minus   float64 // Evidence.Against
	subject int     // a commitment's member: evidence for every observer about it; -1 otherwise
	votes   []vote  // a vote item: the members who voted yes or no (a window on one shared list)
	agree   bool    // counts for the pairs who voted alike (else for those who did not)
	raiser  int     // a dispute item: its raiser ...
	others  []int   // ... and the parties it stands against
}

type vote struct {
	i   int
	yes bool
}

// sums computes every pair's evidence for and against without the lists:
// all the pact's evidence is sorted once, in the order compareEvidence
// gives each pair's merged list, and added up pair by pair in that order,
// so each sum takes the same items in the same order as
// scoreMerged(public[j], pairwise(i, j)) and is the same to the last bit.
// (No two items of one pair compare equal: commitments, proposals and
// disputes have distinct IDs within their kind, and the kinds of
// commitment, vote and dispute evidence differ.) r and s are n×n,
// indexed observer*n+subject.
func sums(s *entente.PactState, index map[entente.ActorID]int, f fader, w Weights) (r, sm []float64) {
	n := len(index)
	items := make([]tally, 0, s.Commitments.Len()+2*s.Proposals.Len()+2*s.Disputes.Len())
	// Every proposal's votes go in one list, each item holding its window.
	nv := 0
	for _, pr := range s.Proposals.All() {
		nv += pr.Votes.Len()
	}
	all := make([]vote, 0, nv)
	for _, c := range s.Commitments.All() {
		j, ok := index[c.Member]
		if !ok {
			continue
		}
		if e, ok := commitmentEvidence(c, f, w); ok {
			items = append(items, tally{at: e.At, ref: e.Ref, kind: e.Kind, plus: e.For, minus: e.Against, subject: j})
		}
	}
	for _, pr := range s.Proposals.All() {
		at := pr.Opened
		if pr.Decision != nil && !pr.Decision.At.After(f.now) {
			at = pr.Decision.At
		}
		from := len(all)
		for id, c := range pr.Votes.All() {
			if i, ok := index[id]; ok && (c == entente.Yes || c == entente.No) {
				all = append(all, vote{i, c == entente.Yes})
			}
		}
		votes := all[from:len(all):len(all)]
		if len(votes) < 2 {
			all = all[:from]
			continue
		}
		if e, ok := f.item(VoteAgreed, pr.ID, at, w.VoteAgree, 1); ok {
			items = append(items, tally{at: e.At, ref: e.Ref, kind: e.Kind, plus: e.For, minus: e.Against, subject: -1, votes: votes, agree: true})
		}
		if e, ok := f.item(VoteDisagreed, pr.ID, at, w.VoteDisagree, 0); ok {
			items = append(items, tally{at: e.At, ref: e.Ref, kind: e.Kind, plus: e.For, minus: e.Against, subject: -1, votes: votes})
		}
	}
	for _, d := range s.Disputes.All() {
		if len(d.Parties) < 2 {
			continue
		}
		raiser, ok := index[d.Parties[0]]
		if !ok {
			continue
		}
		var others []int
		for _, id := range d.Parties[1:] {
			if o, ok := index[id]; ok && o != raiser {
				others = append(others, o)
			}
		}
		if len(others) == 0 {
			continue
		}
		if e, ok := f.item(DisputeOpened, d.ID, d.Opened, w.Dispute, 0); ok {
			items = append(items, tally{at: e.At, ref: e.Ref, kind: e.Kind, plus: e.For, minus: e.Against, subject: -1, raiser: raiser, others: others})
		}
		if d.Stage == entente.Closed {
			if e, ok := f.item(DisputeResolved, d.ID, d.Closed, w.DisputeResolved, 1); ok {
				items = append(items, tally{at: e.At, ref: e.Ref, kind: e.Kind, plus: e.For, minus: e.Against, subject: -1, raiser: raiser, others: others})
			}
		}
	}
	slices.SortFunc(items, func(a, b tally) int { // compareEvidence's order
		if c := a.at.Compare(b.at); c != 0 {
			return c
		}
		if c := cmp.Compare(a.ref, b.ref); c != 0 {
			return c
		}
		return cmp.Compare(a.kind, b.kind)
	})
	r, sm = make([]float64, n*n), make([]float64, n*n)
	add := func(k int, t *tally) {
		r[k] += t.plus
		sm[k] += t.minus
	}
	for k := range items {
		t := &items[k]
		switch {
		case t.subject >= 0:
			for i := range n {
				if i != t.subject {
					add(i*n+t.subject, t)
				}
			}
		case t.votes != nil:
			for a := range t.votes {
				for b := a + 1; b < len(t.votes); b++ {
					if (t.votes[a].yes == t.votes[b].yes) == t.agree {
						x, y := t.votes[a].i, t.votes[b].i
						add(x*n+y, t)
						add(y*n+x, t)
					}
				}
			}
		default:
			for _, o := range t.others {
				add(t.raiser*n+o, t)
				add(o*n+t.raiser, t)
			}
		}
	}
	return r, sm
}
