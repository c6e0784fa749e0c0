package bargain

import (
	"errors"
	"fmt"
	"math"
	"testing"

	"pgregory.net/rapid"
)

func closeTo(a, b float64) bool { return math.Abs(a-b) <= 1e-6*max(1, math.Abs(a), math.Abs(b)) }

func closeToAll(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !closeTo(a[i], b[i]) {
			return false
		}
	}
	return true
}

// TestSplitSolutions: Nash and Kalai–Smorodinsky on both sides, worked by
// hand: each party its reservation plus (benefits) or minus (costs) an
// equal part of the surplus.
func TestSplitSolutions(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    Split
		want []float64
		zopa bool
	}{
		{"benefit, two", Split{Total: 10, Reservations: []float64{2, 3}}, []float64{4.5, 5.5}, true},
		{"benefit, three", Split{Total: 100, Reservations: []float64{20, 30, 10}}, []float64{20 + 40.0/3, 30 + 40.0/3, 10 + 40.0/3}, true},
		{"benefit, no surplus", Split{Total: 10, Reservations: []float64{4, 6}}, []float64{4, 6}, true},
		{"benefit, no zone", Split{Total: 10, Reservations: []float64{6, 6}}, nil, false},
		// A 90 k€ study: a pays at most 60, b at most 50; surplus 20.
		{"cost, two", Split{Total: 90, Reservations: []float64{60, 50}, Cost: true}, []float64{50, 40}, true},
		{"cost, three", Split{Total: 140, Reservations: []float64{60, 50, 40}, Cost: true}, []float64{60 - 10.0/3, 50 - 10.0/3, 40 - 10.0/3}, true},
		{"cost, no zone", Split{Total: 90, Reservations: []float64{40, 40}, Cost: true}, nil, false},
	} {
		if got := tc.p.ZOPA(); got != tc.zopa {
			t.Errorf("%s: ZOPA %v, want %v", tc.name, got, tc.zopa)
		}
		for _, solve := range []struct {
			name string
			f    func() ([]float64, error)
		}{{"Nash", tc.p.Nash}, {"Kalai-Smorodinsky", tc.p.KalaiSmorodinsky}} {
			got, err := solve.f()
			if tc.want == nil {
				if !errors.Is(err, ErrNoZOPA) {
					t.Errorf("%s %s: %v, %v; want ErrNoZOPA", tc.name, solve.name, got, err)
				}
				continue
			}
			if err != nil || !closeToAll(got, tc.want) {
				t.Errorf("%s %s: %v, %v; want %v", tc.name, solve.name, got, err, tc.want)
			}
		}
	}
	// A cap binds: c pays at most 10 of 90, the surplus is 30; Nash gives
	// each a gain of 10 (c pays nothing), Kalai–Smorodinsky gains in
	// proportion to the ideal gains (30, 30, 10).
	three := Split{Total: 90, Reservations: []float64{60, 50, 10}, Cost: true}
	if got, err := three.Nash(); err != nil || !closeToAll(got, []float64{50, 40, 0}) {
		t.Errorf("capped Nash: %v, %v", got, err)
	}
	if got, err := three.KalaiSmorodinsky(); err != nil || !closeToAll(got, []float64{60 - 90.0/7, 50 - 90.0/7, 10 - 30.0/7}) {
		t.Errorf("capped Kalai-Smorodinsky: %v, %v", got, err)
	}
	// Another: c will pay at most 1 of 90 while a and b would each pay
	// it all; surplus 91. Nash gives c its whole maximum as gain (it pays 0)
	// and a and b 45 each; Kalai–Smorodinsky gains are proportional to the
	// ideal gains (90, 90, 1).
	capped := Split{Total: 90, Reservations: []float64{90, 90, 1}, Cost: true}
	if got, err := capped.Nash(); err != nil || !closeToAll(got, []float64{45, 45, 0}) {
		t.Errorf("capped Nash: %v, %v", got, err)
	}
	if got, err := capped.KalaiSmorodinsky(); err != nil || !closeToAll(got, []float64{90 - 90*91.0/181, 90 - 90*91.0/181, 1 - 91.0/181}) {
		t.Errorf("capped Kalai-Smorodinsky: %v, %v", got, err)
	}
	for _, bad := range []Split{{Total: 10, Reservations: []float64{1}}, {Total: 0, Reservations: []float64{0, 0}}, {Total: 10, Reservations: []float64{-1, 2}}, {Total: 10, Reservations: []float64{math.NaN(), 2}}} {
		if _, err := bad.Nash(); err == nil {
			t.Errorf("%+v: no error", bad)
		}
	}
}

// TestWeightsAreUniformOnTheSimplex: the weights are reproducible from the
// seed, add up to 1, and are uniform on the simplex: for n = 3 each
// weight's marginal is Beta(1, 2), so its deciles hold a known share of
// 20,000 fixed seeds (chi-square over 10 cells, 9 degrees of freedom,
// below 27.9, p = 0.001).
func TestWeightsAreUniformOnTheSimplex(t *testing.T) {
	if a, b := Weights(Seed("x", []string{"1"}), 3), Weights(Seed("x", []string{"1"}), 3); !closeToAll(a, b) || a[0] != b[0] {
		t.Fatalf("not reproducible: %v %v", a, b)
	}
	if a, b := Weights(Seed("x", []string{"1", "2"}), 2), Weights(Seed("x", []string{"12"}), 2); a[0] == b[0] {
		t.Error("salts are not length-prefixed: 1|2 and 12 draw the same")
	}
	const draws, cells = 20000, 10
	var count [cells]int
	for i := range draws {
		w := Weights(Seed("uniform", []string{fmt.Sprint(i)}), 3)
		if s := w[0] + w[1] + w[2]; !closeTo(s, 1) || w[0] < 0 || w[1] < 0 || w[2] < 0 {
			t.Fatalf("draw %d: %v", i, w)
		}
		// Beta(1, 2) has CDF 1 − (1 − x)²; map w[1] to a uniform and bin it.
		u := 1 - (1-w[1])*(1-w[1])
		count[min(int(u*cells), cells-1)]++
	}
	chi := 0.0
	for _, c := range count {
		d := float64(c) - draws/cells
		chi += d * d / (draws / cells)
	}
	if chi > 27.9 {
		t.Errorf("the middle weight's deciles %v: chi-square %.1f > 27.9", count, chi)
	}
}

// genSplit draws a problem with a zone of possible agreement and n salts:
// benefits with values scaled to add up to at most the total, costs with
// every maximum at least an n-th of the total.
func genSplit(t *rapid.T) (Split, []string) {
	n := rapid.IntRange(2, 5).Draw(t, "parties")
	total := float64(rapid.IntRange(1, 10000).Draw(t, "total")) / 10
	cost := rapid.Bool().Draw(t, "cost")
	c := rapid.Float64Range(0, 1).Draw(t, "fill")
	u := make([]float64, n)
	sum := 0.0
	salts := make([]string, n)
	for i := range u {
		u[i] = rapid.Float64Range(0, 1).Draw(t, "u")
		sum += u[i]
		salts[i] = fmt.Sprintf("%016x", rapid.Uint64().Draw(t, "salt"))
	}
	r := make([]float64, n)
	for i := range r {
		switch {
		case cost:
			r[i] = total * (1/float64(n) + (1-1/float64(n))*u[i])
		case sum > 0:
			r[i] = total * c * u[i] / sum
		}
	}
	p := Split{Total: total, Reservations: r, Cost: cost}
	if !p.ZOPA() {
		t.Skip("rounding left no zone")
	}
	return p, salts
}

// TestDrawnSplitProperties: a drawn split adds up to the total, gives each
// party at least its reservation (benefits) or asks no more than its
// maximum (costs), and averages out at the Nash split over seeds.
func TestDrawnSplitProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p, salts := genSplit(t)
		x, err := p.Draw(Seed("b1", salts))
		if err != nil {
			t.Fatal(err)
		}
		sum := 0.0
		for i, xi := range x {
			sum += xi
			if p.Cost && xi > p.Reservations[i]+1e-9*p.Total || !p.Cost && xi < p.Reservations[i]-1e-9*p.Total || xi < -1e-9*p.Total {
				t.Fatalf("party %d: amount %v against reservation %v (cost %v)", i, xi, p.Reservations[i], p.Cost)
			}
		}
		if !closeTo(sum, p.Total) {
			t.Fatalf("amounts add up to %v, not %v", sum, p.Total)
		}
	})
	// No cap binds (every maximum is at least the surplus of 10), so the
	// mean gain is the Nash gain, 10/3.
	p := Split{Total: 140, Reservations: []float64{60, 50, 40}, Cost: true}
	mean := make([]float64, 3)
	const draws = 4000
	for i := range draws {
		x, _ := p.Draw(Seed("mean", []string{fmt.Sprint(i)}))
		for j := range x {
			mean[j] += x[j] / draws
		}
	}
	nash, _ := p.Nash()
	for j := range mean { // standard error of a mean of S·w: 10·0.24/√4000 ≈ 0.04
		if math.Abs(mean[j]-nash[j]) > 0.2 {
			t.Errorf("mean drawn split %v, Nash %v", mean, nash)
		}
	}
}

// TestSealedSplitHidesTheOthersValues attacks the sealed split from one
// party's view: its own value, the split, the total and whether a zone
// exists (everything else it may read is the others' salts' hashes, which
// do not depend on the values). The Nash split gives the other values away
// by inversion; the drawn split does not: for every other value between
// what the view rules out and the bound it sets, there is a weight on the
// simplex, hence a seed as likely as the true one, under which that value
// produces exactly the same view. So the attacker cannot compute the
// values; it learns only the bounds the package documentation states.
func TestSealedSplitHidesTheOthersValues(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p, salts := genSplit(t)
		n := len(salts)
		me := rapid.IntRange(0, n-1).Draw(t, "me")
		other := (me + 1 + rapid.IntRange(0, n-2).Draw(t, "other")) % n

		// The Nash split leaks: on either side r_j = x_j − (x_me − r_me),
		// unless a cap binds for one of the two (on the cost side a party
		// paying nothing shows only that its maximum is at least its gain).
		invert := func(x []float64) float64 { return x[other] - (x[me] - p.Reservations[me]) }
		nash, err := p.Nash()
		if err != nil {
			t.Fatal(err)
		}
		capped := closeTo(nash[me], 0) || closeTo(nash[other], 0)
		if guess := invert(nash); !capped && !closeTo(guess, p.Reservations[other]) {
			t.Fatalf("the inversion attack on the Nash split failed: %v, want %v", guess, p.Reservations[other])
		}
		x, err := p.Draw(Seed("b1", salts))
		if err != nil {
			t.Fatal(err)
		}
		w := make([]float64, n) // the weights drawn: gains over the surplus
		for i := range w {
			if p.Surplus() > 0 {
				w[i] = math.Abs(x[i]-p.Reservations[i]) / p.Surplus()
			}
		}
		// The same inversion on the drawn split misses unless the two
		// weights happen to be (nearly) equal.
		if guess := invert(x); math.Abs(w[me]-w[other]) > 1e-3 && p.Surplus() > 1e-3*p.Total && closeTo(guess, p.Reservations[other]) {
			t.Fatalf("the inversion attack on the drawn split found %v", guess)
		}
		// Another world: the other party's value moved by δ (towards its
		// bound), the surplus by δ the other way; my gain (w_me·S) and every
		// amount stay the same with weights w'_me = gain/S', w'_other =
		// (w_other·S − δ)/S', the rest w_k·S/S'. Every δ up to the other's
		// own gain over its value works, so that value is not determined.
		otherGain := math.Abs(x[other] - p.Reservations[other])
		if otherGain < 1e-9*p.Total {
			return // the draw left the other at its value (probability ~0)
		}
		delta := rapid.Float64Range(0, 1).Draw(t, "fraction") * otherGain
		if delta < 1e-6*p.Total {
			return
		}
		r2 := append([]float64(nil), p.Reservations...)
		if p.Cost {
			r2[other] -= delta // a smaller maximum, still above what it pays
		} else {
			r2[other] += delta // a larger least share, still below what it gets
		}
		q := Split{Total: p.Total, Reservations: r2, Cost: p.Cost}
		s2 := q.Surplus()
		w2 := make([]float64, n)
		for k := range w2 {
			w2[k] = w[k] * p.Surplus() / s2
		}
		w2[other] = (w[other]*p.Surplus() - delta) / s2
		sum := 0.0
		for _, v := range w2 {
			if v < -1e-12 {
				t.Fatalf("alternative weight %v < 0", v)
			}
			sum += v
		}
		if !closeTo(sum, 1) {
			t.Fatalf("alternative weights %v add up to %v", w2, sum)
		}
		x2, err := q.Drawn(w2)
		if err != nil {
			t.Fatal(err)
		}
		if !closeToAll(x, x2) || q.ZOPA() != p.ZOPA() {
			t.Fatalf("views differ: %v vs %v", x, x2)
		}
		for k := range x2 { // and the other world's split is one Draw can give
			tol := 1e-9 * p.Total
			if q.Cost && (x2[k] > r2[k]+tol || x2[k] < -tol) || !q.Cost && x2[k] < r2[k]-tol {
				t.Fatalf("party %d: %v against %v in the other world (cost %v)", k, x2[k], r2[k], q.Cost)
			}
		}
		if r2[other] == p.Reservations[other] {
			t.Fatalf("the alternative value %v equals the true one", r2[other])
		}
	})
}

// TestTwoPartySplitMatchesTheCurveSolvers: with two parties the closed
// forms agree with NashCurve and KalaiSmorodinskyCurve on the frontier of
// gains (u1 + u2 = S, each within its cap), caps binding or not.
func TestTwoPartySplitMatchesTheCurveSolvers(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p, _ := genSplit(t)
		if len(p.Reservations) != 2 || p.Surplus() < 1e-6*p.Total {
			t.Skip("not two parties with a surplus")
		}
		caps, s := p.caps(), p.Surplus()
		c := Curve{U2: func(u1 float64) float64 { return s - u1 }, Min: max(0, s-caps[1]), Max: min(caps[0], s)}
		for _, tc := range []struct {
			name   string
			closed func() ([]float64, error)
			curve  func(Curve, Point) (Point, error)
		}{{"Nash", p.Nash, NashCurve}, {"Kalai-Smorodinsky", p.KalaiSmorodinsky, KalaiSmorodinskyCurve}} {
			got, err := tc.closed()
			if err != nil {
				t.Fatal(err)
			}
			u, err := tc.curve(c, Point{})
			if err != nil {
				t.Fatalf("%s on the curve: %v", tc.name, err)
			}
			if want := p.give([]float64{u.U1, u.U2}); math.Abs(got[0]-want[0]) > 1e-6*p.Total || math.Abs(got[1]-want[1]) > 1e-6*p.Total {
				t.Fatalf("%s: closed form %v, curve %v", tc.name, got, want)
			}
		}
	})
}

// TestDrawGivesUpWhenNoDrawFits: a split whose caps leave no room fails
// with ErrNoDraw rather than looping; a tight but possible one succeeds.
func TestDrawGivesUpWhenNoDrawFits(t *testing.T) {
	// Five parties, four of which will pay at most 1e-9 of a surplus of
	// about 90: a draw fits with probability about 1e-36.
	p := Split{Total: 90, Reservations: []float64{90, 1e-9, 1e-9, 1e-9, 90}, Cost: true}
	if _, err := p.Draw(Seed("tight", nil)); !errors.Is(err, ErrNoDraw) {
		t.Errorf("an impossible draw: %v", err)
	}
	q := Split{Total: 90, Reservations: []float64{90, 90, 0.1}, Cost: true} // fits 1 in ~450
	x, err := q.Draw(Seed("tight", nil))
	if err != nil || x[2] < 0 || x[2] > 0.1 {
		t.Errorf("a tight draw: %v, %v", x, err)
	}
	// A party that will pay nothing pays nothing; the others share the
	// cost as drawn.
	z := Split{Total: 90, Reservations: []float64{60, 50, 0}, Cost: true}
	x, err = z.Draw(Seed("zero", nil))
	if err != nil || x[2] != 0 || x[0] > 60 || x[1] > 50 || !closeTo(x[0]+x[1], 90) {
		t.Errorf("a party with a maximum of 0: %v, %v", x, err)
	}
}

// BenchmarkDraw: a sealed split as the pact page draws it on every render,
// beside the Nash split it replaces for the parties: three parties'
// benefits (one draw), a cost where one party's cap makes about 1 draw in
// 450 fit, and one where none fits (MaxDraws tries, then ErrNoDraw).
func BenchmarkDraw(b *testing.B) {
	seed := Seed("co/b1", []string{"a", "b", "c"})
	for _, bc := range []struct {
		name string
		p    Split
	}{
		{"benefits-3", Split{Total: 100, Reservations: []float64{20, 30, 10}}},
		{"costs-tight", Split{Total: 90, Reservations: []float64{90, 90, 0.1}, Cost: true}},
		{"costs-none", Split{Total: 90, Reservations: []float64{90, 1e-9, 1e-9, 1e-9, 90}, Cost: true}},
	} {
		b.Run("draw/"+bc.name, func(b *testing.B) {
			for b.Loop() {
				bc.p.Draw(seed)
			}
		})
		b.Run("nash/"+bc.name, func(b *testing.B) {
			for b.Loop() {
				bc.p.Nash()
			}
		})
	}
}
