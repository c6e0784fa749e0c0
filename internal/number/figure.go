package number

import (
	"math"
	"strconv"
)

// Figure is a float64 field of a report written as JSON: encoding/json
// writes it exactly as it writes a float64 (no exponent from 1e-6 to
// 1e21), and a missing value (NaN, ±Inf), which it would refuse, as null.
// A report declares its figures as Figure rather than float64, so that no
// figure can be left out of its JSON form.
type Figure float64

// OK reports whether f is a finite number.
func (f Figure) OK() bool { return Float(f).OK() }

// MarshalJSON writes f as encoding/json writes a float64, or null.
func (f Figure) MarshalJSON() ([]byte, error) {
	if !f.OK() {
		return []byte("null"), nil
	}
	return AppendJSON(nil, float64(f)), nil
}

// UnmarshalJSON reads a number, null being NaN.
func (f *Figure) UnmarshalJSON(b []byte) error {
	var g Float
	err := g.UnmarshalJSON(b)
	*f = Figure(g)
	return err
}

// AppendJSON appends a finite v as encoding/json writes a float64: the
// shortest decimal that reads back exactly, in 'f' form unless v is
// below 1e-6 or at least 1e21 in magnitude, where the exponent form has
// at least one digit ("1e-7", "1e+21").
func AppendJSON(b []byte, v float64) []byte {
	format := byte('f')
	if abs := math.Abs(v); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, v, format, -1, 64)
	if format == 'e' {
		// "1e-07" as "1e-7".
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// Figures returns m with its values as Figures.
func Figures[K comparable](m map[K]float64) map[K]Figure {
	if m == nil {
		return nil
	}
	out := make(map[K]Figure, len(m))
	for k, v := range m {
		out[k] = Figure(v)
	}
	return out
}
