package partner

import (
	"fmt"
	"math"
	"runtime"
	"sort"
	"sync"

	"github.com/entente/entente/fpsim"
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

// The ranking methods compared.
const (
	MethodModel      = "model"
	MethodCapability = "capability only"
	MethodAllies     = "common allies"
)

var methods = []string{MethodModel, MethodCapability, MethodAllies}

// Feature is one feature of the fitted model with its coefficient. The
// model standardises each feature by its training mean and standard
// deviation (Coef is per standard deviation) and sets an unknown value to
// the mean, with an indicator feature for the unknown case.
type Feature struct {
	Name string  `json:"name"`
	Coef float64 `json:"coef"`
	Mean float64 `json:"mean"`
	SD   float64 `json:"sd"`
}

// MethodResult is how well one ranking predicted the new pledges: the AUC
// over every candidate pair of the test years with its bootstrap interval,
// precision at K averaged over the state-years with at least one new
// partner with its interval, and the AUC on the training years.
type MethodResult struct {
	Method        string  `json:"method"`
	AUC           float64 `json:"auc"`
	AUCLow        float64 `json:"auc_low"`
	AUCHigh       float64 `json:"auc_high"`
	Precision     float64 `json:"precision"`
	PrecisionLow  float64 `json:"precision_low"`
	PrecisionHigh float64 `json:"precision_high"`
	TrainAUC      float64 `json:"train_auc"`
}

// Difference is the model's test AUC less a baseline's, with the interval
// of that difference over the same bootstrap replicates.
type Difference struct {
	Baseline string  `json:"baseline"`
	AUC      float64 `json:"auc"`
	Low      float64 `json:"low"`
	High     float64 `json:"high"`
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
	TestStates  int            `json:"test_states"`
	Features    []Feature      `json:"features"`
	Results     []MethodResult `json:"results"`
	Differences []Difference   `json:"differences"`
	Notes       []string       `json:"notes"`
}

// Result returns the result of the named method.
func (v *Validation) Result(method string) MethodResult {
	for _, r := range v.Results {
		if r.Method == method {
			return r
		}
	}
	return MethodResult{Method: method, AUC: math.NaN()}
}

// validationNotes are the data limits every run reports.
var validationNotes = []string{
	"shared threats are left out: the project has no rivalry data (no list of rival pairs is among its datasets)",
	"geographic distance and contiguity are left out: they are not in the data",
	"culture is left out: there are no Hofstede scores for states in the data",
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
// the two have in common) are evaluated on the later years. See the package
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
	progress(o, "fit", 0, 1)
	m, err := fitModel(train)
	if err != nil {
		return nil, err
	}
	progress(o, "fit", 1, 1)
	v := &Validation{From: o.From, TrainTo: o.TrainTo, To: o.To, Horizon: o.Horizon, K: o.K,
		Bootstrap: max(o.Bootstrap, 0), Seed: o.Seed, Features: m.features(), Notes: validationNotes}
	trainSet, testSet := collect(train, m), collect(test, m)
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

// model is the fitted logistic regression over the standardised features.
type model struct {
	mean, sd []float64
	beta     []float64 // intercept, the raw features, then the indicators
}

// The indicator columns: capability unknown, votes unknown.
var indicatorNames = []string{"CINC unknown", "UN votes unknown"}

const numRaw = 5

func (m *model) width() int { return 1 + numRaw + len(indicatorNames) }

// design writes the model's row for a raw feature vector.
func (m *model) design(raw, row []float64) {
	row[0] = 1
	for k := 0; k < numRaw; k++ {
		row[1+k] = 0
		if !math.IsNaN(raw[k]) && m.sd[k] > 0 {
			row[1+k] = (raw[k] - m.mean[k]) / m.sd[k]
		}
	}
	row[1+numRaw] = indicator(math.IsNaN(raw[0]) || math.IsNaN(raw[1]))
	row[2+numRaw] = indicator(math.IsNaN(raw[2]))
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
	out := []Feature{{Name: "intercept", Coef: m.beta[0]}}
	for k, name := range rawNames {
		out = append(out, Feature{Name: name, Coef: m.beta[1+k], Mean: m.mean[k], SD: m.sd[k]})
	}
	for k, name := range indicatorNames {
		out = append(out, Feature{Name: name, Coef: m.beta[1+numRaw+k]})
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
func fitModel(train []*yearData) (*model, error) {
	m := &model{mean: make([]float64, numRaw), sd: make([]float64, numRaw)}
	var count [numRaw]float64
	raw := make([]float64, numRaw)
	var sq [numRaw]float64
	for _, d := range train {
		eachCandidate(d, func(i, j, p int) {
			rawFeatures(d, i, j, p, raw)
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
			rawFeatures(d, i, j, q, raw)
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

// evalSet holds every candidate pair of some years, scored by each method,
// grouped by state-year.
type evalSet struct {
	scores  [][]float64 // per method
	label   []bool
	cluster []int32 // the ranking state's dense index
	segs    []segment
}

// segment is one state-year's candidates: rows lo..hi-1.
type segment struct{ lo, hi, cluster int32 }

func collect(years []*yearData, m *model) *evalSet {
	s := &evalSet{scores: make([][]float64, len(methods))}
	raw, row := make([]float64, numRaw), make([]float64, m.width())
	for _, d := range years {
		lo, cur := int32(len(s.label)), -1
		eachCandidate(d, func(i, j, p int) {
			if i != cur {
				if cur >= 0 {
					s.segs = append(s.segs, segment{lo, int32(len(s.label)), int32(d.states[cur])})
				}
				cur, lo = i, int32(len(s.label))
			}
			rawFeatures(d, i, j, p, raw)
			s.scores[0] = append(s.scores[0], m.score(raw, row))
			s.scores[1] = append(s.scores[1], d.cinc[j])
			s.scores[2] = append(s.scores[2], float64(d.common[p]))
			s.label = append(s.label, d.label[p])
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

// evaluate fills v's results: point estimates, then the bootstrap.
func evaluate(v *Validation, train, test *evalSet, o ValidateOptions) {
	prec := test.precisions(o.K)
	ranks := make([]*stats.Ranking, len(methods))
	trainAUC := make([]float64, len(methods))
	var wg sync.WaitGroup
	for mi := range methods {
		wg.Go(func() { ranks[mi] = stats.NewRanking(test.scores[mi], test.label, test.cluster) })
		wg.Go(func() { trainAUC[mi] = AUC(train.scores[mi], train.label) })
	}
	wg.Wait()
	for _, p := range prec[0] {
		if !math.IsNaN(p) {
			v.TestStates++
		}
	}
	boot := bootstrap(ranks, prec, test.segs, o)
	for mi, name := range methods {
		r := MethodResult{Method: name, AUC: ranks[mi].AUC(nil), Precision: weightedMean(prec[mi], test.segs, nil),
			TrainAUC: trainAUC[mi]}
		r.AUCLow, r.AUCHigh = interval(boot.auc[mi])
		r.PrecisionLow, r.PrecisionHigh = interval(boot.prec[mi])
		v.Results = append(v.Results, r)
	}
	for mi := 1; mi < len(methods); mi++ {
		d := Difference{Baseline: methods[mi], AUC: v.Results[0].AUC - v.Results[mi].AUC}
		diffs := make([]float64, len(boot.auc[0]))
		for b := range diffs {
			diffs[b] = boot.auc[0][b] - boot.auc[mi][b]
		}
		d.Low, d.High = interval(diffs)
		v.Differences = append(v.Differences, d)
	}
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

// replicates holds each method's AUC and mean precision per replicate.
type replicates struct{ auc, prec [][]float64 }

// bootstrap resamples the ranking states (clusters) with replacement: a
// replicate draws as many states as the test years rank, and each
// candidate pair and state-year counts as often as its state was drawn.
// Resampling states rather than pairs keeps each state's correlated pairs
// together. Replicate b draws from a PCG seeded with (Seed, b), so results
// do not depend on the number of workers.
func bootstrap(ranks []*stats.Ranking, prec [][]float64, segs []segment, o ValidateOptions) replicates {
	B := max(o.Bootstrap, 0)
	out := replicates{auc: make([][]float64, len(ranks)), prec: make([][]float64, len(ranks))}
	for mi := range ranks {
		out.auc[mi], out.prec[mi] = make([]float64, B), make([]float64, B)
	}
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
			for b := range work {
				stats.Resample(o.Seed, b, clusters, w)
				for mi, r := range ranks {
					out.auc[mi][b] = r.AUC(w)
					out.prec[mi][b] = weightedMean(prec[mi], segs, w)
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
func interval(xs []float64) (lo, hi float64) {
	iv := stats.Percentile95(xs)
	return iv.Lo, iv.Hi
}
