package bargain

import (
	"errors"
	"fmt"
	"math"
)

// DefaultTol is the bracket width, in units of u1 (NashCurve) or along the
// segment from d to the ideal point (KalaiSmorodinskyCurve), at which the
// curve solvers stop when Curve.Tol is zero.
const DefaultTol = 1e-9

// Curve is a Pareto frontier given as a function: U2(u1) is the most party
// 2 can get when party 1 gets u1, for u1 in [Min, Max]. U2 must be
// continuous and non-increasing; for NashCurve it must also be concave (the
// frontier of a convex feasible set), which makes the Nash product
// unimodal along it. Outcomes below the frontier are feasible too (free
// disposal).
type Curve struct {
	U2       func(u1 float64) float64 // the frontier: party 2's best given party 1's u1
	Min, Max float64                  // the domain of u1
	// Tol is the bracket width at which the search stops; DefaultTol when
	// zero. Rounding in the product limits the attainable accuracy of the
	// Nash maximiser to about 1e-8 relative to the scale of u1, since the
	// product is flat to second order at its maximum.
	Tol float64
}

func (c Curve) tol() float64 {
	if c.Tol > 0 {
		return c.Tol
	}
	return DefaultTol
}

func (c Curve) check(batna Point) error {
	switch {
	case c.U2 == nil:
		return errors.New("bargain: curve has no U2 function")
	case !(c.Min <= c.Max) || math.IsInf(c.Min, 0) || math.IsInf(c.Max, 0):
		return fmt.Errorf("bargain: curve domain [%v, %v] must be finite and non-empty", c.Min, c.Max)
	case !finite(Point{c.U2(c.Min), c.U2(c.Max)}):
		return fmt.Errorf("bargain: curve U2 must be finite at the ends of [%v, %v]", c.Min, c.Max)
	case !finite(batna):
		return fmt.Errorf("bargain: BATNA utilities must be finite, got (%v, %v)", batna.U1, batna.U2)
	}
	return nil
}

// irRange returns [lo, hi], the u1 values of the frontier points with
// u ≥ d: lo = max(Min, d1) and hi the largest u1 with U2(u1) ≥ d2, found by
// bisection when the frontier crosses u2 = d2 inside the domain.
func (c Curve) irRange(d Point) (lo, hi float64, err error) {
	lo = max(c.Min, d.U1)
	if lo > c.Max || c.U2(lo) < d.U2 {
		return 0, 0, ErrNoZOPA
	}
	hi = c.Max
	if c.U2(hi) < d.U2 {
		in, out := lo, hi // U2(in) ≥ d2 > U2(out)
		for out-in > c.tol() && out > in {
			mid := in + (out-in)/2
			if mid == in || mid == out {
				break
			}
			if c.U2(mid) >= d.U2 {
				in = mid
			} else {
				out = mid
			}
		}
		hi = in
	}
	if hi <= d.U1 || c.U2(lo) <= d.U2 {
		return 0, 0, ErrNoSurplus
	}
	return lo, hi, nil
}

// NashCurve returns the Nash bargaining solution on a frontier given as a
// function: the point (u1, U2(u1)) with u ≥ batna that maximises
// (u1 − d1)(U2(u1) − d2), found by golden-section search on u1 to within
// c.Tol (see Curve for the attainable accuracy).
func NashCurve(c Curve, batna Point) (Point, error) {
	if err := c.check(batna); err != nil {
		return Point{}, err
	}
	lo, hi, err := c.irRange(batna)
	if err != nil {
		return Point{}, err
	}
	f := func(u float64) float64 { return (u - batna.U1) * (c.U2(u) - batna.U2) }
	u := goldenMax(f, lo, hi, c.tol())
	if f(u) <= 0 { // the frontier meets the BATNA lines without passing above d
		return Point{}, ErrNoSurplus
	}
	return Point{u, c.U2(u)}, nil
}

// goldenMax returns the maximiser of a unimodal f on [lo, hi] to within
// tol, by golden-section search: each step keeps the sub-interval that must
// hold the maximum, shrinking the bracket by 1/φ ≈ 0.618 for one new
// evaluation.
func goldenMax(f func(float64) float64, lo, hi, tol float64) float64 {
	invPhi := (math.Sqrt(5) - 1) / 2
	x1, x2 := hi-invPhi*(hi-lo), lo+invPhi*(hi-lo)
	f1, f2 := f(x1), f(x2)
	for hi-lo > tol {
		if f1 < f2 { // the maximum is in [x1, hi]
			lo, x1, f1 = x1, x2, f2
			x2 = lo + invPhi*(hi-lo)
			f2 = f(x2)
		} else { // the maximum is in [lo, x2]
			hi, x2, f2 = x2, x1, f1
			x1 = hi - invPhi*(hi-lo)
			f1 = f(x1)
		}
		if x1 >= x2 { // the bracket is below floating-point resolution
			break
		}
	}
	best, fb := lo, f(lo)
	for _, x := range []float64{x1, x2, hi} {
		if fx := f(x); fx > fb {
			best, fb = x, fx
		}
	}
	return best
}

// KalaiSmorodinskyCurve returns the Kalai–Smorodinsky solution on a
// frontier given as a function: the ideal point is a = (largest u1 with
// U2(u1) ≥ d2, U2(max(Min, d1))), and the solution is the last feasible
// point of the segment d + s·(a − d), found by bisection on s until the
// bracket is within c.Tol of the frontier crossing. The point returned lies
// on the segment, on the feasible side.
func KalaiSmorodinskyCurve(c Curve, batna Point) (Point, error) {
	if err := c.check(batna); err != nil {
		return Point{}, err
	}
	lo, hi, err := c.irRange(batna)
	if err != nil {
		return Point{}, err
	}
	d := batna
	v := Point{hi - d.U1, c.U2(lo) - d.U2}
	// Below Min the frontier is flat at U2(Min) (free disposal).
	frontier := func(u float64) float64 { return c.U2(max(u, c.Min)) }
	in, out := 0.0, 1.0
	if frontier(d.U1+v.U1) >= d.U2+v.U2 { // the ideal itself is feasible
		in = 1
	}
	for (out-in)*max(v.U1, v.U2) > c.tol() {
		mid := in + (out-in)/2
		if mid == in || mid == out {
			break
		}
		if frontier(d.U1+mid*v.U1) >= d.U2+mid*v.U2 {
			in = mid
		} else {
			out = mid
		}
	}
	return Point{d.U1 + in*v.U1, d.U2 + in*v.U2}, nil
}
