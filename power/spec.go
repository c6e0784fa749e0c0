package power

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/entente/entente/internal/table"
)

// SpecError is a game given as text that makes no game: Field names what
// is wrong in a person's terms ("weights", "names", "quota",
// "min-blockers"); Column is the weight column of a quota (0-based), -1
// when it is not about one column.
type SpecError struct {
	Field  string
	Column int
	Msg    string
}

func (e *SpecError) Error() string { return e.Field + ": " + e.Msg }

// WeightsTable makes the table of a weighted game given as a
// comma-separated list of decimal weights, and names for its players
// (p1, p2, ... when names is empty).
func WeightsTable(weights, names string) (*Table, error) {
	ints, scale, err := ParseDecimal(strings.Split(weights, ",")...)
	if err != nil {
		msg := strings.TrimPrefix(err.Error(), "power: ")
		var pe *ParseError
		if errors.As(err, &pe) {
			msg = fmt.Sprintf("value %d: %s (%q)", pe.Column, pe.Msg, pe.Value)
		}
		return nil, &SpecError{"weights", -1, msg}
	}
	t := &Table{Weights: [][]int64{ints}, Scales: []int64{scale}}
	if names == "" {
		for i := range ints {
			t.Names = append(t.Names, fmt.Sprintf("p%d", i+1))
		}
		return t, nil
	}
	t.Names = strings.Split(names, ",")
	if len(t.Names) != len(ints) {
		return nil, &SpecError{"names", -1, fmt.Sprintf("%d names for %d weights", len(t.Names), len(ints))}
	}
	seen := map[string]bool{}
	for i, n := range t.Names {
		t.Names[i] = strings.TrimSpace(n)
		if t.Names[i] == "" || seen[t.Names[i]] {
			return nil, &SpecError{"names", -1, fmt.Sprintf("name %d is empty or repeated (%q)", i+1, t.Names[i])}
		}
		seen[t.Names[i]] = true
	}
	return t, nil
}

// Game builds the table's game: the weighted game of its one weight
// column, or the multiple-weight game when it has several columns or a
// blocking-minority clause (a coalition also wins when fewer than
// minBlockers players are outside it). quotas holds one quota per column
// (see ParseQuota); errors say a quota's problem in the units it was
// written in.
func (t *Table) Game(quotas []string, minBlockers int) (Game, error) {
	if len(quotas) != len(t.Weights) {
		return nil, &SpecError{"quota", -1, fmt.Sprintf("%d quota(s) for %d weight column(s)", len(quotas), len(t.Weights))}
	}
	if n := len(t.Names); minBlockers < 0 || minBlockers > n {
		return nil, &SpecError{"min-blockers", -1, fmt.Sprintf("expected 0 to %d (the number of players), got %d", n, minBlockers)}
	}
	layers := make([]Layer, len(t.Weights))
	for c, qs := range quotas {
		q, w, err := ParseQuota(qs, t.Weights[c], t.Scales[c])
		if err != nil {
			msg := strings.TrimPrefix(err.Error(), "power: ")
			var pe *ParseError
			switch {
			case errors.As(err, &pe):
				msg = fmt.Sprintf("%s (%q)", pe.Msg, pe.Value)
			case t.Scales[c] > 1: // the message counts in scaled units: say it in the user's
				var total int64
				for _, w := range t.Weights[c] {
					total += w
				}
				msg = fmt.Sprintf("%s is not a quota a coalition can reach: expected more than 0 and at most the total weight %s",
					qs, FormatDecimal(total, t.Scales[c]))
			}
			return nil, &SpecError{"quota", c, msg}
		}
		layers[c] = Layer{Quota: q, Weights: w}
	}
	if len(layers) == 1 && minBlockers == 0 {
		return NewWeighted(layers[0].Quota, layers[0].Weights)
	}
	return NewMultiWeighted(layers, minBlockers)
}

// ColumnHeaders are the table's weight column headers: the file's, in capitals,
// else WEIGHT or WEIGHT1, WEIGHT2, ...
func (t *Table) ColumnHeaders() []string {
	var h []string
	for c := range t.Weights {
		switch {
		case t.Headers != nil:
			h = append(h, strings.ToUpper(t.Headers[c]))
		case len(t.Weights) == 1:
			h = append(h, "WEIGHT")
		default:
			h = append(h, fmt.Sprintf("WEIGHT%d", c+1))
		}
	}
	return h
}

// Analysis is a power report with what its table shows beside the
// indices: the weights as they were written, under their headers.
type Analysis struct {
	Report  PowerReport
	Headers []string
	Weights [][]string
}

// AnalyzeTable analyses the game g of table t.
func AnalyzeTable(t *Table, g Game, opts Options) (Analysis, error) {
	res, err := Analyze(g, opts)
	if err != nil {
		return Analysis{}, err
	}
	a := Analysis{Headers: t.ColumnHeaders()}
	shown := make([][]float64, len(t.Names))
	for i := range t.Names {
		row := make([]string, len(t.Weights))
		for c := range t.Weights {
			row[c] = t.Weight(c, i)
			v, _ := strconv.ParseFloat(row[c], 64) // a decimal just written: parses
			shown[i] = append(shown[i], v)
		}
		a.Weights = append(a.Weights, row)
	}
	a.Report = NewPowerReport(g, t.Names, shown, res)
	return a, nil
}

// PactAnalysis is the analysis of a pact's rule (PactPower): the weights
// are those the rule counts, if any.
func PactAnalysis(rep PowerReport) Analysis {
	a := Analysis{Report: rep}
	for _, p := range rep.Players {
		if p.Weights == nil {
			continue
		}
		a.Headers = []string{"WEIGHT"}
		a.Weights = append(a.Weights, []string{strconv.FormatFloat(p.Weights[0], 'f', -1, 64)})
	}
	return a
}

// WriteText prints the table and, below it, the game and its coalitions;
// a pact's rule first.
func (a Analysis) WriteText(w io.Writer, cols []Column, exact bool) error {
	header, rows := a.Report.Table(a.Headers, a.Weights, cols, exact, false)
	if rule := a.Report.Rule; rule != nil {
		fmt.Fprintf(w, "%s, %s matters: %s\n\n", a.Report.Pact, a.Report.Matter, DescribeRule(*rule))
	}
	if err := table.Write(w, header, rows); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\n%s\n", strings.Join(a.Report.Notes(exact), "\n"))
	return err
}

// WriteCSV writes the table as CSV with every digit, the header in lower
// case.
func (a Analysis) WriteCSV(w io.Writer, cols []Column, exact bool) error {
	header, rows := a.Report.Table(a.Headers, a.Weights, cols, exact, true)
	return table.WriteCSV(w, table.Lower(header), rows)
}

// ParseSize reads a byte count such as 2.5GB, 4GiB, 800MB or 1000000 (0
// for the empty string: the default), for Options.MaxMemory.
func ParseSize(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	units := []struct {
		suffix string
		scale  float64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"TiB", 1 << 40},
		{"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"TB", 1e12}, {"B", 1}}
	scale := 1.0
	for _, u := range units {
		if strings.HasSuffix(strings.ToUpper(s), strings.ToUpper(u.suffix)) && (len(u.suffix) == 3) == strings.HasSuffix(strings.ToLower(s), "ib") {
			s, scale = strings.TrimSpace(s[:len(s)-len(u.suffix)]), u.scale
			break
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || !(v > 0) || v*scale > 1<<62 {
		return 0, fmt.Errorf("expected a positive size such as 2.5GB, 4GiB or 800MB, got %q", s)
	}
	return int64(v * scale), nil
}

// FormatSize writes a byte count as GB or MB, rounded up.
func FormatSize(b int64) string {
	if b >= 1e9 {
		return strconv.FormatFloat(math.Ceil(float64(b)/1e8)/10, 'f', -1, 64) + "GB"
	}
	return strconv.FormatFloat(math.Ceil(float64(b)/1e6), 'f', -1, 64) + "MB"
}

// ParseSteps reads a number of work steps such as 5e11 (0 for the empty
// string: the default), for Options.MaxWork.
func ParseSteps(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || !(v >= 1) || v > 1<<62 {
		return 0, fmt.Errorf("expected a positive number of steps such as 5e11, got %q", s)
	}
	return int64(v), nil
}
