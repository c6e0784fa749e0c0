package history

import (
	"math/rand/v2"
	"testing"
)

// TestClusterBootstrapKnown: when every alliance holds the same
// alliance-years, every replicate has the same AUC, so the interval is that
// value; with perfectly separated scores it is [1, 1].
func TestClusterBootstrapKnown(t *testing.T) {
	var labels []bool
	var cl []int
	var a, b []float64
	for c := range 20 {
		// In each cluster: positive 0.6 > negatives 0.4 and 0.5; positive
		// 0.3 below both: AUC 2/4 = 0.5 for a. For b, positives above.
		labels = append(labels, true, false, true, false)
		cl = append(cl, c, c, c, c)
		a = append(a, 0.6, 0.4, 0.3, 0.5)
		b = append(b, 0.9, 0.1, 0.8, 0.2)
	}
	bs := ClusterBootstrap(labels, cl, a, b, 200, 7)
	if bs.Reps != 200 || bs.Skipped != 0 {
		t.Fatalf("reps %d skipped %d", bs.Reps, bs.Skipped)
	}
	near(t, "A lo", bs.A.Lo, 0.5, 1e-12)
	near(t, "A hi", bs.A.Hi, 0.5, 1e-12)
	near(t, "B lo", bs.B.Lo, 1, 0)
	near(t, "B hi", bs.B.Hi, 1, 0)
	near(t, "diff lo", bs.Diff.Lo, -0.5, 1e-12)
	near(t, "diff hi", bs.Diff.Hi, -0.5, 1e-12)
	if again := ClusterBootstrap(labels, cl, a, b, 200, 7); again != bs {
		t.Error("the same seed gave a different bootstrap")
	}
}

// TestBootstrapMatchesDeLong: with independent observations (each its own
// cluster) the bootstrap and DeLong intervals estimate the same thing, and
// both cover the AUC.
func TestBootstrapMatchesDeLong(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	n := 3000
	labels, cl := make([]bool, n), make([]int, n)
	a, b := make([]float64, n), make([]float64, n)
	for i := range n {
		labels[i], cl[i] = rng.Float64() < 0.3, i
		shift := 0.0
		if labels[i] {
			shift = 0.8
		}
		a[i], b[i] = rng.NormFloat64()+shift, rng.NormFloat64()+shift/2
	}
	d := NewDeLong(labels, a, b)
	bs := ClusterBootstrap(labels, cl, a, b, 2000, 11)
	for k, iv := range []Interval{bs.A, bs.B} {
		dl := d.CI(k)
		ratio := (iv.Hi - iv.Lo) / (dl.Hi - dl.Lo)
		if ratio < 0.85 || ratio > 1.15 || iv.Lo > d.AUC[k] || iv.Hi < d.AUC[k] {
			t.Errorf("score %d: bootstrap %v vs DeLong %v (width ratio %.3f), AUC %.4f", k, iv, dl, ratio, d.AUC[k])
		}
	}
	_, dd := d.Diff(0, 1)
	if ratio := (bs.Diff.Hi - bs.Diff.Lo) / (dd.Hi - dd.Lo); ratio < 0.85 || ratio > 1.15 {
		t.Errorf("difference: bootstrap %v vs DeLong %v", bs.Diff, dd)
	}
}
