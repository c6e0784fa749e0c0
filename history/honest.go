package history

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/entente/entente/internal/number"
)

// Era is a span of years with its own alliance politics; eras are the
// baseline an early warning must beat and the strata it is scored within.
type Era struct {
	Name     string `json:"name"`
	From, To int    `json:"-"`
}

// Eras are the four eras of the honest evaluation: the nineteenth-century
// system to the end of the First World War, the interwar years and the
// Second World War, the Cold War, and after it.
var Eras = []Era{{"1816-1918", 0, 1918}, {"1919-1945", 1919, 1945}, {"1946-1989", 1946, 1989}, {"1990-", 1990, math.MaxInt}}

// EraOf returns the index in Eras of year.
func EraOf(year int) int {
	for i, e := range Eras {
		if year >= e.From && year <= e.To {
			return i
		}
	}
	return len(Eras) - 1
}

// numComponents is len(ComponentNames).
const numComponents = 7

// The extended features of the honest evaluation: the components, then the
// year, the era dummies (against 1816-1918) and the new covariates.
const (
	featYear = numComponents + iota
	featEra2
	featEra3
	featEra4
	featRivalry
	featMIDs
	featRegime
	numFeatures
)

// FeatureNames names the honest evaluation's features.
var FeatureNames = append(slices.Clone(ComponentNames), "year", "era_1919_1945", "era_1946_1989", "era_1990", "rivalry", "mids", "regime_change")

// features returns a row's extended feature vector.
func (r AllianceYear) features() []float64 {
	x := append(r.Components(), float64(r.Year), 0, 0, 0, float64(r.Rivalry), float64(r.MIDs), float64(r.RegimeChange))
	if e := EraOf(r.Year); e > 0 {
		x[featYear+e] = 1
	}
	return x
}

// Spec is one specification: a name and its features (indexes into
// FeatureNames).
type Spec struct {
	Name     string `json:"name"`
	Features []int  `json:"-"`
}

var (
	eraDummies = []int{featEra2, featEra3, featEra4}
	components = []int{0, 1, 2, 3, 4, 5, 6}
	covariates = []int{featRivalry, featMIDs, featRegime}
)

// Specs are the specifications compared: the baselines (age, year, era,
// era and age), the health components alone and with era, and the
// components with era and the new covariates (rivalry, MIDs, regime
// change; the capability shift is a component).
var Specs = []Spec{
	{"age", []int{ageComponent}},
	{"year", []int{featYear}},
	{"era", eraDummies},
	{"era + age", append(slices.Clone(eraDummies), ageComponent)},
	{"components", components},
	{"components + era", append(slices.Clone(components), eraDummies...)},
	{"components + era + covariates", append(append(slices.Clone(components), eraDummies...), covariates...)},
}

// Reference is the name of the baseline every specification is compared
// with, and FullModel that of the model with the new covariates.
const (
	Reference = "era + age"
	FullModel = "components + era + covariates"
)

// DefaultSplits are the honest time splits: train on years up to split −
// horizon, test on years after split.
var DefaultSplits = []int{1945, 1989}

// HonestOptions tunes EvaluateHonestly.
type HonestOptions struct {
	EvalOptions
	// Horizon is the label's horizon in years (the gap of the time
	// splits); 0 means DefaultHorizon.
	Horizon int `json:"horizon"`
	// Splits are the time splits; nil means DefaultSplits.
	Splits []int `json:"splits"`
}

// EraAUC is one specification's cross-validated AUC within one era.
type EraAUC struct {
	Era    string        `json:"era"`
	Rows   int           `json:"rows"`
	Events int           `json:"events"`
	AUC    number.Figure `json:"auc"`
}

// TimeAUC is one specification on one time split with a gap: trained on
// years ≤ TrainTo (= Split − Horizon, so that no training label reaches
// past Split) and tested on years > Split.
type TimeAUC struct {
	Split   int         `json:"split"`
	TrainTo int         `json:"train_to"`
	Train   Sample      `json:"train"`
	Test    Sample      `json:"test"`
	Est     AUCEstimate `json:"auc"`
	// Diff is this AUC minus the reference's on the same test rows.
	Diff AUCEstimate `json:"diff_vs_reference"`
}

// SpecResult is one specification's out-of-sample performance.
type SpecResult struct {
	Name string `json:"name"`
	// CV is the pooled cross-validated AUC (folds by alliance), Diff its
	// difference from the reference's.
	CV   AUCEstimate `json:"cv"`
	Diff AUCEstimate `json:"cv_diff_vs_reference"`
	Eras []EraAUC    `json:"within_eras"`
	Time []TimeAUC   `json:"time_splits"`
}

// Honest is the honest early-warning evaluation.
type Honest struct {
	Options   HonestOptions `json:"options"`
	Evaluable Sample        `json:"evaluable"`
	Reference string        `json:"reference"`
	Specs     []SpecResult  `json:"specs"`
	// Headline says in words what the numbers show.
	Headline string `json:"headline"`
}

// Spec returns the result of the named specification, nil if none.
func (h *Honest) Spec(name string) *SpecResult {
	for i := range h.Specs {
		if h.Specs[i].Name == name {
			return &h.Specs[i]
		}
	}
	return nil
}

// EvaluateHonestly compares the early-warning specifications (Specs) out of
// sample in three ways, each against the era-and-age baseline (Reference):
// pooled 5-fold cross-validation by alliance; the same predictions scored
// within each era (Eras), where the era can no longer help; and time
// splits with a gap of one horizon (train ≤ split − horizon, test >
// split), so that no training label — an end within the horizon — falls
// in the test span. Intervals are cluster bootstraps over alliances.
// Censored rows are left out.
func EvaluateHonestly(rows []AllianceYear, opt HonestOptions) (*Honest, error) {
	opt.EvalOptions = opt.EvalOptions.withDefaults()
	if opt.Horizon == 0 {
		opt.Horizon = DefaultHorizon
	}
	if opt.Splits == nil {
		opt.Splits = DefaultSplits
	}
	X := make([][]float64, len(rows))
	y, cl := make([]bool, len(rows)), make([]int, len(rows))
	var eval []int
	for i, r := range rows {
		X[i], y[i], cl[i] = r.features(), r.Outcome == Ended, r.Alliance
		if r.Outcome != Censored {
			eval = append(eval, i)
		}
	}
	h := &Honest{Options: opt, Evaluable: sample(eval, y, cl), Reference: Reference}
	if !bothOutcomes(h.Evaluable) {
		return nil, fmt.Errorf("%w: %d evaluable alliance-years with %d ends: both outcomes are needed", ErrNoData, h.Evaluable.Rows, h.Evaluable.Events)
	}
	fold := folds(cl, eval, opt.Folds, opt.Seed)
	if len(fold) < opt.Folds {
		return nil, fmt.Errorf("%w: only %d alliances for %d folds", ErrNoData, len(fold), opt.Folds)
	}
	cv := make([][]float64, len(Specs)) // per spec, per row
	for s, sp := range Specs {
		cv[s] = nanSlice(len(rows))
		for f := range opt.Folds {
			var train, test []int
			for _, i := range eval {
				if fold[cl[i]] == f {
					test = append(test, i)
				} else {
					train = append(train, i)
				}
			}
			p, err := predictNamed(X, y, train, test, sp.Features, opt.EvalOptions)
			if err != nil {
				return nil, fmt.Errorf("%s, fold %d: %w", sp.Name, f+1, err)
			}
			for k, i := range test {
				cv[s][i] = p[k]
			}
		}
	}
	ref := slices.IndexFunc(Specs, func(s Spec) bool { return s.Name == Reference })
	for s, sp := range Specs {
		res := SpecResult{Name: sp.Name}
		res.CV, res.Diff = compare(cv[s], cv[ref], y, cl, eval, opt.EvalOptions)
		for e, era := range Eras {
			var idx []int
			for _, i := range eval {
				if EraOf(rows[i].Year) == e {
					idx = append(idx, i)
				}
			}
			smp := sample(idx, y, cl)
			res.Eras = append(res.Eras, EraAUC{Era: era.Name, Rows: smp.Rows, Events: smp.Events, AUC: number.Figure(AUC(pick(cv[s], idx), pick(y, idx)))})
		}
		h.Specs = append(h.Specs, res)
	}
	for _, split := range opt.Splits {
		var train, test []int
		for _, i := range eval {
			switch {
			case rows[i].Year <= split-opt.Horizon:
				train = append(train, i)
			case rows[i].Year > split:
				test = append(test, i)
			}
		}
		trs, tes := sample(train, y, cl), sample(test, y, cl)
		preds := make([][]float64, len(Specs))
		for s, sp := range Specs {
			preds[s] = nanSlice(len(rows))
			if !bothOutcomes(trs) || !bothOutcomes(tes) {
				continue
			}
			p, err := predictNamed(X, y, train, test, sp.Features, opt.EvalOptions)
			if err != nil {
				return nil, fmt.Errorf("%s, split %d: %w", sp.Name, split, err)
			}
			for k, i := range test {
				preds[s][i] = p[k]
			}
		}
		for s := range Specs {
			ta := TimeAUC{Split: split, TrainTo: split - opt.Horizon, Train: trs, Test: tes}
			ta.Est, ta.Diff = compare(preds[s], preds[ref], y, cl, test, opt.EvalOptions)
			h.Specs[s].Time = append(h.Specs[s].Time, ta)
		}
	}
	h.Headline = h.headline()
	return h, nil
}

// predictNamed is predict over the extended features.
func predictNamed(X [][]float64, y []bool, train, test []int, use []int, opt EvalOptions) ([]float64, error) {
	d := newDesignNamed(X, train, use, FeatureNames)
	if len(d.Columns) == 0 {
		// Nothing varies in training: every test row gets the base rate.
		n := 0
		for _, i := range train {
			if y[i] {
				n++
			}
		}
		out := make([]float64, len(test))
		for k := range out {
			out[k] = float64(n) / float64(len(train))
		}
		return out, nil
	}
	fit, err := fitDesign(X, y, train, d, opt)
	if err != nil {
		return nil, err
	}
	out := make([]float64, len(test))
	for k, i := range test {
		out[k] = fit.Prob(d.Row(X[i]))
	}
	return out, nil
}

// compare scores a against the reference b on rows idx: a's AUC and the
// difference, each with the cluster bootstrap and DeLong intervals; NaN
// when a score is missing.
func compare(a, b []float64, y []bool, cl []int, idx []int, opt EvalOptions) (AUCEstimate, AUCEstimate) {
	none := Interval{Lo: math.NaN(), Hi: math.NaN()}
	nan := AUCEstimate{number.Figure(math.NaN()), none, none}
	if len(idx) == 0 || math.IsNaN(a[idx[0]]) || math.IsNaN(b[idx[0]]) {
		return nan, nan
	}
	pa, pb, lab, clu := pick(a, idx), pick(b, idx), pick(y, idx), pick(cl, idx)
	dl := NewDeLong(lab, pa, pb)
	bs := ClusterBootstrap(lab, clu, pa, pb, opt.Bootstrap, opt.Seed)
	d, dci := dl.Diff(0, 1)
	return AUCEstimate{number.Figure(dl.AUC[0]), bs.A, dl.CI(0)}, AUCEstimate{number.Figure(d), bs.Diff, dci}
}

func pick[T any](xs []T, idx []int) []T {
	out := make([]T, len(idx))
	for k, i := range idx {
		out[k] = xs[i]
	}
	return out
}

func nanSlice(n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = math.NaN()
	}
	return s
}

// verdict says how a difference's bootstrap interval stands to zero.
func verdict(d AUCEstimate) string {
	switch {
	case math.IsNaN(float64(d.AUC)):
		return "cannot be compared with"
	case d.Bootstrap.Lo > 0:
		return "beats"
	case d.Bootstrap.Hi < 0:
		return "does worse than"
	}
	return "does no better than"
}

// headline writes what the evaluation finds, from its numbers.
func (h *Honest) headline() string {
	comp, full, ref, year := h.Spec("components"), h.Spec(FullModel), h.Spec(Reference), h.Spec("year")
	var b strings.Builder
	fmt.Fprintf(&b, "Cross-validated by alliance, the health components score AUC %.3f, the year alone %.3f and era with age %.3f",
		comp.CV.AUC, year.CV.AUC, ref.CV.AUC)
	if max(year.CV.AUC, ref.CV.AUC) >= comp.CV.AUC {
		b.WriteString(": the components' apparent skill is mostly the era")
	}
	b.WriteString(". ")
	fmt.Fprintf(&b, "With era, rivalry, MIDs and regime change the model scores %.3f and %s era with age (difference %+.3f, 95%% CI %.3f to %.3f). ",
		full.CV.AUC, verdict(full.Diff), full.Diff.AUC, full.Diff.Bootstrap.Lo, full.Diff.Bootstrap.Hi)
	var eras []string
	for e := range Eras {
		eras = append(eras, fmt.Sprintf("%s %.3f vs %.3f", Eras[e].Name, full.Eras[e].AUC, h.Spec("age").Eras[e].AUC))
	}
	fmt.Fprintf(&b, "Within eras (full model vs age): %s. ", strings.Join(eras, ", "))
	for k, t := range full.Time {
		fmt.Fprintf(&b, "Trained to %d and tested after %d, it scores %.3f and %s era with age (%.3f)", t.TrainTo, t.Split, t.Est.AUC, verdict(t.Diff), ref.Time[k].Est.AUC)
		if k < len(full.Time)-1 {
			b.WriteString("; ")
		}
	}
	b.WriteString(".")
	return b.String()
}
