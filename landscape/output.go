package landscape

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/entente/entente/internal/table"
)

// WriteTable prints the minima rows of res as 'entente landscape' does:
// a table of the alignments (with MISPLACED and VS PAPER for a case with
// history), then the search method and, for the Europe 1936 case, what
// its columns mean.
func WriteTable(w io.Writer, lc *Case, res *Result, rows []Alignment) error {
	header := []string{"RANK", "ENERGY", "BASIN", "SHARE", "BLOC A", "BLOC B"}
	if lc.History != nil {
		header = append(header, "MISPLACED", "VS PAPER")
	}
	var cells [][]string
	for _, r := range rows {
		c := []string{strconv.Itoa(r.Rank), strconv.FormatFloat(r.Energy, 'g', 6, 64), basinText(r.Basin, res.BasinsExact),
			strconv.FormatFloat(100*r.Share, 'f', 1, 64) + "%", strings.Join(r.BlocA, " "), strings.Join(r.BlocB, " ")}
		if lc.History != nil {
			c = append(c, listText(r.Misplaced), listText(r.VsPaper))
		}
		cells = append(cells, c)
	}
	if err := table.Write(w, header, cells); err != nil {
		return err
	}
	fmt.Fprintf(w, "\n%d actors, %d alignments; %s\n", res.N, res.Configurations, methodNote(res))
	if lc.History != nil {
		fmt.Fprintln(w, Europe1936Note)
	}
	return nil
}

func basinText(b float64, exact bool) string {
	if exact {
		return strconv.FormatFloat(b, 'f', 0, 64)
	}
	return "~" + strconv.FormatFloat(b, 'f', 0, 64)
}

func listText(xs []string) string {
	if len(xs) == 0 {
		return "none"
	}
	return strings.Join(xs, " ")
}

func methodNote(res *Result) string {
	switch {
	case res.Method == MethodSearch:
		return fmt.Sprintf("local search from %d random alignments: minima reached, basins estimated", res.Restarts)
	case res.BasinsExact:
		return "exhaustive: every local minimum, exact basins"
	}
	return fmt.Sprintf("exhaustive: every local minimum, basins estimated from %d descents", res.Restarts)
}

// WriteCSV writes the minima rows as CSV, blocs as names joined by ";".
func WriteCSV(w io.Writer, lc *Case, rows []Alignment) error {
	cw := csv.NewWriter(w)
	header := []string{"rank", "energy", "basin", "share", "bloc_a", "bloc_b"}
	if lc.History != nil {
		header = append(header, "misplaced", "vs_paper")
	}
	cw.Write(header)
	for _, r := range rows {
		rec := []string{strconv.Itoa(r.Rank), strconv.FormatFloat(r.Energy, 'g', -1, 64), strconv.FormatFloat(r.Basin, 'g', -1, 64),
			strconv.FormatFloat(r.Share, 'g', -1, 64), strings.Join(r.BlocA, ";"), strings.Join(r.BlocB, ";")}
		if lc.History != nil {
			rec = append(rec, strings.Join(r.Misplaced, ";"), strings.Join(r.VsPaper, ";"))
		}
		cw.Write(rec)
	}
	cw.Flush()
	return cw.Error()
}

// Solution is what JSON output shows of a solved case: the case (actors,
// sizes, propensities), how it was solved and its minima rows.
type Solution struct {
	Actors         []string    `json:"actors"`
	Sizes          []float64   `json:"sizes"`
	Propensities   [][]float64 `json:"propensities"`
	Configurations uint64      `json:"configurations"`
	Method         Method      `json:"method"`
	Complete       bool        `json:"complete"`
	BasinsExact    bool        `json:"basins_exact"`
	Restarts       int         `json:"restarts,omitempty"`
	Minima         []Alignment `json:"minima"`
	History        []string    `json:"history_bloc_b,omitempty"`
	Paper          []string    `json:"paper_bloc_b,omitempty"`
}

// NewSolution is the Solution of the case lc solved as res, with its
// minima rows.
func NewSolution(lc *Case, res *Result, rows []Alignment) Solution {
	return Solution{lc.Names, lc.Sizes, lc.Propensities, res.Configurations, res.Method, res.Complete, res.BasinsExact, res.Restarts, rows,
		lc.BlocB(lc.History), lc.BlocB(lc.Paper)}
}

// Europe1936Note says what the MISPLACED and VS PAPER columns of the
// Europe 1936 case mean.
const Europe1936Note = `MISPLACED: states on the other side from the 1939-41 alignment (Britain's side:
UK France USSR Czechoslovakia Yugoslavia Greece Denmark Poland Portugal).
VS PAPER: differences from Axelrod and Bennett's 1936 prediction, which placed
all but Poland and Portugal as in the war. Their propensities came from
ethnic conflict, religion, border disputes, type of government and past wars;
here from regime, religion, borders and past wars (--basis factors) or from
alliance portfolios on 31 December 1936 (--basis alliances); see entente
landscape --help.`
