package sim

import (
	"context"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"

	"gonum.org/v1/gonum/optimize"
)

// Moments are the statistics the calibration matches and the validation
// reports: each is measured alike in a run (Statistics) and in the real
// alliance system (package simdata, History).
var Moments = []string{"alliances", "defence_share", "allied_share", "mean_members", "asymmetric_share",
	"density", "formations", "terminations"}

// Span is a run of years, both ends included.
type Span struct {
	Name     string
	From, To int
}

// Series holds yearly values: statistic → year → value.
type Series map[string]map[int]float64

// MeanSeries averages rows over their runs, per statistic and year (a
// statistic a run leaves out in a year is averaged over the runs that
// have it).
func MeanSeries(rows []Row) Series {
	sum, n := Series{}, Series{}
	for _, r := range rows {
		if sum[r.Statistic] == nil {
			sum[r.Statistic], n[r.Statistic] = map[int]float64{}, map[int]float64{}
		}
		sum[r.Statistic][r.Year] += r.Value
		n[r.Statistic][r.Year]++
	}
	for s, ys := range sum {
		for y := range ys {
			ys[y] /= n[s][y]
		}
	}
	return sum
}

// spanMean is the mean of a statistic's yearly values over the span's
// years that have one, NaN if none.
func (s Series) spanMean(stat string, sp Span) float64 {
	var sum, n float64
	for y := sp.From; y <= sp.To; y++ {
		if v, ok := s[stat][y]; ok {
			sum += v
			n++
		}
	}
	return ratio(sum, n)
}

// Loss is the distance between simulated and real yearly statistics over
// a span that the calibration minimises: for each statistic, the mean
// over the years of the squared difference between the mean across runs
// and the real value, divided by the square of the real span mean (a
// relative error, so that counts and shares weigh alike), summed over the
// statistics.
func Loss(simulated, real Series, stats []string, sp Span) float64 {
	var loss float64
	for _, s := range stats {
		scale := math.Abs(real.spanMean(s, sp))
		if !(scale > 0) {
			continue
		}
		var sum, n float64
		for y := sp.From; y <= sp.To; y++ {
			r, ok1 := real[s][y]
			v, ok2 := simulated[s][y]
			if ok1 && ok2 {
				sum += (v - r) * (v - r)
				n++
			}
		}
		if n > 0 {
			loss += sum / n / (scale * scale)
		}
	}
	return loss
}

// RMSE is the root mean squared difference, over the span's years,
// between a statistic's mean across runs and its real value.
func RMSE(simulated, real Series, stat string, sp Span) float64 {
	var sum, n float64
	for y := sp.From; y <= sp.To; y++ {
		r, ok1 := real[stat][y]
		v, ok2 := simulated[stat][y]
		if ok1 && ok2 {
			sum += (v - r) * (v - r)
			n++
		}
	}
	return math.Sqrt(ratio(sum, n))
}

// Estimate is a statistic's span mean across runs: the mean of the runs'
// span means and their 5% and 95% quantiles (a 90% band).
type Estimate struct {
	Mean, Lo, Hi float64
}

// estimate summarises a statistic's span mean over the runs in rows.
func estimate(rows []Row, stat string, sp Span) Estimate {
	sum, n := map[int]float64{}, map[int]float64{}
	for _, r := range rows {
		if r.Statistic == stat && r.Year >= sp.From && r.Year <= sp.To {
			sum[r.Run] += r.Value
			n[r.Run]++
		}
	}
	var means []float64
	for run, s := range sum {
		means = append(means, s/n[run])
	}
	if len(means) == 0 {
		return Estimate{math.NaN(), math.NaN(), math.NaN()}
	}
	sort.Float64s(means)
	var total float64
	for _, m := range means {
		total += m
	}
	return Estimate{Mean: total / float64(len(means)), Lo: Quantile(means, 0.05), Hi: Quantile(means, 0.95)}
}

// ValidationRow is one line of the validation table: a statistic over a
// span, its real value (the mean over the span's years), the model's and
// the null model's estimates, and the root mean squared error of each
// one's yearly mean against the real yearly values.
type ValidationRow struct {
	Span                Span
	Statistic           string
	Real                float64
	Model, Null         Estimate
	ModelRMSE, NullRMSE float64
}

// Validation compares a model's runs and a null model's runs with the real
// rows over a span, statistic by statistic, in the order of stats.
func Validation(model, null, real []Row, stats []string, sp Span) []ValidationRow {
	ms, ns, rs := MeanSeries(model), MeanSeries(null), MeanSeries(real)
	out := make([]ValidationRow, 0, len(stats))
	for _, s := range stats {
		out = append(out, ValidationRow{Span: sp, Statistic: s, Real: rs.spanMean(s, sp),
			Model: estimate(model, s, sp), Null: estimate(null, s, sp),
			ModelRMSE: RMSE(ms, rs, s, sp), NullRMSE: RMSE(ns, rs, s, sp)})
	}
	return out
}

// Free is a parameter the calibration fits, searched within [Lo, Hi].
type Free struct {
	Name   string
	Lo, Hi float64
}

// Calibration is the outcome of a simulated-method-of-moments fit.
type Calibration struct {
	Params Params
	// Values are the fitted values of the free parameters, in order.
	Values []float64
	// Start and Loss are the loss at the starting values and at the fit;
	// Evaluations counts the simulations run.
	Start, Loss float64
	Evaluations int
}

// Calibrate fits the free parameters by the simulated method of moments:
// it minimises Loss between the mean of the runs simulate returns for a
// parameter set and the real rows over the span, with gonum's Nelder–Mead
// (Minimize) on each parameter mapped from [Lo, Hi] to the real line by a
// logit, starting from start's values. simulate should use the same seeds
// for every parameter set (common random numbers), so that the loss is a
// smooth function of the parameters. At most evals simulations are run.
func Calibrate(ctx context.Context, start Params, free []Free, simulate func(Params) ([]Row, error),
	real []Row, stats []string, sp Span, evals int) (*Calibration, error) {
	rs := MeanSeries(real)
	set := func(x []float64) (Params, error) {
		p := start.Clone()
		for i, f := range free {
			v := f.Lo + (f.Hi-f.Lo)/(1+math.Exp(-x[i]))
			if err := p.Set(f.Name, fmt.Sprint(v)); err != nil {
				return p, err
			}
		}
		return p, nil
	}
	c := &Calibration{}
	var failed error
	loss := func(x []float64) float64 {
		if failed != nil || ctx.Err() != nil {
			return math.Inf(1)
		}
		p, err := set(x)
		if err == nil {
			var rows []Row
			rows, err = simulate(p)
			if err == nil {
				c.Evaluations++
				return Loss(MeanSeries(rows), rs, stats, sp)
			}
		}
		failed = err
		return math.Inf(1)
	}
	x0 := make([]float64, len(free))
	for i, f := range free {
		v, err := start.Get(f.Name)
		if err != nil {
			return nil, err
		}
		u := math.Min(math.Max((v-f.Lo)/(f.Hi-f.Lo), 0.02), 0.98)
		x0[i] = math.Log(u / (1 - u))
	}
	c.Start = loss(x0)
	x, l := minimize(loss, x0, evals-1)
	if failed != nil {
		return nil, failed
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	p, err := set(x)
	if err != nil {
		return nil, err
	}
	c.Params, c.Loss = p, l
	for _, f := range free {
		v, _ := p.Get(f.Name)
		c.Values = append(c.Values, v)
	}
	return c, nil
}

// minimize runs gonum's Nelder–Mead on f from x0 for at most evals
// evaluations (one at a time: the simulations inside are parallel
// already), with an initial simplex of one unit on the logit scale, and
// returns the best point and value found.
func minimize(f func([]float64) float64, x0 []float64, evals int) ([]float64, float64) {
	best, bestF := append([]float64(nil), x0...), f(x0)
	if evals <= 0 {
		return best, bestF
	}
	track := func(x []float64) float64 {
		v := f(x)
		if v < bestF {
			best, bestF = append(best[:0:0], x...), v
		}
		return v
	}
	settings := &optimize.Settings{FuncEvaluations: evals, Concurrent: 1,
		Converger: &optimize.FunctionConverge{Absolute: 1e-9, Relative: 1e-6, Iterations: 10 * len(x0)}}
	_, _ = optimize.Minimize(optimize.Problem{Func: track}, x0, settings, &optimize.NelderMead{SimplexSize: 1})
	return best, bestF
}

// WriteText writes what a calibration did: the loss at the start and at
// the fit on the span, the simulations it took (of runs replications),
// and each fitted parameter as a scenario's "set" line.
func (c *Calibration) WriteText(w io.Writer, sp Span, free []Free, runs int) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Calibration on %d-%d (%d simulations of %d runs): loss %.4g at the start, %.4g fitted\n",
		sp.From, sp.To, c.Evaluations, runs, c.Start, c.Loss)
	for i, f := range free {
		fmt.Fprintf(&b, "  set %s %.4g\n", f.Name, c.Values[i])
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}
