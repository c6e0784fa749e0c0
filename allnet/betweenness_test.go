package allnet

import (
	"testing"

	"gonum.org/v1/gonum/graph/network"
	"pgregory.net/rapid"
)

func TestBetweennessStar(t *testing.T) {
	b := star(6).Betweenness()
	if b[0] != 1 {
		t.Errorf("centre %v, want 1", b[0])
	}
	for i, v := range b[1:] {
		if v != 0 {
			t.Errorf("spoke %d: %v, want 0", i+1, v)
		}
	}
}

func TestBetweennessPath(t *testing.T) {
	// 0-1-2-3: state 1 lies between 0 and 2 and between 0 and 3, two of
	// the three pairs not involving it.
	b := path(4).Betweenness()
	want := []float64{0, 2.0 / 3, 2.0 / 3, 0}
	for i := range want {
		if !near(b[i], want[i], 1e-15) {
			t.Errorf("b[%d] = %v, want %v", i, b[i], want[i])
		}
	}
}

// TestBetweennessMatchesGonum checks the flat Brandes against gonum's
// network.Betweenness, whose undirected sums run over ordered pairs.
func TestBetweennessMatchesGonum(t *testing.T) {
	check := func(t interface {
		Fatalf(string, ...any)
	}, g *Network) {
		ours := g.Betweenness()
		theirs := network.Betweenness(g.Graph())
		n := float64(g.N())
		for i, v := range ours {
			if w := theirs[int64(i)] / ((n - 1) * (n - 2)); !near(v, w, 1e-12) {
				t.Fatalf("state %d: %v, gonum %v", i, v, w)
			}
		}
	}
	y := synthYear(1, 1990, 200, 400)
	check(t, mustBuild(t, &y, Any))
	rapid.Check(t, func(rt *rapid.T) {
		check(rt, randomGraph(rt, false))
	})
}

// randomGraph draws a random network with 3..30 states; if connected, a
// random spanning tree is added first.
func randomGraph(t *rapid.T, connected bool) *Network {
	n := rapid.IntRange(3, 30).Draw(t, "n")
	var e [][3]int
	if connected {
		for i := 1; i < n; i++ {
			e = append(e, [3]int{rapid.IntRange(0, i-1).Draw(t, "parent"), i, rapid.IntRange(1, 3).Draw(t, "w")})
		}
	}
	extra := rapid.IntRange(0, 2*n).Draw(t, "extra")
	for range extra {
		a, b := rapid.IntRange(0, n-1).Draw(t, "a"), rapid.IntRange(0, n-1).Draw(t, "b")
		if a != b {
			e = append(e, [3]int{a, b, rapid.IntRange(1, 3).Draw(t, "w")})
		}
	}
	return FromEdges(n, e)
}
