// Package health scores a pact's health for a period and raises early
// warnings a person can act on. It reads the pact's record (a folded
// entente.PactState), the trust and burden analyses built on it, and the
// members' capabilities, and touches no I/O.
//
// # Components
//
// Each component is a number from 0 (bad) to 1 (good), or NaN when the
// record holds no data for it; a NaN component is left out of the score
// and listed as missing, never counted as zero. The score is the weighted
// mean of the components present, times 100.
//
//   - trust: the mean directed trust among current members (package
//     trust: beta reputation with a half-life).
//   - burden: burden fairness, 1 − ½·Σ|c_i − k_i| over members, where c_i
//     is member i's share of contributions and k_i its share of
//     capability: the total variation distance between the two
//     distributions (0 when contributions follow capability exactly, 1 when
//     they are disjoint).
//   - cohesion: agreement in votes among members on proposals decided in
//     the period: for each pair that both voted on a proposal, 1 for the
//     same choice, ½ when one abstained, 0 for opposite votes; the mean over
//     pairs and proposals.
//   - cohesion_trend: 0.5 + (cohesion in the period − cohesion in the
//     period before), clipped to [0, 1]: below 0.5 means falling.
//   - disputes: 1 − (Σ stage weight of open disputes)/members, clipped to
//     [0, 1], with weights negotiation ¼, mediation ½, arbitration 1.
//   - commitments: 1 − overdue/(commitments due by now).
//   - objectives: the mean of min(1, progress/target) over objectives, with
//     an objective past its deadline and not met counting 0.
//   - power_shift: 1 − ½·Σ|k_i(now) − k_i(before)|, the total variation
//     between capability shares at the start and end of the period (when
//     capabilities at the start are given).
//
// The weights (Options.Weights) default to 1 for every component but the
// trend (½). They are judgement, not estimates: the early-warning
// validation on historical alliances (the ATOP report) is what tells how
// well such a score predicts a pact's end.
//
// # Warnings
//
// Warnings name what to act on: the overdue commitment and its member, the
// free rider with its shares, the member few trust, the escalated dispute
// and its deadline, the objective behind schedule, the falling cohesion.
package health
