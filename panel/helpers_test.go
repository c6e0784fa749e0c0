package panel

import (
	"sync"
	"testing"

	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/dataset/cowstate"
	"github.com/entente/entente/dataset/nmc"
	"github.com/entente/entente/dataset/unvotes"
	"github.com/entente/entente/internal/sharedata"
)

// realSources loads the shared COW, NMC 6.0 and ATOP files once.
var realSources = sync.OnceValues(func() (Sources, error) {
	var src Sources
	var err error
	root := sharedata.Root() + "/"
	if src.System, err = cowstate.LoadSystem(root + "cow_state_system/system2016.csv"); err != nil {
		return src, err
	}
	if src.Majors, err = cowstate.LoadMajors(root + "cow_state_system/majors2016.csv"); err != nil {
		return src, err
	}
	if src.NMC, err = nmc.Load(root+"cow_nmc/NMC-60-abridged.csv", nmc.V6); err != nil {
		return src, err
	}
	src.Members, err = atop.LoadMembers(root + "atop_v5.1/atop5_1m.csv")
	return src, err
})

// sources returns the real sources, skipping (or failing in CI) when the
// files are absent.
func sources(tb testing.TB) Sources {
	tb.Helper()
	for _, f := range []string{"cow_state_system/system2016.csv", "cow_state_system/majors2016.csv",
		"cow_nmc/NMC-60-abridged.csv", "atop_v5.1/atop5_1m.csv"} {
		sharedata.Path(tb, f)
	}
	src, err := realSources()
	if err != nil {
		tb.Fatal(err)
	}
	return src
}

var realPanel = sync.OnceValues(func() (*Panel, error) {
	src, err := realSources()
	if err != nil {
		return nil, err
	}
	return New(src)
})

// realPanelT returns the panel of the real files, 1816-2016.
func realPanelT(tb testing.TB) *Panel {
	tb.Helper()
	sources(tb)
	p, err := realPanel()
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

var realVotes = sync.OnceValues(func() (*unvotes.Matrix, error) {
	root := sharedata.Root() + "/unga_votes_voeten/"
	return unvotes.LoadUNVotes(root+"un_votes.csv.gz", root+"un_roll_calls.csv", root+"un_roll_call_issues.csv")
})

// votes returns the unvotes matrix of the shared files, 1946-2020.
func votes(tb testing.TB) *unvotes.Matrix {
	tb.Helper()
	for _, f := range []string{"unga_votes_voeten/un_votes.csv.gz", "unga_votes_voeten/un_roll_calls.csv", "unga_votes_voeten/un_roll_call_issues.csv"} {
		sharedata.Path(tb, f)
	}
	m, err := realVotes()
	if err != nil {
		tb.Fatal(err)
	}
	return m
}
