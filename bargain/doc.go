// Package bargain computes the zone of possible agreement (ZOPA) and two
// axiomatic bargaining solutions, Nash and Kalai–Smorodinsky, for two
// parties whose disagreement point is each side's best alternative to a
// negotiated agreement (BATNA). It is pure: functions take values and
// return results, with no I/O, globals or clock.
//
// # Notation
//
// Party 1 and party 2 value an outcome at u = (u1, u2). The disagreement
// point d = (d1, d2) is what each gets from its BATNA; the caller gives it
// in the same utility units as the deals. An outcome is individually
// rational (IR) when u ≥ d, i.e. u1 ≥ d1 and u2 ≥ d2.
//
// # Zone of possible agreement
//
//   - One issue (price): a seller will not sell below its reservation
//     price s, a buyer will not pay above its reservation price b. The ZOPA
//     is the interval [s, b], empty when s > b (PriceZOPA). Endpoints are
//     included: a party at its reservation price is indifferent, not
//     opposed.
//   - Many issues, as a finite set of deals each scored by both parties:
//     the ZOPA is the set of deals with u ≥ d (ZOPA), again counting
//     indifference as acceptance.
//
// Following Raiffa (1982, The Art and Science of Negotiation, Harvard
// University Press) and Fisher & Ury (1981, Getting to Yes) the BATNA sets
// the reservation point: no deal worse than walking away is acceptable.
//
// # Nash bargaining solution
//
// Nash (1950, "The bargaining problem", Econometrica 18(2):155–162): the
// unique outcome satisfying Pareto optimality, symmetry, invariance to
// positive affine transformations of either utility and independence of
// irrelevant alternatives maximises the Nash product
//
//	N(u) = (u1 − d1)(u2 − d2)  over feasible u with u ≥ d.
//
// Three feasible sets are supported:
//
//   - NashDeal: a finite set of deals, no randomisation; the deal with the
//     largest product (ties: the lowest index).
//   - Nash: the convex hull of the deals, i.e. lotteries over deals
//     (expected utilities). The maximiser lies on the Pareto frontier of the
//     hull, a concave piecewise-linear chain (ParetoChain). On an edge
//     u(t) = A + t(B − A), t ∈ [0, 1], the product is the quadratic
//     (a1 + t·b1)(a2 + t·b2) with a = A − d, b = B − A; b1 > 0 > b2 on a
//     Pareto edge, so it is concave with maximiser
//     t* = −(a1·b2 + a2·b1) / (2·b1·b2), clamped to the part of the edge
//     with u ≥ d. Maximising over every edge is exact (no iteration); the
//     answer is a lottery over at most two adjacent frontier deals.
//   - NashCurve: a frontier given as a function u2 = f(u1) on [Min, Max],
//     non-increasing and concave (the frontier of a convex set). Then
//     log N is concave along the frontier, N is unimodal, and
//     golden-section search finds the maximiser to within Tol in u1
//     (default DefaultTol = 1e-10).
//
// # Kalai–Smorodinsky solution
//
// Kalai & Smorodinsky (1975, "Other solutions to Nash's bargaining
// problem", Econometrica 43(3):513–518) replace independence of irrelevant
// alternatives by monotonicity. With the ideal (utopia) point
//
//	a = (max u1, max u2) over the IR set {u feasible : u ≥ d},
//
// the solution is the Pareto-frontier point on the segment from d to a:
// d + s·(a − d) with s as large as feasibility allows. The ideal is taken
// within the IR set, not over all deals: with the split-a-dollar frontier
// u1 + u2 = 1 and d = (0.2, 0), party 2 can get at most 0.8 from an
// acceptable deal, so a = (1, 0.8), not (1, 1). KalaiSmorodinsky solves it
// exactly on the hull's frontier edges (a 2×2 linear system per edge);
// KalaiSmorodinskyCurve bisects along the segment from d to a to within
// Tol. Both treat the feasible set as comprehensive below the frontier (free
// disposal), so the segment from d leaves the set only through the
// frontier.
//
// For a linear frontier the two solutions coincide (each party gets half of
// the surplus over its BATNA); on a curved frontier such as u2 = 1 − u1²
// they differ: with d = (0, 0), Nash is (1/√3, 2/3) ≈ (0.577, 0.667) and
// Kalai–Smorodinsky is ((√5 − 1)/2, (√5 − 1)/2) ≈ (0.618, 0.618).
//
// # Degenerate problems
//
// When no deal (or lottery) is acceptable to both, the functions return
// ErrNoZOPA. When acceptable outcomes exist but none gives both parties
// strictly more than their BATNA, the Nash product is zero everywhere and
// the ideal point coincides with d in one coordinate, so both solutions are
// undefined: ErrNoSurplus.
package bargain
