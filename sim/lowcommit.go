package sim

import (
	"fmt"
	"math"
	"slices"

	"github.com/entente/entente"
)

// entrantYears is how long after entering the system a state counts as
// new (the entrants mechanism).
const entrantYears = 5

// consult lets actors found pacts of consultation or non-aggression: each
// present actor, with probability consult.rate a year (times entry.boost
// for a state in its first entrantYears years in the system, with the
// entrants mechanism), invites up to consult.size partners of shared
// interests or shared borders (affinity), and founds the pact with those
// who accept. Such pacts carry no defence obligation: no pledges, no cover,
// no bloc (see the package documentation).
func (r *runner) consult(y int) error {
	if !r.p.On(Consultation) || r.p.ConsultRate <= 0 {
		return nil
	}
	linked := r.linkedPairs()
	for i := range r.ids {
		if !r.present[i] {
			continue
		}
		rate := r.p.ConsultRate
		if r.p.On(Entrants) && r.entry[i] > r.w.Start && y-r.entry[i] < entrantYears {
			rate *= r.p.EntryBoost
		}
		if r.rng.Float64() >= math.Min(1, rate) {
			continue
		}
		if err := r.consultFound(i, y, linked); err != nil {
			return err
		}
	}
	return nil
}

// consultFound has i invite its best consultation partners: present,
// not its rivals, not yet in a pact with it, best first by affinity
// (closeness of positions, plus one for a shared border). A partner
// accepts when its affinity to i reaches consult.affinity or it borders
// i. With the multilateral mechanism up to consult.size partners are
// invited at once, otherwise one.
func (r *runner) consultFound(i, y int, linked map[[2]int]bool) error {
	var cs []cand
	for j := range r.ids {
		if j == i || !r.present[j] || linked[r.key(i, j)] || slices.Contains(r.rivals[i], j) {
			continue
		}
		cs = append(cs, cand{j, r.affinity(i, j)})
	}
	slices.SortStableFunc(cs, bestFirst)
	size := 1
	if r.p.On(Multilateral) {
		size = max(1, r.p.ConsultSize)
	}
	founders := []entente.ActorID{r.ids[i]}
	border := false
	for _, c := range cs {
		if len(founders) > size {
			break
		}
		near := slices.Contains(r.contig[i], c.j)
		if !near && c.v < r.p.ConsultAffinity {
			continue
		}
		border = border || near
		founders = append(founders, r.ids[c.j])
	}
	if len(founders) < 2 {
		return nil
	}
	for a, x := range founders {
		for _, z := range founders[a+1:] {
			linked[r.key(r.index[x], r.index[z])] = true
		}
	}
	obl, kind := entente.Consultation, "consultation"
	if border {
		obl, kind = entente.NonAggression, "non-aggression"
	}
	r.nextPact++
	id := entente.PactID(fmt.Sprintf("sim-%d", r.nextPact))
	name := fmt.Sprintf("%s %s pact of %d (%d members)", r.ids[i], kind, y, len(founders))
	return r.found(id, name, founders, []entente.Obligation{obl}, y)
}

// affinity is how much i and j have in common: 1 − |x_i − x_j|/2 on the
// policy dimension (1 for the same position, 0 for opposite ends), plus 1
// for a shared border.
func (r *runner) affinity(i, j int) float64 {
	v := 1 - math.Abs(r.pos[i]-r.pos[j])/2
	if slices.Contains(r.contig[i], j) {
		v++
	}
	return v
}

// linkedPairs returns the pairs of actors that share a live pact.
func (r *runner) linkedPairs() map[[2]int]bool {
	out := map[[2]int]bool{}
	for _, sp := range r.live() {
		ms := r.members(sp)
		for a, i := range ms {
			for _, j := range ms[a+1:] {
				out[r.key(i, j)] = true
			}
		}
	}
	return out
}

// coalesce extends a defence pact i founds with j to more founders (the
// multilateral mechanism): the next of i's ranked candidates join while
// the pact is worth form.accept to every founder, newcomer included, up to
// form.size founders in all.
func (r *runner) coalesce(i int, founders []int, ranked []int) []int {
	if !r.p.On(Multilateral) || r.p.FormSize <= 2 {
		return founders
	}
	for _, k := range ranked {
		if len(founders) >= r.p.FormSize {
			break
		}
		if slices.Contains(founders, k) || r.rivalOfAny(k, founders) {
			continue
		}
		if r.value(k, founders) < r.p.AcceptMargin {
			continue
		}
		ok := true
		for _, f := range founders {
			if r.value(f, []int{k}) < r.p.AcceptMargin {
				ok = false
				break
			}
		}
		if ok {
			founders = append(founders, k)
		}
	}
	return founders
}
