package main

import (
	"context"
	"io"
	"strings"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/internal/output"
	"github.com/entente/entente/partner"
	"github.com/entente/entente/partner/histdata"
	"github.com/entente/entente/trust"
)

func runPartner(ctx context.Context, env *cli, args []string) error {
	if len(args) == 0 || (args[0] != "suggest" && args[0] != "validate") {
		return usagef("partner: expected suggest or validate (see entente partner --help)")
	}
	if args[0] == "suggest" {
		return runPartnerSuggest(ctx, env, args[1:])
	}
	return runPartnerValidate(env, args[1:])
}

// suggestFlags are the flags of 'partner suggest'.
type suggestFlags struct {
	common
	objective, weights, alignment, power string
	limit                                int
	explain                              bool
	out                                  output.Flags
}

func runPartnerSuggest(ctx context.Context, env *cli, args []string) error {
	fs := newFlags(env, "partner suggest")
	var c suggestFlags
	c.register(fs)
	fs.StringVar(&c.objective, "objective", "", "the capability gap to fill, as `METRIC=TARGET[,...]` (targets for the pact as a whole)")
	fs.StringVar(&c.weights, "weights", "", "change the default weights, as `PART=WEIGHT[,...]` (complementarity 0.3, alignment 0.2, reputation 0.15, autonomy 0.15, culture 0.1, threats 0.1)")
	fs.StringVar(&c.alignment, "alignment", "distance", "compare positions by `distance` or cosine")
	fs.StringVar(&c.power, "power", "", "the `capability` whose shares give the autonomy cost (default the agreement's power measure, else the objective's capabilities)")
	fs.IntVar(&c.limit, "limit", 0, "show the first `N` candidates (0: all)")
	c.out.Register(fs, "write the candidates to this `file` (.csv, .json)", "table", "csv", "json")
	fs.BoolVar(&c.explain, "explain", false, "show every part of each candidate's score: raw, normalised, weight, share, contribution")
	pos, err := cmdline.ParseInterleaved(fs, args)
	if err != nil {
		return err
	}
	opts, obj, err := c.options(pos)
	if err != nil {
		return err
	}
	svc, done, err := c.openService(ctx)
	if err != nil {
		return err
	}
	defer done()
	st, err := svc.Pact(entente.PactID(pos[0]))
	if err != nil {
		return err
	}
	if st.Dissolved != nil {
		return entente.Errorf(entente.ECONFLICT, "partner suggest: %s was dissolved on %s: it takes no partners", st.Pact.ID, day(st.Dissolved.At))
	}
	opts.Reputation = partner.ReputationFromPacts(svc.Pacts(), svc.Now(), trust.Options{})
	cands := partner.Suggest(st, svc.Actors(), obj, opts)
	return printSuggestions(env, &c, st, obj, cands)
}

// options checks the flags and turns them into ranking options.
func (c *suggestFlags) options(pos []string) (partner.Options, partner.Objective, error) {
	var opts partner.Options
	if len(pos) != 1 {
		return opts, nil, usagef("partner suggest: expected one PACT")
	}
	if c.objective == "" {
		return opts, nil, usagef("partner suggest: expected --objective METRIC=TARGET[,...]")
	}
	obj, opts, err := partner.Request{Objective: c.objective, Weights: c.weights, Alignment: c.alignment, Limit: c.limit, Power: c.power}.Parse()
	if err != nil {
		return opts, nil, usagef("--%s: %s", entente.ErrorField(err), entente.ErrorMessage(err))
	}
	if _, err := c.out.Resolve(); err != nil {
		return opts, nil, err
	}
	return opts, obj, nil
}

func printSuggestions(env *cli, c *suggestFlags, st *entente.PactState, obj partner.Objective, cands []partner.Candidate) error {
	format, _ := c.out.Resolve() // checked before the work
	return c.out.Emit(env.Stdout, env.Stderr, len(cands), func(w io.Writer) error {
		switch format {
		case "json":
			return output.WriteJSON(w, map[string]any{"pact": st.Pact.ID, "objective": obj, "candidates": cands})
		case "csv":
			return partner.WriteSuggestionsCSV(w, cands)
		}
		return partner.WriteSuggestions(w, st, obj, cands, c.explain)
	})
}

// validateFlags are the flags of 'partner validate'.
type validateFlags struct {
	data                          dataFlag
	from, to, trainTo, horizon, k int
	bootstrap                     int
	seed                          uint64
	quiet                         bool
	out                           output.Flags
}

func runPartnerValidate(env *cli, args []string) error {
	fs := newFlags(env, "partner validate", "{{files}}", strings.Join(histdata.Files, ", "), "{{covariate files}}", strings.Join(histdata.CovariateFiles, ", "))
	var c validateFlags
	c.data.register(fs)
	fs.IntVar(&c.from, "from", 1950, "the first `year` t ranked")
	fs.IntVar(&c.to, "to", 0, "the last `year` t ranked (0: the last with --horizon years of ATOP data after it, 2013)")
	fs.IntVar(&c.trainTo, "train-to", 1980, "the last training `year`; later years are the test")
	fs.IntVar(&c.horizon, "horizon", 5, "`years` after t in which a new pledge counts")
	fs.IntVar(&c.k, "k", 10, "precision at `K`")
	fs.IntVar(&c.bootstrap, "bootstrap", 1000, "bootstrap `replicates` for the intervals (0: none)")
	fs.Uint64Var(&c.seed, "seed", 1, "the bootstrap's `seed`")
	c.out.Register(fs, "write the results to this `file` (.csv: one row per method; .json)", "table", "csv", "json")
	fs.BoolVar(&c.quiet, "quiet", false, "no progress bar on standard error")
	pos, err := cmdline.ParseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if err := c.check(pos); err != nil {
		return err
	}
	d, err := c.data.locate(histdata.Files...)
	if err != nil {
		return usagef("--data: %v", err)
	}
	h, err := histdata.Load(string(d))
	if err != nil {
		return err
	}
	opts := partner.ValidateOptions{From: c.from, To: c.to, TrainTo: c.trainTo, Horizon: c.horizon, K: c.k,
		Bootstrap: c.bootstrap, Seed: c.seed}
	if c.bootstrap == 0 {
		opts.Bootstrap = -1
	}
	bars := output.NewStages(env.Stderr, c.quiet, map[string]string{"features": "features by year", "fit": "fitting the model", "bootstrap": "bootstrap"})
	opts.Progress = bars.Progress
	v, err := partner.Validate(h, opts)
	bars.Finish()
	if err != nil {
		return err
	}
	format, _ := c.out.Resolve() // checked before the work
	return c.out.Emit(env.Stdout, env.Stderr, len(v.Results), func(w io.Writer) error {
		switch format {
		case "json":
			return output.WriteJSON(w, v)
		case "csv":
			return partner.WriteValidationCSV(w, v)
		}
		return partner.WriteValidation(w, v)
	})
}

func (c *validateFlags) check(pos []string) error {
	if len(pos) != 0 {
		return usagef("partner validate: unexpected argument %q", pos[0])
	}
	if _, err := c.out.Resolve(); err != nil {
		return err
	}
	switch {
	case c.horizon < 1:
		return usagef("--horizon: expected at least 1, got %d", c.horizon)
	case c.k < 1:
		return usagef("--k: expected at least 1, got %d", c.k)
	case c.bootstrap < 0:
		return usagef("--bootstrap: expected 0 or more, got %d", c.bootstrap)
	case c.from < 1816 || c.trainTo < c.from || c.to != 0 && c.to <= c.trainTo:
		return usagef("--from %d, --train-to %d, --to %d: expected 1816 ≤ from ≤ train-to < to", c.from, c.trainTo, c.to)
	}
	return nil
}
