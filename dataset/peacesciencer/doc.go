// Package peacesciencer imports the conflict, geography, regime and IGO
// covariates that S. Miller's R package peacesciencer distributes, as
// converted to CSV in the shared data folder (peacesciencer/SOURCE.md):
//
//	file                  reader          unit
//	cow_contdir.csv       ReadContiguity  directed contiguity spell (COW Direct Contiguity 3.2)
//	cow_mindist.csv       ReadMinDist     non-directed dyad-year 1886-2019 (CShapes 2.0 minimum distance, km)
//	cow_capitals.csv      ReadCapitals    capital spell with coordinates
//	tss_rivalries.csv     ReadTSS         strategic rivalry (Thompson, Sakuwa and Suhas 2021), 1494-2020
//	td_rivalries.csv      ReadTD          strategic rivalry (Thompson and Dreyer 2012), 1494-2010
//	cow_mid_ddydisps.csv  ReadMIDs        directed dispute dyad-year, COW-MID 5.0, 1816-2014
//	gml_mid_ddydisps.csv  ReadMIDs        the same for Gibler-Miller-Little MID 2.2.1, 1816-2010
//	cow_war_inter.csv     ReadWars        directed dyad-year at war, COW Inter-State War 4.0, 1823-2003
//	ccode_democracy.csv   ReadDemocracy   state-year 1816-2020: V-Dem polyarchy, Polity2, extended UDS
//	cow_igo_ndy.csv       ReadIGOs        non-directed dyad-year 1816-2014: IGOs both belong to (COW IGO 3.0)
//	creg.csv              ReadCREG        state-year 1945-2013: ethnic and religious fractionalisation (CREG)
//
// Citation: Miller, Steven V. 2022. "peacesciencer: An R Package for
// Quantitative Peace Science Research." Conflict Management and Peace
// Science 39(6): 755-779; and each file's original dataset, named above.
//
// Every reader streams records to a callback, checks the header against
// the file it expects (a MID file is told from a war file by its columns),
// and reports bad content as csvio.FieldError ("file:line: column: what
// was expected"). Codes are Correlates of War country codes (1-999). Each
// Load function reads a whole file.
//
// # Missing values
//
// Empty fields are missing: NaN for quantities, -1 for codes. The COW
// files code unknown fatalities and battle deaths -9, which become -1 and
// NaN. Nothing is read as 0 because it is missing. Which absences mean
// "none" (no MID, no rivalry, no contiguity in a dyad-year the data
// cover) and which mean "unknown" (no distance, IGO or democracy row) is
// decided where the files are joined, in package panel.
package peacesciencer
