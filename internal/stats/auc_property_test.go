package stats

import (
	"math"
	"testing"

	"pgregory.net/rapid"
)

// Weighting by cluster is the same as repeating each item as often as its
// cluster's weight: the bootstrap's one-pass AUC equals the AUC of the
// resampled rows.
func TestClusterWeightedAUCEqualsRepeatedRows(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(2, 30).Draw(t, "n")
		scores, labels, cluster := make([]float64, n), make([]bool, n), make([]int32, n)
		for i := range scores {
			scores[i] = float64(rapid.IntRange(0, 4).Draw(t, "score"))
			labels[i] = rapid.Bool().Draw(t, "label")
			cluster[i] = int32(rapid.IntRange(0, 3).Draw(t, "cluster"))
		}
		w := make([]float64, 4)
		for c := range w {
			w[c] = float64(rapid.IntRange(0, 3).Draw(t, "weight"))
		}
		var rs []float64
		var rl []bool
		for i := range scores {
			for range int(w[cluster[i]]) {
				rs, rl = append(rs, scores[i]), append(rl, labels[i])
			}
		}
		got, want := NewRanking(scores, labels, cluster).AUC(w), AUC(rs, rl)
		if math.IsNaN(want) != math.IsNaN(got) || !math.IsNaN(want) && math.Abs(got-want) > 1e-12 {
			t.Fatalf("weighted %v, repeated rows %v", got, want)
		}
	})
}
