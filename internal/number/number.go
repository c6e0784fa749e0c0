// Package number is Entente's NaN-safe number for output. Analytics report a
// figure they cannot compute as NaN (or an infinity); JSON has no such
// values and a CSV cell of "NaN" reads as text in most tools. A Float is
// null in JSON, an empty cell in CSV and "-" in a table when it is not a
// finite number, and the number itself otherwise.
package number

import (
	"math"
	"strconv"
)

// Float is a float64 that writes a missing value (NaN or ±Inf) as null in
// JSON, "" in CSV and "-" in tables.
type Float float64

// Missing is the text of a missing value in tables.
const Missing = "-"

// OK reports whether f is a finite number.
func (f Float) OK() bool { return !math.IsNaN(float64(f)) && !math.IsInf(float64(f), 0) }

// MarshalJSON writes the shortest representation that reads back exactly,
// or null.
func (f Float) MarshalJSON() ([]byte, error) {
	if !f.OK() {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, float64(f), 'g', -1, 64), nil
}

// UnmarshalJSON reads a number, null being NaN.
func (f *Float) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*f = Float(math.NaN())
		return nil
	}
	v, err := strconv.ParseFloat(string(b), 64)
	*f = Float(v)
	return err
}

// CSV returns the shortest representation that reads back exactly, or ""
// for a missing value.
func (f Float) CSV() string {
	if !f.OK() {
		return ""
	}
	return strconv.FormatFloat(float64(f), 'g', -1, 64)
}

// Fixed returns f with the given number of decimals (-1: as many as
// needed), or Missing.
func (f Float) Fixed(decimals int) string { return f.FixedOr(decimals, Missing) }

// FixedOr is Fixed with missing as the text of a missing value.
func (f Float) FixedOr(decimals int, missing string) string {
	if !f.OK() {
		return missing
	}
	return strconv.FormatFloat(float64(f), 'f', decimals, 64)
}

// Percent returns 100·f with the given decimals and a % sign, or Missing.
func (f Float) Percent(decimals int) string {
	if !f.OK() {
		return Missing
	}
	return strconv.FormatFloat(100*float64(f), 'f', decimals, 64) + "%"
}

// Ptr returns a pointer to the value, or nil when it is missing: for
// structs whose JSON must say null.
func (f Float) Ptr() *float64 {
	if !f.OK() {
		return nil
	}
	v := float64(f)
	return &v
}

// Fixed formats v as Float(v).Fixed(decimals).
func Fixed(v float64, decimals int) string { return Float(v).Fixed(decimals) }

// CSV formats v as Float(v).CSV().
func CSV(v float64) string { return Float(v).CSV() }

// Of returns *p as a Float, missing (NaN) when p is nil: for the pointers
// that stand for missing figures in JSON structs.
func Of(p *float64) Float {
	if p == nil {
		return Float(math.NaN())
	}
	return Float(*p)
}

// Floats returns xs as Floats, for a JSON form whose missing figures must
// be null.
func Floats(xs []float64) []Float {
	if xs == nil {
		return nil
	}
	out := make([]Float, len(xs))
	for i, x := range xs {
		out[i] = Float(x)
	}
	return out
}

// Ptr returns a pointer to v, or nil when v is missing: a JSON field of
// type *float64 then writes null for a missing value and a number as
// encoding/json writes a float64 (no exponent below 1e21).
func Ptr(v float64) *float64 { return Float(v).Ptr() }

// Ptrs returns xs as Ptr does each value: a JSON array whose missing
// values are null.
func Ptrs(xs []float64) []*float64 {
	if xs == nil {
		return nil
	}
	out := make([]*float64, len(xs))
	for i, x := range xs {
		out[i] = Ptr(x)
	}
	return out
}
