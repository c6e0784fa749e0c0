package allnet

import "testing"

func TestHubsStar(t *testing.T) {
	h := star(5).Hubs(HubOptions{})
	if len(h) != 1 {
		t.Fatalf("candidates %+v", h)
	}
	if c := h[0]; c.State != 0 || c.Partners != 4 || c.Hubness != 1 || c.SpokeDensity != 0 || !c.IsHub {
		t.Errorf("%+v", c)
	}
}

func TestHubsCliqueIsNoHub(t *testing.T) {
	// In a 4-clique each partner splits its ties three ways.
	for _, c := range FromEdges(4, clique(0, 1, 2, 3)).Hubs(HubOptions{}) {
		if !near(c.Hubness, 1.0/3, 1e-15) || c.SpokeDensity != 1 || c.IsHub {
			t.Errorf("%+v", c)
		}
	}
	if h := star(3).Hubs(HubOptions{}); len(h) != 0 {
		t.Errorf("two partners make no candidate: %+v", h)
	}
}

func TestHubsWeightedShares(t *testing.T) {
	// Hub 0 with spokes 1, 2, 3. Spoke 1 also has two alliances with 4
	// (share 1/3 to the hub); spoke 2 is tied to spoke 3 once, and has two
	// alliances with the hub (share 2/3); spoke 3: 1/2.
	g := FromEdges(5, [][3]int{{0, 1, 1}, {1, 4, 2}, {0, 2, 2}, {2, 3, 1}, {0, 3, 1}})
	h := g.Hubs(HubOptions{})
	if len(h) != 1 {
		t.Fatalf("%+v", h)
	}
	want := (1.0/3 + 2.0/3 + 1.0/2) / 3
	if c := h[0]; !near(c.Hubness, want, 1e-15) || !near(c.SpokeDensity, 1.0/3, 1e-15) || !c.IsHub {
		t.Errorf("%+v, want hubness %v", c, want)
	}
	if h := g.Hubs(HubOptions{Threshold: 0.6}); h[0].IsHub {
		t.Error("threshold 0.6 not applied")
	}
	if h := g.Hubs(HubOptions{MinPartners: 2}); len(h) != 4 { // states 0, 1, 2, 3
		t.Errorf("MinPartners 2: %+v", h)
	}
}
