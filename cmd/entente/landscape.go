package main

import (
	"context"
	"io"

	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/internal/datadir"
	"github.com/entente/entente/internal/output"
	"github.com/entente/entente/landscape"
)

func runLandscape(ctx context.Context, env *cli, args []string) error {
	fs := newFlags(env, "landscape")
	req := landscape.NewRequest()
	var data datadir.Flag
	var out output.Flags
	cmdline.Bind(fs, &req)
	cmdline.Bind(fs, &data)
	out.Register(fs, "write to this `file` (- or empty: standard output); the format follows its extension (.csv, .json)", "table", "csv", "json")
	if err := cmdline.ParseNone(fs, args); err != nil {
		return err
	}
	req.Given = cmdline.Given(fs)
	if err := req.Validate(); err != nil {
		return cmdline.Invalid(err)
	}
	format, err := out.Resolve()
	if err != nil {
		return err
	}
	lc, err := landscapeCase(&data, req)
	if err != nil {
		return err
	}
	res, rows, err := req.Solve(lc)
	if err != nil {
		return err
	}
	return out.Emit(env.Stdout, env.Stderr, len(rows), func(w io.Writer) error {
		switch format {
		case "json":
			return landscape.WriteJSON(w, lc, res, rows)
		case "csv":
			return landscape.WriteCSV(w, lc, rows)
		}
		return landscape.WriteTable(w, lc, res, rows)
	})
}

// landscapeCase is the case req asks for: Europe 1936 from the data
// folder, its propensities from Axelrod and Bennett's factors or from
// alliances, or the sizes and propensity matrix of two files.
func landscapeCase(data *datadir.Flag, req landscape.Request) (*landscape.Case, error) {
	switch {
	case req.Europe1936 && req.Basis == "alliances":
		d, err := data.Locate(datadir.Europe1936Files...)
		if err != nil {
			return nil, err
		}
		return d.Europe1936()
	case req.Europe1936:
		d, err := data.Locate(datadir.Europe1936FactorFiles...)
		if err != nil {
			return nil, err
		}
		c, _, err := d.Europe1936Factors(landscape.FactorOptions{})
		return c, err
	}
	return req.ReadCase()
}
