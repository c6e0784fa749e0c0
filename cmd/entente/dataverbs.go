package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/dataset/cowstate"
	"github.com/entente/entente/dataset/nmc"
	"github.com/entente/entente/dataset/unvotes"
	"github.com/entente/entente/internal/atomicfile"
	"github.com/entente/entente/internal/sharedata"
	"github.com/entente/entente/panel"
)

// The files the data verbs read, relative to --data: the one layout of
// package sharedata.
const (
	dvSystem    = sharedata.System
	dvMajors    = sharedata.Majors
	dvNMC6      = sharedata.NMC6
	dvNMC5      = sharedata.NMC5
	dvMembers   = sharedata.Members
	dvVotes     = sharedata.Votes
	dvRollCalls = sharedata.RollCalls
	dvIssues    = sharedata.Issues
)

// The years the shared files cover; flags are checked against them
// before anything is read.
var (
	dvSpanSystem = [2]int{1816, 2016} // COW system v2016, NMC 6.0
	dvSpanATOP   = [2]int{1816, panel.ATOPLastYear}
	dvSpanVotes  = [2]int{1946, 2020} // unvotes: sessions 1-74
)

// dataVerbFlags are the flags every data verb takes.
type dataVerbFlags struct {
	dir   string
	quiet bool
	json  bool
	out   string
}

func (d *dataVerbFlags) register(fs *flag.FlagSet, outHelp string) {
	fs.StringVar(&d.dir, "data", "", dataHelp)
	fs.BoolVar(&d.quiet, "quiet", false, "no progress bar on standard error")
	fs.BoolVar(&d.json, "json", false, "write JSON (one object per line for tables of rows) instead of CSV")
	if outHelp != "" {
		fs.StringVar(&d.out, "out", "-", outHelp)
	}
}

// check finds the data folder holding the named files (the data location
// rule) and keeps it in d.dir.
func (d *dataVerbFlags) check(files ...string) error {
	dir, err := sharedata.Locate(d.dir, files...)
	if err != nil {
		return usagef("--data: %v", err)
	}
	d.dir = dir
	return nil
}

func (d *dataVerbFlags) path(name string) string {
	return filepath.Join(d.dir, filepath.FromSlash(name))
}

// checkYearFlags validates --from and --to against a dataset's span.
func checkYearFlags(from, to int, span [2]int, what string) error {
	for _, f := range []struct {
		name string
		v    int
	}{{"--from", from}, {"--to", to}} {
		if f.v < span[0] || f.v > span[1] {
			return usagef("%s %d: year out of range; %s cover %d-%d", f.name, f.v, what, span[0], span[1])
		}
	}
	if from > to {
		return usagef("--from %d is after --to %d", from, to)
	}
	return nil
}

// loadPanelSources reads the COW system, majors, NMC (release 5 or 6) and
// the ATOP member file.
func (d *dataVerbFlags) loadPanelSources(nmcVersion int) (panel.Sources, error) {
	var src panel.Sources
	var err error
	if src.System, err = cowstate.LoadSystem(d.path(dvSystem)); err != nil {
		return src, err
	}
	if src.Majors, err = cowstate.LoadMajors(d.path(dvMajors)); err != nil {
		return src, err
	}
	nmcFile, v := dvNMC6, nmc.V6
	if nmcVersion == 5 {
		nmcFile, v = dvNMC5, nmc.V5
	}
	if src.NMC, err = nmc.Load(d.path(nmcFile), v); err != nil {
		return src, err
	}
	src.Members, err = atop.LoadMembers(d.path(dvMembers))
	return src, err
}

// loadVotes reads the unvotes tables.
func (d *dataVerbFlags) loadVotes() (*unvotes.Matrix, error) {
	return unvotes.LoadUNVotes(d.path(dvVotes), d.path(dvRollCalls), d.path(dvIssues))
}

// bar returns a progress bar over n steps on standard error, hidden with
// --quiet or when standard error is not a terminal.
func (d *dataVerbFlags) bar(env *cli, n int, what string) *progressbar.ProgressBar {
	return progressbar.NewOptions(n,
		progressbar.OptionSetWriter(env.stderr),
		progressbar.OptionSetVisibility(!d.quiet && isTerminalWriter(env.stderr)),
		progressbar.OptionSetDescription(what),
		progressbar.OptionShowCount(),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
}

// isTerminalWriter reports whether w is a character device (a terminal).
func isTerminalWriter(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// rowOutput is where a data verb writes its rows: standard output, or a file
// written atomically (package atomicfile), so a failed run leaves nothing
// behind. Rows are counted, and a file written is reported on standard
// error.
type rowOutput struct {
	w      *bufio.Writer
	file   *atomicfile.File
	stderr io.Writer
	jsonl  *csvJSONLines
	lines  int
}

// openRowOutput opens path ("-" for standard output) for rows in CSV or, with
// asJSON, JSON lines.
func openRowOutput(env *cli, path string, asJSON bool) (*rowOutput, error) {
	o := &rowOutput{stderr: env.stderr}
	var w io.Writer = env.stdout
	if path != "-" && path != "" {
		if err := checkOutDir("--out", path); err != nil {
			return nil, err
		}
		f, err := atomicfile.Create(path)
		if err != nil {
			return nil, fmt.Errorf("--out %s: %w", path, err)
		}
		o.file, w = f, f
	}
	o.w = bufio.NewWriterSize(w, 1<<16)
	if asJSON {
		o.jsonl = &csvJSONLines{w: o.w}
	}
	return o, nil
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

// csvJSONLines turns the CSV the data verbs write (a header line, then rows
// with unquoted fields) into one JSON object per row: numbers stay
// numbers, empty fields (missing values) become null, anything else a
// string.
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
	if j.header == nil {
		j.header = fields
		return nil
	}
	if len(fields) != len(j.header) {
		return fmt.Errorf("internal: a row has %d fields, the header %d", len(fields), len(j.header))
	}
	var b []byte
	b = append(b, '{')
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

// noPositional refuses positional arguments a verb does not take.
func noPositional(verb string, pos []string) error {
	if len(pos) > 0 {
		return usagef("%s: unexpected argument %q (see entente %s --help)", verb, pos[0], verb)
	}
	return nil
}
