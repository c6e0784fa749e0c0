// Package partner ranks candidate partners for an actor or a pact (seed 001
// §1.4, formation: choosing partners) and validates such rankings against
// the alliances states actually signed.
//
// Everything here is pure: functions of actors, pacts and datasets passed
// in, with no I/O, clock or global state; the bootstrap takes a seed.
// Package histdata reads the validation's files.
//
// # Scoring a candidate
//
// Rank scores each candidate j for an actor u against an Objective, a
// target amount per named capability; Suggest does so for a pact, whose
// current members together are the actor (Combine: capabilities summed,
// positions and culture scores averaged over the members who hold them,
// rivals pooled). A score has six parts. Each has a raw value on its own
// scale and a normalised value n_p in [0, 1], higher better:
//
// Complementarity, how much of the capability gap the candidate fills.
// With gap_k = max(0, target_k − cap_uk) (Objective.Gap),
//
//	C_j = Σ_k min(gap_k, cap_jk) / Σ_k gap_k,   n = C_j
//
// A capability the candidate does not list fills nothing; a candidate with
// no capabilities at all is unknown, as is everyone when the gap is empty.
// Amounts of different capabilities are added, so targets should share a
// unit. This is resource-based partner selection: a partner is sought for
// what the actor lacks (Das and Teng 2000, "A Resource-Based Theory of
// Strategic Alliances", Journal of Management 26(1)).
//
// Alignment, the similarity of preferences. When Options.VoteAgreement has
// the candidate, its UN-vote agreement with the actor (fpsim Agree or
// AgreeHalf, in [0, 1]) is used as it is; VoteAgreement computes it for
// actors with COW codes from the UN votes of chosen years. Otherwise
// positions on the issues both hold one on: by default (Distance)
//
//	A = 1 − sqrt( (1/n) Σ_i ((x_i − y_i)/R_i)² ),   n = A
//
// with R_i the range (Options.PositionRange, else the spread of the
// positions held by the actor and the candidates); with Cosine,
// cos = x·y/(|x||y|) and n = (1 + cos)/2. No shared issue: unknown.
//
// Reputation, from the trust record: Options.Reputation[j] in [0, 1]; a
// candidate without a record has the neutral 0.5, the mean of the uniform
// prior of the beta reputation system (Jøsang, A. and Ismail, R. 2002,
// "The Beta Reputation System", Proc. 15th Bled Electronic Commerce
// Conference), which package trust reports with no evidence. This part is
// never unknown. ReputationFromPacts derives the map from pacts' records:
// rep_j is the mean trust T_p[i][j] of every fellow member i in every pact
// p that j has been in.
//
// Culture, the cultural distance by the index of Kogut, B. and Singh, H.
// (1988), "The Effect of National Culture on the Choice of Entry Mode",
// Journal of International Business Studies 19(3): 411–432, over Hofstede's
// dimensions (Hofstede, G., Hofstede, G. J. and Minkov, M. 2010, Cultures
// and Organizations, 3rd ed.: power distance, individualism, masculinity,
// uncertainty avoidance, long-term orientation, indulgence):
//
//	KS_j = (1/d) Σ_i (I_ij − I_iu)² / V_i,   n = 1/(1 + KS_j)
//
// over the d dimensions where both have a score and V_i, the variance of
// dimension i, is known and positive. V_i is Options.CultureVariance or,
// by default, the sample variance (divisor n − 1) of the candidates' scores
// (CultureVariance). d = 0 (either side has no scores, say) is unknown,
// never a distance of 0. 1/(1 + KS) maps distance 0 to 1 and the typical
// distance (KS = 1: one variance per dimension) to ½.
//
// Threats, the rivals both face (a shared threat is the classic motive of
// alliance, Walt, S. 1987, The Origins of Alliances). Given the rivalry set
// (Options.Rivalries, undirected pairs), with R_u and R_j the two sides'
// rivals (a pact's: its members' rivals, less its members),
//
//	raw = |R_u ∩ R_j|,   n = |R_u ∩ R_j| / |R_u ∪ R_j|  (Jaccard; 0 when both sets are empty)
//
// Without a rivalry set (nil) the part is unknown for everyone.
//
// Autonomy, what the actor keeps of its freedom of action. Morrow, J. D.
// (1991), "Alliances and Asymmetry: An Alternative to the Capability
// Aggregation Model of Alliances", American Journal of Political Science
// 35(4): 904–933, has the weaker side of an asymmetric alliance trade
// autonomy for security. With s = C_j/(C_u + C_j) the candidate's share of
// the pair's capability (on Options.PowerMeasure, for Suggest the pact's
// Agreement.PowerMeasure by default; with none, the mean of the shares over
// the objective's capabilities both report),
//
//	cost(s) = max(0, 2s − 1),   raw = s,   n = 1 − cost(s)
//
// (AutonomyCost): nothing while the partner is no stronger than the actor,
// rising linearly to 1 as it comes to hold all of the pair's capability.
// The linear form is a design choice. No shared capability: unknown.
//
// The score is the weighted mean over the known parts K:
//
//	score_j = Σ_{p∈K} w_p n_p / Σ_{p∈K} w_p
//
// Each Part lists its raw and normalised values, its weight w_p, its share
// w_p/Σ_{K} w and its contribution share·n_p; an unknown part has NaN
// values (null in JSON), share and contribution 0, a note saying what was
// missing, and is named in Candidate.Unknown: missing data re-weights the
// rest and never counts as zero. DefaultWeights are complementarity 0.30,
// alignment 0.20, reputation 0.15, autonomy 0.15, culture 0.10, threats
// 0.10 (design choices). Candidates are ranked by score, best first, ties
// broken by ID.
//
// # Validation on history
//
// Validate asks whether such a ranking predicts the alliances states
// actually formed. For every year t from 1950 to 2013 (the last year with
// five years of ATOP 5.1 data after it) and every state i in the COW state
// system at t, every other system member j not already allied to i by a
// defense or offense pledge at t is a candidate. It is a positive when the
// two begin a defense or offense tie in t+1..t+5. Ties are read from ATOP
// (Leeds et al. 2002) through the shared index, package dataset/atopindex,
// under its default reading of a year: two states are allied in year y
// when both are members of one alliance phase on 31 December of y, and a
// tie begins in y when the pair shares a phase, either member having
// pledged defense or offense, on 31 December of y but not of y − 1. A tie
// that starts and ends between two year ends is not seen.
// Only data up to t enter the features of (i, j):
//
//   - log10(CINC_j + 10⁻⁶), the candidate's capability (NMC 6.0: Singer,
//     Bremer and Stuckey 1972);
//   - the autonomy cost max(0, 2s − 1) of s = CINC_j/(CINC_i + CINC_j);
//   - UN-vote agreement over the roll calls of t−2..t pooled (Lijphart's
//     index, fpsim AgreeHalf: an abstention against a yes or no counts half),
//     unknown with fewer than MinRollCalls common votes or either state not
//     voting (the UN votes of Voeten's data as the unvotes package has them);
//   - alliance-portfolio similarity at t, Kendall's tau-b of the two ATOP
//     portfolios over the system members (Bueno de Mesquita 1975; fpsim,
//     ATOP levels: defense or offense 3, neutrality or non-aggression 2,
//     consultation 1);
//   - log(1 + the number of states allied to both at t, by any ATOP tie).
//
// Without a trust record every state's reputation would be the neutral
// 0.5, which cannot change a ranking, so reputation is left out. With no
// stated objective, the candidate's CINC stands for complementarity.
//
// When History.Covariates holds them (package histdata reads them from
// peacesciencer/ and hofstede/), a second model, "model + covariates",
// adds at t: log(1 + the number of states rival to both) and whether the
// two are rivals (strategic rivalries of Thompson, Sakuwa and Suhas 2021:
// a shared rival is a shared threat, Walt 1987); land contiguity and
// contiguity across at most 400 miles of water (COW Direct Contiguity
// 3.2, a spell touching the year); log(1 + the great-circle distance
// between the capitals at the end of t, km); regime similarity
// 1 − |p_i − p_j| on V-Dem's electoral democracy index; log(1 + the IGOs
// both belong to) (COW IGO 3.0); and the Kogut-Singh distance over the
// Hofstede dimensions both have, V_k the sample variance over the COW
// states Hofstede scores (one cross-section, 2015, used for every year).
// An unknown distance, regime, IGO count or culture is set to the mean
// with an indicator, as above; the notes give the share of test pairs
// each indicator marks. It is fitted on the same training years.
//
// The model is a logistic regression of the outcome on these features,
// each standardised by its training mean and standard deviation, an unknown
// value set to the mean with an indicator for "CINC unknown" and "votes
// unknown", fitted on the years t ≤ 1980 by minimising the mean log-loss
// plus (λ/2)Σβ² (λ = Ridge, intercept unpenalised) by Newton's method
// (gonum optimize, through the project's internal stats package). The training years' outcome windows (to 1985) overlap the
// first test years; no feature of a test year is used in the fit. It is
// evaluated on the years t > 1980 against two baselines: capability only
// (rank by CINC_j; unknown lowest) and common allies (rank by the number of
// allies in common at t).
//
// Measures, on the test years:
//
//	AUC = (1/(n₊n₋)) Σ_{p∈+} Σ_{q∈−} ([s_p > s_q] + ½[s_p = s_q])
//
// over every directed candidate pair pooled (AUC; the Mann–Whitney
// statistic, Hanley, J. A. and McNeil, B. J. 1982, Radiology 143(1)), and
// precision at 10 per state-year, the share of new partners among the ten
// best-ranked candidates (PrecisionAtK; ties at the cut taken at random,
// i.e. a tied group straddling the cut adds its share of positives per
// place), averaged over the state-years with at least one new partner.
// Intervals are 95% percentile bootstrap intervals (Efron and Tibshirani
// 1993) over 1000 replicates that resample the ranking states with
// replacement (a cluster bootstrap: a state's pairs across years stay
// together), each replicate drawn from a PCG seeded with (seed, replicate);
// the model's AUC less each baseline's is bootstrapped on the same
// replicates.
//
// # Clustering by treaty
//
// A test positive is a pair that begins a tie in some alliance (the
// earliest to begin within the horizon, the lowest ATOP id among equals),
// and a multilateral treaty produces many at once: all the pairs it joins,
// in both directions, over up to five ranking years. Those positives are
// not independent. The treaty intervals come from a stratified cluster
// bootstrap (stats.ResampleStrata, same seeding): the alliances that
// produced positives are drawn with replacement, each bringing all its
// positives, and, separately, the ranking states of the negatives (a
// negative has no treaty; its dependence is through the ranking state's
// features across candidates and years, the clustering used above).
// Stratifying keeps both classes in every replicate. A two-way scheme
// (positives weighted by their treaty's and their state's draws) was not
// used: for positives the treaty is the coarser, dominant dependence. For
// precision a state-year counts with the alliance of most of its
// positives. DeLong's interval (every pair independent) is reported
// beside, as the naive one. The three alliances with the most test
// positives and their share are reported, and, as a sensitivity check,
// every measure with their positives weighted 1/n each so that each
// alliance counts as one positive (for precision, one state-year), and
// with every alliance so weighted.
package partner
