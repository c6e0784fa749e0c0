package stats

import "math/rand/v2"

// ResampleStrata fills w with the cluster weights of replicate b of a
// stratified cluster bootstrap: for each stratum in turn, as many draws
// with replacement from its clusters as it has, w[c] counting how often
// cluster c was drawn. Strata must not share a cluster. All strata draw
// from one PCG seeded with (seed, b), so a replicate does not depend on
// the others or on the number of workers; with a single stratum the
// weights are those of Resample. w must be long enough to index every
// cluster; clusters of no stratum get weight 0.
//
// Stratifying keeps each stratum's share of clusters fixed. For an AUC,
// with the positives in one stratum and the negatives in another, every
// replicate has both classes (the two-sample bootstrap of the
// Mann–Whitney statistic), and each class can be clustered by what makes
// its members dependent.
func ResampleStrata(seed uint64, b int, strata [][]int32, w []float64) {
	clear(w)
	rng := rand.New(rand.NewPCG(seed, uint64(b)))
	for _, cl := range strata {
		for range cl {
			w[cl[rng.IntN(len(cl))]]++
		}
	}
}

// Clusters returns the number of clusters the ranking's weights index:
// one more than the largest cluster of an item (1 without clusters).
func (r *Ranking) Clusters() int { return r.ncl }

// BootstrapAUC returns the 95% percentile interval of the AUC over B
// replicates of the stratified cluster bootstrap (ResampleStrata with
// seed and replicates 0..B−1), each cluster's weight multiplied by
// base[c] (nil: 1), and the replicates' AUCs. The clusters are the
// ranking's (NewRanking's cluster argument).
func (r *Ranking) BootstrapAUC(seed uint64, B int, strata [][]int32, base []float64) (Interval, []float64) {
	w := make([]float64, r.ncl)
	out := make([]float64, B)
	for b := range B {
		ResampleStrata(seed, b, strata, w)
		if base != nil {
			for c := range w {
				w[c] *= base[c]
			}
		}
		out[b] = r.AUC(w)
	}
	return Percentile95(out), out
}
