package panel

import (
	"math"

	"github.com/entente/entente/dataset/atop"
)

// DyadOptions selects the dyad-years to stream.
type DyadOptions struct {
	// From and To bound the years (inclusive); zero means the panel's
	// first or last year.
	From, To int
	// Directed streams every ordered pair (A, B), A ≠ B: n(n-1) rows a
	// year. Otherwise each unordered pair once as A < B by COW code:
	// n(n-1)/2 rows.
	Directed bool
}

// DyadBlock is one year of a dyad-year panel in columnar form: row r is
// the dyad of states I[r] and J[r] (dense indexes into Year; their COW
// codes are Year.States[I[r]] and Year.States[J[r]]). Rows are ordered by
// I, then J. A block is reused for the next year: keep nothing from it
// after the callback returns.
type DyadBlock struct {
	Year     *Year
	Directed bool
	I, J     []int32
	// Shared is the number of ATOP alliances the two share in the year;
	// Owes holds A's obligations toward B (what A undertook in those
	// alliances) and OwedBy B's toward A. All three are zero when the year
	// is outside the ATOP coverage: check Year.AlliancesKnown.
	Shared       []int16
	Owes, OwedBy []atop.Obligation
	// CapA and CapB are the two states' capability columns (NaN where
	// missing), MajorA and MajorB their major-power status.
	CapA, CapB     [NumCaps][]float64
	MajorA, MajorB []bool
	// Ratio is the capability ratio: the stronger state's CINC over the
	// weaker's, NaN when either is missing (+Inf if the weaker's is 0).
	Ratio []float64
}

// Len is the number of rows.
func (b *DyadBlock) Len() int { return len(b.I) }

// CapRatio is the stronger over the weaker of two capabilities: NaN when
// either is missing or both are 0, +Inf when only the weaker is 0.
func CapRatio(a, b float64) float64 {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.NaN()
	}
	hi, lo := max(a, b), min(a, b)
	if lo == 0 {
		if hi == 0 {
			return math.NaN()
		}
		return math.Inf(1)
	}
	return hi / lo
}

// DyadCount is the number of dyad rows in year y.
func (y *Year) DyadCount(directed bool) int {
	n := y.N()
	if directed {
		return n * (n - 1)
	}
	return n * (n - 1) / 2
}

// Dyads streams the dyad-year panel one year at a time, in year order, to
// fn. fn's first error stops the stream and is returned.
func (p *Panel) Dyads(opt DyadOptions, fn func(*DyadBlock) error) error {
	from, to, err := p.checkSpan(opt.From, opt.To)
	if err != nil {
		return err
	}
	b := &DyadBlock{Directed: opt.Directed}
	for y := from; y <= to; y++ {
		yr := &p.years[y-p.first]
		b.fill(yr)
		if err := fn(b); err != nil {
			return err
		}
	}
	return nil
}

// resize makes every column m rows long, reusing storage.
func (b *DyadBlock) resize(m int) {
	b.I, b.J = grow(b.I, m), grow(b.J, m)
	b.Shared, b.Owes, b.OwedBy = grow(b.Shared, m), grow(b.Owes, m), grow(b.OwedBy, m)
	for k := range b.CapA {
		b.CapA[k], b.CapB[k] = grow(b.CapA[k], m), grow(b.CapB[k], m)
	}
	b.MajorA, b.MajorB, b.Ratio = grow(b.MajorA, m), grow(b.MajorB, m), grow(b.Ratio, m)
}

func grow[T any](s []T, m int) []T {
	if cap(s) < m {
		return make([]T, m)
	}
	return s[:m]
}

// fill lays out one year's rows.
func (b *DyadBlock) fill(yr *Year) {
	b.Year = yr
	b.resize(yr.DyadCount(b.Directed))
	n, r := yr.N(), 0
	for i := range n {
		links := yr.Links(i)
		lo := i + 1
		if b.Directed {
			lo = 0
		}
		for j := lo; j < n; j++ {
			if j == i {
				continue
			}
			for len(links) > 0 && int(links[0].To) < j {
				links = links[1:]
			}
			b.I[r], b.J[r] = int32(i), int32(j)
			if len(links) > 0 && int(links[0].To) == j {
				b.Shared[r], b.Owes[r], b.OwedBy[r] = links[0].Shared, links[0].Owes, links[0].OwedBy
			} else {
				b.Shared[r], b.Owes[r], b.OwedBy[r] = 0, 0, 0
			}
			r++
		}
	}
	b.fillStates(yr)
}

// fillStates copies the two states' columns into every row.
func (b *DyadBlock) fillStates(yr *Year) {
	for k := range b.CapA {
		src, ca, cb := yr.Caps[k], b.CapA[k], b.CapB[k]
		for r := range b.I {
			ca[r], cb[r] = src[b.I[r]], src[b.J[r]]
		}
	}
	for r := range b.I {
		i, j := b.I[r], b.J[r]
		b.MajorA[r], b.MajorB[r] = yr.Major[i], yr.Major[j]
		b.Ratio[r] = CapRatio(yr.Caps[CINC][i], yr.Caps[CINC][j])
	}
}

// StateYear is one row of the state-year panel.
type StateYear struct {
	Year, CCode int
	Abb         string
	Major       bool
	// Caps are the NMC columns in Cap order, NaN where missing.
	Caps [NumCaps]float64
	// AlliancesKnown is false outside the ATOP coverage, where the
	// alliance columns below are unknown.
	AlliancesKnown bool
	// Alliances is the number of ATOP alliances the state belonged to at
	// some time in the year; Owes the obligations it undertook in any of
	// them (as ATOP's state-year file).
	Alliances int
	Owes      atop.Obligation
	// DefensePartners counts the system members the state shares a
	// defense obligation with, in either direction.
	DefensePartners int
}

// StateYears streams the state-year panel for years from..to (zeros mean
// the panel's span), in year and COW-code order. The row passed to fn is
// reused.
func (p *Panel) StateYears(from, to int, fn func(*StateYear) error) error {
	from, to, err := p.checkSpan(from, to)
	if err != nil {
		return err
	}
	var s StateYear
	for y := from; y <= to; y++ {
		yr := &p.years[y-p.first]
		for i := range yr.N() {
			s = StateYear{Year: y, CCode: yr.States[i], Abb: yr.Abb[i], Major: yr.Major[i], AlliancesKnown: yr.AlliancesKnown,
				Alliances: int(yr.alliances[i]), Owes: yr.owes[i]}
			for k := range s.Caps {
				s.Caps[k] = yr.Caps[k][i]
			}
			for _, l := range yr.Links(i) {
				if (l.Owes | l.OwedBy).Has(atop.Defense) {
					s.DefensePartners++
				}
			}
			if err := fn(&s); err != nil {
				return err
			}
		}
	}
	return nil
}
