// Package datadir reads the real public datasets from a data folder laid out
// as the project's shared data (package sharedata) into the inputs of the
// analysis packages. It is the command's one data loader: every error names
// the file and the folder it was read from.
package datadir

import (
	"fmt"
	"path/filepath"

	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/dataset/cowstate"
	"github.com/entente/entente/dataset/gdp"
	"github.com/entente/entente/dataset/idealpoints"
	"github.com/entente/entente/dataset/milex"
	"github.com/entente/entente/dataset/nmc"
	"github.com/entente/entente/dataset/unvotes"
	"github.com/entente/entente/internal/sharedata"
)

// Dir is a data folder.
type Dir string

// Path returns the path of file (one of the sharedata File constants) under d.
func (d Dir) Path(file string) string { return filepath.Join(string(d), filepath.FromSlash(file)) }

// Check returns a *sharedata.MissingError naming the files missing under d.
func (d Dir) Check(files ...string) error { return sharedata.Check(string(d), files...) }

// load reads one file with fn, naming the file and the folder in errors.
func load[T any](d Dir, file string, fn func(string) (T, error)) (T, error) {
	v, err := fn(d.Path(file))
	if err != nil {
		var zero T
		return zero, fmt.Errorf("data folder %s: reading %s: %w", d, file, err)
	}
	return v, nil
}

// Alliances reads ATOP 5.1's alliance file.
func (d Dir) Alliances() ([]atop.Alliance, error) {
	return load(d, sharedata.Alliances, atop.LoadAlliances)
}

// Members reads ATOP 5.1's member file.
func (d Dir) Members() ([]atop.Member, error) { return load(d, sharedata.Members, atop.LoadMembers) }

// CountryCodes reads the COW country codes.
func (d Dir) CountryCodes() ([]cowstate.CountryCode, error) {
	return load(d, sharedata.Codes, cowstate.LoadCountryCodes)
}

// States reads the COW state list (states2016).
func (d Dir) States() ([]cowstate.State, error) {
	return load(d, sharedata.States, cowstate.LoadStates)
}

// System reads the COW system membership by year (system2016).
func (d Dir) System() ([]cowstate.StateYear, error) {
	return load(d, sharedata.System, cowstate.LoadSystem)
}

// Majors reads the COW major-power spells (majors2016).
func (d Dir) Majors() ([]cowstate.Major, error) {
	return load(d, sharedata.Majors, cowstate.LoadMajors)
}

// NMC reads the National Material Capabilities, release 6 (NMC6) or 5.
func (d Dir) NMC(release int) ([]nmc.Record, error) {
	file, v := sharedata.NMC6, nmc.V6
	if release == 5 {
		file, v = sharedata.NMC5, nmc.V5
	}
	return load(d, file, func(p string) ([]nmc.Record, error) { return nmc.Load(p, v) })
}

// WorldBank reads the World Bank GDP series.
func (d Dir) WorldBank() ([]gdp.WorldBankValue, error) {
	return load(d, sharedata.WorldBank, gdp.LoadWorldBank)
}

// Maddison reads the Maddison Project 2018 GDP series.
func (d Dir) Maddison() ([]gdp.Maddison, error) { return load(d, sharedata.Maddison, gdp.LoadMaddison) }

// MilexShare reads SIPRI's military spending as a share of GDP (via OWID).
func (d Dir) MilexShare() ([]milex.Share, error) { return load(d, sharedata.OWID, milex.LoadOWIDShare) }

// NATO reads NATO's defence expenditure 2012-2019.
func (d Dir) NATO() ([]milex.NATO, error) { return load(d, sharedata.NATO, milex.LoadNATO) }

// IdealPoints reads the UN General Assembly ideal points.
func (d Dir) IdealPoints() ([]idealpoints.Record, error) {
	return load(d, sharedata.Ideal, idealpoints.Load)
}

// Votes reads the UN General Assembly votes and roll calls, with the issue
// tags when issues is true.
func (d Dir) Votes(issues bool) (*unvotes.Matrix, error) {
	issuesPath := ""
	if issues {
		issuesPath = d.Path(sharedata.Issues)
	}
	return load(d, sharedata.Votes, func(p string) (*unvotes.Matrix, error) {
		return unvotes.LoadUNVotes(p, d.Path(sharedata.RollCalls), issuesPath)
	})
}
