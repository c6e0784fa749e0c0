package history

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/number"
	"github.com/entente/entente/internal/table"
)

// textNum prints a figure with 3 decimals, or "-" when it is missing.
func textNum(v float64) string { return number.Fixed(v, 3) }

func textCI(i Interval) string { return "[" + textNum(i.Lo) + ", " + textNum(i.Hi) + "]" }

// textSig is "yes" for p < 0.05, "no" for p ≥ 0.05 and "-" when the test
// could not be run.
func textSig(p float64) string {
	switch {
	case math.IsNaN(p):
		return "-"
	case p < 0.05:
		return "yes"
	}
	return "no"
}

func commaActors(ids []entente.ActorID) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = string(id)
	}
	return strings.Join(s, ",")
}

// MemberYears counts the member-years of the report: the rows of
// WriteBurdenMembersCSV.
func (r *BurdenReport) MemberYears() int {
	n := 0
	for _, y := range r.Years {
		n += len(y.Members)
	}
	return n
}

// WriteBurdenText prints the report as 'entente report burden' does: the
// Olson–Zeckhauser test year by year, then by decade.
func WriteBurdenText(w io.Writer, r *BurdenReport) error {
	var rows [][]string
	for _, y := range r.Years {
		c := y.OZ.Correlation
		nato := "-"
		if y.Check != nil {
			nato = textNum(y.Check.OZ.Rho)
		}
		rows = append(rows, []string{strconv.Itoa(y.Year), string(y.Source), strconv.Itoa(len(y.Members)), strconv.Itoa(c.N),
			textNum(c.Rho), number.Fixed(c.P, 4), textSig(c.P), nato, commaActors(y.OZ.Dropped)})
	}
	fmt.Fprintf(w, "Olson–Zeckhauser test, ATOP %d: Spearman ρ between GDP and military spending / GDP\n\n", r.Alliance)
	if err := table.Write(w, []string{"YEAR", "GDP", "MEMBERS", "N", "RHO", "P", "P<.05", "RHO(NATO)", "NO DATA"}, rows); err != nil {
		return err
	}
	rows = rows[:0]
	for _, d := range r.Decades() {
		rows = append(rows, []string{fmt.Sprintf("%ds", d.From), strconv.Itoa(d.Years), textNum(float64(d.MeanRho)), textNum(float64(d.MinRho)),
			textNum(float64(d.MaxRho)), strconv.Itoa(d.Significant), textNum(float64(d.MeanN))})
	}
	fmt.Fprintln(w)
	return table.Write(w, []string{"DECADE", "YEARS", "MEAN RHO", "MIN", "MAX", "YEARS P<.05 (RHO>0)", "MEAN N"}, rows)
}

// WriteHonestText prints the honest evaluation: its headline, then each
// specification's AUCs against era and age.
func WriteHonestText(w io.Writer, h *Honest) error {
	fmt.Fprintf(w, "%s\n\n", h.Headline)
	header := []string{"SPECIFICATION", "CV AUC", "95% CI", "VS ERA+AGE", "95% CI"}
	for _, e := range Eras {
		header = append(header, "WITHIN "+e.Name)
	}
	for _, s := range h.Options.Splits {
		header = append(header, fmt.Sprintf("TRAIN ≤%d TEST >%d", s-h.Options.Horizon, s))
	}
	var rows [][]string
	for _, s := range h.Specs {
		row := []string{s.Name, textNum(float64(s.CV.AUC)), textCI(s.CV.Bootstrap), textNum(float64(s.Diff.AUC)), textCI(s.Diff.Bootstrap)}
		for _, e := range s.Eras {
			row = append(row, textNum(float64(e.AUC)))
		}
		for _, t := range s.Time {
			row = append(row, textNum(float64(t.Est.AUC)))
		}
		rows = append(rows, row)
	}
	if err := table.Write(w, header, rows); err != nil {
		return err
	}
	fmt.Fprintln(w)
	return nil
}

// SelectAlliance returns the alliance-years of one alliance with their
// scores; alliance 0 selects them all.
func SelectAlliance(rows []AllianceYear, scores []RowScore, alliance int) ([]AllianceYear, []RowScore) {
	if alliance == 0 {
		return rows, scores
	}
	var rs []AllianceYear
	var ss []RowScore
	for i, r := range rows {
		if r.Alliance == alliance {
			rs, ss = append(rs, r), append(ss, scores[i])
		}
	}
	return rs, ss
}

// WriteWarningsText prints the evaluation as 'entente report warnings'
// does: the AUCs of each split, the coefficients and, when alliance is not
// 0, the alliance-years rows (with their scores) by year.
func WriteWarningsText(w io.Writer, ev *Evaluation, rows []AllianceYear, scores []RowScore, alliance int) error {
	e := ev.Evaluable
	fmt.Fprintf(w, "Early warning on ATOP: does an alliance end within the horizon?\n%d alliance-years; %d evaluable (%d alliances, %d ends within the horizon); the rest censored.\n\n",
		ev.Rows, e.Rows, e.Alliances, e.Events)
	var cells [][]string
	for _, s := range []SplitResult{ev.CrossValidation, ev.Time} {
		for _, m := range []struct {
			name string
			est  AUCEstimate
		}{{"model", s.Model}, {"age only", s.Age}, {"difference", s.Diff}} {
			cells = append(cells, []string{s.Name, strconv.Itoa(s.Test.Rows), strconv.Itoa(s.Test.Events), m.name,
				textNum(float64(m.est.AUC)), textCI(m.est.Bootstrap), textCI(m.est.DeLong)})
		}
	}
	if err := table.Write(w, []string{"SPLIT", "TEST ROWS", "ENDS", "SCORE", "AUC", "95% CI (BOOTSTRAP BY ALLIANCE)", "95% CI (DELONG)"}, cells); err != nil {
		return err
	}
	for _, s := range []SplitResult{ev.CrossValidation, ev.Time} {
		if s.Note != "" {
			fmt.Fprintf(w, "%s: %s\n", s.Name, s.Note)
		}
	}
	cells = cells[:0]
	for _, c := range ev.Coefficients {
		cells = append(cells, []string{c.Name, textNum(float64(c.Coef))})
	}
	fmt.Fprintln(w, "\nModel fitted on every evaluable alliance-year (standardised columns; _missing = indicator):")
	if err := table.Write(w, []string{"COLUMN", "COEF"}, cells); err != nil {
		return err
	}
	if alliance == 0 {
		return nil
	}
	fmt.Fprintf(w, "\nATOP %d by year:\n", alliance)
	return writeAllianceYearsText(w, rows, scores)
}

func writeAllianceYearsText(w io.Writer, rows []AllianceYear, scores []RowScore) error {
	var cells [][]string
	for i, r := range rows {
		cells = append(cells, []string{strconv.Itoa(r.Year), strconv.Itoa(r.Age), strconv.Itoa(r.Size), textNum(float64(r.UN.Agree)),
			textNum(float64(r.UN.Kappa)), textNum(float64(r.UN.IdealSD)), textNum(float64(r.Portfolio)), textNum(float64(r.Herfindahl)), textNum(float64(r.Shift)),
			textNum(float64(r.BurdenCV)), r.Outcome.String(), textNum(scores[i].Model), textNum(scores[i].Age)})
	}
	return table.Write(w, []string{"YEAR", "AGE", "SIZE", "UN AGREE", "KAPPA", "IDEAL SD", "PORTFOLIO S", "HERFINDAHL", "SHIFT",
		"BURDEN CV", "OUTCOME", "P(END) MODEL", "P(END) AGE"}, cells)
}
