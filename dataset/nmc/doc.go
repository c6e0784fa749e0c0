// Package nmc imports the Correlates of War National Material Capabilities
// data with the Composite Index of National Capability (CINC), versions 5.0
// (NMC_5_0.csv, 1816-2012) and 6.0 (NMC-60-abridged.csv, 1816-2016).
//
// Citation: Singer, J. David, Stuart Bremer, and John Stuckey. 1972.
// "Capability Distribution, Uncertainty, and Major Power War, 1820-1965."
// In Bruce Russett (ed.), Peace, War, and Numbers, 19-48. Beverly Hills:
// Sage; with the NMC version number (v5.0 or v6.0).
//
// # Versions
//
// Both versions have the same eleven columns, so the header cannot tell them
// apart. The version column can: it holds 2011 in every v5.0 row and 2021 in
// every v6.0 row, and Read checks it on every record. Giving a v6.0 file to
// the v5.0 reader (or the reverse) therefore fails on its first record
// instead of yielding numbers labelled with the wrong version.
//
// # Missing values and units
//
// Missing components are coded -9 and become NaN; no component is ever 0
// because it is missing. Units (from the NMC codebook, not the files):
// milex thousands of current US dollars (pounds sterling before 1914 in
// some versions), milper thousands of personnel, irst thousands of tons,
// pec thousands of coal-ton equivalents, tpop and upop thousands.
// cinc is a share of the system total in [0, 1].
package nmc
