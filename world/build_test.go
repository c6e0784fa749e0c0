package world_test

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/entente/entente"
	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/dataset/cowstate"
	"github.com/entente/entente/dataset/nmc"
	"github.com/entente/entente/internal/sharedata"
	"github.com/entente/entente/world"
)

func TestLatestCapabilities(t *testing.T) {
	nan := math.NaN()
	recs := []nmc.Record{
		{CCode: 2, Year: 2015, MilEx: 1, MilPer: 1, IrSt: 1, PEC: 1, TPop: 1, UPop: 1, CINC: 0.1},
		{CCode: 2, Year: 2016, MilEx: 600, MilPer: nan, IrSt: 80, PEC: 2000, TPop: 320, UPop: -9, CINC: 0.14},
		{CCode: 20, Year: 1990, MilEx: nan, MilPer: nan, IrSt: nan, PEC: nan, TPop: nan, UPop: nan, CINC: nan},
	}
	want := map[int]map[string]float64{
		2:  {"milex": 600, "irst": 80, "pec": 2000, "tpop": 320, "cinc": 0.14, "nmc_year": 2016},
		20: {"nmc_year": 1990},
	}
	if diff := cmp.Diff(want, world.LatestCapabilities(recs)); diff != "" {
		t.Errorf("LatestCapabilities (-want +got):\n%s", diff)
	}
}

func TestActorsNamePolitiesOutsideTheSystem(t *testing.T) {
	states := []cowstate.State{{Abb: "USA", CCode: 2, Name: "United States of America"}}
	members := []atop.Member{{Member: 2}, {Member: 1001}, {Member: 1001}}
	actors, id := world.Actors(states, []nmc.Record{{CCode: 2, Year: 2016, CINC: 0.14}}, members)
	if len(actors) != 2 || actors[0].ID != "cow-1001" || actors[1].ID != "usa" {
		t.Fatalf("actors %+v, want cow-1001 and usa", actors)
	}
	if actors[1].Capabilities["cinc"] != 0.14 || actors[0].Codes["cow"] != "1001" || actors[0].Kind != entente.State {
		t.Errorf("actors %+v", actors)
	}
	if id(2) != "usa" || id(1001) != "cow-1001" {
		t.Errorf("id(2) = %s, id(1001) = %s", id(2), id(1001))
	}
}

// TestBuildOnRealData checks the counts of the whole world: 217 COW states
// and one ATOP member outside the system as actors, one log per ATOP 5.1
// alliance (789) after the registry.
func TestBuildOnRealData(t *testing.T) {
	states, err := cowstate.LoadStates(sharedata.Path(t, sharedata.States))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := nmc.Load(sharedata.Path(t, sharedata.NMC6), nmc.V6)
	if err != nil {
		t.Fatal(err)
	}
	alliances, err := atop.LoadAlliances(sharedata.Path(t, sharedata.Alliances))
	if err != nil {
		t.Fatal(err)
	}
	members, err := atop.LoadMembers(sharedata.Path(t, sharedata.Members))
	if err != nil {
		t.Fatal(err)
	}
	logs, err := world.Build(states, recs, alliances, members)
	if err != nil {
		t.Fatal(err)
	}
	if len(logs) != 1+789 || logs[0].Name != entente.RegistryLog || logs[1].Name != string(world.PactID(alliances[0].ATOPID)) {
		t.Fatalf("%d logs, first %q, second %q; want the registry then 789 alliances", len(logs), logs[0].Name, logs[1].Name)
	}
	if n := len(logs[0].Events); n != 218 {
		t.Errorf("%d actors, want the 217 COW states and the one ATOP member outside the system", n)
	}
}
