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
	"github.com/entente/entente/dataset/hofstede"
	"github.com/entente/entente/dataset/nmc"
	"github.com/entente/entente/dataset/peacesciencer"
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

// Files lists every file Load needs, relative to the data folder.
var Files = []string{System, Members, NMC, Votes, RollCalls}

// The covariate files of the extended model (partner.Covariates).
const (
	Rivalries  = "peacesciencer/tss_rivalries.csv"
	Contiguity = "peacesciencer/cow_contdir.csv"
	Capitals   = "peacesciencer/cow_capitals.csv"
	Democracy  = "peacesciencer/ccode_democracy.csv"
	IGOs       = "peacesciencer/cow_igo_ndy.csv"
	Culture    = "hofstede/6-dimensions-for-website-2015-08-16.csv"
)

// CovariateFiles lists the covariate files: Load reads them when all are
// present, and fails when only some are.
var CovariateFiles = []string{Rivalries, Contiguity, Capitals, Democracy, IGOs, Culture}

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
// and the UN votes of the unvotes package from dir, and the covariate
// files (CovariateFiles) when dir has them all. With none of them the
// History has no Covariates; with some but not all Load fails, naming
// the first missing one.
func Load(dir string) (*partner.History, error) {
	if err := Check(dir); err != nil {
		return nil, err
	}
	p := func(f string) string { return filepath.Join(dir, f) }
	var missing []string
	for _, f := range CovariateFiles {
		if _, err := os.Stat(p(f)); err != nil {
			missing = append(missing, f)
		}
	}
	if len(missing) > 0 && len(missing) < len(CovariateFiles) {
		return nil, fmt.Errorf("%s: has some of the covariate files but not %s (expected all of %v, or none)", dir, missing[0], CovariateFiles)
	}
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
	if len(missing) == 0 {
		h.Covariates, err = LoadCovariates(dir)
	}
	return &h, err
}

// LoadCovariates reads the covariate files from dir.
func LoadCovariates(dir string) (*partner.Covariates, error) {
	p := func(f string) string { return filepath.Join(dir, f) }
	var c partner.Covariates
	var err error
	if c.Rivalries, err = peacesciencer.LoadTSS(p(Rivalries)); err != nil {
		return nil, err
	}
	if c.Contiguity, err = peacesciencer.LoadContiguity(p(Contiguity)); err != nil {
		return nil, err
	}
	if c.Capitals, err = peacesciencer.LoadCapitals(p(Capitals)); err != nil {
		return nil, err
	}
	if c.Democracy, err = peacesciencer.LoadDemocracy(p(Democracy)); err != nil {
		return nil, err
	}
	if c.IGOs, err = peacesciencer.LoadIGOs(p(IGOs)); err != nil {
		return nil, err
	}
	if c.Culture, err = hofstede.Load(p(Culture)); err != nil {
		return nil, err
	}
	return &c, nil
}
