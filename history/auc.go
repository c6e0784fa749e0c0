package history

import (
	"math"

	"github.com/entente/entente/internal/stats"
)

// Interval is a two-sided 95% confidence interval.
type Interval = stats.Interval

// AUC returns the area under the ROC curve of scores for the binary labels
// (see stats.AUC): the fraction of (positive, negative) pairs in which the
// positive has the higher score, a tie counting one half; NaN when there is
// no positive or no negative.
func AUC(scores []float64, labels []bool) float64 { return stats.AUC(scores, labels) }

// DeLong is the AUC of one or more scores on the same observations with
// DeLong, DeLong and Clarke-Pearson's (1988) covariance (see stats.DeLong).
type DeLong = stats.DeLong

// NewDeLong computes the AUC of each score vector and their covariance.
func NewDeLong(labels []bool, scores ...[]float64) DeLong { return stats.NewDeLong(labels, scores...) }

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
// reps times (replicate b drawn as stats.Resample draws it from seed), and
// recomputes both AUCs on each replicate: an observation appears as many
// times as its cluster was drawn. Observations in one cluster are not
// independent (an alliance's years share the alliance), so clusters, not
// observations, are the resampled unit. The scores are held fixed: the
// interval covers the evaluation's sampling variability, not the refitting
// of the model. A replicate without a positive or a negative is skipped and
// counted.
func ClusterBootstrap(labels []bool, cluster []int, a, b []float64, reps int, seed uint64) Bootstrap {
	dense, k := stats.Clusters(cluster)
	ids := make([]int32, k)
	for i := range ids {
		ids[i] = int32(i)
	}
	ra, rb := stats.NewRanking(a, labels, dense), stats.NewRanking(b, labels, dense)
	w := make([]float64, k)
	var xa, xb, xd []float64
	bs := Bootstrap{}
	for r := range reps {
		stats.Resample(seed, r, ids, w)
		x, y := ra.AUC(w), rb.AUC(w)
		if math.IsNaN(x) || math.IsNaN(y) {
			bs.Skipped++
			continue
		}
		xa, xb, xd = append(xa, x), append(xb, y), append(xd, x-y)
	}
	bs.Reps = len(xa)
	bs.A, bs.B, bs.Diff = stats.Percentile95(xa), stats.Percentile95(xb), stats.Percentile95(xd)
	return bs
}

// mean is stats.Mean.
func mean(xs []float64) float64 { return stats.Mean(xs) }

// sampleSD is stats.SD: the standard deviation with an n − 1 denominator;
// NaN for fewer than two values.
func sampleSD(xs []float64) float64 { return stats.SD(xs) }
