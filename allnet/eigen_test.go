package allnet

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
	"pgregory.net/rapid"
)

// directEigen is an independent reference: the leading eigenvector of the
// full weighted adjacency matrix by mat.EigenSym, made non-negative and
// scaled to a maximum of 1.
func directEigen(g *Network) (float64, []float64) {
	n := g.N()
	a := mat.NewSymDense(n, nil)
	for i := range n {
		for _, j := range g.Neighbors(i) {
			a.SetSym(i, j, float64(g.Weight(i, j)))
		}
	}
	var es mat.EigenSym
	if !es.Factorize(a, true) {
		panic("EigenSym")
	}
	var v mat.Dense
	es.VectorsTo(&v)
	vals := es.Values(nil)
	x := mat.Col(nil, n-1, &v)
	top := 0.0
	for _, f := range x {
		if math.Abs(f) > math.Abs(top) {
			top = f
		}
	}
	for i := range x {
		x[i] /= top
	}
	return vals[n-1], x
}

func TestEigenvectorMatchesEigenSym(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		g := randomGraph(rt, true)
		lambda, want := directEigen(g)
		res := g.Eigenvector(EigenOptions{})
		if len(res.Components) != 1 {
			rt.Fatalf("connected graph has %d components", len(res.Components))
		}
		if c := res.Components[0]; !near(c.Lambda, lambda, 1e-8*lambda) {
			rt.Fatalf("lambda %v, EigenSym %v (direct=%v after %d)", c.Lambda, lambda, c.Direct, c.Iterations)
		}
		for i, w := range want {
			if !near(res.Scores[i], w, 1e-6) {
				rt.Fatalf("score[%d] = %v, EigenSym %v", i, res.Scores[i], w)
			}
		}
	})
}

func TestEigenvectorStarAndPath(t *testing.T) {
	// A star with k spokes: λ = √k, the centre scores 1 and each spoke
	// 1/√k. Bipartite, so plain power iteration on A would oscillate.
	res := star(5).Eigenvector(EigenOptions{})
	if c := res.Components[0]; !near(c.Lambda, 2, 1e-9) || c.Direct {
		t.Errorf("star: %+v", c)
	}
	if !near(res.Scores[0], 1, 1e-9) || !near(res.Scores[3], 0.5, 1e-9) {
		t.Errorf("star scores %v", res.Scores)
	}
	// Path of 3: eigenvector (1, √2, 1).
	res = path(3).Eigenvector(EigenOptions{})
	if !near(res.Scores[0], 1/math.Sqrt2, 1e-9) || res.Scores[1] != 1 {
		t.Errorf("path scores %v", res.Scores)
	}
}

func TestEigenvectorPerComponent(t *testing.T) {
	// A triangle and a separate pair, plus an isolate: each component is
	// scaled on its own, the isolate scores 0.
	g := FromEdges(6, append(clique(0, 1, 2), [3]int{3, 4, 1}))
	res := g.Eigenvector(EigenOptions{})
	want := []float64{1, 1, 1, 1, 1, 0}
	for i, w := range want {
		if !near(res.Scores[i], w, 1e-9) {
			t.Errorf("score[%d] = %v, want %v", i, res.Scores[i], w)
		}
	}
	if len(res.Components) != 2 || !near(res.Components[0].Lambda, 2, 1e-9) || !near(res.Components[1].Lambda, 1, 1e-9) {
		t.Errorf("components %+v", res.Components)
	}
}

func TestEigenvectorDirectFallback(t *testing.T) {
	y := synthYear(3, 2000, 200, 300)
	g := mustBuild(t, &y, Any)
	iter := g.Eigenvector(EigenOptions{})
	direct := g.Eigenvector(EigenOptions{MaxIter: 1})
	directs := 0
	for _, c := range direct.Components {
		if c.Direct {
			directs++
		}
	}
	if directs == 0 {
		t.Error("no component fell back to EigenSym with MaxIter 1")
	}
	for i := range iter.Scores {
		if !near(iter.Scores[i], direct.Scores[i], 1e-6) {
			t.Errorf("score[%d]: power %v, direct %v", i, iter.Scores[i], direct.Scores[i])
		}
	}
}
