package partner

import (
	"math"

	"github.com/entente/entente/internal/stats"
)

// AUC returns the area under the ROC curve of scores as a predictor of
// labels (see stats.AUC): the probability that a positive scores above a
// negative, ties counting one half, the Mann–Whitney U statistic over
// n₊·n₋ (Hanley and McNeil 1982). A NaN score ranks lowest. AUC is NaN
// when there is no positive or no negative.
func AUC(scores []float64, labels []bool) float64 { return stats.AUC(scores, labels) }

// PrecisionAtK returns the share of positives among the k best-scored
// items (of min(k, n) when there are fewer than k), ties at the cut taken
// at random: a group of tied scores straddling the cut adds its share of
// positives for each place left, which is the precision averaged over every
// order of the ties. A NaN score ranks lowest. NaN for no items or k < 1.
func PrecisionAtK(scores []float64, labels []bool, k int) float64 {
	n := len(scores)
	if n == 0 || k < 1 {
		return math.NaN()
	}
	k = min(k, n)
	r := stats.NewRanking(scores, labels, nil)
	hits, taken := 0.0, 0
	for g := r.Groups() - 1; g >= 0 && taken < k; g-- { // best first
		size, pos := r.Group(g)
		take := min(size, k-taken)
		hits += float64(take) * float64(pos) / float64(size)
		taken += take
	}
	return hits / float64(k)
}
