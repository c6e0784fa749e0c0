package csvio

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Flag is a 0/1 indicator that may be missing. Missing is -1, so a coded 0
// and an absent value can never be confused.
type Flag int8

// Flag values.
const (
	FlagMissing Flag = -1
	FlagNo      Flag = 0
	FlagYes     Flag = 1
)

// Yes reports whether the flag is present and set.
func (f Flag) Yes() bool { return f == FlagYes }

// Valid reports whether the flag has a value.
func (f Flag) Valid() bool { return f != FlagMissing }

// String returns "1", "0" or "NA".
func (f Flag) String() string {
	switch f {
	case FlagYes:
		return "1"
	case FlagNo:
		return "0"
	}
	return "NA"
}

// Date is a calendar date whose month and day may be unknown (0). The zero
// Date means "no date", e.g. an alliance that had not ended by the end of the
// data's coverage.
type Date struct {
	Year  int // full year, e.g. 1949
	Month int // 1-12, or 0 when unknown
	Day   int // 1-31, or 0 when unknown
}

// IsZero reports whether d is the zero Date ("no date").
func (d Date) IsZero() bool { return d == Date{} }

// Before reports whether d is earlier than e, comparing unknown months and
// days as 0 (that is, as the start of the year or month).
func (d Date) Before(e Date) bool { return d.key() < e.key() }

func (d Date) key() int { return d.Year*10000 + d.Month*100 + d.Day }

// String formats d as YYYY-MM-DD with "??" for unknown parts, or "none" for
// the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return "none"
	}
	part := func(v int) string {
		if v == 0 {
			return "??"
		}
		return fmt.Sprintf("%02d", v)
	}
	return fmt.Sprintf("%04d-%s-%s", d.Year, part(d.Month), part(d.Day))
}

// Year bounds accepted by the year getters. Maddison's series starts in year
// 1 and COW alliance start dates go back to 1386, so the range is wide; it
// still rejects codes such as -9 and typing slips such as 19595.
const (
	MinYear = 1
	MaxYear = 2100
)

// IsMissing reports whether column c of the current record holds one of the
// reader's missing-value codes.
func (rd *Reader) IsMissing(c int) bool {
	s := rd.Str(c)
	for _, m := range rd.missing {
		if s == m {
			return true
		}
	}
	return false
}

// Int returns column c as an integer; anything else is a row error.
func (rd *Reader) Int(c int) int {
	v, err := strconv.Atoi(rd.Str(c))
	if err != nil {
		rd.Fail(c, "an integer")
	}
	return v
}

// IntIn returns column c as an integer in [lo, hi]; otherwise it records a
// row error saying "expected <what>".
func (rd *Reader) IntIn(c, lo, hi int, what string) int {
	v, err := strconv.Atoi(rd.Str(c))
	if err != nil || v < lo || v > hi {
		rd.Fail(c, what)
		return 0
	}
	return v
}

// OptInt returns column c as an integer, or ok=false if it holds a missing
// code.
func (rd *Reader) OptInt(c int) (v int, ok bool) {
	if rd.IsMissing(c) {
		return 0, false
	}
	return rd.Int(c), true
}

// Code returns a categorical code in [lo, hi] as int16, or -1 when the field
// holds a missing code. Codebook variables whose legal values include 0 use
// it, so that -1 and not 0 stands for "missing".
func (rd *Reader) Code(c, lo, hi int) int16 {
	if rd.IsMissing(c) {
		return -1
	}
	v, err := strconv.Atoi(rd.Str(c))
	if err != nil || v < lo || v > hi {
		// The message is built only on failure: Code runs for every
		// codebook column of every ATOP row.
		rd.Fail(c, fmt.Sprintf("a code from %d to %d", lo, hi))
		return 0
	}
	return int16(v)
}

// Float returns column c as a float64, NaN when it holds a missing code.
func (rd *Reader) Float(c int) float64 {
	if rd.IsMissing(c) {
		return math.NaN()
	}
	v, err := strconv.ParseFloat(rd.Str(c), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		rd.Fail(c, "a number")
		return math.NaN()
	}
	return v
}

// Bool returns a required 0/1 column.
func (rd *Reader) Bool(c int) bool {
	switch rd.Str(c) {
	case "1":
		return true
	case "0":
		return false
	}
	rd.Fail(c, "0 or 1")
	return false
}

// Flag returns a 0/1 column that may hold a missing code.
func (rd *Reader) Flag(c int) Flag {
	if rd.IsMissing(c) {
		return FlagMissing
	}
	if rd.Bool(c) {
		return FlagYes
	}
	return FlagNo
}

// Year returns a required year in [MinYear, MaxYear].
func (rd *Reader) Year(c int) int {
	return rd.IntIn(c, MinYear, MaxYear, "a year")
}

// OptYear returns a year, or 0 when the field is missing or holds 0 (the
// ATOP and COW code for "has not ended").
func (rd *Reader) OptYear(c int) int {
	if rd.IsMissing(c) || rd.Str(c) == "0" {
		return 0
	}
	return rd.Year(c)
}

// Month returns a month 1-12, or 0 when missing or coded 0 (unknown).
func (rd *Reader) Month(c int) int { return rd.datePart(c, 12, "a month (1-12)") }

// Day returns a day 1-31, or 0 when missing or coded 0 (unknown).
func (rd *Reader) Day(c int) int { return rd.datePart(c, 31, "a day of the month (1-31)") }

func (rd *Reader) datePart(c, hi int, what string) int {
	if rd.IsMissing(c) {
		return 0
	}
	return rd.IntIn(c, 0, hi, what)
}

// Date assembles a date from year, month and day columns; the year is
// required, month and day may be unknown.
func (rd *Reader) Date(y, m, d int) Date {
	return Date{Year: rd.Year(y), Month: rd.Month(m), Day: rd.Day(d)}
}

// OptDate is like Date but returns the zero Date when the year is missing or
// 0 (an end date that has not happened).
func (rd *Reader) OptDate(y, m, d int) Date {
	year := rd.OptYear(y)
	if year == 0 {
		return Date{}
	}
	return Date{Year: year, Month: rd.Month(m), Day: rd.Day(d)}
}

// ISODate parses a YYYY-MM-DD column.
func (rd *Reader) ISODate(c int) Date {
	d, ok := parseDate(rd.Str(c), '-', 0, 1, 2)
	if !ok {
		rd.Fail(c, "a date YYYY-MM-DD")
	}
	return d
}

// MDYDate parses an M/D/YYYY column (as in Voeten's files).
func (rd *Reader) MDYDate(c int) Date {
	d, ok := parseDate(rd.Str(c), '/', 2, 0, 1)
	if !ok {
		rd.Fail(c, "a date M/D/YYYY")
	}
	return d
}

// parseDate splits s on sep and reads year, month and day from the given
// positions, validating the ranges (but not month lengths). It avoids
// strings.Split because it runs once per row of the million-row vote file.
func parseDate(s string, sep byte, yi, mi, di int) (Date, bool) {
	var v [3]int
	for i := range v {
		end := strings.IndexByte(s, sep)
		if i == 2 {
			end = len(s)
		} else if end < 0 {
			return Date{}, false
		}
		n, err := strconv.Atoi(s[:end])
		if err != nil {
			return Date{}, false
		}
		v[i] = n
		if i < 2 {
			s = s[end+1:]
		}
	}
	d := Date{Year: v[yi], Month: v[mi], Day: v[di]}
	if d.Year < MinYear || d.Year > MaxYear || d.Month < 1 || d.Month > 12 || d.Day < 1 || d.Day > 31 {
		return Date{}, false
	}
	return d, true
}
