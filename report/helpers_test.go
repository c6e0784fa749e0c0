package report

import (
	"sync"
	"testing"

	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/dataset/cowstate"
	"github.com/entente/entente/dataset/nmc"
	"github.com/entente/entente/dataset/unvotes"
	"github.com/entente/entente/internal/sharedata"
	"github.com/entente/entente/panel"
)

// files are the shared data the report reads.
var files = []string{
	"unga_votes_voeten/un_votes.csv.gz", "unga_votes_voeten/un_roll_calls.csv", "unga_votes_voeten/un_roll_call_issues.csv",
	"atop_v5.1/atop5_1m.csv", "cow_nmc/NMC-60-abridged.csv", "cow_state_system/system2016.csv",
}

var loadInput = sync.OnceValues(func() (HubInput, error) {
	root := sharedata.Root() + "/"
	var in HubInput
	var err error
	dir := root + "unga_votes_voeten/"
	if in.Votes, err = unvotes.LoadUNVotes(dir+"un_votes.csv.gz", dir+"un_roll_calls.csv", dir+"un_roll_call_issues.csv"); err != nil {
		return in, err
	}
	members, err := atop.LoadMembers(root + "atop_v5.1/atop5_1m.csv")
	if err != nil {
		return in, err
	}
	if in.Alliances, err = panel.NewAlliances(members, panel.ATOPLastYear); err != nil {
		return in, err
	}
	recs, err := nmc.Load(root+"cow_nmc/NMC-60-abridged.csv", nmc.V6)
	if err != nil {
		return in, err
	}
	if in.Capabilities, err = panel.NewCapabilities(recs); err != nil {
		return in, err
	}
	sy, err := cowstate.LoadSystem(root + "cow_state_system/system2016.csv")
	in.System = cowstate.NewSystem(sy)
	return in, err
})

// input returns the report's inputs from the shared files.
func input(tb testing.TB) HubInput {
	tb.Helper()
	for _, f := range files {
		sharedata.Path(tb, f)
	}
	in, err := loadInput()
	if err != nil {
		tb.Fatal(err)
	}
	return in
}

var realRows = sync.OnceValues(func() ([]HubRow, error) {
	in, err := loadInput()
	if err != nil {
		return nil, err
	}
	return HubAndSpoke(in, HubOptions{})
})

// rows returns the default report on the shared files.
func rows(tb testing.TB) []HubRow {
	tb.Helper()
	input(tb)
	r, err := realRows()
	if err != nil {
		tb.Fatal(err)
	}
	return r
}
