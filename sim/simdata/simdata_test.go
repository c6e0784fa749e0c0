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
	n := 0
	for _, a := range w.Actors {
		actors[a.ID] = a
		if a.Entry == 0 {
			n++
		}
	}
	t.Logf("1946: %d states (and %d entering by 1950), %d rivalries, %d contiguous pairs, %d pairs with disputes, %d pacts",
		n, len(w.Actors)-n, len(w.Rivals), len(w.Contiguous), len(w.Disputes), len(w.Pacts))
	if n < 60 || n > 80 {
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

// States entering the system during the run come in their COW entry year
// with their NMC capability then, and states leaving it exit in the last
// year of their spell; none of them is in a pact at the start.
func TestLoadAddsEntrantsAndExits(t *testing.T) {
	w, err := Load(dataDir(t), Options{Year: 1946, Years: 50})
	if err != nil {
		t.Fatal(err)
	}
	actors := map[entente.ActorID]sim.ActorSpec{}
	entrants := 0
	for _, a := range w.Actors {
		actors[a.ID] = a
		if a.Entry > 0 {
			entrants++
			if !(a.Capability > 0) || a.Capability != a.Trajectory[a.Entry] {
				t.Errorf("%s enters in %d with capability %v; expected its NMC value then, %v", a.ID, a.Entry, a.Capability, a.Trajectory[a.Entry])
			}
		}
	}
	t.Logf("1946-1995: %d states, %d of them entering after 1946", len(w.Actors), entrants)
	for _, c := range []struct {
		id          entente.ActorID
		entry, exit int
	}{
		{"ind", 1947, 0}, {"pak", 1947, 0}, {"isr", 1948, 0}, // COW states2016 entry dates
		{"gdr", 1954, 1990}, {"rvn", 1954, 1975}, {"yar", 0, 1990}, {"gmy", 1990, 0}, {"usa", 0, 0},
	} {
		a, ok := actors[c.id]
		if !ok {
			t.Errorf("%s is missing", c.id)
			continue
		}
		if a.Entry != c.entry || a.Exit != c.exit {
			t.Errorf("%s enters %d and exits %d; COW says %d and %d", c.id, a.Entry, a.Exit, c.entry, c.exit)
		}
	}
	// COW counts 66 states in 1946 and 185 in 1995 (system2016).
	if entrants < 100 {
		t.Errorf("%d states enter between 1947 and 1995; COW has over 100", entrants)
	}
	if !has(w.Rivals, sim.MakePair("ind", "pak")) {
		t.Error("no India-Pakistan rivalry: it is in force from their entry (Thompson-Dreyer: 1947-)")
	}
	for _, p := range w.Pacts {
		for _, m := range p.Members {
			if actors[m].Entry > 0 {
				t.Errorf("pact %s has %s, which enters only in %d", p.ID, m, actors[m].Entry)
			}
		}
	}
}
