package partner

import "github.com/entente/entente/internal/stats"

// ClusterRanking exposes the bootstrap's sorted-once ranking to the
// benchmarks of package partner_test.
type ClusterRanking struct{ r *stats.Ranking }

// NewClusterRanking sorts scored, labelled items with their clusters.
func NewClusterRanking(scores []float64, labels []bool, cluster []int) ClusterRanking {
	c := make([]int32, len(cluster))
	for i, x := range cluster {
		c[i] = int32(x)
	}
	return ClusterRanking{stats.NewRanking(scores, labels, c)}
}

// AUC is the AUC with each item counted as often as its cluster's weight.
func (c ClusterRanking) AUC(w []int) float64 {
	f := make([]float64, len(w))
	for i, x := range w {
		f[i] = float64(x)
	}
	return c.r.AUC(f)
}
