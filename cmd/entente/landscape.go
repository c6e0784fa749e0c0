package main

import (
	"context"
	"flag"
	"io"
	"os"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/datadir"
	"github.com/entente/entente/landscape"
)

const landscapeHelp = `
Finds the two-bloc alignments of minimal frustration in Axelrod and Bennett's
landscape theory of aggregation (BJPS 1993): every local minimum of the
energy E(X) = sum over ordered pairs i != j apart in X of s_i s_j p_ij, with
its energy and basin (how many of the 2^(n-1) alignments descend to it).
Alignments are printed as the actors in bloc A (holding the first actor)
and in bloc B.

Input is either two CSV files or the built-in Europe 1936 case:

  --sizes FILE          header "actor,size", then one "name,size" row per
                        actor (size >= 0, e.g. a capability share)
  --propensities FILE   a matrix: header ",NAME1,NAME2,...", then one row
                        "NAME,p1,p2,..." per actor; rows and columns may come
                        in any order but must name the actors of --sizes; the
                        matrix must be symmetric; the diagonal is ignored and
                        may be empty. Positive means the two tend to align.
                        Lines starting with # are comments.

  --europe-1936         the 17 European states of Axelrod and Bennett's test,
                        built from data in --data: sizes are COW NMC 6.0 CINC
                        scores for 1936 as shares of the 17; propensities are
                        the Signorino-Ritter S similarity of ATOP 5.1
                        alliance portfolios on 31 December 1936 (Germany
                        out of Locarno; ties 1 for defense or offense
                        pacts, 2/3 neutrality or non-aggression, 1/3
                        consultation; each state tied to itself; over every
                        state in the 1936 COW system), centred on the mean S
                        of the 136 pairs. MISPLACED lists the states on the
                        other side from their 1939-41 alignment and VS PAPER
                        the differences from the paper's own 1936 prediction.

Search is exhaustive up to 26 actors (up to 32 with --method exhaustive) and
by steepest descent from --restarts seeded random alignments beyond.`

func runLandscape(ctx context.Context, env *cli, args []string) error {
	fs := newFlags(env, "landscape", "--sizes FILE --propensities FILE | --europe-1936 [--data DIR] [flags]", landscapeHelp)
	sizes := fs.String("sizes", "", "CSV `file` of actor sizes")
	props := fs.String("propensities", "", "CSV `file` of the propensity matrix")
	europe := fs.Bool("europe-1936", false, "run the Europe 1936 case from the shared data")
	var data dataFlag
	data.register(fs)
	method := fs.String("method", "auto", "auto, exhaustive or search")
	restarts := fs.Int("restarts", 1000, "random starts for local search and sampled basins")
	seed := fs.Uint64("seed", 1, "seed of the random starts")
	top := fs.Int("top", 0, "print only the `k` lowest minima (0: all)")
	var out outputFlags
	out.register(fs, "write to this `file` (- or empty: standard output); the format follows its extension (.csv, .json)", "table", "csv", "json")
	if err := parse(fs, args); err != nil {
		return err
	}
	format, err := checkLandscapeFlags(fs, &out, *europe, *sizes, *props, *method, *restarts, *top)
	if err != nil {
		return err
	}
	var lc *landscape.Case
	if *europe {
		lc, err = europe1936(&data)
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
	return out.emit(env, len(rows), func(w io.Writer) error {
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
func checkLandscapeFlags(fs *flag.FlagSet, out *outputFlags, europe bool, sizes, props, method string, restarts, top int) (string, error) {
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
	return out.resolve()
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

// europe1936 builds the historical case from the data folder.
func europe1936(data *dataFlag) (*landscape.Case, error) {
	d, err := data.locate(datadir.Europe1936Files...)
	if err != nil {
		return nil, err
	}
	return d.Europe1936()
}
