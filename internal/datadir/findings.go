package datadir

import (
	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/dataset/atopindex"
	"github.com/entente/entente/dataset/peacesciencer"
	"github.com/entente/entente/internal/sharedata"
	"github.com/entente/entente/reliability"
	"github.com/entente/entente/report"
)

// The peacesciencer files the findings read.
const (
	midFile       = "peacesciencer/cow_mid_ddydisps.csv"
	warFile       = "peacesciencer/cow_war_inter.csv"
	democracyFile = "peacesciencer/ccode_democracy.csv"
	contigFile    = "peacesciencer/cow_contdir.csv"
	capitalFile   = "peacesciencer/cow_capitals.csv"
)

// ClaimFiles are the files the test of seed 003's claim reads.
var ClaimFiles = append(append([]string(nil), HubFiles...), democracyFile, sharedata.Ideal)

// ClaimInput reads the input of the test of seed 003's claim: the
// hub-and-spoke data, ATOP indexed with atopindex's conventions, Polity2
// and the ideal points.
func (d Dir) ClaimInput() (report.ClaimInput, error) {
	var in report.ClaimInput
	hub, err := d.HubInput()
	if err != nil {
		return in, err
	}
	in.Votes, in.Capabilities, in.System = hub.Votes, hub.Capabilities, hub.System
	members, err := d.Members()
	if err != nil {
		return in, err
	}
	if in.Alliances, err = atopindex.New(members, atopindex.LastYear); err != nil {
		return in, err
	}
	if in.Democracy, err = load(d, democracyFile, peacesciencer.LoadDemocracy); err != nil {
		return in, err
	}
	in.IdealPoints, err = d.IdealPoints()
	return in, err
}

// ReliabilityFiles are the files the reliability report reads.
var ReliabilityFiles = []string{sharedata.Members, warFile, midFile}

// ReliabilityInput reads ATOP's member rows, the COW war dyad-years and the
// COW-MID dispute dyad-years.
func (d Dir) ReliabilityInput() ([]atop.Member, []peacesciencer.War, []peacesciencer.MID, error) {
	members, err := d.Members()
	if err != nil {
		return nil, nil, nil, err
	}
	wars, err := load(d, warFile, peacesciencer.LoadWars)
	if err != nil {
		return nil, nil, nil, err
	}
	mids, err := load(d, midFile, peacesciencer.LoadMIDs)
	return members, wars, mids, err
}

// DeterrenceFiles are the files the deterrence replication reads.
var DeterrenceFiles = []string{sharedata.Members, sharedata.System, sharedata.Majors, sharedata.NMC6, midFile, contigFile, democracyFile, capitalFile}

// DeterrenceData reads the deterrence replication's datasets.
func (d Dir) DeterrenceData() (reliability.DeterrenceData, error) {
	var in reliability.DeterrenceData
	var err error
	if in.Members, err = d.Members(); err != nil {
		return in, err
	}
	if in.System, err = d.System(); err != nil {
		return in, err
	}
	if in.Majors, err = d.Majors(); err != nil {
		return in, err
	}
	if in.CINC, err = d.NMC(6); err != nil {
		return in, err
	}
	if in.MIDs, err = load(d, midFile, peacesciencer.LoadMIDs); err != nil {
		return in, err
	}
	if in.Contiguity, err = load(d, contigFile, peacesciencer.LoadContiguity); err != nil {
		return in, err
	}
	if in.Democracy, err = load(d, democracyFile, peacesciencer.LoadDemocracy); err != nil {
		return in, err
	}
	in.Capitals, err = load(d, capitalFile, peacesciencer.LoadCapitals)
	return in, err
}

// ReliabilityConditionFiles are the files the reliability report reads to
// apply the treaties' checkable conditions (ReliabilityFiles and COW
// direct contiguity).
var ReliabilityConditionFiles = append(append([]string{}, ReliabilityFiles...), contigFile)

// ReliabilityContiguity reads COW direct contiguity for
// reliability.ReportOptions.Contiguity (the location condition).
func (d Dir) ReliabilityContiguity() ([]peacesciencer.Contiguity, error) {
	return load(d, contigFile, peacesciencer.LoadContiguity)
}

// Reliability finds the cases of the reliability report req asks for in
// the data in d, with the location condition's contiguity when
// req.Conditions; loaded is called once the data are read.
func (d Dir) Reliability(req reliability.ReportRequest, loaded func()) ([]reliability.ReportRow, error) {
	members, wars, disputes, err := d.ReliabilityInput()
	if err != nil {
		return nil, err
	}
	opt := req.Options()
	if req.Conditions {
		if opt.Contiguity, err = d.ReliabilityContiguity(); err != nil {
			return nil, err
		}
	}
	loaded()
	return reliability.Report(members, wars, disputes, opt)
}
