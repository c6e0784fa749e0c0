// Package cowstate imports the Correlates of War state system membership
// list, version 2016 (coverage 1816-2016), the COW major-power list v2016
// and the COW country-code list:
//
//	states2016.csv         membership spells      -> State, ReadStates
//	system2016.csv         state-years            -> StateYear, ReadSystem
//	majors2016.csv         major-power spells     -> Major, ReadMajors
//	COW-country-codes.csv  code/abbreviation/name -> CountryCode, ReadCountryCodes
//
// Citation: Correlates of War Project. 2017. "State System Membership List,
// v2016." Online, http://correlatesofwar.org.
//
// The three v2016 tables carry a version column that must equal "2016" in
// every row; the country-code list has no version column and is recognised
// by its capitalised header (StateAbb, CCode, StateNme). None of the files
// has missing values: every field is required, and a state still in the
// system at the end of coverage has the end date 2016-12-31. Some codes
// repeat in the country-code list (states known under several names), so
// it has 246 rows but 217 distinct codes.
package cowstate
