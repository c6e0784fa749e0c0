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
//
// # Splitting a total among n parties
//
// Split divides a total among parties with private reservation values: a
// split of benefits (each party's reservation is the least share it
// accepts; a zone of possible agreement exists when the reservations add
// up to at most the total) or a contribution schedule (each party's
// reservation is the most it will pay; a zone exists when the maxima
// cover the total). On either side the parties bargain over the surplus;
// the frontier of their gains is linear, and a party's gain is capped on
// the cost side by its maximum (nobody is paid to take part). Nash gives
// every party an equal gain, or its cap when that is less
// (water-filling); Kalai–Smorodinsky gives gains proportional to each
// party's ideal gain (its cap, or the whole surplus). Where no cap binds
// the two coincide. Tests check the closed forms against NashCurve and
// KalaiSmorodinskyCurve for two parties.
//
// # Sealed splits
//
// Shown to a party, the Nash split gives the others' values away: party i
// knows its reservation r_i and its amount x_i = r_i + S/n, hence the
// surplus S, hence every other r_j = x_j − S/n. With two parties even the
// adopted split alone does it (r_2 = x_2 − (x_1 − r_1)). Split.Draw
// instead gives party i the part w_i of the surplus, for weights w drawn
// uniformly from the simplex (Weights; on the cost side redrawn while a
// gain exceeds its cap, so the split is uniform on the feasible ones) from
// a seed none of the parties can
// compute (Seed over every party's secret salt, a coin toss by commitment
// in the manner of Blum 1983, "Coin flipping by telephone"; the trusted
// reader of the values plays the trustee of Micali's "ideal electronic
// negotiations", US patent 5,615,269, 1997). Then:
//
//   - What a party learns about the others from the split and its own
//     value: each other party's value is at most that party's amount
//     (benefits; at least, for costs), and the total of the others' values
//     is at most the total minus its own (that a zone exists). Its own gain
//     x_i − r_i = w_i·S fixes the product of two unknowns, not either:
//     every smaller surplus down to its gain is explained by a larger
//     weight. So no other value can be computed exactly, even by all the
//     other parties pooling their values and salts: the surplus stays
//     unknown while one weight does.
//   - What it does not hide: the split is evidence. With two parties the
//     likelihood of the observed split is 1/S on [r_1, T − r_2], so values
//     close to the bound are more likely than values far from it. Each
//     further split drawn with the same value (another bargaining, a new
//     salt) gives another upper bound, and the least of k such bounds is on
//     average S/(k+1) above the value. Whether a zone exists is one bit
//     about the sum of the values; a party that could restate its value and
//     see that bit again could search for the others' sum, so a caller must
//     seal the values once every party has stated (the entente domain
//     does). The reader of the values (a secretariat) sees everything.
//   - Fairness: where no cap binds, the expected gain of every party is
//     S/n, the Nash and Kalai–Smorodinsky gain, so risk-neutral parties
//     value the lottery as they value the Nash split (where a cap binds the
//     draw is uniform over the feasible splits, and a capped party's
//     partners expect somewhat less than Nash gives them). Like every mechanism that is individually
//     rational, budget-balanced and efficient, it rewards overstating one's
//     reservation at the risk of no agreement (Myerson & Satterthwaite 1983,
//     "Efficient mechanisms for bilateral trading", J. Econ. Theory 29;
//     Chatterjee & Samuelson 1983, "Bargaining under incomplete
//     information", Oper. Res. 31, for split-the-difference).
package bargain
