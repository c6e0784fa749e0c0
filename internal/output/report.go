package output

import (
	"errors"
	"io"
)

// Report is what an analysis writes: its rows to --out (as CSV, or V as
// JSON for a .json --out or --format json), other files beside, and V as
// JSON or Text on standard output.
type Report struct {
	V     any                   // the whole result, for JSON
	Rows  int                   // the rows --out holds
	CSV   func(io.Writer) error // the rows as CSV
	Text  func(io.Writer) error // the report for a person
	Files []File                // other files, by their flags
}

// File is another output file of a report: the flag that names it, its
// path ("" for none), its rows and how to render it.
type File struct {
	Flag, Path string
	Rows       int
	Render     func(io.Writer) error
}

// WriteReport writes r's files, all or none (see Files), then r on
// stdout: as JSON when JSON was asked for without an --out file, else as
// text. The format must have been resolved before the work.
func (o *Flags) WriteReport(stdout, stderr io.Writer, r Report) error {
	format, err := o.Resolve()
	if err != nil {
		return err
	}
	rows := r.CSV
	if format == "json" {
		rows = func(w io.Writer) error { return WriteJSON(w, r.V) }
	}
	var out Files
	errs := []error{out.Add("out", o.Out, r.Rows, rows)}
	for _, f := range r.Files {
		errs = append(errs, out.Add(f.Flag, f.Path, f.Rows, f.Render))
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	if err := out.Write(stderr); err != nil {
		return err
	}
	if format == "json" && !o.ToFile() {
		return WriteJSON(stdout, r.V)
	}
	return r.Text(stdout)
}
