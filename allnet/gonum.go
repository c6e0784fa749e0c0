package allnet

import (
	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/iterator"
	"gonum.org/v1/gonum/graph/simple"
)

// Graph returns a read-only gonum view of g: node IDs are the dense state
// indexes and edge weights the alliance counts. Unlike gonum's map-backed
// simple graphs, its iteration order is fixed (ascending IDs), so
// order-sensitive gonum algorithms such as Louvain give the same answer on
// every run for the same seed.
func (g *Network) Graph() graph.WeightedUndirected { return gonumView{g} }

// gonumView adapts a Network to gonum's graph interfaces.
type gonumView struct{ g *Network }

func (v gonumView) has(id int64) bool { return id >= 0 && id < int64(v.g.N()) }

// Node returns the node with the given ID, or nil if there is none.
func (v gonumView) Node(id int64) graph.Node {
	if !v.has(id) {
		return nil
	}
	return simple.Node(id)
}

// Nodes returns all nodes in ascending ID order.
func (v gonumView) Nodes() graph.Nodes {
	nodes := make([]graph.Node, v.g.N())
	for i := range nodes {
		nodes[i] = simple.Node(i)
	}
	return iterator.NewOrderedNodes(nodes)
}

// From returns the neighbours of id in ascending ID order.
func (v gonumView) From(id int64) graph.Nodes {
	if !v.has(id) {
		return graph.Empty
	}
	row := v.g.nbr[v.g.start[id]:v.g.start[id+1]]
	nodes := make([]graph.Node, len(row))
	for k, w := range row {
		nodes[k] = simple.Node(w)
	}
	return iterator.NewOrderedNodes(nodes)
}

// HasEdgeBetween reports whether x and y are tied.
func (v gonumView) HasEdgeBetween(xid, yid int64) bool {
	_, ok := v.Weight(xid, yid)
	return ok && xid != yid
}

// Edge returns the edge from u to v, or nil.
func (v gonumView) Edge(uid, vid int64) graph.Edge { return v.WeightedEdge(uid, vid) }

// EdgeBetween returns the edge between x and y, or nil.
func (v gonumView) EdgeBetween(xid, yid int64) graph.Edge { return v.WeightedEdge(xid, yid) }

// WeightedEdgeBetween returns the weighted edge between x and y, or nil.
func (v gonumView) WeightedEdgeBetween(xid, yid int64) graph.WeightedEdge {
	return v.WeightedEdge(xid, yid)
}

// WeightedEdge returns the weighted edge from u to v, or nil.
func (v gonumView) WeightedEdge(uid, vid int64) graph.WeightedEdge {
	if uid == vid || !v.has(uid) || !v.has(vid) {
		return nil
	}
	w := v.g.Weight(int(uid), int(vid))
	if w == 0 {
		return nil
	}
	return simple.WeightedEdge{F: simple.Node(uid), T: simple.Node(vid), W: float64(w)}
}

// Weight returns the alliance count between x and y; a node's weight to
// itself is 0 (no self-ties), and ok is false when they are not tied.
func (v gonumView) Weight(xid, yid int64) (w float64, ok bool) {
	if !v.has(xid) || !v.has(yid) {
		return 0, false
	}
	if xid == yid {
		return 0, true
	}
	c := v.g.Weight(int(xid), int(yid))
	return float64(c), c > 0
}

var _ graph.WeightedUndirected = gonumView{}
