package history

import (
	"sync"
	"testing"

	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/dataset/cowstate"
	"github.com/entente/entente/dataset/gdp"
	"github.com/entente/entente/dataset/idealpoints"
	"github.com/entente/entente/dataset/milex"
	"github.com/entente/entente/dataset/nmc"
	"github.com/entente/entente/dataset/unvotes"
	"github.com/entente/entente/internal/sharedata"
)

// real holds the shared datasets, loaded once per test binary.
type realData struct {
	alliances *Alliances
	names     map[int]string
	worldBank Panel
	maddison  Panel
	share     Panel
	nato      Panel
	cinc      Panel
	ideal     Panel
	system    []cowstate.StateYear
	votes     *unvotes.Matrix
}

var (
	realOnce sync.Once
	realVal  *realData
	realErr  error
)

// paths are the files the reports read, relative to the shared data folder.
var paths = sharedata.Layout

// loadReal returns the shared data, failing tb under CI when a file is
// missing and skipping otherwise.
func loadReal(tb testing.TB) *realData {
	tb.Helper()
	p := map[string]string{}
	for k, v := range paths {
		p[k] = sharedata.Path(tb, v)
	}
	realOnce.Do(func() { realVal, realErr = readReal(p) })
	if realErr != nil {
		tb.Fatal(realErr)
	}
	return realVal
}

func readReal(p map[string]string) (*realData, error) {
	d := &realData{names: map[int]string{}}
	al, err := atop.LoadAlliances(p["alliances"])
	if err != nil {
		return nil, err
	}
	mem, err := atop.LoadMembers(p["members"])
	if err != nil {
		return nil, err
	}
	d.alliances = NewAlliances(al, mem)
	codes, err := cowstate.LoadCountryCodes(p["codes"])
	if err != nil {
		return nil, err
	}
	for _, c := range codes {
		if _, ok := d.names[c.CCode]; !ok {
			d.names[c.CCode] = c.Abb
		}
	}
	if d.system, err = cowstate.LoadSystem(p["system"]); err != nil {
		return nil, err
	}
	wb, err := gdp.LoadWorldBank(p["worldbank"])
	if err != nil {
		return nil, err
	}
	d.worldBank = WorldBankGDP(wb)
	md, err := gdp.LoadMaddison(p["maddison"])
	if err != nil {
		return nil, err
	}
	d.maddison = MaddisonGDP(md)
	sh, err := milex.LoadOWIDShare(p["owid"])
	if err != nil {
		return nil, err
	}
	d.share = MilexShare(sh)
	nt, err := milex.LoadNATO(p["nato"])
	if err != nil {
		return nil, err
	}
	d.nato = NATOShare(nt)
	nm, err := nmc.Load(p["nmc"], nmc.V6)
	if err != nil {
		return nil, err
	}
	d.cinc = CINC(nm)
	ip, err := idealpoints.Load(p["ideal"])
	if err != nil {
		return nil, err
	}
	d.ideal = IdealPoints(ip, EstimateAll)
	if d.votes, err = unvotes.LoadUNVotes(p["votes"], p["rollcalls"], ""); err != nil {
		return nil, err
	}
	return d, nil
}

func (d *realData) burdenInput(alliance int) BurdenInput {
	return BurdenInput{Alliance: alliance, Alliances: d.alliances, WorldBank: d.worldBank, Maddison: d.maddison,
		Share: d.share, NATOShare: d.nato, Names: d.names}
}
