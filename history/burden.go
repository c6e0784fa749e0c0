package history

import (
	"fmt"
	"math"
	"strconv"

	"github.com/entente/entente"
	"github.com/entente/entente/burden"
	"github.com/entente/entente/internal/number"
)

// NATO is the ATOP identifier of the North Atlantic Treaty (1949).
const NATO = 3180

// DefaultSplice is the first year whose GDP comes from the World Bank in a
// burden report; earlier years use Maddison.
const DefaultSplice = 1960

// GDPSource names where a year's GDP figures come from.
type GDPSource string

// The GDP sources.
const (
	// WorldBank: World Development Indicators NY.GDP.MKTP.CD, current US$.
	WorldBank GDPSource = "worldbank"
	// Maddison: Maddison Project Database 2018, GDP per capita × population,
	// 2011 US$.
	Maddison GDPSource = "maddison"
)

// BurdenInput is what a burden report reads: an alliance's membership and
// the panels of GDP and military spending.
type BurdenInput struct {
	// Alliance is the ATOP identifier; NATO for the classic report.
	Alliance int
	// Alliances indexes ATOP (member rows suffice).
	Alliances *Alliances
	// WorldBank is GDP in current US$ (WorldBankGDP); Maddison is GDP in
	// 2011 US$ (MaddisonGDP).
	WorldBank, Maddison Panel
	// Share is military expenditure in percent of GDP (MilexShare).
	Share Panel
	// NATOShare is NATO's own percent-of-GDP figures (NATOShare), used only
	// as a cross-check; nil for none.
	NATOShare Panel
	// Names maps COW codes to COW abbreviations for actor IDs
	// (world.StateID); a code without one becomes "cow-<code>".
	Names map[int]string
}

// BurdenOptions chooses the years and the GDP splice.
type BurdenOptions struct {
	// From and To bound the years (inclusive); 0 means the alliance's first
	// year and the last year with both GDP and spending data.
	From, To int
	// Splice is the first year that uses World Bank GDP; 0 means
	// DefaultSplice. Years before it use Maddison.
	Splice int
}

// BurdenReport is an alliance's burden-sharing, year by year.
type BurdenReport struct {
	Alliance int          `json:"alliance"`
	Splice   int          `json:"splice"`
	Years    []BurdenYear `json:"years"`
}

// BurdenYear is one year: who the members were, what each spent against
// its GDP, the Olson–Zeckhauser test and each member's exploitation index.
type BurdenYear struct {
	Year int `json:"year"`
	// Source is where every member's GDP comes from in this year.
	Source  GDPSource      `json:"gdp_source"`
	Members []BurdenMember `json:"members"`
	// OZ is Spearman's ρ between GDP and spending / GDP over the members
	// with both, with its p-value and n.
	OZ burden.OZTest `json:"olson_zeckhauser"`
	// Check compares the spending shares with NATO's own figures; nil when
	// NATO reports none for the year.
	Check *CrossCheck `json:"nato_check,omitempty"`
}

// BurdenMember is one member's figures in one year. A figure without data
// is NaN.
type BurdenMember struct {
	CCode int             `json:"ccode"`
	ID    entente.ActorID `json:"id"`
	// GDP is in the year's Source units: current US$ (World Bank) or 2011
	// US$ (Maddison).
	GDP number.Figure `json:"gdp"`
	// SharePct is military spending as a percentage of GDP (SIPRI/OWID).
	SharePct number.Figure `json:"milex_share_pct"`
	// Spending is SharePct / 100 × GDP, in the units of GDP.
	Spending number.Figure `json:"milex"`
	// CapabilityShare and SpendingShare are the member's shares of the
	// compared members' GDP and spending; Exploitation is
	// SpendingShare / CapabilityShare − 1 (burden.Analyze).
	CapabilityShare number.Figure `json:"gdp_share"`
	SpendingShare   number.Figure `json:"milex_share_of_alliance"`
	Exploitation    number.Figure `json:"exploitation"`
	// NATOSharePct is NATO's figure for the member-year, NaN outside
	// 2012–2019 or when NATO reports none.
	NATOSharePct number.Figure `json:"nato_share_pct"`
}

// CrossCheck sets the SIPRI/OWID spending shares against NATO's in one year,
// over the members that have both.
type CrossCheck struct {
	N int `json:"n"`
	// MeanAbsDiff and MaxAbsDiff are |OWID − NATO| in percentage points.
	MeanAbsDiff number.Figure `json:"mean_abs_diff_pp"`
	MaxAbsDiff  number.Figure `json:"max_abs_diff_pp"`
	// Agreement is Spearman's ρ between the two shares across members.
	Agreement burden.Correlation `json:"rank_agreement"`
	// OZ is the Olson–Zeckhauser test with NATO's shares in place of
	// OWID's, on the same GDP.
	OZ burden.OZTest `json:"olson_zeckhauser_nato"`
}

// Source returns the GDP source used for year under opt.
func (opt BurdenOptions) Source(year int) GDPSource {
	if year < opt.splice() {
		return Maddison
	}
	return WorldBank
}

func (opt BurdenOptions) splice() int {
	if opt.Splice == 0 {
		return DefaultSplice
	}
	return opt.Splice
}

// Burden computes an alliance's burden-sharing report. The error wraps
// ErrUnknownAlliance when the alliance is not in the data, and ErrNoData
// when no year in the range has a member with both GDP and spending.
func Burden(in BurdenInput, opt BurdenOptions) (*BurdenReport, error) {
	if err := in.Alliances.Check(in.Alliance); err != nil {
		return nil, err
	}
	from, to := burdenYears(in, opt)
	if opt.From != 0 {
		from = opt.From
	}
	if opt.To != 0 {
		to = opt.To
	}
	r := &BurdenReport{Alliance: in.Alliance, Splice: opt.splice()}
	for y := from; y <= to; y++ {
		members := in.Alliances.Members(in.Alliance, y)
		if len(members) == 0 {
			continue
		}
		r.Years = append(r.Years, burdenYear(in, opt.Source(y), y, members))
	}
	if !r.hasData() {
		return nil, fmt.Errorf("%w: alliance %d has no year in %d–%d with both GDP and military spending for a member", ErrNoData, in.Alliance, from, to)
	}
	return r, nil
}

// burdenYears returns the default range: from the alliance's first year to
// the last year in which some member has both GDP and spending.
func burdenYears(in BurdenInput, opt BurdenOptions) (from, to int) {
	from, _ = in.Alliances.Span(in.Alliance)
	_, last := in.Share.Years()
	_, wb := in.WorldBank.Years()
	_, md := in.Maddison.Years()
	last = min(last, max(wb, md))
	for y := last; y >= from; y-- {
		src := in.gdp(opt.Source(y))
		for _, c := range in.Alliances.Members(in.Alliance, y) {
			if !math.IsNaN(src.Get(c, y)) && !math.IsNaN(in.Share.Get(c, y)) {
				return from, y
			}
		}
	}
	return from, last
}

func (in BurdenInput) gdp(s GDPSource) Panel {
	if s == Maddison {
		return in.Maddison
	}
	return in.WorldBank
}

func (r *BurdenReport) hasData() bool {
	for _, y := range r.Years {
		if y.OZ.N > 0 {
			return true
		}
	}
	return false
}

// burdenYear computes one year.
func burdenYear(in BurdenInput, src GDPSource, year int, members []int) BurdenYear {
	by := BurdenYear{Year: year, Source: src}
	gdpByID := map[entente.ActorID]float64{}
	spendByID := map[entente.ActorID]float64{}
	ids := make([]entente.ActorID, len(members))
	for i, c := range members {
		m := BurdenMember{CCode: c, ID: in.id(c), GDP: number.Figure(in.gdp(src).Get(c, year)), SharePct: number.Figure(in.Share.Get(c, year)),
			NATOSharePct: number.Figure(math.NaN())}
		if in.NATOShare != nil {
			m.NATOSharePct = number.Figure(in.NATOShare.Get(c, year))
		}
		m.Spending = m.SharePct / 100 * m.GDP
		ids[i] = m.ID
		gdpByID[m.ID], spendByID[m.ID] = float64(m.GDP), float64(m.Spending)
		by.Members = append(by.Members, m)
	}
	by.OZ = burden.OlsonZeckhauser(gdpByID, spendByID)
	res := burden.Analyze(burden.Input{Members: ids, Delivered: spendByID, Capability: gdpByID}, burden.Options{})
	for i := range by.Members {
		m := &by.Members[i]
		m.CapabilityShare, m.SpendingShare, m.Exploitation = number.Figure(math.NaN()), number.Figure(math.NaN()), number.Figure(math.NaN())
		if f := res.Member(m.ID); f != nil {
			m.CapabilityShare, m.SpendingShare, m.Exploitation = number.Figure(f.CapabilityShare), number.Figure(f.ComparedShare), number.Figure(f.Exploitation)
		}
	}
	by.Check = crossCheck(by.Members)
	return by
}

func (in BurdenInput) id(ccode int) entente.ActorID {
	if abb, ok := in.Names[ccode]; ok && abb != "" {
		return stateID(abb, ccode)
	}
	return entente.ActorID("cow-" + strconv.Itoa(ccode))
}

// crossCheck compares OWID and NATO shares over the members with both.
func crossCheck(members []BurdenMember) *CrossCheck {
	var owid, nato []float64
	gdpByID := map[entente.ActorID]float64{}
	spendByID := map[entente.ActorID]float64{}
	c := &CrossCheck{}
	for _, m := range members {
		if math.IsNaN(float64(m.NATOSharePct)) {
			continue
		}
		gdpByID[m.ID], spendByID[m.ID] = float64(m.GDP), float64(m.NATOSharePct/100*m.GDP)
		if math.IsNaN(float64(m.SharePct)) {
			continue
		}
		owid, nato = append(owid, float64(m.SharePct)), append(nato, float64(m.NATOSharePct))
		d := math.Abs(float64(m.SharePct - m.NATOSharePct))
		c.MeanAbsDiff += number.Figure(d)
		c.MaxAbsDiff = max(c.MaxAbsDiff, number.Figure(d))
	}
	if len(gdpByID) == 0 {
		return nil
	}
	c.N = len(owid)
	c.MeanAbsDiff /= number.Figure(c.N)
	if c.N == 0 {
		c.MeanAbsDiff, c.MaxAbsDiff = number.Figure(math.NaN()), number.Figure(math.NaN())
	}
	c.Agreement = burden.Spearman(owid, nato)
	c.OZ = burden.OlsonZeckhauser(gdpByID, spendByID)
	return c
}

// Year returns the report's figures for year, or nil.
func (r *BurdenReport) Year(year int) *BurdenYear {
	for i := range r.Years {
		if r.Years[i].Year == year {
			return &r.Years[i]
		}
	}
	return nil
}

// Period summarises the Olson–Zeckhauser ρ over a run of years.
type Period struct {
	From int `json:"from"`
	To   int `json:"to"`
	// Years counts the years with a ρ; Significant those with p < 0.05
	// and ρ > 0, Negative those with p < 0.05 and ρ < 0.
	Years       int `json:"years"`
	Significant int `json:"significant_positive"`
	Negative    int `json:"significant_negative"`
	// MeanRho, MinRho and MaxRho summarise ρ over those years; NaN when
	// Years is 0. MeanN is the mean number of members tested.
	MeanRho number.Figure `json:"mean_rho"`
	MinRho  number.Figure `json:"min_rho"`
	MaxRho  number.Figure `json:"max_rho"`
	MeanN   number.Figure `json:"mean_n"`
}

// Decades summarises the report by calendar decade (1940s, 1950s, ...),
// over the years with at least MinTested members tested.
func (r *BurdenReport) Decades() []Period {
	var out []Period
	for _, y := range r.Years {
		d := y.Year / 10 * 10
		if len(out) == 0 || out[len(out)-1].From != d {
			out = append(out, Period{From: d, To: d + 9, MeanRho: number.Figure(math.NaN()), MinRho: number.Figure(math.NaN()), MaxRho: number.Figure(math.NaN())})
		}
		out[len(out)-1].add(y.OZ.Correlation)
	}
	for i := range out {
		out[i].finish()
	}
	return out
}

func (p *Period) add(c burden.Correlation) {
	if math.IsNaN(c.Rho) || c.N < MinTested {
		return
	}
	if p.Years == 0 {
		p.MeanRho, p.MinRho, p.MaxRho = 0, number.Figure(c.Rho), number.Figure(c.Rho)
	}
	p.Years++
	p.MeanRho += number.Figure(c.Rho)
	p.MeanN += number.Figure(c.N)
	p.MinRho, p.MaxRho = min(p.MinRho, number.Figure(c.Rho)), max(p.MaxRho, number.Figure(c.Rho))
	if c.P < 0.05 && c.Rho > 0 {
		p.Significant++
	}
	if c.P < 0.05 && c.Rho < 0 {
		p.Negative++
	}
}

func (p *Period) finish() {
	if p.Years > 0 {
		p.MeanRho /= number.Figure(p.Years)
		p.MeanN /= number.Figure(p.Years)
	}
}
