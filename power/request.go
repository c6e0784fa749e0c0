package power

import (
	"slices"
	"strings"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/cmdline"
)

// Request is a voting-power analysis as 'entente power' asks for it, its
// inputs named as the command line names them: one game, from weights,
// a weight table file or a pact's rule, and what to compute.
type Request struct {
	Weights     string `flag:"weights" arg:"weights" usage:"the players' weights, comma-separated decimals"`
	Names       string `flag:"names" arg:"names" usage:"the players' names for --weights, comma-separated (default p1,p2,...)"`
	File        string `flag:"file" arg:"file" usage:"a CSV file name,weight[,weight2,...] (- for standard input)"`
	Quota       string `flag:"quota" arg:"quota" usage:"the quota: weight (39, 62.5) or share of the total (55%); one per weight column, comma-separated"`
	Quota2      string `flag:"quota2" arg:"quota" usage:"the quota of the second weight column (the same as --quota Q1,Q2)"`
	MinBlockers int    `flag:"min-blockers" arg:"K" usage:"a coalition also wins when fewer than K players are outside it (0: no such clause)"`
	Pact        string `flag:"pact" arg:"pact" usage:"analyse the decision rule of this pact in the store (--db)"`
	// Matter is the matter whose rule is analysed, with Pact.
	Matter    string
	Indices   string `flag:"indices" arg:"indices" usage:"the indices to compute, comma-separated: banzhaf, penrose, ss (Shapley-Shubik), dp (Deegan-Packel), holler, johnston, coleman (default all)"`
	Exact     bool   `flag:"exact" usage:"print exact fractions"`
	Samples   int    `flag:"samples" arg:"N" usage:"estimate by Monte Carlo from N samples instead of computing exactly" min:"0"`
	Seed      uint64 `flag:"seed" arg:"seed" usage:"the Monte Carlo seed, for reproducible estimates"`
	MaxMemory string `flag:"max-memory" arg:"size" usage:"the most memory the exact size tables may take: 2.5GB, 4GiB, 800MB (default 4GiB); larger games run in more, smaller passes"`
	MaxWork   string `flag:"max-work" arg:"steps" usage:"the most word steps an exact computation may take, such as 5e11 (default 2e11, one to three minutes)"`
	// Given are the inputs given rather than defaulted, by name, for the
	// checks of inputs that only go with others (--matter with --pact,
	// --seed with --samples).
	Given map[string]bool
}

// NewRequest is the default request.
func NewRequest() Request { return Request{Matter: string(entente.General), Seed: 1} }

// MatterList lists the matters a pact's rules may name, for help.
func MatterList() string {
	s := make([]string, len(entente.Matters))
	for i, m := range entente.Matters {
		s[i] = string(m)
	}
	return strings.Join(s, ", ")
}

// Options checks that r makes one game and returns the table's columns and
// the analysis options it asks for; an error is an EINVALID
// *entente.Error naming the input.
func (r Request) Options() ([]Column, Options, error) {
	if err := r.check(); err != nil {
		return nil, Options{}, err
	}
	cols, idx, err := ParseColumns(r.Indices, r.Samples > 0)
	if err != nil {
		return nil, Options{}, entente.FieldErrorf(entente.EINVALID, "indices", "%v", err)
	}
	opts := Options{Indices: idx, Exact: r.Exact}
	if opts.MaxMemory, err = ParseSize(r.MaxMemory); err != nil {
		return nil, opts, entente.FieldErrorf(entente.EINVALID, "max-memory", "%v", err)
	}
	if opts.MaxWork, err = ParseSteps(r.MaxWork); err != nil {
		return nil, opts, entente.FieldErrorf(entente.EINVALID, "max-work", "%v", err)
	}
	if r.Samples > 0 {
		opts.MonteCarlo = &MCOptions{Samples: r.Samples, Seed: r.Seed}
	}
	return cols, opts, nil
}

// check refuses inputs that do not make one game.
func (r Request) check() error {
	invalid := func(field, format string, args ...any) error {
		return entente.FieldErrorf(entente.EINVALID, field, format, args...)
	}
	if n := len(slices.DeleteFunc([]string{r.Weights, r.File, r.Pact}, func(s string) bool { return s == "" })); n != 1 {
		return invalid("weights", "expected exactly one of --weights, --file and --pact (see entente power --help)")
	}
	for _, g := range []struct {
		name  string
		given bool
	}{{"quota", r.Quota != ""}, {"quota2", r.Quota2 != ""}, {"min-blockers", r.MinBlockers != 0}, {"names", r.Names != ""}} {
		if r.Pact != "" && g.given {
			return invalid(g.name, "not with --pact, whose rule sets the quotas")
		}
	}
	switch {
	case r.Pact == "" && r.Given["matter"]:
		return invalid("matter", "only with --pact")
	case r.Pact != "" && !slices.Contains(entente.Matters, entente.Matter(r.Matter)):
		return invalid("matter", "expected one of %s, got %q", MatterList(), r.Matter)
	case r.Pact == "" && strings.TrimSpace(r.Quota) == "":
		return invalid("quota", "expected the quota (39, 62.5 or 55%%) of the game")
	case r.Names != "" && r.Weights == "":
		return invalid("names", "only with --weights (a --file names its players)")
	case r.Samples > 0 && r.Exact:
		return invalid("exact", "not with --samples, which estimates")
	case r.Given["seed"] && r.Samples == 0:
		return invalid("seed", "only with --samples")
	}
	return cmdline.Validate(r)
}
