package allnet

// Betweenness returns every state's normalised betweenness centrality on
// the binary network (a path's length is its number of ties; alliance
// counts do not shorten it):
//
//	C_B(v) = Σ_{s≠v≠t} σ_st(v)/σ_st  /  ((n-1)(n-2))
//
// summed over ordered pairs, so the denominator is the number of ordered
// pairs excluding v and the centre of a star scores 1. States in
// components of one or two score 0, and all scores are 0 when n < 3.
//
// It runs Brandes' (2001) algorithm on flat slices; gonum's
// network.Betweenness computes the same raw sums (checked in the tests)
// but through maps, some twenty times slower on a 200-state year (see
// BenchmarkBetweennessGonum).
func (g *Network) Betweenness() []float64 {
	n := g.N()
	cb := make([]float64, n)
	if n < 3 {
		return cb
	}
	b := newBrandes(n)
	for s := range n {
		if g.Degree(s) == 0 {
			continue // an isolate is on no path
		}
		b.accumulate(g, s, cb)
	}
	norm := 1 / (float64(n-1) * float64(n-2))
	for i := range cb {
		cb[i] *= norm
	}
	return cb
}

// brandes holds the per-source work arrays, reused across sources.
type brandes struct {
	dist  []int
	sigma []float64
	delta []float64
	order []int // vertices in BFS order (non-decreasing distance)
}

func newBrandes(n int) *brandes {
	return &brandes{
		dist:  make([]int, n),
		sigma: make([]float64, n),
		delta: make([]float64, n),
		order: make([]int, 0, n),
	}
}

// accumulate adds source s's dependencies to cb. Predecessors are not
// stored: in an unweighted graph v precedes w exactly when
// dist[v] == dist[w]-1, so the back-propagation rescans w's row instead,
// which keeps the memory flat and the loop allocation-free.
func (b *brandes) accumulate(g *Network, s int, cb []float64) {
	for i := range b.dist {
		b.dist[i] = -1
		b.sigma[i] = 0
		b.delta[i] = 0
	}
	b.dist[s], b.sigma[s] = 0, 1
	b.order = append(b.order[:0], s)
	for h := 0; h < len(b.order); h++ {
		v := b.order[h]
		for _, w := range g.nbr[g.start[v]:g.start[v+1]] {
			if b.dist[w] < 0 {
				b.dist[w] = b.dist[v] + 1
				b.order = append(b.order, w)
			}
			if b.dist[w] == b.dist[v]+1 {
				b.sigma[w] += b.sigma[v]
			}
		}
	}
	for k := len(b.order) - 1; k > 0; k-- {
		w := b.order[k]
		coef := (1 + b.delta[w]) / b.sigma[w]
		for _, v := range g.nbr[g.start[w]:g.start[w+1]] {
			if b.dist[v] == b.dist[w]-1 {
				b.delta[v] += b.sigma[v] * coef
			}
		}
		cb[w] += b.delta[w]
	}
}
