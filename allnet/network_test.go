package allnet

import (
	"math"
	"slices"
	"testing"

	"pgregory.net/rapid"
)

func TestObligationRoundTrip(t *testing.T) {
	for _, s := range []string{"defense", "defense|offense", "neutrality|consultation", "any", "nonaggression"} {
		o, err := ParseObligation(s)
		if err != nil {
			t.Fatal(err)
		}
		if o.String() != s {
			t.Errorf("ParseObligation(%q).String() = %q", s, o.String())
		}
	}
	if o, _ := ParseObligation("Defense | nonagg|consul"); o != Defense|NonAggression|Consultation {
		t.Errorf("ATOP column aliases: got %s", o)
	}
	if _, err := ParseObligation("defence"); err == nil {
		t.Error("misspelt type accepted")
	}
	if Obligation(0).String() != "none" {
		t.Error("empty mask")
	}
}

func TestBuildCountsAlliancesPerDyad(t *testing.T) {
	y := Year{Year: 1914, States: make([]State, 4), Ties: []Tie{
		{A: 0, B: 1, Alliance: 10, Obligations: Defense},
		{A: 1, B: 0, Alliance: 10, Obligations: Consultation}, // same alliance, second phase: merged
		{A: 0, B: 1, Alliance: 11, Obligations: Neutrality},   // another alliance: counted
		{A: 0, B: 1, Obligations: Defense},                    // unidentified: counted
		{A: 0, B: 1, Obligations: Defense},                    // unidentified: counted again
		{A: 2, B: 1, Alliance: 12, Obligations: Offense},
	}}
	cases := []struct {
		mask Obligation
		w01  int
		w12  int
	}{
		{Any, 4, 1},
		{Defense, 3, 0},
		{Consultation, 1, 0},
		{Defense | Offense, 3, 1},
		{Neutrality, 1, 0},
		{NonAggression, 0, 0},
	}
	for _, c := range cases {
		g := mustBuild(t, &y, c.mask)
		if g.Weight(0, 1) != c.w01 || g.Weight(1, 0) != c.w01 || g.Weight(1, 2) != c.w12 {
			t.Errorf("%s: weights (0,1)=%d (1,2)=%d, want %d %d", c.mask, g.Weight(0, 1), g.Weight(1, 2), c.w01, c.w12)
		}
	}
	g := mustBuild(t, &y, Any)
	if g.Degree(1) != 2 || g.WeightedDegree(1) != 5 || g.Degree(3) != 0 {
		t.Errorf("degrees %v weighted %v", g.Degrees(), g.WeightedDegrees())
	}
	if got := g.Isolates(); !slices.Equal(got, []int{3}) {
		t.Errorf("isolates %v", got)
	}
}

func TestBuildRejects(t *testing.T) {
	bad := []Year{
		{States: make([]State, 2), Ties: []Tie{{A: 0, B: 2}}},
		{States: make([]State, 2), Ties: []Tie{{A: 1, B: 1}}},
		{States: []State{{Capability: -1}}},
		{States: []State{{Capability: math.Inf(1)}}},
	}
	for i, y := range bad {
		if _, err := Build(&y, Any); err == nil {
			t.Errorf("case %d accepted", i)
		}
	}
	ok := Year{States: []State{{Capability: math.NaN()}, {}}}
	if _, err := Build(&ok, 0); err == nil {
		t.Error("empty mask accepted")
	}
	if _, err := Build(&ok, Defense); err != nil {
		t.Errorf("NaN capability rejected: %v", err)
	}
}

func TestRowsSorted(t *testing.T) {
	for seed := range uint64(5) {
		y := synthYear(seed, 2000, 120, 400)
		g := mustBuild(t, &y, Any)
		ties := 0
		for i := range g.N() {
			row := g.Neighbors(i)
			if !slices.IsSorted(row) {
				t.Fatalf("row %d unsorted: %v", i, row)
			}
			for _, j := range row {
				if g.Weight(j, i) != g.Weight(i, j) || g.Weight(i, j) <= 0 {
					t.Fatalf("asymmetric weight %d-%d", i, j)
				}
			}
			ties += len(row)
		}
		if ties != 2*g.NumTies() {
			t.Fatal("edge count")
		}
	}
}

func TestTriangle(t *testing.T) {
	g := FromEdges(3, clique(0, 1, 2))
	if d := g.Density(); d != 1 {
		t.Errorf("density %v", d)
	}
	if c := g.Components(); len(c) != 1 {
		t.Errorf("components %v", c)
	}
	if h := g.Hubs(HubOptions{}); len(h) != 0 {
		t.Errorf("triangle has hub candidates %v", h)
	}
	for i, b := range g.Betweenness() {
		if b != 0 {
			t.Errorf("betweenness[%d] = %v", i, b)
		}
	}
}

func TestPathAndComponents(t *testing.T) {
	g := path(4)
	if d := g.Density(); !near(d, 0.5, 1e-15) {
		t.Errorf("path density %v, want 3/6", d)
	}
	e := append(clique(0, 1, 2), clique(4, 5)...)
	g = FromEdges(7, e)
	want := [][]int{{0, 1, 2}, {3}, {4, 5}, {6}}
	if got := g.Components(); !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("components %v, want %v", got, want)
	}
	if got := g.Isolates(); !slices.Equal(got, []int{3, 6}) {
		t.Errorf("isolates %v", got)
	}
	if !math.IsNaN(FromEdges(1, nil).Density()) {
		t.Error("density of one state should be NaN")
	}
}

func TestClique(t *testing.T) {
	ties := Clique([]int{3, 1, 3, 2}, 7, Defense)
	if len(ties) != 3 {
		t.Fatalf("%v", ties)
	}
	for _, tie := range ties {
		if tie.Alliance != 7 || tie.Obligations != Defense || tie.A == tie.B {
			t.Errorf("%+v", tie)
		}
	}
}

func TestUnweighted(t *testing.T) {
	g := FromEdges(3, [][3]int{{0, 1, 3}, {1, 2, 1}})
	u := g.Unweighted()
	if u.Weight(0, 1) != 1 || g.Weight(0, 1) != 3 || u.WeightedDegree(1) != 2 {
		t.Error("Unweighted")
	}
}

// TestBuildMatchesNaiveCount checks Build's weights against a direct
// count: for each dyad, the distinct selected alliances (ties with
// Alliance 0 each count), with obligations merged per alliance first.
func TestBuildMatchesNaiveCount(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		n := rapid.IntRange(2, 8).Draw(rt, "n")
		y := Year{States: make([]State, n)}
		for range rapid.IntRange(0, 40).Draw(rt, "ties") {
			a, b := rapid.IntRange(0, n-1).Draw(rt, "a"), rapid.IntRange(0, n-1).Draw(rt, "b")
			if a == b {
				continue
			}
			y.Ties = append(y.Ties, Tie{A: a, B: b,
				Alliance:    rapid.IntRange(0, 4).Draw(rt, "alliance"),
				Obligations: Obligation(rapid.IntRange(0, int(Any)).Draw(rt, "obl"))})
		}
		mask := Obligation(rapid.IntRange(1, int(Any)).Draw(rt, "mask"))
		g, err := Build(&y, mask)
		if err != nil {
			rt.Fatal(err)
		}
		type key struct{ lo, hi, alliance int }
		merged := map[key]Obligation{}
		want := map[[2]int]int{}
		for _, tie := range y.Ties {
			lo, hi := min(tie.A, tie.B), max(tie.A, tie.B)
			if tie.Alliance == 0 {
				if tie.Obligations&mask != 0 {
					want[[2]int{lo, hi}]++
				}
				continue
			}
			merged[key{lo, hi, tie.Alliance}] |= tie.Obligations
		}
		for k, o := range merged {
			if o&mask != 0 {
				want[[2]int{k.lo, k.hi}]++
			}
		}
		for i := range n {
			for j := range n {
				lo, hi := min(i, j), max(i, j)
				if w := want[[2]int{lo, hi}]; i != j && g.Weight(i, j) != w {
					rt.Fatalf("weight(%d,%d) = %d, want %d", i, j, g.Weight(i, j), w)
				}
			}
		}
	})
}
