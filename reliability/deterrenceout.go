package reliability

import (
	"fmt"
	"io"
	"strconv"

	"github.com/entente/entente/internal/number"
	"github.com/entente/entente/internal/table"
)

// deterrenceFinding is what the papers report for each alliance variable.
var deterrenceFinding = map[string]string{
	"target_defence":        "deters (negative): Leeds 2003, Johnson and Leeds 2011; Benson 2011 -18%",
	"challenger_offence":    "emboldens (positive): Leeds 2003; Benson 2011 +249% (unconditional)",
	"challenger_neutrality": "emboldens (positive): Leeds 2003",
	"challenger_defence":    "no increase: Johnson and Leeds 2011",
}

// WriteDeterrenceText prints each fitted model: its sample, every
// coefficient with its dyad-clustered standard error, and for the alliance
// variables the effect on the probability of initiation beside the
// published finding.
func WriteDeterrenceText(w io.Writer, results ...*DeterrenceResult) error {
	for i, r := range results {
		if i > 0 {
			if _, err := fmt.Fprintln(w); err != nil {
				return err
			}
		}
		sample := "all directed dyad-years"
		if r.Relevant {
			sample = "politically relevant directed dyad-years"
		}
		model := r.Link
		if model == "" {
			model = "logit"
		}
		if r.Spec != "" {
			model += ", specification " + r.Spec
		}
		if _, err := fmt.Fprintf(w, "MID initiation, %d-%d, %s (%s): N = %d, %d initiations, %d dyads (clusters), %d dyad-years left out for missing data\n\n",
			r.From, r.To, sample, model, r.N, r.Initiations, r.Dyads, r.Dropped); err != nil {
			return err
		}
		var cells [][]string
		for _, c := range r.Coefs {
			eff := ""
			if e, ok := r.Effect[c.Term]; ok {
				eff = number.Fixed(float64(100*e), 1) + "%"
			}
			cells = append(cells, []string{c.Term, number.Fixed(float64(c.Estimate), 4), number.Fixed(float64(c.SE), 4), number.Fixed(float64(c.Z), 2), eff, deterrenceFinding[c.Term]})
		}
		if err := table.Write(w, []string{"TERM", "COEF", "SE (CLUSTERED BY DYAD)", "Z", "EFFECT", "PUBLISHED"}, cells); err != nil {
			return err
		}
	}
	return nil
}

// DeterrenceRows is the number of rows WriteDeterrenceCSV writes for
// results: one per model and term.
func DeterrenceRows(results ...*DeterrenceResult) int {
	n := 0
	for _, r := range results {
		n += len(r.Coefs)
	}
	return n
}

// WriteDeterrenceCSV writes every model's coefficients, one row per model
// and term.
func WriteDeterrenceCSV(w io.Writer, results ...*DeterrenceResult) error {
	var cells [][]string
	for _, r := range results {
		for _, c := range r.Coefs {
			eff := ""
			if e, ok := r.Effect[c.Term]; ok {
				eff = strconv.FormatFloat(float64(e), 'g', 8, 64)
			}
			cells = append(cells, []string{strconv.Itoa(r.From), strconv.Itoa(r.To), strconv.FormatBool(r.Relevant), r.Spec, r.Link, strconv.Itoa(r.N),
				strconv.Itoa(r.Initiations), c.Term, number.Fixed(float64(c.Estimate), 8), number.Fixed(float64(c.SE), 8), number.Fixed(float64(c.Z), 4), eff, deterrenceFinding[c.Term]})
		}
	}
	return table.WriteCSV(w, []string{"from", "to", "relevant", "spec", "link", "n", "initiations", "term", "coef", "se_clustered_by_dyad", "z", "effect", "published"}, cells)
}
