package landscape

import (
	"math"
	"slices"
	"testing"

	"github.com/entente/entente/dataset/atopindex"
	"github.com/entente/entente/dataset/nmc"
	"github.com/entente/entente/dataset/peacesciencer"
	"github.com/entente/entente/internal/sharedata"
)

// TestEurope1936Factors pins the Europe 1936 landscape built from Axelrod
// and Bennett's factors as the data hold them (regime, border conflicts,
// past wars; no ethnicity or religion) on 31 December 1936. Published
// (Axelrod and Bennett 1993, table 2 and text): the 1936 prediction puts
// every state on its 1939-41 side except Poland and Portugal. Reproduced:
// one minimum holding all 65,536 alignments with 7 states misplaced
// against the war (USSR, Yugoslavia, Greece, Poland, Portugal, Romania,
// Finland) and 5 differences from the paper's prediction; Germany, Italy
// and Hungary, misplaced by the alliance-portfolio landscape, are placed
// right. Energy pinned to 1e-6.
func TestEurope1936Factors(t *testing.T) {
	recs, err := nmc.Load(sharedata.Path(t, sharedata.NMC6), nmc.V6)
	if err != nil {
		t.Fatal(err)
	}
	var fd FactorData
	if fd.Democracy, err = peacesciencer.LoadDemocracy(sharedata.Path(t, "peacesciencer/ccode_democracy.csv")); err != nil {
		t.Fatal(err)
	}
	if fd.Contiguity, err = peacesciencer.LoadContiguity(sharedata.Path(t, "peacesciencer/cow_contdir.csv")); err != nil {
		t.Fatal(err)
	}
	if fd.MIDs, err = peacesciencer.LoadMIDs(sharedata.Path(t, "peacesciencer/cow_mid_ddydisps.csv")); err != nil {
		t.Fatal(err)
	}
	if fd.Wars, err = peacesciencer.LoadWars(sharedata.Path(t, "peacesciencer/cow_war_inter.csv")); err != nil {
		t.Fatal(err)
	}
	c, f, err := Europe1936Factors(recs, fd, atopindex.YearEnd(EuropeYear))
	if err != nil {
		t.Fatal(err)
	}
	for i, n := range c.Names {
		t.Logf("%-15s regime %v border %v war %v", n, f.Regime[i], f.Border[i], f.War[i])
	}
	// Known factor values: Britain and France both democracies; Germany
	// fought Britain (1914-18); Poland and the USSR bordered each other
	// with MIDs after 1919 and fought in 1919-20.
	uk, fra, ussr, pol, gmy := 0, 1, 2, 7, 9
	if f.Regime[uk][fra] != 1 || f.War[uk][gmy] != -1 || f.Border[pol][ussr] != -1 || f.War[pol][ussr] != -1 || f.Regime[uk][gmy] != -1 {
		t.Errorf("factors: regime UK-France %v, war UK-Germany %v, border and war Poland-USSR %v %v, regime UK-Germany %v",
			f.Regime[uk][fra], f.War[uk][gmy], f.Border[pol][ussr], f.War[pol][ussr], f.Regime[uk][gmy])
	}
	for i := range c.Propensities {
		for j := range c.Propensities {
			if c.Propensities[i][j] != c.Propensities[j][i] || (i == j && c.Propensities[i][i] != 0) {
				t.Fatalf("propensities not symmetric with a zero diagonal at %d, %d", i, j)
			}
		}
	}
	res, err := c.Solve("auto", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Minima) != 1 || res.Minima[0].Basin != 1<<16 {
		t.Fatalf("want one minimum holding all 65536 alignments, got %+v", res.Minima)
	}
	a := c.Alignments(res)[0]
	t.Logf("energy %v, bloc B %v, misplaced %v, vs paper %v", a.Energy, a.BlocB, a.Misplaced, a.VsPaper)
	if want := -0.620723; math.Abs(a.Energy-want) > 1e-6 {
		t.Errorf("energy %v, want %v", a.Energy, want)
	}
	if want := []string{"USSR", "Yugoslavia", "Greece", "Poland", "Portugal", "Romania", "Finland"}; !slices.Equal(a.Misplaced, want) {
		t.Errorf("misplaced %v, want %v", a.Misplaced, want)
	}
	if want := []string{"USSR", "Yugoslavia", "Greece", "Romania", "Finland"}; !slices.Equal(a.VsPaper, want) {
		t.Errorf("differences from the paper %v, want %v", a.VsPaper, want)
	}
}
