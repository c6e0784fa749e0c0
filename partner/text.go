package partner

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/number"
	"github.com/entente/entente/internal/table"
)

// SuggestHeader is the header of the candidates' table; CSV has it in
// lower case.
var SuggestHeader = []string{"RANK", "ID", "SCORE", "COMPLEMENTARITY", "ALIGNMENT", "REPUTATION", "CULTURE", "THREATS", "AUTONOMY", "NAME"}

// SuggestRow is a candidate's row: rank, ID, score and each part's
// normalised value, unknown as missing.
func SuggestRow(c Candidate, missing string) []string {
	row := []string{strconv.Itoa(c.Rank), string(c.ID), number.Float(c.Score).FixedOr(3, missing)}
	for _, name := range PartNames {
		row = append(row, number.Float(c.Part(name).Normalised).FixedOr(2, missing))
	}
	return append(row, c.Name)
}

// WriteSuggestionsCSV writes the candidates as CSV, unknown parts as empty
// cells.
func WriteSuggestionsCSV(w io.Writer, cands []Candidate) error {
	var rows [][]string
	for _, c := range cands {
		rows = append(rows, SuggestRow(c, ""))
	}
	return table.WriteCSV(w, table.Lower(SuggestHeader), rows)
}

// WriteSuggestions prints the candidates for the pact st as a table, and
// with explain every part of each score.
func WriteSuggestions(w io.Writer, st *entente.PactState, obj Objective, cands []Candidate, explain bool) error {
	fmt.Fprintf(w, "Partners for %s (members %s) against %s\n\n", st.Pact.ID, joinIDs(st.InPact()), obj)
	if len(cands) == 0 {
		fmt.Fprintln(w, "no candidates: every registered actor is a member")
		return nil
	}
	var rows [][]string
	for _, c := range cands {
		rows = append(rows, SuggestRow(c, number.Missing))
	}
	if err := table.Write(w, SuggestHeader, rows); err != nil {
		return err
	}
	fmt.Fprintln(w, "\n\"-\": no data for that part; it is left out and the other weights re-scaled.")
	if explain {
		for _, c := range cands {
			explainCandidate(w, c)
		}
	}
	return nil
}

func explainCandidate(w io.Writer, c Candidate) {
	fmt.Fprintf(w, "\n%d. %s: score %s\n", c.Rank, c.ID, number.Fixed(c.Score, 3))
	var rows [][]string
	for _, p := range c.Parts {
		rows = append(rows, []string{string(p.Name), number.Fixed(p.Raw, 3), number.Fixed(p.Normalised, 3), number.Fixed(p.Weight, -1),
			number.Fixed(p.Share, 3), number.Fixed(p.Contribution, 3), p.Note})
	}
	table.Write(w, []string{"PART", "RAW", "NORMALISED", "WEIGHT", "SHARE", "CONTRIBUTION", "NOTE"}, rows)
}

func joinIDs(ids []entente.ActorID) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = string(id)
	}
	return strings.Join(s, ",")
}

// ValidationCSVHeader is the header of WriteValidationCSV.
var ValidationCSVHeader = []string{"method", "auc", "auc_low", "auc_high", "precision_at_k", "precision_low", "precision_high", "k", "train_auc",
	"train_from", "train_to", "test_from", "test_to", "test_pairs", "test_positives", "bootstrap", "seed"}

// WriteValidationCSV writes a validation as CSV, one row per method;
// missing figures are empty cells.
func WriteValidationCSV(w io.Writer, v *Validation) error {
	f := number.CSV
	var rows [][]string
	for _, r := range v.Results {
		rows = append(rows, []string{r.Method, f(float64(r.AUC)), f(float64(r.AUCLow)), f(float64(r.AUCHigh)), f(float64(r.Precision)), f(float64(r.PrecisionLow)), f(float64(r.PrecisionHigh)),
			strconv.Itoa(v.K), f(float64(r.TrainAUC)), strconv.Itoa(v.From), strconv.Itoa(v.TrainTo), strconv.Itoa(v.TrainTo + 1), strconv.Itoa(v.To),
			strconv.Itoa(v.TestPairs), strconv.Itoa(v.TestPositives), strconv.Itoa(v.Bootstrap), strconv.FormatUint(v.Seed, 10)})
	}
	return table.WriteCSV(w, ValidationCSVHeader, rows)
}

// WriteValidation prints a validation as 'entente partner validate' does:
// the test AUC and precision of each method with bootstrap intervals, the
// intervals clustered by treaty, the model's coefficients and the notes.
func WriteValidation(w io.Writer, v *Validation) error {
	fmt.Fprintf(w, "Partner ranking on history: candidates ranked at t from data up to t; outcome a new ATOP defense or offense pledge in t+1..t+%d.\n", v.Horizon)
	fmt.Fprintf(w, "train %d-%d: %d candidate pairs, %d new; test %d-%d: %d pairs, %d new, %d state-years with a new partner.\n\n",
		v.From, v.TrainTo, v.TrainPairs, v.TrainPositives, v.TrainTo+1, v.To, v.TestPairs, v.TestPositives, v.TestStates)
	fixed := number.Fixed
	ci := func(lo, hi float64) string { return "[" + fixed(lo, 3) + ", " + fixed(hi, 3) + "]" }
	var rows [][]string
	for _, r := range v.Results {
		rows = append(rows, []string{r.Method, fixed(float64(r.AUC), 3), ci(float64(r.AUCLow), float64(r.AUCHigh)), fixed(float64(r.Precision), 3), ci(float64(r.PrecisionLow), float64(r.PrecisionHigh)), fixed(float64(r.TrainAUC), 3)})
	}
	pk := "P@" + strconv.Itoa(v.K)
	if err := table.Write(w, []string{"METHOD", "TEST AUC", "95% CI", pk, "95% CI", "TRAIN AUC"}, rows); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nIntervals: percentile bootstrap, %d replicates resampling the ranking states, seed %d.\n", v.Bootstrap, v.Seed)
	for _, d := range v.Differences {
		fmt.Fprintf(w, "%s AUC − %s AUC: %s %s\n", d.Method, d.Baseline, fixed(float64(d.AUC), 3), ci(float64(d.Low), float64(d.High)))
	}
	fmt.Fprintf(w, "\nClustered by treaty: %d ATOP alliances produced the %d test positives; the three largest (", v.Treaties, v.TestPositives)
	for i, t := range v.Largest {
		if i > 0 {
			fmt.Fprint(w, ", ")
		}
		fmt.Fprintf(w, "ATOP %d: %d", t.ATOPID, t.Positives)
	}
	fmt.Fprintf(w, ") %s of them.\n", fixed(float64(100*v.LargestShare), 1)+"%")
	fmt.Fprintln(w, "Positives resampled by alliance, negatives by ranking state; naive: DeLong, pairs independent; once: the three largest alliances' positives weighted to count one each.")
	rows = nil
	for _, r := range v.Results {
		rows = append(rows, []string{r.Method, fixed(float64(r.AUC), 3), ci(float64(r.AUCTreatyLow), float64(r.AUCTreatyHigh)), ci(float64(r.AUCNaiveLow), float64(r.AUCNaiveHigh)),
			fixed(float64(r.Precision), 3), ci(float64(r.PrecisionTreatyLow), float64(r.PrecisionTreatyHigh)),
			fixed(float64(r.AUCLargestOnce), 3) + " " + ci(float64(r.AUCLargestOnceLow), float64(r.AUCLargestOnceHigh)), fixed(float64(r.PrecisionLargestOnce), 3)})
	}
	if err := table.Write(w, []string{"METHOD", "TEST AUC", "BY TREATY", "NAIVE", pk, "BY TREATY", "AUC ONCE", pk + " ONCE"}, rows); err != nil {
		return err
	}
	for _, d := range v.Differences {
		fmt.Fprintf(w, "%s AUC − %s AUC: %s by treaty %s, naive %s; once %s %s\n", d.Method, d.Baseline, fixed(float64(d.AUC), 3),
			ci(float64(d.TreatyLow), float64(d.TreatyHigh)), ci(float64(d.NaiveLow), float64(d.NaiveHigh)), fixed(float64(d.LargestOnce), 3), ci(float64(d.LargestOnceLow), float64(d.LargestOnceHigh)))
	}
	fmt.Fprintln(w)
	rows = nil
	for _, f := range v.Features {
		rows = append(rows, []string{f.Name, fixed(float64(f.Coef), 3)})
	}
	if err := table.Write(w, []string{"MODEL FEATURE", "COEFFICIENT (per SD)"}, rows); err != nil {
		return err
	}
	if len(v.CovariateFeatures) > 0 {
		fmt.Fprintln(w)
		rows = nil
		for _, f := range v.CovariateFeatures {
			rows = append(rows, []string{f.Name, fixed(float64(f.Coef), 3)})
		}
		if err := table.Write(w, []string{"MODEL + COVARIATES FEATURE", "COEFFICIENT (per SD)"}, rows); err != nil {
			return err
		}
	}
	fmt.Fprintln(w, "\nNotes:")
	for _, n := range v.Notes {
		fmt.Fprintln(w, "  - "+n)
	}
	return nil
}
