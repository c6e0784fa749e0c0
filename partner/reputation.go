package partner

import (
	"sort"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/trust"
)

// ReputationFromPacts gives each actor a reputation in [0, 1] from its
// record in the pacts it has been a member of: the mean, over every pact
// and every fellow member as observer, of the observer's trust in it (the
// beta-reputation value of package trust at now),
//
//	rep_j = (1/|O_j|) Σ_{(p, i) ∈ O_j} T_p[i][j]
//
// where O_j holds the (pact, observer) pairs with i ≠ j both ever members
// of pact p. Each trust value is 0.5 without evidence, so a member with no
// record stays neutral. An actor that has been in no pact with another
// member is not in the result; Rank then gives it the neutral 0.5.
// EigenTrust reputations are not used because they sum to one within each
// pact and so are not comparable across pacts of different sizes.
func ReputationFromPacts(pacts []*entente.PactState, now time.Time, opts trust.Options) map[entente.ActorID]float64 {
	sum := map[entente.ActorID]float64{}
	n := map[entente.ActorID]int{}
	for _, p := range pacts {
		if p == nil {
			continue
		}
		res := trust.Compute(p, now, opts)
		for _, pair := range sortedPairs(res.Trust) {
			sum[pair.To] += res.Trust[pair].Value
			n[pair.To]++
		}
	}
	out := make(map[entente.ActorID]float64, len(sum))
	for id, s := range sum {
		out[id] = s / float64(n[id])
	}
	return out
}

// sortedPairs returns the pairs of m in order, so that sums are taken in
// the same order every run.
func sortedPairs(m map[trust.Pair]trust.Score) []trust.Pair {
	out := make([]trust.Pair, 0, len(m))
	for p := range m {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].To != out[j].To {
			return out[i].To < out[j].To
		}
		return out[i].From < out[j].From
	})
	return out
}

// SuggestFor ranks partners for the pact st as Suggest does, with each
// candidate's reputation from the record of pacts up to now
// (ReputationFromPacts). A dissolved pact takes no partners: ECONFLICT.
func SuggestFor(st *entente.PactState, actors []*entente.Actor, pacts []*entente.PactState, now time.Time, obj Objective, opts Options) ([]Candidate, error) {
	if st.Dissolved != nil {
		return nil, entente.Errorf(entente.ECONFLICT, "partner suggest: %s was dissolved on %s: it takes no partners", st.Pact.ID, st.Dissolved.At.Format(time.DateOnly))
	}
	opts.Reputation = ReputationFromPacts(pacts, now, trust.Options{})
	return Suggest(st, actors, obj, opts), nil
}
