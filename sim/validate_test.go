package sim

import (
	"context"
	"math"
	"testing"
)

// rowsOf makes one run's rows of a statistic from yearly values.
func rowsOf(run int, stat string, from int, values ...float64) []Row {
	var rows []Row
	for k, v := range values {
		rows = append(rows, Row{Run: run, Year: from + k, Statistic: stat, Value: v})
	}
	return rows
}

func TestLossAndRMSE(t *testing.T) {
	real := MeanSeries(rowsOf(0, "alliances", 2000, 10, 20))
	sp := Span{From: 2000, To: 2001}
	if l := Loss(real, real, []string{"alliances"}, sp); l != 0 {
		t.Errorf("loss of the real against itself: %v", l)
	}
	// Two runs averaging 12 and 18: errors 2 and -2, real span mean 15.
	model := MeanSeries(append(rowsOf(0, "alliances", 2000, 14, 18), rowsOf(1, "alliances", 2000, 10, 18)...))
	if l, want := Loss(model, real, []string{"alliances"}, sp), (4.0+4.0)/2/(15*15); math.Abs(l-want) > 1e-12 {
		t.Errorf("loss %v, want %v", l, want)
	}
	if r := RMSE(model, real, "alliances", sp); math.Abs(r-2) > 1e-12 {
		t.Errorf("RMSE %v, want 2", r)
	}
	e := estimate(append(rowsOf(0, "alliances", 2000, 14, 18), rowsOf(1, "alliances", 2000, 10, 18)...), "alliances", sp)
	if e.Mean != 15 || e.Lo < 14 || e.Hi > 16 || e.Lo > e.Hi {
		t.Errorf("estimate %+v: want mean 15 within the runs' span means 14 and 16", e)
	}
}

// Calibrate recovers a parameter from the moments it implies: a fake
// simulation whose statistics depend on form.rate and leave.bias as a
// smooth function, the target made with known values.
func TestCalibrateRecoversKnownParameters(t *testing.T) {
	simulate := func(p Params) ([]Row, error) {
		var rows []Row
		for y := 2000; y < 2010; y++ {
			rows = append(rows, Row{Year: y, Statistic: "alliances", Value: 50*p.SeekRate + float64(y-2000)},
				Row{Year: y, Statistic: "terminations", Value: 3 + p.LeaveBias/2 + p.SeekRate})
		}
		return rows, nil
	}
	truth := DefaultParams()
	truth.SeekRate, truth.LeaveBias = 0.7, -2
	real, _ := simulate(truth)
	free := []Free{{"form.rate", 0, 1}, {"leave.bias", -8, 0}}
	c, err := Calibrate(context.Background(), DefaultParams(), free, simulate, real, []string{"alliances", "terminations"},
		Span{From: 2000, To: 2009}, 300)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("fitted %v in %d evaluations, loss %.3g from %.3g", c.Values, c.Evaluations, c.Loss, c.Start)
	if math.Abs(c.Values[0]-0.7) > 0.01 || math.Abs(c.Values[1]+2) > 0.05 || !(c.Loss < c.Start/100) || c.Evaluations > 300 {
		t.Errorf("fitted form.rate %v and leave.bias %v (want 0.7 and -2), loss %v from %v, %d evaluations",
			c.Values[0], c.Values[1], c.Loss, c.Start, c.Evaluations)
	}
	if c.Params.SeekRate != c.Values[0] || c.Params.LeaveBias != c.Values[1] {
		t.Error("the fitted Params do not hold the fitted values")
	}
}

// The null model forms alliances at its rate among random partners and
// ends them at its hazard: in the long run the number in force settles at
// formations over the hazard, and new alliances have the members and the
// defence share asked for.
func TestNullModelKeepsItsRates(t *testing.T) {
	w := Synthetic(60, 0, 1900, 3)
	m := NullModel{FormRate: 0.05, EndRate: 0.1, ExtraMembers: 1, DefenceShare: 0.5}
	rows, err := BatchNull(context.Background(), w, m, 120, 4, 9)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := BatchNull(context.Background(), w, m, 120, 4, 9)
	if len(again) != len(rows) || again[len(again)-1] != rows[len(rows)-1] {
		t.Error("the same seed gave different rows")
	}
	sp := Span{From: 1960, To: 2019}
	s := MeanSeries(rows)
	for _, c := range []struct {
		stat      string
		want, tol float64
	}{
		{"formations", 3, 0.3}, {"alliances", 30, 3}, {"mean_members", 3, 0.3}, {"defence_share", 0.5, 0.08},
	} {
		if got := s.spanMean(c.stat, sp); math.Abs(got-c.want) > c.tol {
			t.Errorf("%s: %.3f, want %v ± %v", c.stat, got, c.want, c.tol)
		}
	}
	est := NullRates(rows, sp)
	if math.Abs(est.FormRate-0.05) > 0.005 || math.Abs(est.EndRate-0.1) > 0.015 {
		t.Errorf("rates estimated back from the null model's own rows: %+v", est)
	}
}
