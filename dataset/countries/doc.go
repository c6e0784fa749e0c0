// Package countries maps ISO 3166 alpha-3 country codes, as used by the
// World Bank, Our World in Data, the Maddison Project and NATO, to
// Correlates of War country codes.
//
// COW's own country-code list has abbreviations ("UKG", "GMY") but no ISO
// codes, so the table is kept here in code. It was built from the ccode /
// iso3c pairs of the Bailey-Strezhnev-Voeten ideal-point file
// (IdealpointsJuly2025.csv, which pairs every UN member-year with both
// codes), with these additions and corrections:
//
//   - SRB (Serbia) and XKX / OWID_KOS (Kosovo, World Bank and OWID codes)
//     map to COW 345 and 347;
//   - SUN (former USSR) maps to 365 and YMD to 680 (Yemen People's
//     Republic); the ideal-point file labels both Yemens "YAR", which here
//     means only the Yemen Arab Republic (678);
//   - the ideal-point file writes RUS and YUG for 365 and 345 in every
//     year from 1946, and the table follows it.
//
// One code, DEU, stands for different COW states over time, and YEM's
// series before 1990 belongs to the Yemen Arab Republic; both are resolved
// by year:
//
//	DEU  255 up to 1944, 260 (German Federal Republic) 1945-1989, 255 from 1990
//	YEM  678 (Yemen Arab Republic) up to 1989, 679 from 1990
//
// Predecessor and successor codes map to the same COW code where COW
// treats the successor as the same state: SUN and RUS to 365, YUG and SRB
// to 345. A source that carries both for the same years (Maddison has SUN,
// CSK and YUG series running to 2016 beside RUS, CZE, SVK and SRB from
// 1950) must choose one per year; package gdp does so for Maddison.
//
// The DEU boundary follows the ideal-point file, which gives Germany 1990
// to 255 (COW has both 260 and 255 in 1990). The mapping does not check system membership: a
// Maddison series for Estonia in 1960 maps to 366 although Estonia was not
// a state then. Join with the COW system list (package cowstate) to keep
// state-years only.
//
// Aggregates (WLD, EUU, income groups, ...) and territories that are not
// COW states (ABW, HKG, PRI, PSE, ...) have no mapping; ISO3ToCOW reports
// them as unmatched and IsAggregate tells the two kinds apart.
package countries
