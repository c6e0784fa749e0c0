package output

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"reflect"
	"strconv"
	"strings"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress"
	"github.com/parquet-go/parquet-go/compress/zstd"
	"github.com/parquet-go/parquet-go/encoding"

	"github.com/entente/entente/internal/table"
)

// kindOf is the narrowest kind of one CSV field: Int, else Float (a finite
// number), else Text.
func kindOf(f []byte) table.Kind {
	if _, err := strconv.ParseInt(string(f), 10, 64); err == nil {
		return table.Int
	}
	if x, err := strconv.ParseFloat(string(f), 64); err == nil && !math.IsNaN(x) && !math.IsInf(x, 0) {
		return table.Float // not "NaN" or "Inf": the verbs write a missing figure as an empty field
	}
	return table.Text
}

// widen is the kind of a column of kind k (noKind before its first value)
// that also holds a value of kind v: Int widens to Float, anything to Text.
func widen(k, v table.Kind) table.Kind {
	switch {
	case k == noKind || k == v:
		return v
	case k == table.Text || v == table.Text:
		return table.Text
	}
	return table.Float
}

// noKind is the kind of a column before its first value; a column without
// any value is written as DOUBLE (a missing figure).
const noKind table.Kind = 255

// lines cuts the text written to it into lines, giving each complete line,
// without its newline, to line; flush gives the last line if it has no
// newline. A line is valid only during the call.
type lines struct {
	partial []byte
	line    func([]byte) error
}

func (l *lines) Write(b []byte) (int, error) {
	data := b
	if len(l.partial) > 0 {
		data = append(l.partial, b...)
	}
	for {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			break
		}
		if err := l.line(data[:i]); err != nil {
			return 0, err
		}
		data = data[i+1:]
	}
	l.partial = append(l.partial[:0], data...)
	return len(b), nil
}

func (l *lines) flush() error {
	if len(l.partial) == 0 {
		return nil
	}
	err := l.line(l.partial)
	l.partial = l.partial[:0]
	return err
}

// fieldsOf splits a CSV line (without its newline) into fields, reusing
// fields: a line without quotes is cut at its commas without copying.
func fieldsOf(fields [][]byte, line []byte) ([][]byte, error) {
	fields = fields[:0]
	if bytes.IndexByte(line, '"') >= 0 {
		rec, err := splitCSV(string(line))
		for _, f := range rec {
			fields = append(fields, []byte(f))
		}
		return fields, err
	}
	start := 0
	for i, c := range line {
		if c == ',' { // fields are short: a loop beats bytes.IndexByte
			fields = append(fields, line[start:i])
			start = i + 1
		}
	}
	return append(fields, line[start:]), nil
}

// Parquet files are written a batch of rows at a time, column by column,
// and a row group is closed every rowGroupRows rows.
const (
	batchRows    = 1024
	rowGroupRows = 1 << 20
)

// typedParquet writes CSV text as a Parquet file whose columns have
// declared kinds, as the text comes: each line is parsed into values of
// its column's kind (an empty field is null), and the values go to the
// Parquet writer a batch of rows at a time. The first line must be the
// header naming the declared columns.
type typedParquet struct {
	lines
	pw      *parquet.Writer
	cols    []table.Column
	header  bool
	batch   [][]parquet.Value // per column: batchRows slots, the first rows in use
	rows    int               // rows in the batch
	inGroup int               // rows in the current row group, batch excluded
	text    []byte            // the bytes of the batch's text values
	fields  [][]byte
	line    int
	written int // typed rows taken by WriteRow
}

func newTypedParquet(w io.Writer, cols []table.Column) *typedParquet {
	nodes := make(columns, len(cols))
	for i, c := range cols {
		leaf := parquet.Leaf(parquet.DoubleType)
		switch c.Kind {
		case table.Int:
			leaf = parquet.Encoded(parquet.Int(64), &parquet.RLEDictionary)
		case table.Text:
			leaf = parquet.String()
		}
		nodes[i] = column{parquet.Optional(leaf), c.Name}
	}
	p := &typedParquet{
		pw: parquet.NewWriter(w, parquet.NewSchema("rows", nodes), parquet.Compression(&zstd.Codec{Level: zstd.SpeedFastest}),
			parquet.CreatedBy("entente", "", "")),
		cols:  cols,
		batch: make([][]parquet.Value, len(cols)),
	}
	for i := range p.batch {
		p.batch[i] = make([]parquet.Value, batchRows)
	}
	p.lines.line = p.add
	return p
}

// add takes one CSV line, without its newline.
func (p *typedParquet) add(line []byte) error {
	p.line++
	line = bytes.TrimSuffix(line, []byte{'\r'})
	if len(line) == 0 {
		return nil // a blank line is no record, as encoding/csv reads it
	}
	var err error
	if p.fields, err = fieldsOf(p.fields, line); err != nil {
		return fmt.Errorf("internal: CSV line %d: %w", p.line, err)
	}
	if len(p.fields) != len(p.cols) {
		return fmt.Errorf("internal: CSV line %d has %d fields, the columns %d", p.line, len(p.fields), len(p.cols))
	}
	if !p.header {
		p.header = true
		for i, f := range p.fields {
			if string(f) != p.cols[i].Name {
				return fmt.Errorf("internal: CSV header column %d is %q, declared %q", i+1, f, p.cols[i].Name)
			}
		}
		return nil
	}
	for i, f := range p.fields {
		if err := p.value(i, f); err != nil {
			return fmt.Errorf("internal: CSV line %d, column %s: %w", p.line, p.cols[i].Name, err)
		}
	}
	if p.rows++; p.rows == batchRows {
		return p.writeBatch()
	}
	return nil
}

// value appends field f of column i to the batch as a Parquet value:
// null when empty (or NaN).
func (p *typedParquet) value(i int, f []byte) error {
	if len(f) == 0 {
		p.putNull(i)
		return nil
	}
	switch p.cols[i].Kind {
	case table.Int:
		n, ok := parseInt(f)
		if !ok {
			return fmt.Errorf("%q is not an integer", f)
		}
		p.putInt(i, n)
	case table.Float:
		x, ok := parseFloat(f)
		if !ok {
			return fmt.Errorf("%q is not a number", f)
		}
		p.putFloat(i, x)
	default:
		p.putText(i, f)
	}
	return nil
}

// The put methods set the batch's slot of column i in the current row.
// Each builds its value in the slot itself: a value built apart and
// copied in is read back before its bytes have all been stored, which
// stalls every copy.

func (p *typedParquet) putNull(i int) {
	at := &p.batch[i][p.rows]
	*at = parquet.Value{}
	at.SetColumnIndex(i)
}

func (p *typedParquet) putInt(i int, n int64) {
	at := &p.batch[i][p.rows]
	*at = parquet.Int64Value(n)
	at.SetDefinitionLevel(1)
	at.SetColumnIndex(i)
}

// putFloat sets x, null when NaN.
func (p *typedParquet) putFloat(i int, x float64) {
	if math.IsNaN(x) {
		p.putNull(i)
		return
	}
	at := &p.batch[i][p.rows]
	*at = parquet.DoubleValue(x)
	at.SetDefinitionLevel(1)
	at.SetColumnIndex(i)
}

// putText sets a copy of f. The batch keeps its text in chunks that are
// never moved, so a value stays valid until the batch is written.
func (p *typedParquet) putText(i int, f []byte) {
	if len(p.text)+len(f) > cap(p.text) {
		p.text = make([]byte, 0, max(1<<16, len(f)))
	}
	start := len(p.text)
	p.text = append(p.text, f...)
	at := &p.batch[i][p.rows]
	*at = parquet.ByteArrayValue(p.text[start:len(p.text):len(p.text)])
	at.SetDefinitionLevel(1)
	at.SetColumnIndex(i)
}

// WriteRow takes a typed row (table.RowWriter): its values go to the
// batch as they are, with no text in between.
func (p *typedParquet) WriteRow(r *table.Row) error {
	col := 0
	cells := r.Cells()
	for i := range cells {
		c := &cells[i]
		if g := c.Group; g != nil {
			gc := g.Cells()
			if col+len(gc) > len(p.cols) {
				return p.rowLength(r)
			}
			for j := range gc {
				if err := p.cell(col, &gc[j]); err != nil {
					return err
				}
				col++
			}
			continue
		}
		if col == len(p.cols) {
			return p.rowLength(r)
		}
		if err := p.cell(col, c); err != nil {
			return err
		}
		col++
	}
	if col != len(p.cols) {
		return p.rowLength(r)
	}
	p.written++
	if p.rows++; p.rows == batchRows {
		return p.writeBatch()
	}
	return nil
}

// rowLength is the error of a row of the wrong length.
func (p *typedParquet) rowLength(r *table.Row) error {
	return fmt.Errorf("internal: a row of %d values, %d columns", r.Len(), len(p.cols))
}

// cell appends c to column i, which must be of c's kind (or a number
// column, for an integer): a value that does not fit is a bug.
func (p *typedParquet) cell(i int, c *table.Cell) error {
	k := p.cols[i].Kind
	switch {
	case c.Null:
		p.putNull(i)
	case c.Kind == table.Int && k == table.Int:
		p.putInt(i, c.Int)
	case c.Kind == table.Float && k == table.Float:
		p.putFloat(i, c.Float)
	case c.Kind == table.Int && k == table.Float:
		p.putFloat(i, float64(c.Int))
	case c.Kind == table.Text && k == table.Text:
		p.putText(i, c.Text)
	default:
		return fmt.Errorf("internal: column %s of kind %s given a value of kind %s", p.cols[i].Name, k, c.Kind)
	}
	return nil
}

// Flush does nothing: the batch is written when full, and by close.
func (p *typedParquet) Flush() error { return nil }

// parseInt reads a decimal integer: what strconv.ParseInt reads in base
// 10, quickly when it has at most 18 digits.
func parseInt(f []byte) (int64, bool) {
	digits := f
	if len(f) > 0 && (f[0] == '-' || f[0] == '+') {
		digits = f[1:]
	}
	if len(digits) == 0 || len(digits) > 18 {
		n, err := strconv.ParseInt(string(f), 10, 64)
		return n, err == nil
	}
	var n int64
	for _, c := range digits {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	if f[0] == '-' {
		n = -n
	}
	return n, true
}

// pow10 are the powers of ten a float64 holds exactly.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// parseFloat reads a number as strconv.ParseFloat does (an out-of-range
// one as an infinity), exactly: a plain decimal of at most 15 significant
// digits is an integer mantissa and a power of ten that are both exact in
// a float64, so one division rounds correctly (Clinger's fast path, as
// strconv takes it); anything else goes to strconv.
func parseFloat(f []byte) (float64, bool) {
	neg, digits := false, f
	if len(f) > 0 && (f[0] == '-' || f[0] == '+') {
		neg, digits = f[0] == '-', f[1:]
	}
	var m uint64
	nd, frac, dot := 0, 0, false
	for _, c := range digits {
		switch {
		case c >= '0' && c <= '9':
			if m == 0 && c == '0' && !dot {
				continue // a leading zero
			}
			m = m*10 + uint64(c-'0')
			if nd++; dot {
				frac++
			}
		case c == '.' && !dot:
			dot = true
		default:
			return slowFloat(f)
		}
	}
	if len(digits) == 0 || nd > 15 || frac > 22 || len(digits) == 1 && dot {
		return slowFloat(f)
	}
	x := float64(m) / pow10[frac]
	if neg {
		x = -x
	}
	return x, true
}

func slowFloat(f []byte) (float64, bool) {
	x, err := strconv.ParseFloat(string(f), 64)
	return x, err == nil || errors.Is(err, strconv.ErrRange)
}

// writeBatch hands the batch to the Parquet writer, column by column, and
// closes the row group when it is full.
func (p *typedParquet) writeBatch() error {
	if p.rows == 0 {
		return nil
	}
	for i, cw := range p.pw.ColumnWriters() {
		if _, err := cw.WriteRowValues(p.batch[i][:p.rows]); err != nil {
			return err
		}
	}
	p.inGroup += p.rows
	p.rows, p.text = 0, nil
	if p.inGroup >= rowGroupRows {
		p.inGroup = 0
		return p.pw.Flush()
	}
	return nil
}

// close writes what is left and the file's footer.
func (p *typedParquet) close() error {
	if err := p.lines.flush(); err != nil {
		return err
	}
	if !p.header {
		return fmt.Errorf("internal: no CSV header to write as Parquet")
	}
	if err := p.writeBatch(); err != nil {
		return err
	}
	return p.pw.Close()
}

// parquetRows turns CSV text whose columns were not declared into a
// Parquet file. It keeps the CSV in a spool (memory, or a temporary file)
// while it learns each column's kind from every value, the narrowest that
// holds them all, then writes the spool through typedParquet: the schema
// must be known before the first row group.
type parquetRows struct {
	lines
	spool  io.Writer
	w      *bufio.Writer
	header []string
	kinds  []table.Kind
	fields [][]byte
	line   int
}

func newParquetRows(spool io.Writer) *parquetRows {
	p := &parquetRows{spool: spool, w: bufio.NewWriterSize(spool, 1<<16)}
	p.lines.line = p.add
	return p
}

// add takes one CSV line, without its newline.
func (p *parquetRows) add(line []byte) error {
	p.line++
	if len(bytes.TrimSuffix(line, []byte{'\r'})) == 0 {
		return nil // a blank line is no record, as encoding/csv reads it
	}
	var err error
	if p.fields, err = fieldsOf(p.fields, bytes.TrimSuffix(line, []byte{'\r'})); err != nil {
		return fmt.Errorf("internal: CSV line %d: %w", p.line, err)
	}
	if p.header == nil {
		for _, f := range p.fields {
			p.header = append(p.header, string(f))
			p.kinds = append(p.kinds, noKind)
		}
	} else {
		if len(p.fields) != len(p.header) {
			return fmt.Errorf("internal: CSV line %d has %d fields, the header %d", p.line, len(p.fields), len(p.header))
		}
		for i, f := range p.fields {
			if len(f) > 0 && p.kinds[i] != table.Text {
				p.kinds[i] = widen(p.kinds[i], kindOf(f))
			}
		}
	}
	p.w.Write(line)
	return p.w.WriteByte('\n')
}

// writeTo writes the Parquet file of every row taken.
func (p *parquetRows) writeTo(out io.Writer) error {
	if err := p.lines.flush(); err != nil {
		return err
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
	cols := make([]table.Column, len(p.header))
	for i, name := range p.header {
		cols[i] = table.Column{Name: name, Kind: p.kinds[i]}
		if p.kinds[i] == noKind {
			cols[i].Kind = table.Float
		}
	}
	t := newTypedParquet(out, cols)
	if _, err := io.Copy(t, r); err != nil {
		return err
	}
	return t.close()
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
