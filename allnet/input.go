package allnet

import (
	"fmt"
	"math"
)

// State is a member of the state system in one year. Its position in
// Year.States is its dense index, which ties and results refer to.
type State struct {
	// COW is the Correlates of War country code, carried through to
	// results for labelling; allnet does not interpret it.
	COW int
	// Capability is the state's material capability (for example the NMC
	// CINC score) or NaN when it is missing. Missing values are excluded
	// from capability totals and counted, never read as zero.
	Capability float64
}

// Tie is one alliance binding two states in one year. A dyad bound by
// several alliances appears once per alliance; the network counts them.
type Tie struct {
	// A and B are dense indexes into Year.States; A != B.
	A, B int
	// Alliance optionally identifies the alliance (for example the ATOP
	// id). Ties of one dyad with the same non-zero Alliance count once and
	// their obligations are merged, so an alliance that changes phase
	// within a year is not counted twice. Zero means unidentified: every
	// such tie counts.
	Alliance int
	// Obligations are the obligation types the alliance carries for this
	// dyad.
	Obligations Obligation
}

// Year is the input for one year: the states in the system and the
// alliance ties among them.
type Year struct {
	Year   int
	States []State
	Ties   []Tie
}

// Validate reports the first malformed entry: a tie whose endpoints are
// out of range or equal, or a capability that is negative or infinite
// (missing capability must be NaN, never a sentinel).
func (y *Year) Validate() error {
	for i, s := range y.States {
		if math.IsInf(s.Capability, 0) || s.Capability < 0 {
			return fmt.Errorf("allnet: year %d: state %d (COW %d) has capability %v; use NaN for missing", y.Year, i, s.COW, s.Capability)
		}
	}
	n := len(y.States)
	for k, t := range y.Ties {
		if t.A < 0 || t.A >= n || t.B < 0 || t.B >= n {
			return fmt.Errorf("allnet: year %d: tie %d (%d, %d) is outside the %d states", y.Year, k, t.A, t.B, n)
		}
		if t.A == t.B {
			return fmt.Errorf("allnet: year %d: tie %d binds state %d to itself", y.Year, k, t.A)
		}
	}
	return nil
}

// Clique expands a multilateral alliance into its dyadic ties: one Tie for
// each pair of members, all carrying the alliance id and obligations.
// Duplicate member indexes are ignored.
func Clique(members []int, alliance int, o Obligation) []Tie {
	uniq := make([]int, 0, len(members))
	seen := make(map[int]bool, len(members))
	for _, m := range members {
		if !seen[m] {
			seen[m] = true
			uniq = append(uniq, m)
		}
	}
	ties := make([]Tie, 0, len(uniq)*(len(uniq)-1)/2)
	for i, a := range uniq {
		for _, b := range uniq[i+1:] {
			ties = append(ties, Tie{A: a, B: b, Alliance: alliance, Obligations: o})
		}
	}
	return ties
}

// known reports whether a capability value is present.
func known(c float64) bool { return !math.IsNaN(c) }
