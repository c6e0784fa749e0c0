// Package testutil holds helpers shared by the dataset importers' tests:
// fixture mutation for bad-row table tests and exact error comparison.
package testutil

import (
	"os"
	"strings"
	"testing"
)

// ReadFixture returns the content of a testdata file.
func ReadFixture(tb testing.TB, path string) string {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// Mutate returns csv with the field of the named column on the given line
// (1 = header) replaced by value. The fixture must not contain quoted
// delimiters; sep is the field separator.
func Mutate(tb testing.TB, csv string, sep string, line int, column, value string) string {
	tb.Helper()
	lines := strings.Split(csv, "\n")
	header := strings.Split(strings.TrimSuffix(lines[0], "\r"), sep)
	col := -1
	for i, h := range header {
		if strings.Trim(h, `"`) == column {
			col = i
			break
		}
	}
	if col < 0 || line < 1 || line > len(lines) {
		tb.Fatalf("fixture has no column %q or line %d", column, line)
	}
	text, cr := strings.CutSuffix(lines[line-1], "\r") // keep CRLF fixtures intact
	fields := strings.Split(text, sep)
	if col >= len(fields) {
		tb.Fatalf("fixture line %d has only %d fields", line, len(fields))
	}
	fields[col] = value
	lines[line-1] = strings.Join(fields, sep)
	if cr {
		lines[line-1] += "\r"
	}
	return strings.Join(lines, "\n")
}

// WantError fails tb unless err's text is exactly want.
func WantError(tb testing.TB, err error, want string) {
	tb.Helper()
	if err == nil {
		tb.Fatalf("no error, want %s", want)
	}
	if err.Error() != want {
		tb.Fatalf("error:\n got %s\nwant %s", err, want)
	}
}

// BadRow is one case of a bad-row table test: with the field of Column on
// Line (1 = header) of testdata/File set to Value, the reader must fail
// with exactly Want.
type BadRow struct {
	File, Column string
	Line         int
	Value, Want  string
}

// BadRows runs each row as a subtest named File/Column: it mutates the
// fixture and checks read's error. Fields are separated by sep, or by a
// tab in a file whose name ends in ".tab".
func BadRows(t *testing.T, sep string, rows []BadRow, read func(file, in string) error) {
	t.Helper()
	for _, r := range rows {
		t.Run(r.File+"/"+r.Column, func(t *testing.T) {
			s := sep
			if strings.HasSuffix(r.File, ".tab") {
				s = "\t"
			}
			in := Mutate(t, ReadFixture(t, "testdata/"+r.File), s, r.Line, r.Column, r.Value)
			WantError(t, read(r.File, in), r.Want)
		})
	}
}

// WantRows fails tb if err is not nil, and reports an error unless a
// reader returned want rows (got).
func WantRows(tb testing.TB, err error, got, want int) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
	if got != want {
		tb.Errorf("rows = %d, want %d", got, want)
	}
}
