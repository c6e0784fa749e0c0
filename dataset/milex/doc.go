// Package milex imports military expenditure series used for alliance
// burden sharing:
//
//   - SIPRI military expenditure as a share of GDP, 1949-2024, as published
//     by Our World in Data (owid_sipri_military_spending_share_gdp.csv;
//     ReadOWIDShare);
//   - the SIPRI Military Expenditure Database in current US$ millions,
//     1949-2018, wide format (sipri_milex_current_usd_m_1949-2018.csv;
//     ReadSIPRI, which turns it into long country-year records);
//   - NATO, "Defence Expenditure of NATO Countries (2012-2019)", press
//     release PR/CP(2019)069 (nato_defense_expenditure_2012-2019.csv;
//     ReadNATO).
//
// Citations: SIPRI Military Expenditure Database, Stockholm International
// Peace Research Institute, https://www.sipri.org/databases/milex. Our World
// in Data, "Military spending as a share of GDP" (SIPRI-based). NATO, press
// release PR/CP(2019)069, 25 June 2019.
//
// # Countries
//
// Records carry the source's identifier (OWID code, SIPRI name, NATO STANAG
// code) and CCode, the COW country code, or 0 when the entity is not a COW
// state (0 is not a valid COW code). OWID codes and NATO STANAG codes are
// ISO 3166 alpha-3 codes and go through countries.ISO3ToCOW; SIPRI names
// are mapped to ISO codes by the table in SIPRIName. In the shared files
// the only entity without a COW code is OWID's "European Union (SIPRI)"
// aggregate (empty code).
//
// # Missing values and units
//
// Missing values are NaN: empty fields in the OWID and NATO files, and
// cells holding a single space in the SIPRI file. The SIPRI file's units
// (current US$ millions) are inferred from its values (USA 2018 = 648,798.3),
// not stated in the source repository. The SIPRI file is Windows-1252
// encoded and is transcoded to UTF-8.
package milex
