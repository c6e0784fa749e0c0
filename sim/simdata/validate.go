package simdata

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/entente/entente/sim"
)

// The spans of the calibration and its validation: the parameters are
// fitted on the Cold War's first decades and judged on the years after,
// which the fit never saw.
var (
	Training = sim.Span{Name: "training", From: 1946, To: 1980}
	HeldOut  = sim.Span{Name: "held-out", From: 1981, To: 2010}
)

// ValidateOptions say how to validate the simulator against history.
type ValidateOptions struct {
	// Params are the behaviour judged (Calibrated, usually).
	Params sim.Params
	// Runs replications of the model and of the null model per span,
	// with Seed; Workers as in sim.BatchOptions.
	Runs    int
	Seed    uint64
	Workers int
	// Spans are the spans judged; nil means Training and HeldOut.
	Spans []sim.Span
	// Progress, when set, is told of each span done.
	Progress func(done, total int)
}

func (o *ValidateOptions) spans() []sim.Span {
	if len(o.Spans) == 0 {
		return []sim.Span{Training, HeldOut}
	}
	return o.Spans
}

// Validation is the simulator judged against history: the table, and for
// each span the loss (sim.Loss over sim.Moments) of the model and of the
// null model.
type Validation struct {
	Rows []sim.ValidationRow
	// Null is the null model, its rates estimated on the first span.
	Null sim.NullModel
	// Spans are the spans judged; ModelLoss and NullLoss are indexed
	// like them.
	Spans               []sim.Span
	ModelLoss, NullLoss []float64
}

// spanRun simulates a span from the data: each span starts afresh from the
// real world of its first year (states, capabilities, rivalries, the
// alliances then in force), so the held-out span tests the dynamics on
// history they were not fitted to, not the drift of a long run.
type spanRun struct {
	world *sim.World
	years int
}

func loadSpans(dir string, spans []sim.Span) ([]spanRun, error) {
	out := make([]spanRun, len(spans))
	for k, sp := range spans {
		years := sp.To - sp.From + 1
		w, err := Load(dir, Options{Year: sp.From, Years: years})
		if err != nil {
			return nil, err
		}
		out[k] = spanRun{w, years}
	}
	return out, nil
}

// loadHistory reads the real statistics over all spans and each span's
// world.
func loadHistory(dir string, spans []sim.Span) ([]sim.Row, []spanRun, error) {
	real, err := History(dir, spans[0].From, spans[len(spans)-1].To)
	if err != nil {
		return nil, nil, err
	}
	worlds, err := loadSpans(dir, spans)
	return real, worlds, err
}

// batch runs o.Runs replications of the model with p over a span's world.
func (o ValidateOptions) batch(ctx context.Context, w spanRun, p sim.Params) ([]sim.Row, error) {
	return sim.Batch(ctx, w.world, p, sim.BatchOptions{Options: sim.Options{Years: w.years},
		Runs: o.Runs, Seed: o.Seed, Workers: o.Workers})
}

// Validate runs the model and the null model over each span from the data
// in dir and compares them with the real statistics (History).
func Validate(ctx context.Context, dir string, o ValidateOptions) (*Validation, error) {
	spans := o.spans()
	real, worlds, err := loadHistory(dir, spans)
	if err != nil {
		return nil, err
	}
	v := &Validation{Null: sim.NullRates(real, spans[0]), Spans: spans}
	for k, sp := range spans {
		model, err := o.batch(ctx, worlds[k], o.Params)
		if err != nil {
			return nil, fmt.Errorf("%s span: %w", sp.Name, err)
		}
		null, err := sim.BatchNull(ctx, worlds[k].world, v.Null, worlds[k].years, o.Runs, o.Seed)
		if err != nil {
			return nil, fmt.Errorf("%s span, null model: %w", sp.Name, err)
		}
		v.Rows = append(v.Rows, sim.Validation(model, null, real, sim.Moments, sp)...)
		rs := sim.MeanSeries(real)
		v.ModelLoss = append(v.ModelLoss, sim.Loss(sim.MeanSeries(model), rs, sim.Moments, sp))
		v.NullLoss = append(v.NullLoss, sim.Loss(sim.MeanSeries(null), rs, sim.Moments, sp))
		if o.Progress != nil {
			o.Progress(k+1, len(spans))
		}
	}
	return v, nil
}

// Ablation is what one mechanism contributes: the loss on each span with
// it switched off, beside the full model's (Validate's ModelLoss).
type Ablation struct {
	Mechanism sim.Mechanism
	Loss      []float64
}

// Ablate switches each mechanism off in turn and measures the model's loss
// on each span, as Validate does for the full model.
func Ablate(ctx context.Context, dir string, o ValidateOptions) ([]Ablation, error) {
	spans := o.spans()
	real, worlds, err := loadHistory(dir, spans)
	if err != nil {
		return nil, err
	}
	rs := sim.MeanSeries(real)
	var out []Ablation
	for i, m := range sim.Mechanisms {
		p := o.Params.Clone()
		p.Off[m] = true
		a := Ablation{Mechanism: m}
		for k, sp := range spans {
			rows, err := o.batch(ctx, worlds[k], p)
			if err != nil {
				return nil, fmt.Errorf("%s off, %s span: %w", m, sp.Name, err)
			}
			a.Loss = append(a.Loss, sim.Loss(sim.MeanSeries(rows), rs, sim.Moments, sp))
		}
		out = append(out, a)
		if o.Progress != nil {
			o.Progress(i+1, len(sim.Mechanisms))
		}
	}
	return out, nil
}

// Fitted are the parameters the calibration fits, with the ranges it
// searches: how readily threatened states seek allies and accept them,
// and how readily members leave.
var Fitted = []sim.Free{
	{Name: "form.threshold", Lo: 0, Hi: 0.8},
	{Name: "form.rate", Lo: 0, Hi: 1},
	{Name: "form.accept", Lo: -0.2, Hi: 0.3},
	{Name: "leave.bias", Lo: -10, Hi: 0},
	{Name: "leave.benefit", Lo: 0, Hi: 10},
	{Name: "threat.contiguity", Lo: 0, Hi: 1},
	{Name: "consult.rate", Lo: 0, Hi: 0.1},
	{Name: "consult.affinity", Lo: 0.5, Hi: 1.5},
	{Name: "consult.benefit", Lo: 0, Hi: 3},
	{Name: "entry.boost", Lo: 0, Hi: 20},
}

// Fit calibrates the Fitted parameters, starting from o.Params, by the
// simulated method of moments on the first span (Training): o.Runs
// replications with o.Seed per evaluation, at most evals evaluations.
func Fit(ctx context.Context, dir string, o ValidateOptions, evals int) (*sim.Calibration, error) {
	sp := o.spans()[0]
	real, worlds, err := loadHistory(dir, []sim.Span{sp})
	if err != nil {
		return nil, err
	}
	done := 0
	simulate := func(p sim.Params) ([]sim.Row, error) {
		rows, err := o.batch(ctx, worlds[0], p)
		done++
		if o.Progress != nil {
			o.Progress(done, evals)
		}
		return rows, err
	}
	return sim.Calibrate(ctx, o.Params, Fitted, simulate, real, sim.Moments, sp, evals)
}

// WriteTable writes the validation table (runs replications of each
// model) and the verdict per span, as 'entente sim validate' prints them:
// '<' marks a statistic on which the model's RMSE is below the null
// model's.
func (v *Validation) WriteTable(w io.Writer, runs int) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "Validation against ATOP 5.1: span means; model and null model over %d runs each, [90%% band]; RMSE of yearly means\n", runs)
	tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "span\tstatistic\treal\tmodel\t[band]\tnull\t[band]\tRMSE model\tRMSE null\t")
	for _, r := range v.Rows {
		mark := ""
		if r.ModelRMSE < r.NullRMSE {
			mark = " <"
		}
		fmt.Fprintf(tw, "%s %d-%d\t%s\t%.3f\t%.3f\t[%.3f, %.3f]\t%.3f\t[%.3f, %.3f]\t%.3f%s\t%.3f\t\n",
			r.Span.Name, r.Span.From, r.Span.To, r.Statistic, r.Real, r.Model.Mean, r.Model.Lo, r.Model.Hi,
			r.Null.Mean, r.Null.Lo, r.Null.Hi, r.ModelRMSE, mark, r.NullRMSE)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for k, sp := range v.Spans {
		verdict := "does not beat"
		if v.ModelLoss[k] < v.NullLoss[k] {
			verdict = "beats"
		}
		fmt.Fprintf(bw, "%s loss (sim.Loss over %d statistics): model %.3f, null model %.3f: the model %s the null model\n",
			sp.Name, len(sim.Moments), v.ModelLoss[k], v.NullLoss[k], verdict)
	}
	return bw.Flush()
}

// WriteAblation writes the loss with each mechanism off beside the full
// model's (v's).
func WriteAblation(w io.Writer, v *Validation, abl []Ablation) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "\nAblation: loss with each mechanism switched off (full model: %s)\n", v.lossText(v.ModelLoss))
	tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)
	head := "mechanism off"
	for _, sp := range v.Spans {
		head += "\t" + sp.Name + "\tchange"
	}
	fmt.Fprintln(tw, head+"\t")
	for _, a := range abl {
		line := string(a.Mechanism)
		for k := range v.Spans {
			line += fmt.Sprintf("\t%.3f\t%+.3f", a.Loss[k], a.Loss[k]-v.ModelLoss[k])
		}
		fmt.Fprintln(tw, line+"\t")
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return bw.Flush()
}

// lossText names each span's loss: "training 1.234, held-out 5.678".
func (v *Validation) lossText(loss []float64) string {
	var parts []string
	for k, sp := range v.Spans {
		parts = append(parts, fmt.Sprintf("%s %.3f", sp.Name, loss[k]))
	}
	return strings.Join(parts, ", ")
}
