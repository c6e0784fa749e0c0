package history

import (
	"math"

	"github.com/entente/entente/dataset/gdp"
	"github.com/entente/entente/dataset/idealpoints"
	"github.com/entente/entente/dataset/milex"
	"github.com/entente/entente/dataset/nmc"
)

// Key identifies a state-year by its COW country code and year.
type Key struct {
	CCode int
	Year  int
}

// Panel holds one value per state-year. A state-year that is absent has no
// value: Get reports it as NaN, never as zero.
type Panel map[Key]float64

// Get returns the value of ccode in year, or NaN when there is none.
func (p Panel) Get(ccode, year int) float64 {
	if v, ok := p[Key{ccode, year}]; ok {
		return v
	}
	return math.NaN()
}

// Years returns the first and last year with a value, or 0, 0 for an empty
// panel.
func (p Panel) Years() (first, last int) {
	for k := range p {
		if first == 0 || k.Year < first {
			first = k.Year
		}
		if k.Year > last {
			last = k.Year
		}
	}
	return first, last
}

// set stores v for a state-year unless v is missing (NaN or infinite), the
// state has no COW code (ccode ≤ 0), or the state-year already has a value:
// the first value read wins, so a source's duplicates cannot overwrite it.
func (p Panel) set(ccode, year int, v float64) {
	if ccode <= 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return
	}
	k := Key{ccode, year}
	if _, ok := p[k]; !ok {
		p[k] = v
	}
}

// WorldBankGDP returns GDP in current US$ per state-year from the World Bank
// table. Aggregates, territories without a COW code and empty cells are left
// out.
func WorldBankGDP(rows []gdp.WorldBankValue) Panel {
	p := Panel{}
	for _, r := range rows {
		if !r.Aggregate {
			p.set(r.CCode, r.Year, r.USD)
		}
	}
	return p
}

// MaddisonGDP returns GDP in 2011 US$ per state-year from the Maddison
// Project Database 2018: GDP per capita times population (thousands) times
// 1000. The per-capita figure is cgdppc, the series meant for comparing
// countries, or rgdpnapc where cgdppc is empty; a state-year lacking both or
// the population is left out.
func MaddisonGDP(rows []gdp.Maddison) Panel {
	p := Panel{}
	for _, r := range rows {
		pc := r.CGDPPC
		if math.IsNaN(pc) {
			pc = r.RGDPNAPC
		}
		p.set(r.CCode, r.Year, pc*r.Pop*1000)
	}
	return p
}

// MilexShare returns military expenditure as a percentage of GDP per
// state-year from the SIPRI series published by Our World in Data.
func MilexShare(rows []milex.Share) Panel {
	p := Panel{}
	for _, r := range rows {
		p.set(r.CCode, r.Year, r.Percent)
	}
	return p
}

// NATOShare returns defence expenditure as a percentage of real GDP per
// member-year from NATO's 2012–2019 figures (PR/CP(2019)069).
func NATOShare(rows []milex.NATO) Panel {
	p := Panel{}
	for _, r := range rows {
		p.set(r.CCode, r.Year, r.PercentRealGDP)
	}
	return p
}

// CINC returns the Composite Index of National Capability per state-year
// from the COW National Material Capabilities data.
func CINC(rows []nmc.Record) Panel {
	p := Panel{}
	for _, r := range rows {
		p.set(r.CCode, r.Year, r.CINC)
	}
	return p
}

// Estimate chooses one of the three ideal-point series of the
// Bailey–Strezhnev–Voeten data.
type Estimate string

// The ideal-point series.
const (
	// EstimateAll is idealpointall, estimated from all roll calls: the
	// default.
	EstimateAll Estimate = "all"
	// EstimateFP is idealpointfp, from final-passage votes only.
	EstimateFP Estimate = "fp"
	// EstimateLegacy is idealpointlegacy, the earlier series.
	EstimateLegacy Estimate = "legacy"
)

// IdealPoints returns each state-year's ideal point from the chosen series
// (EstimateAll when est is empty).
func IdealPoints(rows []idealpoints.Record, est Estimate) Panel {
	p := Panel{}
	for _, r := range rows {
		v := r.All
		switch est {
		case EstimateFP:
			v = r.FP
		case EstimateLegacy:
			v = r.Legacy
		}
		p.set(r.CCode, r.Year, v)
	}
	return p
}
