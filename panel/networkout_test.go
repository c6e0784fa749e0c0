package panel

import (
	"math"
	"testing"

	"github.com/entente/entente/allnet"
)

// A summary line and CSV row print missing figures as "-" and empty.
func TestNetworkSummaryText(t *testing.T) {
	q := 0.5
	s := NetworkSummary{Year: 1950, Type: "any", States: 3, Ties: 2, WeightedTies: 4, Density: 2.0 / 3, Components: 1,
		LargestComponent: 3, Blocs: 1, Modularity: &q, Hubs: []string{}}
	if got, want := s.Line(), "1950 any: 3 states, 2 ties (4 alliance ties), density 0.6667, 1 components (0 isolates, largest 3), 1 blocs (Q 0.500), effective poles -, hubs: none"; got != want {
		t.Errorf("Line:\n got %s\nwant %s", got, want)
	}
	if got, want := s.CSV(), "1950,any,3,2,4,0.6666666666666666,1,0,3,1,0.5,,,\n"; got != want {
		t.Errorf("CSV: got %q, want %q", got, want)
	}
}

func TestAppendAllianceYear(t *testing.T) {
	ay := AllianceYear{Year: 1950, ATOPID: 3180, Members: []int{2, 20}, Asymmetry: allnet.Asymmetry{LargestShare: 0.9,
		Herfindahl: math.NaN(), StrongestToWeakest: 9, Dominance: 1, Symmetry: "asymmetric", Missing: 1}}
	got := string(AppendAllianceYear(nil, &ay))
	if want := "1950,3180,2,2;20,none,0.9,,9,1,asymmetric,1\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestAnalyzeNetwork checks a year's analysed network against the 1950
// defense ties (NATO and the Rio Pact give the US more than 30 partners)
// and that the states come by degree and agree with the summary.
func TestAnalyzeNetwork(t *testing.T) {
	p := realPanelT(t)
	req := NewNetworkRequest()
	req.Year = 1950
	opt, err := req.Options([2]int{1816, 2016})
	if err != nil {
		t.Fatal(err)
	}
	n, err := p.AnalyzeNetwork(1950, opt)
	if err != nil {
		t.Fatal(err)
	}
	if n.Summary.Year != 1950 || n.Summary.States != len(n.States) || len(n.States) < 70 {
		t.Fatalf("1950: summary of year %d with %d states, %d state rows", n.Summary.Year, n.Summary.States, len(n.States))
	}
	for i := 1; i < len(n.States); i++ {
		if n.States[i].Degree > n.States[i-1].Degree {
			t.Fatalf("state %d (%s, degree %d) after one of degree %d", i, n.States[i].Abb, n.States[i].Degree, n.States[i-1].Degree)
		}
	}
	if us := n.States[0]; us.CCode != 2 || us.Degree < 31 {
		t.Errorf("1950: first state %s with degree %d, want the US with more than 30", us.Abb, us.Degree)
	}
	if _, err := p.AnalyzeNetwork(1700, opt); err == nil {
		t.Error("1700: analysed a year outside the panel")
	}
}
