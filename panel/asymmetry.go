package panel

import (
	"cmp"
	"slices"

	"github.com/entente/entente/allnet"
	"github.com/entente/entente/dataset/atop"
)

// AllianceYear is one alliance in one year with the capability asymmetry
// of its members.
type AllianceYear struct {
	ATOPID, Year int
	// Members are the COW codes of the states that were members at some
	// time in the year (over all its phases), ascending; CINC their
	// scores in the same order, NaN when missing.
	Members []int
	CINC    []float64
	// Obligations is the union of the members' obligations in the year.
	Obligations atop.Obligation
	// Asymmetry holds the members' capability shares, the
	// strongest-to-weakest ratio, the Herfindahl index and the
	// classification, from allnet.AllianceAsymmetry (and so from
	// entente.Shares and entente.Classify, the ledger's definition:
	// asymmetric when the strongest member has at least
	// entente.AsymmetryRatio times the second's capability). A member
	// without a CINC score makes it allnet.Unknown.
	allnet.Asymmetry
}

// AllianceYears returns every alliance in force during year y with its
// asymmetry, by ATOP id, measuring capability with cinc (NaN for a
// missing score). It returns nil outside the coverage.
func (a *Alliances) AllianceYears(y int, cinc func(ccode, year int) float64) []AllianceYear {
	return a.allianceYears(y, 0, cinc)
}

// AllianceYear returns alliance atopid in year y with its asymmetry, and
// whether it was in force that year.
func (a *Alliances) AllianceYear(y, atopid int, cinc func(ccode, year int) float64) (AllianceYear, bool) {
	ays := a.allianceYears(y, atopid, cinc)
	if len(ays) == 0 {
		return AllianceYear{}, false
	}
	return ays[0], true
}

// allianceYears gathers the alliance-years of y, only atopid's unless it
// is 0.
func (a *Alliances) allianceYears(y, atopid int, cinc func(ccode, year int) float64) []AllianceYear {
	byID := map[int]*AllianceYear{}
	for _, ph := range a.Phases(y) {
		if atopid != 0 && ph.ATOPID != atopid {
			continue
		}
		ay := byID[ph.ATOPID]
		if ay == nil {
			ay = &AllianceYear{ATOPID: ph.ATOPID, Year: y}
			byID[ph.ATOPID] = ay
		}
		for _, m := range ph.Members {
			ay.Obligations |= m.Owes
			if _, found := slices.BinarySearch(ay.Members, m.CCode); !found {
				ay.Members = append(ay.Members, m.CCode)
				slices.Sort(ay.Members)
			}
		}
	}
	out := make([]AllianceYear, 0, len(byID))
	for _, ay := range byID {
		ay.CINC = make([]float64, len(ay.Members))
		for i, c := range ay.Members {
			ay.CINC[i] = cinc(c, y)
		}
		ay.Asymmetry = allnet.AllianceAsymmetry(ay.CINC)
		out = append(out, *ay)
	}
	slices.SortFunc(out, func(x, y AllianceYear) int { return cmp.Compare(x.ATOPID, y.ATOPID) })
	return out
}

// AllianceYears returns the alliance-years of the panel's years from..to
// (zeros mean the panel's span) with their asymmetry, by year and ATOP
// id, using the panel's CINC scores.
func (p *Panel) AllianceYears(from, to int) ([]AllianceYear, error) {
	from, to, err := p.checkSpan(from, to)
	if err != nil {
		return nil, err
	}
	var out []AllianceYear
	if p.alliances == nil {
		return nil, nil
	}
	for y := from; y <= to; y++ {
		out = append(out, p.alliances.AllianceYears(y, p.capabilities.CINC)...)
	}
	return out, nil
}
