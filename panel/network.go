package panel

import (
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
