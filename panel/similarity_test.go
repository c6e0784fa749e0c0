package panel

import (
	"math"
	"testing"

	"github.com/entente/entente/allnet"
	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/dataset/unvotes"
	"github.com/entente/entente/fpsim"
)

func TestAllianceAsymmetry(t *testing.T) {
	p := realPanelT(t)
	ays, err := p.AllianceYears(1950, 1950)
	if err != nil {
		t.Fatal(err)
	}
	var nato *AllianceYear
	for i := range ays {
		ay := &ays[i]
		// One definition: the classification is allnet's on the same
		// capabilities.
		if want := allnet.AllianceAsymmetry(ay.CINC); want.Symmetry != ay.Symmetry || !sameFloat(want.Herfindahl, ay.Herfindahl) {
			t.Errorf("ATOP %d 1950: %s, allnet says %s", ay.ATOPID, ay.Symmetry, want.Symmetry)
		}
		missing := false
		for _, c := range ay.CINC {
			missing = missing || math.IsNaN(c)
		}
		if missing != (ay.Symmetry == allnet.Unknown) {
			t.Errorf("ATOP %d 1950: a missing CINC %v but classified %s", ay.ATOPID, missing, ay.Symmetry)
		}
		if ay.ATOPID == 3180 {
			nato = ay
		}
	}
	if nato == nil {
		t.Fatal("NATO (ATOP 3180) not in force in 1950")
	}
	if len(nato.Members) != 12 || nato.Symmetry != allnet.Asymmetric || !nato.Obligations.Has(atop.Defense) {
		t.Errorf("NATO 1950: %d members, %s, %v", len(nato.Members), nato.Symmetry, nato.Obligations)
	}
	var h, sum float64
	for _, s := range nato.Shares {
		h += s * s
		sum += s
	}
	if math.Abs(h-nato.Herfindahl) > 1e-12 || math.Abs(sum-1) > 1e-12 || nato.StrongestToWeakest < nato.Dominance || nato.Dominance < 2 {
		t.Errorf("NATO 1950: Herfindahl %v (Σs² %v), Σs %v, strongest/weakest %v, dominance %v", nato.Herfindahl, h, sum, nato.StrongestToWeakest, nato.Dominance)
	}
}

func TestPortfolioSimilarity(t *testing.T) {
	p := realPanelT(t)
	yr, _ := p.Year(1950)
	py, err := yr.Portfolio(OwnTies)
	if err != nil {
		t.Fatal(err)
	}
	idx := func(c int) int { i, _ := yr.Index(c); return i }
	usUK := py.Dyad(idx(2), idx(200))
	usUSSR := py.Dyad(idx(2), idx(365))
	if !(usUK.SAbs > usUSSR.SAbs && usUK.TauB > usUSSR.TauB && usUK.KappaAbs > usUSSR.KappaAbs) {
		t.Errorf("1950: US-UK S %v tau %v kappa %v not above US-USSR S %v tau %v kappa %v",
			usUK.SAbs, usUK.TauB, usUK.KappaAbs, usUSSR.SAbs, usUSSR.TauB, usUSSR.KappaAbs)
	}
	// The all-dyads path agrees with the one-dyad function on the rows.
	levels, w, _ := yr.PortfolioLevels(OwnTies)
	n := yr.N()
	one, err := fpsim.ComparePortfolios(levels[idx(2)*n:(idx(2)+1)*n], levels[idx(200)*n:(idx(200)+1)*n], w, fpsim.DefensePact)
	if err != nil {
		t.Fatal(err)
	}
	if !sameFloat(one.SAbs, usUK.SAbs) || !sameFloat(one.TauB, usUK.TauB) || !sameFloat(one.SWSq, usUK.SWSq) {
		t.Errorf("US-UK 1950: Dyad %+v, ComparePortfolios %+v", usUK.PortfolioScores, one)
	}
	// One-sided ties: with OwnTies, the US row ties it to Japan by
	// defense, Japan's row ties it to the US by non-aggression and
	// consultation only (level 2).
	y70, _ := p.Year(1970)
	l70, _, _ := y70.PortfolioLevels(OwnTies)
	us, jp := y70.mustIndex(t, 2), y70.mustIndex(t, 740)
	n70 := y70.N()
	if l70[us*n70+jp] != fpsim.DefensePact || l70[jp*n70+us] != fpsim.Neutrality {
		t.Errorf("1970 own ties: US→Japan %d, Japan→US %d", l70[us*n70+jp], l70[jp*n70+us])
	}
	e70, _, _ := y70.PortfolioLevels(EitherTies)
	if e70[jp*n70+us] != fpsim.DefensePact {
		t.Errorf("1970 either ties: Japan→US %d", e70[jp*n70+us])
	}
}

func (y *Year) mustIndex(t *testing.T, c int) int {
	t.Helper()
	i, ok := y.Index(c)
	if !ok {
		t.Fatalf("%d not in the system in %d", c, y.Year)
	}
	return i
}

func TestVoteSimilarity(t *testing.T) {
	m := votes(t)
	vm, countries, err := VoteYear(m, 1985, nil)
	if err != nil {
		t.Fatal(err)
	}
	index := map[int]int{}
	for i, c := range countries {
		index[c] = i
	}
	usUK := vm.Dyad(index[2], index[200])
	usUSSR := vm.Dyad(index[2], index[365])
	if !(usUK.Agree > 0.5 && usUSSR.Agree < 0.3 && usUK.N > 100) {
		t.Errorf("1985: US-UK agree %v over %d, US-USSR %v", usUK.Agree, usUK.N, usUSSR.Agree)
	}
	// Counted by hand from the matrix.
	us, _ := m.CountryIndex(2)
	uk, _ := m.CountryIndex(200)
	lo, hi := m.YearRange(1985)
	var both, same int
	for r := lo; r < hi; r++ {
		a, b := m.Votes(us)[r], m.Votes(uk)[r]
		if a.Cast() && b.Cast() {
			both++
			if a == b {
				same++
			}
		}
	}
	if int(usUK.N) != both || usUK.Agree != float64(same)/float64(both) {
		t.Errorf("US-UK 1985: N %d agree %v; by hand %d, %v", usUK.N, usUK.Agree, both, float64(same)/float64(both))
	}
	imp, _, err := VoteYear(m, 1985, Important)
	if err != nil {
		t.Fatal(err)
	}
	if imp.Calls() == 0 || imp.Calls() >= vm.Calls() {
		t.Errorf("1985: %d important of %d roll calls", imp.Calls(), vm.Calls())
	}
	hr, _, err := VoteYear(m, 1985, Both(Important, OnIssue(unvotes.HumanRights)))
	if err != nil || hr.Calls() > imp.Calls() {
		t.Errorf("1985 important human-rights votes: %d (of %d important), %v", hr.Calls(), imp.Calls(), err)
	}
	if none, cs, _ := VoteYear(m, 1964, nil); none.Calls() != 0 || len(cs) != 0 {
		t.Errorf("1964 (no recorded votes): %d calls, %d countries", none.Calls(), len(cs))
	}
}

func TestNetworkInput(t *testing.T) {
	p := realPanelT(t)
	ny, ok := p.Network(1950)
	if !ok {
		t.Fatal("no 1950 network")
	}
	if err := ny.Validate(); err != nil {
		t.Fatal(err)
	}
	g, err := allnet.Build(ny, allnet.Defense)
	if err != nil {
		t.Fatal(err)
	}
	yr, _ := p.Year(1950)
	us, uk := yr.mustIndex(t, 2), yr.mustIndex(t, 200)
	// NATO alone ties the US to its eleven partners; the Rio Pact adds
	// the Americas.
	if g.Weight(us, uk) < 1 || g.Degree(us) < 31 {
		t.Errorf("1950 defense network: US-UK weight %d, US degree %d", g.Weight(us, uk), g.Degree(us))
	}
	if _, ok := p.Network(1700); ok {
		t.Error("a network outside the panel")
	}
}
