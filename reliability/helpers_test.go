package reliability

import (
	"sync"
	"testing"

	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/dataset/peacesciencer"
	"github.com/entente/entente/internal/sharedata"
)

// relData is what the reliability tests read from the shared data.
type relData struct {
	Members    []atop.Member
	Wars       []peacesciencer.War
	MIDs       []peacesciencer.MID
	Contiguity []peacesciencer.Contiguity
}

var (
	relOnce sync.Once
	relRead relData
	relErr  error
)

// loadReliability reads ATOP's members and COW's wars, disputes and
// contiguity once per test binary (failing under CI when a file is
// missing, skipping otherwise). The tests must not change what it returns.
func loadReliability(tb testing.TB) relData {
	tb.Helper()
	members := sharedata.Path(tb, sharedata.Members)
	wars := sharedata.Path(tb, "peacesciencer/cow_war_inter.csv")
	mids := sharedata.Path(tb, "peacesciencer/cow_mid_ddydisps.csv")
	contiguity := sharedata.Path(tb, "peacesciencer/cow_contdir.csv")
	relOnce.Do(func() {
		if relRead.Members, relErr = atop.LoadMembers(members); relErr != nil {
			return
		}
		if relRead.Wars, relErr = peacesciencer.LoadWars(wars); relErr != nil {
			return
		}
		if relRead.MIDs, relErr = peacesciencer.LoadMIDs(mids); relErr != nil {
			return
		}
		relRead.Contiguity, relErr = peacesciencer.LoadContiguity(contiguity)
	})
	if relErr != nil {
		tb.Fatal(relErr)
	}
	return relRead
}
