// Package gdp imports GDP series:
//
//   - World Bank World Development Indicators, NY.GDP.MKTP.CD "GDP (current
//     US$)", 1960-2023, in the bank's wide CSV layout (one column per year;
//     ReadWorldBank turns it into long country-year records);
//   - the Maddison Project Database 2018 (Bolt, Inklaar, de Jong and van
//     Zanden 2018), long format: country, year, cgdppc, rgdpnapc, pop, and
//     the i_cig / i_bm source notes (ReadMaddison).
//
// Citations: World Bank, World Development Indicators, NY.GDP.MKTP.CD.
// Bolt, Jutta, Robert Inklaar, Herman de Jong and Jan Luiten van Zanden.
// 2018. "Rebasing 'Maddison': new income comparisons and the shape of
// long-run economic development." Maddison Project Working Paper 10. (The
// MPD version is inferred from the column layout, not stated in the
// source repository.)
//
// # Versions
//
// ReadWorldBank requires the Indicator Code column to be NY.GDP.MKTP.CD in
// every row, so a file of another indicator is refused. ReadMaddison
// requires the 2018 columns cgdppc and rgdpnapc and refuses the 2020
// release's gdppc.
//
// # Countries
//
// Both sources use ISO3 codes, mapped with countries.ISO3ToCOW; CCode is 0
// for aggregates (World Bank regions and income groups) and territories
// that are not COW states. Maddison carries the former USSR (SUN),
// Czechoslovakia (CSK) and Yugoslavia (YUG) through 2016 beside their
// successors from 1950, so ReadMaddison maps the predecessor series only up
// to the break-up (SUN and YUG to 1991, CSK to 1992) and the successor
// series RUS, SRB, CZE and SVK only from the year after; each COW
// state-year then gets at most one series.
//
// # Missing values and units
//
// Empty cells are NaN. World Bank GDP is in current US$. Maddison cgdppc
// and rgdpnapc are GDP per capita in 2011 US$ (CGDPpc for cross-country
// comparison, RGDPNApc for growth over time) and pop is in thousands. The
// Maddison file is Windows-1252 encoded and is transcoded to UTF-8.
package gdp
