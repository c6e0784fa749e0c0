// Package report computes Entente's analytical reports from the real
// datasets. Its first report is the hub-and-spoke report, which tests the
// claim of seed 003 (Istomin and Baikov 2019, "Dynamics of International
// Alliances in an Unbalanced World Structure", MEMO 63(1): 34-48): that in
// asymmetric alliances small and middle states trade political support
// for the hegemon, visible in UN General Assembly votes, for security
// guarantees.
//
// The computation (HubAndSpoke, Decades) is pure; WriteCSV,
// WriteDecadesCSV and Chart (a PNG drawn with gonum/plot) write to an
// io.Writer.
//
// # The hub-and-spoke report
//
// For each hub (by default the United States, COW 2, and the Soviet Union
// / Russia, COW 365, one code throughout) and each year 1946-2020, the
// report compares the mean UN vote agreement with the hub of these groups
// of states:
//
//   - all: every state that voted on at least one of the year's roll
//     calls together with the hub;
//   - allies: the states that share an ATOP alliance with the hub in
//     which either of the two pledged defense to the other (the
//     obligation is configurable), read from the member file as package
//     panel does (so one-sided pledges count in either direction);
//   - others: the voting states that are not allies;
//   - asymmetric_allies: allies bound to the hub by at least one such
//     alliance that is asymmetric in capability that year;
//   - symmetric_allies: allies all of whose such alliances with the hub
//     are symmetric. An ally with no asymmetric alliance but one of
//     unknown class belongs to neither; the allies row counts these as
//     unclassified.
//
// An alliance-year's class comes from panel.Alliances.AllianceYear, that
// is allnet.AllianceAsymmetry over the CINC scores (NMC 6.0) of all its
// members that year, itself entente.Shares and entente.Classify: the
// ledger's one definition, asymmetric when the strongest member has at
// least twice (entente.AsymmetryRatio) the capability of the second. A
// member without a CINC score (for example a state ATOP lists before COW
// recognises it, as West Germany in NATO in 1954) makes the class unknown.
//
// With System set, the states compared are COW system members in the
// years the system data cover (to 2016), which leaves out UN members that
// were not states, such as the Ukrainian and Byelorussian SSRs; later
// years compare every voting country.
//
// # Agreement
//
// A state's agreement with the hub in a year is the share of the roll
// calls both voted on (yes, no or abstain) on which they voted the same,
// computed by fpsim (VoteScores.Agree). The half-credit variant
// (AgreeHalf, Lijphart's index) counts a yes or no against an abstention
// as half an agreement. A group's value is the unweighted mean over its
// members that shared at least one roll call with the hub that year.
// The same is given over important votes only: the roll calls on the US
// State Department's list, which the unvotes roll-call file flags from
// 1983 to 2017 (no roll call is flagged before 1983 or after 2017, so
// those years have no important-vote values).
//
// # Years without data
//
// ATOP 5.1 ends in 2018 and its memberships are not extended past it:
// for 2019 and 2020 every group but "all" is unknown (known = 0, empty
// values). NMC 6.0 ends in 2016, so the asymmetric/symmetric split is
// unknown for 2017 and 2018. The General Assembly recorded no roll call
// in 1964 (its 19th session), and the unvotes data hold a single roll
// call for 2020 (January, session 74).
//
// # Testing the claim (HubClaim)
//
// The group means above cannot test seed 003: with the 2× cut every US
// alliance-year is asymmetric. HubClaim measures asymmetry continuously,
// as the log of the hub's CINC over the state's, and looks where support
// matters: the contested roll calls of each General Assembly session on
// which the hub voted with the minority. Agreement with the hub on those
// is regressed on ally (ATOP defense pact on 31 December, package
// atopindex), asymmetry, ally × asymmetry, the previous year's ideal-point
// distance, the Polity2 distance, region and session fixed effects, with
// standard errors clustered by state (Liang-Zeger, small-sample factor as
// Stata's). For the United States, sessions 2-71: N = 8,374 state-sessions
// of 170 states; ally × asymmetry 0.0049 (SE 0.0070), asymmetry -0.0152
// (0.0037), ally 0.0158 (0.0369), lagged ideal-point distance -0.1006
// (0.0114): no sign that weaker allies back the hub's unpopular positions
// more than their preferences predict. On the contested roll calls of the US
// State Department's list of important votes instead (ClaimOptions.Important,
// sessions 38-71, 392 roll calls): N = 5,010, ally × asymmetry -0.0027
// (SE 0.0047), the same conclusion. The tests pin these figures. The
// yearly group means above use calendar years and all roll calls; the
// claim test uses sessions and contested roll calls.
//
// # Decade summary
//
// Decades averages, per hub, decade and vote set, the yearly differences
// allies minus others and asymmetric minus symmetric allies, over the
// years in which both groups have a value.
package report
