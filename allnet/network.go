package allnet

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// Network is the undirected alliance network of one year for one
// obligation mask. Nodes are the dense state indexes 0..N()-1; an edge joins
// two states sharing at least one alliance whose obligations intersect the
// mask, weighted by the number of such alliances. A Network is immutable
// and safe for concurrent use.
type Network struct {
	mask Obligation
	// Compressed adjacency: the neighbours of i are nbr[start[i]:start[i+1]],
	// in ascending order, with the matching weights in wt. Sorted rows make
	// every traversal, and hence every floating-point sum, deterministic.
	start []int
	nbr   []int
	wt    []int
}

// dyadTie is a tie with its endpoints ordered, for sorting and merging.
type dyadTie struct {
	lo, hi, alliance int
	o                Obligation
}

// Build returns the network of y's ties whose obligations intersect mask
// (a tie counts if it carries at least one of the selected types; use Any
// for all alliances). It fails if y does not validate or mask is empty.
func Build(y *Year, mask Obligation) (*Network, error) {
	if err := y.Validate(); err != nil {
		return nil, err
	}
	if mask&Any == 0 {
		return nil, errEmptyMask(mask)
	}
	dyads := countDyads(mergeTies(y.Ties), mask)
	return fromDyads(len(y.States), mask, dyads), nil
}

// errEmptyMask reports a mask that selects no obligation type.
func errEmptyMask(m Obligation) error {
	return fmt.Errorf("allnet: obligation mask %s selects no type; use Any for all alliances", m)
}

// mergeTies orders each tie's endpoints and merges the ties of one dyad
// that carry the same non-zero alliance id, taking the union of their
// obligations. The result is sorted by dyad.
func mergeTies(ties []Tie) []dyadTie {
	dt := make([]dyadTie, len(ties))
	for i, t := range ties {
		lo, hi := min(t.A, t.B), max(t.A, t.B)
		dt[i] = dyadTie{lo, hi, t.Alliance, t.Obligations}
	}
	slices.SortFunc(dt, func(a, b dyadTie) int {
		return cmp.Or(cmp.Compare(a.lo, b.lo), cmp.Compare(a.hi, b.hi), cmp.Compare(a.alliance, b.alliance))
	})
	out := dt[:0]
	for _, t := range dt {
		if k := len(out) - 1; k >= 0 && t.alliance != 0 && out[k].lo == t.lo && out[k].hi == t.hi && out[k].alliance == t.alliance {
			out[k].o |= t.o
			continue
		}
		out = append(out, t)
	}
	return out
}

// dyad is an edge of the network: two ordered endpoints and a weight.
type dyad struct{ lo, hi, w int }

// countDyads counts, for each dyad, the merged ties selected by mask. The
// input is sorted by dyad, so equal dyads are adjacent.
func countDyads(ties []dyadTie, mask Obligation) []dyad {
	var out []dyad
	for _, t := range ties {
		if t.o&mask == 0 {
			continue
		}
		if k := len(out) - 1; k >= 0 && out[k].lo == t.lo && out[k].hi == t.hi {
			out[k].w++
			continue
		}
		out = append(out, dyad{t.lo, t.hi, 1})
	}
	return out
}

// fromDyads builds the compressed adjacency of n nodes from distinct dyads
// sorted by (lo, hi). Rows come out sorted: for node i the neighbours below
// i are appended first (they are visited in order of lo) and those above in
// order of hi.
func fromDyads(n int, mask Obligation, dyads []dyad) *Network {
	g := &Network{mask: mask, start: make([]int, n+1)}
	for _, d := range dyads {
		g.start[d.lo+1]++
		g.start[d.hi+1]++
	}
	for i := range n {
		g.start[i+1] += g.start[i]
	}
	g.nbr = make([]int, 2*len(dyads))
	g.wt = make([]int, 2*len(dyads))
	fill := slices.Clone(g.start[:n])
	// Two passes keep rows sorted without a sort: first every node's lower
	// neighbours (as hi, in increasing lo), then its higher ones.
	for _, d := range dyads {
		g.nbr[fill[d.hi]], g.wt[fill[d.hi]] = d.lo, d.w
		fill[d.hi]++
	}
	for _, d := range dyads {
		g.nbr[fill[d.lo]], g.wt[fill[d.lo]] = d.hi, d.w
		fill[d.lo]++
	}
	return g
}

// FromEdges builds a network over n nodes directly from weighted edges
// {i, j, w}, for tests and for callers with their own tie counting. Edges
// with w <= 0 are skipped, repeated dyads add their weights, and the mask
// is recorded as Any. It panics on a self-loop or an index out of range.
func FromEdges(n int, edges [][3]int) *Network {
	ds := make([]dyad, 0, len(edges))
	for _, e := range edges {
		if e[0] < 0 || e[0] >= n || e[1] < 0 || e[1] >= n || e[0] == e[1] {
			panic("allnet: FromEdges: bad edge")
		}
		if e[2] > 0 {
			ds = append(ds, dyad{min(e[0], e[1]), max(e[0], e[1]), e[2]})
		}
	}
	slices.SortFunc(ds, func(a, b dyad) int { return cmp.Or(cmp.Compare(a.lo, b.lo), cmp.Compare(a.hi, b.hi)) })
	out := ds[:0]
	for _, d := range ds {
		if k := len(out) - 1; k >= 0 && out[k].lo == d.lo && out[k].hi == d.hi {
			out[k].w += d.w
			continue
		}
		out = append(out, d)
	}
	return fromDyads(n, Any, out)
}

// Unweighted returns a copy of g in which every edge has weight 1, for
// measures that should count tied dyads rather than alliances.
func (g *Network) Unweighted() *Network {
	u := &Network{mask: g.mask, start: g.start, nbr: g.nbr, wt: make([]int, len(g.wt))}
	for i := range u.wt {
		u.wt[i] = 1
	}
	return u
}

// N is the number of states (nodes), tied or not.
func (g *Network) N() int { return len(g.start) - 1 }

// Mask is the obligation mask the network was built with.
func (g *Network) Mask() Obligation { return g.mask }

// NumTies is the number of tied dyads (edges).
func (g *Network) NumTies() int { return len(g.nbr) / 2 }

// Neighbors returns i's partners in ascending order (a fresh slice).
func (g *Network) Neighbors(i int) []int {
	return slices.Clone(g.nbr[g.start[i]:g.start[i+1]])
}

// Weight is the number of selected alliances i and j share (0 if none).
func (g *Network) Weight(i, j int) int {
	row := g.nbr[g.start[i]:g.start[i+1]]
	if k, ok := slices.BinarySearch(row, j); ok {
		return g.wt[g.start[i]+k]
	}
	return 0
}

// Degree is the number of i's partners.
func (g *Network) Degree(i int) int { return g.start[i+1] - g.start[i] }

// WeightedDegree is the number of i's alliance ties counted with
// multiplicity: the sum of its edge weights.
func (g *Network) WeightedDegree(i int) int {
	s := 0
	for _, w := range g.wt[g.start[i]:g.start[i+1]] {
		s += w
	}
	return s
}

// Degrees returns every node's degree.
func (g *Network) Degrees() []int {
	d := make([]int, g.N())
	for i := range d {
		d[i] = g.Degree(i)
	}
	return d
}

// WeightedDegrees returns every node's weighted degree.
func (g *Network) WeightedDegrees() []int {
	d := make([]int, g.N())
	for i := range d {
		d[i] = g.WeightedDegree(i)
	}
	return d
}

// Density is the share of possible dyads that are tied:
// ties / (n(n-1)/2). It is NaN for fewer than two states, where no dyad
// exists.
func (g *Network) Density() float64 {
	n := g.N()
	if n < 2 {
		return math.NaN()
	}
	return float64(g.NumTies()) / (float64(n) * float64(n-1) / 2)
}

// Components returns the connected components, isolates included as
// singletons. Each component is sorted ascending and components are
// ordered by their smallest member.
func (g *Network) Components() [][]int {
	n := g.N()
	comp := make([]int, n)
	for i := range comp {
		comp[i] = -1
	}
	var out [][]int
	queue := make([]int, 0, n)
	for s := range n {
		if comp[s] >= 0 {
			continue
		}
		c := len(out)
		comp[s] = c
		queue = append(queue[:0], s)
		for h := 0; h < len(queue); h++ {
			v := queue[h]
			for _, w := range g.nbr[g.start[v]:g.start[v+1]] {
				if comp[w] < 0 {
					comp[w] = c
					queue = append(queue, w)
				}
			}
		}
		members := slices.Clone(queue)
		slices.Sort(members)
		out = append(out, members)
	}
	return out
}

// Isolates returns the states without any tie, ascending.
func (g *Network) Isolates() []int {
	var out []int
	for i := range g.N() {
		if g.Degree(i) == 0 {
			out = append(out, i)
		}
	}
	return out
}
