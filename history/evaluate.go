package history

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/entente/entente/internal/number"
)

// ComponentNames names the early-warning components in the order of
// AllianceYear.Components.
var ComponentNames = []string{"cohesion_un", "cohesion_portfolio", "herfindahl", "herfindahl_shift", "log_size", "age", "burden_cv"}

// ageComponent is the index of "age" in ComponentNames: the baseline uses
// it alone.
const ageComponent = 5

// Components returns the alliance-year's components, NaN where missing:
// UN vote agreement, portfolio S, the CINC Herfindahl index and its shift,
// the log of the number of members, the age and the spending CV.
func (r AllianceYear) Components() []float64 {
	return []float64{float64(r.UN.Agree), float64(r.Portfolio), float64(r.Herfindahl), float64(r.Shift), math.Log(float64(r.Size)), float64(r.Age), float64(r.BurdenCV)}
}

// Column is one column of a design matrix, fixed on a training set.
type Column struct {
	// Name is the component's name, with "_missing" for an indicator.
	Name      string `json:"name"`
	Component int    `json:"-"`
	// Indicator columns are 1 where the component is missing, else 0.
	Indicator bool `json:"indicator"`
	// Mean and SD are the training rows' mean and standard deviation of
	// the component where present: a value column holds (x − Mean) / SD,
	// and 0 (the mean) where x is missing.
	Mean number.Figure `json:"mean"`
	SD   number.Figure `json:"sd"`
}

// Design turns component vectors into model inputs: mean imputation plus a
// missing indicator per component, standardised by the training rows.
type Design struct {
	Columns []Column `json:"columns"`
}

// NewDesign fixes a design on the training rows of X (components per row,
// NaN where missing) for the components in use. A component gets a value
// column when it is present and varies among the training rows, and an
// indicator column when it is missing in some training rows but not all;
// a column that would be constant in training is left out, since its
// coefficient could not be estimated.
func NewDesign(X [][]float64, train []int, use []int) Design {
	return newDesignNamed(X, train, use, ComponentNames)
}

// newDesignNamed is NewDesign with the components' names.
func newDesignNamed(X [][]float64, train []int, use []int, names []string) Design {
	var d Design
	for _, c := range use {
		var xs []float64
		for _, i := range train {
			if v := X[i][c]; !math.IsNaN(v) {
				xs = append(xs, v)
			}
		}
		m, sd := mean(xs), sampleSD(xs)
		if len(xs) >= 2 && sd > 0 {
			d.Columns = append(d.Columns, Column{Name: names[c], Component: c, Mean: number.Figure(m), SD: number.Figure(sd)})
		}
		if len(xs) > 0 && len(xs) < len(train) {
			d.Columns = append(d.Columns, Column{Name: names[c] + "_missing", Component: c, Indicator: true})
		}
	}
	return d
}

// Row returns the design row of the component vector x.
func (d Design) Row(x []float64) []float64 {
	out := make([]float64, len(d.Columns))
	for j, col := range d.Columns {
		v := x[col.Component]
		switch {
		case col.Indicator && math.IsNaN(v):
			out[j] = 1
		case col.Indicator, math.IsNaN(v):
			out[j] = 0
		default:
			out[j] = (v - float64(col.Mean)) / float64(col.SD)
		}
	}
	return out
}

// The defaults of EvalOptions.
const (
	DefaultFolds     = 5
	DefaultBootstrap = 1000
	DefaultSplitYear = 1945
	DefaultRidge     = 1e-3
)

// EvalOptions tunes Evaluate.
type EvalOptions struct {
	// Folds is the number of cross-validation folds, alliances assigned to
	// folds at random by Seed; 0 means DefaultFolds.
	Folds int `json:"folds"`
	// Seed drives the fold assignment and the bootstrap.
	Seed uint64 `json:"seed"`
	// Bootstrap is the number of cluster-bootstrap replicates; 0 means
	// DefaultBootstrap.
	Bootstrap int `json:"bootstrap"`
	// SplitYear: the time split trains on years ≤ SplitYear and tests on
	// later years; 0 means DefaultSplitYear.
	SplitYear int `json:"split_year"`
	// Ridge is the logistic fit's penalty (LogisticOptions); 0 means
	// DefaultRidge, a negative value none.
	Ridge float64 `json:"ridge"`
}

func (o EvalOptions) withDefaults() EvalOptions {
	if o.Folds == 0 {
		o.Folds = DefaultFolds
	}
	if o.Bootstrap == 0 {
		o.Bootstrap = DefaultBootstrap
	}
	if o.SplitYear == 0 {
		o.SplitYear = DefaultSplitYear
	}
	switch {
	case o.Ridge == 0:
		o.Ridge = DefaultRidge
	case o.Ridge < 0:
		o.Ridge = 0
	}
	return o
}

// Sample counts alliance-years, those that ended within the horizon, and
// the alliances they belong to.
type Sample struct {
	Rows      int `json:"rows"`
	Events    int `json:"events"`
	Alliances int `json:"alliances"`
}

// AUCEstimate is an AUC with two 95% intervals: the cluster bootstrap over
// alliances (the one to read) and DeLong's, which treats alliance-years as
// independent and so is too narrow when an alliance's years are alike.
type AUCEstimate struct {
	AUC       number.Figure `json:"auc"`
	Bootstrap Interval      `json:"ci_bootstrap"`
	DeLong    Interval      `json:"ci_delong"`
}

// SplitResult is the out-of-sample comparison of the model with the
// age-only baseline on one split. Figures that cannot be computed (a test
// set without both outcomes) are NaN, with Note saying why.
type SplitResult struct {
	Name  string `json:"name"`
	Train Sample `json:"train"`
	Test  Sample `json:"test"`
	// Model is the components' logistic regression, Age the age-only one.
	Model AUCEstimate `json:"model"`
	Age   AUCEstimate `json:"age_only"`
	// Diff is Model.AUC − Age.AUC with its intervals.
	Diff AUCEstimate `json:"diff"`
	// Bootstrap says how many replicates were used and skipped.
	Reps    int    `json:"bootstrap_reps"`
	Skipped int    `json:"bootstrap_skipped"`
	Note    string `json:"note,omitempty"`
}

// Coefficient is one fitted coefficient on a standardised column.
type Coefficient struct {
	Name string        `json:"name"`
	Coef number.Figure `json:"coef"`
}

// Evaluation is how well the early-warning score predicts an alliance's end
// within the horizon, out of sample, against age alone.
type Evaluation struct {
	Options EvalOptions `json:"options"`
	// Rows counts every alliance-year; Evaluable those not censored.
	Rows      int    `json:"rows"`
	Evaluable Sample `json:"evaluable"`
	// CrossValidation pools the out-of-fold predictions of the folds by
	// alliance; Time trains on years ≤ SplitYear and tests after.
	CrossValidation SplitResult `json:"cross_validation"`
	Time            SplitResult `json:"time_split"`
	// Coefficients are the model's, fitted on every evaluable row, on the
	// standardised columns of Design: for reading, not for the AUCs.
	Design       Design        `json:"design"`
	Coefficients []Coefficient `json:"coefficients"`
	// Scores are the cross-validated predicted probabilities per row of
	// the input (NaN for censored rows): Model and Age.
	Scores []RowScore `json:"-"`
}

// RowScore is one alliance-year's out-of-fold predicted probabilities of
// ending within the horizon.
type RowScore struct {
	Model, Age float64
}

// Evaluate fits the model and the baseline out of sample and compares
// their AUCs. It fails with ErrNoData when no evaluable row has both
// outcomes.
func Evaluate(rows []AllianceYear, opt EvalOptions) (*Evaluation, error) {
	opt = opt.withDefaults()
	X, y, cl, eval := matrix(rows)
	e := &Evaluation{Options: opt, Rows: len(rows), Evaluable: sample(eval, y, cl)}
	if e.Evaluable.Events == 0 || e.Evaluable.Events == e.Evaluable.Rows {
		return nil, fmt.Errorf("%w: %d evaluable alliance-years with %d ends: both outcomes are needed", ErrNoData, e.Evaluable.Rows, e.Evaluable.Events)
	}
	all := allComponents()
	var err error
	e.CrossValidation, e.Scores, err = crossValidate(X, y, cl, eval, all, opt)
	if err != nil {
		return nil, err
	}
	if e.Time, err = timeSplit(rows, X, y, cl, eval, all, opt); err != nil {
		return nil, err
	}
	e.Design = NewDesign(X, eval, all)
	fit, err := fitDesign(X, y, eval, e.Design, opt)
	if err != nil {
		return nil, err
	}
	e.Coefficients = append(e.Coefficients, Coefficient{"intercept", number.Figure(fit.Coef[0])})
	for j, c := range e.Design.Columns {
		e.Coefficients = append(e.Coefficients, Coefficient{c.Name, number.Figure(fit.Coef[j+1])})
	}
	return e, nil
}

func allComponents() []int {
	out := make([]int, len(ComponentNames))
	for i := range out {
		out[i] = i
	}
	return out
}

// matrix returns the components, labels and alliances of the rows and the
// indexes of the evaluable (not censored) rows.
func matrix(rows []AllianceYear) (X [][]float64, y []bool, cl []int, eval []int) {
	X, y, cl = make([][]float64, len(rows)), make([]bool, len(rows)), make([]int, len(rows))
	for i, r := range rows {
		X[i], y[i], cl[i] = r.Components(), r.Outcome == Ended, r.Alliance
		if r.Outcome != Censored {
			eval = append(eval, i)
		}
	}
	return X, y, cl, eval
}

func sample(idx []int, y []bool, cl []int) Sample {
	s := Sample{Rows: len(idx)}
	seen := map[int]bool{}
	for _, i := range idx {
		if y[i] {
			s.Events++
		}
		seen[cl[i]] = true
	}
	s.Alliances = len(seen)
	return s
}

// fitDesign fits the logistic regression on the design rows of train.
func fitDesign(X [][]float64, y []bool, train []int, d Design, opt EvalOptions) (*Logistic, error) {
	rows := make([][]float64, len(train))
	ys := make([]bool, len(train))
	for k, i := range train {
		rows[k], ys[k] = d.Row(X[i]), y[i]
	}
	return FitLogistic(rows, ys, LogisticOptions{Ridge: opt.Ridge})
}

// predict fits use-components on train and returns the probabilities of
// test.
func predict(X [][]float64, y []bool, train, test []int, use []int, opt EvalOptions) ([]float64, error) {
	d := NewDesign(X, train, use)
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

// folds assigns each alliance of eval to one of k folds: the sorted
// alliance ids shuffled by seed, the i-th in the shuffle to fold i mod k.
func folds(cl []int, eval []int, k int, seed uint64) map[int]int {
	var ids []int
	for _, i := range eval {
		ids = append(ids, cl[i])
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	rng := rand.New(rand.NewPCG(seed, 0xf01d5))
	rng.Shuffle(len(ids), func(a, b int) { ids[a], ids[b] = ids[b], ids[a] })
	fold := make(map[int]int, len(ids))
	for i, id := range ids {
		fold[id] = i % k
	}
	return fold
}

// crossValidate predicts every evaluable row from a model fitted on the
// other folds' alliances and scores the pooled predictions.
func crossValidate(X [][]float64, y []bool, cl, eval, all []int, opt EvalOptions) (SplitResult, []RowScore, error) {
	res := SplitResult{Name: fmt.Sprintf("%d-fold cross-validation by alliance (seed %d)", opt.Folds, opt.Seed)}
	scores := make([]RowScore, len(X))
	for i := range scores {
		scores[i] = RowScore{math.NaN(), math.NaN()}
	}
	fold := folds(cl, eval, opt.Folds, opt.Seed)
	if len(fold) < opt.Folds {
		res.Note = fmt.Sprintf("only %d alliances for %d folds", len(fold), opt.Folds)
		nanSplit(&res)
		return res, scores, nil
	}
	for f := range opt.Folds {
		var train, test []int
		for _, i := range eval {
			if fold[cl[i]] == f {
				test = append(test, i)
			} else {
				train = append(train, i)
			}
		}
		if err := predictInto(scores, X, y, train, test, all, opt); err != nil {
			return res, nil, fmt.Errorf("fold %d: %w", f+1, err)
		}
	}
	res.Train = sample(eval, y, cl)
	res.Test = res.Train
	score(&res, scores, y, cl, eval, opt)
	return res, scores, nil
}

// predictInto fits the model and the baseline on train and stores their
// predictions for test.
func predictInto(scores []RowScore, X [][]float64, y []bool, train, test, all []int, opt EvalOptions) error {
	pm, err := predict(X, y, train, test, all, opt)
	if err != nil {
		return err
	}
	pa, err := predict(X, y, train, test, []int{ageComponent}, opt)
	if err != nil {
		return err
	}
	for k, i := range test {
		scores[i] = RowScore{pm[k], pa[k]}
	}
	return nil
}

// timeSplit trains on the evaluable rows up to SplitYear and tests on the
// later ones.
func timeSplit(rows []AllianceYear, X [][]float64, y []bool, cl, eval, all []int, opt EvalOptions) (SplitResult, error) {
	res := SplitResult{Name: fmt.Sprintf("time split: train ≤ %d, test > %d", opt.SplitYear, opt.SplitYear)}
	var train, test []int
	for _, i := range eval {
		if rows[i].Year <= opt.SplitYear {
			train = append(train, i)
		} else {
			test = append(test, i)
		}
	}
	res.Train, res.Test = sample(train, y, cl), sample(test, y, cl)
	if !bothOutcomes(res.Train) || !bothOutcomes(res.Test) {
		res.Note = "the training or the test years lack an alliance that ended or one that survived"
		nanSplit(&res)
		return res, nil
	}
	scores := make([]RowScore, len(X))
	if err := predictInto(scores, X, y, train, test, all, opt); err != nil {
		return res, err
	}
	score(&res, scores, y, cl, test, opt)
	return res, nil
}

func bothOutcomes(s Sample) bool { return s.Events > 0 && s.Events < s.Rows }

func nanSplit(r *SplitResult) {
	none := Interval{Lo: math.NaN(), Hi: math.NaN()}
	nan := AUCEstimate{number.Figure(math.NaN()), none, none}
	r.Model, r.Age, r.Diff = nan, nan, nan
}

// score computes the AUCs of the test rows with both intervals.
func score(res *SplitResult, scores []RowScore, y []bool, cl []int, test []int, opt EvalOptions) {
	m, a := make([]float64, len(test)), make([]float64, len(test))
	lab, clu := make([]bool, len(test)), make([]int, len(test))
	for k, i := range test {
		m[k], a[k], lab[k], clu[k] = scores[i].Model, scores[i].Age, y[i], cl[i]
	}
	dl := NewDeLong(lab, m, a)
	bs := ClusterBootstrap(lab, clu, m, a, opt.Bootstrap, opt.Seed)
	diff, diffCI := dl.Diff(0, 1)
	res.Model = AUCEstimate{number.Figure(dl.AUC[0]), bs.A, dl.CI(0)}
	res.Age = AUCEstimate{number.Figure(dl.AUC[1]), bs.B, dl.CI(1)}
	res.Diff = AUCEstimate{number.Figure(diff), bs.Diff, diffCI}
	res.Reps, res.Skipped = bs.Reps, bs.Skipped
}
