// Package coalition computes cooperative (transferable-utility) games for
// forming coalitions and splitting their gains: the Shapley value, the core
// and least core, the nucleolus, the minimal winning coalitions of a
// decision rule, and optimal coalition structures. It is pure: values in,
// results out, with no I/O, globals or clock; every random computation takes
// a seed, and parallel computations give the same results whatever the
// scheduling.
//
// # Games
//
// A game on players N = {0, …, n-1} gives every coalition S ⊆ N a worth
// v(S), with v(∅) = 0; coalitions are bit masks (bit i set when player i is
// a member, see Mask and Members). A Game is built from
//
//   - a table of the 2^n worths (NewTable, n ≤ MaxTablePlayers = 30);
//   - a formula, a Go function of the mask (NewFunc, n ≤ MaxPlayers = 64);
//   - a pact's contributions (NewPool): v(S) = R(c(S)) + γ Σ_{i<j∈S} c_i c_j
//     with c(S) = Σ_{i∈S} c_i, R the return on the pooled total and γ the
//     pairwise synergy (complements γ > 0, substitutes γ < 0); with R convex
//     and γ ≥ 0 the game is convex (Shapley 1971, "Cores of convex games",
//     IJGT 1), so its core is non-empty and holds the Shapley value;
//   - a decision rule (NewVoting): v(S) = 1 if S wins under a power.Game
//     (weighted majority, multiple-weight rules with a blocking minority,
//     rules given by minimal winning coalitions), 0 otherwise.
//
// Constructors reject v(∅) ≠ 0, non-finite worths and player counts out of
// range with errors wrapping ErrEmptyWorth, ErrNotFinite, ErrPlayers and
// ErrInput. Methods that need every worth tabulate a formula game first
// (Tabulate), which limits them to MaxTablePlayers.
//
// # Shapley value
//
// Shapley (1953, "A value for n-person games", Contributions to the Theory of
// Games II):
//
//	φ_i = Σ_{S ⊆ N\{i}} |S|! (n-1-|S|)! / n! · (v(S ∪ {i}) - v(S)),
//
// the average marginal contribution of i over the n! orders in which the
// players may arrive. Shapley computes it exactly from the table in
// O(n·2^n): the marginal contributions are summed by coalition size and each
// size's sum is multiplied once by its weight 1/(n·C(n-1, s)). It is the
// unique value that is efficient (Σ φ_i = v(N)), symmetric, additive and
// gives null players zero; on a simple game it is the Shapley-Shubik index
// (power.ShapleyShubik).
//
// ShapleySample estimates it for any n ≤ 64 by permutation sampling (Castro,
// Gómez & Tejada 2009, "Polynomial calculation of the Shapley value based on
// sampling", Computers & Operations Research 36): m uniformly random orders
// (PCG generator seeded by the caller), each giving every player its
// marginal contribution; the estimate is the mean. Accuracy: the per-player
// standard error s_i/√m (s_i the sample standard deviation), and a Hoeffding
// bound holding for all players at once with probability at least 1-δ,
//
//	|φ̂_i - φ_i| ≤ R·sqrt(ln(2n/δ) / (2m)),
//
// where R bounds the width of every player's range of marginal
// contributions (Hoeffding 1963; union bound over the n players): R = 1 for
// voting games, the caller's SampleOptions.Range otherwise, or the widest
// range observed (then only an estimate, flagged in the result).
//
// # Core and least core
//
// The core (Gillies 1959) is {x : x(N) = v(N), x(S) ≥ v(S) for all S}, with
// x(S) = Σ_{i∈S} x_i. The ε-core relaxes every constraint to x(S) + ε ≥ v(S);
// the least core (Maschler, Peleg & Shapley 1979, "Geometric properties of
// the kernel, nucleolus and related solution concepts", Math. of OR 4) is
// the ε-core for the least ε* for which it is non-empty:
//
//	ε* = min ε  s.t.  x(S) + ε ≥ v(S) for all S ≠ ∅, N;  x(N) = v(N).
//
// The core is non-empty exactly when ε* ≤ 0 (Bondareva 1963; Shapley 1967).
// Core solves this LP with gonum's lp.Simplex by constraint generation:
// starting from the singletons and the (n-1)-player coalitions, it solves
// the LP restricted to the constraints so far, scans all 2^n coalitions for
// the largest excesses v(S) - x(S) at the solution (Gray-code order, one
// addition per coalition), adds the 2n most violated constraints and repeats
// until none exceeds ε. It returns ε*, a least-core point (in the core when
// that is non-empty) and whether the core is empty.
//
// Tolerances: the worths are divided by max|v(S)| before the solver sees
// them, so its absolute tolerances act relatively. The simplex stops at
// reduced costs above -1e-11; a constraint is added when its excess exceeds
// the LP's ε by more than 1e-10; the core is reported empty when ε* >
// CoreTol·max|v| (CoreTol = 1e-9), so a core empty by less than that is
// reported non-empty, its point violating some constraint by at most that
// margin.
//
// # Nucleolus
//
// The nucleolus (Schmeidler 1969, "The nucleolus of a characteristic
// function game", SIAM J. Appl. Math. 17) is the imputation (x(N) = v(N),
// x_i ≥ v({i})) whose vector of excesses v(S) - x(S), sorted in decreasing
// order, is lexicographically smallest; the prenucleolus the same over all
// efficient x. Both are unique, lie in the least core, and coincide when the
// core is non-empty, which then contains them. They are computed by the
// sequential LPs of Kopelowitz (1967) and Maschler, Peleg & Shapley (1979):
// stage k minimises the largest excess ε_k of the coalitions not yet fixed,
// the fixed ones keeping the excess of the stage that fixed them, then fixes
// the coalitions tight in every optimal solution, until the fixed coalitions
// determine x (at most n-1 stages). Each stage LP is solved in its dual form
// (n+1 rows, one column per free coalition): a coalition with a positive
// dual value (above 1e-9) is tight in every primal optimum by complementary
// slackness, so it can be fixed; coalitions whose indicator vector is in the
// span of the fixed ones have a determined excess and are dropped, so every
// stage raises the rank (span tested by Gram-Schmidt, tolerance 1e-7 on the
// residual of a 0/1 vector). Exact up to the LP tolerances, for n ≤
// MaxNucleolusPlayers = 16 (2^n columns; milliseconds up to 12 players).
// Checked on the example shipped with Benedek's nucleolus solver: v(1)=1,
// v(2)=2, v(3)=5, v(12)=6, v(13)=7, v(23)=8, v(123)=12 has nucleolus
// (2.75, 3.75, 5.5).
//
// # Minimal winning coalitions
//
// MinimalWinning lists the minimal winning coalitions of a decision rule
// given as a power.Game: the winning coalitions in which every member is
// critical. The rule decides through its own Wins (weighted rules through
// their weights); their number agrees with power.Analyze's MinimalWinning.
//
// # Coalition structures
//
// A coalition structure is a partition of N into coalitions; its value is
// Σ v(C). Finding the best is the complete set partitioning problem (there
// are Bell(n) structures: 4.6·10^18 for 25 players).
//
// The classic dynamic program (Yeh 1986, "A dynamic programming approach to
// the complete set partitioning problem", BIT 26; Rothkopf, Pekeč & Harstad
// 1998) computes for every coalition f(S) = max(v(S), max over splits
// f(A) + f(S\A)), evaluating all 3^n pairs (A, S\A) (or 3^n/2 unordered
// ones). OptimalStructure is exact and does much less:
//
// 1. Split rule. A split {A, B} of S ≠ N is evaluated only when neither A
// nor B has more players than C = N\S; the grand coalition's splits are all
// evaluated. Each partition {A, B, C} of N into three blocks is then examined
// in one role (C the largest) instead of three, about 3^n/6 evaluations, and
// coalitions of more than 2n/3 players are never split. Proof that the
// optimum is still found: take an optimal structure; if a coalition has at
// least n/2 players, split N into it and the rest (all rest's splits are
// admissible, the parts being no larger than that coalition). Otherwise
// distribute its coalitions, largest first, each into the lightest of three
// groups X ≥ Y ≥ Z (sizes). Split N into X and Y ∪ Z, Y ∪ Z into Y and Z
// (admissible: Y, Z ≤ X), and X, if it has several coalitions, into its
// last-placed coalition q and X\q: when q was placed X\q was the lightest
// group, so X\q ≤ (n-X)/2, and q is no larger than the first coalitions of
// Y and Z, so q ≤ (n-X)/2. Every deeper coalition has at most n/2 players,
// whose splits are all admissible. So the structure is reached by admissible
// splits, and f(N) is its value. This is the rule behind IDP (Rahwan &
// Jennings 2008, "An improved dynamic programming algorithm for coalition
// structure generation", AAMAS) and ODP (Michalak, Rahwan, Elkind,
// Wooldridge & Jennings 2016, "A hybrid exact algorithm for complete set
// partitioning", AIJ 230), in a form that is easy to prove.
//
// 2. Large coalitions by bounds. A coalition S of more than n/2 players is
// never a part of an admissible split of a coalition other than N, so its
// value only matters in f(S) + f(N\S), where f(N\S) is exact. Its splits are
// evaluated only if an upper bound on them, max over the admissible part
// sizes (a, s-a) of M_a(S) + M_{s-a}(S), with M_a(S) the largest f of an
// a-player subset of S, plus f(N\S) beats the best structure known. M_a is
// computed for all S by a subset-maximum transform (Yates's "sum over
// subsets" with max, O(n·2^n) per size, float32 rounded up, in cache-sized
// groups of players) in one working table, and kept only for the
// coalitions whose bound reads it (more than n/2 players, sizes for which a
// is an admissible part), indexed by size and colex rank: 0.6 GiB at 25
// players instead of 1.5 GiB, 2.6 GiB at 27. It is replaced by the largest
// f of each size when that already prunes enough or the tables would
// exceed 4 GiB. The surviving coalitions are evaluated best bound
// first, and the best structure's value, raised after each chunk, prunes the
// rest; this is in the spirit of ODP-IP (Michalak et al. 2016), which pairs
// the dynamic program with IP's bounds.
//
// 3. Cache blocking. Coalitions of at most n/2 players are evaluated 2^14 at
// a time: a coalition is its high bits p and low bits x, a split splits both,
// and for each split of p into pA (holding S's top player) and pB the two
// 128 KiB blocks of f are combined for every x of p's block (max-plus subset
// convolution restricted to the block), so the table is read from the L2
// cache. Prefixes with equally many bits are independent and share the
// cores. The inner loop covers four submasks per step of the submask chain.
//
// Measured on two shared cores (CPU seconds, testdata/cref/compare.sh;
// uniform worths |S|·U(0,1) and NDCS worths N(|S|, √|S|), Rahwan et al.
// 2009): 22 players in 1.1 s (uniform) and 1.8 s (NDCS), where the plain
// dynamic program takes 37 s in C (plain.c) and 1.08-1.10 times that in Go;
// 25 players in 16 s and 31 s, 27 in 108 s and 219 s (peak 3.1 and 6.6
// GiB), where C's plain loop, growing about 3.5 times a player past 22,
// would take some 27 minutes and 5.4 hours (testdata/cref/README.md).
// Memory: two tables of 2^n float64 (512 MiB at 25 players) and, when
// used, the bound tables (0.6 GiB at 25, 2.6 GiB at 27) and the candidate
// list (16 bytes per candidate, allocated at its exact length).
//
// SearchStructure is the anytime alternative, IP (Rahwan, Ramchurn,
// Jennings & Giovannucci 2009, "An anytime algorithm for optimal coalition
// structure generation", JAIR 34): the structures are grouped by the integer
// partition of n given by their coalitions' sizes; each subspace has an
// upper bound (the sums of the largest worths of its sizes) and an average
// (a lower bound on the optimum); subspaces are searched by depth-first
// branch and bound in decreasing order of their bounds within a budget of
// steps, and the result carries the best structure found with a proven upper
// bound on the optimum (the largest bound of the subspaces not searched), so
// the ratio of the two bounds its distance to the optimum. With no budget it
// runs to proven optimality.
//
// UniformValues and NDCSValues generate the seeded benchmark distributions.
package coalition
