// Package csvio is the shared row reader behind the dataset importers.
//
// It streams comma- or tab-separated text (optionally gzip-compressed, which
// is detected from the stream's magic bytes rather than the file name),
// maps header names to column indexes, checks that a header belongs to the
// expected file and version, and offers typed field getters that turn a
// dataset's missing-value codes into an explicit missing representation:
// NaN for float64, false from the ok result of Opt getters, FlagMissing for
// indicators, and the zero Date for an absent date. A coded 0 is never
// used to mean "missing" for a quantity.
//
// Every error that concerns the content of a file is a *FieldError whose
// text has the form
//
//	file:line: column: what was expected
//
// for example
//
//	atop5_1m.csv:17: yrent: expected a year, got "19x5"
//
// Header problems use the pseudo-column "header"; a record with the wrong
// number of fields or malformed quoting uses "record".
//
// Getters do not return errors one by one: the first failure of the current
// record is kept and reported by RowErr, so an importer can build a whole
// record with plain expressions and check once. This keeps the importers'
// parse functions short and flat.
package csvio
