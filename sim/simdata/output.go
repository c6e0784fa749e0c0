package simdata

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/atomicfile"
	"github.com/entente/entente/internal/output"
	"github.com/entente/entente/ledger"
	"github.com/entente/entente/sim"
)

// WriteOutputs writes the runs to out (or, for a .svg or .png out, their
// chart, titled title) and their bands to the file bands, each file
// atomically. Without bands, a .csv or .json out gets its bands beside it
// (FILE.bands.csv or .json); standard output and a chart get none.
func WriteOutputs(stdout, stderr io.Writer, out *output.Flags, bands string, rows []sim.Row, title string) error {
	format, err := out.Resolve()
	if err != nil {
		return err
	}
	chart := format == "svg" || format == "png"
	if ext := filepath.Ext(out.Out); bands == "" && !chart && out.ToFile() && ext != "" {
		bands = strings.TrimSuffix(out.Out, ext) + ".bands" + ext
	}
	if err := output.CheckDir("--bands", bands); err != nil {
		return err
	}
	b := sim.Bands(rows)
	if chart {
		draw := func(w io.Writer) error { return sim.WriteChart(w, b, nil, title, format) }
		if !out.ToFile() {
			return draw(stdout)
		}
		if err := atomicfile.WriteFile(out.Out, draw); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "wrote the chart of %d runs to %s\n", sim.RunCount(rows), out.Out)
	} else {
		err = out.Emit(stdout, stderr, len(rows), output.CSVAs(format, func(w io.Writer) error { return sim.WriteRows(w, rows) }))
	}
	if err != nil || bands == "" {
		return err
	}
	return output.WriteFile(stderr, bands, len(b), output.CSVAs(output.FormatOf(bands), func(w io.Writer) error { return sim.WriteBands(w, b) }))
}

// ReadOutputs checks out, then reads and merges the runs files (shards of
// one sweep, or runs to chart together).
func ReadOutputs(out *output.Flags, files []string) ([]sim.Row, error) {
	if _, err := out.Resolve(); err != nil {
		return nil, err
	}
	return ReadRuns(files)
}

// SweepGC lets the heap grow to four times what is live before the
// garbage collector runs (GOGC=300) while a sweep runs, unless $GOGC says
// otherwise, and returns what restores the setting. A 200-state, 75-year
// run allocates about 460 MB, nearly all of it short-lived (proposals,
// assessments, rankings), so the default collector spends a fifth of the
// CPU time marking the same few tens of megabytes live over and over; at
// 300 it spends about a tenth, for a peak resident size about twice as
// large (two workers, 100 runs: about 165 MB at 100 and 200 MB at 300 from
// 1946; 414 MB at 300 for 200 states over 75 years).
func SweepGC() func() {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	old := debug.SetGCPercent(300)
	return func() { debug.SetGCPercent(old) }
}

// Record runs replication 0 of the sweep o and returns it as the
// operator's record, to be written to a store: the world's actors as the
// registry log of keyless actors, then each pact's whole log.
func Record(w *sim.World, p sim.Params, o sim.BatchOptions) ([]ledger.Recorded, error) {
	opts := o.Options
	opts.KeepLogs = true
	res, err := sim.Run(w, p, opts, o.Seed, 0)
	if err != nil {
		return nil, err
	}
	logs := []ledger.Recorded{{Name: entente.RegistryLog, Events: w.Registrations()}}
	for _, pl := range res.Pacts {
		logs = append(logs, ledger.Recorded{Name: string(pl.State.Pact.ID), Events: pl.Events})
	}
	return logs, nil
}
