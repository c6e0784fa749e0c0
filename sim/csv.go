package sim

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
)

// RowsHeader is the header of a runs file.
var RowsHeader = []string{"run", "year", "statistic", "value"}

// BandsHeader is the header of a bands file.
var BandsHeader = []string{"year", "statistic", "n", "mean", "q05", "q25", "q50", "q75", "q95"}

// WriteRows writes rows as tidy CSV (run, year, statistic, value); values
// are written in the shortest form that reads back to the same number, so
// equal runs give equal bytes.
func WriteRows(w io.Writer, rows []Row) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(RowsHeader); err != nil {
		return err
	}
	for _, r := range rows {
		rec := []string{strconv.Itoa(r.Run), strconv.Itoa(r.Year), r.Statistic, formatValue(r.Value)}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func formatValue(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// ReadRows reads a runs file written by WriteRows; name labels errors,
// which give the line.
func ReadRows(r io.Reader, name string) ([]Row, error) {
	cr := csv.NewReader(bufio.NewReader(r))
	cr.FieldsPerRecord = len(RowsHeader)
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: reading the header: %w", name, err)
	}
	for i, h := range RowsHeader {
		if head[i] != h {
			return nil, fmt.Errorf("%s:1: expected the header %v, got %v", name, RowsHeader, head)
		}
	}
	known := statIndex()
	var rows []Row
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		row, err := parseRow(rec, known)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		rows = append(rows, row)
	}
}

func parseRow(rec []string, known map[string]int) (Row, error) {
	run, err := strconv.Atoi(rec[0])
	if err != nil || run < 0 {
		return Row{}, fmt.Errorf("run: expected a whole number, got %q", rec[0])
	}
	year, err := strconv.Atoi(rec[1])
	if err != nil {
		return Row{}, fmt.Errorf("year: expected a whole number, got %q", rec[1])
	}
	if _, ok := known[rec[2]]; !ok {
		return Row{}, fmt.Errorf("statistic: unknown statistic %q", rec[2])
	}
	v, err := strconv.ParseFloat(rec[3], 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return Row{}, fmt.Errorf("value: expected a finite number, got %q", rec[3])
	}
	return Row{Run: run, Year: year, Statistic: rec[2], Value: v}, nil
}

func statIndex() map[string]int {
	m := make(map[string]int, len(Statistics))
	for i, s := range Statistics {
		m[s] = i
	}
	return m
}

// Merge combines the rows of shards into the rows of the whole sweep, in
// the order Batch gives them: by run, then year, then statistic. A run
// found in two shards is an error.
func Merge(shards ...[]Row) ([]Row, error) {
	owner := map[int]int{}
	var all []Row
	for s, rows := range shards {
		for _, r := range rows {
			if o, ok := owner[r.Run]; ok && o != s {
				return nil, fmt.Errorf("run %d is in two shards (%d and %d)", r.Run, o+1, s+1)
			}
			owner[r.Run] = s
		}
		all = append(all, rows...)
	}
	idx := statIndex()
	sort.SliceStable(all, func(a, b int) bool {
		x, y := all[a], all[b]
		if x.Run != y.Run {
			return x.Run < y.Run
		}
		if x.Year != y.Year {
			return x.Year < y.Year
		}
		return idx[x.Statistic] < idx[y.Statistic]
	})
	for k := 1; k < len(all); k++ {
		if x, y := all[k-1], all[k]; x.Run == y.Run && x.Year == y.Year && x.Statistic == y.Statistic {
			return nil, fmt.Errorf("run %d, year %d: %s is given twice", x.Run, x.Year, x.Statistic)
		}
	}
	return all, nil
}

// Band summarises a statistic in a year across runs: its mean and
// quantiles (type 7, linear interpolation between order statistics).
type Band struct {
	Year                    int
	Statistic               string
	N                       int
	Mean                    float64
	Q05, Q25, Q50, Q75, Q95 float64
}

// Bands summarises rows by year and statistic, in year order and then the
// order of Statistics.
func Bands(rows []Row) []Band {
	type key struct {
		year int
		stat string
	}
	groups := map[key][]float64{}
	for _, r := range rows {
		k := key{r.Year, r.Statistic}
		groups[k] = append(groups[k], r.Value)
	}
	idx := statIndex()
	keys := make([]key, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(a, b int) bool {
		if keys[a].year != keys[b].year {
			return keys[a].year < keys[b].year
		}
		return idx[keys[a].stat] < idx[keys[b].stat]
	})
	out := make([]Band, len(keys))
	for i, k := range keys {
		out[i] = band(k.year, k.stat, groups[k])
	}
	return out
}

func band(year int, stat string, v []float64) Band {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	var sum float64
	for _, x := range s {
		sum += x
	}
	return Band{Year: year, Statistic: stat, N: len(s), Mean: sum / float64(len(s)),
		Q05: Quantile(s, 0.05), Q25: Quantile(s, 0.25), Q50: Quantile(s, 0.5), Q75: Quantile(s, 0.75), Q95: Quantile(s, 0.95)}
}

// Quantile is the q-quantile of sorted (type 7: linear interpolation
// between the order statistics at (n−1)q); NaN when sorted is empty.
func Quantile(sorted []float64, q float64) float64 {
	n := len(sorted)
	if n == 0 {
		return math.NaN()
	}
	h := float64(n-1) * q
	lo := int(math.Floor(h))
	if lo >= n-1 {
		return sorted[n-1]
	}
	return sorted[lo] + (h-float64(lo))*(sorted[lo+1]-sorted[lo])
}

// WriteBands writes bands as CSV with BandsHeader.
func WriteBands(w io.Writer, bands []Band) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(BandsHeader); err != nil {
		return err
	}
	for _, b := range bands {
		rec := []string{strconv.Itoa(b.Year), b.Statistic, strconv.Itoa(b.N), formatValue(b.Mean),
			formatValue(b.Q05), formatValue(b.Q25), formatValue(b.Q50), formatValue(b.Q75), formatValue(b.Q95)}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// RunCount is the number of distinct runs in rows.
func RunCount(rows []Row) int {
	seen := map[int]bool{}
	for _, r := range rows {
		seen[r.Run] = true
	}
	return len(seen)
}
