// Package history computes historical views of alliances from the real
// data the dataset importers load: NATO burden-sharing since 1949 (the
// Olson–Zeckhauser test year by year), the cohesion of groups of states in
// UN votes, and an early-warning test on every ATOP alliance-year: health
// components, and how well a score built from them predicts an alliance's
// end, out of sample, against the alliance's age alone.
//
// It is pure: functions take loaded records or Panels and return results;
// nothing reads a file, a clock or a global, and every random step takes a
// seed. The writers (CSV, PNG) take an io.Writer. A figure without data is
// NaN in results and an empty cell in CSV, never 0.
//
// # Sources
//
//   - ATOP 5.1 (Leeds et al. 2002; codebook 2022), alliance- and member-level
//     files: who was a member of which alliance when, with what obligations,
//     and when each alliance began and ended (package dataset/atop).
//   - COW state system 2016 (package dataset/cowstate): the states whose
//     alliance portfolios are compared; COW abbreviations name actors.
//   - COW National Material Capabilities 6.0 (Singer, Bremer and Stuckey
//     1972): CINC (package dataset/nmc).
//   - UN General Assembly roll calls, 1946–2019, from the unvotes tables
//     (Voeten 2013; package dataset/unvotes), and the Bailey–Strezhnev–Voeten
//     ideal points, July 2025 release (Bailey, Strezhnev and Voeten 2017,
//     Journal of Conflict Resolution 61(2): 430–456; package
//     dataset/idealpoints).
//   - GDP: World Bank WDI NY.GDP.MKTP.CD, current US$, 1960–2023; Maddison
//     Project Database 2018 (Bolt et al. 2018), GDP per capita in 2011 US$
//     and population (package dataset/gdp).
//   - Military spending as a share of GDP: SIPRI via Our World in Data,
//     1949–2024; NATO's own figures for 2012–2019, press release
//     PR/CP(2019)069 (package dataset/milex).
//
// Countries are joined by COW country code (ISO3 codes mapped by package
// dataset/countries). A Panel holds one value per state-year; a state-year
// without a value is missing, and the first value read for a state-year is
// kept.
//
// # Burden-sharing (Burden)
//
// For an alliance (NATO, atopid 3180) and each year from its first to the
// last with data: the members are the states whose ATOP membership covers
// some part of the year (package dataset/atopindex, rows in force between
// 1 January and 31 December: ATOP's state-year convention, so a state that
// joined or left in the year counts; in 1990 both the German Federal
// Republic, 260, and Germany, 255, are members, and 260 has no GDP that
// year since the World Bank series is Germany's). ATOP 5.1 ends in 2018:
// later years carry the roster in force on 31 December 2018 forward, and
// NATO's adds the accessions on NATO's own member list (NATOAccessions:
// North Macedonia 2020, Finland 2023, Sweden 2024). For each
// member: GDP g_i; the spending share s_i (percent of GDP, SIPRI/OWID);
// spending d_i = s_i/100 · g_i. Then:
//
//   - the Olson–Zeckhauser test (burden.OlsonZeckhauser): Spearman's ρ
//     between g_i and d_i/g_i over the members with both, its two-sided
//     p-value (exact permutation for n ≤ 10, Student's t above) and n.
//     Members without data are listed as dropped, not counted as zero;
//   - each member's exploitation index (burden.Analyze with capability g_i
//     and delivered d_i): its share of the compared members' spending over
//     its share of their GDP, less one;
//   - for 2012–2019, a cross-check against NATO's percent-of-real-GDP
//     figures: the mean and largest absolute difference in percentage
//     points, the rank agreement of the two shares, and ρ recomputed with
//     NATO's shares.
//
// The GDP splice. The World Bank series starts in 1960; before it
// (BurdenOptions.Splice, 1960 by default) GDP is Maddison's GDP per capita
// times population (cgdppc, the series meant for comparisons across
// countries, or rgdpnapc where cgdppc is empty; population in thousands
// × 1000), in 2011 US$. The two sources differ in level (current against
// constant 2011 dollars, and different national accounts), so a year never
// mixes them: every member of a year takes its GDP from the year's source,
// and a member that source lacks is dropped that year. The test uses only
// ranks within a year, and the exploitation index only shares within a
// year, so neither depends on the unit; spending in a Maddison year is in
// 2011 US$ and should not be compared in level with a World Bank year.
//
// Olson and Zeckhauser (1966, "An Economic Theory of Alliances", Review of
// Economics and Statistics 48(3): 266–279) tested NATO in 1964 with GNP and
// defence budgets as a share of GNP and found a positive rank correlation.
// WriteRhoPNG draws ρ over the years with the years at p < 0.05 marked;
// BurdenReport.Decades summarises it by decade. Both leave out years with
// fewer than MinTested (3) members tested (NATO's 1949, with two members in
// SIPRI's series, has ρ = 1 by construction); the CSV keeps every year.
//
// # Cohesion of states (VoteYear, GroupCohesion)
//
// For a group of states in a year: over the member pairs that both voted
// (yes, abstain or no) on at least one roll call that year, the mean share of
// identical votes (fpsim Agree) and the mean Cohen's kappa with the absolute
// distance on the yes < abstain < no scale (fpsim KappaAbs, Häge 2011), which
// corrects the agreement for chance; and the standard deviation (n − 1
// denominator) of the members' ideal points that year (idealpointall by
// default; Estimate chooses). The unvotes table records yes, abstain and no
// only, so an absent or non-member state has no row and drops out of its
// pairs.
//
// # Alliance portfolios (PortfolioYear)
//
// In each year, state i's portfolio holds its tie to every state k of the
// year (the COW system members, plus ATOP members in the system; after the
// COW list ends in 2016, its last year's members): the strongest obligation
// i undertook in an alliance of which both were members on 31 December of
// the year (atopindex's default reading of a year), on the ATOP ordinal scale (fpsim.ATOPLevel: defense or offense 3,
// neutrality or non-aggression 2, consultation 1, none 0), with itself at 3.
// Member rows carry each member's own obligations, so ties may be one-sided.
// An alliance's portfolio cohesion is the mean Signorino–Ritter S (absolute
// distance, unweighted) over its member pairs. The alliance itself is part
// of both members' portfolios, as in the measure's standard use.
//
// # Early warning (AllianceYears, Evaluate)
//
// Rows. Every ATOP alliance contributes one row per year from its begin year
// to the year before its end year (to 2018, DataEnd, the end of the ATOP
// coverage, when it had not ended), for the years in which it had a member
// (the year's roster, as in the burden report). The end year itself is
// not a row. Components per row (NaN when the data lack them):
//
//   - cohesion_un: mean pairwise UN vote agreement of the members (1946 on);
//     the row also carries kappa and the ideal-point spread for reading;
//   - cohesion_portfolio: mean pairwise portfolio S (every year). The brief
//     asked for votes after 1946 and portfolios before; the two are on
//     different scales, so they are two components, and portfolios are kept
//     after 1946 as well, which also lets the time split (trained before
//     1946) use a cohesion measure that exists in its test years;
//   - herfindahl: Σ share² of the members' CINC (allnet.AllianceAsymmetry;
//     NaN when any member lacks CINC) and herfindahl_shift: it minus the
//     same members' index ShiftLag (5) years before;
//   - log_size: log of the number of members; age: year − begin year;
//   - burden_cv: the coefficient of variation (sample sd / mean) of the
//     members' military spending shares of GDP, over the members with one
//     (1949 on), NaN for fewer than two.
//
// Label. A row is positive (Ended) when the alliance's ATOP end year falls in
// (t, t + Horizon], Horizon = 5. A row whose horizon runs past the end of the
// data, t + 5 > 2018, is Censored: for an alliance still in force its
// outcome is unknown, and dropping every late row, positive or not, keeps
// the late years from holding only positives. Censored rows are left out of
// fitting and evaluation. Years of an alliance still in force with t ≤ 2013
// are kept as negatives (it survived the horizon); dropping those alliances
// altogether would leave only alliances that ended.
//
// The score is a logistic regression (FitLogistic: Newton's method on the
// negative log-likelihood with gonum's optimize, with a ridge penalty of
// 10⁻³ on the coefficients so that a separating column cannot send them to
// infinity) on a design fixed on the training rows (NewDesign): for each
// component, a value column standardised by the training mean and
// standard deviation with missing values imputed at the mean (0 after
// standardising), and a missing indicator; a column constant in training
// (a component absent from every training row, an indicator that never
// varies) is left out. The baseline is the same regression on age alone.
//
// Splits. Cross-validation: alliances are shuffled by the seed and dealt
// into 5 folds; each fold's rows are predicted by models fitted on the other
// folds' rows, so no alliance is in its own training set, and the pooled
// out-of-fold predictions are scored. Time: models are fitted on rows with
// t ≤ 1945 and scored on rows with t > 1945 (an alliance spanning 1945
// contributes to both).
//
// AUC is the fraction of (positive, negative) pairs in which the positive
// has the higher score, a tie counting ½. Its 95% interval comes from a
// cluster bootstrap: alliances are drawn with replacement (1000 replicates,
// seeded) and the AUCs and their difference recomputed on each replicate
// from the fixed predictions; the interval is the 2.5–97.5 percentile range.
// Alliances, not alliance-years, are resampled, because an alliance's years
// are not independent. DeLong's interval (DeLong, DeLong and Clarke-Pearson
// 1988, with the paired covariance for the difference) is reported beside
// it; it treats alliance-years as independent and so is narrower than it
// should be.
//
// # Honest evaluation (EvaluateHonestly)
//
// The cross-validated AUC above mixes eras: ends cluster in some eras, and
// the missing-data indicators of the components act as era dummies. The
// honest evaluation compares specifications (Specs) against era with age
// (Reference): baselines of age, year, era (1816-1918, 1919-1945,
// 1946-1989, 1990-) and era with age; the components; the components
// with era; and the components with era and three covariates from the
// peacesciencer files (WarningInput.Rivalry, MIDs, Polyarchy): whether two
// members were strategic rivals that year (Thompson, Sakuwa and Suhas
// 2021), whether two members were on opposite sides of a militarized
// dispute in the last five years (COW-MID), and the largest five-year
// change of a member's V-Dem polyarchy score (regime change); the
// capability shift is the herfindahl_shift component. Each is scored by
// pooled cross-validation, within each era (where the era cannot help),
// and on time splits with a gap of one horizon: trained on years ≤ split −
// horizon and tested on years > split (1945 and 1989), so no training
// label reaches into the test span. The Headline states the result in
// words from the numbers.
package history
