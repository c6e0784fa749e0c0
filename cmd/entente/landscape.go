package main

import (
	"context"
	"io"
	"os"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/internal/datadir"
	"github.com/entente/entente/internal/output"
	"github.com/entente/entente/landscape"
)

func runLandscape(ctx context.Context, env *cli, args []string) error {
	fs := newFlags(env, "landscape")
	req := landscape.NewRequest()
	var data dataFlag
	var out output.Flags
	cmdline.Bind(fs, &req)
	cmdline.Bind(fs, &data)
	out.Register(fs, "write to this `file` (- or empty: standard output); the format follows its extension (.csv, .json)", "table", "csv", "json")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := req.Validate(); err != nil {
		return invalid(err)
	}
	if cmdline.Given(fs)["basis"] && !req.Europe1936 {
		return usagef("--basis: only with --europe-1936")
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
// alliances, or the sizes and propensity matrix of two files, the matrix
// reordered to the order of the sizes (errors name the file).
func landscapeCase(data *dataFlag, req landscape.Request) (*landscape.Case, error) {
	switch {
	case req.Europe1936 && req.Basis == "alliances":
		d, err := data.locate(datadir.Europe1936Files...)
		if err != nil {
			return nil, err
		}
		return d.Europe1936()
	case req.Europe1936:
		d, err := data.locate(datadir.Europe1936FactorFiles...)
		if err != nil {
			return nil, err
		}
		c, _, err := d.Europe1936Factors(landscape.FactorOptions{})
		return c, err
	}
	c := new(landscape.Case)
	err := readFile(req.Sizes, func(r io.Reader) (err error) {
		c.Names, c.Sizes, err = landscape.ReadSizes(r)
		return err
	})
	if err != nil {
		return nil, err
	}
	err = readFile(req.Propensities, func(r io.Reader) (err error) {
		c.Propensities, err = landscape.ReadPropensities(r, c.Names)
		return err
	})
	return c, err
}

// readFile opens path and reads it with read, naming the file in errors.
func readFile(path string, read func(io.Reader) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := read(f); err != nil {
		return entente.Errorf(entente.EINVALID, "%s: %v", path, err)
	}
	return nil
}
