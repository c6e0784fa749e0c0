package output

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// jsonLines turns CSV (a header line, then rows) into one JSON object per
// row: numbers stay numbers, empty fields (missing values) become null,
// anything else a string.
type jsonLines struct {
	lines
	w      io.Writer
	header []string
}

func newJSONLines(w io.Writer) *jsonLines {
	j := &jsonLines{w: w}
	j.lines.line = j.line
	return j
}

// splitCSV splits one CSV line into its fields.
func splitCSV(s string) ([]string, error) {
	if !strings.Contains(s, `"`) {
		return strings.Split(s, ","), nil
	}
	r := csv.NewReader(strings.NewReader(s)) // a quoted field: read it as CSV
	r.LazyQuotes = true
	return r.Read()
}

func (j *jsonLines) line(line []byte) error {
	s := string(line)
	if s == "" {
		return nil // a blank line is no record, as encoding/csv reads it
	}
	fields, err := splitCSV(s)
	if err != nil {
		return err
	}
	if j.header == nil {
		j.header = fields
		return nil
	}
	if len(fields) != len(j.header) {
		return fmt.Errorf("internal: a row has %d fields, the header %d", len(fields), len(j.header))
	}
	b := []byte{'{'}
	for i, f := range fields {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendQuote(b, j.header[i])
		b = append(b, ':')
		b = appendJSONField(b, f)
	}
	b = append(b, '}', '\n')
	_, err = j.w.Write(b)
	return err
}

func appendJSONField(b []byte, f string) []byte {
	if f == "" {
		return append(b, "null"...)
	}
	if _, err := strconv.ParseFloat(f, 64); err == nil && json.Valid([]byte(f)) {
		return append(b, f...) // a JSON number (Inf and NaN are not)
	}
	q, _ := json.Marshal(f)
	return append(b, q...)
}
