package panel

import (
	"fmt"
	"math"

	"github.com/entente/entente/dataset/cowstate"
	"github.com/entente/entente/dataset/nmc"
)

// Cap names one capability column of the NMC data.
type Cap int

// The capability columns, in the order panels write them.
const (
	CINC   Cap = iota // composite index of national capability, a share of the system total
	MilEx             // military expenditure, thousands of current US dollars
	MilPer            // military personnel, thousands
	IrSt              // iron and steel production, thousands of tons
	PEC               // primary energy consumption, thousands of coal-ton equivalents
	TPop              // total population, thousands
	UPop              // urban population, thousands
	NumCaps
)

var capNames = [NumCaps]string{"cinc", "milex", "milper", "irst", "pec", "tpop", "upop"}

// String returns the NMC column name, e.g. "cinc".
func (c Cap) String() string {
	if c < 0 || c >= NumCaps {
		return fmt.Sprintf("Cap(%d)", int(c))
	}
	return capNames[c]
}

// capsOf returns a record's capability columns in Cap order.
func capsOf(r *nmc.Record) [NumCaps]float64 {
	return [NumCaps]float64{r.CINC, r.MilEx, r.MilPer, r.IrSt, r.PEC, r.TPop, r.UPop}
}

// missingCaps is the capability vector of a state-year without an NMC row.
func missingCaps() [NumCaps]float64 {
	var c [NumCaps]float64
	for i := range c {
		c[i] = math.NaN()
	}
	return c
}

// Capabilities indexes NMC state-years by year and COW code.
type Capabilities struct {
	first, last int
	rows        [][NumCaps]float64
	index       []int32 // (year-first)*(maxCCode+1)+ccode -> row+1, 0 when absent
}

// NewCapabilities indexes NMC records (either release). A second record
// for the same state-year is an error.
func NewCapabilities(recs []nmc.Record) (*Capabilities, error) {
	if len(recs) == 0 {
		return nil, fmt.Errorf("panel: no NMC records")
	}
	c := &Capabilities{first: recs[0].Year, last: recs[0].Year}
	for _, r := range recs {
		if r.CCode < 0 || r.CCode > maxCCode {
			return nil, fmt.Errorf("panel: NMC record %s %d has COW code %d outside 0-%d", r.Abb, r.Year, r.CCode, maxCCode)
		}
		c.first, c.last = min(c.first, r.Year), max(c.last, r.Year)
	}
	c.index = make([]int32, (c.last-c.first+1)*(maxCCode+1))
	c.rows = make([][NumCaps]float64, len(recs))
	for i := range recs {
		k := c.key(recs[i].CCode, recs[i].Year)
		if c.index[k] != 0 {
			return nil, fmt.Errorf("panel: two NMC records for COW %d in %d", recs[i].CCode, recs[i].Year)
		}
		c.index[k] = int32(i + 1)
		c.rows[i] = capsOf(&recs[i])
	}
	return c, nil
}

func (c *Capabilities) key(ccode, year int) int { return (year-c.first)*(maxCCode+1) + ccode }

// Span returns the first and last year with NMC records.
func (c *Capabilities) Span() (first, last int) { return c.first, c.last }

// Get returns the capability columns of a state-year in Cap order, and
// whether NMC has a row for it. Missing components are NaN; so is every
// column of a state-year without a row.
func (c *Capabilities) Get(ccode, year int) ([NumCaps]float64, bool) {
	if c == nil || year < c.first || year > c.last || ccode < 0 || ccode > maxCCode {
		return missingCaps(), false
	}
	i := c.index[c.key(ccode, year)]
	if i == 0 {
		return missingCaps(), false
	}
	return c.rows[i-1], true
}

// CINC returns a state-year's CINC score, NaN when it is missing.
func (c *Capabilities) CINC(ccode, year int) float64 {
	v, _ := c.Get(ccode, year)
	return v[CINC]
}

// Majors answers whether a state was a major power in a year.
type Majors struct{ spells []cowstate.Major }

// NewMajors indexes the COW major-power spells (majors2016).
func NewMajors(spells []cowstate.Major) *Majors { return &Majors{spells: spells} }

// Is reports whether ccode held major-power status during some part of
// year y.
func (m *Majors) Is(ccode, y int) bool {
	if m == nil {
		return false
	}
	for _, s := range m.spells {
		if s.CCode == ccode && s.Begin.Year <= y && (s.End.IsZero() || s.End.Year >= y) {
			return true
		}
	}
	return false
}
