package csvio

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Schema describes the header a file of one dataset version must have.
// Importers check it before reading any record, so that a file of another
// version or another table of the same dataset is rejected with a clear
// message instead of being read into wrong numbers.
type Schema struct {
	// Dataset names the expected file in messages, e.g.
	// "the ATOP 5.1 member-level file (atop5_1m)".
	Dataset string

	// Required columns must all be present.
	Required []string

	// Forbidden columns must be absent: they belong to sibling tables or
	// other versions whose headers otherwise overlap (for example ATOP's
	// phase-level file has atopidphase, the alliance-level file does not).
	Forbidden []string

	// VersionColumn, when set, must hold VersionValue in every record. It
	// separates versions whose headers are identical, such as NMC 5.0 and
	// 6.0, and is checked by Next for every record.
	VersionColumn string
	VersionValue  string // required content of VersionColumn
}

// Check verifies the header against s and installs its per-record version
// check. The error names the file, the expected dataset and the offending
// columns.
func (rd *Reader) Check(s Schema) error {
	if missing := rd.missingColumns(s.Required); len(missing) > 0 {
		return rd.headerError("expected %s, but the header lacks %s", s.Dataset, quoteList(missing))
	}
	for _, name := range s.Forbidden {
		if rd.Has(name) {
			return rd.headerError("expected %s, but the header has column %q, which belongs to another file or version", s.Dataset, name)
		}
	}
	if s.VersionColumn == "" {
		return nil
	}
	c := rd.Col(s.VersionColumn)
	if c < 0 {
		return rd.headerError("expected %s, but the header lacks %q", s.Dataset, s.VersionColumn)
	}
	rd.version = versionCheck{col: c, want: s.VersionValue, what: s.Dataset}
	return nil
}

func (rd *Reader) missingColumns(names []string) []string {
	var missing []string
	for _, name := range names {
		if !rd.Has(name) {
			missing = append(missing, name)
		}
	}
	return missing
}

func (rd *Reader) headerError(format string, args ...any) error {
	return &FieldError{File: rd.name, Line: 1, Column: "header", Msg: fmt.Sprintf(format, args...)}
}

// quoteList renders column names for messages, shortening long lists.
func quoteList(names []string) string {
	const max = 5
	q := make([]string, 0, max+1)
	for i, n := range names {
		if i == max {
			q = append(q, fmt.Sprintf("and %d more", len(names)-max))
			break
		}
		q = append(q, fmt.Sprintf("%q", n))
	}
	noun := "column "
	if len(names) > 1 {
		noun = "columns "
	}
	return noun + strings.Join(q, ", ")
}

// Numbered returns the indexes of the columns prefix1, prefix2, ... in
// order, stopping at the first number that is absent (ATOP's mem1..mem59
// and atopid1..atopid59).
func (rd *Reader) Numbered(prefix string) []int {
	var idx []int
	for i := 1; ; i++ {
		c := rd.Col(fmt.Sprintf("%s%d", prefix, i))
		if c < 0 {
			return idx
		}
		idx = append(idx, c)
	}
}

// Each reads the remaining records of rd, turning each into a T with parse
// and handing it to fn. It stops at the first row error, parse failure or
// error returned by fn.
func Each[T any](rd *Reader, parse func(*Reader) T, fn func(T) error) error {
	for rd.Next() {
		v := parse(rd)
		if err := rd.RowErr(); err != nil {
			return err
		}
		if err := fn(v); err != nil {
			return err
		}
	}
	return rd.Err()
}

// Collect opens the file at path and gathers every record that the streaming
// importer read delivers. It is the common body of the importers' Load
// functions; the file is named by its base name in errors.
func Collect[T any](path string, read func(r io.Reader, name string, fn func(T) error) error) ([]T, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []T
	err = read(f, filepath.Base(path), func(v T) error {
		out = append(out, v)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// YearColumns returns the columns of a wide table whose header is a year
// (such as the World Bank's "1960" ... "2023"), with those years, in
// header order.
func (rd *Reader) YearColumns() (cols, years []int) {
	for i, h := range rd.header {
		y, err := strconv.Atoi(h)
		if err == nil && y >= MinYear && y <= MaxYear && strconv.Itoa(y) == h {
			cols = append(cols, i)
			years = append(years, y)
		}
	}
	return cols, years
}

// NewChecked is NewReader followed by Check: a Reader for a table whose
// header must match s. On a header error the Reader is closed.
func NewChecked(r io.Reader, name string, opt Options, s Schema) (*Reader, error) {
	rd, err := NewReader(r, name, opt)
	if err != nil {
		return nil, err
	}
	if err := rd.Check(s); err != nil {
		rd.Close()
		return nil, err
	}
	return rd, nil
}
