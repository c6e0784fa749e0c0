package history

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/entente/entente/allnet"
	"github.com/entente/entente/dataset/cowstate"
	"github.com/entente/entente/dataset/unvotes"
	"github.com/entente/entente/internal/number"
)

// The defaults of WarningOptions.
const (
	// DefaultHorizon: an alliance-year is positive when the alliance ends
	// within this many years.
	DefaultHorizon = 5
	// DefaultShiftLag: the capability shift compares the Herfindahl index
	// with its value this many years before.
	DefaultShiftLag = 5
	// DefaultDataEnd is the last year ATOP 5.1 covers.
	DefaultDataEnd = 2018
	// FirstUNYear is the first year of UN General Assembly roll calls.
	FirstUNYear = 1946
)

// WarningInput is what the early-warning components are computed from.
type WarningInput struct {
	// Alliances indexes ATOP (alliance- and member-level rows).
	Alliances *Alliances
	// System is the COW state system, the states whose alliance portfolios
	// are compared; nil compares the ATOP members only.
	System []cowstate.StateYear
	// Votes are the UN General Assembly roll calls; nil leaves the vote
	// cohesion missing.
	Votes *unvotes.Matrix
	// Ideal, CINC and Share are the ideal points, the capability index and
	// military spending in percent of GDP, per state-year.
	Ideal, CINC, Share Panel
	// Rivalry marks strategic rivals (RivalryYears), MIDs the pairs in a
	// militarized dispute (MIDYears) and Polyarchy is V-Dem's democracy
	// index (Polyarchy); nil leaves the component missing.
	Rivalry, MIDs *DyadYears
	Polyarchy     Panel
}

// WarningOptions tunes AllianceYears.
type WarningOptions struct {
	// Horizon is the number of years ahead in which an end counts; 0 means
	// DefaultHorizon.
	Horizon int
	// ShiftLag is the lag of the capability shift; 0 means
	// DefaultShiftLag.
	ShiftLag int
	// DataEnd is the last year of the alliance data; 0 means the end of
	// the member rows' coverage (Alliances.Coverage; DefaultDataEnd
	// without member rows). Alliances with no end date were in force then.
	DataEnd int
	// From and To, when not 0, keep only the alliance-years in [From, To].
	From, To int
}

func (o WarningOptions) withDefaults() WarningOptions {
	if o.Horizon == 0 {
		o.Horizon = DefaultHorizon
	}
	if o.ShiftLag == 0 {
		o.ShiftLag = DefaultShiftLag
	}
	if o.DataEnd == 0 {
		o.DataEnd = DefaultDataEnd
	}
	return o
}

// Outcome is what became of an alliance within the horizon after a year.
type Outcome int8

// The outcomes.
const (
	// Censored: the horizon runs past the end of the data, so whether the
	// alliance ended within it is not known; left out of evaluation.
	Censored Outcome = iota
	// Survived: the alliance was still in force at the end of the horizon.
	Survived
	// Ended: the alliance ended within the horizon.
	Ended
)

// String returns "censored", "survived" or "ended".
func (o Outcome) String() string {
	return [...]string{"censored", "survived", "ended"}[o]
}

// MarshalText writes the outcome's name, so that JSON says "ended" rather
// than 2.
func (o Outcome) MarshalText() ([]byte, error) { return []byte(o.String()), nil }

// AllianceYear is one alliance in one year with its health components. A
// component without data is NaN, never 0.
type AllianceYear struct {
	Alliance int `json:"alliance"`
	Year     int `json:"year"`
	// Age is the year minus the alliance's begin year; Size the number of
	// members that year.
	Age  int `json:"age"`
	Size int `json:"size"`
	// UN is the vote cohesion (mean pairwise agreement and kappa) and the
	// ideal-point spread of the members; zero-valued with NaN figures
	// before 1946 and where no member voted.
	UN Cohesion `json:"un"`
	// PortfolioPairs and Portfolio: the member pairs compared and their
	// mean Signorino–Ritter S over alliance portfolios (all years).
	PortfolioPairs int           `json:"portfolio_pairs"`
	Portfolio      number.Figure `json:"portfolio_s"`
	// Herfindahl is Σ share² of the members' CINC; HerfindahlBefore is
	// the same members' index ShiftLag years earlier, Shift the change.
	Herfindahl       number.Figure `json:"herfindahl"`
	HerfindahlBefore number.Figure `json:"herfindahl_before"`
	Shift            number.Figure `json:"herfindahl_shift"`
	// BurdenN counts the members with a military spending share;
	// BurdenCV is the coefficient of variation (sd / mean) of those
	// shares, NaN for fewer than two.
	BurdenN  int           `json:"burden_n"`
	BurdenCV number.Figure `json:"burden_cv"`
	// Rivalry is 1 when two members were strategic rivals that year, 0
	// when none were; MIDs is 1 when two members were on opposite sides
	// of a militarized dispute in the DefaultMIDWindow years to this one;
	// RegimeChange is the largest absolute change of a member's V-Dem
	// polyarchy score over ShiftLag years. NaN without data.
	Rivalry      number.Figure `json:"rivalry"`
	MIDs         number.Figure `json:"mids"`
	RegimeChange number.Figure `json:"regime_change"`
	// EndYear is the alliance's end year, 0 if in force at DataEnd.
	EndYear int     `json:"end_year"`
	Outcome Outcome `json:"outcome"`
}

// AllianceYears computes the components of every alliance-year: for each
// alliance, the years from its begin year to the year before its end year
// (to DataEnd when it had not ended), in which it had a member. The year of
// the end itself is not a row: the question asked of a year is whether the
// alliance ends after it. Rows are in (alliance, year) order.
func AllianceYears(in WarningInput, opt WarningOptions) ([]AllianceYear, error) {
	if _, last := in.Alliances.Coverage(); opt.DataEnd == 0 && last != 0 {
		opt.DataEnd = last
	}
	opt = opt.withDefaults()
	byYear := in.activeByYear(opt)
	years := sortedKeys(byYear)
	if len(years) == 0 {
		return nil, fmt.Errorf("%w: no alliance in force in %s", ErrNoData, yearRange(opt.From, opt.To))
	}
	sys, lastSys := in.system()
	var rows []AllianceYear
	for _, y := range years {
		ys, err := in.yearRows(sys, lastSys, y, byYear[y], opt)
		if err != nil {
			return nil, err
		}
		rows = append(rows, ys...)
	}
	slices.SortFunc(rows, func(a, b AllianceYear) int {
		return cmp.Or(cmp.Compare(a.Alliance, b.Alliance), cmp.Compare(a.Year, b.Year))
	})
	return rows, nil
}

func yearRange(from, to int) string {
	switch {
	case from == 0 && to == 0:
		return "any year"
	case to == 0:
		return fmt.Sprintf("%d or later", from)
	case from == 0:
		return fmt.Sprintf("%d or earlier", to)
	}
	return fmt.Sprintf("%d–%d", from, to)
}

// activeByYear lists, for each year, the alliances with a row that year.
func (in WarningInput) activeByYear(opt WarningOptions) map[int][]int {
	out := map[int][]int{}
	for _, id := range in.Alliances.IDs() {
		first, end := in.Alliances.Span(id)
		last := opt.DataEnd
		if end != 0 {
			last = end - 1
		}
		for y := max(first, opt.From); y <= last && (opt.To == 0 || y <= opt.To); y++ {
			out[y] = append(out[y], id)
		}
	}
	return out
}

func sortedKeys(m map[int][]int) []int {
	out := make([]int, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func (in WarningInput) system() (*cowstate.System, int) {
	last := 0
	for _, s := range in.System {
		last = max(last, s.Year)
	}
	return cowstate.NewSystem(in.System), last
}

// yearRows computes the rows of one year.
func (in WarningInput) yearRows(sys *cowstate.System, lastSys, y int, ids []int, opt WarningOptions) ([]AllianceYear, error) {
	py, err := NewPortfolioYear(in.Alliances, PortfolioStates(sys, lastSys, in.Alliances, y), y)
	if err != nil {
		return nil, err
	}
	var vy *VoteYear
	if in.Votes != nil && y >= FirstUNYear {
		if lo, hi := in.Votes.YearRange(y); hi > lo {
			if vy, err = NewVoteYear(in.Votes, y); err != nil {
				return nil, err
			}
		}
	}
	rows := make([]AllianceYear, 0, len(ids))
	for _, id := range ids {
		members := in.Alliances.Members(id, y)
		if len(members) == 0 {
			continue
		}
		rows = append(rows, in.row(id, y, members, py, vy, opt))
	}
	return rows, nil
}

// row computes one alliance-year.
func (in WarningInput) row(id, y int, members []int, py *PortfolioYear, vy *VoteYear, opt WarningOptions) AllianceYear {
	first, end := in.Alliances.Span(id)
	r := AllianceYear{Alliance: id, Year: y, Age: y - first, Size: len(members), EndYear: end}
	r.UN = Cohesion{Year: y, Members: len(members), Agree: number.Figure(math.NaN()), Kappa: number.Figure(math.NaN()), IdealSD: number.Figure(math.NaN())}
	if vy != nil {
		r.UN = vy.Cohesion(members, in.Ideal)
	} else if y >= FirstUNYear {
		n, x := spread(members, y, in.Ideal)
		r.UN.IdealN, r.UN.IdealSD = n, number.Figure(x)
	}
	n, x := py.MeanS(members)
	r.PortfolioPairs, r.Portfolio = n, number.Figure(x)
	r.Herfindahl = number.Figure(herfindahl(members, y, in.CINC))
	r.HerfindahlBefore = number.Figure(herfindahl(members, y-opt.ShiftLag, in.CINC))
	r.Shift = r.Herfindahl - r.HerfindahlBefore
	n, x = coefficientOfVariation(members, y, in.Share)
	r.BurdenN, r.BurdenCV = n, number.Figure(x)
	r.Rivalry = number.Figure(anyPair(in.Rivalry, members, y))
	window := make([]int, DefaultMIDWindow)
	for k := range window {
		window[k] = y - k
	}
	r.MIDs = number.Figure(anyPair(in.MIDs, members, window...))
	r.RegimeChange = number.Figure(math.NaN())
	if in.Polyarchy != nil {
		r.RegimeChange = number.Figure(regimeChange(members, y, opt.ShiftLag, in.Polyarchy))
	}
	r.Outcome = outcome(y, end, opt)
	return r
}

// herfindahl is Σ share² of the members' capabilities in year (allnet's
// AllianceAsymmetry), NaN when any member's is missing.
func herfindahl(members []int, year int, cinc Panel) float64 {
	caps := make([]float64, len(members))
	for i, m := range members {
		caps[i] = cinc.Get(m, year)
	}
	return allnet.AllianceAsymmetry(caps).Herfindahl
}

// coefficientOfVariation returns how many members have a value and the
// sample standard deviation of those values over their mean.
func coefficientOfVariation(members []int, year int, p Panel) (int, float64) {
	var xs []float64
	for _, m := range members {
		if x := p.Get(m, year); !math.IsNaN(x) {
			xs = append(xs, x)
		}
	}
	m := mean(xs)
	if len(xs) < 2 || m == 0 {
		return len(xs), math.NaN()
	}
	return len(xs), sampleSD(xs) / m
}

// outcome labels year y of an alliance that ended in end (0: in force at
// DataEnd): censored when y + Horizon is past DataEnd, ended when the end
// falls in (y, y + Horizon], survived otherwise.
func outcome(y, end int, opt WarningOptions) Outcome {
	switch {
	case y+opt.Horizon > opt.DataEnd:
		return Censored
	case end != 0 && end > y && end <= y+opt.Horizon:
		return Ended
	}
	return Survived
}
