package bargain

import (
	"errors"
	"fmt"
	"math"
	"testing"

	"pgregory.net/rapid"
)

// grid draws a utility on the grid k/4, k ∈ [-20, 20]: distinct values
// differ by at least 0.25, so an affine rescaling cannot round a strict
// preference into indifference and change which deals are acceptable.
func grid(t *rapid.T, label string) float64 {
	return float64(rapid.IntRange(-20, 20).Draw(t, label)) / 4
}

func genDeals(t *rapid.T) []Deal {
	n := rapid.IntRange(1, 9).Draw(t, "deals")
	deals := make([]Deal, n)
	for i := range deals {
		deals[i] = Deal{Name: fmt.Sprint(i), Point: Point{grid(t, "u1"), grid(t, "u2")}}
	}
	return deals
}

func genBATNA(t *rapid.T) Point { return Point{grid(t, "d1") / 2, grid(t, "d2") / 2} }

type solver struct {
	name  string
	solve func([]Deal, Point) (Solution, error)
}

var solvers = []solver{{"Nash", Nash}, {"KalaiSmorodinsky", KalaiSmorodinsky}}

// skipUnsolvable skips a draw that has no solution (no zone of possible
// agreement, no surplus) and fails on any other error: a property test
// that skipped every error could not fail.
func skipUnsolvable(t *rapid.T, err error) {
	if errors.Is(err, ErrNoZOPA) || errors.Is(err, ErrNoSurplus) {
		t.Skip(err)
	}
	t.Fatalf("unexpected error: %v", err)
}

// solvable draws a problem that has a solution (retrying is left to rapid:
// unsolvable draws are skipped).
func solvable(t *rapid.T, s solver) ([]Deal, Point, Solution) {
	deals, d := genDeals(t), genBATNA(t)
	sol, err := s.solve(deals, d)
	if errors.Is(err, ErrNoZOPA) || errors.Is(err, ErrNoSurplus) {
		t.Skip("no solution")
	}
	if err != nil {
		t.Fatal(err)
	}
	return deals, d, sol
}

func scaleOf(deals []Deal, d Point) float64 {
	s := max(1, math.Abs(d.U1), math.Abs(d.U2))
	for _, x := range deals {
		s = max(s, math.Abs(x.U1), math.Abs(x.U2))
	}
	return s
}

func TestPropertyAffineInvariance(t *testing.T) {
	// Rescaling one party's utility u ↦ αu + β (α > 0), BATNA included,
	// moves the solution by the same map and keeps the lottery: both Nash
	// and Kalai–Smorodinsky are scale invariant.
	for _, s := range solvers {
		t.Run(s.name, func(t *testing.T) {
			rapid.Check(t, func(t *rapid.T) {
				deals, d, sol := solvable(t, s)
				alpha := rapid.Float64Range(0.1, 10).Draw(t, "alpha")
				beta := rapid.Float64Range(-5, 5).Draw(t, "beta")
				party2 := rapid.Bool().Draw(t, "party 2")
				f := func(p Point) Point {
					if party2 {
						return Point{p.U1, alpha*p.U2 + beta}
					}
					return Point{alpha*p.U1 + beta, p.U2}
				}
				moved := make([]Deal, len(deals))
				for i, x := range deals {
					moved[i] = Deal{x.Name, f(x.Point)}
				}
				got, err := s.solve(moved, f(d))
				if err != nil {
					t.Fatalf("rescaled problem: %v", err)
				}
				want, tol := f(sol.Point), 1e-9*scaleOf(moved, f(d))
				if math.Abs(got.U1-want.U1) > tol || math.Abs(got.U2-want.U2) > tol {
					t.Fatalf("rescaled solution %v, want %v (original %v)", got.Point, want, sol.Point)
				}
			})
		})
	}
}

func TestPropertyNashDealInvariance(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		deals, d := genDeals(t), genBATNA(t)
		i, err := NashDeal(deals, d)
		if err != nil {
			skipUnsolvable(t, err)
		}
		alpha := rapid.Float64Range(0.1, 10).Draw(t, "alpha")
		beta := rapid.Float64Range(-5, 5).Draw(t, "beta")
		moved := make([]Deal, len(deals))
		for k, x := range deals {
			moved[k] = Deal{x.Name, Point{alpha*x.U1 + beta, x.U2}}
		}
		dm := Point{alpha*d.U1 + beta, d.U2}
		j, err := NashDeal(moved, dm)
		if err != nil {
			t.Fatal(err)
		}
		// Products scale by α, so the chosen deal is as good (up to
		// rounding among ties).
		if got, want := product(moved[j].Point, dm), product(moved[i].Point, dm); math.Abs(got-want) > 1e-9*math.Abs(want) {
			t.Fatalf("rescaled choice %d has product %v, original choice %d has %v", j, got, i, want)
		}
	})
}

// improvable reports whether some point of the segment from q to r is at
// least as good as p for both parties and better by more than tol for one.
func improvable(p, q, r Point, tol float64) bool {
	// g(λ) = q + λ(r − q) − p for λ ∈ [0, 1], linear in each coordinate.
	g0, dg := Point{q.U1 - p.U1, q.U2 - p.U2}, Point{r.U1 - q.U1, r.U2 - q.U2}
	try := func(a0, da, b0, db float64) bool {
		// Largest a over the λ ∈ [0, 1] where b ≥ 0.
		lo, hi := 0.0, 1.0
		switch {
		case db > 0:
			lo = max(lo, -b0/db)
		case db < 0:
			hi = min(hi, -b0/db)
		case b0 < 0:
			return false
		}
		return lo <= hi && max(a0+lo*da, a0+hi*da) > tol
	}
	return try(g0.U1, dg.U1, g0.U2, dg.U2) || try(g0.U2, dg.U2, g0.U1, dg.U1)
}

func TestPropertyParetoAndIndividuallyRational(t *testing.T) {
	for _, s := range solvers {
		t.Run(s.name, func(t *testing.T) {
			rapid.Check(t, func(t *rapid.T) {
				deals, d, sol := solvable(t, s)
				tol := 1e-9 * scaleOf(deals, d)
				if sol.U1 < d.U1-tol || sol.U2 < d.U2-tol {
					t.Fatalf("solution %v is worse than the BATNA %v for a party", sol.Point, d)
				}
				if sol.U1 <= d.U1 || sol.U2 <= d.U2 {
					t.Fatalf("solution %v gives a party no surplus over %v", sol.Point, d)
				}
				// Pareto: no lottery over two deals is better (the frontier
				// of a planar hull is made of such segments).
				for i := range deals {
					for j := i; j < len(deals); j++ {
						if improvable(sol.Point, deals[i].Point, deals[j].Point, tol) {
							t.Fatalf("solution %v is dominated on the segment %v–%v", sol.Point, deals[i].Point, deals[j].Point)
						}
					}
				}
				checkLottery(t, deals, sol, tol)
			})
		})
	}
}

// checkLottery checks that sol's lottery is a probability distribution
// whose expected utilities are sol's point.
func checkLottery(t *rapid.T, deals []Deal, sol Solution, tol float64) {
	var p float64
	var u Point
	for _, sh := range sol.Lottery {
		if sh.P < 0 || sh.P > 1 {
			t.Fatalf("lottery %v has a probability outside [0, 1]", sol.Lottery)
		}
		p += sh.P
		u.U1 += sh.P * deals[sh.Deal].U1
		u.U2 += sh.P * deals[sh.Deal].U2
	}
	if math.Abs(p-1) > 1e-12 || math.Abs(u.U1-sol.U1) > tol || math.Abs(u.U2-sol.U2) > tol {
		t.Fatalf("lottery %v sums to %v with expected utilities %v, solution %v", sol.Lottery, p, u, sol.Point)
	}
}

func TestPropertySymmetry(t *testing.T) {
	// A problem symmetric under swapping the parties (every deal's mirror
	// is a deal and d1 = d2) has a symmetric solution.
	for _, s := range solvers {
		t.Run(s.name, func(t *testing.T) {
			rapid.Check(t, func(t *rapid.T) {
				deals := genDeals(t)
				for _, x := range deals {
					deals = append(deals, Deal{x.Name + "'", Point{x.U2, x.U1}})
				}
				c := grid(t, "d") / 2
				sol, err := s.solve(deals, Point{c, c})
				if err != nil {
					skipUnsolvable(t, err)
				}
				if math.Abs(sol.U1-sol.U2) > 1e-9*scaleOf(deals, Point{c, c}) {
					t.Fatalf("symmetric problem, asymmetric solution %v", sol.Point)
				}
			})
		})
	}
}

func TestPropertyLotteriesHelp(t *testing.T) {
	// Lotteries include every pure deal, so the Nash product over the hull
	// is at least that of the best pure deal.
	rapid.Check(t, func(t *rapid.T) {
		deals, d := genDeals(t), genBATNA(t)
		i, err := NashDeal(deals, d)
		if err != nil {
			skipUnsolvable(t, err)
		}
		sol, err := Nash(deals, d)
		if err != nil {
			t.Fatalf("NashDeal found deal %d but Nash failed: %v", i, err)
		}
		if got, pure := product(sol.Point, d), product(deals[i].Point, d); got < pure*(1-1e-12) {
			t.Fatalf("Nash over lotteries %v < best deal %v", got, pure)
		}
	})
}

func TestPropertyCurveMatchesSampledHull(t *testing.T) {
	// On the concave frontier u2 = c(1 − u1^p), p ≥ 1, the curve solvers
	// agree with the exact hull solvers on 4000 sampled deals to within the
	// sampling error of the frontier.
	rapid.Check(t, func(t *rapid.T) {
		p := rapid.Float64Range(1, 4).Draw(t, "p")
		c := rapid.Float64Range(0.5, 3).Draw(t, "c")
		d := Point{rapid.Float64Range(0, 0.5).Draw(t, "d1"), rapid.Float64Range(0, 0.4*c).Draw(t, "d2")}
		u2 := func(u float64) float64 { return c * (1 - math.Pow(u, p)) }
		curve := Curve{U2: u2, Min: 0, Max: 1}
		const m = 4000
		deals := make([]Deal, m+1)
		for k := range deals {
			u := float64(k) / m
			deals[k] = Deal{Point: Point{u, u2(u)}}
		}
		nc, err1 := NashCurve(curve, d)
		nh, err2 := Nash(deals, d)
		kc, err3 := KalaiSmorodinskyCurve(curve, d)
		kh, err4 := KalaiSmorodinsky(deals, d)
		if err := errors.Join(err1, err2, err3, err4); err != nil {
			t.Fatal(err)
		}
		if a, b := product(nc, d), product(nh.Point, d); math.Abs(a-b) > 1e-6*c {
			t.Fatalf("Nash products: curve %v at %v, hull %v at %v", a, nc, b, nh.Point)
		}
		if math.Abs(kc.U1-kh.U1) > 1e-5 || math.Abs(kc.U2-kh.U2) > 1e-5*c {
			t.Fatalf("KS: curve %v, hull %v", kc, kh.Point)
		}
	})
}

func TestPropertyNashDealUndominated(t *testing.T) {
	// The chosen deal is acceptable, and no deal dominates it: a dominating
	// deal would be acceptable too and have a larger Nash product.
	rapid.Check(t, func(t *rapid.T) {
		deals, d := genDeals(t), genBATNA(t)
		i, err := NashDeal(deals, d)
		if err != nil {
			skipUnsolvable(t, err)
		}
		if !acceptable(deals[i].Point, d) {
			t.Fatalf("deal %v is worse than the BATNA %v for a party", deals[i].Point, d)
		}
		for _, x := range deals {
			if x.Dominates(deals[i].Point) {
				t.Fatalf("deal %v dominates the Nash deal %v", x.Point, deals[i].Point)
			}
		}
	})
}
