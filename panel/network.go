package panel

import (
	"fmt"

	"github.com/entente/entente/allnet"
)

// Network returns year y as allnet's input: the system members with their
// CINC scores as capability (NaN when missing), in the year's dense order,
// and one tie per pair of members and shared alliance, carrying the
// obligations either state undertook in it. It returns false outside the
// panel or the ATOP coverage.
func (p *Panel) Network(y int) (*allnet.Year, bool) {
	yr, ok := p.Year(y)
	if !ok || !yr.AlliancesKnown {
		return nil, false
	}
	ny := &allnet.Year{Year: y, States: make([]allnet.State, yr.N())}
	for i, c := range yr.States {
		ny.States[i] = allnet.State{COW: c, Capability: yr.Caps[CINC][i]}
	}
	for _, pr := range p.alliances.Pairs(y) {
		a, b := yr.lookup(pr.From), yr.lookup(pr.To)
		if pr.From < pr.To && a >= 0 && b >= 0 {
			ny.Ties = append(ny.Ties, allnet.Tie{A: int(a), B: int(b), Alliance: pr.ATOPID,
				Obligations: allnet.Obligation(pr.Owes | pr.OwedBy)})
		}
	}
	return ny, true
}

// NetworkYear is a year's alliance network analysed: each state's
// measures, by degree, and the year's summary.
type NetworkYear struct {
	States  []NetworkState `json:"states"`
	Summary NetworkSummary `json:"summary"`
}

// AnalyzeNetwork analyses year y's network (allnet.Analyze with opt) and
// names its states and hubs; a year without a network is an error.
func (p *Panel) AnalyzeNetwork(y int, opt allnet.Options) (NetworkYear, error) {
	ny, ok := p.Network(y)
	if !ok {
		return NetworkYear{}, fmt.Errorf("panel: no alliance network in %d: outside the panel or the ATOP coverage", y)
	}
	res, err := allnet.Analyze(ny, opt)
	if err != nil {
		return NetworkYear{}, err
	}
	yr, _ := p.Year(y)
	return NetworkYear{States: NetworkStates(yr, res), Summary: SummarizeNetwork(res, yr)}, nil
}
