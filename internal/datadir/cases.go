package datadir

import (
	"github.com/entente/entente/dataset/atopindex"
	"github.com/entente/entente/dataset/peacesciencer"
	"github.com/entente/entente/internal/sharedata"
	"github.com/entente/entente/landscape"
	"github.com/entente/entente/world"
)

// Europe1936Files are the files Europe1936 reads.
var Europe1936Files = []string{sharedata.NMC6, sharedata.Members}

// Europe1936 builds Axelrod and Bennett's Europe 1936 case from the NMC
// 6.0 and ATOP member files (see landscape.Europe1936).
func (d Dir) Europe1936() (*landscape.Case, error) {
	recs, err := d.NMC(6)
	if err != nil {
		return nil, err
	}
	members, err := d.Members()
	if err != nil {
		return nil, err
	}
	return landscape.Europe1936(recs, members)
}

// WorldFiles are the files World reads.
var WorldFiles = []string{sharedata.States, sharedata.NMC6, sharedata.Alliances, sharedata.Members}

// World builds the world's logs, the registry's first, from the COW
// states, NMC 6.0 and ATOP files (see world.Build).
func (d Dir) World() ([]world.Log, error) {
	states, err := d.States()
	if err != nil {
		return nil, err
	}
	records, err := d.NMC(6)
	if err != nil {
		return nil, err
	}
	alliances, err := d.Alliances()
	if err != nil {
		return nil, err
	}
	members, err := d.Members()
	if err != nil {
		return nil, err
	}
	return world.Build(states, records, alliances, members)
}

// Europe1936FactorFiles are the files Europe1936Factors reads.
var Europe1936FactorFiles = []string{sharedata.NMC6, "peacesciencer/ccode_democracy.csv", "peacesciencer/cow_contdir.csv",
	"peacesciencer/cow_mid_ddydisps.csv", "peacesciencer/cow_war_inter.csv", "peacesciencer/tss_rivalries.csv"}

// Europe1936Factors builds Axelrod and Bennett's Europe 1936 case with
// propensities from their factors, read from NMC 6.0 and the peacesciencer
// files, with ties and borders on 31 December 1936 (see
// landscape.Europe1936Factors).
func (d Dir) Europe1936Factors(opt landscape.FactorOptions) (*landscape.Case, *landscape.Factors, error) {
	recs, err := d.NMC(6)
	if err != nil {
		return nil, nil, err
	}
	var fd landscape.FactorData
	p := d.Path
	if fd.Democracy, err = peacesciencer.LoadDemocracy(p("peacesciencer/ccode_democracy.csv")); err != nil {
		return nil, nil, err
	}
	if fd.Contiguity, err = peacesciencer.LoadContiguity(p("peacesciencer/cow_contdir.csv")); err != nil {
		return nil, nil, err
	}
	if fd.MIDs, err = peacesciencer.LoadMIDs(p("peacesciencer/cow_mid_ddydisps.csv")); err != nil {
		return nil, nil, err
	}
	if fd.Wars, err = peacesciencer.LoadWars(p("peacesciencer/cow_war_inter.csv")); err != nil {
		return nil, nil, err
	}
	if fd.Rivalries, err = peacesciencer.LoadTSS(p("peacesciencer/tss_rivalries.csv")); err != nil {
		return nil, nil, err
	}
	return landscape.Europe1936Factors(recs, fd, atopindex.YearEnd(landscape.EuropeYear), opt)
}

// LandscapeCase is the case req asks for: Europe 1936 from the data folder
// that holds its files, its propensities from alliances (--basis
// alliances) or from Axelrod and Bennett's factors; without --europe-1936,
// the sizes and propensity matrix of req's files.
func (f *Flag) LandscapeCase(req landscape.Request) (*landscape.Case, error) {
	switch {
	case req.Europe1936 && req.Basis == "alliances":
		d, err := f.Locate(Europe1936Files...)
		if err != nil {
			return nil, err
		}
		return d.Europe1936()
	case req.Europe1936:
		d, err := f.Locate(Europe1936FactorFiles...)
		if err != nil {
			return nil, err
		}
		c, _, err := d.Europe1936Factors(landscape.FactorOptions{})
		return c, err
	}
	return req.ReadCase()
}
