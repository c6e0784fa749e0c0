package output

import (
	"errors"
	"io"
)

// EmitReport writes r, which has no Files, to --out or standard output in
// the format asked for: the JSON of r.V, r.Text for a table, or the rows
// of r.CSV (as JSON lines or Parquet where the verb allows them). Unlike
// WriteReport, which always prints the text, --format csv without --out
// prints the CSV: the shape of a verb whose answer is one table.
func (o *Flags) EmitReport(stdout, stderr io.Writer, r Report) error {
	if len(r.Files) > 0 {
		return errors.New("output: EmitReport writes no files beside --out; use WriteReport")
	}
	format, err := o.Resolve()
	if err != nil {
		return err
	}
	return o.Emit(stdout, stderr, r.Rows, func(w io.Writer) error {
		switch format {
		case "json":
			return WriteJSON(w, r.V)
		case "table":
			return r.Text(w)
		}
		return CSVAs(format, r.CSV)(w)
	})
}
