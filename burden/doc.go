// Package burden measures how the members of a pact share its burden: each
// member's share of what was delivered against its share of capability
// and of benefit, an exploitation index, free riding over periods, the cost
// splits an agreement can name, and the Olson–Zeckhauser test of whether
// the large carry a disproportionate share.
//
// Everything is a pure function of the values passed in: nothing reads a
// clock, a file or a global. Missing data is never read as zero: a figure
// that cannot be computed is NaN and its member is flagged (Flag).
//
// # Shares and the exploitation index
//
// With d_i what member i delivered (Input.Delivered, or FromPact from the
// record, valued by Prices) and c_i its capability (Input.Capability: GDP,
// an actor capability such as economic or technology, or any measure the
// caller chooses), and K the compared members, those whose d_i and c_i are
// both known (Result.Compared):
//
//	Share_i            = d_i / Σ_j d_j                  (all members)
//	CapabilityShare_i  = c_i / Σ_{j∈K} c_j
//	ComparedShare_i    = d_i / Σ_{j∈K} d_j
//	Exploitation_i     = ComparedShare_i / CapabilityShare_i − 1
//
// The exploitation index is the ratio of a member's share of the burden to
// its share of capability, the measure of disproportionality of the
// burden-sharing literature that follows Olson and Zeckhauser (1966),
// less one: 0 for a member carrying exactly its capability share, above 0
// for one carrying more (in Olson and Zeckhauser's terms, exploited by the
// small), −1 for one carrying nothing. It is NaN when the capability share
// is 0 or unknown. Shares over K are used so that both shares are taken
// over the same members; when every figure is known, ComparedShare equals
// Share. Share is NaN for everyone when any d_i is unknown, since the total
// then is.
//
// Against the agreement's benefit rule (entente.BenefitRule):
//
//	BenefitShare_i   = 1/n (equal), Share_i (by_contribution),
//	                   the agreed share (fixed_shares; NaN if not named)
//	BenefitBalance_i = Share_i − BenefitShare_i
//
// # Free riders
//
// In each period t (Input.Periods; Bucket cuts a pact's contributions at
// given bounds), over K_t, the members present in t whose delivery and
// capability are known:
//
//	s_it = d_it / Σ_{j∈K_t} d_jt,  κ_it = c_i / Σ_{j∈K_t} c_j
//	below_it  ⇔  s_it < r · κ_it
//
// with r = Options.FreeRiderRatio (0.5). A member is a free rider when it
// is below in at least Options.FreeRiderPeriods (2) consecutive periods. A
// period in which it cannot be judged (not a member, capability unknown,
// nothing delivered by anyone) breaks the run.
//
// # Cost splits
//
// For a total T (Input.Budget, or the total delivered), CostSplit gives
// each member's part under SplitEqual (T/n), SplitCapability
// (T · c_i/Σ_j c_j, NaN for all when any c_j is unknown) or SplitBenefit
// (T · BenefitShare_i), and the gap d_i − part.
//
// # The Olson–Zeckhauser test
//
// Olson, M. and Zeckhauser, R. (1966), "An Economic Theory of Alliances",
// Review of Economics and Statistics 48(3): 266–279, predict that in an
// alliance providing a public good the larger members bear a
// disproportionate share, and test it with Spearman's rank correlation
// between GDP and defence spending as a share of GDP. OlsonZeckhauser
// computes, for one year's values, burden_i = spending_i / GDP_i and
// Spearman's ρ between GDP and burden, dropping members with either value
// missing, NaN, infinite or negative, or GDP zero, and reporting n.
//
// Spearman's ρ (Spearman, C. (1904), "The proof and measurement of
// association between two things", American Journal of Psychology 15:
// 72–101) is the Pearson correlation of the ranks, ties given the average
// of the ranks they span; without ties it equals 1 − 6Σd²/(n(n²−1)). Two
// two-sided p-values come with it:
//
//   - PT, from t = ρ·sqrt((n−2)/(1−ρ²)) under Student's t with n − 2
//     degrees of freedom (gonum's distuv.StudentsT), p = 2·P(T > |t|);
//   - PExact, for n ≤ 10, the share of all n! pairings of the ranks whose
//     |ρ| is at least the observed one: the exact null distribution of ρ
//     that Hotelling and Pabst (1936, Annals of Mathematical Statistics 7:
//     29–43) tabulated for small n, counted here exactly, ties included.
//
// P, the reported p-value, is PExact for n ≤ 10 and PT above, since the t
// approximation is poor in small samples; Method says which.
package burden
