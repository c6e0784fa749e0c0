package main

import (
	"context"
	"flag"
	"strings"

	"github.com/schollz/progressbar/v3"

	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/internal/datadir"
	"github.com/entente/entente/internal/output"
)

// dataVerbFlags are the flags every data verb takes.
type dataVerbFlags struct {
	dataFlag
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
	d.dir, err = d.locate(files...)
	return err
}

// stream writes a table of rows to --out, one unit (a year, a session)
// from..to at a time, with a progress bar: the header, then what rows
// emits for each unit, as CSV lines.
func (d *dataVerbFlags) stream(ctx context.Context, env *cli, what string, header []string, from, to int, rows func(unit int, emit func([]byte) error) error) error {
	out, err := d.out.OpenRows(env.Stdout, env.Stderr)
	if err != nil {
		return err
	}
	bar := d.bar(env, to-from+1, what)
	defer bar.Finish()
	emit := func(b []byte) error { _, err := out.Write(b); return err }
	err = emit([]byte(strings.Join(header, ",") + "\n"))
	for u := from; u <= to && err == nil; u++ {
		if err = ctx.Err(); err == nil {
			err = rows(u, emit)
		}
		bar.Add(1)
	}
	return out.Close(err)
}

// data is the data folder found by check.
func (d *dataVerbFlags) data() datadir.Dir { return d.dir }

// bar returns a progress bar over n steps on standard error, hidden with
// --quiet or when standard error is not a terminal.
func (d *dataVerbFlags) bar(env *cli, n int, what string) *progressbar.ProgressBar {
	return output.NewBar(env.Stderr, d.Quiet, n, what)
}

// parseFlags parses the flags of a verb that takes no positional
// argument, refusing any.
func parseFlags(fs *flag.FlagSet, args []string) error {
	pos, err := cmdline.ParseInterleaved(fs, args)
	if err == nil && len(pos) > 0 {
		verb := strings.TrimPrefix(fs.Name(), "entente ")
		return usagef("%s: unexpected argument %q (see entente %s --help)", verb, pos[0], verb)
	}
	return err
}
