package history

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/entente/entente/internal/number"
)

func TestDesign(t *testing.T) {
	nan := math.NaN()
	X := [][]float64{{1, 5, nan}, {3, nan, nan}, {nan, 5, nan}, {100, 7, 2}}
	d := NewDesign(X, []int{0, 1, 2}, []int{0, 1, 2})
	// Component 0: present 1, 3 (mean 2, sd √2), missing once: value and
	// indicator. Component 1: 5 and 5 (constant): indicator only.
	// Component 2: never present in training: no column.
	names := []string{}
	for _, c := range d.Columns {
		names = append(names, c.Name)
	}
	if len(names) != 3 || names[0] != "cohesion_un" || names[1] != "cohesion_un_missing" || names[2] != "cohesion_portfolio_missing" {
		t.Fatalf("columns %v", names)
	}
	row := d.Row(X[1])
	near(t, "standardised 3", row[0], 1/math.Sqrt2, 1e-12)
	if row[1] != 0 || row[2] != 1 {
		t.Errorf("indicators of row 1: %v", row)
	}
	if row := d.Row(X[2]); row[0] != 0 || row[1] != 1 {
		t.Errorf("missing component 0 imputed at the mean: %v", row)
	}
}

func TestFolds(t *testing.T) {
	cl := []int{5, 5, 9, 9, 9, 1, 2, 2, 7, 8, 3, 4}
	eval := []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}
	f := folds(cl, eval, 3, 1)
	if len(f) != 8 {
		t.Fatalf("%d alliances in folds, want 8", len(f))
	}
	size := map[int]int{}
	for _, k := range f {
		size[k]++
	}
	if size[0] != 3 || size[1] != 3 || size[2] != 2 {
		t.Errorf("fold sizes %v, want 3, 3, 2 alliances", size)
	}
	g := folds(cl, eval, 3, 1)
	for id, k := range f {
		if g[id] != k {
			t.Fatal("the same seed gave different folds")
		}
	}
}

// synthRows are alliance-years in which a high spending CV foretells the
// end and age says nothing.
func synthRows(seed uint64) []AllianceYear {
	rng := rand.New(rand.NewPCG(seed, 2))
	var rows []AllianceYear
	for a := range 300 {
		begin := 1900 + rng.IntN(80)
		for y := begin; y < begin+10; y++ {
			cv := rng.Float64()
			r := AllianceYear{Alliance: a, Year: y, Age: y - begin, Size: 2 + rng.IntN(5), BurdenCV: number.Figure(cv),
				Portfolio: number.Figure(math.NaN()), Herfindahl: number.Figure(math.NaN()), Shift: number.Figure(math.NaN()), Outcome: Survived}
			r.UN.Agree = number.Figure(math.NaN())
			if rng.Float64() < sigmoid(-3+4*cv) {
				r.Outcome = Ended
			}
			rows = append(rows, r)
		}
	}
	return rows
}

func TestEvaluateSynthetic(t *testing.T) {
	e, err := Evaluate(synthRows(1), EvalOptions{Seed: 3, Bootstrap: 300})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []SplitResult{e.CrossValidation, e.Time} {
		t.Logf("%s: model %.3f %v, age %.3f %v, diff %.3f %v", s.Name, s.Model.AUC, s.Model.Bootstrap, s.Age.AUC, s.Age.Bootstrap, s.Diff.AUC, s.Diff.Bootstrap)
		if !(s.Model.AUC > 0.65) || !(s.Diff.Bootstrap.Lo > 0) {
			t.Errorf("%s: the informative model does not beat age: %+v", s.Name, s)
		}
		if !(math.Abs(float64(s.Age.AUC-0.5)) < 0.1) {
			t.Errorf("%s: age (uninformative here) has AUC %.3f", s.Name, s.Age.AUC)
		}
	}
	var cv float64
	for _, c := range e.Coefficients {
		if c.Name == "burden_cv" {
			cv = float64(c.Coef)
		}
	}
	// The standardised slope: 4 per unit of CV, sd of a uniform 1/√12.
	near(t, "burden_cv coefficient", cv, 4/math.Sqrt(12), 0.25)
}

func TestEvaluateTooLittle(t *testing.T) {
	rows := synthRows(1)
	survivors := append([]AllianceYear(nil), rows...)
	for i := range survivors {
		survivors[i].Outcome = Survived
	}
	if _, err := Evaluate(survivors, EvalOptions{}); !errors.Is(err, ErrNoData) {
		t.Errorf("no alliance ended: %v, want ErrNoData", err)
	}
	// Three alliances cannot fill five folds, and all their years are
	// before 1945: both splits are reported as missing, with a note.
	var few []AllianceYear
	for _, r := range rows {
		if r.Alliance < 3 {
			r.Year = 1900 + r.Age
			few = append(few, r)
		}
	}
	few[0].Outcome, few[1].Outcome = Ended, Survived
	e, err := Evaluate(few, EvalOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []SplitResult{e.CrossValidation, e.Time} {
		if s.Note == "" || !math.IsNaN(float64(s.Model.AUC)) || !math.IsNaN(s.Diff.Bootstrap.Lo) {
			t.Errorf("%s: %+v, want NaN figures and a note", s.Name, s)
		}
	}
}

// TestEvaluateReal runs the early-warning test on every ATOP alliance-year.
func TestEvaluateReal(t *testing.T) {
	rows := realRows(t)
	e, err := Evaluate(rows, EvalOptions{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d rows, evaluable %+v", e.Rows, e.Evaluable)
	for _, s := range []SplitResult{e.CrossValidation, e.Time} {
		t.Logf("%s (test %+v): model AUC %.3f, bootstrap %v, DeLong %v; age only %.3f, bootstrap %v, DeLong %v; difference %.3f, bootstrap %v, DeLong %v",
			s.Name, s.Test, s.Model.AUC, s.Model.Bootstrap, s.Model.DeLong, s.Age.AUC, s.Age.Bootstrap, s.Age.DeLong,
			s.Diff.AUC, s.Diff.Bootstrap, s.Diff.DeLong)
		for _, est := range []AUCEstimate{s.Model, s.Age} {
			if !(0 <= est.Bootstrap.Lo && est.Bootstrap.Lo <= float64(est.AUC) && float64(est.AUC) <= est.Bootstrap.Hi && est.Bootstrap.Hi <= 1) {
				t.Errorf("%s: interval %v does not hold AUC %g", s.Name, est.Bootstrap, est.AUC)
			}
		}
		if s.Reps != DefaultBootstrap {
			t.Errorf("%s: %d bootstrap replicates used", s.Name, s.Reps)
		}
	}
	if cv := e.CrossValidation; !(cv.Model.Bootstrap.Lo > 0.5) {
		t.Errorf("cross-validated model AUC %v: want above chance", cv.Model.Bootstrap)
	}
	for _, c := range e.Coefficients {
		t.Logf("  %-28s %+.3f", c.Name, c.Coef)
	}
}
