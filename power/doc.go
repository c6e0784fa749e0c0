// Package power computes voting power indices of simple games: weighted
// majority games [q; w1..wn], multiple-weight games (several weight vectors
// with quotas that must all be met, optionally with a minimum blocking
// minority as in the EU Council), and games given by their minimal winning
// coalitions. It is pure: functions take values and return results, with no
// I/O, globals or clock; Monte Carlo estimates take a seed.
//
// # Games
//
// NewWeighted, Unanimity, NewMultiWeighted, EUCouncil and NewMinimalWinning
// build the games; any type implementing Game (N and a monotone Wins) can be
// analysed by enumeration. ParseCSV, ParseDecimal and ParseQuota read weight
// tables and quotas, scaling decimals exactly to integers (never rounding).
//
// # Indices
//
// Notation: N the n players, W the winning coalitions, M the minimal winning
// ones, and η_i (the swings of i) the number of coalitions S ⊆ N\{i} with S
// losing and S ∪ {i} winning. Player i is critical in a winning S if S\{i}
// loses; κ(S) is the number of critical players of S.
//
//   - Banzhaf (Banzhaf 1965, "Weighted voting doesn't work", Rutgers Law
//     Review 19): β_i = η_i / Σ_j η_j (normalized), with the raw swing
//     counts in Result.Swings.
//   - Penrose (Penrose 1946, "The elementary statistics of majority voting",
//     JRSS 109), the absolute Banzhaf index: η_i / 2^(n-1), the probability
//     that i's vote decides when all others vote at random.
//   - Shapley-Shubik (Shapley & Shubik 1954, "A method for evaluating the
//     distribution of power in a committee system", APSR 48):
//     φ_i = Σ over swing coalitions S of i of |S|! (n-1-|S|)! / n!, the share
//     of the n! orderings in which i is pivotal.
//   - Deegan-Packel (Deegan & Packel 1978, "A new index of power for simple
//     n-person games", IJGT 7): ρ_i = (1/|M|) Σ_{S∈M, i∈S} 1/|S|.
//   - Holler's public good index (Holler 1982, "Forming coalitions and
//     measuring voting power", Political Studies 30):
//     h_i = |{S∈M : i∈S}| / Σ_j |{S∈M : j∈S}|.
//   - Johnston (Johnston 1978, "On the measurement of power: some reactions
//     to Laver", Environment and Planning A 10): each winning coalition with
//     critical players gives 1/κ(S) to each of them; the totals are
//     normalized to sum to 1.
//   - Coleman (Coleman 1971, "Control of collectivities and the power of a
//     collectivity to act", in Lieberman (ed.), Social Choice): power to
//     prevent action η_i/|W|, power to initiate action η_i/(2^n - |W|), and
//     the power of the collectivity to act |W|/2^n.
//
// Result also gives the numbers of winning and minimal winning coalitions,
// the dummies (players with no swing, who get zero in every index) and the
// veto players (without whom no coalition wins).
//
// # Algorithms
//
// Analyze picks the fastest exact algorithm for the game's type; Result.Method
// says which ran. Exact results (Options.Exact) are math/big.Rat fractions;
// the float64 values are those fractions correctly rounded, so they are
// accurate to 1 ulp whatever the game size.
//
// Exact counting uses integers modulo 2^(64L) with L = n/64+1 64-bit limbs:
// every count of coalitions lies in [0, 2^n], below the modulus, so sums,
// the differences of the deconvolution steps and products are exact without
// big.Int in the inner loops (one machine word up to 63 players).
//
//   - Weighted games, Banzhaf and Coleman: the count polynomial
//     Π_j (1 + x^{w_j}) truncated at D = min(q-1, total-q) (coalitions are
//     counted directly or through their complements, whichever is shorter)
//     is built once, in O(n·D), and turned into running sums G. The
//     polynomial without player i is C/(1 + x^{w_i}); its running sums are
//     the alternating sums G_{-i}(t) = Σ_k (-1)^k G(t - k·w_i), so each
//     player's swings (a window of width w_i) cost O(D/w_i) instead of a new
//     O(n·D) pass. Total O(n·D) time and O(D) memory.
//   - Weighted games, Shapley-Shubik: the same with the coalition size as a
//     second variable, Π_j (1 + y·x^{w_j}); row s only stores the weights a
//     coalition of s players can have. O(n·cells) ≤ O(n²·D) time and
//     O(cells) memory, plus O(n·min(n, D/w_i)) per player.
//   - Weighted games, minimal winning coalitions (Holler, Deegan-Packel):
//     with the players sorted heaviest first, S is minimal winning exactly
//     when its lightest member m satisfies q ≤ w(S) < q + w_m; one pass over
//     the order keeps the size-and-weight running sums of the heavier
//     players, dividing out one weight class at a time. O(n²·D) time plus
//     O(n·c·min(n, D/w)) per player for c weight classes, where D =
//     min(q-1, total-q): above half the total the heavier players left out
//     of S are counted instead (their weight lies in (w(H)-q, w(H)-q+w_m]
//     for the heavier players H, at most total-q).
//   - Weighted games, Johnston: in a winning S with excess e = w(S)-q the
//     critical members are those heavier than e. For each level of the d
//     distinct weights, the polynomial of the heavier players (by size) is
//     paired with that of the lighter ones. O(d²·n·q).
//   - Multiple-weight games in which every layer but one gives all players
//     the same weight (such as the EU rule: members, population, blocking
//     minority) become weighted games with a quota depending on the
//     coalition's size, handled by the size-and-weight polynomial when the
//     weights are small, or otherwise by meet in the middle: for each player
//     the others are split into two halves whose coalition weights are
//     listed by size and sorted, and pairs in the swing window are counted
//     by a two-pointer sweep; O(n²·2^(n/2)) time, up to 36 players. The
//     EU-27 takes about 50 ms.
//   - Everything else (and the reference for the tests) enumerates all 2^n
//     coalitions once in Gray-code order, then finds the critical members
//     of each winning coalition by table look-up: O(n·2^n) time, 2^n bits,
//     up to Options.MaxEnumPlayers (27 by default, at most 30; about 2 s at
//     27 players).
//   - Monte Carlo (Options.MonteCarlo) samples random coalitions (Penrose,
//     Banzhaf, Coleman) and random orderings (Shapley-Shubik), O(samples·n),
//     and reports per-player standard errors and a Hoeffding bound that
//     holds for all players at once with the stated confidence.
//
// Memory is the budget: a sized table whose multi-limb cells would exceed
// Options.MaxMemory runs instead in sequential passes holding one residue
// per cell, modulo primes below 2^63 or, if those do not fit either, below
// 2^31, and the counts are rebuilt by the Chinese remainder theorem (see
// residue.go): the same work in a third or a sixth of the memory. Sized
// tables are built lightest player first, each row updated only where the
// row below can hold coalitions so far (a fifth of the cell updates for the
// IMF at 50%). Games under 64 players count in single uint64 words, take
// their tables from a pool, and reduce their swing, winning and Holler
// fractions with a machine-word gcd (wordfrac.go) when the counts and their
// sums fit in a word (checked, else big.Int).
//
// Limits: a computation that would need more than Options.MaxMemory bytes
// (4 GiB by default) even in 32-bit residues, or more than Options.MaxWork
// word steps, returns a *LimitError (wrapping ErrTooLarge) naming the limit,
// the need and the indices that need it, as do enumeration beyond
// MaxEnumPlayers and meet in the middle beyond 36 players. Measured on two
// shared, busy cores: the 51-player US electoral college, every index, 1.3
// to 1.6 times a C program of the same dynamic programs
// (testdata/cref/all.c, compare.sh; medians 1.43 float, 1.47 exact);
// Banzhaf alone 1.5 to 2.4 times dp.c with float results and 2.8 to 4.1
// with exact fractions (which C does not build), Shapley-Shubik alone 1.3
// to 1.8 (compare_single.sh); the IMF's 190 members (testdata/imf2023.csv), exact Banzhaf and
// Shapley-Shubik at 50% in 103 s within 1.5 GB (six 32-bit residue passes
// under a 2.5 GB limit), at 85% in 29 s (1.8 GB); Deegan-Packel and Holler
// at 85% within 1.8 GB (by complements). Johnston at that size is
// estimated by Monte Carlo (MCReport.JohnstonBound).
package power
