package partner

import (
	"github.com/entente/entente"
	"github.com/entente/entente/internal/cmdline"
)

// Request is a partner suggestion as the CLI's flags and the API's query
// parameters give it, in text, so that both read it with one parser and
// one set of defaults.
type Request struct {
	// Objective is the capability gap, METRIC=TARGET[,...]; required.
	Objective string `flag:"objective" arg:"METRIC=TARGET[,...]" usage:"the capability gap to fill, as METRIC=TARGET[,...] (targets for the pact as a whole)"`
	// Weights change DefaultWeights, PART=WEIGHT[,...]; "" keeps them.
	Weights string `flag:"weights" arg:"PART=WEIGHT[,...]" usage:"change the default weights, as PART=WEIGHT[,...] (complementarity 0.3, alignment 0.2, reputation 0.15, autonomy 0.15, culture 0.1, threats 0.1)"`
	// Alignment is distance (the default, also for "") or cosine.
	Alignment string `flag:"alignment" arg:"distance" usage:"compare positions by distance or cosine"`
	// Limit keeps the first Limit candidates; 0 keeps all.
	Limit int `flag:"limit" arg:"N" usage:"show the first N candidates (0: all)"`
	// Power names the capability whose shares give the autonomy cost; ""
	// for the agreement's power measure.
	Power string `flag:"power" arg:"capability" usage:"the capability whose shares give the autonomy cost (default the agreement's power measure, else the objective's capabilities)"`
}

// Parse checks r and returns the objective and the ranking options. An
// error is an EINVALID *entente.Error whose field is the part at fault:
// objective, weights, alignment or limit.
func (r Request) Parse() (Objective, Options, error) {
	opts := Options{Weights: DefaultWeights(), AlignmentMethod: Distance, Limit: r.Limit, PowerMeasure: r.Power}
	obj, err := ParseObjective(r.Objective)
	if err != nil {
		return nil, opts, entente.FieldErrorf(entente.EINVALID, "objective", "%v", err)
	}
	if r.Weights != "" {
		if opts.Weights, err = ParseWeights(r.Weights, opts.Weights); err != nil {
			return nil, opts, entente.FieldErrorf(entente.EINVALID, "weights", "%v", err)
		}
	}
	switch m := AlignmentMethod(r.Alignment); m {
	case "", Distance:
	case Cosine:
		opts.AlignmentMethod = m
	default:
		return nil, opts, entente.FieldErrorf(entente.EINVALID, "alignment", "expected distance or cosine, got %q", r.Alignment)
	}
	if r.Limit < 0 {
		return nil, opts, entente.FieldErrorf(entente.EINVALID, "limit", "expected 0 or more, got %d", r.Limit)
	}
	return obj, opts, nil
}

// ValidateRequest is what the validation of partner ranking on history
// asks for, its inputs named as the command line names them.
type ValidateRequest struct {
	From      int    `flag:"from" arg:"year" usage:"the first year t ranked" min:"1816"`
	To        int    `flag:"to" arg:"year" usage:"the last year t ranked (0: the last with --horizon years of ATOP data after it, 2013)"`
	TrainTo   int    `flag:"train-to" arg:"year" usage:"the last training year; later years are the test"`
	Horizon   int    `flag:"horizon" arg:"years" usage:"years after t in which a new pledge counts" min:"1"`
	K         int    `flag:"k" arg:"K" usage:"precision at K" min:"1"`
	Bootstrap int    `flag:"bootstrap" arg:"replicates" usage:"bootstrap replicates for the intervals (0: none)" min:"0"`
	Seed      uint64 `flag:"seed" arg:"seed" usage:"the bootstrap's seed"`
}

// NewValidateRequest is the default request: ranks from 1950, trained to
// 1980, over a five-year horizon.
func NewValidateRequest() ValidateRequest {
	return ValidateRequest{From: 1950, TrainTo: 1980, Horizon: 5, K: 10, Bootstrap: 1000, Seed: 1}
}

// Options checks r and returns the options of Validate it asks for; an
// error is an EINVALID *entente.Error naming the input.
func (r ValidateRequest) Options() (ValidateOptions, error) {
	o := ValidateOptions{From: r.From, To: r.To, TrainTo: r.TrainTo, Horizon: r.Horizon, K: r.K, Bootstrap: r.Bootstrap, Seed: r.Seed}
	if r.Bootstrap == 0 {
		o.Bootstrap = -1
	}
	if err := cmdline.Validate(r); err != nil {
		return o, err
	}
	if r.TrainTo < r.From || r.To != 0 && r.To <= r.TrainTo {
		return o, entente.FieldErrorf(entente.EINVALID, "train-to", "expected from ≤ train-to < to, got --from %d, --train-to %d, --to %d", r.From, r.TrainTo, r.To)
	}
	return o, nil
}
