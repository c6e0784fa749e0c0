package datadir

import (
	"strings"
	"testing"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/sharedata"
	"github.com/entente/entente/landscape"
	"github.com/entente/entente/reliability"
)

func TestEurope1936AndWorld(t *testing.T) {
	for _, f := range append(Europe1936Files, WorldFiles...) {
		sharedata.Path(t, f)
	}
	d := Dir(sharedata.Root())
	lc, err := d.Europe1936()
	if err != nil {
		t.Fatal(err)
	}
	if len(lc.Names) != 17 || len(lc.Sizes) != 17 || len(lc.Propensities) != 17 {
		t.Errorf("Europe 1936: %d states, want Axelrod and Bennett's 17", len(lc.Names))
	}
	logs, err := d.World()
	if err != nil {
		t.Fatal(err)
	}
	if logs[0].Name != entente.RegistryLog || len(logs) < 700 {
		t.Errorf("world: %d logs, the first %q; want the registry first and every ATOP 5.1 alliance", len(logs), logs[0].Name)
	}
}

// TestEurope1936Factors: the loader reads every factor file and hands the
// landscape package the case its tests pin (4 misplaced against 1939-41).
func TestEurope1936Factors(t *testing.T) {
	for _, f := range Europe1936FactorFiles {
		sharedata.Path(t, f)
	}
	c, f, err := Dir(sharedata.Root()).Europe1936Factors(landscape.FactorOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Names) != 17 || len(f.War) != 17 {
		t.Fatalf("%d states, want 17", len(c.Names))
	}
	res, err := c.Solve("exhaustive", landscape.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a := c.Alignments(res)[0]; len(a.Misplaced) != 4 || len(a.VsPaper) != 2 {
		t.Errorf("lowest minimum: misplaced %v, vs paper %v; want 4 and 2", a.Misplaced, a.VsPaper)
	}
}

// TestReliabilityContiguity: the loader hands the reliability report the
// contiguity rows that apply the location condition (181 of 295 cases
// honoured in 1816-1944, pinned in package reliability).
func TestReliabilityContiguity(t *testing.T) {
	for _, f := range ReliabilityConditionFiles {
		sharedata.Path(t, f)
	}
	d := Dir(sharedata.Root())
	members, wars, _, err := d.ReliabilityInput()
	if err != nil {
		t.Fatal(err)
	}
	ct, err := d.ReliabilityContiguity()
	if err != nil {
		t.Fatal(err)
	}
	cases, err := reliability.CasesWith(members, reliability.WarsFromDyads(wars), reliability.Conditions{Contiguity: ct, Attack: true, Number: true})
	if err != nil {
		t.Fatal(err)
	}
	if e := reliability.Share(cases, 1816, 1944, nil, 1, 10); e.Cases != 295 || e.Honoured != 181 {
		t.Errorf("1816-1944 with conditions applied: %d/%d, want 181/295", e.Honoured, e.Cases)
	}
}

// TestLandscapeCase checks that --europe-1936 reads the 17 states on
// either basis from the data folder, and that a folder without the files
// is an error naming --data.
func TestLandscapeCase(t *testing.T) {
	for _, f := range append(Europe1936Files, Europe1936FactorFiles...) {
		sharedata.Path(t, f)
	}
	f := Flag{Dir: sharedata.Root()}
	for _, basis := range []string{"factors", "alliances"} {
		req := landscape.NewRequest()
		req.Europe1936, req.Basis = true, basis
		lc, err := f.LandscapeCase(req)
		if err != nil {
			t.Fatalf("%s: %v", basis, err)
		}
		if len(lc.Names) != 17 || len(lc.Propensities) != 17 {
			t.Errorf("%s: %d states, want Axelrod and Bennett's 17", basis, len(lc.Names))
		}
	}
	req := landscape.NewRequest()
	req.Europe1936 = true
	empty := Flag{Dir: t.TempDir()}
	if _, err := empty.LandscapeCase(req); err == nil || !strings.Contains(err.Error(), "--data") {
		t.Errorf("a folder without the data: %v, want an error naming --data", err)
	}
}
