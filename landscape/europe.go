package landscape

import (
	"fmt"
	"math"
	"slices"

	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/dataset/atopindex"
	"github.com/entente/entente/dataset/nmc"
)

// EuropeState is one of Axelrod and Bennett's 17 states with its COW code
// and its side: in the 1939–41 alignment and in their 1936 prediction (true
// for the side opposite Britain).
type EuropeState struct {
	Name           string
	CCode          int
	History, Paper bool
}

// EuropeStates lists Axelrod and Bennett's 17 European states, Britain
// first so that bloc A is Britain's side. The alignments are those of the
// paper's test as reported in a public replication (Glynne-Jones,
// "landscape-aggregation", which quotes the paper's prediction and the
// alignment at the outbreak of war): history puts Britain, Czechoslovakia,
// Denmark, France, Greece, Poland, Portugal, the USSR and Yugoslavia on one
// side and Estonia, Finland, Germany, Hungary, Italy, Latvia, Lithuania and
// Romania on the other; the paper's 1936 prediction differs only in
// putting Poland and Portugal on Germany's side.
var EuropeStates = []EuropeState{
	{"UK", 200, false, false},
	{"France", 220, false, false},
	{"USSR", 365, false, false},
	{"Czechoslovakia", 315, false, false},
	{"Yugoslavia", 345, false, false},
	{"Greece", 350, false, false},
	{"Denmark", 390, false, false},
	{"Poland", 290, false, true},
	{"Portugal", 235, false, true},
	{"Germany", 255, true, true},
	{"Italy", 325, true, true},
	{"Hungary", 310, true, true},
	{"Romania", 360, true, true},
	{"Finland", 375, true, true},
	{"Estonia", 366, true, true},
	{"Latvia", 367, true, true},
	{"Lithuania", 368, true, true},
}

// EuropeYear is the year of Axelrod and Bennett's European test.
const EuropeYear = 1936

// Europe1936 builds the historical case for EuropeStates in EuropeYear
// with alliance ties in force on 31 December 1936, the default reading of
// a year (Europe1936At with atopindex.YearEnd(EuropeYear)).
func Europe1936(recs []nmc.Record, members []atop.Member) (*Case, error) {
	return Europe1936At(recs, members, atopindex.YearEnd(EuropeYear))
}

// Europe1936At builds the historical case for EuropeStates: sizes are NMC
// CINC scores of EuropeYear as shares of the 17; propensities are the
// Signorino–Ritter S similarity of the states' alliance portfolios on day
// (see AllianceTies) over every state with a CINC score that year, each
// state tied to itself, centred on the mean S of the pairs. On 31 December
// 1936 Germany is out of Locarno (it denounced the treaty on 7 March); on
// 1 March it is in.
func Europe1936At(recs []nmc.Record, members []atop.Member, day atopindex.Day) (*Case, error) {
	cinc := map[int]float64{}
	for _, r := range recs {
		if r.Year == EuropeYear && !math.IsNaN(r.CINC) {
			cinc[r.CCode] = r.CINC
		}
	}
	system := make([]int, 0, len(cinc)) // the reference states of S
	for c := range cinc {
		system = append(system, c)
	}
	slices.Sort(system)
	c, err := europeSizes(cinc)
	if err != nil {
		return nil, err
	}
	ix, err := atopindex.New(members, atopindex.LastYear)
	if err != nil {
		return nil, fmt.Errorf("landscape: %w", err)
	}
	sim, err := PortfolioS(europePortfolios(AllianceTies(ix, day), system))
	if err != nil {
		return nil, err
	}
	c.Propensities, err = Centered(sim)
	return c, err
}

// europeSizes starts the case: names, reference sides and CINC shares of
// the 17 states.
func europeSizes(cinc map[int]float64) (*Case, error) {
	c := &Case{}
	var caps []float64
	for _, s := range EuropeStates {
		v, ok := cinc[s.CCode]
		if !ok {
			return nil, fmt.Errorf("landscape: NMC has no CINC for %s (COW %d) in %d", s.Name, s.CCode, EuropeYear)
		}
		c.Names, caps = append(c.Names, s.Name), append(caps, v)
		c.History, c.Paper = append(c.History, s.History), append(c.Paper, s.Paper)
	}
	var err error
	c.Sizes, err = Shares(caps)
	return c, err
}

// europePortfolios returns each European state's ties to every state of
// the system, 1 to itself.
func europePortfolios(ties map[[2]int]float64, system []int) [][]float64 {
	rows := make([][]float64, len(EuropeStates))
	for i, s := range EuropeStates {
		rows[i] = make([]float64, len(system))
		for k, c := range system {
			rows[i][k] = ties[[2]int{s.CCode, c}]
			if c == s.CCode {
				rows[i][k] = 1
			}
		}
	}
	return rows
}

// AllianceTies returns, for each ordered pair of states sharing an ATOP
// alliance phase on day (both members in force that day: the shared
// index's reading, package dataset/atopindex), the strength of their
// strongest shared alliance on the ordinal scale of alliance-portfolio
// studies: 1 for defense or offense, 2/3 for neutrality or non-aggression,
// 1/3 for consultation. A pair's obligations are the union of what the two
// members undertook in that phase.
func AllianceTies(ix *atopindex.Index, day atopindex.Day) map[[2]int]float64 {
	ties := map[[2]int]float64{}
	for _, t := range ix.OnDay(day) {
		k := [2]int{t.From, t.To}
		ties[k] = max(ties[k], TieStrength(t.Owes|t.OwedBy))
	}
	return ties
}

// TieStrength places ATOP obligations on the ordinal scale of
// alliance-portfolio studies: 1 for defense or offense, 2/3 for neutrality
// or non-aggression, 1/3 for consultation, 0 for none.
func TieStrength(o atop.Obligation) float64 {
	switch {
	case o&(atop.Defense|atop.Offense) != 0:
		return 1
	case o&(atop.Neutrality|atop.NonAggression) != 0:
		return 2.0 / 3
	case o&atop.Consultation != 0:
		return 1.0 / 3
	}
	return 0
}
