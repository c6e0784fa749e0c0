// Package idealpoints imports the Bailey-Strezhnev-Voeten UN General
// Assembly ideal points, July 2025 release (IdealpointsJuly2025.csv,
// state-years 1946-2024).
//
// Citation: Bailey, Michael A., Anton Strezhnev, and Erik Voeten. 2017.
// "Estimating Dynamic State Preferences from United Nations Voting Data."
// Journal of Conflict Resolution 61(2): 430-456; data: Harvard Dataverse,
// hdl:1902.1/12379.
//
// Each Record carries three estimates: from final-passage votes only (FP),
// from all votes (All) and the legacy series (Legacy), with the number of
// votes behind each and, for FP and All, quantiles of the posterior. The
// shared CSV was converted from the Stata file, whose doubles were float32,
// so values carry 7 significant digits.
//
// The header must have the three idealpoint* columns and nvotesLegacy of
// this release; the older release (Idealpoints_1946-2018, with columns
// session and idealpoint) is refused.
//
// Missing values are empty fields: estimates and quantiles become NaN and
// vote counts -1. The ccode column (COW code) is always present; iso3c is
// empty for 21 rows. Country names in the file are UTF-8 encoded twice
// ("CÃ´te dâ€™Ivoire"); Name holds the repaired text ("Côte d’Ivoire").
package idealpoints
