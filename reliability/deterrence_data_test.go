package reliability

import (
	"sync"
	"testing"

	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/dataset/cowstate"
	"github.com/entente/entente/dataset/nmc"
	"github.com/entente/entente/dataset/peacesciencer"
	"github.com/entente/entente/internal/sharedata"
)

var (
	detOnce sync.Once
	detData *DeterrenceData
	detErr  error
)

// loadDeterrence reads the shared datasets once per test binary (failing
// under CI when one is missing, skipping otherwise).
func loadDeterrence(tb testing.TB) *DeterrenceData {
	tb.Helper()
	paths := map[string]string{}
	for _, f := range []string{sharedata.Members, sharedata.System, sharedata.Majors, sharedata.NMC6,
		"peacesciencer/cow_mid_ddydisps.csv", "peacesciencer/cow_contdir.csv",
		"peacesciencer/ccode_democracy.csv", "peacesciencer/cow_capitals.csv"} {
		paths[f] = sharedata.Path(tb, f)
	}
	detOnce.Do(func() {
		d := &DeterrenceData{}
		if d.Members, detErr = atop.LoadMembers(paths[sharedata.Members]); detErr != nil {
			return
		}
		if d.System, detErr = cowstate.LoadSystem(paths[sharedata.System]); detErr != nil {
			return
		}
		if d.Majors, detErr = cowstate.LoadMajors(paths[sharedata.Majors]); detErr != nil {
			return
		}
		if d.CINC, detErr = nmc.Load(paths[sharedata.NMC6], nmc.V6); detErr != nil {
			return
		}
		if d.MIDs, detErr = peacesciencer.LoadMIDs(paths["peacesciencer/cow_mid_ddydisps.csv"]); detErr != nil {
			return
		}
		if d.Contiguity, detErr = peacesciencer.LoadContiguity(paths["peacesciencer/cow_contdir.csv"]); detErr != nil {
			return
		}
		if d.Democracy, detErr = peacesciencer.LoadDemocracy(paths["peacesciencer/ccode_democracy.csv"]); detErr != nil {
			return
		}
		d.Capitals, detErr = peacesciencer.LoadCapitals(paths["peacesciencer/cow_capitals.csv"])
		detData = d
	})
	if detErr != nil {
		tb.Fatal(detErr)
	}
	return detData
}
