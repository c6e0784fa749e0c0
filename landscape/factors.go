package landscape

import (
	"fmt"
	"math"

	"github.com/entente/entente/dataset/atopindex"
	"github.com/entente/entente/dataset/nmc"
	"github.com/entente/entente/dataset/peacesciencer"
)

// FactorData is what Axelrod and Bennett's propensity factors are built
// from (the peacesciencer files).
type FactorData struct {
	Democracy  []peacesciencer.Democracy  // Polity IV polity2 (ccode_democracy.csv)
	Contiguity []peacesciencer.Contiguity // COW direct contiguity 3.2 (cow_contdir.csv)
	MIDs       []peacesciencer.MID        // COW-MID dyad-years (cow_mid_ddydisps.csv)
	Wars       []peacesciencer.War        // COW inter-state wars 4.0 (cow_war_inter.csv)
}

// The windows of the factors: border conflicts are MIDs between land
// neighbours since the Versailles settlement; past wars are COW inter-state
// wars fought on opposite sides since 1900.
const (
	BorderFrom = 1919
	WarFrom    = 1900
)

// Factors holds the pairwise factor scores of the 17 states, each in
// {−1, 0, +1}, symmetric with a zero diagonal.
type Factors struct {
	// Regime: +1 when both are democracies (polity2 ≥ 6) or both
	// autocracies (≤ −6), −1 when one is each, 0 otherwise or unknown.
	Regime [][]float64 `json:"regime"`
	// Border: −1 when the two share a land or river border (COW
	// contiguity type 1 in force on the day) and had a MID with each
	// other from BorderFrom to the day's year.
	Border [][]float64 `json:"border"`
	// War: −1 when the two fought each other in a COW inter-state war
	// from WarFrom to the day's year.
	War [][]float64 `json:"war"`
}

// Europe1936Factors builds the Europe 1936 case with propensities from the
// factors Axelrod and Bennett (1993, "A Landscape Theory of Aggregation",
// British Journal of Political Science 23(2): 211–233) used, as far as the
// data hold them: p_ij = Regime + Border + War (Factors). Their ethnic
// conflict and religion factors are dyadic (a shared or contested
// population, a shared dominant religion); CREG gives only each state's
// fractionalisation, which says nothing about a pair, so they are left
// out. Polity cannot tell fascist from communist autocracies, which the
// paper's government factor separates: Germany, Italy and the USSR all
// count as autocracies here. Sizes are NMC CINC shares as in
// Europe1936At; day dates the contiguity (31 December 1936 by default in
// the callers) and bounds the MID and war windows by its year.
func Europe1936Factors(recs []nmc.Record, fd FactorData, day atopindex.Day) (*Case, *Factors, error) {
	cinc := map[int]float64{}
	for _, r := range recs {
		if r.Year == EuropeYear && !math.IsNaN(r.CINC) {
			cinc[r.CCode] = r.CINC
		}
	}
	c, err := europeSizes(cinc)
	if err != nil {
		return nil, nil, err
	}
	n := len(EuropeStates)
	idx := map[int]int{}
	for i, s := range EuropeStates {
		idx[s.CCode] = i
	}
	f := &Factors{Regime: square(n), Border: square(n), War: square(n)}
	year := day.Year()
	polity := map[int]float64{}
	for _, d := range fd.Democracy {
		if d.Year == year && !math.IsNaN(d.Polity2) {
			polity[d.CCode] = d.Polity2
		}
	}
	class := func(c int) int {
		p, ok := polity[c]
		switch {
		case !ok:
			return 0
		case p >= 6:
			return 1
		case p <= -6:
			return -1
		}
		return 0
	}
	for i, a := range EuropeStates {
		for j, b := range EuropeStates {
			if i == j {
				continue
			}
			if ca, cb := class(a.CCode), class(b.CCode); ca != 0 && cb != 0 {
				f.Regime[i][j] = float64(ca * cb)
			}
		}
	}
	land := map[[2]int]bool{}
	for _, ct := range fd.Contiguity {
		i, okA := idx[ct.CCode1]
		j, okB := idx[ct.CCode2]
		if !okA || !okB || ct.Type != 1 {
			continue
		}
		from, to := atopindex.EntryDay(ct.Start), atopindex.ExitDay(ct.End, atopindex.LastYear)
		if from <= day && day <= to {
			land[[2]int{i, j}], land[[2]int{j, i}] = true, true
		}
	}
	for _, m := range fd.MIDs {
		i, okA := idx[m.CCode1]
		j, okB := idx[m.CCode2]
		if okA && okB && m.Year >= BorderFrom && m.Year <= year && land[[2]int{i, j}] {
			f.Border[i][j], f.Border[j][i] = -1, -1
		}
	}
	for _, w := range fd.Wars {
		i, okA := idx[w.CCode1]
		j, okB := idx[w.CCode2]
		if okA && okB && w.Year >= WarFrom && w.Year <= year && w.Side1 != w.Side2 {
			f.War[i][j], f.War[j][i] = -1, -1
		}
	}
	c.Propensities = square(n)
	for i := range n {
		for j := range n {
			c.Propensities[i][j] = f.Regime[i][j] + f.Border[i][j] + f.War[i][j]
		}
	}
	if len(polity) == 0 {
		return nil, nil, fmt.Errorf("landscape: no polity2 score in %d", year)
	}
	return c, f, nil
}
