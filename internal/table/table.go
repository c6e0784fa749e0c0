// Package table writes rows as the command line prints them: a plain-text
// table with aligned columns, or CSV. The analysis packages render their
// reports with it, so that cmd/entente only chooses where they go.
package table

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// Write writes a header and rows as a table: columns separated by two
// spaces at least, left-aligned.
func Write(w io.Writer, header []string, rows [][]string) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	writeRow(tw, header)
	for _, r := range rows {
		writeRow(tw, r)
	}
	return tw.Flush()
}

func writeRow(w io.Writer, cells []string) {
	for i, c := range cells {
		if i > 0 {
			fmt.Fprint(w, "\t")
		}
		fmt.Fprint(w, c)
	}
	fmt.Fprintln(w)
}

// WriteCSV writes a header and rows as CSV.
func WriteCSV(w io.Writer, header []string, rows [][]string) error {
	cw := csv.NewWriter(w)
	cw.Write(header)
	cw.WriteAll(rows) // flushes
	return cw.Error()
}

// Lower returns a table header as a CSV header: lower case, spaces as
// underscores.
func Lower(header []string) []string {
	out := make([]string, len(header))
	for i, h := range header {
		out[i] = strings.ReplaceAll(strings.ToLower(h), " ", "_")
	}
	return out
}

// Kind is the type of a column's values in a typed output (Parquet): what
// the writer formats into the column, not what its values happen to look
// like.
type Kind uint8

// The kinds of column. Every kind may be empty (missing, null).
const (
	// Text is any text: a Parquet STRING.
	Text Kind = iota
	// Int is integers (strconv.AppendInt, 0/1 flags): a Parquet INT64.
	Int
	// Float is numbers (a float64 formatted): a Parquet DOUBLE.
	Float
)

// Column is a named, typed column.
type Column struct {
	Name string
	Kind Kind
}

// Names returns the columns' names: a CSV header.
func Names(cols []Column) []string {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	return names
}
