package sim

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/entente/entente"
)

// quiet returns parameters with everything switched off but what a
// mechanism test looks at.
func quiet(keep ...Mechanism) Params {
	p := DefaultParams()
	for _, m := range Mechanisms {
		p.Off[m] = true
	}
	for _, m := range keep {
		delete(p.Off, m)
	}
	p.LeaveBias = -50 // nobody leaves for reasons the test does not study
	p.SeekRate = 0
	return p
}

// onePact is a world of actors with the given capabilities, all in one
// defence pact, with positions drawn from N(0, 0.4²) by seed.
func onePact(caps []float64, seed uint64) *World {
	rng := rand.New(rand.NewPCG(seed, 1))
	w := &World{Start: 1950}
	var ids []entente.ActorID
	for i, c := range caps {
		id := entente.ActorID(fmt.Sprintf("m%02d", i))
		ids = append(ids, id)
		w.Actors = append(w.Actors, ActorSpec{ID: id, Capability: c, Position: 0.4 * rng.NormFloat64()})
	}
	w.Pacts = []PactSpec{{ID: "pact", Members: ids, Obligations: []entente.Obligation{entente.Defense}}}
	return w
}

// meanStat is the mean of a statistic over the runs in the given years.
func meanStat(t *testing.T, rows []Row, stat string, from, to int) float64 {
	t.Helper()
	var sum, n float64
	for _, r := range rows {
		if r.Statistic == stat && r.Year >= from && r.Year <= to {
			sum += r.Value
			n++
		}
	}
	if n == 0 {
		t.Fatalf("no %s rows in %d-%d", stat, from, to)
	}
	return sum / n
}

func sweep(t *testing.T, w *World, p Params, years, runs int) []Row {
	t.Helper()
	rows, err := Batch(context.Background(), w, p, BatchOptions{Options: Options{Years: years}, Runs: runs, Seed: 1, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// Without monitoring, free riding moves deliveries towards the
// Olson–Zeckhauser equilibrium, where the largest member carries the pact:
// its share of what is delivered rises from near its capability share
// (the pledges) towards the equilibrium share. Monitoring with a sanction
// that outweighs the cost keeps the small at their pledges, so the largest
// member's share settles at the lower equilibrium of the monitored game
// (it still delivers beyond its pledge: it values the pact most).
func TestFreeRidingMovesTowardsOlsonZeckhauser(t *testing.T) {
	caps := []float64{10, 4, 3, 2, 1}
	w := onePact(caps, 1)
	p := quiet(PublicGoods, Threat) // threat on, but no rival, neighbour or common threat: none perceived
	v, pledges := make([]float64, len(caps)), make([]float64, len(caps))
	for i, c := range caps {
		v[i], pledges[i] = p.Valuation*c, p.PledgeRate*c // no threat: uncovered is 0
	}
	eq := Equilibrium(v, pledges, p.Saturation, 0)
	predicted := eq[0] / sum(eq)
	eqMon := Equilibrium(v, pledges, p.Saturation, p.Penalty)
	monitored := eqMon[0] / sum(eqMon)
	capShare := caps[0] / sum(caps)
	if !(capShare <= monitored && monitored < predicted) {
		t.Fatalf("capability share %.3f, monitored equilibrium %.3f, unmonitored %.3f: expected them in order", capShare, monitored, predicted)
	}

	tests := []struct {
		name       string
		monitoring float64
		check      func(first, last float64) error
	}{
		{"no monitoring", 0, func(first, last float64) error {
			if !(last > first+0.2 && math.Abs(last-predicted) < math.Abs(first-predicted)/3) {
				return fmt.Errorf("largest share %.3f → %.3f, expected it to rise most of the way to %.3f", first, last, predicted)
			}
			return nil
		}},
		{"full monitoring", 1, func(first, last float64) error {
			if math.Abs(last-monitored) > 0.03 {
				return fmt.Errorf("largest share %.3f → %.3f, expected it to settle at the monitored equilibrium %.3f (pledges kept)", first, last, monitored)
			}
			return nil
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := p.Clone()
			p.Monitoring = tc.monitoring
			rows := sweep(t, w, p, 30, 4)
			first := meanStat(t, rows, "largest_share", 1950, 1950)
			last := meanStat(t, rows, "largest_share", 1975, 1979)
			t.Logf("%s: largest member's share of deliveries %.3f in the first year, %.3f in years 26-30; capability share %.3f, equilibrium with monitoring %.3f, without (Olson-Zeckhauser) %.3f",
				tc.name, first, last, capShare, monitored, predicted)
			if err := tc.check(first, last); err != nil {
				t.Error(err)
			}
		})
	}
}

func sum(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s
}

// A strong threat that every actor shares draws them all into one bloc,
// most of them into one pact (rivals included: the common enemy outweighs
// the rivalry); with local threats alone (rivals among neighbours) actors
// ally too, but in many small pacts.
func TestCommonThreatYieldsOneBloc(t *testing.T) {
	w := Synthetic(30, 2, 1950, 9)
	measure := func(common float64) (blocs, pact, allied float64) {
		p := DefaultParams()
		p.CommonThreat = common
		// Founding by more than two at once splits the first seekers
		// into several pacts of four: the bloc is still one, but the
		// largest pact then holds about half of it (0.52), not most.
		p.Off[Multilateral] = true
		rows := sweep(t, w, p, 20, 4)
		blocs = meanStat(t, rows, "blocs", 1969, 1969)
		pact = meanStat(t, rows, "largest_pact", 1969, 1969)
		allied = meanStat(t, rows, "allied_share", 1969, 1969)
		t.Logf("common threat %g after 20 years (mean of 4 runs): %.2f blocs, largest pact holds %.2f of actors, %.2f allied",
			common, blocs, pact, allied)
		return blocs, pact, allied
	}
	_, localPact, _ := measure(0)
	blocs, pact, allied := measure(2)
	if blocs != 1 || allied < 0.95 {
		t.Errorf("common threat: %.2f blocs, %.2f allied; want one bloc of (nearly) everyone", blocs, allied)
	}
	if !(pact >= 0.6 && localPact < 0.35 && pact > 2*localPact) {
		t.Errorf("largest pact %.2f with the common threat, %.2f with local threats; want at least 0.6, under 0.35, and twice as large",
			pact, localPact)
	}
}

// Unanimity among many members deadlocks more often than a simple
// majority, and more often the more members there are.
func TestUnanimityDeadlocksMoreThanMajority(t *testing.T) {
	deadlock := func(members int, rule entente.RuleKind) float64 {
		caps := make([]float64, members)
		for i := range caps {
			caps[i] = 1
		}
		p := quiet(Proposals)
		p.ProposalRate = 1
		p.GeneralRule = rule
		var sum float64
		for seed := uint64(1); seed <= 5; seed++ { // five worlds, their positions drawn anew
			sum += meanStat(t, sweep(t, onePact(caps, seed), p, 40, 2), "deadlock", 1950, 1989)
		}
		return sum / 5
	}
	uBig, mBig := deadlock(12, entente.Unanimity), deadlock(12, entente.SimpleMajority)
	uSmall := deadlock(3, entente.Unanimity)
	t.Logf("share of proposals rejected: unanimity of 12 %.3f, simple majority of 12 %.3f, unanimity of 3 %.3f", uBig, mBig, uSmall)
	if !(uBig > mBig+0.2) {
		t.Errorf("unanimity of 12 rejects %.3f, majority %.3f: expected unanimity to deadlock clearly more", uBig, mBig)
	}
	if !(uBig > uSmall) {
		t.Errorf("unanimity of 12 rejects %.3f, of 3 %.3f: expected more members to deadlock more", uBig, uSmall)
	}
}

func TestEquilibriumOfTheAllianceGame(t *testing.T) {
	tests := []struct {
		name     string
		v, pl    []float64
		expected float64
		want     []float64
	}{
		{"no monitoring: the largest carries it", []float64{5, 2, 1}, []float64{1, 0.4, 0.2}, 0, []float64{4, 0, 0}},
		{"sanction outweighs cost: pledges kept", []float64{5, 2, 1}, []float64{1, 0.4, 0.2}, 1, []float64{3.4, 0.4, 0.2}},
		{"equal members share", []float64{3, 3}, []float64{0, 0}, 0, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Equilibrium(tc.v, tc.pl, 1, tc.expected)
			if tc.want == nil { // any split of v−κ is an equilibrium; the total is fixed
				if math.Abs(sum(got)-2) > 1e-9 {
					t.Errorf("total %v, want 2", sum(got))
				}
				return
			}
			for i := range got {
				if math.Abs(got[i]-tc.want[i]) > 1e-9 {
					t.Fatalf("got %v, want %v", got, tc.want)
				}
			}
		})
	}
}
