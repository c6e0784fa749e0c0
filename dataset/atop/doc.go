// Package atop imports the Alliance Treaty Obligations and Provisions data,
// version 5.1 (codebook of 9 August 2022, coverage 1815-2018), from the four
// CSV tables distributed at www.atopdata.org:
//
//	atop5_1a.csv    one row per alliance             -> Alliance, ReadAlliances
//	atop5_1aph.csv  one row per alliance phase        -> Phase, ReadPhases
//	atop5_1m.csv    one row per member (per phase)    -> Member, ReadMembers
//	atop5_1sy.csv   one row per state-year            -> StateYear, ReadStateYears
//
// Citation: Leeds, Brett Ashley, Jeffrey M. Ritter, Sara McLaughlin
// Mitchell, and Andrew G. Long. 2002. "Alliance Treaty Obligations and
// Provisions, 1815-1944." International Interactions 28(3): 237-260; and
// Leeds, Brett Ashley. 2022. ATOP v5.1 Codebook. www.atopdata.org.
//
// # Version detection
//
// Every file must carry the v5-only columns new5 and rev5 and a version
// column equal to "5.1" in every row, so ATOP 4.x files are refused. The
// four tables share many columns; each reader also refuses the columns that
// mark a sibling table (atopidphase for the phase file, member for the member
// file, state for the state-year file, mem1 for the alliance-level tables).
//
// # Codes and missing values
//
// State codes are COW country codes. ATOP gives a few polities outside the
// COW state system four-digit codes (e.g. 8152 in alliance 1320); Member.COWSys
// is false for those rows. The COW alliance identifiers cowid and cow4id are
// 0 when the alliance is not in the COW data (0 is not a valid identifier).
//
// Missing values are empty fields. Codebook variables whose legal codes
// include 0 are kept in Provisions, where -1 means missing. End and exit
// dates coded 0 ("still in effect at the end of 2018") become the zero
// csvio.Date; unknown days (empty or 0) become Day 0.
//
// # Obligations
//
// The five obligation indicators (defense, offense, neutral, nonagg, consul)
// are never missing and are packed into the Obligation bit set, with the
// matching condition indicators (defcon, offcon, neucon, concon) in a second
// set. In the member-level file they describe what that member promised, so
// one-sided pledges (asymm = 1) show up as members of the same alliance
// phase with different obligations; see OneSided.
package atop
