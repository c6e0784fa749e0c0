package stats

import (
	"math"
	"slices"
	"testing"
)

func near(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.IsNaN(got) != math.IsNaN(want) || math.Abs(got-want) > tol {
		t.Errorf("%s = %.17g, want %.17g (±%g)", what, got, want, tol)
	}
}

func TestMomentsAndQuantiles(t *testing.T) {
	xs := []float64{2, 4, 4, 4, 5, 5, 7, 9}
	for _, tc := range []struct {
		name      string
		got, want float64
	}{
		{"mean", Mean(xs), 5},
		{"sample sd (32/7)", SD(xs), math.Sqrt(32.0 / 7)},
		{"covariance with itself", Covariance(xs, xs), 32.0 / 7},
		// R: quantile(c(1, 2, 3, 4, 10), c(0.3, 0.9)) gives 2.2 and 7.6.
		{"quantile 0.3", Quantile([]float64{1, 2, 3, 4, 10}, 0.3), 2.2},
		{"quantile 0.9", Quantile([]float64{1, 2, 3, 4, 10}, 0.9), 7.6},
		{"quantile of one", Quantile([]float64{3}, 0.975), 3},
		{"mean of none", Mean(nil), math.NaN()},
		{"sd of one", SD([]float64{1}), math.NaN()},
		{"quantile of none", Quantile(nil, 0.5), math.NaN()},
	} {
		near(t, tc.name, tc.got, tc.want, 1e-12)
	}
	// 1..41 with NaNs: R's quantile(1:41, c(0.025, 0.975)) is 2 and 40.
	vals := []float64{math.NaN()}
	for i := 41; i >= 1; i-- {
		vals = append(vals, float64(i), math.NaN())
	}
	iv := Percentile95(vals)
	near(t, "2.5%", iv.Lo, 2, 1e-12)
	near(t, "97.5%", iv.Hi, 40, 1e-12)
	if iv := Percentile95([]float64{math.NaN()}); !math.IsNaN(iv.Lo) || !math.IsNaN(iv.Hi) {
		t.Errorf("interval of nothing: %v", iv)
	}
}

// The hand-worked example: positives score 0.9, 0.6, 0.4; negatives 0.7,
// 0.4, 0.2, 0.1. Of the 12 (positive, negative) pairs, 0.9 beats all 4
// negatives, 0.6 beats 3, and 0.4 beats 2 and ties 1 (½): AUC = 9.5/12.
var (
	handScores = []float64{0.9, 0.7, 0.6, 0.4, 0.4, 0.2, 0.1}
	handLabels = []bool{true, false, true, true, false, false, false}
)

func TestAUC(t *testing.T) {
	rev := make([]float64, len(handScores))
	for i, s := range handScores {
		rev[i] = -s
	}
	for _, tc := range []struct {
		name   string
		scores []float64
		labels []bool
		want   float64
	}{
		{"hand-worked", handScores, handLabels, 9.5 / 12},
		{"reversed scores: 1 − AUC", rev, handLabels, 2.5 / 12},
		{"all tied", []float64{1, 1, 1, 1}, []bool{true, false, true, false}, 0.5},
		{"perfect", []float64{1, 2, 3, 4}, []bool{false, false, true, true}, 1},
		{"NaN ranks lowest", []float64{math.NaN(), 2, 3}, []bool{false, true, false}, 0.5},
		{"no negatives", []float64{1, 2}, []bool{true, true}, math.NaN()},
	} {
		near(t, tc.name, AUC(tc.scores, tc.labels), tc.want, 1e-15)
	}
}

// TestRankingWeightsAreDuplicates: weighting a cluster k gives the AUC of
// the data with that cluster's items repeated k times.
func TestRankingWeightsAreDuplicates(t *testing.T) {
	cl := []int32{0, 1, 1, 2, 0, 2, 1}
	w := []float64{2, 0, 3}
	var scores []float64
	var labels []bool
	for i, c := range cl {
		for range int(w[c]) {
			scores, labels = append(scores, handScores[i]), append(labels, handLabels[i])
		}
	}
	r := NewRanking(handScores, handLabels, cl)
	near(t, "weighted AUC", r.AUC(w), AUC(scores, labels), 1e-15)
	near(t, "unweighted AUC", r.AUC(nil), 9.5/12, 1e-15)
	if r.Groups() != 6 {
		t.Errorf("%d tie groups, want 6", r.Groups())
	}
	if n, p := r.Group(2); n != 2 || p != 1 {
		t.Errorf("tie group of 0.4: %d items, %d positive; want 2, 1", n, p)
	}
}

// TestDeLongHandWorked checks DeLong's variance on the hand-worked example.
// Structural components: V10 = (4, 3, 2.5)/4 = (1, 0.75, 0.625) for the
// positives, V01 = (1, 2.5, 3, 3)/3 for the negatives (the share of
// positives above each, ties ½). Their sample variances are S10 = 7/192
// and S01 = 43/432, so Var(AUC) = S10/3 + S01/4 = 7/576 + 43/1728 = 1/27.
func TestDeLongHandWorked(t *testing.T) {
	d := NewDeLong(handLabels, handScores)
	near(t, "AUC", d.AUC[0], 9.5/12, 1e-15)
	near(t, "Var", d.Cov[0][0], 1.0/27, 1e-15)
	ci := d.CI(0)
	near(t, "CI lo", ci.Lo, 9.5/12-Z975/math.Sqrt(27), 1e-12)
	near(t, "CI hi (clipped)", ci.Hi, 1, 0)
	d2 := NewDeLong(handLabels, handScores, handScores)
	diff, dci := d2.Diff(0, 1)
	if diff != 0 || math.Abs(dci.Lo) > 1e-9 || math.Abs(dci.Hi) > 1e-9 {
		t.Errorf("difference with itself: %g %v, want 0 [0, 0]", diff, dci)
	}
}

func TestClustersAndResample(t *testing.T) {
	dense, k := Clusters([]int{3180, 5, 3180, 77, 5})
	if k != 3 || !slices.Equal(dense, []int32{2, 0, 2, 1, 0}) {
		t.Errorf("Clusters = %v, %d; want [2 0 2 1 0], 3", dense, k)
	}
	clusters := []int32{0, 1, 2}
	a, b := make([]float64, 3), make([]float64, 3)
	Resample(7, 4, clusters, a)
	Resample(7, 4, clusters, b)
	if !slices.Equal(a, b) || a[0]+a[1]+a[2] != 3 {
		t.Errorf("replicate 4 twice: %v and %v; want equal, 3 draws", a, b)
	}
	differ := false
	for r := range 20 {
		Resample(7, r, clusters, b)
		differ = differ || !slices.Equal(a, b)
	}
	if !differ {
		t.Error("20 replicates drew the same clusters")
	}
}

// TestLogisticClosedForm: with one binary covariate the maximum-likelihood
// fit is the log odds: x = 0 has 3 events in 10, x = 1 has 6 in 8, so
// β₀ = log(3/7) and β₁ = log(6/2) − log(3/7).
func TestLogisticClosedForm(t *testing.T) {
	var X [][]float64
	var y []bool
	add := func(x float64, events, n int) {
		for i := range n {
			X, y = append(X, []float64{x}), append(y, i < events)
		}
	}
	add(0, 3, 10)
	add(1, 6, 8)
	for _, tol := range []float64{0, 1e-9} {
		fit, err := FitLogistic(X, y, LogisticOptions{Tolerance: tol})
		if err != nil {
			t.Fatal(err)
		}
		near(t, "β₀", fit.Coef[0], math.Log(3.0/7), 1e-6)
		near(t, "β₁", fit.Coef[1], math.Log(3)-math.Log(3.0/7), 1e-6)
		wantLL := 3*math.Log(0.3) + 7*math.Log(0.7) + 6*math.Log(0.75) + 2*math.Log(0.25)
		near(t, "log-likelihood", fit.LogLik, wantLL, 1e-9)
		near(t, "Prob(1)", fit.Prob([]float64{1}), 0.75, 1e-6)
	}
	ridge, err := FitLogistic(X, y, LogisticOptions{Ridge: 5})
	if err != nil || !(ridge.Coef[1] > 0 && ridge.Coef[1] < math.Log(7)) {
		t.Errorf("ridge 5 slope %v (%v): want shrunk towards 0 from log 7", ridge.Coef, err)
	}
	for _, bad := range [][]bool{{true, true}, nil} {
		if _, err := FitLogistic(X[:2], bad, LogisticOptions{}); err == nil {
			t.Errorf("labels %v: fit succeeded", bad)
		}
	}
}
