package bargain

import (
	"errors"
	"fmt"
	"math"
)

// Point is a pair of utilities: U1 for party 1 and U2 for party 2.
type Point struct {
	U1 float64 `json:"u1"` // party 1's utility
	U2 float64 `json:"u2"` // party 2's utility
}

// Dominates reports whether p is at least as good as q for both parties and
// strictly better for one.
func (p Point) Dominates(q Point) bool {
	return p.U1 >= q.U1 && p.U2 >= q.U2 && (p.U1 > q.U1 || p.U2 > q.U2)
}

// Deal is one possible agreement and what it is worth to each party.
type Deal struct {
	Name  string `json:"name,omitempty"` // a label for reports; not used in computations
	Point        // what the deal is worth to each party
}

// Share is one deal of a lottery and its probability.
type Share struct {
	Deal int     `json:"deal"` // index into the deals given
	P    float64 `json:"p"`    // probability in [0, 1]
}

// Solution is an outcome of bargaining over lotteries: the expected
// utilities and the lottery over deals that yields them (one deal with
// probability 1, or two adjacent deals of the Pareto frontier).
type Solution struct {
	Point           // expected utilities
	Lottery []Share `json:"lottery"` // probabilities sum to 1
}

// Interval is a closed interval [Lo, Hi] of prices.
type Interval struct {
	Lo float64 `json:"lo"` // lowest acceptable price (the seller's reservation)
	Hi float64 `json:"hi"` // highest acceptable price (the buyer's reservation)
}

// Errors returned when a problem has no solution.
var (
	// ErrNoDeals: the deal set is empty.
	ErrNoDeals = errors.New("bargain: no deals")
	// ErrNoZOPA: no feasible outcome is acceptable (u ≥ d) to both parties.
	ErrNoZOPA = errors.New("bargain: the zone of possible agreement is empty")
	// ErrNoSurplus: acceptable outcomes exist but none gives both parties
	// strictly more than their BATNA, so the solution is undefined.
	ErrNoSurplus = errors.New("bargain: no outcome gives both parties more than their BATNA")
)

// PriceZOPA returns the zone of possible agreement on price between a
// seller who will not accept less than seller and a buyer who will not pay
// more than buyer: [seller, buyer], and false when seller > buyer (no
// price suits both). A price equal to a reservation point is acceptable.
func PriceZOPA(seller, buyer float64) (Interval, bool) {
	if math.IsNaN(seller) || math.IsNaN(buyer) || seller > buyer {
		return Interval{}, false
	}
	return Interval{Lo: seller, Hi: buyer}, true
}

// ZOPA returns the indices of the deals both parties weakly prefer to their
// BATNA (u1 ≥ batna.U1 and u2 ≥ batna.U2), in order; none when the zone is
// empty.
func ZOPA(deals []Deal, batna Point) []int {
	var in []int
	for i, d := range deals {
		if acceptable(d.Point, batna) {
			in = append(in, i)
		}
	}
	return in
}

func acceptable(u, d Point) bool { return u.U1 >= d.U1 && u.U2 >= d.U2 }

// product is the Nash product of u over d.
func product(u, d Point) float64 { return (u.U1 - d.U1) * (u.U2 - d.U2) }

// NashDeal returns the index of the deal that maximises the Nash product
// (u1 − d1)(u2 − d2) among the deals acceptable to both, without
// randomisation; ties go to the lowest index. It fails with ErrNoZOPA when
// no deal is acceptable and ErrNoSurplus when every acceptable deal leaves
// a party at its BATNA.
func NashDeal(deals []Deal, batna Point) (int, error) {
	if err := check(deals, batna); err != nil {
		return -1, err
	}
	best, bestN := -1, 0.0
	for _, i := range ZOPA(deals, batna) {
		if n := product(deals[i].Point, batna); best < 0 || n > bestN {
			best, bestN = i, n
		}
	}
	switch {
	case best < 0:
		return -1, ErrNoZOPA
	case bestN <= 0:
		return -1, ErrNoSurplus
	}
	return best, nil
}

// check validates the inputs common to every solver.
func check(deals []Deal, batna Point) error {
	if len(deals) == 0 {
		return ErrNoDeals
	}
	if !finite(batna) {
		return fmt.Errorf("bargain: BATNA utilities must be finite, got (%v, %v)", batna.U1, batna.U2)
	}
	for i, d := range deals {
		if !finite(d.Point) {
			return fmt.Errorf("bargain: deal %d (%q): utilities must be finite, got (%v, %v)", i, d.Name, d.U1, d.U2)
		}
	}
	return nil
}

func finite(p Point) bool {
	return !math.IsNaN(p.U1) && !math.IsInf(p.U1, 0) && !math.IsNaN(p.U2) && !math.IsInf(p.U2, 0)
}
