package stats

import (
	"math/rand/v2"
	"slices"
)

// Clusters maps arbitrary cluster ids to dense ones, 0 to k−1 in ascending
// order of id, and returns each item's dense cluster and k.
func Clusters(ids []int) ([]int32, int) {
	distinct := slices.Compact(slices.Sorted(slices.Values(ids)))
	out := make([]int32, len(ids))
	for i, id := range ids {
		k, _ := slices.BinarySearch(distinct, id)
		out[i] = int32(k)
	}
	return out, len(distinct)
}

// Resample fills w with the cluster weights of bootstrap replicate b: as
// many draws with replacement from clusters (the distinct clusters in the
// sample) as there are, w[c] counting how often cluster c was drawn. The
// draws come from a PCG seeded with (seed, b), so a replicate does not
// depend on the others or on the number of workers computing them. w must
// be long enough to index every cluster.
func Resample(seed uint64, b int, clusters []int32, w []float64) {
	clear(w)
	rng := rand.New(rand.NewPCG(seed, uint64(b)))
	for range clusters {
		w[clusters[rng.IntN(len(clusters))]]++
	}
}
