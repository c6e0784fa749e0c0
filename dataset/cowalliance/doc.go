// Package cowalliance imports the Correlates of War Formal Interstate
// Alliance data set, version 4.1 (alliances in force 1816-2012):
//
//	alliance_v4.1_by_member.csv         member spells        -> Member, ReadMembers
//	alliance_v4.1_by_member_yearly.csv  member-years         -> MemberYear, ReadMemberYears
//	alliance_v4.1_by_dyad.csv           undirected dyads     -> Dyad, ReadDyads
//	alliance_v4.1_by_directed.csv       directed dyads       -> Dyad, ReadDirectedDyads
//
// Citation: Gibler, Douglas M. 2009. International Military Alliances,
// 1648-2008. Washington, DC: CQ Press. (Earlier versions: Gibler, Douglas M.,
// and Meredith Sarkees. 2004. "Measuring Alliances: The Correlates of War
// Formal Interstate Alliance Data set, 1816-2000." Journal of Peace Research
// 41(2): 211-222.)
//
// Every row must have version "4.1". The four tables are told apart by
// their columns (ccode vs ccode1/ccode2, the yearly files' year, the
// undirected file's asymmetric), so passing one table to another's reader
// is an error.
//
// Missing values are empty fields. The 0/1 indicators (censoring and the
// four alliance types) are csvio.Flag values, FlagMissing when empty (a few
// nonaggression and entente cells are). An empty end date means the
// alliance or membership was still in force at the end of coverage and
// becomes the zero csvio.Date; the yearly file writes that end year as
// 2012 instead. Start dates go back to 1386 for left-censored alliances.
package cowalliance
