package history

import (
	"io"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/cmdline"
)

// Span is the years a report covers, as 'entente report burden' and
// 'report warnings' take them: 0 means the first or last year with data.
type Span struct {
	From int `flag:"from" arg:"year" usage:"first year (default: the first with data)" min:"0"`
	To   int `flag:"to" arg:"year" usage:"last year (default: the last with data)" min:"0"`
}

// Validate refuses negative years and a span that ends before it starts.
func (s Span) Validate() error {
	if err := cmdline.Validate(s); err != nil {
		return err
	}
	if s.From != 0 && s.To != 0 && s.From > s.To {
		return entente.FieldErrorf(entente.EINVALID, "from", "expected a year no later than --to %d, got %d", s.To, s.From)
	}
	return nil
}

// BurdenRequest is what a burden-sharing report asks for: the alliance,
// the GDP splice and the years, named as the command line names them.
type BurdenRequest struct {
	Alliance int `flag:"alliance" arg:"atopid" usage:"the ATOP alliance atopid"`
	Splice   int `flag:"splice" arg:"year" usage:"the first year whose GDP comes from the World Bank; earlier years use Maddison" min:"1"`
	Span
}

// NewBurdenRequest is the default request: NATO, spliced at DefaultSplice,
// every year with data.
func NewBurdenRequest() BurdenRequest { return BurdenRequest{Alliance: NATO, Splice: DefaultSplice} }

// Validate checks r before any data are read; an error is an EINVALID
// *entente.Error naming the input.
func (r BurdenRequest) Validate() error {
	if err := r.Span.Validate(); err != nil {
		return err
	}
	return cmdline.Validate(r)
}

// Options are the options of Burden that r asks for.
func (r BurdenRequest) Options() BurdenOptions {
	return BurdenOptions{From: r.From, To: r.To, Splice: r.Splice}
}

// WarningsRequest is what an early-warning evaluation asks for: the
// label's horizon, the capability shift's lag, the cross-validation and
// bootstrap, the time split and the years; Alliance, when not 0, picks
// one alliance's rows to show.
type WarningsRequest struct {
	Alliance  int    `flag:"alliance" arg:"atopid" usage:"also print this ATOP atopid's alliance-years (and write only them to --out)"`
	Horizon   int    `flag:"horizon" arg:"years" usage:"an end within this many years is a positive" min:"1"`
	Lag       int    `flag:"lag" arg:"years" usage:"the capability shift compares with this many years before" min:"1"`
	Folds     int    `flag:"folds" arg:"folds" usage:"cross-validation folds (alliances assigned at random)" min:"2"`
	Seed      uint64 `flag:"seed" arg:"seed" usage:"the seed of the fold assignment and the bootstrap"`
	Bootstrap int    `flag:"bootstrap" arg:"replicates" usage:"bootstrap replicates" min:"1"`
	SplitYear int    `flag:"split-year" arg:"year" usage:"the time split trains on years ≤ this year"`
	Span
}

// NewWarningsRequest is the default request.
func NewWarningsRequest() WarningsRequest {
	return WarningsRequest{Horizon: DefaultHorizon, Lag: DefaultShiftLag, Folds: DefaultFolds, Seed: 1, Bootstrap: DefaultBootstrap, SplitYear: DefaultSplitYear}
}

// Validate checks r before any data are read; an error is an EINVALID
// *entente.Error naming the input.
func (r WarningsRequest) Validate() error {
	if err := r.Span.Validate(); err != nil {
		return err
	}
	return cmdline.Validate(r)
}

// WarningOptions are the options of AllianceYears that r asks for.
func (r WarningsRequest) WarningOptions() WarningOptions {
	return WarningOptions{Horizon: r.Horizon, ShiftLag: r.Lag, From: r.From, To: r.To}
}

// EvalOptions are the options of Evaluate that r asks for.
func (r WarningsRequest) EvalOptions() EvalOptions {
	return EvalOptions{Folds: r.Folds, Seed: r.Seed, Bootstrap: r.Bootstrap, SplitYear: r.SplitYear}
}

// HonestOptions are the options of EvaluateHonestly that r asks for.
func (r WarningsRequest) HonestOptions() HonestOptions {
	return HonestOptions{EvalOptions: EvalOptions{Folds: r.Folds, Seed: r.Seed, Bootstrap: r.Bootstrap}, Horizon: r.Horizon}
}

// Warnings is an early-warning evaluation as a report shows it: the
// evaluation, the honest one, and the alliance-years shown with their
// scores (Alliance's, or all when Alliance is 0).
type Warnings struct {
	Evaluation *Evaluation
	Honest     *Honest
	Alliance   int
	Rows       []AllianceYear
	Scores     []RowScore
}

// Evaluate evaluates the early warning on rows (from AllianceYears with
// r.WarningOptions) as r asks: cross-validated and time-split, then
// honestly; r must be valid.
func (r WarningsRequest) Evaluate(rows []AllianceYear) (*Warnings, error) {
	ev, err := Evaluate(rows, r.EvalOptions())
	if err != nil {
		return nil, err
	}
	honest, err := EvaluateHonestly(rows, r.HonestOptions())
	if err != nil {
		return nil, err
	}
	w := &Warnings{Evaluation: ev, Honest: honest, Alliance: r.Alliance}
	w.Rows, w.Scores = SelectAlliance(rows, ev.Scores, r.Alliance)
	return w, nil
}

// JSON is the report as JSON shows it: the evaluations, and the
// alliance's years when one was picked.
func (w *Warnings) JSON() map[string]any {
	v := map[string]any{"evaluation": w.Evaluation, "honest": w.Honest}
	if w.Alliance != 0 {
		v["alliance_years"] = w.Rows
	}
	return v
}

// WriteCSV writes the alliance-years shown with their scores.
func (w *Warnings) WriteCSV(out io.Writer) error { return WriteAllianceYearsCSV(out, w.Rows, w.Scores) }

// WriteText writes the report for a person: the honest evaluation, then
// the evaluation and the alliance's years.
func (w *Warnings) WriteText(out io.Writer) error {
	if err := WriteHonestText(out, w.Honest); err != nil {
		return err
	}
	return WriteWarningsText(out, w.Evaluation, w.Rows, w.Scores, w.Alliance)
}
