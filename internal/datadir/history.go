package datadir

import (
	"github.com/entente/entente/history"
	"github.com/entente/entente/internal/sharedata"
)

// BurdenFiles are the files BurdenInput reads.
var BurdenFiles = []string{sharedata.Alliances, sharedata.Members, sharedata.Codes, sharedata.WorldBank,
	sharedata.Maddison, sharedata.OWID, sharedata.NATO}

// WarningFiles are the files WarningInput reads.
var WarningFiles = []string{sharedata.Alliances, sharedata.Members, sharedata.System, sharedata.NMC6,
	sharedata.OWID, sharedata.Ideal, sharedata.Votes, sharedata.RollCalls}

// HistoryAlliances reads ATOP's alliance and member files into the
// history package's index.
func (d Dir) HistoryAlliances() (*history.Alliances, error) {
	al, err := d.Alliances()
	if err != nil {
		return nil, err
	}
	mem, err := d.Members()
	if err != nil {
		return nil, err
	}
	return history.NewAlliances(al, mem), nil
}

// Names maps COW codes to their first abbreviation in the country codes.
func (d Dir) Names() (map[int]string, error) {
	codes, err := d.CountryCodes()
	if err != nil {
		return nil, err
	}
	names := map[int]string{}
	for _, c := range codes {
		if _, ok := names[c.CCode]; !ok {
			names[c.CCode] = c.Abb
		}
	}
	return names, nil
}

// BurdenInput reads what history.Burden needs for the ATOP alliance. An
// alliance not in the data is an error wrapping history.ErrUnknownAlliance,
// returned before the other files are read.
func (d Dir) BurdenInput(alliance int) (history.BurdenInput, error) {
	in := history.BurdenInput{Alliance: alliance}
	var err error
	if in.Alliances, err = d.HistoryAlliances(); err != nil {
		return in, err
	}
	if err := in.Alliances.Check(alliance); err != nil {
		return in, err
	}
	if in.Names, err = d.Names(); err != nil {
		return in, err
	}
	wb, err := d.WorldBank()
	if err != nil {
		return in, err
	}
	md, err := d.Maddison()
	if err != nil {
		return in, err
	}
	nt, err := d.NATO()
	if err != nil {
		return in, err
	}
	in.WorldBank, in.Maddison, in.NATOShare = history.WorldBankGDP(wb), history.MaddisonGDP(md), history.NATOShare(nt)
	sh, err := d.MilexShare()
	in.Share = history.MilexShare(sh)
	return in, err
}

// WarningInput reads what history.AllianceYears needs. progress, if not
// nil, is told when everything but the UN votes (the slow part) is read.
func (d Dir) WarningInput(progress func(string)) (history.WarningInput, error) {
	var in history.WarningInput
	var err error
	if in.Alliances, err = d.HistoryAlliances(); err != nil {
		return in, err
	}
	if in.System, err = d.System(); err != nil {
		return in, err
	}
	nm, err := d.NMC(6)
	if err != nil {
		return in, err
	}
	in.CINC = history.CINC(nm)
	sh, err := d.MilexShare()
	if err != nil {
		return in, err
	}
	in.Share = history.MilexShare(sh)
	ip, err := d.IdealPoints()
	if err != nil {
		return in, err
	}
	in.Ideal = history.IdealPoints(ip, history.EstimateAll)
	if progress != nil {
		progress("ATOP, COW, NMC, SIPRI and ideal points loaded; loading UN votes")
	}
	in.Votes, err = d.Votes(false)
	return in, err
}
