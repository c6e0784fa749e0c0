package datadir

import (
	"testing"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/sharedata"
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
