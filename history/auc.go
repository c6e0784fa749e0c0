package history

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
)

// z975 is the 97.5% quantile of the standard normal distribution.
const z975 = 1.959963984540054

// Interval is a two-sided 95% confidence interval.
type Interval struct {
	Lo float64 `json:"lo"`
	Hi float64 `json:"hi"`
}

// AUC returns the area under the ROC curve of scores for the binary labels:
// the fraction of (positive, negative) pairs in which the positive has the
// higher score, a tie counting one half (the Mann–Whitney U over m·n).
// Scores that are NaN are an error of the caller; AUC is NaN when there is
// no positive or no negative.
func AUC(scores []float64, labels []bool) float64 {
	ord := order(scores)
	w := make([]float64, len(scores))
	for i := range w {
		w[i] = 1
	}
	return weightedAUC(scores, labels, ord, w)
}

// order returns the indexes of scores sorted by score.
func order(scores []float64) []int {
	ord := make([]int, len(scores))
	for i := range ord {
		ord[i] = i
	}
	slices.SortStableFunc(ord, func(a, b int) int { return cmp.Compare(scores[a], scores[b]) })
	return ord
}

// weightedAUC is AUC with a weight (multiplicity) per observation, given
// the observations in ascending order of score: in one pass, each group of
// tied scores adds its positive weight times the negative weight below it
// plus half the negative weight tied with it.
func weightedAUC(scores []float64, labels []bool, ord []int, w []float64) float64 {
	var below, num, pos, neg float64
	for g := 0; g < len(ord); {
		e := g
		var wp, wn float64
		for ; e < len(ord) && scores[ord[e]] == scores[ord[g]]; e++ {
			if labels[ord[e]] {
				wp += w[ord[e]]
			} else {
				wn += w[ord[e]]
			}
		}
		num += wp * (below + wn/2)
		below += wn
		pos += wp
		neg += wn
		g = e
	}
	if pos == 0 || neg == 0 {
		return math.NaN()
	}
	return num / (pos * neg)
}

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
		d.AUC[s] = mean(v10[s])
	}
	m, n := len(v10[0]), len(v01[0])
	for a := range k {
		d.Cov[a] = make([]float64, k)
		for b := range k {
			d.Cov[a][b] = covariance(v10[a], v10[b])/float64(m) + covariance(v01[a], v01[b])/float64(n)
		}
	}
	return d
}

// SE returns the standard error of score s's AUC.
func (d DeLong) SE(s int) float64 { return math.Sqrt(d.Cov[s][s]) }

// CI returns the normal 95% interval of score s's AUC, clipped to [0, 1].
func (d DeLong) CI(s int) Interval {
	se := d.SE(s)
	return Interval{max(0, d.AUC[s]-z975*se), min(1, d.AUC[s]+z975*se)}
}

// Diff returns AUC[a] − AUC[b] and its normal 95% interval, from the
// variance Var(a) + Var(b) − 2 Cov(a, b) of the paired difference.
func (d DeLong) Diff(a, b int) (float64, Interval) {
	diff := d.AUC[a] - d.AUC[b]
	se := math.Sqrt(d.Cov[a][a] + d.Cov[b][b] - 2*d.Cov[a][b])
	return diff, Interval{diff - z975*se, diff + z975*se}
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

func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	var s float64
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// covariance is the sample covariance with an n − 1 denominator; NaN for
// fewer than two values.
func covariance(x, y []float64) float64 {
	if len(x) < 2 {
		return math.NaN()
	}
	mx, my := mean(x), mean(y)
	var s float64
	for i := range x {
		s += (x[i] - mx) * (y[i] - my)
	}
	return s / float64(len(x)-1)
}

// Bootstrap is a cluster bootstrap of two AUCs on the same observations and
// of their difference.
type Bootstrap struct {
	// Reps is the number of replicates used; Skipped those left out for
	// lacking a positive or a negative.
	Reps    int `json:"reps"`
	Skipped int `json:"skipped"`
	// A, B and Diff are the 2.5% and 97.5% percentiles of the replicates'
	// AUC of the first score, of the second and of first − second.
	A    Interval `json:"a"`
	B    Interval `json:"b"`
	Diff Interval `json:"diff"`
}

// ClusterBootstrap resamples whole clusters (alliances) with replacement,
// reps times, with a generator seeded by seed, and recomputes both AUCs on
// each replicate: an observation appears as many times as its cluster was
// drawn. Observations in one cluster are not independent (an alliance's
// years share the alliance), so clusters, not observations, are the
// resampled unit. The scores are held fixed: the interval covers the
// evaluation's sampling variability, not the refitting of the model.
// A replicate without a positive or a negative is skipped and counted.
func ClusterBootstrap(labels []bool, cluster []int, a, b []float64, reps int, seed uint64) Bootstrap {
	ids, members := clusters(cluster)
	ordA, ordB := order(a), order(b)
	rng := rand.New(rand.NewPCG(seed, 0x5eed_b007))
	w := make([]float64, len(labels))
	var ra, rb, rd []float64
	bs := Bootstrap{}
	for range reps {
		clear(w)
		for range ids {
			for _, i := range members[rng.IntN(len(ids))] {
				w[i]++
			}
		}
		x, y := weightedAUC(a, labels, ordA, w), weightedAUC(b, labels, ordB, w)
		if math.IsNaN(x) || math.IsNaN(y) {
			bs.Skipped++
			continue
		}
		ra, rb, rd = append(ra, x), append(rb, y), append(rd, x-y)
	}
	bs.Reps = len(ra)
	bs.A, bs.B, bs.Diff = percentiles(ra), percentiles(rb), percentiles(rd)
	return bs
}

// clusters groups observation indexes by cluster id, in ascending id order.
func clusters(cluster []int) ([]int, [][]int) {
	byID := map[int][]int{}
	for i, c := range cluster {
		byID[c] = append(byID[c], i)
	}
	ids := make([]int, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	members := make([][]int, len(ids))
	for k, id := range ids {
		members[k] = byID[id]
	}
	return ids, members
}

// percentiles returns the 2.5% and 97.5% percentiles (linear interpolation
// between order statistics), NaN for no values.
func percentiles(xs []float64) Interval {
	if len(xs) == 0 {
		return Interval{math.NaN(), math.NaN()}
	}
	s := slices.Sorted(slices.Values(xs))
	return Interval{quantile(s, 0.025), quantile(s, 0.975)}
}

func quantile(sorted []float64, q float64) float64 {
	h := q * float64(len(sorted)-1)
	lo := int(math.Floor(h))
	hi := min(lo+1, len(sorted)-1)
	return sorted[lo] + (h-float64(lo))*(sorted[hi]-sorted[lo])
}
