package simdata

import (
	"testing"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/sharedata"
	"github.com/entente/entente/sim"
)

func dataDir(t *testing.T) string {
	t.Helper()
	for _, f := range Files {
		sharedata.Path(t, f) // fails in CI, skips elsewhere, when missing
	}
	return sharedata.Root()
}

func TestLoad1946(t *testing.T) {
	w, err := Load(dataDir(t), Options{Year: 1946, Years: 5})
	if err != nil {
		t.Fatal(err)
	}
	actors := map[entente.ActorID]sim.ActorSpec{}
	for _, a := range w.Actors {
		actors[a.ID] = a
	}
	t.Logf("1946: %d states, %d rivalries, %d contiguous pairs, %d pairs with disputes, %d pacts",
		len(w.Actors), len(w.Rivals), len(w.Contiguous), len(w.Disputes), len(w.Pacts))
	if n := len(w.Actors); n < 60 || n > 80 {
		t.Errorf("%d states in 1946; the COW system has about 70", n)
	}
	usa, rus := actors["usa"], actors["rus"]
	if !(usa.Capability > 200 && rus.Capability > 100 && usa.Capability > rus.Capability) {
		t.Errorf("CINC×1000 in 1946: USA %v, USSR %v; expected the USA first (NMC: about 0.3 and 0.2)", usa.Capability, rus.Capability)
	}
	if len(usa.Trajectory) != 5 {
		t.Errorf("USA trajectory has %d years, want 5", len(usa.Trajectory))
	}
	if !has(w.Rivals, sim.MakePair("usa", "rus")) {
		t.Error("no US-Soviet rivalry in 1946 (Thompson-Dreyer: 1945-1989)")
	}
	if !has(w.Contiguous, sim.MakePair("usa", "can")) {
		t.Error("the USA and Canada are not contiguous")
	}
	if !inOnePact(w.Pacts, "rus", "pol") {
		t.Error("no pact with the USSR and Poland in 1946 (their 1945 treaty of friendship and mutual assistance)")
	}
}

func TestLoadRefusesAMissingFolder(t *testing.T) {
	if _, err := Load(t.TempDir(), Options{Year: 1946, Years: 1}); err == nil {
		t.Error("expected an error for a folder without the data")
	}
}

func has(ps []sim.Pair, p sim.Pair) bool {
	for _, x := range ps {
		if x == p {
			return true
		}
	}
	return false
}

func inOnePact(ps []sim.PactSpec, a, b entente.ActorID) bool {
	for _, p := range ps {
		if contains(p.Members, a) && contains(p.Members, b) {
			return true
		}
	}
	return false
}
