// Package histdata reads the files of partner.History from a data folder
// laid out as the project's shared data is (one folder per dataset, the
// files under their published names), so that the command and the tests
// load the historical validation's inputs the same way. It only reads
// files; the analysis is in package partner.
package histdata

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/dataset/cowstate"
	"github.com/entente/entente/dataset/nmc"
	"github.com/entente/entente/dataset/unvotes"
	"github.com/entente/entente/internal/sharedata"
	"github.com/entente/entente/partner"
)

// The files read, relative to the data folder: the layout of package
// sharedata.
const (
	System    = sharedata.System
	Members   = sharedata.Members
	NMC       = sharedata.NMC6
	Votes     = sharedata.Votes
	RollCalls = sharedata.RollCalls
)

// Files lists every file Load reads, relative to the data folder.
var Files = []string{System, Members, NMC, Votes, RollCalls}

// Check reports the first file Load needs that is missing under dir.
func Check(dir string) error {
	for _, f := range Files {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			return fmt.Errorf("%s: expected %s under the data folder (the COW state system, ATOP 5.1, NMC 6.0 and the unvotes tables): %w", dir, f, err)
		}
	}
	return nil
}

// Load reads the COW state system (v2016), ATOP 5.1's member file, NMC 6.0
// and the UN votes of the unvotes package from dir.
func Load(dir string) (*partner.History, error) {
	if err := Check(dir); err != nil {
		return nil, err
	}
	p := func(f string) string { return filepath.Join(dir, f) }
	var h partner.History
	var err error
	if h.System, err = cowstate.LoadSystem(p(System)); err != nil {
		return nil, err
	}
	if h.Members, err = atop.LoadMembers(p(Members)); err != nil {
		return nil, err
	}
	if h.Capabilities, err = nmc.Load(p(NMC), nmc.V6); err != nil {
		return nil, err
	}
	if h.Votes, err = unvotes.LoadUNVotes(p(Votes), p(RollCalls), ""); err != nil {
		return nil, err
	}
	return &h, nil
}
