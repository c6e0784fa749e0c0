package landscape

import (
	"io"
	"os"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/cmdline"
)

// Request is what a landscape analysis asks for, its inputs named as the
// command line names them: a case (sizes and propensities from files, or
// Europe 1936 from the data on a basis) and how to search it.
type Request struct {
	Sizes        string `flag:"sizes" arg:"file" usage:"CSV file of actor sizes"`
	Propensities string `flag:"propensities" arg:"file" usage:"CSV file of the propensity matrix"`
	Europe1936   bool   `flag:"europe-1936" usage:"run the Europe 1936 case from the shared data"`
	Basis        string `flag:"basis" arg:"basis" usage:"with --europe-1936, the propensities' basis: factors (the paper's: regime, religion, borders, past wars) or alliances (1936 alliance portfolios)" enum:"factors|alliances"`
	Method       string `flag:"method" usage:"auto, exhaustive or search" enum:"auto|exhaustive|search"`
	Restarts     int    `flag:"restarts" usage:"random starts for local search and sampled basins" min:"1"`
	Seed         uint64 `flag:"seed" usage:"seed of the random starts"`
	Top          int    `flag:"top" arg:"k" usage:"print only the k lowest minima (0: all)" min:"0"`
	// Given are the inputs given rather than defaulted, by name, for
	// --basis, which goes only with --europe-1936.
	Given map[string]bool
}

// NewRequest is the default request (its case still to be given).
func NewRequest() Request {
	return Request{Basis: "factors", Method: "auto", Restarts: 1000, Seed: 1}
}

// Validate checks r; an error is an EINVALID *entente.Error naming the
// input.
func (r Request) Validate() error {
	switch {
	case r.Europe1936 && (r.Sizes != "" || r.Propensities != ""):
		return entente.FieldErrorf(entente.EINVALID, "europe-1936", "replaces --sizes and --propensities")
	case !r.Europe1936 && (r.Sizes == "" || r.Propensities == ""):
		return entente.FieldErrorf(entente.EINVALID, "sizes", "give --sizes and --propensities, or --europe-1936")
	case r.Given["basis"] && !r.Europe1936:
		return entente.FieldErrorf(entente.EINVALID, "basis", "only with --europe-1936")
	}
	return cmdline.Validate(r)
}

// Solve finds c's minima as r asks, keeping the Top lowest, and their
// alignments.
func (r Request) Solve(c *Case) (*Result, []Alignment, error) {
	res, err := c.Solve(r.Method, Options{Restarts: r.Restarts, Seed: r.Seed})
	if err != nil {
		return nil, nil, err
	}
	if r.Top > 0 && len(res.Minima) > r.Top {
		res.Minima = res.Minima[:r.Top]
	}
	return res, c.Alignments(res), nil
}

// ReadCase reads the case of --sizes and --propensities: the sizes, and
// the propensity matrix reordered to their order; errors name the file.
func (r Request) ReadCase() (*Case, error) {
	c := new(Case)
	err := readFile(r.Sizes, func(f io.Reader) (err error) {
		c.Names, c.Sizes, err = ReadSizes(f)
		return err
	})
	if err != nil {
		return nil, err
	}
	err = readFile(r.Propensities, func(f io.Reader) (err error) {
		c.Propensities, err = ReadPropensities(f, c.Names)
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
