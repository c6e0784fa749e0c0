package history

import "github.com/entente/entente/dataset/atopindex"

// Accession is a state's entry into an alliance recorded outside ATOP.
type Accession struct {
	CCode int    // COW country code
	Name  string // for reading
	Day   atopindex.Day
}

// NATOAccessions supplements ATOP 5.1, which ends in 2018 (atopindex.LastYear),
// with the states that joined NATO afterwards, dated by the day each
// deposited its instrument of accession, as on NATO's list of member
// countries (nato.int, "NATO member countries": North Macedonia 27 March
// 2020, Finland 4 April 2023, Sweden 7 March 2024). Montenegro, which joined
// on 5 June 2017, is already in ATOP, dated (as ATOP dates accessions) by
// the signature of its accession protocol, 19 May 2016.
//
// Checked against stored copies of other pages (nato.int itself was not
// among them): the years 2020, 2023 and 2024 (Estonian Atlantic Treaty
// Association, "NATO member countries"; askvity.info, "Who is in NATO in
// 2024"), and Finland's day, 4 April 2023 (Derry Journal, 4 April 2023:
// "Finland has officially become a member state of NATO"). The days of
// North Macedonia and Sweden were not confirmed; only the year matters to
// the yearly rosters.
//
// The supplement is applied only to years after the ATOP coverage, and a
// state counts from the year of its accession (the state-year convention
// of the rosters: a member at some time in the year).
var NATOAccessions = []Accession{
	{CCode: 343, Name: "North Macedonia", Day: atopindex.DayOf(2020, 3, 27)},
	{CCode: 375, Name: "Finland", Day: atopindex.DayOf(2023, 4, 4)},
	{CCode: 380, Name: "Sweden", Day: atopindex.DayOf(2024, 3, 7)},
}

// natoAccessions returns the supplement's states that had joined by the end
// of year, for a year after last, the end of the ATOP coverage.
func natoAccessions(last, year int) []int {
	var out []int
	for _, a := range NATOAccessions {
		if y := a.Day.Year(); y > last && y <= year {
			out = append(out, a.CCode)
		}
	}
	return out
}
