package main

import (
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/internal/datadir"
	"github.com/entente/entente/internal/output"
	"github.com/entente/entente/panel"
)

// dataFlags are the flags every verb reading the shared data takes:
// --data, --quiet and, when the verb writes rows or a report, the output
// flags (whose help the verb gives).
type dataFlags struct {
	datadir.Flag
	Quiet bool `flag:"quiet" usage:"do not print progress on standard error"`
	out   output.Flags
	dir   datadir.Dir
	start time.Time
}

// register adds --data, --quiet and, with outHelp, the output flags: by
// default rows as CSV, or JSON lines (--format json, or an --out file
// ending in .json or .jsonl).
func (d *dataFlags) register(fs *flag.FlagSet, outHelp string, formats ...string) {
	cmdline.Bind(fs, d)
	if len(formats) == 0 {
		formats = []string{"csv", "json"}
	}
	if outHelp != "" {
		d.out.Register(fs, outHelp, formats...)
	}
}

// bind adds the flags of a report (a table, CSV or JSON) and the
// request's (req, a pointer to a tagged struct); a report's own
// deprecated names come before, so that they win over the deprecated
// --csv of the output flags.
func (d *dataFlags) bind(fs *flag.FlagSet, req any, outHelp string) {
	d.register(fs, outHelp, "table", "csv", "json")
	if req != nil {
		cmdline.Bind(fs, req)
	}
}

// validator is a request that checks itself (through a pointer, so that
// it checks the values parsed).
type validator interface{ Validate() error }

// parse parses args, which hold no positional argument, validates the
// request and the output flags, and finds the data folder holding files,
// before anything is read.
func (d *dataFlags) parse(fs *flag.FlagSet, args []string, req validator, files ...string) (datadir.Dir, error) {
	if err := cmdline.ParseNone(fs, args); err != nil {
		return "", err
	}
	if err := req.Validate(); err != nil {
		return "", cmdline.Invalid(err)
	}
	if _, err := d.out.Resolve(); err != nil {
		return "", err
	}
	d.start = time.Now()
	err := d.check(files...)
	return d.dir, err
}

// check finds the data folder holding the named files (the data location
// rule).
func (d *dataFlags) check(files ...string) (err error) {
	d.dir, err = d.Locate(files...)
	return err
}

// data is the data folder found by check.
func (d *dataFlags) data() datadir.Dir { return d.dir }

// progress prints a stage of the work on standard error unless --quiet.
func (d *dataFlags) progress(env *cli, format string, args ...any) {
	if !d.Quiet {
		fmt.Fprintf(env.Stderr, "[%5.1fs] %s\n", time.Since(d.start).Seconds(), fmt.Sprintf(format, args...))
	}
}

// writeRows writes a table of rows to --out with a progress bar over the
// units (years, sessions) of span: write writes them to w, calling step
// once per unit.
func (d *dataFlags) writeRows(env *cli, what string, span panel.Span, write func(w io.Writer, step func(int) error) error) error {
	out, err := d.out.OpenRows(env.Stdout, env.Stderr)
	if err != nil {
		return err
	}
	bar := d.bar(env, span.To-span.From+1, what)
	err = write(out, bar.Add)
	bar.Finish()
	return out.Close(err)
}

// bar returns a progress bar over n steps on standard error, hidden with
// --quiet or when standard error is not a terminal.
func (d *dataFlags) bar(env *cli, n int, what string) *progressbar.ProgressBar {
	return output.NewBar(env.Stderr, d.Quiet, n, what)
}
