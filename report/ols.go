package report

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// olsFit is a least-squares fit with standard errors clustered by group
// (the Liang-Zeger sandwich with Stata's small-sample factor
// G/(G-1)·(N-1)/(N-K)).
type olsFit struct {
	Coef, SE []float64
	N, K, G  int
	R2       float64
}

// fitOLS regresses y on the columns of x (rows are observations; include
// a constant column yourself) with errors clustered by cluster[i].
func fitOLS(x [][]float64, y []float64, cluster []int) (*olsFit, error) {
	n := len(y)
	if n == 0 || len(x) != n || len(cluster) != n {
		return nil, fmt.Errorf("report: regression with %d outcomes, %d rows, %d clusters", n, len(x), len(cluster))
	}
	k := len(x[0])
	if n <= k {
		return nil, fmt.Errorf("report: %d observations for %d coefficients", n, k)
	}
	X := mat.NewDense(n, k, nil)
	for i, row := range x {
		X.SetRow(i, row)
	}
	Y := mat.NewVecDense(n, y)
	var xtx mat.Dense
	xtx.Mul(X.T(), X)
	var inv mat.Dense
	if err := inv.Inverse(&xtx); err != nil {
		return nil, fmt.Errorf("report: the regressors are collinear: %w", err)
	}
	var xty mat.VecDense
	xty.MulVec(X.T(), Y)
	var b mat.VecDense
	b.MulVec(&inv, &xty)
	resid := make([]float64, n)
	var ssr, mean, sst float64
	for i := range n {
		mean += y[i] / float64(n)
	}
	for i := range n {
		resid[i] = y[i] - mat.Dot(X.RowView(i), &b)
		ssr += resid[i] * resid[i]
		sst += (y[i] - mean) * (y[i] - mean)
	}
	scores := map[int][]float64{}
	for i := range n {
		s := scores[cluster[i]]
		if s == nil {
			s = make([]float64, k)
			scores[cluster[i]] = s
		}
		for j := range k {
			s[j] += x[i][j] * resid[i]
		}
	}
	// Add the clusters' outer products in cluster order, not the map's:
	// float addition is not associative, so the order sets the last bits.
	ids := make([]int, 0, len(scores))
	for id := range scores {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	meat := mat.NewDense(k, k, nil)
	for _, id := range ids {
		v := mat.NewVecDense(k, scores[id])
		var o mat.Dense
		o.Outer(1, v, v)
		meat.Add(meat, &o)
	}
	g := len(scores)
	var v mat.Dense
	v.Product(&inv, meat, &inv)
	c := float64(g) / float64(g-1) * float64(n-1) / float64(n-k)
	fit := &olsFit{Coef: make([]float64, k), SE: make([]float64, k), N: n, K: k, G: g, R2: 1 - ssr/sst}
	for j := range k {
		fit.Coef[j] = b.AtVec(j)
		fit.SE[j] = math.Sqrt(c * v.At(j, j))
	}
	return fit, nil
}
