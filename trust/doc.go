// Package trust computes how far the members of a pact trust each other
// from its record, each member's reputation across all observers, and a
// suggested size for the next commitment between two members.
//
// Everything here is a pure function of an *entente.PactState and the time
// now, which is an argument: nothing reads a clock, a file or a global. Each
// number comes with the evidence that produced it.
//
// # Evidence
//
// An item of evidence e has a base weight w_e (Weights), a time t_e and a
// quality q_e in [0, 1]. Its weight fades with its age at now,
//
//	ω_e = w_e · 0.5^((now − t_e) / h)
//
// with h the half-life (Options.HalfLife, DefaultHalfLife a year), so an
// item exactly one half-life old weighs half its base. It then counts
// ω_e·q_e for the member (positive evidence) and ω_e·(1 − q_e) against
// (negative evidence). Items dated after now are left out. The half-life is
// the continuous-time form of the forgetting factor λ of Jøsang and Ismail
// (λ = 0.5^(1/h) per unit of time).
//
// A member's commitments are public evidence: every other member sees them
// alike. With f = Delivered/Amount, and LateCredit 0.5 by default:
//
//	kind     when                                       q               t_e
//	kept     fulfilled in full by its due date          1               FulfilledAt
//	late     fulfilled in full after its due date       LateCredit      FulfilledAt
//	partial  past due, 0 < f < 1                        LateCredit · f  Due
//	missed   past due, nothing delivered                0               Due
//
// A commitment neither fulfilled nor past due is no evidence yet. Each
// commitment weighs Weights.Commitment (1) whatever its amount, since
// amounts of different resources cannot be compared.
//
// Votes and disputes are pairwise. On a proposal where both members voted
// yes or no, voting the same way is evidence for (q = 1, weight VoteAgree,
// 0.25) and the opposite way evidence against (q = 0, weight VoteDisagree,
// 0.1); abstentions say nothing. Votes carry no time in the state, so the
// item is dated when the proposal was decided (or opened, while undecided).
// In a dispute the raiser (Parties[0]) stands against each other party: that
// counts against in both directions (q = 0, weight Dispute, 1, dated when it
// opened), and its resolution counts mildly for (q = 1, weight
// DisputeResolved, 0.5, dated when it closed).
//
// # Trust
//
// With r the sum of the positive and s of the negative evidence member i
// holds about member j, the trust of i in j is the beta-reputation
// expectation (Jøsang, A. and Ismail, R. (2002), "The Beta Reputation
// System", Proc. 15th Bled Electronic Commerce Conference):
//
//	T[i][j] = (r + 1) / (r + s + 2)
//
// the mean of Beta(r+1, s+1), 0.5 with no evidence, always in [0, 1].
//
// # Reputation
//
// EigenTrust (Kamvar, S. D., Schlosser, M. T. and Garcia-Molina, H. (2003),
// "The EigenTrust Algorithm for Reputation Management in P2P Networks",
// Proc. WWW 2003, Algorithm 2, basic EigenTrust) weighs each observer's
// opinion by the observer's own reputation. Local trust is made
// non-negative by keeping only what lies above neutral, and rows are
// normalised:
//
//	c_ij = max(T[i][j] − 0.5, 0) / Σ_k max(T[i][k] − 0.5, 0)
//
// and c_ij = p_j when i trusts nobody above neutral (as in the paper). p is
// the pre-trusted distribution, uniform over EigenOptions.PreTrusted
// (over every member by default). From t(0) = p the iteration is
//
//	t(k+1) = (1 − a) · Cᵀ t(k) + a · p
//
// with a = 0.15 by default, until ‖t(k+1) − t(k)‖₁ < ε (1e-10 by default)
// or a cap on steps; Ranking reports the steps taken, the last change and
// whether it converged. C is row-stochastic and p sums to one, so every
// t(k) is a probability vector. The step is a contraction with factor 1 − a
// in L1 and the first change is at most 2, so the change is below ε after
// ⌈log(ε/2)/log(1 − a)⌉ steps (147 at the defaults), which is the default
// cap (StepsToConverge).
//
// A clique whose members vouch only for each other receives reputation only
// through p: with p restricted to honest pre-trusted members it ends with
// exactly zero, but with a uniform p a closed clique of k among n members
// keeps exactly k/n in total, the same per member as everyone else. Name
// pre-trusted members when collusion is a concern.
//
// # Incremental commitments
//
// Seed 001 §1.3: partners start with small, low-risk commitments and
// escalate as each proves reliable. SuggestCommitment turns a score into a
// size:
//
//	Amount = base × min(Cap, max(Floor, Growth^(r − s)))
//
// each kept commitment a step up by Growth (1.5), each missed one a step
// down, capped at Cap (8) times the base and floored at Floor (0.25) times
// it (DefaultLadder). These defaults are design choices, not estimates.
package trust
