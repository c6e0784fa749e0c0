package history

import (
	"math"

	"github.com/entente/entente/dataset/peacesciencer"
)

// DyadYears marks unordered pairs of states in years, with the span of
// years its source covers: outside it a pair is unknown, not unmarked.
type DyadYears struct {
	set         map[[3]int]bool
	First, Last int
}

// NewDyadYears returns an empty set covering first..last.
func NewDyadYears(first, last int) *DyadYears {
	return &DyadYears{set: map[[3]int]bool{}, First: first, Last: last}
}

// Add marks the pair (a, b) in year.
func (d *DyadYears) Add(a, b, year int) {
	if a > b {
		a, b = b, a
	}
	d.set[[3]int{a, b, year}] = true
}

// Has reports whether the pair is marked in year.
func (d *DyadYears) Has(a, b, year int) bool {
	if a > b {
		a, b = b, a
	}
	return d.set[[3]int{a, b, year}]
}

// Covers reports whether year is inside the source's span.
func (d *DyadYears) Covers(year int) bool { return d != nil && year >= d.First && year <= d.Last }

// RivalryYears marks the pairs in a strategic rivalry of Thompson, Sakuwa
// and Suhas (2021) in each year of it, from first to last (the file's
// coverage: 1494–2020).
func RivalryYears(rs []peacesciencer.TSSRivalry, first, last int) *DyadYears {
	d := NewDyadYears(first, last)
	for _, r := range rs {
		for y := r.Start; y <= r.End; y++ {
			d.Add(r.CCode1, r.CCode2, y)
		}
	}
	return d
}

// MIDYears marks the pairs on opposite sides of a militarized interstate
// dispute in a year (the dyadic MID file's dyad-years, ongoing or onset),
// covering the years the file holds.
func MIDYears(ms []peacesciencer.MID) *DyadYears {
	first, last := math.MaxInt, math.MinInt
	for _, m := range ms {
		first, last = min(first, m.Year), max(last, m.Year)
	}
	d := NewDyadYears(first, last)
	for _, m := range ms {
		d.Add(m.CCode1, m.CCode2, m.Year)
	}
	return d
}

// Polyarchy returns V-Dem's electoral democracy index (v2x_polyarchy, 0–1)
// per state-year from the peacesciencer democracy file; missing stays
// missing.
func Polyarchy(ds []peacesciencer.Democracy) Panel {
	p := Panel{}
	for _, d := range ds {
		if !math.IsNaN(d.Polyarchy) {
			if _, ok := p[Key{d.CCode, d.Year}]; !ok {
				p[Key{d.CCode, d.Year}] = d.Polyarchy
			}
		}
	}
	return p
}

// DefaultMIDWindow is how many years (t−4..t) the MID component looks
// back.
const DefaultMIDWindow = 5

// anyPair returns 1 when some pair of members is marked in d in one of the
// years, 0 when none is, NaN when a year is outside d's coverage or d is
// nil.
func anyPair(d *DyadYears, members []int, years ...int) float64 {
	if d == nil {
		return math.NaN()
	}
	for _, y := range years {
		if !d.Covers(y) {
			return math.NaN()
		}
	}
	for a := range members {
		for b := a + 1; b < len(members); b++ {
			for _, y := range years {
				if d.Has(members[a], members[b], y) {
					return 1
				}
			}
		}
	}
	return 0
}

// regimeChange is the largest absolute change of a member's polyarchy
// score between year−lag and year, NaN when no member has both.
func regimeChange(members []int, year, lag int, p Panel) float64 {
	out := math.NaN()
	for _, m := range members {
		a, b := p.Get(m, year), p.Get(m, year-lag)
		if math.IsNaN(a) || math.IsNaN(b) {
			continue
		}
		if d := math.Abs(a - b); math.IsNaN(out) || d > out {
			out = d
		}
	}
	return out
}
