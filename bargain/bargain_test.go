package bargain

import (
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

const eps = 1e-12

func near(t *testing.T, what string, got, want Point, tol float64) {
	t.Helper()
	if math.Abs(got.U1-want.U1) > tol || math.Abs(got.U2-want.U2) > tol {
		t.Errorf("%s = (%.12g, %.12g), want (%.12g, %.12g) ± %g", what, got.U1, got.U2, want.U1, want.U2, tol)
	}
}

// dollar is "split a dollar" with linear utilities: giving everything to
// one party or the other; lotteries over the two reach every split
// u1 + u2 = 1 (the frontier).
var dollar = []Deal{{"all to 1", Point{1, 0}}, {"all to 2", Point{0, 1}}}

func TestSplitADollarSymmetric(t *testing.T) {
	// d = (0, 0). Nash: maximise u1·(1 − u1): 1 − 2u1 = 0, u1 = 1/2.
	// On the frontier edge A = (0, 1) → B = (1, 0): a = A − d = (0, 1),
	// b = B − A = (1, −1), t* = −(a1·b2 + a2·b1)/(2·b1·b2) = −(0 + 1)/(−2) = 1/2.
	// Kalai–Smorodinsky: ideal (1, 1); the diagonal meets u1 + u2 = 1 at 1/2.
	d := Point{0, 0}
	n, err := Nash(dollar, d)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "Nash", n.Point, Point{0.5, 0.5}, eps)
	if diff := cmp.Diff([]Share{{1, 0.5}, {0, 0.5}}, n.Lottery, cmpopts.EquateApprox(0, eps)); diff != "" {
		t.Errorf("Nash lottery (-want +got):\n%s", diff)
	}
	ks, err := KalaiSmorodinsky(dollar, d)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "KS", ks.Point, Point{0.5, 0.5}, eps)
}

func TestSplitADollarOutsideOption(t *testing.T) {
	// d = (0.2, 0): party 1 can walk away with 0.2.
	// Nash: maximise (u1 − 0.2)(1 − u1): 1 − u1 − (u1 − 0.2) = 0, u1 = 0.6,
	// so (0.6, 0.4): each gets half of the surplus 0.8 over its BATNA.
	// Kalai–Smorodinsky: the acceptable outcomes are u1 ≥ 0.2, u2 ≥ 0 on
	// u1 + u2 = 1, so party 2 gets at most 1 − 0.2 = 0.8 and the ideal is
	// a = (1, 0.8), not (1, 1). Segment (0.2, 0) + s·(0.8, 0.8) meets the
	// frontier at 0.2 + 1.6s = 1, s = 1/2: (0.6, 0.4), the same as Nash, as
	// for every linear frontier. (Using the unrestricted ideal (1, 1) would
	// give the line u2 = 1.25(u1 − 0.2), meeting the frontier at
	// (5/9, 4/9) — not the Kalai–Smorodinsky solution.)
	d := Point{0.2, 0}
	n, err := Nash(dollar, d)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "Nash", n.Point, Point{0.6, 0.4}, eps)
	if diff := cmp.Diff([]Share{{1, 0.4}, {0, 0.6}}, n.Lottery, cmpopts.EquateApprox(0, eps)); diff != "" {
		t.Errorf("Nash lottery (-want +got):\n%s", diff)
	}
	ks, err := KalaiSmorodinsky(dollar, d)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "KS", ks.Point, Point{0.6, 0.4}, eps)
}

// quadratic is the frontier u2 = 1 − u1² on [0, 1]: concave and
// asymmetric, so Nash and Kalai–Smorodinsky differ.
func quadratic(u1 float64) float64 { return 1 - u1*u1 }

// quadraticWant holds the hand-worked solutions on quadratic.
//
// d = (0, 0):
//
//	Nash: maximise u(1 − u²): 1 − 3u² = 0, u1 = 1/√3 ≈ 0.57735, u2 = 2/3.
//	KS: lo = 0, U2(0) = 1; U2(1) = 0 ≥ d2 so the ideal is (1, 1); the
//	diagonal meets 1 − u² = u at u = (√5 − 1)/2 ≈ 0.61803.
//
// d = (0.2, 0.1):
//
//	Nash: maximise (u − 0.2)(0.9 − u²): 0.9 − u² − 2u(u − 0.2) = 0, i.e.
//	3u² − 0.4u − 0.9 = 0, u1 = (0.4 + √10.96)/6 ≈ 0.61843,
//	u2 = 1 − u1² ≈ 0.61754.
//	KS: party 2's best acceptable is U2(0.2) = 0.96; party 1's is where
//	1 − u² = 0.1, u = √0.9 ≈ 0.94868; so a = (√0.9, 0.96) and
//	v = a − d = (√0.9 − 0.2, 0.86). On the segment u1 = 0.2 + v1·s,
//	u2 = 0.1 + 0.86s; the frontier gives 1 − (0.2 + v1 s)² = 0.1 + 0.86s,
//	i.e. v1² s² + (0.4·v1 + 0.86)s − 0.86 = 0, s ≈ 0.57942, so
//	(0.63380, 0.59830).
func quadraticWant(d Point) (nash, ks Point) {
	if d == (Point{}) {
		u := 1 / math.Sqrt(3)
		k := (math.Sqrt(5) - 1) / 2
		return Point{u, 1 - u*u}, Point{k, k}
	}
	u := (0.4 + math.Sqrt(10.96)) / 6
	v1 := math.Sqrt(0.9) - 0.2
	a, b, c := v1*v1, 0.4*v1+0.86, -0.86
	s := (-b + math.Sqrt(b*b-4*a*c)) / (2 * a)
	return Point{u, 1 - u*u}, Point{0.2 + v1*s, 0.1 + 0.86*s}
}

func TestQuadraticFrontierCurve(t *testing.T) {
	for _, d := range []Point{{0, 0}, {0.2, 0.1}} {
		wantN, wantKS := quadraticWant(d)
		c := Curve{U2: quadratic, Min: 0, Max: 1}
		n, err := NashCurve(c, d)
		if err != nil {
			t.Fatal(err)
		}
		near(t, "NashCurve", n, wantN, 1e-7)
		ks, err := KalaiSmorodinskyCurve(c, d)
		if err != nil {
			t.Fatal(err)
		}
		near(t, "KalaiSmorodinskyCurve", ks, wantKS, 1e-8)
		if math.Abs(n.U1-ks.U1) < 0.01 {
			t.Errorf("d=%v: Nash %v and KS %v should differ on this frontier", d, n, ks)
		}
	}
}

// sampled returns deals on the quadratic frontier at u1 = k/m.
func sampled(m int) []Deal {
	deals := make([]Deal, m+1)
	for k := range deals {
		u := float64(k) / float64(m)
		deals[k] = Deal{Point: Point{u, quadratic(u)}}
	}
	return deals
}

func TestQuadraticFrontierSampledHull(t *testing.T) {
	// With 2000 chords the hull lies within h²/8·|f''| = (1/2000)²/8·2 ≈ 6e-8
	// of the curve, so the exact hull solutions are that close in u2, and
	// the flat top of the Nash product moves its maximiser by O(√6e-8).
	deals := sampled(2000)
	for _, d := range []Point{{0, 0}, {0.2, 0.1}} {
		wantN, wantKS := quadraticWant(d)
		n, err := Nash(deals, d)
		if err != nil {
			t.Fatal(err)
		}
		near(t, "Nash on sampled hull", n.Point, wantN, 2e-4)
		if got, want := product(n.Point, d), product(wantN, d); math.Abs(got-want) > 1e-7 {
			t.Errorf("Nash product %v, want %v", got, want)
		}
		ks, err := KalaiSmorodinsky(deals, d)
		if err != nil {
			t.Fatal(err)
		}
		near(t, "KS on sampled hull", ks.Point, wantKS, 1e-6)
	}
}

// menu is a finite multi-issue negotiation with d = (0.5, 0.5).
var menu = []Deal{
	{"A", Point{3, 1}},
	{"B", Point{2, 2}},
	{"C", Point{1, 3.5}},
	{"D", Point{0.5, 0.5}},
	{"E", Point{0, 4}}, // party 1 would rather walk away
}

func TestFiniteMenu(t *testing.T) {
	// d = (0.5, 0.5). ZOPA: A, B, C, D (E gives party 1 0 < 0.5).
	// Nash products (u1 − .5)(u2 − .5): A 2.5·0.5 = 1.25, B 1.5·1.5 = 2.25,
	// C 0.5·3 = 1.5, D 0. Without lotteries: B.
	//
	// With lotteries: the frontier of the hull is E–C–A (B lies below the
	// chord C–A: at u1 = 2 the chord has u2 = 3.5 − 1.25 = 2.25 > 2). On
	// C→A, a = C − d = (0.5, 3), b = A − C = (2, −2.5),
	// t* = −(0.5·(−2.5) + 3·2)/(2·2·(−2.5)) = 4.75/10 = 0.475:
	// (1.95, 2.3125), product 1.45·1.8125 ≈ 2.628 > 2.25. E–C is cut at
	// u1 ≥ 0.5 (t ≥ 0.5) and its best point is C itself (t* > 1 clamps).
	//
	// KS: party 1's best acceptable is A's 3; party 2's, with u1 ≥ 0.5, is
	// on E–C at u1 = 0.5: u2 = 4 − 0.5·0.5 = 3.75. So a = (3, 3.75),
	// v = (2.5, 3.25). On C→A, u2 = 3.5 − 1.25(u1 − 1); with
	// u = (0.5 + 2.5s, 0.5 + 3.25s): 0.5 + 3.25s = 3.5 − 3.125s + 0.625,
	// s = 3.625/6.375 ≈ 0.56863: (1.92157, 2.34804).
	d := Point{0.5, 0.5}
	if diff := cmp.Diff([]int{0, 1, 2, 3}, ZOPA(menu, d)); diff != "" {
		t.Errorf("ZOPA (-want +got):\n%s", diff)
	}
	i, err := NashDeal(menu, d)
	if err != nil || i != 1 {
		t.Errorf("NashDeal = %d, %v; want 1 (B)", i, err)
	}
	if diff := cmp.Diff([]int{4, 2, 0}, ParetoChain(menu)); diff != "" {
		t.Errorf("ParetoChain (-want +got):\n%s", diff)
	}
	n, err := Nash(menu, d)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "Nash", n.Point, Point{1.95, 2.3125}, eps)
	if diff := cmp.Diff([]Share{{2, 0.525}, {0, 0.475}}, n.Lottery, cmpopts.EquateApprox(0, eps)); diff != "" {
		t.Errorf("Nash lottery (-want +got):\n%s", diff)
	}
	ks, err := KalaiSmorodinsky(menu, d)
	if err != nil {
		t.Fatal(err)
	}
	s := 3.625 / 6.375
	near(t, "KS", ks.Point, Point{0.5 + 2.5*s, 0.5 + 3.25*s}, eps)
}

func TestEmptyZOPA(t *testing.T) {
	// A seller who needs at least 120 and a buyer who pays at most 100.
	if iv, ok := PriceZOPA(120, 100); ok {
		t.Errorf("PriceZOPA(120, 100) = %v, want empty", iv)
	}
	if iv, ok := PriceZOPA(100, 120); !ok || iv != (Interval{100, 120}) {
		t.Errorf("PriceZOPA(100, 120) = %v, %v; want [100, 120]", iv, ok)
	}
	if iv, ok := PriceZOPA(100, 100); !ok || iv != (Interval{100, 100}) {
		t.Errorf("PriceZOPA(100, 100) = %v, %v; want the single price 100", iv, ok)
	}
	// Every deal leaves one party below its BATNA (0.6, 0.6): the best
	// lottery for party 2 with u1 ≥ 0.6 on u1 + u2 = 1 gives 0.4 < 0.6.
	d := Point{0.6, 0.6}
	if z := ZOPA(dollar, d); len(z) != 0 {
		t.Errorf("ZOPA = %v, want none", z)
	}
	if _, err := NashDeal(dollar, d); !errors.Is(err, ErrNoZOPA) {
		t.Errorf("NashDeal: %v, want ErrNoZOPA", err)
	}
	if _, err := Nash(dollar, d); !errors.Is(err, ErrNoZOPA) {
		t.Errorf("Nash: %v, want ErrNoZOPA", err)
	}
	if _, err := KalaiSmorodinsky(dollar, d); !errors.Is(err, ErrNoZOPA) {
		t.Errorf("KalaiSmorodinsky: %v, want ErrNoZOPA", err)
	}
	c := Curve{U2: quadratic, Min: 0, Max: 1}
	if _, err := NashCurve(c, Point{0.8, 0.5}); !errors.Is(err, ErrNoZOPA) {
		t.Errorf("NashCurve: %v, want ErrNoZOPA", err)
	}
	if _, err := KalaiSmorodinskyCurve(c, Point{0.8, 0.5}); !errors.Is(err, ErrNoZOPA) {
		t.Errorf("KalaiSmorodinskyCurve: %v, want ErrNoZOPA", err)
	}
}

func TestNoSurplus(t *testing.T) {
	// (1, 0) is acceptable at d = (0, 0) but party 2 gains nothing, and no
	// lottery does better for it: the product is 0 everywhere.
	deals := []Deal{{"x", Point{1, 0}}, {"y", Point{0, 0}}}
	d := Point{0, 0}
	if _, err := NashDeal(deals, d); !errors.Is(err, ErrNoSurplus) {
		t.Errorf("NashDeal: %v, want ErrNoSurplus", err)
	}
	if _, err := Nash(deals, d); !errors.Is(err, ErrNoSurplus) {
		t.Errorf("Nash: %v, want ErrNoSurplus", err)
	}
	if _, err := KalaiSmorodinsky(deals, d); !errors.Is(err, ErrNoSurplus) {
		t.Errorf("KalaiSmorodinsky: %v, want ErrNoSurplus", err)
	}
	c := Curve{U2: quadratic, Min: 0, Max: 1}
	if _, err := NashCurve(c, Point{1, 0}); !errors.Is(err, ErrNoSurplus) {
		t.Errorf("NashCurve: %v, want ErrNoSurplus", err)
	}
}

func TestSingleDeal(t *testing.T) {
	deals := []Deal{{"only", Point{2, 3}}}
	d := Point{1, 1}
	for name, solve := range map[string]func([]Deal, Point) (Solution, error){"Nash": Nash, "KS": KalaiSmorodinsky} {
		s, err := solve(deals, d)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if diff := cmp.Diff(Solution{Point{2, 3}, []Share{{0, 1}}}, s); diff != "" {
			t.Errorf("%s (-want +got):\n%s", name, diff)
		}
	}
}

func TestBadInput(t *testing.T) {
	if _, err := Nash(nil, Point{}); !errors.Is(err, ErrNoDeals) {
		t.Errorf("Nash(nil): %v, want ErrNoDeals", err)
	}
	if _, err := Nash([]Deal{{"nan", Point{math.NaN(), 0}}}, Point{}); err == nil {
		t.Error("Nash accepted a NaN utility")
	}
	if _, err := KalaiSmorodinsky(dollar, Point{math.Inf(-1), 0}); err == nil {
		t.Error("KalaiSmorodinsky accepted an infinite BATNA")
	}
	if _, err := NashCurve(Curve{Min: 0, Max: 1}, Point{}); err == nil {
		t.Error("NashCurve accepted a curve without a function")
	}
	if _, err := NashCurve(Curve{U2: quadratic, Min: 1, Max: 0}, Point{}); err == nil {
		t.Error("NashCurve accepted an empty domain")
	}
}
