package stats

import (
	"math"
	"slices"
	"sort"
)

// DeLong is the AUC of one or more scores on the same observations with
// DeLong, DeLong and Clarke-Pearson's (1988, Biometrics 44(3): 837–845)
// nonparametric covariance.
type DeLong struct {
	AUC []float64
	// Cov is the covariance matrix of the AUCs: S10/m + S01/n, where S10
	// and S01 are the sample covariances (n − 1 denominators) of the
	// structural components over the m positives and the n negatives.
	Cov [][]float64
}

// NewDeLong computes the AUC of each score vector and their covariance.
// The structural components are V10(x_i) = (1/n) Σ_j ψ(x_i, y_j) for each
// positive and V01(y_j) = (1/m) Σ_i ψ(x_i, y_j) for each negative, with
// ψ = 1, ½, 0 as the positive's score is above, equal to or below the
// negative's. The AUC and covariances are NaN with fewer than two
// positives or negatives.
func NewDeLong(labels []bool, scores ...[]float64) DeLong {
	k := len(scores)
	d := DeLong{AUC: make([]float64, k), Cov: make([][]float64, k)}
	v10, v01 := make([][]float64, k), make([][]float64, k)
	for s := range scores {
		v10[s], v01[s] = components(scores[s], labels)
		d.AUC[s] = Mean(v10[s])
	}
	m, n := len(v10[0]), len(v01[0])
	for a := range k {
		d.Cov[a] = make([]float64, k)
		for b := range k {
			d.Cov[a][b] = Covariance(v10[a], v10[b])/float64(m) + Covariance(v01[a], v01[b])/float64(n)
		}
	}
	return d
}

// SE returns the standard error of score s's AUC.
func (d DeLong) SE(s int) float64 { return math.Sqrt(d.Cov[s][s]) }

// CI returns the normal 95% interval of score s's AUC, clipped to [0, 1].
func (d DeLong) CI(s int) Interval {
	se := d.SE(s)
	return Interval{max(0, d.AUC[s]-Z975*se), min(1, d.AUC[s]+Z975*se)}
}

// Diff returns AUC[a] − AUC[b] and its normal 95% interval, from the
// variance Var(a) + Var(b) − 2 Cov(a, b) of the paired difference.
func (d DeLong) Diff(a, b int) (float64, Interval) {
	diff := d.AUC[a] - d.AUC[b]
	se := math.Sqrt(d.Cov[a][a] + d.Cov[b][b] - 2*d.Cov[a][b])
	return diff, Interval{diff - Z975*se, diff + Z975*se}
}

// components returns the structural components of scores: V10 for each
// positive and V01 for each negative, by binary search in the sorted
// scores of the other class.
func components(scores []float64, labels []bool) (v10, v01 []float64) {
	var pos, neg []float64
	for i, s := range scores {
		if labels[i] {
			pos = append(pos, s)
		} else {
			neg = append(neg, s)
		}
	}
	sortedPos, sortedNeg := slices.Sorted(slices.Values(pos)), slices.Sorted(slices.Values(neg))
	for _, x := range pos {
		v10 = append(v10, placement(sortedNeg, x, false))
	}
	for _, y := range neg {
		v01 = append(v01, placement(sortedPos, y, true))
	}
	return v10, v01
}

// placement returns the share of sorted below x, plus half the share equal
// to x; with above it returns the share above x plus half the share equal.
func placement(sorted []float64, x float64, above bool) float64 {
	if len(sorted) == 0 {
		return math.NaN()
	}
	lo := sort.SearchFloat64s(sorted, x)
	hi := lo
	for hi < len(sorted) && sorted[hi] == x {
		hi++
	}
	n, ties := float64(len(sorted)), float64(hi-lo)
	if above {
		return (float64(len(sorted)-hi) + ties/2) / n
	}
	return (float64(lo) + ties/2) / n
}
