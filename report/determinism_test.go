package report

import (
	"math"
	"testing"
)

// TestDecadesSumsYearsInOrder checks that Decades adds a decade's years
// in year order, so its float means have the same bits on every run. The
// old code summed in the map's iteration order, which Go randomises: the
// last digits of the means changed from run to run.
func TestDecadesSumsYearsInOrder(t *testing.T) {
	// Agreement values whose float sum depends on the order of addition.
	vals := []float64{0.1, 0.7, 1.0 / 3, 0.2, 0.9, 0.3, 2.0 / 3, 0.55, 0.15, 0.45}
	var rs []HubRow
	var allies, others, diff float64
	for i, v := range vals {
		y := 1980 + i
		o := 1 - v*v
		rs = append(rs,
			HubRow{Hub: USA, Year: y, Group: GroupAllies, Agree: v, AgreeImportant: v, States: 1, StatesImportant: 1},
			HubRow{Hub: USA, Year: y, Group: GroupOthers, Agree: o, AgreeImportant: o, States: 1, StatesImportant: 1},
			HubRow{Hub: USA, Year: y, Group: GroupAsymmetric, Agree: v, AgreeImportant: v},
			HubRow{Hub: USA, Year: y, Group: GroupSymmetric, Agree: o, AgreeImportant: o},
		)
		allies += v
		others += o
		diff += v - o
	}
	n := float64(len(vals))
	want := Gap{AlliesMinusOthers: diff / n, Allies: allies / n, Others: others / n}
	for run := range 200 {
		gaps := Decades(rs)
		if len(gaps) != 2 {
			t.Fatalf("run %d: %d gaps, want 2", run, len(gaps))
		}
		for _, g := range gaps {
			for _, c := range []struct {
				name      string
				got, want float64
			}{
				{"AlliesMinusOthers", g.AlliesMinusOthers, want.AlliesMinusOthers},
				{"Allies", g.Allies, want.Allies},
				{"Others", g.Others, want.Others},
				{"AsymmetricMinusSymmetric", g.AsymmetricMinusSymmetric, want.AlliesMinusOthers},
				{"AsymmetricAllies", g.AsymmetricAllies, want.Allies},
				{"SymmetricAllies", g.SymmetricAllies, want.Others},
			} {
				if math.Float64bits(c.got) != math.Float64bits(c.want) {
					t.Fatalf("run %d, %s votes: %s = %v, want %v (summed in year order)", run, g.Votes, c.name, c.got, c.want)
				}
			}
		}
	}
}

// TestFitOLSClusterOrder checks that the clustered standard errors have
// the same bits on every call. The old code added the clusters' score
// outer products in map order, so the last digits of every SE (and so of
// findings claim's output) changed from run to run.
func TestFitOLSClusterOrder(t *testing.T) {
	const n, groups = 400, 60
	x := make([][]float64, n)
	y := make([]float64, n)
	cl := make([]int, n)
	for i := range n {
		a, b := math.Sin(float64(i)*0.7), math.Cos(float64(i)*1.3)/3
		x[i] = []float64{1, a, b, a * b}
		y[i] = 0.2 + 0.5*a - 0.3*b + 0.1*math.Sin(float64(i)*2.9)
		cl[i] = (i * 37) % groups
	}
	first, err := fitOLS(x, y, cl)
	if err != nil {
		t.Fatal(err)
	}
	for run := range 100 {
		f, err := fitOLS(x, y, cl)
		if err != nil {
			t.Fatal(err)
		}
		for j := range f.SE {
			if math.Float64bits(f.SE[j]) != math.Float64bits(first.SE[j]) || math.Float64bits(f.Coef[j]) != math.Float64bits(first.Coef[j]) {
				t.Fatalf("run %d, term %d: coef %v se %v, first call gave %v %v", run, j, f.Coef[j], f.SE[j], first.Coef[j], first.SE[j])
			}
		}
	}
}
