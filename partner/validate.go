package partner

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"sort"
	"sync"

	"github.com/entente/entente/fpsim"
	"github.com/entente/entente/internal/number"
	"github.com/entente/entente/internal/stats"
)

// ValidateOptions tunes Validate. The zero value uses every default.
type ValidateOptions struct {
	// From and To are the first and last year t at which candidates are
	// ranked; 0 means 1950 and the last year with Horizon years of ATOP
	// data after it (2013 for ATOP 5.1).
	From, To int
	// TrainTo is the last year of the training years From..TrainTo; the
	// test years are TrainTo+1..To. 0 means 1980.
	TrainTo int
	// Horizon is how many years after t a new pledge counts; 0 means 5.
	Horizon int
	// K is the cut of precision at K; 0 means 10.
	K int
	// Bootstrap is the number of bootstrap replicates for the confidence
	// intervals; 0 means 1000, negative none.
	Bootstrap int
	// Seed seeds the bootstrap: the same seed gives the same intervals.
	Seed uint64
	// Workers is the number of goroutines; 0 or less means GOMAXPROCS.
	// Results do not depend on it.
	Workers int
	// Progress, if set, is called as the work advances, from one
	// goroutine at a time: stage is "features" (one step per year), "fit"
	// (0 of 1 as the fit starts, 1 of 1 when done) or "bootstrap" (one step
	// per replicate).
	Progress func(stage string, done, total int)
}

func (o ValidateOptions) withDefaults(lastYear int) ValidateOptions {
	if o.Horizon == 0 {
		o.Horizon = 5
	}
	if o.From == 0 {
		o.From = 1950
	}
	if o.To == 0 {
		o.To = lastYear - o.Horizon
	}
	if o.TrainTo == 0 {
		o.TrainTo = 1980
	}
	if o.K == 0 {
		o.K = 10
	}
	if o.Bootstrap == 0 {
		o.Bootstrap = 1000
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	return o
}

// The ranking methods compared. MethodCovariates is fitted only when the
// History has Covariates.
const (
	MethodModel      = "model"
	MethodCapability = "capability only"
	MethodAllies     = "common allies"
	MethodCovariates = "model + covariates"
)

// Feature is one feature of the fitted model with its coefficient. The
// model standardises each feature by its training mean and standard
// deviation (Coef is per standard deviation) and sets an unknown value to
// the mean, with an indicator feature for the unknown case.
type Feature struct {
	Name string        `json:"name"`
	Coef number.Figure `json:"coef"`
	Mean number.Figure `json:"mean"`
	SD   number.Figure `json:"sd"`
}

// MethodResult is how well one ranking predicted the new pledges: the AUC
// over every candidate pair of the test years with its bootstrap interval,
// precision at K averaged over the state-years with at least one new
// partner with its interval, and the AUC on the training years.
//
// AUCLow..PrecisionHigh resample the ranking states. The Treaty intervals
// resample the positives by the alliance that produced them and the
// negatives by ranking state (a stratified cluster bootstrap; a state-year
// counts, for precision, with the treaty of most of its positives). The
// Naive interval is DeLong's, every candidate pair independent.
// LargestOnce weights the positives of the three alliances with the most
// test positives so that each alliance counts as one positive (for
// precision, as one state-year); EachTreatyOnce does so for every
// alliance.
type MethodResult struct {
	Method        string        `json:"method"`
	AUC           number.Figure `json:"auc"`
	AUCLow        number.Figure `json:"auc_low"`
	AUCHigh       number.Figure `json:"auc_high"`
	Precision     number.Figure `json:"precision"`
	PrecisionLow  number.Figure `json:"precision_low"`
	PrecisionHigh number.Figure `json:"precision_high"`
	TrainAUC      number.Figure `json:"train_auc"`

	AUCTreatyLow            number.Figure `json:"auc_treaty_low"`
	AUCTreatyHigh           number.Figure `json:"auc_treaty_high"`
	PrecisionTreatyLow      number.Figure `json:"precision_treaty_low"`
	PrecisionTreatyHigh     number.Figure `json:"precision_treaty_high"`
	AUCNaiveLow             number.Figure `json:"auc_naive_low"`
	AUCNaiveHigh            number.Figure `json:"auc_naive_high"`
	AUCLargestOnce          number.Figure `json:"auc_largest_once"`
	AUCLargestOnceLow       number.Figure `json:"auc_largest_once_low"`
	AUCLargestOnceHigh      number.Figure `json:"auc_largest_once_high"`
	PrecisionLargestOnce    number.Figure `json:"precision_largest_once"`
	AUCEachTreatyOnce       number.Figure `json:"auc_each_treaty_once"`
	PrecisionEachTreatyOnce number.Figure `json:"precision_each_treaty_once"`
}

// Difference is a method's test AUC less a baseline's (Method empty: the
// model's), with the interval of that difference over the same bootstrap
// replicates: resampling ranking states (Low, High), clustered by treaty
// (TreatyLow, TreatyHigh), and DeLong's for paired AUCs (NaiveLow,
// NaiveHigh). LargestOnce is the difference with the three largest
// treaties' positives counted once each, with its treaty-clustered
// interval.
type Difference struct {
	Method   string        `json:"method"`
	Baseline string        `json:"baseline"`
	AUC      number.Figure `json:"auc"`
	Low      number.Figure `json:"low"`
	High     number.Figure `json:"high"`

	TreatyLow       number.Figure `json:"treaty_low"`
	TreatyHigh      number.Figure `json:"treaty_high"`
	NaiveLow        number.Figure `json:"naive_low"`
	NaiveHigh       number.Figure `json:"naive_high"`
	LargestOnce     number.Figure `json:"largest_once"`
	LargestOnceLow  number.Figure `json:"largest_once_low"`
	LargestOnceHigh number.Figure `json:"largest_once_high"`
}

// TreatyShare is one ATOP alliance's share of the test positives.
type TreatyShare struct {
	ATOPID    int           `json:"atopid"`
	Positives int           `json:"positives"`
	Share     number.Figure `json:"share"`
}

// Validation is the outcome of the historical validation.
type Validation struct {
	From      int    `json:"from"`
	TrainTo   int    `json:"train_to"`
	To        int    `json:"to"`
	Horizon   int    `json:"horizon"`
	K         int    `json:"k"`
	Bootstrap int    `json:"bootstrap"`
	Seed      uint64 `json:"seed"`
	// TrainPairs and TestPairs count the directed candidate pairs (state,
	// candidate) of the training and test years; the Positives those that
	// went on to a new defense or offense pledge.
	TrainPairs     int `json:"train_pairs"`
	TrainPositives int `json:"train_positives"`
	TestPairs      int `json:"test_pairs"`
	TestPositives  int `json:"test_positives"`
	// TestStates counts the state-years of the test years with at least
	// one new partner: precision at K is their mean.
	TestStates int `json:"test_states"`
	// Treaties counts the ATOP alliances that produced the test positives;
	// Largest are the three that produced the most, and LargestShare
	// their share of the test positives.
	Treaties     int           `json:"treaties"`
	Largest      []TreatyShare `json:"largest"`
	LargestShare number.Figure `json:"largest_share"`
	Features     []Feature     `json:"features"`
	// CovariateFeatures are the extended model's (MethodCovariates), when
	// it was fitted.
	CovariateFeatures []Feature      `json:"covariate_features,omitempty"`
	Results           []MethodResult `json:"results"`
	Differences       []Difference   `json:"differences"`
	Notes             []string       `json:"notes"`
}

// Result returns the result of the named method.
func (v *Validation) Result(method string) MethodResult {
	for _, r := range v.Results {
		if r.Method == method {
			return r
		}
	}
	return MethodResult{Method: method, AUC: number.Figure(math.NaN())}
}

// Difference returns the difference of method less baseline ("" is the
// model), with ok false when it was not computed.
func (v *Validation) Difference(method, baseline string) (Difference, bool) {
	for _, d := range v.Differences {
		if d.Method == method && d.Baseline == baseline {
			return d, true
		}
	}
	return Difference{}, false
}

// validationNotes are the data limits every run without covariates
// reports.
var validationNotes = []string{
	"shared threats are left out: the project has no rivalry data (no list of rival pairs is among its datasets)",
	"geographic distance and contiguity are left out: they are not in the data",
	"culture is left out: there are no Hofstede scores for states in the data",
	"reputation is left out: states have no trust record, so every candidate would be neutral (0.5) and the ranking unchanged",
	"complementarity: with no stated objective for a state, the candidate's CINC (its share of world capability) stands for what it brings",
}

// covariateNotes are the notes of a run with covariates; the shares of
// test pairs with each unknown are appended.
var covariateNotes = []string{
	"the base model leaves out shared threats, distance, contiguity, regime and culture; the model + covariates adds them (peacesciencer's TSS rivalries, COW contiguity 3.2, capitals, V-Dem polyarchy, COW IGO 3.0; Hofstede 2015)",
	"culture: Hofstede's scores (2015 release) are one cross-section, used for every year: the one covariate not measured up to t",
	"reputation is left out: states have no trust record, so every candidate would be neutral (0.5) and the ranking unchanged",
	"complementarity: with no stated objective for a state, the candidate's CINC (its share of world capability) stands for what it brings",
}

// Validate runs the historical validation of partner ranking. For every
// year t from From to To and every state in the system at t, the other
// states not already allied to it by a defense or offense pledge at t are
// ranked as candidates from data up to t, and the ranking is scored against
// the defense or offense pledges the pair actually entered into in t+1..t+H
// (ATOP). The model is a logistic regression fitted on the years up to
// TrainTo; it and two baselines (the candidate's CINC; the number of allies
// the two have in common) are evaluated on the later years. With
// h.Covariates a second model adds the dyadic covariates. See the package
// documentation for the features and measures.
func Validate(h *History, opts ValidateOptions) (*Validation, error) {
	w, err := newWorld(h)
	if err != nil {
		return nil, err
	}
	o := opts.withDefaults(w.lastYear)
	if err := o.check(w.lastYear); err != nil {
		return nil, err
	}
	years, err := buildYears(w, h, o)
	if err != nil {
		return nil, err
	}
	var train, test []*yearData
	for _, d := range years {
		if d.year <= o.TrainTo {
			train = append(train, d)
		} else {
			test = append(test, d)
		}
	}
	specs := []*spec{baseSpec}
	if h.Covariates != nil {
		specs = append(specs, covSpec)
	}
	var models []*model
	for k, sp := range specs {
		progress(o, "fit", k, len(specs))
		m, err := fitModel(train, sp)
		if err != nil {
			return nil, err
		}
		models = append(models, m)
	}
	progress(o, "fit", len(specs), len(specs))
	v := &Validation{From: o.From, TrainTo: o.TrainTo, To: o.To, Horizon: o.Horizon, K: o.K,
		Bootstrap: max(o.Bootstrap, 0), Seed: o.Seed, Features: models[0].features(), Notes: validationNotes}
	if len(models) > 1 {
		v.CovariateFeatures = models[1].features()
		v.Notes = append(slices.Clone(covariateNotes), unknownNotes(test, models[1])...)
	}
	trainSet, testSet := collect(train, models), collect(test, models)
	v.TrainPairs, v.TrainPositives = len(trainSet.label), countTrue(trainSet.label)
	v.TestPairs, v.TestPositives = len(testSet.label), countTrue(testSet.label)
	evaluate(v, trainSet, testSet, o)
	return v, nil
}

func progress(o ValidateOptions, stage string, done, total int) {
	if o.Progress != nil {
		o.Progress(stage, done, total)
	}
}

func (o ValidateOptions) check(lastYear int) error {
	switch {
	case o.Horizon < 1:
		return fmt.Errorf("partner: horizon %d: expected at least 1 year", o.Horizon)
	case o.From > o.TrainTo || o.TrainTo >= o.To:
		return fmt.Errorf("partner: years %d..%d with training to %d: expected from ≤ train-to < to", o.From, o.To, o.TrainTo)
	case o.To+o.Horizon > lastYear:
		return fmt.Errorf("partner: ATOP data ends in %d, so %d has no %d years of follow-up (last year possible %d)", lastYear, o.To, o.Horizon, lastYear-o.Horizon)
	case o.K < 1:
		return fmt.Errorf("partner: precision at %d: expected K ≥ 1", o.K)
	}
	return nil
}

// buildYears computes every year's candidate pairs and features.
func buildYears(w *world, h *History, o ValidateOptions) ([]*yearData, error) {
	al := w.alliances(o.From, o.To, o.Horizon)
	var cx *covIndex
	if h.Covariates != nil {
		cx = newCovIndex(w, h.Covariates, o.From, o.To)
	}
	total := o.To - o.From + 1
	var out []*yearData
	for t := o.From; t <= o.To; t++ {
		if len(w.system[t]) == 0 {
			return nil, fmt.Errorf("partner: no state-system members in %d", t)
		}
		d, err := w.buildYear(h, al, t, fpsim.Options{Workers: o.Workers})
		if err != nil {
			return nil, err
		}
		if cx != nil {
			d.cov = cx.year(d)
		}
		out = append(out, d)
		progress(o, "features", t-o.From+1, total)
	}
	return out, nil
}

// The model's raw features, in order; see rawFeatures.
var rawNames = []string{"log10 CINC of candidate", "autonomy cost", "UN-vote agreement (t-2..t)",
	"portfolio tau-b", "log(1 + common allies)"}

// rawFeatures computes the raw features of candidate j for state i in
// year d, NaN where unknown: log10(CINC_j + 10⁻⁶) (the offset keeps a
// rounded-to-zero CINC finite), the autonomy cost max(0, 2s − 1) of
// s = CINC_j/(CINC_i + CINC_j), Lijphart's vote agreement over t−2..t,
// the alliance-portfolio tau-b at t, and log(1 + allies in common at t).
func rawFeatures(d *yearData, i, j, p int, out []float64) {
	ci, cj := d.cinc[i], d.cinc[j]
	out[0], out[1] = math.NaN(), math.NaN()
	if cj >= 0 {
		out[0] = math.Log10(cj + 1e-6)
		if ci >= 0 && ci+cj > 0 {
			out[1] = AutonomyCost(cj / (ci + cj))
		}
	}
	out[2] = d.agree[p]
	out[3] = d.tau[p]
	out[4] = math.Log1p(float64(d.common[p]))
}

const numRaw = 5

// spec is a model's features: raw columns and indicators of unknowns.
type spec struct {
	names      []string
	indicators []indicatorSpec
	cov        bool // the raw columns after the base ones are covYear.features
}

// indicatorSpec is an indicator column: 1 when any of cols is unknown.
type indicatorSpec struct {
	name string
	cols []int
}

// baseSpec is the model of the package documentation; covSpec adds the
// covariates.
var baseSpec, covSpec = func() (*spec, *spec) {
	base := &spec{names: rawNames, indicators: []indicatorSpec{{"CINC unknown", []int{0, 1}}, {"UN votes unknown", []int{2}}}}
	ext := &spec{names: append(slices.Clone(rawNames), covNames...), indicators: slices.Clone(base.indicators), cov: true}
	for _, c := range covIndicators {
		ext.indicators = append(ext.indicators, indicatorSpec{c.name, []int{numRaw + c.col}})
	}
	return base, ext
}()

func (s *spec) raw(d *yearData, i, j, p int, out []float64) {
	rawFeatures(d, i, j, p, out[:numRaw])
	if s.cov {
		d.cov.features(i, j, p, out[numRaw:])
	}
}

// model is the fitted logistic regression over the standardised features.
type model struct {
	spec     *spec
	mean, sd []float64
	beta     []float64 // intercept, the raw features, then the indicators
}

func (m *model) width() int { return 1 + len(m.spec.names) + len(m.spec.indicators) }

// design writes the model's row for a raw feature vector.
func (m *model) design(raw, row []float64) {
	nr := len(m.spec.names)
	row[0] = 1
	for k := 0; k < nr; k++ {
		row[1+k] = 0
		if !math.IsNaN(raw[k]) && m.sd[k] > 0 {
			row[1+k] = (raw[k] - m.mean[k]) / m.sd[k]
		}
	}
	for q, ind := range m.spec.indicators {
		unknown := false
		for _, c := range ind.cols {
			unknown = unknown || math.IsNaN(raw[c])
		}
		row[1+nr+q] = indicator(unknown)
	}
}

func indicator(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func (m *model) score(raw, row []float64) float64 {
	m.design(raw, row)
	z := 0.0
	for k, v := range row {
		z += v * m.beta[k]
	}
	return z
}

func (m *model) features() []Feature {
	nr := len(m.spec.names)
	out := []Feature{{Name: "intercept", Coef: number.Figure(m.beta[0])}}
	for k, name := range m.spec.names {
		out = append(out, Feature{Name: name, Coef: number.Figure(m.beta[1+k]), Mean: number.Figure(m.mean[k]), SD: number.Figure(m.sd[k])})
	}
	for k, ind := range m.spec.indicators {
		out = append(out, Feature{Name: ind.name, Coef: number.Figure(m.beta[1+nr+k])})
	}
	return out
}

// eachCandidate calls fn for every directed candidate pair of year d:
// state i, candidate j ≠ i not already allied to it, and their pair index.
func eachCandidate(d *yearData, fn func(i, j, p int)) {
	m := len(d.states)
	for i := 0; i < m; i++ {
		for j := 0; j < m; j++ {
			if i == j {
				continue
			}
			if p := d.pairIndex(i, j); !d.allied[p] {
				fn(i, j, p)
			}
		}
	}
}

// fitModel standardises the features on the training years and fits the
// logistic regression.
func fitModel(train []*yearData, sp *spec) (*model, error) {
	nr := len(sp.names)
	m := &model{spec: sp, mean: make([]float64, nr), sd: make([]float64, nr)}
	count, sq := make([]float64, nr), make([]float64, nr)
	raw := make([]float64, nr)
	for _, d := range train {
		eachCandidate(d, func(i, j, p int) {
			sp.raw(d, i, j, p, raw)
			for k, v := range raw {
				if !math.IsNaN(v) {
					count[k]++
					m.mean[k] += v
					sq[k] += v * v
				}
			}
		})
	}
	for k := range m.mean {
		if count[k] > 1 {
			m.mean[k] /= count[k]
			m.sd[k] = math.Sqrt(math.Max(0, (sq[k]-count[k]*m.mean[k]*m.mean[k])/(count[k]-1)))
		}
	}
	p := m.width()
	var x []float64
	var y []bool
	row := make([]float64, p)
	for _, d := range train {
		eachCandidate(d, func(i, j, q int) {
			sp.raw(d, i, j, q, raw)
			m.design(raw, row)
			x = append(x, row...)
			y = append(y, d.label[q])
		})
	}
	beta, err := fitLogit(x, y, p)
	if err != nil {
		return nil, err
	}
	m.beta = beta
	return m, nil
}

// unknownNotes says, for each of the extended model's indicators of an
// unknown covariate, the share of test pairs it marks.
func unknownNotes(test []*yearData, m *model) []string {
	nr := len(m.spec.names)
	raw := make([]float64, nr)
	row := make([]float64, m.width())
	counts := make([]int, len(m.spec.indicators))
	total := 0
	for _, d := range test {
		eachCandidate(d, func(i, j, p int) {
			m.spec.raw(d, i, j, p, raw)
			m.design(raw, row)
			for q := range counts {
				if row[1+nr+q] == 1 {
					counts[q]++
				}
			}
			total++
		})
	}
	var out []string
	for q, ind := range m.spec.indicators {
		if q < len(baseSpec.indicators) || total == 0 {
			continue
		}
		out = append(out, fmt.Sprintf("%s in %.1f%% of the test pairs: set to the training mean, with the indicator", ind.name, 100*float64(counts[q])/float64(total)))
	}
	return out
}

// evalSet holds every candidate pair of some years, scored by each method,
// grouped by state-year.
type evalSet struct {
	methods []string
	scores  [][]float64 // per method
	label   []bool
	treaty  []int32 // a positive's ATOP id, 0 for a negative
	cluster []int32 // the ranking state's dense index
	segs    []segment
}

// segment is one state-year's candidates: rows lo..hi-1.
type segment struct{ lo, hi, cluster int32 }

// collect scores the years' candidate pairs by the models (the first the
// base model, the second, if any, the extended one) and the baselines.
func collect(years []*yearData, models []*model) *evalSet {
	s := &evalSet{methods: []string{MethodModel, MethodCapability, MethodAllies}}
	if len(models) > 1 {
		s.methods = append(s.methods, MethodCovariates)
	}
	s.scores = make([][]float64, len(s.methods))
	nr := len(models[len(models)-1].spec.names)
	raw := make([]float64, nr)
	rows := make([][]float64, len(models))
	for k, m := range models {
		rows[k] = make([]float64, m.width())
	}
	for _, d := range years {
		lo, cur := int32(len(s.label)), -1
		eachCandidate(d, func(i, j, p int) {
			if i != cur {
				if cur >= 0 {
					s.segs = append(s.segs, segment{lo, int32(len(s.label)), int32(d.states[cur])})
				}
				cur, lo = i, int32(len(s.label))
			}
			models[len(models)-1].spec.raw(d, i, j, p, raw)
			s.scores[0] = append(s.scores[0], models[0].score(raw, rows[0]))
			s.scores[1] = append(s.scores[1], d.cinc[j])
			s.scores[2] = append(s.scores[2], float64(d.common[p]))
			if len(models) > 1 {
				s.scores[3] = append(s.scores[3], models[1].score(raw, rows[1]))
			}
			s.label = append(s.label, d.label[p])
			s.treaty = append(s.treaty, d.treaty[p])
			s.cluster = append(s.cluster, int32(d.states[i]))
		})
		if cur >= 0 {
			s.segs = append(s.segs, segment{lo, int32(len(s.label)), int32(d.states[cur])})
		}
	}
	return s
}

func countTrue(b []bool) int {
	n := 0
	for _, x := range b {
		if x {
			n++
		}
	}
	return n
}

// precisions returns, per method, each state-year's precision at k, NaN
// for a state-year without a positive.
func (s *evalSet) precisions(k int) [][]float64 {
	out := make([][]float64, len(s.scores))
	for mi, sc := range s.scores {
		out[mi] = make([]float64, len(s.segs))
		for g, seg := range s.segs {
			lab := s.label[seg.lo:seg.hi]
			out[mi][g] = math.NaN()
			if countTrue(lab) > 0 {
				out[mi][g] = PrecisionAtK(sc[seg.lo:seg.hi], lab, k)
			}
		}
	}
	return out
}

// evaluate fills v's results: point estimates, then the bootstraps.
func evaluate(v *Validation, train, test *evalSet, o ValidateOptions) {
	methods := test.methods
	prec := test.precisions(o.K)
	tc := newTreatyClusters(test)
	ranks := make([]*stats.Ranking, len(methods))
	tranks := make([]*stats.Ranking, len(methods))
	trainAUC := make([]float64, len(methods))
	var wg sync.WaitGroup
	for mi := range methods {
		wg.Go(func() { ranks[mi] = stats.NewRanking(test.scores[mi], test.label, test.cluster) })
		wg.Go(func() { tranks[mi] = stats.NewRanking(test.scores[mi], test.label, tc.item) })
		wg.Go(func() { trainAUC[mi] = AUC(train.scores[mi], train.label) })
	}
	var dl stats.DeLong
	wg.Go(func() {
		// NaN ranks lowest, as in the AUC
		sc := make([][]float64, len(test.scores))
		for mi, x := range test.scores {
			sc[mi] = make([]float64, len(x))
			for i, s := range x {
				sc[mi][i] = s
				if math.IsNaN(s) {
					sc[mi][i] = math.Inf(-1)
				}
			}
		}
		dl = stats.NewDeLong(test.label, sc...)
	})
	wg.Wait()
	for _, p := range prec[0] {
		if !math.IsNaN(p) {
			v.TestStates++
		}
	}
	v.Treaties, v.Largest, v.LargestShare = tc.summary()
	boot := bootstrap(ranks, tranks, prec, test.segs, tc, o)
	for mi, name := range methods {
		r := MethodResult{Method: name, AUC: number.Figure(ranks[mi].AUC(nil)), Precision: number.Figure(weightedMean(prec[mi], test.segs, nil)),
			TrainAUC: number.Figure(trainAUC[mi])}
		r.AUCLow, r.AUCHigh = interval(boot.auc[mi])
		r.PrecisionLow, r.PrecisionHigh = interval(boot.prec[mi])
		r.AUCTreatyLow, r.AUCTreatyHigh = interval(boot.tauc[mi])
		r.PrecisionTreatyLow, r.PrecisionTreatyHigh = interval(boot.tprec[mi])
		iv := dl.CI(mi)
		r.AUCNaiveLow, r.AUCNaiveHigh = number.Figure(iv.Lo), number.Figure(iv.Hi)
		r.AUCLargestOnce = number.Figure(tranks[mi].AUC(tc.largestOnce))
		r.AUCLargestOnceLow, r.AUCLargestOnceHigh = interval(boot.once[mi])
		r.PrecisionLargestOnce = number.Figure(segMean(prec[mi], tc.seg, tc.largestOnceSeg))
		r.AUCEachTreatyOnce = number.Figure(tranks[mi].AUC(tc.eachOnce))
		r.PrecisionEachTreatyOnce = number.Figure(segMean(prec[mi], tc.seg, tc.eachOnceSeg))
		v.Results = append(v.Results, r)
	}
	pairs := [][2]int{{0, 1}, {0, 2}}
	if len(methods) > 3 {
		pairs = append(pairs, [2]int{3, 0})
	}
	for _, pr := range pairs {
		a, b := pr[0], pr[1]
		d := Difference{Method: methods[a], Baseline: methods[b], AUC: v.Results[a].AUC - v.Results[b].AUC,
			LargestOnce: v.Results[a].AUCLargestOnce - v.Results[b].AUCLargestOnce}
		d.Low, d.High = interval(diff(boot.auc[a], boot.auc[b]))
		d.TreatyLow, d.TreatyHigh = interval(diff(boot.tauc[a], boot.tauc[b]))
		d.LargestOnceLow, d.LargestOnceHigh = interval(diff(boot.once[a], boot.once[b]))
		_, iv := dl.Diff(a, b)
		d.NaiveLow, d.NaiveHigh = number.Figure(iv.Lo), number.Figure(iv.Hi)
		v.Differences = append(v.Differences, d)
	}
}

func diff(a, b []float64) []float64 {
	out := make([]float64, len(a))
	for i := range out {
		out[i] = a[i] - b[i]
	}
	return out
}

// treatyClusters are the clusters of the treaty bootstrap: a positive's is
// its alliance (0..T−1, by ATOP id), a negative's T + its ranking state;
// a state-year's (for precision) the alliance of most of its positives
// (the lowest id among equals), −1 without a positive.
type treatyClusters struct {
	ids      []int32 // dense treaty → ATOP id
	count    []int   // positives per treaty
	item     []int32
	seg      []int32
	strata   [][]int32 // the treaties; the ranking states of the negatives
	size     int       // clusters indexed
	largest  []int     // dense indexes of the three largest treaties
	segCount []int     // state-years per treaty
	// weights making a treaty count once: the three largest, and every one
	largestOnce, eachOnce       []float64 // per cluster
	largestOnceSeg, eachOnceSeg []float64 // per treaty, for state-years
}

func newTreatyClusters(s *evalSet) *treatyClusters {
	tc := &treatyClusters{item: make([]int32, len(s.label)), seg: make([]int32, len(s.segs))}
	seen := map[int32]bool{}
	for i, l := range s.label {
		if l && !seen[s.treaty[i]] {
			seen[s.treaty[i]] = true
			tc.ids = append(tc.ids, s.treaty[i])
		}
	}
	slices.Sort(tc.ids)
	dense := make(map[int32]int32, len(tc.ids))
	for k, id := range tc.ids {
		dense[id] = int32(k)
	}
	T := int32(len(tc.ids))
	tc.count = make([]int, T)
	maxState := int32(0)
	states := map[int32]bool{}
	for i, l := range s.label {
		if l {
			tc.item[i] = dense[s.treaty[i]]
			tc.count[tc.item[i]]++
		} else {
			tc.item[i] = T + s.cluster[i]
			states[s.cluster[i]] = true
			maxState = max(maxState, s.cluster[i])
		}
	}
	tc.size = int(T + maxState + 1)
	treaties := make([]int32, T)
	for k := range treaties {
		treaties[k] = int32(k)
	}
	var neg []int32
	for c := range states {
		neg = append(neg, T+c)
	}
	slices.Sort(neg)
	tc.strata = [][]int32{treaties, neg}
	tc.segCount = make([]int, T)
	for g, seg := range s.segs {
		votes := map[int32]int{}
		for i := seg.lo; i < seg.hi; i++ {
			if s.label[i] {
				votes[tc.item[i]]++
			}
		}
		tc.seg[g] = -1
		for k, n := range votes {
			if tc.seg[g] < 0 || n > votes[tc.seg[g]] || n == votes[tc.seg[g]] && k < tc.seg[g] {
				tc.seg[g] = k
			}
		}
		if tc.seg[g] >= 0 {
			tc.segCount[tc.seg[g]]++
		}
	}
	order := make([]int, T)
	for k := range order {
		order[k] = k
	}
	slices.SortStableFunc(order, func(a, b int) int { return tc.count[b] - tc.count[a] })
	tc.largest = order[:min(3, len(order))]
	tc.largestOnce, tc.eachOnce = ones(tc.size), ones(tc.size)
	tc.largestOnceSeg, tc.eachOnceSeg = ones(int(T)), ones(int(T))
	for k := range tc.ids {
		tc.eachOnce[k] = 1 / float64(tc.count[k])
		if tc.segCount[k] > 0 {
			tc.eachOnceSeg[k] = 1 / float64(tc.segCount[k])
		}
	}
	for _, k := range tc.largest {
		tc.largestOnce[k] = tc.eachOnce[k]
		tc.largestOnceSeg[k] = tc.eachOnceSeg[k]
	}
	return tc
}

func ones(n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = 1
	}
	return out
}

func (tc *treatyClusters) summary() (int, []TreatyShare, number.Figure) {
	total := 0
	for _, n := range tc.count {
		total += n
	}
	var out []TreatyShare
	var share number.Figure
	for _, k := range tc.largest {
		ts := TreatyShare{ATOPID: int(tc.ids[k]), Positives: tc.count[k], Share: number.Figure(float64(tc.count[k]) / float64(total))}
		share += ts.Share
		out = append(out, ts)
	}
	return len(tc.ids), out, share
}

// segMean is the mean of the non-NaN state-year values, state-year g
// weighted by w[seg[g]] (a state-year without a positive has NaN).
func segMean(vals []float64, seg []int32, w []float64) float64 {
	sum, tot := 0.0, 0.0
	for g, x := range vals {
		if math.IsNaN(x) || seg[g] < 0 {
			continue
		}
		sum += w[seg[g]] * x
		tot += w[seg[g]]
	}
	if tot == 0 {
		return math.NaN()
	}
	return sum / tot
}

// weightedMean is the mean of the non-NaN values, each weighted by its
// segment's cluster weight (w nil: 1).
func weightedMean(vals []float64, segs []segment, w []float64) float64 {
	sum, tot := 0.0, 0.0
	for g, x := range vals {
		if math.IsNaN(x) {
			continue
		}
		wi := 1.0
		if w != nil {
			wi = w[segs[g].cluster]
		}
		sum += wi * x
		tot += wi
	}
	if tot == 0 {
		return math.NaN()
	}
	return sum / tot
}

// replicates holds each method's AUC and mean precision per replicate,
// resampling ranking states (auc, prec) and clustered by treaty (tauc,
// tprec, and once: the AUC with the three largest treaties counted once).
type replicates struct{ auc, prec, tauc, tprec, once [][]float64 }

// bootstrap runs both cluster bootstraps on the same replicate numbers.
//
// By state, it resamples the ranking states (clusters) with replacement: a
// replicate draws as many states as the test years rank, and each
// candidate pair and state-year counts as often as its state was drawn.
// Resampling states rather than pairs keeps each state's correlated pairs
// together. Replicate b draws from a PCG seeded with (Seed, b), so results
// do not depend on the number of workers.
//
// By treaty, it resamples in two strata (stats.ResampleStrata, the same
// seeding): the alliances that produced the positives, so that one
// treaty's pledges stay together, and the ranking states of the
// negatives. A state-year counts, for precision, as often as its treaty
// was drawn.
func bootstrap(ranks, tranks []*stats.Ranking, prec [][]float64, segs []segment, tc *treatyClusters, o ValidateOptions) replicates {
	B := max(o.Bootstrap, 0)
	mk := func() [][]float64 {
		out := make([][]float64, len(ranks))
		for mi := range out {
			out[mi] = make([]float64, B)
		}
		return out
	}
	out := replicates{auc: mk(), prec: mk(), tauc: mk(), tprec: mk(), once: mk()}
	clusters := distinctClusters(segs)
	size := 0
	for _, c := range clusters {
		size = max(size, int(c)+1)
	}
	var mu sync.Mutex
	done := 0
	work := make(chan int)
	var wg sync.WaitGroup
	for range o.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := make([]float64, size)
			tw, ow := make([]float64, tc.size), make([]float64, tc.size)
			for b := range work {
				stats.Resample(o.Seed, b, clusters, w)
				stats.ResampleStrata(o.Seed, b, tc.strata, tw)
				for c := range ow {
					ow[c] = tw[c] * tc.largestOnce[c]
				}
				for mi, r := range ranks {
					out.auc[mi][b] = r.AUC(w)
					out.prec[mi][b] = weightedMean(prec[mi], segs, w)
					out.tauc[mi][b] = tranks[mi].AUC(tw)
					out.tprec[mi][b] = segMean(prec[mi], tc.seg, tw)
					out.once[mi][b] = tranks[mi].AUC(ow)
				}
				if o.Progress != nil {
					mu.Lock()
					done++
					o.Progress("bootstrap", done, B)
					mu.Unlock()
				}
			}
		}()
	}
	for b := 0; b < B; b++ {
		work <- b
	}
	close(work)
	wg.Wait()
	return out
}

func distinctClusters(segs []segment) []int32 {
	seen := map[int32]bool{}
	var out []int32
	for _, s := range segs {
		if !seen[s.cluster] {
			seen[s.cluster] = true
			out = append(out, s.cluster)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// interval returns the percentile bootstrap interval of xs (see
// stats.Percentile95).
func interval(xs []float64) (lo, hi number.Figure) {
	iv := stats.Percentile95(xs)
	return number.Figure(iv.Lo), number.Figure(iv.Hi)
}
