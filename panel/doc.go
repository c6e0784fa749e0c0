// Package panel builds the state-year, dyad-year and alliance-year tables
// that quantitative alliance research starts from, out of the COW state
// system, COW major powers, the COW National Material Capabilities and the
// ATOP member file, and adapts them to the foreign-policy similarity
// measures of package fpsim.
//
// The package is pure: it takes the records the dataset importers read
// and returns values or streams them to callbacks; the only output it
// does is rows. The state-year and dyad-year panels fill typed rows
// (table.Row) once, which a writer renders as CSV text or, given a
// destination that takes them (table.TypedSink, package output's Parquet
// files), as typed values with no text in between.
//
// # Sources
//
//   - COW state system membership v2016 (system2016.csv, 1816-2016): the
//     states of each year. Citation: Correlates of War Project. 2017.
//     "State System Membership List, v2016."
//   - COW major powers v2016 (majors2016.csv): a state is a major power in
//     a year when one of its spells covers some part of it.
//   - COW NMC 5.0 (1816-2012) or 6.0 (1816-2016): cinc, milex, milper,
//     irst, pec, tpop, upop. Singer, Bremer and Stuckey (1972).
//   - ATOP 5.1 member file (atop5_1m.csv, 1815-2018). Leeds et al. (2002);
//     Leeds (2022), ATOP v5.1 Codebook.
//
// # Alliances, obligations and direction
//
// ATOP's member rows give each member's own obligations in one phase of an
// alliance, with its entry and exit dates. Two states share an alliance in
// a year when both were members of one of its phases at the same time
// during that year: their spells overlap and the overlap falls in the
// year (an unknown entry day counts as the first of the month or year, an
// unknown exit day as the last). A directed dyad (A, B) then carries A's
// obligations toward B: what A undertook in the shared alliances. A
// one-sided pledge therefore points one way only: in ATOP 1060
// (1832-1833) France owes Belgium defense and Belgium owes France nothing;
// in ATOP 3375 (1960-) the United States owes Japan defense and Japan owes
// the United States non-aggression and consultation. The undirected
// dyad-year panel keeps both directions (Owes, OwedBy) and its obligation
// flags mean "either owes the other".
//
// When an alliance changes phase during a year and the pair shared more
// than one phase, the latest shared phase gives the obligations; a state's
// own obligations in the state-year panel likewise come from its latest
// phase of each alliance. This is the convention of ATOP's state-year file
// (atop5_1sy): the state-year panel's alliance counts and obligations
// equal that file's for all 15,951 COW state-years (a test checks it).
// Obligations are merged over the alliances a dyad shares. A member whose
// obligations vary by partner (obvary) is given its row's obligations
// toward every co-member, because the member file says no more.
//
// ATOP ends in 2018. A membership still open at the end of the data runs
// to the end of 2018 and no further: for later years, alliances are
// unknown (Year.AlliancesKnown is false and the CSV's alliance fields are
// empty), never "no alliance".
//
// # Capabilities and missing values
//
// NMC codes a missing component -9; it is NaN here and an empty field in
// CSV, never 0. A state-year without an NMC row has every column NaN. The
// capability ratio of a dyad is the stronger state's CINC over the weaker
// state's, NaN when either is missing. Neither NMC release codes a CINC
// score -9, so the ratio is missing only where an NMC row is (NMC 5.0 after
// 2012, or any year past NMC's end).
//
// # Panels
//
// New builds dense per-year indexes: the year's members in COW-code order
// (the dense index), their capability columns and major-power status, and
// a row-sparse list of each member's alliance ties (partner, shared
// alliances, obligations both ways). Dyads streams the dyad-year panel a
// year at a time as a columnar DyadBlock: n(n-1)/2 rows a year undirected
// (A < B by COW code), n(n-1) directed. Over the COW system 1816-2016 that
// is 956,175 undirected and 1,912,350 directed dyad-years. StateYears
// streams the state-year panel; AllianceYears gives each alliance-year
// with its members' capability shares, strongest-to-weakest ratio,
// Herfindahl index and symmetric/asymmetric class from
// allnet.AllianceAsymmetry, which uses entente.Shares and
// entente.Classify: the ledger's one definition (asymmetric when the
// strongest member has at least entente.AsymmetryRatio times the second's
// capability; unknown when a member's CINC is missing).
//
// Sources.CarryTo extends the system past its last year with that year's
// members, for callers that need a state list where ATOP goes further than
// COW (alliance-portfolio similarity over 1816-2018). It is never implied:
// carried years are flagged (Year.Carried) and have no capabilities.
//
// # Similarity
//
// Year.Portfolio builds fpsim's all-dyads index of a year's alliance
// portfolios on the ATOP ordinal scale (Level: defense or offense 3,
// neutrality or non-aggression 2, consultation 1, none 0; each state tied
// to itself at 3), with CINC weights for the weighted S. OwnTies fills row
// A with A's obligations toward each state, EitherTies with the
// obligations of either. VoteYear packs a year's UN roll calls (optionally
// only important votes or one issue) over the countries that cast a vote
// in them; fpsim counts a roll call for a dyad only where both voted yes,
// abstain or no.
//
// VoteSession does the same for a General Assembly session, the unit of
// Voeten's agreement scores and of the field's work on UN voting: sessions
// straddle the new year (21 of session 6's 25 roll calls fell in 1952), so
// calendar-year figures differ from session figures. With the Contested
// filter, roll calls on which every voting state cast the same vote are
// left out, as Voeten's agreement scores and the ideal points of Bailey,
// Strezhnev and Voeten (2017) leave them out. Session figures are checked
// in the tests against a plain computation from the CSV files and, for
// the 54 sessions whose roll calls are the same in both, against Voeten's
// own raw file.
//
// Against Voeten's published agreement scores (the current
// AgreementScores.csv, read for every UK dyad of 1946-2019 from a derived
// copy; voeten_test.go), the closest reading is agree_half over contested
// roll calls grouped by calendar year (mean difference 0.020, r 0.976),
// then the same by session (0.024, r 0.960): the current file appears to
// group by the year of the votes, while the ideal points stay per
// session. Both differ from it by about 0.02 because Voeten's current
// file rests on revised vote data.
//
// # Speed
//
// The benchmarks (bench_test.go) read the real files and time each fast
// path against a straightforward baseline in the same run. On a 2-core
// machine: the 1816-2016 dyad-year panel with alliances and capabilities
// in about 0.2 s (0.3-0.4 s CPU with CSV formatting, 1.3-1.5 s with a
// Parquet file; the map-lookup baseline 0.8 s); every portfolio measure for the 994,005 dyad-years of
// 1816-2018 in about 0.5 s (1.3 s with CSV; per-dyad baseline about 1 s
// extrapolated; S. Miller's R scripts report about 9,750 s); every
// UN-vote measure for the dyad-years of 1946-2020 in about 0.12 s.
package panel
