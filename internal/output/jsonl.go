package output

import (
	"bytes"
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
	w       io.Writer
	header  []string
	partial []byte
}

func (j *jsonLines) Write(p []byte) (int, error) {
	data := append(j.partial, p...)
	for {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			break
		}
		if err := j.line(string(data[:i])); err != nil {
			return 0, err
		}
		data = data[i+1:]
	}
	j.partial = append(j.partial[:0], data...)
	return len(p), nil
}

func (j *jsonLines) flush() error {
	if len(j.partial) == 0 {
		return nil
	}
	err := j.line(string(j.partial))
	j.partial = j.partial[:0]
	return err
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

func (j *jsonLines) line(s string) error {
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
