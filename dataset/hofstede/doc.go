// Package hofstede imports Geert Hofstede's six dimensions of national
// culture, release 2015-08-16 (6-dimensions-for-website-2015-08-16.csv:
// semicolon-separated, #NULL! for no score), and maps its country codes to
// Correlates of War codes.
//
// Citation: Hofstede, G., Hofstede, G. J. and Minkov, M. 2010. Cultures and
// Organizations: Software of the Mind, 3rd ed. McGraw-Hill.
//
// The dimensions are power distance (pdi), individualism (idv),
// masculinity (mas), uncertainty avoidance (uai), long- versus short-term
// orientation (ltowvs) and indulgence versus restraint (ivr), on scales of
// roughly 0-100 (a few exceed 100: Greece's uai is 112). A missing score is
// NaN: 32 of the 110 rows have only the last two dimensions.
//
// # Codes
//
// The ctr column holds Hofstede's own three-letter codes, not ISO 3166:
// GER is Germany, NET the Netherlands, CHI China, SAL El Salvador. COW
// maps the rows that are one present-day COW state to its code; regions
// (Africa East, Arab countries), parts of countries (Belgium French,
// Canada French, Germany East, South Africa white, Switzerland French and
// German) and territories that are not COW states (Hong Kong, Puerto
// Rico) have none. Andorra, not a COW state before 1993, maps to 232.
package hofstede
