package output

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/entente/entente/internal/atomicfile"
	"github.com/entente/entente/internal/table"
)

// Emit writes what render produces to --out, atomically, saying on stderr
// how many rows it wrote; or to stdout.
func (o *Flags) Emit(stdout, stderr io.Writer, rows int, render func(io.Writer) error) error {
	if !o.ToFile() {
		return render(stdout)
	}
	return WriteFile(stderr, o.Out, rows, render)
}

// WriteFile writes path atomically with what render produces and says
// "wrote N rows to FILE" on stderr.
func WriteFile(stderr io.Writer, path string, rows int, render func(io.Writer) error) error {
	if err := atomicfile.WriteFile(path, render); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "wrote %d rows to %s\n", rows, path)
	return nil
}

// WriteJSON writes v as indented JSON. Missing figures must already be
// null: analytics declare them as number.Figure, number.Float or
// pointers (encoding/json refuses a NaN float64).
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// RenderRows renders rows in a format: a table, CSV (the header in lower
// case), JSON lines (one object per row, keyed by the lower-case header)
// or Parquet.
func RenderRows(w io.Writer, format string, header []string, rows [][]string) error {
	if format == "table" {
		return table.Write(w, header, rows)
	}
	return CSVAs(format, func(w io.Writer) error { return table.WriteCSV(w, table.Lower(header), rows) })(w)
}

// CSVAs renders what writeCSV writes (CSV with a header, one record a
// line) in format: as it is for csv, as JSON lines for json, as a Parquet
// file for parquet.
func CSVAs(format string, writeCSV func(io.Writer) error) func(io.Writer) error {
	switch format {
	case "json":
		return func(w io.Writer) error {
			j := newJSONLines(w)
			if err := writeCSV(j); err != nil {
				return err
			}
			return j.flush()
		}
	case "parquet":
		return func(w io.Writer) error {
			p := newParquetRows(&bytes.Buffer{})
			if err := writeCSV(p); err != nil {
				return err
			}
			return p.writeTo(w)
		}
	}
	return writeCSV
}

// Rows is where a verb streams its rows as CSV text: standard output, or a
// file written atomically, so a failed run leaves nothing behind. Rows are
// counted, and a file written is reported on standard error. For JSON the
// CSV is turned into JSON lines as it comes. For Parquet, a verb that
// writes typed rows (table.NewRowWriter) has their values written as they
// come; otherwise the CSV is kept in a temporary file beside the output
// until Close, which types the columns from every value.
type Rows struct {
	w          *bufio.Writer
	file       *atomicfile.File
	stderr     io.Writer
	jsonl      *jsonLines
	parquetDir string        // the output's folder when writing Parquet
	typed      *typedParquet // Parquet of declared columns
	typedRows  bool          // typed rows, not CSV text, go to typed
	parquet    *parquetRows  // Parquet of undeclared columns
	spool      *os.File
	lines      int
}

// OpenRows opens --out for rows written as CSV, in the format the flags
// name.
func (o *Flags) OpenRows(stdout, stderr io.Writer) (*Rows, error) {
	format, err := o.Resolve()
	if err != nil {
		return nil, err
	}
	r := &Rows{stderr: stderr}
	var w io.Writer = stdout
	if o.ToFile() {
		f, err := atomicfile.Create(o.Out)
		if err != nil {
			return nil, fmt.Errorf("--out %s: %w", o.Out, err)
		}
		r.file, w = f, f
	}
	r.w = bufio.NewWriterSize(w, 1<<16)
	switch format {
	case "json":
		r.jsonl = newJSONLines(r.w)
	case "parquet":
		r.parquetDir = filepath.Dir(o.Out)
	}
	return r, nil
}

// TypedRows takes the columns of the rows about to be written
// (table.TypedSink): for Parquet it returns the writer of typed rows,
// whose values go to the file as they come, each column of its kind.
// Other formats take the rows as CSV text (nil).
func (r *Rows) TypedRows(cols []table.Column) (table.RowWriter, error) {
	if r.parquetDir == "" {
		return nil, nil
	}
	if r.lines > 0 || r.typed != nil || r.parquet != nil {
		return nil, fmt.Errorf("internal: typed rows asked for after rows were written")
	}
	r.typed = newTypedParquet(r.w, cols)
	r.typed.header = true // no header line comes: the columns are known
	r.typedRows = true
	return r.typed, nil
}

// spoolParquet starts a Parquet file of undeclared columns: the rows go to
// a temporary file beside the output until Close.
func (r *Rows) spoolParquet() error {
	spool, err := os.CreateTemp(r.parquetDir, ".entente-rows-*.csv")
	if err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	r.spool = spool
	r.parquet = newParquetRows(spool)
	return nil
}

// Write writes CSV text.
func (r *Rows) Write(p []byte) (int, error) {
	if r.typedRows {
		return 0, fmt.Errorf("internal: CSV text written beside typed rows")
	}
	if r.parquetDir != "" && r.typed == nil && r.parquet == nil {
		if err := r.spoolParquet(); err != nil {
			return 0, err
		}
	}
	r.lines += bytes.Count(p, []byte{'\n'})
	switch {
	case r.jsonl != nil:
		return r.jsonl.Write(p)
	case r.typed != nil:
		return r.typed.Write(p)
	case r.parquet != nil:
		return r.parquet.Write(p)
	}
	return r.w.Write(p)
}

// Close finishes the output: on success it flushes and commits the file;
// on failure (failed not nil) it removes it and returns failed.
func (r *Rows) Close(failed error) error {
	err := failed
	if err == nil && r.jsonl != nil {
		err = r.jsonl.flush()
	}
	if err == nil && r.typed != nil {
		err = r.typed.close()
	}
	if err == nil && r.parquet != nil {
		err = r.parquet.writeTo(r.w)
	}
	if err == nil && r.parquetDir != "" && r.typed == nil && r.parquet == nil {
		err = fmt.Errorf("internal: no CSV header to write as Parquet")
	}
	if r.spool != nil {
		r.spool.Close()
		os.Remove(r.spool.Name())
	}
	if err == nil {
		err = r.w.Flush()
	}
	if r.file == nil {
		return err
	}
	if err != nil {
		r.file.Abort()
		return err
	}
	if err := r.file.Commit(); err != nil {
		return err
	}
	n := max(0, r.lines-1) // the header is no row
	if r.typedRows {
		n = r.typed.written
	}
	fmt.Fprintf(r.stderr, "wrote %d rows to %s\n", n, r.file.Name())
	return nil
}
