package table

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/entente/entente/internal/numfmt"
)

// Cell is one value of a typed row: an integer, a number or a text, or
// missing; or a Group of cells prepared once and written in many rows.
type Cell struct {
	Kind  Kind
	Null  bool    // missing: an empty CSV field, a Parquet null
	Once  bool    // a Float that seldom repeats (Row.FloatOnce)
	Int   int64   // the value of an Int cell
	Float float64 // the value of a Float cell; NaN is missing
	Text  []byte  // the value of a Text cell, valid until the row is reset
	Group *Group  // when not nil, the cell stands for the group's cells
}

// Row is a row of typed cells. A table's writer fills it once, and a
// RowWriter renders it: as CSV text (CSVWriter) or as typed columns
// (package output's Parquet files), so that one piece of code says what
// each row holds, whatever the format. Its cells are kept from row to row
// and each is written in place: a row costs no allocation and no copy.
type Row struct {
	cells []Cell
	n     int
}

// Cells returns the row's cells, valid until the row is changed.
func (r *Row) Cells() []Cell { return r.cells[:r.n] }

// Reset empties the row for the next one.
func (r *Row) Reset() { r.n = 0 }

// next returns the cell to fill next.
func (r *Row) next() *Cell {
	if r.n == len(r.cells) {
		r.cells = append(r.cells, Cell{})
		r.cells = r.cells[:cap(r.cells)]
	}
	r.n++
	return &r.cells[r.n-1]
}

// Int appends an integer.
func (r *Row) Int(v int64) { *r.next() = Cell{Kind: Int, Int: v} }

// Flag appends 1 for true, 0 for false.
func (r *Row) Flag(b bool) {
	var v int64
	if b {
		v = 1
	}
	r.Int(v)
}

// Float appends a number; NaN is missing.
func (r *Row) Float(v float64) { *r.next() = Cell{Kind: Float, Float: v} }

// FloatOnce appends a number that seldom repeats in its column (a
// chance-corrected measure of a vote table, Kendall's tau-b): a CSV
// writer formats it directly, not through its table of recent values,
// where it would cost a copy into the table and push out the values that
// do repeat. NaN is missing.
func (r *Row) FloatOnce(v float64) { *r.next() = Cell{Kind: Float, Float: v, Once: true} }

// Text appends a text; b must stay unchanged until the row is reset.
func (r *Row) Text(b []byte) { *r.next() = Cell{Kind: Text, Text: b} }

// Null appends a missing value of kind k.
func (r *Row) Null(k Kind) { *r.next() = Cell{Kind: k, Null: true} }

// Nulls appends n missing values of kind k.
func (r *Row) Nulls(k Kind, n int) {
	for range n {
		r.Null(k)
	}
}

// Group appends the cells of g, which must not change while the row is
// in use.
func (r *Row) Group(g *Group) { *r.next() = Cell{Group: g} }

// Len is the number of values in the row, those of its groups included.
func (r *Row) Len() int {
	n := 0
	cells := r.Cells()
	for i := range cells {
		if g := cells[i].Group; g != nil {
			n += g.n
		} else {
			n++
		}
	}
	return n
}

// Group is a run of cells that stands in many rows (a state's
// capabilities in every dyad of a year): a CSVWriter renders it once.
// Fill it with the methods of Row, after Reset; a group holds no groups.
type Group struct {
	Row
	csv      []byte
	rendered bool
}

// Reset empties the group for new cells.
func (g *Group) Reset() {
	g.Row.Reset()
	g.csv, g.rendered = g.csv[:0], false
}

// csvText is the group's cells as CSV fields, each after a comma.
func (g *Group) csvText(nf *numfmt.Writer) []byte {
	if !g.rendered {
		g.csv = appendFields(g.csv[:0], &g.Row, nf, true)
		g.rendered = true
	}
	return g.csv
}

// RowWriter takes typed rows.
type RowWriter interface {
	// WriteRow writes one row; r may be reused once it returns.
	WriteRow(r *Row) error
	// Flush hands on what is buffered.
	Flush() error
}

// TypedSink is a destination that takes typed rows itself (package
// output's Parquet files) rather than their CSV text.
type TypedSink interface {
	// TypedRows returns the writer of rows in the columns cols, or nil
	// when CSV text is to be written to the sink after all.
	TypedRows(cols []Column) (RowWriter, error)
}

// NewRowWriter returns where rows in the columns cols written to w go:
// w's own typed writer when it has one (TypedSink), else a CSVWriter on w.
func NewRowWriter(w io.Writer, cols []Column) (RowWriter, error) {
	if t, ok := w.(TypedSink); ok {
		rw, err := t.TypedRows(cols)
		if err != nil || rw != nil {
			return rw, err
		}
	}
	return NewCSVWriter(w, cols), nil
}

// CSVWriter renders typed rows as CSV text: integers in decimal, numbers
// in the shortest form that reads back exactly without an exponent (NaN,
// missing, as an empty field; numfmt's CSV form), texts quoted only where
// they hold a comma, a quote or a line break. It buffers up to 64 KiB.
type CSVWriter struct {
	w   io.Writer
	buf []byte
	nf  *numfmt.Writer
	err error
}

// NewCSVWriter returns a writer of rows to w whose first line will be
// the header of cols.
func NewCSVWriter(w io.Writer, cols []Column) *CSVWriter {
	c := &CSVWriter{w: w, buf: make([]byte, 0, 1<<16), nf: numfmt.NewCSV()}
	for i, col := range cols {
		if i > 0 {
			c.buf = append(c.buf, ',')
		}
		c.buf = appendText(c.buf, []byte(col.Name))
	}
	c.buf = append(c.buf, '\n')
	return c
}

// WriteRow appends the row's line.
func (c *CSVWriter) WriteRow(r *Row) error {
	if c.err != nil {
		return c.err
	}
	c.buf = appendFields(c.buf, r, c.nf, false)
	c.buf = append(c.buf, '\n')
	if len(c.buf) > 1<<16-1024 {
		return c.Flush()
	}
	return nil
}

// Line returns the writer's buffer, for a caller that knows the layout
// of its lines to append one by hand (in the writer's CSV form, ending
// in a line break) instead of filling a Row, and the numfmt.Writer that
// the writer's Float cells go through; EndLine takes the buffer back.
func (c *CSVWriter) Line() ([]byte, *numfmt.Writer) { return c.buf, c.nf }

// EndLine takes back the buffer of Line with the line appended.
func (c *CSVWriter) EndLine(buf []byte) error {
	if c.err != nil {
		return c.err
	}
	c.buf = buf
	if len(c.buf) > 1<<16-1024 {
		return c.Flush()
	}
	return nil
}

// Flush writes what is buffered.
func (c *CSVWriter) Flush() error {
	if c.err != nil {
		return c.err
	}
	_, c.err = c.w.Write(c.buf)
	c.buf = c.buf[:0]
	return c.err
}

// AppendCSV appends the row's cells as CSV fields, each after a comma
// when lead is set, else separated by commas: the text CSVWriter writes.
func AppendCSV(buf []byte, r *Row, lead bool) []byte {
	return appendFields(buf, r, nil, lead)
}

// appendFields renders the cells of r, numbers by nf (nil:
// numfmt.AppendCSV).
func appendFields(buf []byte, r *Row, nf *numfmt.Writer, lead bool) []byte {
	sep := lead // a comma before the next field
	cells := r.Cells()
	for i := range cells {
		c := &cells[i]
		if g := c.Group; g != nil {
			if g.n == 0 {
				continue
			}
			text := g.csvText(nf) // a comma before each field
			if !sep {
				text = text[1:]
			}
			buf, sep = append(buf, text...), true
			continue
		}
		if sep {
			buf = append(buf, ',')
		}
		sep = true
		switch {
		case c.Null:
		case c.Kind == Int:
			// Years, codes and counts: the small ones inlined.
			if v := c.Int; uint64(v) < numfmt.SmallInts {
				buf = numfmt.AppendSmallInt(buf, v)
			} else {
				buf = numfmt.AppendInt(buf, v)
			}
		case c.Kind == Float && nf != nil && !c.Once:
			buf = nf.Append(buf, c.Float)
		case c.Kind == Float:
			buf = numfmt.AppendCSV(buf, c.Float)
		default:
			buf = appendText(buf, c.Text)
		}
	}
	return buf
}

// appendText appends a CSV field, quoted as encoding/csv quotes it when
// it holds a comma, a quote or a line break.
func appendText(buf, s []byte) []byte {
	if bytes.IndexAny(s, ",\"\r\n") < 0 {
		return append(buf, s...)
	}
	buf = append(buf, '"')
	for _, c := range s {
		if c == '"' {
			buf = append(buf, '"')
		}
		buf = append(buf, c)
	}
	return append(buf, '"')
}

// Check reports the first cell of r that does not fit its column in
// cols, or a count of values that differs from the columns: an Int cell
// fits a Float column, a missing value any column.
func Check(r *Row, cols []Column) error {
	if n := r.Len(); n != len(cols) {
		return fmt.Errorf("a row of %d values, %d columns", n, len(cols))
	}
	col := 0
	check := func(c *Cell) error {
		k := cols[col].Kind
		col++
		switch {
		case c.Null || c.Kind == k || c.Kind == Int && k == Float:
			return nil
		case c.Kind == Float && math.IsNaN(c.Float):
			return nil
		}
		return fmt.Errorf("column %s of kind %s holds a value of kind %s", cols[col-1].Name, k, c.Kind)
	}
	cells := r.Cells()
	for i := range cells {
		if g := cells[i].Group; g != nil {
			gc := g.Cells()
			for j := range gc {
				if err := check(&gc[j]); err != nil {
					return err
				}
			}
		} else if err := check(&cells[i]); err != nil {
			return err
		}
	}
	return nil
}

// String names the kind.
func (k Kind) String() string {
	switch k {
	case Text:
		return "text"
	case Int:
		return "integer"
	case Float:
		return "number"
	}
	return "kind " + strconv.Itoa(int(k))
}
