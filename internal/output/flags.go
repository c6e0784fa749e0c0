// Package output is the one output convention of Entente's command-line
// verbs: --out FILE, in the format --format names or else the file's
// extension (.csv, .json or .jsonl, .parquet, .svg, .png), the verb's first
// format (a table, or CSV for the data verbs) on standard output by
// default. Files are written atomically (package atomicfile) and reported on
// standard error as "wrote N rows to FILE"; a failed run leaves nothing
// behind.
//
// Every tabular format comes from one rendering: a verb writes CSV (a
// header, then one record a line, missing values as empty fields), and
// the package turns it into JSON lines (numbers as numbers, empty fields as
// null) or a Parquet file (columns INT64, DOUBLE or STRING, empty fields
// as nulls, zstd-compressed), so the three never disagree. A verb that
// writes typed rows (table.NewRowWriter: the panels) gives the Parquet
// file their values as they come, never as text, and CSV and JSON the
// text table.CSVWriter renders from the same rows; otherwise the kinds
// are learnt from every value, the CSV kept in a temporary file until the
// last row.
package output

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// UsageError is bad usage of the output flags (a format the verb does not
// write, an --out folder that does not exist): the command exits 2.
type UsageError struct{ Msg string }

func (u UsageError) Error() string { return u.Msg }

func usagef(format string, args ...any) error { return UsageError{fmt.Sprintf(format, args...)} }

// Flags are a verb's output flags: --out, --format and the deprecated
// --json and --csv.
type Flags struct {
	// Out is the file to write; "" or "-" is standard output.
	Out string
	// Format is the format asked for with --format, "" if none.
	Format string
	// Formats are the formats the verb writes, its default first.
	Formats []string

	json, csv bool
	fs        *flag.FlagSet
	aliases   []string // deprecated names of --out
}

// Register adds --out, --format and, unless the verb already has flags of
// those names, the deprecated --json and --csv. formats[0] is the default;
// a verb that writes CSV also writes Parquet.
func (o *Flags) Register(fs *flag.FlagSet, outHelp string, formats ...string) {
	if slices.Contains(formats, "csv") && !slices.Contains(formats, "parquet") {
		formats = append(formats, "parquet")
	}
	o.Formats, o.fs = formats, fs
	fs.StringVar(&o.Out, "out", "", outHelp)
	fs.StringVar(&o.Format, "format", "", "the output `format`: "+strings.Join(formats, ", ")+
		" (default: from --out's extension, else "+formats[0]+")")
	if slices.Contains(formats, "json") && fs.Lookup("json") == nil {
		fs.BoolVar(&o.json, "json", false, "deprecated: --format json")
	}
	if slices.Contains(formats, "csv") && fs.Lookup("csv") == nil {
		fs.BoolVar(&o.csv, "csv", false, "deprecated: --format csv")
	}
}

// Alias adds a deprecated name of --out; messages then name the flag the
// user gave.
func (o *Flags) Alias(fs *flag.FlagSet, name, help string) {
	fs.StringVar(&o.Out, name, "", help)
	o.aliases = append(o.aliases, name)
}

// outName is the name under which --out was given.
func (o *Flags) outName() string {
	name := "--out"
	if o.fs != nil {
		o.fs.Visit(func(f *flag.Flag) {
			if slices.Contains(o.aliases, f.Name) {
				name = "--" + f.Name
			}
		})
	}
	return name
}

// boolSet reports whether the verb's boolean flag name is set, be it ours
// or the verb's own (the --json of the store verbs).
func (o *Flags) boolSet(name string) bool {
	if o.fs == nil {
		return false
	}
	f := o.fs.Lookup(name)
	if f == nil {
		return false
	}
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag() && f.Value.String() == "true"
}

// Resolve returns the format to write, checking it against the verb's and
// the --out folder, before any work is done.
func (o *Flags) Resolve() (string, error) {
	json, csv := o.boolSet("json"), o.boolSet("csv")
	if json && csv || (json || csv) && o.Format != "" {
		return "", usagef("--format, --json and --csv exclude each other: give one")
	}
	format := strings.ToLower(o.Format)
	switch {
	case format != "":
	case json:
		format = "json"
	case csv:
		format = "csv"
	case o.ToFile():
		format = FormatOf(o.Out)
	default:
		format = o.Formats[0]
	}
	if !slices.Contains(o.Formats, format) {
		if o.Format == "" && o.ToFile() {
			return "", usagef("%s %s: expected a file ending in .%s (or --format)", o.outName(), o.Out, strings.Join(o.Formats[1:], ", ."))
		}
		return "", usagef("--format %s: expected one of %s (or an --out file ending in one of them)", format, strings.Join(o.Formats, ", "))
	}
	if format == "parquet" && !o.ToFile() {
		return "", usagef("--format parquet: expected --out FILE (Parquet is a binary file, not for standard output)")
	}
	if err := CheckDir(o.outName(), o.Out); err != nil {
		return "", err
	}
	return format, nil
}

// ToFile reports whether --out names a file.
func (o *Flags) ToFile() bool { return o.Out != "" && o.Out != "-" }

// FormatOf returns the format a file's extension names, "" for none: .jsonl
// is json, .pq parquet.
func FormatOf(path string) string {
	ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(path), "."))
	switch ext {
	case "jsonl":
		return "json"
	case "pq":
		return "parquet"
	}
	return ext
}

// ChartFormat returns the image format a chart file's extension names.
func ChartFormat(flagName, path string) (string, error) {
	switch f := FormatOf(path); f {
	case "png", "svg":
		return f, nil
	}
	return "", usagef("%s %s: a chart is written as .png or .svg", flagName, path)
}

// ChartFile is the format of the chart file path, named by the flag
// flagName, from its extension ("" without a file); only, when not "", is
// the one format the chart is drawn in.
func ChartFile(flagName, path, only string) (string, error) {
	if path == "" {
		return "", nil
	}
	format, err := ChartFormat(flagName, path)
	if err == nil && only != "" && format != only {
		return "", usagef("%s %s: the chart is drawn as %s only; name a .%s file", flagName, path, strings.ToUpper(only), only)
	}
	return format, err
}

// CheckDir refuses an output path whose folder does not exist, before any
// work is done.
func CheckDir(flagName, path string) error {
	if path == "" || path == "-" {
		return nil
	}
	if st, err := os.Stat(filepath.Dir(path)); err != nil || !st.IsDir() {
		return usagef("%s %s: folder %s does not exist", flagName, path, filepath.Dir(path))
	}
	return nil
}
