package sim

import (
	"context"
	"math"
	"math/rand/v2"
	"sort"

	"github.com/entente/entente"
)

// NullModel is the baseline the simulator must beat: alliances form and
// end at history's yearly rates, but among partners picked at random. It
// keeps no rules, threats, trust or contributions: each year, every alliance
// in force ends with probability EndRate; FormRate × (number of states)
// new alliances form (a Poisson number), each of 2 + a geometric number of
// members with mean ExtraMembers, drawn uniformly from the states in the
// system, a defence pact with probability DefenceShare. It starts from the
// World's pacts and follows its actors' entries, exits and capability
// trajectories, and reports the statistics of Moments (and states) as
// the simulator defines them.
type NullModel struct {
	FormRate     float64 // new alliances a year per state in the system
	EndRate      float64 // yearly chance that an alliance in force ends
	ExtraMembers float64 // mean members of a new alliance beyond two
	DefenceShare float64 // chance that a new alliance is a defence pact
}

// NullRates estimates the null model from real yearly rows over a span:
// formations per state-year, terminations per alliance-year, and the span
// means of mean_members (less two) and defence_share.
func NullRates(real []Row, sp Span) NullModel {
	s := MeanSeries(real)
	var formed, states, ended, alliances float64
	for y := sp.From; y <= sp.To; y++ {
		formed += s["formations"][y]
		states += s["states"][y]
		ended += s["terminations"][y]
		alliances += s["alliances"][y]
	}
	m := NullModel{FormRate: ratio(formed, states), EndRate: ratio(ended, alliances),
		ExtraMembers: math.Max(0, s.spanMean("mean_members", sp)-2), DefenceShare: s.spanMean("defence_share", sp)}
	for _, v := range []*float64{&m.FormRate, &m.EndRate, &m.ExtraMembers, &m.DefenceShare} {
		if math.IsNaN(*v) {
			*v = 0
		}
	}
	return m
}

// nullPact is an alliance of the null model.
type nullPact struct {
	members []int
	defence bool
}

// RunNull simulates one replication of the null model from w for years
// years; the same (seed, run) gives the same rows.
func RunNull(w *World, m NullModel, years int, seed uint64, run int) ([]Row, error) {
	if err := w.Validate(); err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(seed, uint64(run)^0x9e3779b97f4a7c15))
	r := newRunner(w, DefaultParams(), rng)
	var pacts []*nullPact
	for _, ps := range w.Pacts {
		np := &nullPact{defence: hasDefense(ps.Obligations) || len(ps.Obligations) == 0}
		for _, id := range ps.Members {
			if i := r.index[id]; !containsInt(np.members, i) {
				np.members = append(np.members, i)
			}
		}
		if len(np.members) >= 2 {
			pacts = append(pacts, np)
		}
	}
	var rows []Row
	for y := w.Start; y < w.Start+years; y++ {
		r.arrive(y)
		for i := range r.cap {
			if v, ok := r.traj[i][y]; ok && v > 0 && r.present[i] {
				r.cap[i] = v
			}
		}
		var formed, ended float64
		kept := pacts[:0]
		for _, np := range pacts {
			np.members = presentOnly(np.members, r.present)
			if len(np.members) < 2 || rng.Float64() < m.EndRate {
				ended++
				continue
			}
			kept = append(kept, np)
		}
		pacts = kept
		var present []int
		for i, ok := range r.present {
			if ok {
				present = append(present, i)
			}
		}
		for k := poisson(rng, m.FormRate*float64(len(present))); k > 0 && len(present) >= 2; k-- {
			size := 2
			for rng.Float64() < m.ExtraMembers/(1+m.ExtraMembers) && size < len(present) {
				size++
			}
			np := &nullPact{defence: rng.Float64() < m.DefenceShare}
			for _, j := range rng.Perm(len(present))[:size] {
				np.members = append(np.members, present[j])
			}
			sort.Ints(np.members)
			pacts = append(pacts, np)
			formed++
		}
		rows = append(rows, r.nullStats(run, y, pacts, formed, ended)...)
	}
	return rows, nil
}

// BatchNull runs the null model's replications, in run order.
func BatchNull(ctx context.Context, w *World, m NullModel, years, runs int, seed uint64) ([]Row, error) {
	var rows []Row
	for run := 0; run < runs; run++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rs, err := RunNull(w, m, years, seed, run)
		if err != nil {
			return nil, err
		}
		rows = append(rows, rs...)
	}
	return rows, nil
}

// nullStats measures the null model's alliances as observe measures the
// simulator's.
func (r *runner) nullStats(run, y int, pacts []*nullPact, formed, ended float64) []Row {
	n := float64(r.states)
	var defence, members, asym float64
	allied := map[int]bool{}
	pairs := map[[2]int]bool{}
	for _, np := range pacts {
		members += float64(len(np.members))
		if np.defence {
			defence++
		}
		caps := make([]float64, len(np.members))
		for k, i := range np.members {
			caps[k] = r.cap[i]
			if np.defence {
				allied[i] = true
			}
			for _, j := range np.members[k+1:] {
				pairs[r.key(i, j)] = true
			}
		}
		sort.Sort(sort.Reverse(sort.Float64Slice(caps)))
		if entente.Classify(caps[0]/caps[1]) == "asymmetric" {
			asym++
		}
	}
	k := float64(len(pacts))
	values := map[string]float64{
		"states": n, "alliances": k, "defence_share": ratio(defence, k), "allied_share": ratio(float64(len(allied)), n),
		"mean_members": ratio(members, k), "asymmetric_share": ratio(asym, k),
		"density": ratio(float64(len(pairs)), n*(n-1)/2), "formations": formed, "terminations": ended,
	}
	var rows []Row
	for _, s := range append([]string{"states"}, Moments...) {
		if v := values[s]; !math.IsNaN(v) {
			rows = append(rows, Row{Run: run, Year: y, Statistic: s, Value: v})
		}
	}
	return rows
}

func presentOnly(ms []int, present []bool) []int {
	out := ms[:0]
	for _, i := range ms {
		if present[i] {
			out = append(out, i)
		}
	}
	return out
}

func containsInt(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// poisson draws a Poisson number with mean lambda (Knuth's method; the
// means here are small).
func poisson(rng *rand.Rand, lambda float64) int {
	if !(lambda > 0) {
		return 0
	}
	l, k, p := math.Exp(-lambda), 0, 1.0
	for {
		p *= rng.Float64()
		if p <= l {
			return k
		}
		k++
	}
}
