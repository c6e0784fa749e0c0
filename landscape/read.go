package landscape

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// ReadCase reads a system from two CSV texts: the sizes (header
// "actor,size", then one "name,size" row per actor, size a finite number
// ≥ 0) and the propensity matrix (header ",NAME1,NAME2,...", then one row
// "NAME,p1,p2,..." per actor, in any order, naming the actors of the
// sizes; symmetric; the diagonal ignored and may be empty). Lines starting
// with # are comments. Errors name the line; the caller adds the file.
func ReadCase(sizes, propensities io.Reader) (*Case, error) {
	names, sz, err := ReadSizes(sizes)
	if err != nil {
		return nil, fmt.Errorf("sizes: %w", err)
	}
	prop, err := ReadPropensities(propensities, names)
	if err != nil {
		return nil, fmt.Errorf("propensities: %w", err)
	}
	return &Case{Names: names, Sizes: sz, Propensities: prop}, nil
}

// csvRecords reads every record, keeping each record's line.
func csvRecords(r io.Reader) (records [][]string, lines []int, err error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	cr.Comment = '#'
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return records, lines, nil
		}
		if err != nil {
			return nil, nil, err
		}
		line, _ := cr.FieldPos(0)
		records, lines = append(records, rec), append(lines, line)
	}
}

// ReadSizes reads the "actor,size" table: 2 to MaxActors actors with
// distinct, non-empty names and finite sizes ≥ 0.
func ReadSizes(r io.Reader) ([]string, []float64, error) {
	recs, lines, err := csvRecords(r)
	if err != nil {
		return nil, nil, err
	}
	if len(recs) == 0 || !isSizesHeader(recs[0]) {
		return nil, nil, fmt.Errorf("line %d: want the header \"actor,size\"", firstLine(lines))
	}
	var names []string
	var sizes []float64
	seen := map[string]int{}
	for k, rec := range recs[1:] {
		line := lines[k+1]
		name, v, err := sizeRow(rec)
		if err != nil {
			return nil, nil, fmt.Errorf("line %d: %w", line, err)
		}
		if prev, dup := seen[name]; dup {
			return nil, nil, fmt.Errorf("line %d: actor %q already on line %d", line, name, prev)
		}
		seen[name] = line
		names, sizes = append(names, name), append(sizes, v)
	}
	if len(names) < 2 || len(names) > MaxActors {
		return nil, nil, fmt.Errorf("need 2 to %d actors, got %d", MaxActors, len(names))
	}
	return names, sizes, nil
}

func isSizesHeader(rec []string) bool {
	return len(rec) == 2 && strings.EqualFold(strings.TrimSpace(rec[0]), "actor") && strings.EqualFold(strings.TrimSpace(rec[1]), "size")
}

// sizeRow parses one "name,size" record.
func sizeRow(rec []string) (string, float64, error) {
	if len(rec) != 2 {
		return "", 0, fmt.Errorf("want 2 fields (actor,size), got %d", len(rec))
	}
	name := strings.TrimSpace(rec[0])
	if name == "" {
		return "", 0, errors.New("empty actor name")
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(rec[1]), 64)
	if err != nil || v < 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return "", 0, fmt.Errorf("size of %s: want a finite number >= 0, got %q", name, rec[1])
	}
	return name, v, nil
}

func firstLine(lines []int) int {
	if len(lines) == 0 {
		return 1
	}
	return lines[0]
}

// ReadPropensities reads the matrix and returns it in the order of names.
func ReadPropensities(r io.Reader, names []string) ([][]float64, error) {
	recs, lines, err := csvRecords(r)
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, errors.New("empty file")
	}
	index := map[string]int{}
	for i, name := range names {
		index[name] = i
	}
	cols, err := matrixColumns(lines[0], recs[0], index)
	if err != nil {
		return nil, err
	}
	m := &matrix{names: names, index: index, cols: cols, p: make([][]float64, len(names)), rowLine: make([]int, len(names))}
	for k, rec := range recs[1:] {
		if err := m.row(lines[k+1], rec); err != nil {
			return nil, err
		}
	}
	return m.check()
}

// matrix is a propensity matrix being read.
type matrix struct {
	names   []string
	index   map[string]int
	cols    []int // column c of the file is actor cols[c]
	p       [][]float64
	rowLine []int
}

// row reads one row of the file.
func (m *matrix) row(line int, rec []string) error {
	n := len(m.names)
	name := strings.TrimSpace(rec[0])
	i, ok := m.index[name]
	switch {
	case !ok:
		return fmt.Errorf("line %d: row %q is not an actor of the sizes file", line, name)
	case m.p[i] != nil:
		return fmt.Errorf("line %d: row %q already on line %d", line, name, m.rowLine[i])
	case len(rec) != n+1:
		return fmt.Errorf("line %d: row %s has %d values, want %d", line, name, len(rec)-1, n)
	}
	m.p[i], m.rowLine[i] = make([]float64, n), line
	for c, cell := range rec[1:] {
		j := m.cols[c]
		if i == j && strings.TrimSpace(cell) == "" {
			continue // the diagonal is unused
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(cell), 64)
		if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
			return fmt.Errorf("line %d: propensity of %s with %s: want a finite number, got %q", line, name, m.names[j], cell)
		}
		if i != j {
			m.p[i][j] = v
		}
	}
	return nil
}

// check refuses a missing row or an asymmetric matrix.
func (m *matrix) check() ([][]float64, error) {
	for i, row := range m.p {
		if row == nil {
			return nil, fmt.Errorf("no row for actor %s", m.names[i])
		}
	}
	for i := range m.p {
		for j := i + 1; j < len(m.p); j++ {
			if a, b := m.p[i][j], m.p[j][i]; math.Abs(a-b) > 1e-9*max(1, math.Abs(a), math.Abs(b)) {
				return nil, fmt.Errorf("line %d: propensity of %s with %s is %v, but line %d gives %v the other way: the matrix must be symmetric",
					m.rowLine[i], m.names[i], m.names[j], a, m.rowLine[j], b)
			}
		}
	}
	return m.p, nil
}

// matrixColumns maps the header's columns to actor indices.
func matrixColumns(line int, header []string, index map[string]int) ([]int, error) {
	if len(header)-1 != len(index) {
		return nil, fmt.Errorf("line %d: header names %d actors, the sizes file %d", line, len(header)-1, len(index))
	}
	cols := make([]int, len(index))
	seen := map[string]bool{}
	for c, name := range header[1:] {
		name = strings.TrimSpace(name)
		i, ok := index[name]
		if !ok || seen[name] {
			return nil, fmt.Errorf("line %d: column %d: %q is not an actor of the sizes file, or is repeated", line, c+2, name)
		}
		seen[name], cols[c] = true, i
	}
	return cols, nil
}
