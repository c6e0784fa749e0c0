package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/entente/entente/internal/atomicfile"
)

// outputFlags are the output convention of the analysis verbs: --out FILE,
// the format named by --format or else by the file's extension (.csv, .json,
// .svg, .png), a table on standard output by default. --json and --csv are
// kept as deprecated aliases of --format.
type outputFlags struct {
	out, format string
	json, csv   bool
	formats     []string // the formats the verb writes, "table" first
}

// register adds --out, --format and, unless the verb already has flags of
// those names, the deprecated --json and --csv.
func (o *outputFlags) register(fs *flag.FlagSet, outHelp string, formats ...string) {
	o.formats = append([]string{"table"}, formats...)
	fs.StringVar(&o.out, "out", "", outHelp)
	fs.StringVar(&o.format, "format", "", "the output `format`: "+strings.Join(o.formats, ", ")+" (default: from --out's extension, else table)")
	if slices.Contains(formats, "json") && fs.Lookup("json") == nil {
		fs.BoolVar(&o.json, "json", false, "deprecated: --format json")
	}
	if slices.Contains(formats, "csv") && fs.Lookup("csv") == nil {
		fs.BoolVar(&o.csv, "csv", false, "deprecated: --format csv")
	}
}

// resolve returns the format to write, checking it against the verb's.
func (o *outputFlags) resolve() (string, error) {
	var named []string
	for flagName, f := range map[string]string{"--json": "json", "--csv": "csv"} {
		if (f == "json" && o.json) || (f == "csv" && o.csv) {
			named = append(named, flagName)
		}
	}
	if len(named) > 1 || len(named) == 1 && o.format != "" {
		return "", usagef("--format, --json and --csv: give one")
	}
	format := strings.ToLower(o.format)
	switch {
	case format != "":
	case o.json:
		format = "json"
	case o.csv:
		format = "csv"
	case o.toFile():
		format = formatOf(o.out)
	default:
		format = "table"
	}
	if !slices.Contains(o.formats, format) {
		return "", usagef("--format %s: expected one of %s (or an --out file ending in one of them)", format, strings.Join(o.formats, ", "))
	}
	if o.toFile() {
		if err := checkOutDir("--out", o.out); err != nil {
			return "", err
		}
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
