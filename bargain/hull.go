package bargain

import (
	"cmp"
	"slices"
)

// ParetoChain returns the deals on the Pareto frontier of the convex hull of
// deals (the set of lotteries over them), as indices ordered by increasing
// u1 and strictly decreasing u2. Consecutive deals are the endpoints of the
// frontier's edges; deals lying on an edge are kept, so that an outcome at
// such a deal is reported as that deal rather than as a lottery. Of deals
// with equal utilities only the lowest index is kept.
func ParetoChain(deals []Deal) []int {
	// Undominated deals: scanning by decreasing u1 (then u2), a deal
	// survives when it beats every deal with a larger u1 on u2.
	order := make([]int, len(deals))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		if c := cmp.Compare(deals[b].U1, deals[a].U1); c != 0 {
			return c
		}
		return cmp.Compare(deals[b].U2, deals[a].U2)
	})
	var front []int
	for _, i := range order {
		if len(front) == 0 || deals[i].U2 > deals[front[len(front)-1]].U2 {
			front = append(front, i)
		}
	}
	slices.Reverse(front)
	// Upper concave hull of the undominated deals, left to right: a deal
	// strictly below the chord of its neighbours is beaten by a lottery.
	var chain []int
	for _, i := range front {
		for len(chain) >= 2 && below(deals[chain[len(chain)-2]].Point, deals[chain[len(chain)-1]].Point, deals[i].Point) {
			chain = chain[:len(chain)-1]
		}
		chain = append(chain, i)
	}
	return chain
}

// below reports whether b lies strictly below the chord from a to c
// (a.U1 < b.U1 < c.U1): the turn a→b→c is counter-clockwise.
func below(a, b, c Point) bool {
	return (b.U1-a.U1)*(c.U2-a.U2)-(b.U2-a.U2)*(c.U1-a.U1) > 0
}

// edge is the frontier edge from deal I to deal J, parametrised as
// A + t(B − A), t ∈ [0, 1]; a single-vertex frontier is an edge with I == J.
type edge struct {
	i, j int
	a, b Point
}

func (e edge) at(t float64) Point {
	return Point{e.a.U1 + t*(e.b.U1-e.a.U1), e.a.U2 + t*(e.b.U2-e.a.U2)}
}

// solution turns the point at t on e into a Solution, naming a single deal
// when t is an endpoint.
func (e edge) solution(t float64) Solution {
	switch {
	case t <= 0 || e.i == e.j:
		return Solution{Point: e.a, Lottery: []Share{{e.i, 1}}}
	case t >= 1:
		return Solution{Point: e.b, Lottery: []Share{{e.j, 1}}}
	}
	return Solution{Point: e.at(t), Lottery: []Share{{e.i, 1 - t}, {e.j, t}}}
}

func edges(deals []Deal, chain []int) []edge {
	if len(chain) == 1 {
		return []edge{{chain[0], chain[0], deals[chain[0]].Point, deals[chain[0]].Point}}
	}
	es := make([]edge, 0, len(chain)-1)
	for k := 0; k+1 < len(chain); k++ {
		i, j := chain[k], chain[k+1]
		es = append(es, edge{i, j, deals[i].Point, deals[j].Point})
	}
	return es
}

// irRange returns the parameters [lo, hi] of the part of e with u ≥ d, and
// false when there is none. Along a frontier edge u1 rises and u2 falls, so
// u1 ≥ d1 bounds t from below and u2 ≥ d2 from above.
func (e edge) irRange(d Point) (lo, hi float64, ok bool) {
	if e.i == e.j {
		return 0, 0, acceptable(e.a, d)
	}
	b1, b2 := e.b.U1-e.a.U1, e.b.U2-e.a.U2 // b1 > 0 > b2
	lo, hi = max(0, (d.U1-e.a.U1)/b1), min(1, (d.U2-e.a.U2)/b2)
	return lo, hi, lo <= hi
}

// Nash returns the Nash bargaining solution when the parties may agree on
// any lottery over deals: the point of the convex hull of the deals with
// u ≥ batna that maximises (u1 − d1)(u2 − d2). It is computed exactly on
// each edge of the hull's Pareto frontier (see the package documentation)
// and given as a lottery over at most two adjacent frontier deals; among
// equal maxima the one with the smallest u1 is returned.
func Nash(deals []Deal, batna Point) (Solution, error) {
	if err := check(deals, batna); err != nil {
		return Solution{}, err
	}
	var best Solution
	var bestN float64
	found := false // some frontier edge has acceptable points
	for _, e := range edges(deals, ParetoChain(deals)) {
		lo, hi, ok := e.irRange(batna)
		if !ok {
			continue
		}
		s := e.solution(e.nashT(batna, lo, hi))
		if n := product(s.Point, batna); !found || n > bestN {
			best, bestN, found = s, n, true
		}
	}
	switch {
	case !found:
		return Solution{}, ErrNoZOPA
	case bestN <= 0:
		return Solution{}, ErrNoSurplus
	}
	return best, nil
}

// nashT maximises the concave quadratic (a1 + t·b1)(a2 + t·b2) over
// [lo, hi], where a = A − d and b = B − A.
func (e edge) nashT(d Point, lo, hi float64) float64 {
	if e.i == e.j {
		return 0
	}
	a1, a2 := e.a.U1-d.U1, e.a.U2-d.U2
	b1, b2 := e.b.U1-e.a.U1, e.b.U2-e.a.U2
	t := -(a1*b2 + a2*b1) / (2 * b1 * b2)
	return min(max(t, lo), hi)
}

// ideal returns the ideal point of the IR part of the frontier: the largest
// u1 and the largest u2 among frontier points with u ≥ d.
func ideal(es []edge, d Point) (Point, bool) {
	a, found := Point{}, false
	for _, e := range es {
		lo, hi, ok := e.irRange(d)
		if !ok {
			continue
		}
		p, q := e.at(lo), e.at(hi) // q has the larger u1, p the larger u2
		if !found {
			a, found = Point{q.U1, p.U2}, true
			continue
		}
		a = Point{max(a.U1, q.U1), max(a.U2, p.U2)}
	}
	return a, found
}

// KalaiSmorodinsky returns the Kalai–Smorodinsky solution when the parties
// may agree on any lottery over deals: the frontier point on the segment
// from batna to the ideal point, the ideal being the best each party can
// get from an outcome acceptable to both. The intersection is solved
// exactly on the frontier edge it crosses.
func KalaiSmorodinsky(deals []Deal, batna Point) (Solution, error) {
	if err := check(deals, batna); err != nil {
		return Solution{}, err
	}
	es := edges(deals, ParetoChain(deals))
	a, ok := ideal(es, batna)
	switch {
	case !ok:
		return Solution{}, ErrNoZOPA
	case a.U1 <= batna.U1 || a.U2 <= batna.U2:
		return Solution{}, ErrNoSurplus
	}
	v := Point{a.U1 - batna.U1, a.U2 - batna.U2}
	var best Solution
	bestS := -1.0
	for _, e := range es {
		t, s, ok := e.cross(batna, v)
		if ok && s > bestS {
			best, bestS = e.solution(t), s
		}
	}
	if bestS <= 0 { // unreachable for a valid frontier; guards rounding
		return Solution{}, ErrNoSurplus
	}
	return best, nil
}

// cross intersects e with the segment d + s·v, s ∈ [0, 1], returning the
// edge parameter t and s. Parallel lines do not cross: v points up and
// right, a frontier edge down and right.
func (e edge) cross(d, v Point) (t, s float64, ok bool) {
	if e.i == e.j {
		// A single frontier point: on the segment iff proportional.
		w := Point{e.a.U1 - d.U1, e.a.U2 - d.U2}
		s = w.U1 / v.U1
		return 0, s, s >= 0 && s <= 1+1e-12 && approx(w.U2, s*v.U2)
	}
	b := Point{e.b.U1 - e.a.U1, e.b.U2 - e.a.U2}
	// Solve e.a + t·b = d + s·v by Cramer's rule.
	den := b.U1*v.U2 - b.U2*v.U1 // > 0 since b1 > 0 > b2 and v > 0
	if den == 0 {
		return 0, 0, false
	}
	w := Point{d.U1 - e.a.U1, d.U2 - e.a.U2}
	t = (w.U1*v.U2 - w.U2*v.U1) / den
	s = (w.U1*b.U2 - w.U2*b.U1) / den
	const slack = 1e-12 // a crossing exactly at a shared vertex may round out of both edges
	if t < -slack || t > 1+slack || s < 0 || s > 1+slack {
		return 0, 0, false
	}
	return min(max(t, 0), 1), s, true
}

func approx(x, y float64) bool {
	return x-y <= 1e-12*max(1, abs(x), abs(y)) && y-x <= 1e-12*max(1, abs(x), abs(y))
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
