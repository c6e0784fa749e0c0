package main

import (
	"encoding/json"
	"flag"
	"io"

	"github.com/schollz/progressbar/v3"

	"github.com/entente/entente/internal/output"
	"github.com/entente/entente/internal/table"
)

// outputFlags are a verb's output flags: package output's one convention
// (--out FILE, --format, "wrote N rows to FILE" on standard error).
type outputFlags struct{ output.Flags }

// The lower-case methods and the aliases below are what the verbs call
// (simverb.go among them, which h-sim is changing); they forward to
// package output and can go once every verb calls it directly.
func (o *outputFlags) register(fs *flag.FlagSet, help string, formats ...string) {
	o.Register(fs, help, formats...)
}
func (o *outputFlags) alias(fs *flag.FlagSet, name, help string) { o.Alias(fs, name, help) }
func (o *outputFlags) resolve() (string, error)                  { return o.Resolve() }
func (o *outputFlags) toFile() bool                              { return o.ToFile() }

// emit writes what render produces to --out or standard output.
func (o *outputFlags) emit(env *cli, rows int, render func(io.Writer) error) error {
	return o.Emit(env.stdout, env.stderr, rows, render)
}

// openRows opens --out for rows streamed as CSV.
func (o *outputFlags) openRows(env *cli) (*output.Rows, error) {
	return o.OpenRows(env.stdout, env.stderr)
}

// emitRows writes a list of store records: v as JSON, or the rows as a
// table, CSV or Parquet.
func (o *outputFlags) emitRows(env *cli, v any, header []string, rows [][]string) error {
	format, err := o.Resolve()
	if err != nil {
		return err
	}
	return o.emit(env, len(rows), func(w io.Writer) error {
		if format == "json" {
			return output.WriteJSON(w, v)
		}
		return output.RenderRows(w, format, header, rows)
	})
}

// writeOut writes a file atomically and says so on standard error.
func writeOut(env *cli, path string, rows int, render func(io.Writer) error) error {
	return output.WriteFile(env.stderr, path, rows, render)
}

// writeJSON writes v as indented JSON. Every report type writes its
// missing figures (NaN) as null through its own MarshalJSON.
func writeJSON(w io.Writer, v any) error { return output.WriteJSON(w, v) }

var (
	csvAs       = output.CSVAs
	renderRows  = output.RenderRows
	formatOf    = output.FormatOf
	chartFormat = output.ChartFormat
	checkOutDir = output.CheckDir
)

// newBar is the one progress bar of the long verbs.
func newBar(env *cli, quiet bool, n int, what string) *progressbar.ProgressBar {
	return output.NewBar(env.stderr, quiet, n, what)
}

// printJSON prints v as indented JSON: a signed request, a store record.
func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// common's output: v as JSON, or a table from rows.
func (c *common) output(w io.Writer, v any, header []string, rows [][]string) error {
	if c.json {
		return printJSON(w, v)
	}
	return table.Write(w, header, rows)
}
