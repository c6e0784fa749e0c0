package allnet

import (
	"math"
	"strconv"

	"github.com/entente/entente"
)

// The symmetry classes of an alliance. Symmetric and Asymmetric are the
// values entente.Classify returns; Unknown is used when a capability is
// missing.
const (
	Symmetric  = "symmetric"
	Asymmetric = "asymmetric"
	Unknown    = "unknown"
)

// Asymmetry describes the capability distribution inside one alliance in
// one year. When Symmetry is Unknown every number is NaN.
type Asymmetry struct {
	// Shares are the members' shares of the alliance's total capability,
	// in input order.
	Shares []float64
	// StrongestToWeakest is the strongest member's capability over the
	// weakest's (+Inf when the weakest has none).
	StrongestToWeakest float64
	// LargestShare is the strongest member's share.
	LargestShare float64
	// Herfindahl is Σ share²: 1/n for equals, 1 for a monopoly.
	Herfindahl float64
	// Dominance is the strongest member's capability over the second
	// strongest's; Symmetry is Asymmetric when it reaches
	// entente.AsymmetryRatio.
	Dominance float64
	// Symmetry is Symmetric, Asymmetric or Unknown.
	Symmetry string
	// Missing counts members whose capability is missing.
	Missing int
}

// AllianceAsymmetry describes an alliance from its members' capabilities
// (NaN = missing). Shares, dominance and the classification come from the
// root package's entente.Shares and entente.Classify, so the ledger and the
// analytics share one definition of an asymmetric pact (dominance ≥
// entente.AsymmetryRatio). The result is Unknown, with NaN numbers, when
// any capability is missing, negative or infinite, when the members hold
// no capability at all, or with fewer than two members; a missing value is
// never computed as zero.
func AllianceAsymmetry(capability []float64) Asymmetry {
	a := unknownAsymmetry(len(capability))
	valid := len(capability) >= 2
	byID := make(map[entente.ActorID]float64, len(capability))
	for i, c := range capability {
		switch {
		case !known(c):
			a.Missing++
			valid = false
		case c < 0 || math.IsInf(c, 0):
			valid = false
		}
		byID[memberID(i)] = c
	}
	if !valid {
		return a
	}
	shares, largest, _, dominance, ok := entente.Shares(byID)
	if !ok {
		return a
	}
	a.LargestShare, a.Dominance = largest, dominance
	a.Symmetry = entente.Classify(dominance)
	a.Herfindahl = 0
	strongest, weakest := math.Inf(-1), math.Inf(1)
	for i, c := range capability {
		s := shares[memberID(i)]
		a.Shares[i] = s
		// Summed here in input order rather than taken from
		// entente.Shares, which sums over a map: the same Σ s², but
		// reproducible to the last bit.
		a.Herfindahl += s * s
		strongest, weakest = max(strongest, c), min(weakest, c)
	}
	a.StrongestToWeakest = strongest / weakest
	if weakest == 0 {
		a.StrongestToWeakest = math.Inf(1)
	}
	return a
}

// unknownAsymmetry is the all-NaN result for n members.
func unknownAsymmetry(n int) Asymmetry {
	nan := math.NaN()
	a := Asymmetry{
		Shares:             make([]float64, n),
		StrongestToWeakest: nan,
		LargestShare:       nan,
		Herfindahl:         nan,
		Dominance:          nan,
		Symmetry:           Unknown,
	}
	for i := range a.Shares {
		a.Shares[i] = nan
	}
	return a
}

// memberID keys a member by its position for entente.Shares.
func memberID(i int) entente.ActorID { return entente.ActorID(strconv.Itoa(i)) }
