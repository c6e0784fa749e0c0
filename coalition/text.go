package coalition

import (
	"fmt"
	"io"

	"github.com/entente/entente/internal/number"
	"github.com/entente/entente/internal/table"
)

// splitHeader is the header of a split's table and CSV.
var splitHeader = []string{"MEMBER", "DELIVERED", "SHARE", "PROPORTIONAL", "SHAPLEY", "NUCLEOLUS"}

// splitRows are a split's rows, by Shapley value, highest first: in a
// table amounts with two decimals, the share as a percentage and "-" for
// what was not computed; in CSV every digit and empty cells.
func (sp *Split) splitRows(csv bool) [][]string {
	missing := map[bool]string{true: "", false: number.Missing}[csv]
	f := func(v float64, decimals int) string {
		if csv {
			return number.CSV(v)
		}
		return number.Float(v).FixedOr(decimals, missing)
	}
	var rows [][]string
	for _, i := range sp.SortedByShapley() {
		nuc := missing
		if sp.Nucleolus != nil {
			nuc = f(sp.Nucleolus[i], 2)
		}
		share := number.Float(sp.Share[i]).Percent(1)
		if csv {
			share = number.CSV(sp.Share[i])
		}
		rows = append(rows, []string{string(sp.Members[i]), f(sp.Delivered[i], 2), share, f(sp.Proportional[i], 2), f(sp.Shapley[i], 2), nuc})
	}
	return rows
}

// WriteText prints the split of pact as a table under a line that says
// what was split and whether the core is empty.
func (sp *Split) WriteText(w io.Writer, pact string) error {
	fmt.Fprintf(w, "%s: splitting %s (ρ = %g, γ = %g); the core is %s, the Shapley split is %s it\n\n",
		pact, number.Fixed(sp.Benefit, 2), sp.Returns, sp.Synergy,
		map[bool]string{true: "empty", false: "not empty"}[sp.CoreEmpty], map[bool]string{true: "in", false: "not in"}[sp.ShapleyInCore])
	return table.Write(w, splitHeader, sp.splitRows(false))
}

// WriteCSV writes the split as CSV, the header in lower case.
func (sp *Split) WriteCSV(w io.Writer) error {
	return table.WriteCSV(w, table.Lower(splitHeader), sp.splitRows(true))
}
