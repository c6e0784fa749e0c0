package output

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"reflect"
	"strconv"
	"strings"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress"
	"github.com/parquet-go/parquet-go/encoding"
)

// kind is a column's type, from its values: the narrowest that holds all
// of them. A column with no value at all is DOUBLE (a missing figure).
type kind uint8

const (
	noValue kind = iota
	integer      // every value an int64: INT64
	double       // every value a number: DOUBLE
	text         // anything else: STRING
)

// kindOf is the narrowest kind of one CSV field.
func kindOf(f string) kind {
	if _, err := strconv.ParseInt(f, 10, 64); err == nil {
		return integer
	}
	if x, err := strconv.ParseFloat(f, 64); err == nil && !math.IsNaN(x) && !math.IsInf(x, 0) {
		return double // not "NaN" or "Inf": the verbs write a missing figure as an empty field
	}
	return text
}

// parquetRows turns CSV text into a Parquet file. It keeps the CSV in a
// spool (memory, or a temporary file for long outputs) while it learns each
// column's kind from every value, then writes the file in one pass over
// the spool: the schema must be known before the first row group.
type parquetRows struct {
	spool   io.Writer
	w       *bufio.Writer
	header  []string
	kinds   []kind
	partial []byte
	line    int
}

func newParquetRows(spool io.Writer) *parquetRows {
	return &parquetRows{spool: spool, w: bufio.NewWriterSize(spool, 1<<16)}
}

// Write takes CSV text; it may end in the middle of a line.
func (p *parquetRows) Write(b []byte) (int, error) {
	data := b
	if len(p.partial) > 0 {
		data = append(p.partial, b...)
	}
	for {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			break
		}
		if err := p.add(data[:i+1]); err != nil {
			return 0, err
		}
		data = data[i+1:]
	}
	p.partial = append(p.partial[:0], data...)
	return len(b), nil
}

// add takes one CSV line, with its newline.
func (p *parquetRows) add(line []byte) error {
	p.line++
	if len(bytes.TrimRight(line, "\r\n")) == 0 {
		return nil // a blank line is no record, as encoding/csv reads it
	}
	fields, err := splitCSV(string(bytes.TrimRight(line, "\r\n")))
	if err != nil {
		return fmt.Errorf("internal: CSV line %d: %w", p.line, err)
	}
	if p.header == nil {
		p.header, p.kinds = fields, make([]kind, len(fields))
		return nil
	}
	if len(fields) != len(p.header) {
		return fmt.Errorf("internal: CSV line %d has %d fields, the header %d", p.line, len(fields), len(p.header))
	}
	for i, f := range fields {
		if f != "" && p.kinds[i] != text {
			p.kinds[i] = max(p.kinds[i], kindOf(f))
		}
	}
	_, err = p.w.Write(line)
	return err
}

// writeTo writes the Parquet file of every row taken.
func (p *parquetRows) writeTo(out io.Writer) error {
	if len(p.partial) > 0 {
		if err := p.add(append(p.partial, '\n')); err != nil {
			return err
		}
		p.partial = p.partial[:0]
	}
	if err := p.w.Flush(); err != nil {
		return err
	}
	if p.header == nil {
		return fmt.Errorf("internal: no CSV header to write as Parquet")
	}
	var r io.Reader
	switch s := p.spool.(type) {
	case *bytes.Buffer:
		r = bytes.NewReader(s.Bytes())
	case *os.File:
		if _, err := s.Seek(0, io.SeekStart); err != nil {
			return err
		}
		r = s
	default:
		return fmt.Errorf("internal: spool %T cannot be read back", p.spool)
	}
	cols := make(columns, len(p.header))
	for i, name := range p.header {
		leaf := parquet.Leaf(parquet.DoubleType)
		switch p.kinds[i] {
		case integer:
			leaf = parquet.Int(64)
		case text:
			leaf = parquet.String()
		}
		cols[i] = column{parquet.Optional(leaf), name}
	}
	pw := parquet.NewWriter(out, parquet.NewSchema("rows", cols), parquet.Compression(&parquet.Zstd),
		parquet.CreatedBy("entente", "", ""))
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<26)
	batch := make([]parquet.Row, 0, 1024)
	for sc.Scan() {
		if len(sc.Bytes()) == 0 {
			continue
		}
		fields, err := splitCSV(sc.Text())
		if err != nil {
			return err
		}
		row := make(parquet.Row, len(fields))
		for i, f := range fields {
			row[i] = p.value(i, f)
		}
		if batch = append(batch, row); len(batch) == cap(batch) {
			if _, err := pw.WriteRows(batch); err != nil {
				return err
			}
			batch = batch[:0]
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if _, err := pw.WriteRows(batch); err != nil {
		return err
	}
	return pw.Close()
}

// value is field f of column i as a Parquet value: null when empty.
func (p *parquetRows) value(i int, f string) parquet.Value {
	if f == "" {
		return parquet.Value{}.Level(0, 0, i)
	}
	var v parquet.Value
	switch p.kinds[i] {
	case integer:
		n, _ := strconv.ParseInt(f, 10, 64) // checked when the kind was learnt
		v = parquet.Int64Value(n)
	case text:
		v = parquet.ByteArrayValue([]byte(f))
	default:
		x, _ := strconv.ParseFloat(f, 64)
		v = parquet.DoubleValue(x)
	}
	return v.Level(0, 1, i)
}

// columns is a group of leaf columns in the order given; parquet.Group
// would sort them by name.
type columns []parquet.Field

// column is a named leaf column.
type column struct {
	parquet.Node
	name string
}

func (c column) Name() string                           { return c.name }
func (c column) Value(base reflect.Value) reflect.Value { return reflect.Value{} }

func (c columns) ID() int { return 0 }
func (c columns) String() string {
	names := make([]string, len(c))
	for i, f := range c {
		names[i] = f.Name()
	}
	return "group{" + strings.Join(names, ",") + "}"
}
func (c columns) Type() parquet.Type          { return parquet.Group{}.Type() }
func (c columns) Optional() bool              { return false }
func (c columns) Repeated() bool              { return false }
func (c columns) Required() bool              { return true }
func (c columns) Leaf() bool                  { return false }
func (c columns) Fields() []parquet.Field     { return c }
func (c columns) Encoding() encoding.Encoding { return nil }
func (c columns) Compression() compress.Codec { return nil }
func (c columns) GoType() reflect.Type        { return reflect.TypeFor[map[string]any]() }

// ParquetRecords reads a Parquet file of flat columns back as CSV records,
// the column names first: integers and strings as written, doubles in the
// shortest form that reads back exactly, nulls as empty fields. It is how
// a written file is checked against the CSV the verb writes.
func ParquetRecords(path string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := parquet.NewReader(f)
	defer r.Close()
	var records [][]string
	var header []string
	for _, c := range r.Schema().Fields() {
		header = append(header, c.Name())
	}
	records = append(records, header)
	buf := make([]parquet.Row, 256)
	for {
		n, err := r.ReadRows(buf)
		for _, row := range buf[:n] {
			rec := make([]string, len(header))
			for _, v := range row {
				switch {
				case v.IsNull():
				case v.Kind() == parquet.Int64:
					rec[v.Column()] = strconv.FormatInt(v.Int64(), 10)
				case v.Kind() == parquet.Double:
					rec[v.Column()] = strconv.FormatFloat(v.Double(), 'g', -1, 64)
				default:
					rec[v.Column()] = string(v.ByteArray())
				}
			}
			records = append(records, rec)
		}
		if err == io.EOF {
			return records, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
	}
}

// SameRecords reports the first difference between CSV records and those
// read back from Parquet, "" if none: numbers compare by value (a DOUBLE
// column reads back 3 where the CSV says 3.0).
func SameRecords(want, got [][]string) string {
	if len(want) != len(got) {
		return fmt.Sprintf("%d records, want %d", len(got), len(want))
	}
	for i := range want {
		if len(want[i]) != len(got[i]) {
			return fmt.Sprintf("record %d: %d fields, want %d", i, len(got[i]), len(want[i]))
		}
		for j, w := range want[i] {
			g := got[i][j]
			if w == g {
				continue
			}
			wf, err1 := strconv.ParseFloat(w, 64)
			gf, err2 := strconv.ParseFloat(g, 64)
			if err1 != nil || err2 != nil || wf != gf {
				return fmt.Sprintf("record %d field %d (%s): %q, want %q", i, j, want[0][j], g, w)
			}
		}
	}
	return ""
}
