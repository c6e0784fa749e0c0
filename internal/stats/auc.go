package stats

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
	return NewRanking(scores, labels, nil).AUC(nil)
}

// Ranking is a set of scored, labelled items sorted by score, with the
// groups of tied scores marked, so that the AUC under any reweighting of
// clusters of items (a cluster bootstrap replicate) takes one pass.
type Ranking struct {
	label   []bool
	cluster []int32 // each item's cluster (all 0 without clusters)
	last    []bool  // the item ends its group of tied scores
	groups  []int32 // groups[g] is the end (exclusive) of tie group g
	ncl     int
}

// NewRanking sorts the items by score (NaN lowest). cluster gives each
// item's cluster, a small non-negative integer; nil puts every item in
// cluster 0.
func NewRanking(scores []float64, labels []bool, cluster []int32) *Ranking {
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
	// Keys hold no NaN, and the order within a tie group changes no
	// measure, so the sort compares keys alone.
	slices.SortFunc(items, func(a, b item) int {
		switch {
		case a.key < b.key:
			return -1
		case a.key > b.key:
			return 1
		}
		return 0
	})
	r := &Ranking{label: make([]bool, n), last: make([]bool, n), cluster: make([]int32, n), ncl: 1}
	for i, it := range items {
		r.label[i] = labels[it.idx]
		if cluster != nil {
			r.cluster[i] = cluster[it.idx]
			r.ncl = max(r.ncl, int(cluster[it.idx])+1)
		}
		if i+1 == n || items[i+1].key != it.key {
			r.last[i] = true
			r.groups = append(r.groups, int32(i+1))
		}
	}
	return r
}

// Groups returns the number of groups of tied scores.
func (r *Ranking) Groups() int { return len(r.groups) }

// Group returns the items of tie group g (0 the lowest scores) as the
// count of items and of positives.
func (r *Ranking) Group(g int) (items, positives int) {
	lo := 0
	if g > 0 {
		lo = int(r.groups[g-1])
	}
	hi := int(r.groups[g])
	for i := lo; i < hi; i++ {
		if r.label[i] {
			positives++
		}
	}
	return hi - lo, positives
}

// AUC computes the AUC with each item weighted by the weight of its
// cluster, w[cluster] (w nil: every item weighs 1). Walking up the scores,
// a group of tied items adds pos·(neg below + neg in the group/2) to the
// weight of correctly ordered pairs. NaN without a positive or a negative
// of positive weight.
func (r *Ranking) AUC(w []float64) float64 {
	if w == nil {
		w = make([]float64, r.ncl)
		for i := range w {
			w[i] = 1
		}
	}
	var num, negBelow, posTotal, pos, neg float64
	for i, c := range r.cluster {
		wi := w[c]
		if r.label[i] {
			pos += wi
		} else {
			neg += wi
		}
		if r.last[i] {
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
