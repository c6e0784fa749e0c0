package partner

import "github.com/entente/entente"

// Request is a partner suggestion as the CLI's flags and the API's query
// parameters give it, in text, so that both read it with one parser and
// one set of defaults.
type Request struct {
	// Objective is the capability gap, METRIC=TARGET[,...]; required.
	Objective string
	// Weights change DefaultWeights, PART=WEIGHT[,...]; "" keeps them.
	Weights string
	// Alignment is distance (the default, also for "") or cosine.
	Alignment string
	// Limit keeps the first Limit candidates; 0 keeps all.
	Limit int
	// Power names the capability whose shares give the autonomy cost; ""
	// for the agreement's power measure.
	Power string
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
