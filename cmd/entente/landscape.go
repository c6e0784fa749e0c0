package main

import (
	"context"
	"flag"
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
	sizes := fs.String("sizes", "", "CSV `file` of actor sizes")
	props := fs.String("propensities", "", "CSV `file` of the propensity matrix")
	europe := fs.Bool("europe-1936", false, "run the Europe 1936 case from the shared data")
	basis := fs.String("basis", "factors", "with --europe-1936, the propensities' `basis`: factors (the paper's: regime, religion, borders, past wars) or alliances (1936 alliance portfolios)")
	var data dataFlag
	data.register(fs)
	method := fs.String("method", "auto", "auto, exhaustive or search")
	restarts := fs.Int("restarts", 1000, "random starts for local search and sampled basins")
	seed := fs.Uint64("seed", 1, "seed of the random starts")
	top := fs.Int("top", 0, "print only the `k` lowest minima (0: all)")
	var out output.Flags
	out.Register(fs, "write to this `file` (- or empty: standard output); the format follows its extension (.csv, .json)", "table", "csv", "json")
	if err := cmdline.Parse(fs, args); err != nil {
		return err
	}
	format, err := checkLandscapeFlags(fs, &out, *europe, *sizes, *props, *method, *restarts, *top)
	if err != nil {
		return err
	}
	if err := checkBasis(fs, *europe, *basis); err != nil {
		return err
	}
	var lc *landscape.Case
	if *europe {
		lc, err = europe1936(&data, *basis)
	} else {
		lc, err = readLandscapeCase(*sizes, *props)
	}
	if err != nil {
		return err
	}
	res, err := lc.Solve(*method, landscape.Options{Restarts: *restarts, Seed: *seed})
	if err != nil {
		return err
	}
	if *top > 0 && len(res.Minima) > *top {
		res.Minima = res.Minima[:*top]
	}
	rows := lc.Alignments(res)
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

// checkLandscapeFlags refuses flag combinations that make no case and
// returns the output format.
func checkLandscapeFlags(fs *flag.FlagSet, out *output.Flags, europe bool, sizes, props, method string, restarts, top int) (string, error) {
	switch {
	case fs.NArg() > 0:
		return "", usagef("landscape: unexpected argument %q", fs.Arg(0))
	case europe && (sizes != "" || props != ""):
		return "", usagef("landscape: --europe-1936 replaces --sizes and --propensities")
	case !europe && (sizes == "" || props == ""):
		return "", usagef("landscape: give --sizes and --propensities, or --europe-1936")
	case restarts < 1:
		return "", usagef("--restarts: must be at least 1, got %d", restarts)
	case top < 0:
		return "", usagef("--top: must not be negative, got %d", top)
	case method != "auto" && method != "exhaustive" && method != "search":
		return "", usagef("--method: expected auto, exhaustive or search, got %q", method)
	}
	return out.Resolve()
}

// readLandscapeCase reads the sizes and the propensity matrix, reordering
// the matrix to the order of the sizes; errors name the file.
func readLandscapeCase(sizesPath, propPath string) (*landscape.Case, error) {
	var names []string
	var sizes []float64
	err := readFile(sizesPath, func(r io.Reader) (err error) {
		names, sizes, err = landscape.ReadSizes(r)
		return err
	})
	if err != nil {
		return nil, err
	}
	var prop [][]float64
	err = readFile(propPath, func(r io.Reader) (err error) {
		prop, err = landscape.ReadPropensities(r, names)
		return err
	})
	return &landscape.Case{Names: names, Sizes: sizes, Propensities: prop}, err
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

// checkBasis refuses a --basis other than factors or alliances, and one
// given without --europe-1936.
func checkBasis(fs *flag.FlagSet, europe bool, basis string) error {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == "basis" })
	switch {
	case set && !europe:
		return usagef("--basis: only with --europe-1936")
	case basis != "factors" && basis != "alliances":
		return usagef("--basis: expected factors or alliances, got %q", basis)
	}
	return nil
}

// europe1936 builds the historical case from the data folder, its
// propensities from Axelrod and Bennett's factors or from alliances.
func europe1936(data *dataFlag, basis string) (*landscape.Case, error) {
	if basis == "alliances" {
		d, err := data.locate(datadir.Europe1936Files...)
		if err != nil {
			return nil, err
		}
		return d.Europe1936()
	}
	d, err := data.locate(datadir.Europe1936FactorFiles...)
	if err != nil {
		return nil, err
	}
	c, _, err := d.Europe1936Factors(landscape.FactorOptions{})
	return c, err
}
