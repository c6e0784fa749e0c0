package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/entente/entente/internal/atomicfile"
	"github.com/entente/entente/internal/jsonsafe"
	"github.com/entente/entente/internal/table"
)

// outputFlags are the one output convention of the verbs that print
// results: --out FILE, in the format --format names or else the file's
// extension (.csv, .json or .jsonl, .svg, .png), the verb's first format
// (a table, or CSV for the data verbs) on standard output by default.
// Files are written atomically (package atomicfile) and reported on
// standard error as "wrote N rows to FILE". --json and --csv are kept as
// deprecated aliases of --format.
type outputFlags struct {
	out, format string
	json, csv   bool
	formats     []string // the formats the verb writes, its default first
	fs          *flag.FlagSet
	aliases     []string // deprecated names of --out
}

// alias adds a deprecated name of --out; messages then name the flag the
// user gave.
func (o *outputFlags) alias(fs *flag.FlagSet, name, help string) {
	fs.StringVar(&o.out, name, "", help)
	o.aliases = append(o.aliases, name)
}

// outName is the name under which --out was given.
func (o *outputFlags) outName() string {
	name := "--out"
	o.fs.Visit(func(f *flag.Flag) {
		if slices.Contains(o.aliases, f.Name) {
			name = "--" + f.Name
		}
	})
	return name
}

// register adds --out, --format and, unless the verb already has flags of
// those names, the deprecated --json and --csv. formats[0] is the default.
func (o *outputFlags) register(fs *flag.FlagSet, outHelp string, formats ...string) {
	o.formats, o.fs = formats, fs
	fs.StringVar(&o.out, "out", "", outHelp)
	fs.StringVar(&o.format, "format", "", "the output `format`: "+strings.Join(formats, ", ")+
		" (default: from --out's extension, else "+formats[0]+")")
	if slices.Contains(formats, "json") && fs.Lookup("json") == nil {
		fs.BoolVar(&o.json, "json", false, "deprecated: --format json")
	}
	if slices.Contains(formats, "csv") && fs.Lookup("csv") == nil {
		fs.BoolVar(&o.csv, "csv", false, "deprecated: --format csv")
	}
}

// boolSet reports whether the verb's boolean flag name is set, be it ours
// or the verb's own (the --json of the store verbs).
func (o *outputFlags) boolSet(name string) bool {
	f := o.fs.Lookup(name)
	if f == nil {
		return false
	}
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag() && f.Value.String() == "true"
}

// resolve returns the format to write, checking it against the verb's and
// the --out folder, before any work is done.
func (o *outputFlags) resolve() (string, error) {
	json, csv := o.boolSet("json"), o.boolSet("csv")
	if json && csv || (json || csv) && o.format != "" {
		return "", usagef("--format, --json and --csv: give one")
	}
	format := strings.ToLower(o.format)
	switch {
	case format != "":
	case json:
		format = "json"
	case csv:
		format = "csv"
	case o.toFile():
		format = formatOf(o.out)
	default:
		format = o.formats[0]
	}
	if !slices.Contains(o.formats, format) {
		if o.format == "" && o.toFile() {
			return "", usagef("%s %s: expected a file ending in .%s (or --format)", o.outName(), o.out, strings.Join(o.formats[1:], ", ."))
		}
		return "", usagef("--format %s: expected one of %s (or an --out file ending in one of them)", format, strings.Join(o.formats, ", "))
	}
	if err := checkOutDir(o.outName(), o.out); err != nil {
		return "", err
	}
	return format, nil
}

// toFile reports whether --out names a file.
func (o *outputFlags) toFile() bool { return o.out != "" && o.out != "-" }

// formatOf returns the format a file's extension names, "" for none.
func formatOf(path string) string {
	ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(path), "."))
	if ext == "jsonl" {
		return "json"
	}
	return ext
}

// emit writes what render produces to --out, atomically, saying on
// standard error how many rows it wrote; or to standard output.
func (o *outputFlags) emit(env *cli, rows int, render func(io.Writer) error) error {
	if !o.toFile() {
		return render(env.stdout)
	}
	return writeOut(env, o.out, rows, render)
}

// writeOut writes a file atomically and says so on standard error.
func writeOut(env *cli, path string, rows int, render func(io.Writer) error) error {
	if err := atomicfile.WriteFile(path, render); err != nil {
		return err
	}
	fmt.Fprintf(env.stderr, "wrote %d rows to %s\n", rows, path)
	return nil
}

// chartFormat returns the image format a chart file's extension names.
func chartFormat(flagName, path string) (string, error) {
	switch f := formatOf(path); f {
	case "png", "svg":
		return f, nil
	}
	return "", usagef("%s %s: a chart is written as .png or .svg", flagName, path)
}

// checkOutDir refuses an output path whose folder does not exist,
// before any work is done.
func checkOutDir(flagName, path string) error {
	if path == "" || path == "-" {
		return nil
	}
	if st, err := os.Stat(filepath.Dir(path)); err != nil || !st.IsDir() {
		return usagef("%s %s: folder %s does not exist", flagName, path, filepath.Dir(path))
	}
	return nil
}

// writeJSON writes v as indented JSON, missing figures (NaN, infinities)
// as null.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(jsonsafe.Value(v))
}

// renderRows renders rows in a format: a table, CSV (the header in lower
// case) or JSON (one object per row, keyed by the lower-case header).
func renderRows(w io.Writer, format string, header []string, rows [][]string) error {
	switch format {
	case "table":
		return table.Write(w, header, rows)
	case "csv":
		return table.WriteCSV(w, table.Lower(header), rows)
	}
	return csvAs("json", func(w io.Writer) error { return table.WriteCSV(w, table.Lower(header), rows) })(w)
}

// csvAs renders what writeCSV writes (CSV with a header, one record a
// line) in format: as it is for csv, as JSON lines for json.
func csvAs(format string, writeCSV func(io.Writer) error) func(io.Writer) error {
	if format != "json" {
		return writeCSV
	}
	return func(w io.Writer) error {
		j := &csvJSONLines{w: w}
		if err := writeCSV(j); err != nil {
			return err
		}
		return j.flush()
	}
}

// emitRows writes a list: v as JSON, or the rows as a table or CSV.
func (o *outputFlags) emitRows(env *cli, v any, header []string, rows [][]string) error {
	format, err := o.resolve()
	if err != nil {
		return err
	}
	return o.emit(env, len(rows), func(w io.Writer) error {
		if format == "json" { // records of the store: no missing figures
			enc := json.NewEncoder(w)
			enc.SetIndent("", "  ")
			return enc.Encode(v)
		}
		return renderRows(w, format, header, rows)
	})
}

// rowOutput is where a verb streams its rows: standard output, or a file
// written atomically, so a failed run leaves nothing behind. Rows are
// counted, and a file written is reported on standard error.
type rowOutput struct {
	w      *bufio.Writer
	file   *atomicfile.File
	stderr io.Writer
	jsonl  *csvJSONLines
	lines  int
}

// openRows opens --out for rows written as CSV, in the format the flags
// name: CSV, or JSON lines for json.
func (o *outputFlags) openRows(env *cli) (*rowOutput, error) {
	format, err := o.resolve()
	if err != nil {
		return nil, err
	}
	r := &rowOutput{stderr: env.stderr}
	var w io.Writer = env.stdout
	if o.toFile() {
		f, err := atomicfile.Create(o.out)
		if err != nil {
			return nil, fmt.Errorf("--out %s: %w", o.out, err)
		}
		r.file, w = f, f
	}
	r.w = bufio.NewWriterSize(w, 1<<16)
	if format == "json" {
		r.jsonl = &csvJSONLines{w: r.w}
	}
	return r, nil
}

// Write writes CSV text, converted to JSON lines if asked.
func (o *rowOutput) Write(p []byte) (int, error) {
	o.lines += bytes.Count(p, []byte{'\n'})
	if o.jsonl != nil {
		return o.jsonl.Write(p)
	}
	return o.w.Write(p)
}

// close finishes the output: on success it flushes and commits the file;
// on failure it removes it.
func (o *rowOutput) close(failed error) error {
	err := failed
	if err == nil && o.jsonl != nil {
		err = o.jsonl.flush()
	}
	if err == nil {
		err = o.w.Flush()
	}
	if o.file == nil {
		return err
	}
	if err != nil {
		o.file.Abort()
		return err
	}
	if err := o.file.Commit(); err != nil {
		return err
	}
	fmt.Fprintf(o.stderr, "wrote %d rows to %s\n", max(0, o.lines-1), o.file.Name())
	return nil
}

// csvJSONLines turns CSV (a header line, then rows) into one JSON object
// per row: numbers stay numbers, empty fields (missing values) become
// null, anything else a string.
type csvJSONLines struct {
	w       io.Writer
	header  []string
	partial []byte
}

func (j *csvJSONLines) Write(p []byte) (int, error) {
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

func (j *csvJSONLines) flush() error {
	if len(j.partial) == 0 {
		return nil
	}
	err := j.line(string(j.partial))
	j.partial = j.partial[:0]
	return err
}

func (j *csvJSONLines) line(s string) error {
	fields := strings.Split(s, ",")
	if strings.Contains(s, `"`) { // a quoted field: read it as CSV
		r := csv.NewReader(strings.NewReader(s))
		r.LazyQuotes = true
		var err error
		if fields, err = r.Read(); err != nil {
			return err
		}
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
	_, err := j.w.Write(b)
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
