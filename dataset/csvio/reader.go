package csvio

import (
	"bufio"
	"compress/gzip"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Options configure how a Reader splits and decodes its input.
type Options struct {
	// Comma is the field delimiter; 0 means ','.
	Comma rune

	// Raw switches off CSV quoting rules: every physical line is one record,
	// fields are split on Comma and one pair of surrounding double quotes is
	// removed from each field. Stata and R exports that escape quotes with
	// backslashes (such as Voeten's DescriptionsUN1-72.tab) cannot be parsed
	// with RFC 4180 quoting, because a `\"` inside a field ends it early.
	Raw bool

	// Missing lists the field texts (compared after trimming spaces) that
	// mean "no value" to the optional getters (OptInt, Float, Flag, Month,
	// Day, OptYear, OptDate). Nil means {""}. Required getters such as Int
	// and Year report a missing value as an error.
	Missing []string

	// Windows1252 transcodes the input from Windows-1252 (a superset of
	// Latin-1 in the printable range) to UTF-8 before parsing.
	Windows1252 bool
}

// Reader streams the records of one delimited text file. It is not safe for
// concurrent use.
type Reader struct {
	name    string
	src     source
	closers []io.Closer
	header  []string
	index   map[string]int
	missing []string

	rec     []string
	line    int // line on which the current record starts
	version versionCheck
	rowErr  error
	err     error
}

// source yields records and the line on which a field of the last record
// starts.
type source interface {
	read() ([]string, error)
	fieldLine(field int) int
}

// versionCheck is a per-record check that a column holds one fixed value.
type versionCheck struct {
	col  int
	want string
	what string
}

// NewReader reads the header from r and returns a Reader positioned before
// the first record. name is used in error messages (normally the file's base
// name). Gzip-compressed input is recognised by its magic bytes.
func NewReader(r io.Reader, name string, opt Options) (*Reader, error) {
	rd := &Reader{name: name, missing: opt.Missing, version: versionCheck{col: -1}}
	if rd.missing == nil {
		rd.missing = []string{""}
	}
	in, err := rd.decompress(r)
	if err != nil {
		return nil, err
	}
	if opt.Windows1252 {
		in = NewWindows1252Reader(in)
	}
	rd.src = newSource(in, opt)
	if err := rd.readHeader(); err != nil {
		rd.Close()
		return nil, err
	}
	return rd, nil
}

// Open opens the file at path and returns a Reader for it whose error
// messages name the file by its base name. The caller must Close it.
func Open(path string, opt Options) (*Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	rd, err := NewReader(f, filepath.Base(path), opt)
	if err != nil {
		f.Close()
		return nil, err
	}
	rd.closers = append(rd.closers, f)
	return rd, nil
}

// decompress wraps r in a gzip reader when it starts with the gzip magic
// bytes, so importers accept both plain and compressed streams.
func (rd *Reader) decompress(r io.Reader) (io.Reader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	magic, _ := br.Peek(2)
	if len(magic) < 2 || magic[0] != 0x1f || magic[1] != 0x8b {
		return br, nil
	}
	zr, err := gzip.NewReader(br)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", rd.name, err)
	}
	rd.closers = append(rd.closers, zr)
	return zr, nil
}

func newSource(r io.Reader, opt Options) source {
	comma := opt.Comma
	if comma == 0 {
		comma = ','
	}
	if opt.Raw {
		return &rawSource{br: bufio.NewReaderSize(r, 64<<10), sep: string(comma)}
	}
	cr := csv.NewReader(r)
	cr.Comma = comma
	cr.FieldsPerRecord = -1 // checked against the header by Next, with a better message
	cr.ReuseRecord = true
	return csvSource{cr}
}

// readHeader reads the first record and indexes its column names.
func (rd *Reader) readHeader() error {
	h, err := rd.src.read()
	if err == io.EOF {
		return &FieldError{File: rd.name, Line: 1, Column: "header", Msg: "expected a header line, got an empty file"}
	}
	if err != nil {
		return rd.wrapReadErr(err)
	}
	rd.header = make([]string, len(h))
	rd.index = make(map[string]int, len(h))
	for i, name := range h {
		if i == 0 {
			name = strings.TrimPrefix(name, "\ufeff") // byte order mark
		}
		name = strings.TrimSpace(name)
		rd.header[i] = name
		if _, dup := rd.index[name]; !dup {
			rd.index[name] = i
		}
	}
	return nil
}

// Close releases the decompressor and, for a Reader made by Open, the file.
func (rd *Reader) Close() error {
	var first error
	for i := len(rd.closers) - 1; i >= 0; i-- {
		if err := rd.closers[i].Close(); err != nil && first == nil {
			first = err
		}
	}
	rd.closers = nil
	return first
}

// Name returns the file name used in error messages.
func (rd *Reader) Name() string { return rd.name }

// Header returns the column names, trimmed. The slice must not be modified.
func (rd *Reader) Header() []string { return rd.header }

// Col returns the index of the named column, or -1 if the header lacks it.
func (rd *Reader) Col(name string) int {
	if i, ok := rd.index[name]; ok {
		return i
	}
	return -1
}

// Has reports whether the header has the named column.
func (rd *Reader) Has(name string) bool { return rd.Col(name) >= 0 }

// Next advances to the next record. It returns false at the end of the
// input or on an error, which Err then reports.
func (rd *Reader) Next() bool {
	if rd.err != nil {
		return false
	}
	rd.rowErr = nil
	rec, err := rd.src.read()
	if err == io.EOF {
		return false
	}
	if err != nil {
		rd.err = rd.wrapReadErr(err)
		return false
	}
	rd.rec = rec
	rd.line = rd.src.fieldLine(0)
	if len(rec) != len(rd.header) {
		rd.err = rd.errorf("record", "expected %d fields as in the header, got %d", len(rd.header), len(rec))
		return false
	}
	return rd.checkVersion()
}

// checkVersion applies the check installed by Schema.Version.
func (rd *Reader) checkVersion() bool {
	v := rd.version
	if v.col < 0 {
		return true
	}
	if got := strings.TrimSpace(rd.rec[v.col]); got != v.want {
		rd.err = rd.errorf(rd.header[v.col], "expected %q (%s), got %q", v.want, v.what, clip(got))
		return false
	}
	return true
}

// Err returns the first error that stopped Next, or nil at a clean end.
func (rd *Reader) Err() error { return rd.err }

// RowErr returns the first getter failure on the current record, or nil.
func (rd *Reader) RowErr() error { return rd.rowErr }

// Line returns the line on which the current record starts (the header is
// line 1).
func (rd *Reader) Line() int { return rd.line }

// Record returns the fields of the current record. The slice is reused by
// the next call to Next.
func (rd *Reader) Record() []string { return rd.rec }

// Field returns the raw text of column c in the current record.
func (rd *Reader) Field(c int) string { return rd.rec[c] }

// Str returns column c of the current record with surrounding spaces removed.
func (rd *Reader) Str(c int) string {
	s := rd.rec[c]
	if n := len(s); n == 0 || plain(s[0]) && plain(s[n-1]) {
		return s // the common case; TrimSpace shows up in profiles of big files
	}
	return strings.TrimSpace(s)
}

// plain reports whether b is a printable ASCII byte, which no Unicode space
// can start or end with.
func plain(b byte) bool { return b > ' ' && b < 0x7f }

// Fail records a row error for column c saying what was expected instead of
// the field's text, unless the record already has one. Importers use it for
// checks that go beyond the generic getters.
func (rd *Reader) Fail(c int, expected string) {
	if rd.rowErr != nil {
		return
	}
	rd.rowErr = &FieldError{
		File:   rd.name,
		Line:   rd.src.fieldLine(c),
		Column: rd.header[c],
		Msg:    fmt.Sprintf("expected %s, got %q", expected, clip(strings.TrimSpace(rd.rec[c]))),
	}
}

// wrapReadErr turns errors of the underlying parser into FieldErrors.
func (rd *Reader) wrapReadErr(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &FieldError{File: rd.name, Line: pe.Line, Column: "record", Msg: "expected well-formed CSV: " + pe.Err.Error()}
	}
	return fmt.Errorf("%s: %w", rd.name, err)
}

func (rd *Reader) errorf(column, format string, args ...any) error {
	return &FieldError{File: rd.name, Line: rd.line, Column: column, Msg: fmt.Sprintf(format, args...)}
}

// FieldError is an error located in a file: it prints as
// "file:line: column: message".
type FieldError struct {
	File   string // file name, normally the base name
	Line   int    // 1-based line; the header is line 1
	Column string // column name, or "header" / "record"
	Msg    string // what was expected, and what was found
}

// Error implements error.
func (e *FieldError) Error() string {
	return fmt.Sprintf("%s:%d: %s: %s", e.File, e.Line, e.Column, e.Msg)
}

// clip shortens long field texts so that error messages stay on one line.
func clip(s string) string {
	const max = 60
	if len(s) <= max {
		return s
	}
	return s[:max] + "..."
}

// csvSource reads RFC 4180 records with encoding/csv.
type csvSource struct{ r *csv.Reader }

func (s csvSource) read() ([]string, error) { return s.r.Read() }

func (s csvSource) fieldLine(field int) int {
	line, _ := s.r.FieldPos(field)
	return line
}

// rawSource reads one record per physical line without quote processing.
type rawSource struct {
	br   *bufio.Reader
	sep  string
	line int
	rec  []string
}

func (s *rawSource) read() ([]string, error) {
	text, err := s.br.ReadString('\n')
	if err == io.EOF && text == "" {
		return nil, io.EOF
	}
	if err != nil && err != io.EOF {
		return nil, err
	}
	s.line++
	text = strings.TrimSuffix(strings.TrimSuffix(text, "\n"), "\r")
	s.rec = s.rec[:0]
	for _, f := range strings.Split(text, s.sep) {
		if len(f) >= 2 && f[0] == '"' && f[len(f)-1] == '"' {
			f = f[1 : len(f)-1]
		}
		s.rec = append(s.rec, f)
	}
	return s.rec, nil
}

func (s *rawSource) fieldLine(int) int { return s.line }
