package allnet

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// Default convergence settings of Eigenvector.
const (
	// DefaultEigenTol is the default relative residual at which power
	// iteration stops: ‖Ax − λx‖₂ ≤ tol·λ for the unit vector x.
	DefaultEigenTol = 1e-10
	// DefaultEigenMaxIter is the default iteration budget per component,
	// after which the component is solved directly with mat.EigenSym.
	DefaultEigenMaxIter = 2000
)

// EigenOptions tunes Eigenvector; the zero value uses the defaults.
type EigenOptions struct {
	Tol     float64 // relative residual; 0 means DefaultEigenTol
	MaxIter int     // iterations per component; 0 means DefaultEigenMaxIter
}

// EigenComponent describes the solution on one connected component.
type EigenComponent struct {
	Members []int // ascending state indexes
	// Lambda is the leading eigenvalue of the component's weighted
	// adjacency matrix: compare it across components to weigh their
	// scores against each other.
	Lambda float64
	// Iterations is the number of power iterations run.
	Iterations int
	// Direct is true when power iteration did not converge within MaxIter
	// and the component was solved by a dense symmetric eigendecomposition.
	Direct bool
}

// EigenResult holds eigenvector centralities.
type EigenResult struct {
	// Scores are per state, scaled so the most central member of each
	// component scores 1; isolates score 0.
	Scores []float64
	// Components lists the components of two or more states.
	Components []EigenComponent
}

// Eigenvector returns eigenvector centrality (Bonacich 1972) on the
// weighted network: a state's score is proportional to the weighted sum of
// its partners' scores, the leading eigenvector of the adjacency matrix A.
//
// A disconnected network has no single meaningful leading eigenvector (it
// lives on the component with the largest eigenvalue and is zero
// elsewhere), so each component of two or more states is solved on its
// own and scaled to a maximum of 1. Scores compare states within a
// component; each component's Lambda is reported for comparisons across.
//
// Power iteration runs on A + I, which has the same eigenvectors but a
// strictly dominant leading eigenvalue even for bipartite components
// (stars, paths) where plain iteration on A oscillates. It stops when the
// relative residual ‖Ax − λx‖₂/λ falls below Tol; the eigenvector error is
// then at most about Tol·λ/gap, where gap is the distance to the second
// eigenvalue. A component that does not converge within MaxIter falls back
// to mat.EigenSym.
func (g *Network) Eigenvector(opt EigenOptions) EigenResult {
	tol, maxIter := opt.Tol, opt.MaxIter
	if tol <= 0 {
		tol = DefaultEigenTol
	}
	if maxIter <= 0 {
		maxIter = DefaultEigenMaxIter
	}
	n := g.N()
	res := EigenResult{Scores: make([]float64, n)}
	x, y := make([]float64, n), make([]float64, n)
	for _, members := range g.Components() {
		if len(members) < 2 {
			continue
		}
		c := EigenComponent{Members: members}
		c.Lambda, c.Iterations = g.powerIterate(members, x, y, tol, maxIter)
		if c.Iterations > maxIter {
			c.Iterations = maxIter
			c.Direct = true
			c.Lambda = g.eigenSym(members, x)
		}
		scaleToMax(members, x)
		for _, v := range members {
			res.Scores[v] = x[v]
		}
		res.Components = append(res.Components, c)
	}
	return res
}

// powerIterate runs power iteration on (A+I) restricted to members, using
// the global-length work vectors x (result) and y. It returns the
// eigenvalue of A and the number of iterations, or maxIter+1 when the
// residual never met tol.
func (g *Network) powerIterate(members []int, x, y []float64, tol float64, maxIter int) (lambda float64, iter int) {
	u := 1 / math.Sqrt(float64(len(members)))
	for _, v := range members {
		x[v] = u // positive, so never orthogonal to the Perron vector
	}
	for iter = 1; iter <= maxIter; iter++ {
		g.shiftedMul(members, x, y)
		mu := 0.0 // Rayleigh quotient xᵀ(A+I)x of the unit vector x
		for _, v := range members {
			mu += x[v] * y[v]
		}
		res, norm := 0.0, 0.0
		for _, v := range members {
			d := y[v] - mu*x[v]
			res += d * d
			norm += y[v] * y[v]
		}
		norm = math.Sqrt(norm)
		for _, v := range members {
			x[v] = y[v] / norm
		}
		if lambda = mu - 1; math.Sqrt(res) <= tol*lambda {
			return lambda, iter
		}
	}
	return lambda, maxIter + 1
}

// shiftedMul sets y = (A + I)x on members.
func (g *Network) shiftedMul(members []int, x, y []float64) {
	for _, v := range members {
		s := x[v]
		for k := g.start[v]; k < g.start[v+1]; k++ {
			s += float64(g.wt[k]) * x[g.nbr[k]]
		}
		y[v] = s
	}
}

// eigenSym solves the component directly: the eigenvector of the largest
// eigenvalue of its dense adjacency, stored in x. It returns the
// eigenvalue.
func (g *Network) eigenSym(members []int, x []float64) float64 {
	vals, vec := g.denseLeading(members)
	for k, v := range members {
		x[v] = vec[k]
	}
	return vals
}

// denseLeading returns the largest eigenvalue of the members' weighted
// adjacency matrix and its eigenvector, signed to be non-negative (the
// Perron vector; rounding noise below zero is clipped).
func (g *Network) denseLeading(members []int) (float64, []float64) {
	m := len(members)
	local := make(map[int]int, m)
	for k, v := range members {
		local[v] = k
	}
	a := mat.NewSymDense(m, nil)
	for k, v := range members {
		for e := g.start[v]; e < g.start[v+1]; e++ {
			a.SetSym(k, local[g.nbr[e]], float64(g.wt[e]))
		}
	}
	var es mat.EigenSym
	if !es.Factorize(a, true) {
		panic("allnet: EigenSym failed to converge")
	}
	vals := es.Values(nil)
	var vecs mat.Dense
	es.VectorsTo(&vecs)
	top := len(vals) - 1 // values are ascending
	vec := mat.Col(nil, top, &vecs)
	sum := 0.0
	for _, f := range vec {
		sum += f
	}
	for k := range vec {
		if sum < 0 {
			vec[k] = -vec[k]
		}
		vec[k] = max(vec[k], 0)
	}
	return vals[top], vec
}

// scaleToMax divides x on members by its largest entry.
func scaleToMax(members []int, x []float64) {
	top := 0.0
	for _, v := range members {
		top = max(top, x[v])
	}
	if top == 0 {
		return
	}
	for _, v := range members {
		x[v] /= top
	}
}
