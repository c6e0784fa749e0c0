package history

import (
	"encoding/csv"
	"io"
	"math"
	"strconv"

	"github.com/entente/entente"
	"github.com/entente/entente/burden"
)

// cell formats a figure for CSV: empty when missing (NaN or infinite),
// never 0.
func cell[F ~float64](f F) string {
	v := float64(f)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// writeCSV writes a header and rows and reports the first error.
func writeCSV(w io.Writer, header []string, rows [][]string) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return cw.Error()
}

// BurdenYearHeader is the header of WriteBurdenYearsCSV.
var BurdenYearHeader = []string{"alliance", "year", "gdp_source", "members", "n", "rho", "p", "p_method", "significant",
	"dropped", "nato_n", "nato_mean_abs_diff_pp", "nato_max_abs_diff_pp", "nato_rank_agreement", "nato_rho", "nato_p"}

// WriteBurdenYearsCSV writes one row per year: the Olson–Zeckhauser test
// and the NATO cross-check. Missing figures are empty cells.
func WriteBurdenYearsCSV(w io.Writer, r *BurdenReport) error {
	var rows [][]string
	for _, y := range r.Years {
		rows = append(rows, burdenYearRow(r.Alliance, y))
	}
	return writeCSV(w, BurdenYearHeader, rows)
}

func burdenYearRow(alliance int, y BurdenYear) []string {
	c := y.OZ.Correlation
	row := []string{strconv.Itoa(alliance), strconv.Itoa(y.Year), string(y.Source), strconv.Itoa(len(y.Members)),
		strconv.Itoa(c.N), cell(c.Rho), cell(c.P), string(c.Method), significance(c), joinActors(y.OZ.Dropped)}
	if y.Check == nil {
		return append(row, "", "", "", "", "", "")
	}
	k := y.Check
	return append(row, strconv.Itoa(k.N), cell(k.MeanAbsDiff), cell(k.MaxAbsDiff), cell(k.Agreement.Rho),
		cell(k.OZ.Rho), cell(k.OZ.P))
}

// significance is "yes" for p < 0.05, "no" for p ≥ 0.05 and empty when the
// test could not be run.
func significance(c burden.Correlation) string {
	p := c.P
	switch {
	case math.IsNaN(p):
		return ""
	case p < 0.05:
		return "yes"
	}
	return "no"
}

func joinActors(ids []entente.ActorID) string {
	s := ""
	for i, id := range ids {
		if i > 0 {
			s += " "
		}
		s += string(id)
	}
	return s
}

// BurdenMemberHeader is the header of WriteBurdenMembersCSV.
var BurdenMemberHeader = []string{"alliance", "year", "ccode", "state", "gdp_source", "gdp", "milex_share_pct", "milex",
	"gdp_share", "milex_share_of_alliance", "exploitation", "nato_share_pct"}

// WriteBurdenMembersCSV writes one row per member and year: GDP, spending
// and the exploitation index. GDP and spending are in the year's source
// units (current US$ for the World Bank, 2011 US$ for Maddison). Missing
// figures are empty cells.
func WriteBurdenMembersCSV(w io.Writer, r *BurdenReport) error {
	var rows [][]string
	for _, y := range r.Years {
		for _, m := range y.Members {
			rows = append(rows, []string{strconv.Itoa(r.Alliance), strconv.Itoa(y.Year), strconv.Itoa(m.CCode), string(m.ID),
				string(y.Source), cell(m.GDP), cell(m.SharePct), cell(m.Spending), cell(m.CapabilityShare),
				cell(m.SpendingShare), cell(m.Exploitation), cell(m.NATOSharePct)})
		}
	}
	return writeCSV(w, BurdenMemberHeader, rows)
}

// AllianceYearHeader is the header of WriteAllianceYearsCSV.
var AllianceYearHeader = []string{"alliance", "year", "age", "size", "un_voting", "un_pairs", "un_agree", "un_kappa",
	"ideal_n", "ideal_sd", "portfolio_pairs", "portfolio_s", "herfindahl", "herfindahl_before", "herfindahl_shift",
	"burden_n", "burden_cv", "end_year", "outcome", "p_end_model", "p_end_age"}

// WriteAllianceYearsCSV writes one row per alliance-year: the components,
// the outcome and, when scores is not nil (same length as rows), the
// cross-validated probabilities of ending within the horizon. Missing
// figures, and the end year of an alliance still in force, are empty cells.
func WriteAllianceYearsCSV(w io.Writer, rows []AllianceYear, scores []RowScore) error {
	out := make([][]string, len(rows))
	for i, r := range rows {
		pm, pa := math.NaN(), math.NaN()
		if scores != nil {
			pm, pa = scores[i].Model, scores[i].Age
		}
		end := ""
		if r.EndYear != 0 {
			end = strconv.Itoa(r.EndYear)
		}
		out[i] = []string{strconv.Itoa(r.Alliance), strconv.Itoa(r.Year), strconv.Itoa(r.Age), strconv.Itoa(r.Size),
			strconv.Itoa(r.UN.Voting), strconv.Itoa(r.UN.Pairs), cell(r.UN.Agree), cell(r.UN.Kappa),
			strconv.Itoa(r.UN.IdealN), cell(r.UN.IdealSD), strconv.Itoa(r.PortfolioPairs), cell(r.Portfolio),
			cell(r.Herfindahl), cell(r.HerfindahlBefore), cell(r.Shift), strconv.Itoa(r.BurdenN), cell(r.BurdenCV),
			end, r.Outcome.String(), cell(pm), cell(pa)}
	}
	return writeCSV(w, AllianceYearHeader, out)
}
