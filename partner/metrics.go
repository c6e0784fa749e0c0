package partner

import (
	"math"
	"slices"
)

// AUC returns the area under the ROC curve of scores as a predictor of
// labels: the probability that a positive scores above a negative, ties
// counting one half,
//
//	AUC = (1/(n₊·n₋)) Σ_{p positive} Σ_{q negative} ([s_p > s_q] + ½[s_p = s_q])
//
// the Mann–Whitney U statistic over n₊·n₋ (Hanley and McNeil 1982). A NaN
// score ranks lowest (all NaN scores tie). AUC is NaN when there is no
// positive or no negative.
func AUC(scores []float64, labels []bool) float64 {
	return newRanking(scores, labels, nil).auc(nil)
}

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
	r := newRanking(scores, labels, nil)
	hits, taken := 0.0, 0
	for g := len(r.groups) - 1; g >= 0 && taken < k; g-- { // best first
		lo, hi := int(r.groupStart(g)), int(r.groups[g])
		pos := 0
		for i := lo; i < hi; i++ {
			if r.label[i] {
				pos++
			}
		}
		size := hi - lo
		take := min(size, k-taken)
		hits += float64(take) * float64(pos) / float64(size)
		taken += take
	}
	return hits / float64(k)
}

// ranking is a set of scored, labelled items sorted by score ascending,
// with the ends of the groups of tied scores marked, so that the AUC of
// any reweighting of its items (a bootstrap sample) takes one pass.
type ranking struct {
	label   []bool
	cluster []int32 // each item's cluster, for cluster weights; nil if none
	last    []bool  // the item ends its group of tied scores
	groups  []int32 // groups[g] is the end (exclusive) of tie group g
}

// newRanking sorts the items; cluster may be nil.
func newRanking(scores []float64, labels []bool, cluster []int32) *ranking {
	type item struct {
		key float64
		idx int32
	}
	n := len(scores)
	items := make([]item, n)
	for i, s := range scores {
		if math.IsNaN(s) {
			s = math.Inf(-1)
		}
		items[i] = item{s, int32(i)}
	}
	// Keys hold no NaN, and the order within a tie group does not change
	// any measure (group sums of integer weights are exact), so the sort
	// compares keys alone.
	slices.SortFunc(items, func(a, b item) int {
		switch {
		case a.key < b.key:
			return -1
		case a.key > b.key:
			return 1
		}
		return 0
	})
	r := &ranking{label: make([]bool, n), last: make([]bool, n), cluster: make([]int32, n)}
	for i, it := range items {
		r.label[i] = labels[it.idx]
		if cluster != nil {
			r.cluster[i] = cluster[it.idx]
		}
		if i+1 == n || items[i+1].key != it.key {
			r.last[i] = true
			r.groups = append(r.groups, int32(i+1))
		}
	}
	return r
}

func (r *ranking) groupStart(g int) int32 {
	if g == 0 {
		return 0
	}
	return r.groups[g-1]
}

// auc computes the AUC with each item weighted by the weight of its
// cluster (w nil: every item weighs 1). Walking up the scores, a group of
// tied items adds pos·(neg below + neg in the group/2) to the count of
// correctly ordered pairs.
func (r *ranking) auc(w []float64) float64 {
	if w == nil {
		w = []float64{1}
		if len(r.cluster) > 0 {
			w = make([]float64, slices.Max(r.cluster)+1)
			for i := range w {
				w[i] = 1
			}
		}
	}
	var num, negBelow, posTotal, pos, neg float64
	cl, label, last := r.cluster, r.label, r.last[:len(r.cluster)]
	for i, c := range cl {
		wi := w[c]
		if label[i] {
			pos += wi
		} else {
			neg += wi
		}
		if last[i] {
			num += pos * (negBelow + neg/2)
			negBelow += neg
			posTotal += pos
			pos, neg = 0, 0
		}
	}
	if posTotal == 0 || negBelow == 0 {
		return math.NaN()
	}
	return num / (posTotal * negBelow)
}
