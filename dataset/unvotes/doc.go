// Package unvotes imports United Nations General Assembly roll-call votes
// from two sources and maps both to one vote representation keyed by roll
// call id (rcid) and COW country code:
//
//   - the tables of David Robinson's unvotes R package (sessions 1-74,
//     1946-2020), converted to CSV: un_votes.csv.gz (ReadVotes),
//     un_roll_calls.csv (ReadRollCalls, with the important-vote flag) and
//     un_roll_call_issues.csv (ReadIssues);
//   - Erik Voeten's raw file UNVotesPublished_2016.csv.gz (sessions 1-70,
//     1946-2015; ReadVoeten), and his roll-call descriptions
//     DescriptionsUN1-72.tab (ReadDescriptions).
//
// Citation: Voeten, Erik. 2013. "Data and Analyses of Voting in the UN
// General Assembly." In Bob Reinalda (ed.), Routledge Handbook of
// International Organization. Data: Voeten, Strezhnev and Bailey, "United
// Nations General Assembly Voting Data", Harvard Dataverse,
// hdl:1902.1/12379 (CC0).
//
// # Votes
//
// Vote uses Voeten's codes: Yes 1, Abstain 2, No 3, Absent 8, NotMember 9.
// The unvotes table keeps only yes, no and abstain rows (absent and
// non-member rows were dropped by the package), so in a Matrix built from it
// every other cell is Unrecorded (0): "no row in the source", which is not a
// vote. Unrecorded is the only zero Vote and never stands for a cast vote.
//
// # Countries
//
// Voeten's file keys votes by COW code (ccode). The unvotes table names
// countries; CountryCode maps all 200 names in the shared file to COW codes
// (none is unmatched). German votes filed under "Federal Republic of
// Germany" after unification are moved to 255 by the Matrix loader; see
// GermanUnification.
//
// # Missing values and quirks
//
// Empty fields are missing. importantvote, amend and para are csvio.Flag
// values (FlagMissing when empty). In Voeten's file the member column is 1
// or empty. Roll call 4592 (197 rows) has empty importantvote, date, unres
// and issue codes; its Date is the zero Date (LoadVoeten dates it by the
// year column). Roll call 1429 (197 rows) has the text `0\"` in ec, a Stata
// escaping artefact, which is read as 0. 6,501 rows lack at least one issue
// code: Issues then holds the codes present and IssuesCoded is false.
// DescriptionsUN1-72.tab escapes quotes with backslashes, which RFC 4180
// parsers misread (a naive CSV reader merges two lines and counts 5,601
// records); it is read line by line and has 5,602 data lines.
//
// # Sessions and tallies
//
// Matrix.SessionRollCalls lists a General Assembly session's roll calls.
// Sessions open in September and run into the next year, and they overlap
// (session 22 ran to June 1968 while session 23 began in May 1967), so a
// session is a list of roll-call indexes, not a date range. Builder.Build
// counts the yes, abstain and no votes of each roll call into
// RollCall.Tally; Tally.Unanimous marks the roll calls on which every
// state that voted cast the same vote (82 of the 6,203 in the unvotes
// tables), which session agreement scores leave out by convention.
//
// # In-memory form
//
// Matrix holds a whole vote table as one []Vote in country-major order
// (one contiguous row of roll calls per country, roll calls sorted by date),
// so a dyad's agreement over a year is a scan of two contiguous slices; see
// Matrix.YearRange. Voeten's file (about 1.07 million rows, 63 MB
// uncompressed) becomes about 1.1 MB of votes.
package unvotes
