package partner_test

import (
	"math"
	"testing"

	"github.com/entente/entente"
	"github.com/entente/entente/partner"
)

func f(v float64) *float64 { return &v }

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-12*math.Max(1, math.Abs(b)) }

func checkNear(t *testing.T, what string, got, want float64) {
	t.Helper()
	if !near(got, want) {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

func TestKogutSinghHandWorked(t *testing.T) {
	u := &entente.Culture{PowerDistance: f(40), Individualism: f(80), Masculinity: f(60)}
	j := &entente.Culture{PowerDistance: f(60), Individualism: f(50), UncertaintyAvoidance: f(70)}
	v := &entente.Culture{PowerDistance: f(100), Individualism: f(225), Masculinity: f(400), UncertaintyAvoidance: f(50)}
	// Dimensions scored for both with a known variance: power distance and
	// individualism (u has no uncertainty avoidance, j no masculinity), so
	// d = 2:
	//   power distance  (60 − 40)² / 100 = 400/100 = 4
	//   individualism   (50 − 80)² / 225 = 900/225 = 4
	//   KS = (4 + 4) / 2 = 4
	ks, d := partner.KogutSingh(u, j, v)
	if d != 2 {
		t.Fatalf("d = %d, want 2", d)
	}
	checkNear(t, "KS", ks, 4)

	// Symmetric in u and j.
	if ks2, _ := partner.KogutSingh(j, u, v); !near(ks2, ks) {
		t.Errorf("KS(j, u) = %v, KS(u, j) = %v", ks2, ks)
	}
	// No common dimension: unknown, not zero.
	if ks, d := partner.KogutSingh(&entente.Culture{Indulgence: f(10)}, j, v); d != 0 || !math.IsNaN(ks) {
		t.Errorf("no common dimension: KS %v over %d, want NaN over 0", ks, d)
	}
	if ks, d := partner.KogutSingh(nil, j, v); d != 0 || !math.IsNaN(ks) {
		t.Errorf("nil culture: KS %v over %d, want NaN over 0", ks, d)
	}
}

func TestCultureVarianceIsSampleVariance(t *testing.T) {
	// Power distance 40, 60, 80: mean 60, squares 400 + 0 + 400 = 800,
	// over n − 1 = 2: 400. Individualism has one score: unknown.
	pool := []*entente.Culture{
		{PowerDistance: f(40), Individualism: f(10)},
		{PowerDistance: f(60)},
		{PowerDistance: f(80)},
		nil,
	}
	v := partner.CultureVariance(pool)
	if v == nil || v.PowerDistance == nil {
		t.Fatalf("variance %+v, want power distance", v)
	}
	checkNear(t, "V(power distance)", *v.PowerDistance, 400)
	if v.Individualism != nil || v.Masculinity != nil {
		t.Errorf("dimensions with fewer than two scores: %+v, want unknown", v)
	}
}

func TestComplementarityHandWorked(t *testing.T) {
	obj := partner.Objective{"technology": 150, "staff": 50}
	gap := obj.Gap(map[string]float64{"technology": 50, "economic": 10})
	// gap: technology 150 − 50 = 100, staff 50 − 0 = 50; Σ gap = 150.
	if gap["technology"] != 100 || gap["staff"] != 50 || len(gap) != 2 {
		t.Fatalf("gap %v", gap)
	}
	// The candidate fills min(100, 30) = 30 of technology and
	// min(50, 80) = 50 of staff; economic is not sought. 80/150.
	c, ok := partner.Complementarity(gap, map[string]float64{"technology": 30, "staff": 80, "economic": 999})
	if !ok {
		t.Fatal("unknown")
	}
	checkNear(t, "C", c, 80.0/150)

	// A candidate that lists none of the sought capabilities fills nothing.
	if c, ok := partner.Complementarity(gap, map[string]float64{"economic": 5}); !ok || c != 0 {
		t.Errorf("other capabilities only: %v %v, want 0 known", c, ok)
	}
	// One with no capabilities at all is unknown.
	if c, ok := partner.Complementarity(gap, nil); ok || !math.IsNaN(c) {
		t.Errorf("no capabilities: %v %v, want unknown", c, ok)
	}
	// An objective already met leaves nothing to fill: unknown.
	met := obj.Gap(map[string]float64{"technology": 200, "staff": 50})
	if c, ok := partner.Complementarity(met, map[string]float64{"staff": 1}); ok || !math.IsNaN(c) {
		t.Errorf("no gap: %v %v, want unknown", c, ok)
	}
	// The fill is capped by the gap: a giant closes it, no more.
	if c, _ := partner.Complementarity(gap, map[string]float64{"technology": 1e9, "staff": 1e9}); c != 1 {
		t.Errorf("giant: %v, want 1", c)
	}
}

func TestAutonomyCostHandWorked(t *testing.T) {
	for _, tc := range []struct{ s, want float64 }{
		{0, 0}, {0.25, 0}, {0.5, 0}, // no stronger than the actor: no cost
		{0.75, 0.5}, // 2·0.75 − 1
		{0.9, 0.8},  // 2·0.9 − 1
		{1, 1},
	} {
		checkNear(t, "cost", partner.AutonomyCost(tc.s), tc.want)
	}
	for _, s := range []float64{-0.1, 1.1, math.NaN()} {
		if c := partner.AutonomyCost(s); !math.IsNaN(c) {
			t.Errorf("cost(%v) = %v, want NaN", s, c)
		}
	}

	// Through Rank: the actor has economic 100, the candidate 300, so
	// s = 300/400 = 0.75, cost 0.5, normalised 0.5.
	u := &entente.Actor{ID: "u", Capabilities: map[string]float64{"economic": 100}}
	j := &entente.Actor{ID: "j", Capabilities: map[string]float64{"economic": 300}}
	got := partner.Rank(u, []*entente.Actor{j}, nil, partner.Options{PowerMeasure: "economic"})
	p := got[0].Part(partner.PartAutonomy)
	if !p.Known {
		t.Fatalf("autonomy unknown: %+v", p)
	}
	checkNear(t, "raw share", p.Raw, 0.75)
	checkNear(t, "normalised", p.Normalised, 0.5)
}

func TestPositionAlignmentHandWorked(t *testing.T) {
	x := map[string]float64{"a": 0, "b": 10}
	y := map[string]float64{"a": 5, "b": 10, "c": 3}
	ranges := map[string]float64{"a": 10, "b": 20}
	// Shared issues a and b: scaled differences 5/10 = 0.5 and 0; distance
	// sqrt((0.25 + 0)/2) = sqrt(0.125); A = 1 − 0.353553...
	raw, norm, n, ok := partner.PositionAlignment(x, y, ranges, partner.Distance)
	if !ok || n != 2 {
		t.Fatalf("ok %v over %d issues", ok, n)
	}
	checkNear(t, "A", norm, 1-math.Sqrt(0.125))
	checkNear(t, "raw", raw, norm)

	// Cosine: (1, 0) and (1, 1): cos = 1/√2, normalised (1 + cos)/2.
	raw, norm, _, ok = partner.PositionAlignment(map[string]float64{"a": 1, "b": 0}, map[string]float64{"a": 1, "b": 1}, nil, partner.Cosine)
	if !ok {
		t.Fatal("cosine unknown")
	}
	checkNear(t, "cos", raw, 1/math.Sqrt2)
	checkNear(t, "cosine normalised", norm, (1+1/math.Sqrt2)/2)

	if _, _, n, ok := partner.PositionAlignment(x, map[string]float64{"z": 1}, nil, partner.Distance); ok || n != 0 {
		t.Errorf("no shared issue: ok %v n %d, want unknown", ok, n)
	}
}

func TestSharedRivalsJaccard(t *testing.T) {
	u := &entente.Actor{ID: "u"}
	j := &entente.Actor{ID: "j"}
	k := &entente.Actor{ID: "k"}
	rivals := []partner.Rivalry{{"u", "x"}, {"y", "u"}, {"j", "x"}, {"j", "z"}}
	got := partner.Rank(u, []*entente.Actor{j, k}, nil, partner.Options{Rivalries: rivals})
	byID := map[entente.ActorID]partner.Candidate{}
	for _, c := range got {
		byID[c.ID] = c
	}
	// R_u = {x, y}, R_j = {x, z}: one shared of three, Jaccard 1/3.
	p := byID["j"].Part(partner.PartThreats)
	if !p.Known || p.Raw != 1 {
		t.Fatalf("j: %+v", p)
	}
	checkNear(t, "Jaccard", p.Normalised, 1.0/3)
	// k has no rivals: it shares none of u's two, a known 0.
	if p := byID["k"].Part(partner.PartThreats); !p.Known || p.Normalised != 0 {
		t.Errorf("k: %+v, want a known 0", p)
	}
	// Without rivalry data the part is unknown.
	got = partner.Rank(u, []*entente.Actor{j}, nil, partner.Options{})
	if p := got[0].Part(partner.PartThreats); p.Known || !math.IsNaN(p.Normalised) {
		t.Errorf("no rivalry data: %+v, want unknown", p)
	}
}

func TestReputationGivenOrNeutral(t *testing.T) {
	u := &entente.Actor{ID: "u"}
	a, b := &entente.Actor{ID: "a"}, &entente.Actor{ID: "b"}
	got := partner.Rank(u, []*entente.Actor{a, b}, nil, partner.Options{Reputation: map[entente.ActorID]float64{"a": 0.8}})
	if got[0].ID != "a" {
		t.Fatalf("order %v", got)
	}
	if p := got[0].Part(partner.PartReputation); !p.Known || p.Raw != 0.8 {
		t.Errorf("a: %+v", p)
	}
	if p := got[1].Part(partner.PartReputation); !p.Known || p.Raw != partner.NeutralReputation {
		t.Errorf("b: %+v, want neutral", p)
	}
}

// TestPositionAlignmentCosineExtremes: positions near the ends of the
// float range give the cosine of the same directions at ordinary scale,
// never NaN (found by TestPropertyNoNotesIsExact: positions 2.9e-11 and
// 3.8e-152 made x'x·y'y underflow to zero, a NaN cosine and a NaN score).
func TestPositionAlignmentCosineExtremes(t *testing.T) {
	want, _, _, _ := partner.PositionAlignment(map[string]float64{"a": 3, "b": 1}, map[string]float64{"a": 1, "b": 2}, nil, partner.Cosine)
	for _, c := range []struct{ sx, sy float64 }{{1e-11, 1e-152}, {1e-170, 1}, {1e160, 1e160}, {1e300, 1e-300}} {
		x := map[string]float64{"a": 3 * c.sx, "b": 1 * c.sx}
		y := map[string]float64{"a": 1 * c.sy, "b": 2 * c.sy}
		got, norm, n, ok := partner.PositionAlignment(x, y, nil, partner.Cosine)
		if !ok || n != 2 || math.Abs(got-want) > 1e-12 || math.IsNaN(norm) {
			t.Errorf("scales %g, %g: cosine %v (ok %v, n %d), want %v", c.sx, c.sy, got, ok, n, want)
		}
	}
	if _, _, _, ok := partner.PositionAlignment(map[string]float64{"a": 0}, map[string]float64{"a": 1e-300}, nil, partner.Cosine); ok {
		t.Error("a zero vector has a cosine")
	}
}
