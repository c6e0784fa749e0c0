package report

import (
	"io"
	"strconv"

	"github.com/entente/entente/internal/number"
	"github.com/entente/entente/internal/table"
)

// WriteDecadesText prints the decade summary as a table, leaving out the
// decades without data.
func WriteDecadesText(w io.Writer, gaps []Gap) error {
	var cells [][]string
	for _, g := range gaps {
		if g.Years == 0 && g.SplitYears == 0 {
			continue
		}
		cells = append(cells, []string{HubName(g.Hub), g.Votes, strconv.Itoa(g.Decade) + "s", strconv.Itoa(g.Years),
			number.Fixed(g.Allies, 3), number.Fixed(g.Others, 3), number.Fixed(g.AlliesMinusOthers, 3), strconv.Itoa(g.SplitYears),
			number.Fixed(g.AsymmetricAllies, 3), number.Fixed(g.SymmetricAllies, 3), number.Fixed(g.AsymmetricMinusSymmetric, 3)})
	}
	return table.Write(w, []string{"HUB", "VOTES", "DECADE", "YEARS", "ALLIES", "OTHERS", "DIFF", "SPLIT-YEARS", "ASYMMETRIC", "SYMMETRIC", "DIFF"}, cells)
}

// DecadesJSON is the decade summary for JSON, undefined values as null.
func DecadesJSON(gaps []Gap) []map[string]any {
	out := make([]map[string]any, 0, len(gaps))
	for _, g := range gaps {
		out = append(out, map[string]any{"hub": g.Hub, "hub_name": HubName(g.Hub), "votes": g.Votes, "decade": g.Decade,
			"years": g.Years, "allies": number.Float(g.Allies), "others": number.Float(g.Others), "allies_minus_others": number.Float(g.AlliesMinusOthers),
			"split_years": g.SplitYears, "asymmetric_allies": number.Float(g.AsymmetricAllies), "symmetric_allies": number.Float(g.SymmetricAllies),
			"asymmetric_minus_symmetric": number.Float(g.AsymmetricMinusSymmetric)})
	}
	return out
}
