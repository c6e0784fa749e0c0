package partner

import (
	"math"
	"testing"

	"github.com/entente/entente/fpsim"

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
		got, want := newRanking(scores, labels, cluster).auc(w), AUC(rs, rl)
		if math.IsNaN(want) != math.IsNaN(got) || !math.IsNaN(want) && math.Abs(got-want) > 1e-12 {
			t.Fatalf("weighted %v, repeated rows %v", got, want)
		}
	})
}

func TestPairIndexCoversUpperTriangle(t *testing.T) {
	for _, m := range []int{2, 3, 7, 64} {
		d := &yearData{states: make([]int, m)}
		seen := map[int]bool{}
		for i := 0; i < m; i++ {
			for j := i + 1; j < m; j++ {
				p := d.pairIndex(i, j)
				if p < 0 || p >= m*(m-1)/2 || seen[p] || d.pairIndex(j, i) != p {
					t.Fatalf("m %d: pair (%d, %d) → %d", m, i, j, p)
				}
				seen[p] = true
			}
		}
	}
}

func TestQuantileType7(t *testing.T) {
	v := []float64{1, 2, 3, 4, 5}
	// h = q·(n − 1): 0.025·4 = 0.1 → 1 + 0.1·1 = 1.1; 0.975·4 = 3.9 → 4.9.
	if lo, hi := interval(v); math.Abs(lo-1.1) > 1e-12 || math.Abs(hi-4.9) > 1e-12 {
		t.Errorf("interval %v %v, want 1.1 4.9", lo, hi)
	}
}

func fpsimOptions() fpsim.Options { return fpsim.Options{} }
