package sim

import (
	"math"
	"slices"
	"sort"
)

// threatView is what an actor perceives in a year: the capability that
// threatens it, the capability of the allies it trusts, and the share of
// the threat left uncovered.
type threatView struct {
	need      float64
	allied    float64
	uncovered float64
	allies    map[int]float64 // ally → trust factor in [0, 1]
}

// shiftPower moves capabilities: history's trajectory where the actor has
// one, otherwise a drawn log-normal growth; then the year's shocks.
func (r *runner) shiftPower(y int) {
	if y > r.w.Start && r.p.On(PowerShifts) {
		for i := range r.cap {
			if !r.present[i] && r.entry[i] > y {
				continue // not there yet: it enters with its capability then
			}
			if v, ok := r.traj[i][y]; ok && v > 0 {
				r.cap[i] = v
				continue
			}
			r.cap[i] *= math.Exp(r.p.GrowthMean + r.p.GrowthSD*r.rng.NormFloat64())
		}
	}
	for _, s := range r.w.Shocks {
		if s.Year == y {
			r.cap[r.index[s.Actor]] *= s.Factor
		}
	}
	r.totalCap, r.maxCap = 0, 0
	for i, c := range r.cap {
		c = math.Min(math.Max(c, 1e-6), 1e12)
		r.cap[i] = c
		r.actors[i].Capabilities[Military] = c
		if r.present[i] {
			r.totalCap += c
			r.maxCap = math.Max(r.maxCap, c)
		}
	}
}

// conflict fades remembered disputes and draws this year's militarized
// disputes between rivals.
func (r *runner) conflict() {
	for _, k := range r.memoryKeys() {
		r.memory[k] *= r.p.DisputeMemory
		if r.memory[k] < 1e-3 {
			delete(r.memory, k)
		}
	}
	r.fought = map[[2]int]bool{}
	if !r.p.On(Conflict) {
		return
	}
	for i, rs := range r.rivals {
		for _, j := range rs {
			if i < j && r.present[i] && r.present[j] && r.rng.Float64() < r.p.ConflictRate {
				k := r.key(i, j)
				r.fought[k] = true
				r.memory[k]++
			}
		}
	}
}

// memoryKeys returns the remembered pairs in a fixed order.
func (r *runner) memoryKeys() [][2]int {
	keys := make([][2]int, 0, len(r.memory))
	for k := range r.memory {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(a, b int) bool {
		if keys[a][0] != keys[b][0] {
			return keys[a][0] < keys[b][0]
		}
		return keys[a][1] < keys[b][1]
	})
	return keys
}

// perceive computes every actor's threat view for the year (Walt's balance
// of threat: rivals' power, nearby power, past aggression; allies count
// as far as they are trusted).
func (r *runner) perceive() {
	n := len(r.ids)
	r.threat = make([]threatView, n)
	for i := range r.threat {
		r.threat[i].allies = map[int]float64{}
	}
	r.collectAllies()
	disputed := make([][]int, n)
	for _, k := range r.memoryKeys() {
		disputed[k[0]] = append(disputed[k[0]], k[1])
		disputed[k[1]] = append(disputed[k[1]], k[0])
	}
	for i := range r.threat {
		v := &r.threat[i]
		if !r.present[i] {
			continue // no threat perceived, none to cover
		}
		v.need = r.need(i, disputed[i])
		for _, j := range sortedKeys(v.allies) {
			v.allied += v.allies[j] * r.cap[j]
		}
		v.uncovered = v.need / (v.need + r.cap[i] + v.allied)
	}
}

// collectAllies fills each actor's allies from the live defence pacts,
// with the trust factor 2·T[i][j] (capped at 1: neutral trust counts in
// full, distrust discounts the ally).
func (r *runner) collectAllies() {
	for _, sp := range r.live() {
		if !sp.defense {
			continue
		}
		ms := r.members(sp)
		for _, i := range ms {
			for _, j := range ms {
				if i == j {
					continue
				}
				f := r.trustFactor(sp, i, j)
				if old, ok := r.threat[i].allies[j]; !ok || f > old {
					r.threat[i].allies[j] = f
				}
			}
		}
	}
}

// trustFactor is how far i counts on j in pact sp.
func (r *runner) trustFactor(sp *simPact, i, j int) float64 {
	return math.Min(1, 2*r.trustIn(sp, i, j))
}

// trustIn is i's trust in j from sp's record as of the last year end; the
// neutral 0.5 when the trust mechanism is off or there is no record.
func (r *runner) trustIn(sp *simPact, i, j int) float64 {
	if !r.p.On(Trust) || sp.trust == nil {
		return trustNeutral
	}
	if v, ok := r.score(sp, i, j); ok {
		return v
	}
	return trustNeutral
}

// need is the capability that threatens i: rivals, contiguous states and
// states it fought, unless allied, plus the common threat: a phantom
// power CommonThreat times as strong as the strongest actor. With the threat
// mechanism off every actor feels a threat equal to its own capability.
func (r *runner) need(i int, disputed []int) float64 {
	if !r.p.On(Threat) {
		return r.cap[i]
	}
	allies := r.threat[i].allies
	var sum float64
	for _, j := range r.rivals[i] {
		if _, ok := allies[j]; !ok && r.present[j] {
			sum += r.p.RivalWeight * r.cap[j]
		}
	}
	for _, j := range r.contig[i] {
		if _, ok := allies[j]; !ok && r.present[j] {
			sum += r.p.ContiguityWeight * r.cap[j]
		}
	}
	for _, j := range disputed {
		if _, ok := allies[j]; !ok && r.present[j] {
			sum += r.p.DisputeWeight * r.memory[r.key(i, j)] * r.cap[j]
		}
	}
	return sum + r.p.CommonThreat*r.maxCap
}

// gain is how much of i's threat the new allies in set would cover.
func (r *runner) gain(i int, set []int) float64 {
	v := r.threat[i]
	added := 0.0
	for _, j := range set {
		if _, ok := v.allies[j]; !ok && j != i {
			added += r.cap[j]
		}
	}
	if v.need == 0 {
		return 0
	}
	return v.uncovered - v.need/(v.need+r.cap[i]+v.allied+added)
}

// entrapment is the weight of the rivals i would take on by allying with
// set: states its new allies are rivals of and it is not (Snyder's
// entrapment), as a share of all capability, and doubled for a rival that
// fought an ally this year. It counts in proportion to the local part of
// i's threat: when a common threat dominates, the alliance security
// dilemma is muted (Snyder 1984) and local entanglements matter less.
func (r *runner) entrapment(i int, set []int) float64 {
	if !r.p.On(Entrapment) {
		return 0
	}
	var sum float64
	if r.slow {
		sum = r.entrapSumSlow(i, set)
	} else {
		// The states left out (i, its rivals, the set) and those counted
		// already are marked with this call's stamp.
		mark := r.newStamp()
		r.stamp[i] = mark
		for _, k := range r.rivals[i] {
			r.stamp[k] = mark
		}
		for _, k := range set {
			r.stamp[k] = mark
		}
		for _, j := range set {
			for _, k := range r.rivals[j] {
				if r.stamp[k] != mark {
					r.stamp[k] = mark
					w := 0.5
					if r.fought[r.key(j, k)] {
						w = 1
					}
					sum += w * r.cap[k]
				}
			}
		}
	}
	local := 1.0
	if need := r.threat[i].need; need > 0 {
		local = 1 - math.Min(1, r.p.CommonThreat*r.maxCap/need)
	}
	return r.p.EntrapCost * local * sum / r.totalCap
}

// newStamp returns a mark no entry of r.stamp holds yet, for marking a
// set of states without clearing the marks of the last one.
func (r *runner) newStamp() uint32 {
	if r.stamp == nil {
		r.stamp = make([]uint32, len(r.ids))
	}
	r.stampGen++
	if r.stampGen == 0 { // wrapped: clear the old marks
		clear(r.stamp)
		r.stampGen = 1
	}
	return r.stampGen
}

// entrapSumSlow is entrapment's sum as it was first written, the lists
// searched: the benchmarks' baseline (the same sum, in the same order).
func (r *runner) entrapSumSlow(i int, set []int) float64 {
	var seen []int
	var sum float64
	for _, j := range set {
		for _, k := range r.rivals[j] {
			if k != i && !slices.Contains(r.rivals[i], k) && !slices.Contains(set, k) && !slices.Contains(seen, k) {
				seen = append(seen, k)
				w := 0.5
				if r.fought[r.key(j, k)] {
					w = 1
				}
				sum += w * r.cap[k]
			}
		}
	}
	return sum
}

// autonomy is what i gives up by allying with a partner of capability c
// (Morrow's trade of autonomy for security): nothing while the partner is
// no stronger, rising to Autonomy as it comes to hold all of the pair's
// capability.
func (r *runner) autonomy(i int, c float64) float64 {
	s := c / (c + r.cap[i])
	return r.p.Autonomy * math.Max(0, 2*s-1)
}

// sortedKeys returns a map's integer keys in order.
func sortedKeys[V any](m map[int]V) []int {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	return keys
}
