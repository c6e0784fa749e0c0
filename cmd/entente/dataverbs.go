package main

import (
	"flag"
	"io"

	"github.com/schollz/progressbar/v3"

	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/internal/datadir"
	"github.com/entente/entente/internal/output"
	"github.com/entente/entente/panel"
)

// dataVerbFlags are the flags every data verb takes.
type dataVerbFlags struct {
	datadir.Flag
	Quiet bool `flag:"quiet" usage:"no progress bar on standard error"`
	out   output.Flags
	dir   datadir.Dir
}

// register adds --data, --quiet and, with outHelp, the output flags: by
// default rows as CSV, or JSON lines (--format json, or an --out file
// ending in .json or .jsonl).
func (d *dataVerbFlags) register(fs *flag.FlagSet, outHelp string, formats ...string) {
	cmdline.Bind(fs, d)
	if len(formats) == 0 {
		formats = []string{"csv", "json"}
	}
	if outHelp != "" {
		d.out.Register(fs, outHelp, formats...)
	}
}

// check finds the data folder holding the named files (the data location
// rule).
func (d *dataVerbFlags) check(files ...string) (err error) {
	d.dir, err = d.Locate(files...)
	return err
}

// writeRows writes a table of rows to --out with a progress bar over the
// units (years, sessions) of span: write writes them to w, calling step
// once per unit.
func (d *dataVerbFlags) writeRows(env *cli, what string, span panel.Span, write func(w io.Writer, step func(int) error) error) error {
	out, err := d.out.OpenRows(env.Stdout, env.Stderr)
	if err != nil {
		return err
	}
	bar := d.bar(env, span.To-span.From+1, what)
	err = write(out, bar.Add)
	bar.Finish()
	return out.Close(err)
}

// data is the data folder found by check.
func (d *dataVerbFlags) data() datadir.Dir { return d.dir }

// bar returns a progress bar over n steps on standard error, hidden with
// --quiet or when standard error is not a terminal.
func (d *dataVerbFlags) bar(env *cli, n int, what string) *progressbar.ProgressBar {
	return output.NewBar(env.Stderr, d.Quiet, n, what)
}
