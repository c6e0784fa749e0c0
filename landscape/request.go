package landscape

import (
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
