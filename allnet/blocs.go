package allnet

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/community"
)

// BlocOptions tunes community detection; the zero value is one Louvain run
// at resolution 1 with seed 0.
type BlocOptions struct {
	// Seed drives the Louvain node order. The same seed gives the same
	// partition.
	Seed uint64
	// Resolution is the modularity resolution γ (Reichardt and Bornholdt
	// 2006); 0 means 1, the classic Newman–Girvan modularity. Larger values
	// give smaller blocs.
	Resolution float64
	// Runs is the number of Louvain runs, each with its own stream of the
	// seed; the partition with the highest Q is kept (the earliest on a
	// tie). Louvain is a heuristic, so more runs find better optima. 0
	// means 1.
	Runs int
}

// Blocs is a partition of the states into communities.
type Blocs struct {
	// Q is the weighted modularity of the partition, NaN when the network
	// has no ties (modularity is undefined without edges).
	Q float64
	// Community gives each state's community label, 0..len(Communities)-1.
	Community []int
	// Communities lists every community, singletons included, each sorted
	// ascending and ordered by smallest member, so labels do not depend on
	// the algorithm's internal numbering.
	Communities [][]int
	// Blocs are the communities of two or more states. Isolates and any
	// other singleton are never blocs.
	Blocs [][]int
}

// Blocs partitions the weighted network into blocs by maximising
// modularity (Newman and Girvan 2004) with the Louvain method (Blondel et
// al. 2008) as implemented by gonum's community.Modularize, fed a seeded
// PCG source and a graph view with fixed iteration order, so the result
// depends only on the network and the options.
func (g *Network) Blocs(opt BlocOptions) Blocs {
	gamma := opt.Resolution
	if gamma <= 0 {
		gamma = 1
	}
	runs := max(opt.Runs, 1)
	if g.NumTies() == 0 {
		return canonicalBlocs(g.N(), nil, math.NaN())
	}
	view := g.Graph()
	var best [][]graph.Node
	bestQ := math.Inf(-1)
	for r := range runs {
		src := rand.NewPCG(opt.Seed, uint64(r))
		comms := community.Modularize(view, gamma, src).Communities()
		if q := community.Q(view, comms, gamma); q > bestQ {
			best, bestQ = comms, q
		}
	}
	return canonicalBlocs(g.N(), best, bestQ)
}

// canonicalBlocs turns gonum communities into sorted, relabelled Blocs.
// With no communities every state is its own singleton.
func canonicalBlocs(n int, comms [][]graph.Node, q float64) Blocs {
	b := Blocs{Q: q, Community: make([]int, n)}
	if comms == nil {
		for i := range n {
			b.Communities = append(b.Communities, []int{i})
		}
	}
	for _, c := range comms {
		members := make([]int, len(c))
		for k, v := range c {
			members[k] = int(v.ID())
		}
		slices.Sort(members)
		b.Communities = append(b.Communities, members)
	}
	slices.SortFunc(b.Communities, func(x, y []int) int { return cmp.Compare(x[0], y[0]) })
	for label, members := range b.Communities {
		for _, v := range members {
			b.Community[v] = label
		}
		if len(members) >= 2 {
			b.Blocs = append(b.Blocs, members)
		}
	}
	return b
}
