// Package landscape implements the landscape theory of aggregation of
// Axelrod & Bennett (1993, "A landscape theory of aggregation", British
// Journal of Political Science 23(2):211–233; reprinted as chapter 4 of
// Axelrod 1997, The Complexity of Cooperation, Princeton University Press):
// actors split into two blocs so as to reduce their frustration, and the
// alignments they can settle in are the local minima of an energy over all
// two-bloc configurations. It is pure: functions take values and return
// results, with no I/O, globals or clock; random starts take a seed.
//
// # Model
//
// Actor i has a size s_i ≥ 0 (e.g. its share of capabilities) and a
// propensity p_ij = p_ji to work with actor j: positive to align, negative
// to oppose. A configuration X puts each actor in bloc A or bloc B;
// d_ij(X) is 0 when i and j are in the same bloc and 1 otherwise. Actor i's
// frustration is the propensity-weighted size of the actors on the other
// side,
//
//	F_i(X) = Σ_{j≠i} s_j p_ij d_ij(X),
//
// and the energy of the configuration is the size-weighted frustration
//
//	E(X) = Σ_i s_i F_i(X) = Σ_i Σ_{j≠i} s_i s_j p_ij d_ij(X).
//
// The sum runs over ordered pairs, so each pair apart counts twice: this is
// the normalisation of the paper, whose footnote 2 writes, for X = A′
// versus B and r_ij = s_i s_j p_ij, E(X) = Σ_{A′}Σ_B r_ij + Σ_BΣ_{A′} r_ij.
// Energies are therefore twice the sum over pairs i < j; the factor changes
// no minimum and no basin. Pairs with positive propensity raise the energy
// when apart, pairs with negative propensity lower it.
//
// A configuration and its complement are the same alignment (the blocs
// have no names); this package fixes actor 0 in bloc A (Config.Canonical),
// leaving 2^(n−1) configurations.
//
// # Dynamics, local minima and basins
//
// Actors are myopic and move one at a time: an actor changes sides when
// that lowers its frustration. Moving actor k changes the energy by
//
//	ΔE_k = 2·Σ_{j≠k} s_k s_j p_kj (1 − 2·d_kj(X)) = 2·s_k·ΔF_k,
//
// so with symmetric propensities a move that lowers the mover's frustration
// lowers the energy (the paper's footnote 2), and moves must stop at a
// local minimum: a configuration where no single actor can lower the
// energy by changing sides. These are the predicted stable alignments.
//
// Which minimum the system reaches depends on where it starts. The basin
// of a minimum is the set of configurations from which steepest descent
// ends there. Steepest descent is made deterministic here: at each step
// the actor with the most negative ΔE moves; moves whose ΔE are within the
// tolerance of the best are tied, and the lowest-numbered actor among them
// moves (System.BestFlip). A flip "lowers" the energy only when
// ΔE < −Tolerance·2·max_i Σ_j |s_i s_j p_ij|, so that rounding never makes
// a configuration look like a minimum in one computation and not in
// another. Minimum.Basin counts a basin's configurations and
// Minimum.Share gives it as a fraction of all 2^(n−1).
//
// # Algorithms
//
// Exhaustive search visits all 2^(n−1) configurations in Gray-code order
// (Knuth, TAOCP 4A §7.2.1.1): step t flips actor trailing-zeros(t)+1, so
// each step changes one actor. With x_j = ±1 for the two blocs, the fields
// L_j = Σ_k s_j s_k p_jk x_k give every flip's change at once,
// ΔE_j = 2·x_j·L_j, and flipping k updates them as L_j += 2·x_k·w_jk: O(n)
// per configuration instead of O(n²). The fields are recomputed directly
// every 1024 steps to bound rounding. The sequence is cut into chunks that
// run in parallel, each starting from a directly computed configuration.
// Basins are exact for n ≤ MaxExactBasins: the sweep records each
// configuration's steepest move, then each configuration's path is
// followed until it meets a configuration already labelled with its
// minimum, so that every configuration is walked once. Beyond that limit,
// basins are estimated from seeded random descents.
//
// Local search (Search, and Analyze for n > AutoExhaustive) descends from
// random configurations drawn from a seeded generator; each minimum's
// basin share is estimated by the share of restarts that end in it. It
// finds the minima with large basins, not necessarily all.
//
// # Propensities from data
//
// The paper builds propensities from ethnic conflict, religion, border
// disputes, type of government and past wars. Where such codings are not
// at hand, propensities can come from a similarity matrix: PortfolioS
// computes the S score of alliance portfolios (Signorino & Ritter 1999),
// and Centered (p_ij = sim_ij − mean similarity) or Shifted (p_ij =
// sim_ij − c) turn similarities into signed propensities. Shares rescales
// capabilities such as COW CINC scores to shares of the system.
//
// Europe1936Factors builds the paper's own kind of propensities, each
// factor ±1 with equal weight, as far as the data go: type of government
// (Polity classes, with the USSR coded communist by hand since Polity
// scores fascist and communist autocracies alike), religion (the
// predominant religion of each population, a hand-typed table: no stored
// dataset covers 1936), border conflicts (land neighbours with MIDs since
// 1919 or a territorial strategic rivalry in 1936) and past wars (COW
// inter-state wars since 1900: −1 for opponents, +1 for the same side).
// The paper's ethnic-conflict and economic factors have no source here.
// With these, 4 of 17 states are misplaced against the 1939–41 sides and
// 2 against the paper's prediction (tests in factors_test.go; the
// alliance-portfolio propensities misplace 11). Alliance ties are read on
// a day through package dataset/atopindex (31 December 1936 by default:
// Germany is out of Locarno).
//
// The model's critics (Galam 1996, "Fragmentation versus stability in
// bimodal coalitions", Physica A 230:174–188) note that it is an Ising
// spin glass at zero temperature, with w_ij = s_i s_j p_ij as couplings;
// the two-bloc minima are its ground and metastable states.
package landscape
