package datadir

import (
	"fmt"

	"github.com/entente/entente/dataset/cowstate"
	"github.com/entente/entente/dataset/peacesciencer"
	"github.com/entente/entente/internal/sharedata"
	"github.com/entente/entente/panel"
	"github.com/entente/entente/report"
)

// The years (and General Assembly sessions) the shared files cover: the
// verbs check their flags against them before anything is read.
var (
	SystemYears  = [2]int{1816, 2016} // COW system v2016, NMC 6.0
	ATOPYears    = [2]int{1816, panel.ATOPLastYear}
	VoteYears    = [2]int{1946, 2020} // unvotes: sessions 1-74
	VoteSessions = [2]int{1, 74}
)

// PanelFiles are the files PanelSources reads for an NMC release.
func PanelFiles(release int) []string {
	return []string{sharedata.System, sharedata.Majors, NMCFile(release), sharedata.Members}
}

// VoteFiles are the files Votes reads.
var VoteFiles = []string{sharedata.Votes, sharedata.RollCalls, sharedata.Issues}

// NMCFile is the NMC file of a release (5 or 6).
func NMCFile(release int) string {
	if release == 5 {
		return sharedata.NMC5
	}
	return sharedata.NMC6
}

// PanelSources reads the COW system, the major powers, the NMC release
// (5 or 6) and the ATOP member file: the sources of a panel.
func (d Dir) PanelSources(release int) (panel.Sources, error) {
	var src panel.Sources
	var err error
	if src.System, err = d.System(); err != nil {
		return src, err
	}
	if src.Majors, err = d.Majors(); err != nil {
		return src, err
	}
	if src.NMC, err = d.NMC(release); err != nil {
		return src, err
	}
	src.Members, err = d.Members()
	return src, err
}

// Panel builds the panel of an NMC release (5 or 6) from its sources.
func (d Dir) Panel(release int) (*panel.Panel, error) {
	src, err := d.PanelSources(release)
	if err != nil {
		return nil, err
	}
	return panel.New(src)
}

// PortfolioSources reads the sources of the portfolio similarity of the
// years from to to (NMC 6.0): past the COW system's last year the panel
// carries that year's members forward, and note says so (empty when the
// years end within the system data).
func (d Dir) PortfolioSources(from, to int) (src panel.Sources, note string, err error) {
	if src, err = d.PanelSources(6); err != nil {
		return src, "", err
	}
	if note = CarryNote(from, to); note != "" {
		src.CarryTo = to
	}
	return src, note, nil
}

// CarryNote says which of the years from to to lie past the COW system
// data and so use the members of its last year without CINC weights, or
// is empty when none do.
func CarryNote(from, to int) string {
	last := SystemYears[1]
	if to <= last {
		return ""
	}
	return fmt.Sprintf("the COW system data end in %d; %d-%d use the %d members, without CINC weights", last, max(from, last+1), to, last)
}

// HubFiles are the files the hub-and-spoke report reads.
var HubFiles = []string{sharedata.Votes, sharedata.RollCalls, sharedata.Issues, sharedata.Members, sharedata.NMC6, sharedata.System}

// HubInput reads the input of the hub-and-spoke report: the UN votes, the
// ATOP alliances to their last year, the NMC 6.0 capabilities and the COW
// system.
func (d Dir) HubInput() (report.HubInput, error) {
	var in report.HubInput
	var err error
	if in.Votes, err = d.Votes(true); err != nil {
		return in, err
	}
	members, err := d.Members()
	if err != nil {
		return in, err
	}
	if in.Alliances, err = panel.NewAlliances(members, panel.ATOPLastYear); err != nil {
		return in, err
	}
	recs, err := d.NMC(6)
	if err != nil {
		return in, err
	}
	if in.Capabilities, err = panel.NewCapabilities(recs); err != nil {
		return in, err
	}
	sy, err := d.System()
	in.System = cowstate.NewSystem(sy)
	return in, err
}

// The peacesciencer files of the covariate families.
var covariateFiles = map[panel.Covariate][]string{
	panel.Contiguity: {"peacesciencer/cow_contdir.csv"},
	panel.Distance:   {"peacesciencer/cow_mindist.csv", "peacesciencer/cow_capitals.csv"},
	panel.Rivalry:    {"peacesciencer/tss_rivalries.csv"},
	panel.MIDs:       {"peacesciencer/cow_mid_ddydisps.csv"},
	panel.Wars:       {"peacesciencer/cow_war_inter.csv"},
	panel.Democracy:  {"peacesciencer/ccode_democracy.csv"},
	panel.IGOs:       {"peacesciencer/cow_igo_ndy.csv"},
	panel.CREG:       {"peacesciencer/creg.csv"},
}

// CovariateFiles lists the files the covariate families read.
func CovariateFiles(fams []panel.Covariate) []string {
	var files []string
	for _, f := range fams {
		files = append(files, covariateFiles[f]...)
	}
	return files
}

// Covariates reads the files of the families and indexes them, for state
// rows when states is true and dyad rows otherwise.
func (d Dir) Covariates(fams []panel.Covariate, states bool) (*panel.Covariates, error) {
	var src panel.CovariateSources
	var err error
	for _, f := range fams {
		files := covariateFiles[f]
		switch f {
		case panel.Contiguity:
			src.Contiguity, err = load(d, files[0], peacesciencer.LoadContiguity)
		case panel.Distance:
			if src.MinDist, err = load(d, files[0], peacesciencer.LoadMinDist); err == nil {
				src.Capitals, err = load(d, files[1], peacesciencer.LoadCapitals)
			}
		case panel.Rivalry:
			src.Rivalries, err = load(d, files[0], peacesciencer.LoadTSS)
		case panel.MIDs:
			src.MIDs, err = load(d, files[0], peacesciencer.LoadMIDs)
		case panel.Wars:
			src.Wars, err = load(d, files[0], peacesciencer.LoadWars)
		case panel.Democracy:
			src.Democracy, err = load(d, files[0], peacesciencer.LoadDemocracy)
		case panel.IGOs:
			src.IGOs, err = load(d, files[0], peacesciencer.LoadIGOs)
		case panel.CREG:
			src.CREG, err = load(d, files[0], peacesciencer.LoadCREG)
		}
		if err != nil {
			return nil, err
		}
	}
	return panel.NewCovariates(fams, states, src)
}
