// Package fpsim measures the foreign-policy similarity of states, per
// dyad-year, from alliance portfolios and from UN General Assembly votes.
//
// It is pure: it takes plain values (dense integer state indexes, int8
// level and vote codes, float64 weights with NaN for missing) and returns
// results, with no I/O, clock or global state, so any importer can adapt
// its data to it. For one dyad use ComparePortfolios or CompareVotes; for
// every dyad of a year use NewPortfolioYear or NewVoteMatrix and their
// Dyads method, which streams one result per dyad i < j, in order, to a
// callback (a CSV writer, say), computing them on several goroutines with
// results that do not depend on how many.
//
// # Inputs
//
// Alliance portfolios. Row i of a year's n×n level matrix is state i's
// portfolio: its tie to each of the n states, on the ordinal COW/EUGene
// scale NoAlliance 0 < Entente 1 < Neutrality 2 (neutrality or
// non-aggression) < DefensePact 3. COWLevel and ATOPLevel map the two data
// sets' indicators (ATOP: defense or offense 3, neutrality or non-aggression
// 2, consultation 1). By the standard convention (Signorino and Ritter 1999;
// EUGene; peacesciencer) a state's portfolio includes itself at the highest
// level, which NewLevelMatrix sets up. Another ordinal scale 0..maxLevel with
// maxLevel ≤ 3 may be passed, e.g. the binary any-alliance coding (Häge's
// "binary" measures) with maxLevel 1. Capability weights w_k (CINC shares)
// are optional. A cell may be Missing: the state is then dropped from that
// dyad's dimensions, never read as 0; a dyad left with no dimension, e.g.
// one with a state that has no data (DropState), is NaN in every measure.
// The diagonal aside, nothing requires the matrix to be symmetric.
//
// UN votes. A calls × countries matrix of Voeten's codes: VoteYes 1,
// VoteAbstain 2, VoteNo 3, VoteAbsent 8, VoteNotMember 9. Only roll calls
// where both countries voted yes, abstain or no count for a dyad (pairwise
// exclusion), and their number is reported as N. For the table measures the
// votes form the three-category ordinal scale yes < abstain < no (Voeten's
// 1, 2, 3, as Gartzke's affinity index and Miller's fpsim vote scripts
// use), so Δmax = 2. Measures over important votes only, or over one issue code,
// come from VoteMatrix.Subset with the caller's roll-call flags.
//
// # Measures
//
// For a dyad (i, j), let k run over the dimensions both have data for (the
// states of the portfolios; the roll calls), N of them, x_k and y_k the two
// levels on 0..Δmax, and δ(a, b) the distance metric: |a−b| (absolute) or
// (a−b)² (squared). Every measure comes in both metrics except tau-b.
// Table holds the cross-tabulation n_ab = #{k : x_k = a, y_k = b}, from
// which all but the weighted S follow; a measure that is undefined (a zero
// denominator) is NaN, never 0.
//
// Signorino–Ritter S (Signorino and Ritter 1999, "Tau-b or Not Tau-b:
// Measuring the Similarity of Foreign Policy Positions", International
// Studies Quarterly 43(1): 115–144):
//
//	S = 1 − 2·d/d_max,  d = Σ_k w_k·δ(x_k, y_k),  d_max = Σ_k w_k·δmax
//
// with δmax = Δmax (absolute) or Δmax² (squared). Unweighted S has w_k = 1,
// so d_max = N·δmax; weighted S has w_k = state k's capability share, over
// the states whose weight is known (the shares need not sum to 1, as the
// CINC shares of a year often do not). S runs from −1 (maximal distance on
// every dimension) to 1 (identical). For two states that have no ties but
// to themselves the table has one (Δmax, 0), one (0, Δmax) and N−2 (0, 0)
// cells, so S = 1 − 4/N in both metrics; the all-dyads path computes the
// table measures of that case once a year.
//
// Cohen's kappa and Scott's pi, generalised to a distance metric as Häge
// (2011, "Choice or Circumstance? Adjusting Measures of Foreign Policy
// Similarity for Chance Agreement", Political Analysis 19(3): 287–305)
// does after Cohen (1968, weighted kappa):
//
//	κ, π = 1 − D_o/D_e,  D_o = Σ_ab p_ab·δ(a, b)
//	κ: D_e = Σ_ab p_a.·p_.b·δ(a, b)    (each state's own marginals)
//	π: D_e = Σ_ab m_a·m_b·δ(a, b),  m_a = (p_a. + p_.a)/2    (pooled)
//
// with p_ab = n_ab/N. They correct S's agreement for the agreement expected
// by chance, which with mostly-empty portfolios is large. With two levels
// both metrics reduce to the nominal kappa (Cohen 1960) and pi (Scott 1955);
// S. Miller's R package fpsim (cohenk, spi) computes the same quantities.
// They are NaN when D_e = 0, i.e. both states sit at one same level on
// every dimension.
//
// Kendall's tau-b, the alliance-portfolio measure of Bueno de Mesquita
// (1975, "Measuring Systemic Polarity", Journal of Conflict Resolution
// 19(2)), from the table:
//
//	τ_b = (C − D) / sqrt((n0 − n1)(n0 − n2))
//
// where C and D count the concordant and discordant pairs of dimensions,
// n0 = N(N−1)/2, and n1 = Σ_a n_a.(n_a.−1)/2 and n2 = Σ_b n_.b(n_.b−1)/2
// the pairs tied on x and on y. NaN when a state is at one level throughout.
//
// Vote agreement, for votes only: Agree is the share of the N roll calls
// with identical votes; AgreeHalf counts a yes or no against an abstention
// as half an agreement (Lijphart's 1963 index of agreement, (f + g/2)/N).
// On the yes < abstain < no scale, AgreeHalf = (1 + S_abs)/2.
//
// # Sources and checks
//
// The formulas above were checked against the code of S. Miller's R
// package fpsim (github.com/svmiller/fpsim: R/srs.R, R/cohenk.R, R/spi.R,
// R/taub.R), which computes the measures peacesciencer distributes; one
// difference: srs() takes Δmax from the observed range unless told, where
// this package fixes it by the scale (3 for alliances, 2 for votes), as
// Miller's own data scripts and Signorino and Ritter do. The published
// example in the tests is Signorino and Ritter's Table 6 (Germany and
// Russia, 1914, twenty European states with their capability shares), as
// reproduced in Miller's blog post "Some Comments on (Weighting) Alliance
// Measures of Foreign Policy Similarity" (svmiller.com, 2026): τ_b =
// 0.0303, S = 0.4, capability-weighted S = −0.46. The 9,750 s that
// Miller's R script took for the alliance measures of 1816–2018 is in
// the same repository (inst/1-fpsim-alliances.log).
//
// # Speed
//
// A year's portfolios are stored row-sparse: a dyad's table is built by
// merging the two rows' non-zero cells (the (0,0) cell is what is left),
// so it costs the two states' ties rather than n, and a dyad of two states
// without ties costs nothing beyond the weighted sum of their two
// self-ties. Votes are bit-packed per country and vote; a dyad's table is
// nine popcounts per 64 roll calls. Dyads are computed in parallel by
// rows and handed to the callback in order.
package fpsim
