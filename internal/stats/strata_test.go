package stats

import (
	"math"
	"math/rand/v2"
	"testing"
)

// With one stratum ResampleStrata draws what Resample draws.
func TestResampleStrataOneStratumIsResample(t *testing.T) {
	cl := []int32{0, 2, 3, 5}
	a, b := make([]float64, 6), make([]float64, 6)
	for rep := range 20 {
		Resample(9, rep, cl, a)
		ResampleStrata(9, rep, [][]int32{cl}, b)
		for c := range a {
			if a[c] != b[c] {
				t.Fatalf("replicate %d: Resample %v, ResampleStrata %v", rep, a, b)
			}
		}
	}
	ResampleStrata(1, 0, [][]int32{{0, 1}, {2, 3, 4}}, b)
	if b[0]+b[1] != 2 || b[2]+b[3]+b[4] != 3 || b[5] != 0 {
		t.Errorf("two strata of 2 and 3 clusters: weights %v", b)
	}
}

// Positives that come in blocks of identical scores (the pledges of one
// treaty) carry the information of one positive per block. A bootstrap
// that resamples positives one by one treats them as independent and its
// interval is far too narrow; resampling the blocks gives the interval of
// one positive per block, which DeLong's interval on the collapsed data
// (each block once) also estimates. The known answers: the naive interval
// matches DeLong on all pairs, the clustered one DeLong on the collapsed
// data, and the clustered one is several times wider.
func TestClusteredIntervalWiderForBlocks(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const blocks, per, negatives = 40, 25, 2000
	var scores []float64
	var labels []bool
	var block []int // a positive's block; -1 for a negative
	var collapsed []float64
	var collapsedLabels []bool
	for b := range blocks {
		s := 0.8 + rng.NormFloat64()
		collapsed, collapsedLabels = append(collapsed, s), append(collapsedLabels, true)
		for range per {
			scores, labels, block = append(scores, s), append(labels, true), append(block, b)
		}
	}
	for range negatives {
		s := rng.NormFloat64()
		scores, labels, block = append(scores, s), append(labels, false), append(block, -1)
		collapsed, collapsedLabels = append(collapsed, s), append(collapsedLabels, false)
	}
	// naive: every item its own cluster; clustered: a positive's cluster
	// is its block, a negative its own (after the blocks).
	n := len(scores)
	naive, clustered := make([]int32, n), make([]int32, n)
	var naivePos, naiveNeg, blockPos, ownNeg []int32
	for i := range scores {
		naive[i] = int32(i)
		if labels[i] {
			naivePos = append(naivePos, int32(i))
			clustered[i] = int32(block[i])
		} else {
			naiveNeg = append(naiveNeg, int32(i))
			clustered[i] = int32(blocks + i)
			ownNeg = append(ownNeg, int32(blocks+i))
		}
	}
	for b := range blocks {
		blockPos = append(blockPos, int32(b))
	}
	const B = 1000
	ivNaive, _ := NewRanking(scores, labels, naive).BootstrapAUC(11, B, [][]int32{naivePos, naiveNeg}, nil)
	ivCluster, _ := NewRanking(scores, labels, clustered).BootstrapAUC(11, B, [][]int32{blockPos, ownNeg}, nil)
	width := func(iv Interval) float64 { return iv.Hi - iv.Lo }
	dlAll := NewDeLong(labels, scores).CI(0)
	dlOnce := NewDeLong(collapsedLabels, collapsed).CI(0)
	t.Logf("AUC %.3f; naive [%.3f, %.3f] (DeLong %.3f, %.3f); by block [%.3f, %.3f] (DeLong, one per block, %.3f, %.3f)",
		AUC(scores, labels), ivNaive.Lo, ivNaive.Hi, dlAll.Lo, dlAll.Hi, ivCluster.Lo, ivCluster.Hi, dlOnce.Lo, dlOnce.Hi)
	if r := width(ivNaive) / width(dlAll); math.Abs(r-1) > 0.2 {
		t.Errorf("naive bootstrap width / DeLong width %.2f, want 1 ± 0.2", r)
	}
	if r := width(ivCluster) / width(dlOnce); math.Abs(r-1) > 0.2 {
		t.Errorf("block bootstrap width / DeLong width on one positive per block %.2f, want 1 ± 0.2", r)
	}
	if !(width(ivCluster) > 3*width(ivNaive)) {
		t.Errorf("block-clustered width %.4f not above 3 × the naive %.4f", width(ivCluster), width(ivNaive))
	}
}
