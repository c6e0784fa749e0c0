package bargain

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
)

// Split is the problem of dividing Total among n parties, each with a
// reservation value: on the benefit side (Cost false) the least share a
// party accepts rather than its best alternative; on the cost side (a
// contribution schedule, Cost true) the most a party will pay towards
// Total. A split gives every party an amount; the amounts add up to
// Total.
type Split struct {
	Total        float64   // what is divided
	Reservations []float64 // one per party, in party order
	Cost         bool      // amounts are payments (at most the reservation), not shares (at least)
}

// ErrTooFewParties: a split needs at least two parties.
var ErrTooFewParties = errors.New("bargain: a split needs at least two parties")

// Surplus is what the parties gain together by agreeing: Total minus the
// sum of reservations on the benefit side, the sum of reservations
// (maxima) minus Total on the cost side. It is negative when the zone of
// possible agreement is empty.
func (p Split) Surplus() float64 {
	sum := 0.0
	for _, r := range p.Reservations {
		sum += r
	}
	if p.Cost {
		return sum - p.Total
	}
	return p.Total - sum
}

// ZOPA reports whether a zone of possible agreement exists: some split
// gives every party at least its reservation (benefits) or asks none for
// more than its maximum (costs), i.e. the surplus is not negative.
func (p Split) ZOPA() bool { return p.Surplus() >= 0 }

func (p Split) check() error {
	if len(p.Reservations) < 2 {
		return ErrTooFewParties
	}
	if !(p.Total > 0) || math.IsInf(p.Total, 0) {
		return fmt.Errorf("bargain: total must be positive and finite, got %v", p.Total)
	}
	for i, r := range p.Reservations {
		if !(r >= 0 && r <= p.Total) {
			return fmt.Errorf("bargain: reservation %d must be from 0 to the total %v, got %v", i, p.Total, r)
		}
	}
	if !p.ZOPA() {
		return ErrNoZOPA
	}
	return nil
}

// give returns the amounts that hand party i the part g[i] of the surplus:
// r + g on the benefit side, r − g on the cost side.
func (p Split) give(g []float64) []float64 {
	out := make([]float64, len(g))
	for i, gi := range g {
		if p.Cost {
			out[i] = p.Reservations[i] - gi
		} else {
			out[i] = p.Reservations[i] + gi
		}
	}
	return out
}

// caps returns the most each party can gain over its reservation: on the
// cost side its maximum (it pays no less than nothing), on the benefit
// side the whole surplus.
func (p Split) caps() []float64 {
	s := p.Surplus()
	c := make([]float64, len(p.Reservations))
	for i, r := range p.Reservations {
		c[i] = s
		if p.Cost {
			c[i] = min(r, s)
		}
	}
	return c
}

// Nash returns the Nash bargaining solution: the amounts maximising the
// product of the parties' gains over their reservations, where the gains
// add up to the surplus and none exceeds what the party can gain (on the
// cost side, its maximum: nobody is paid to take part). The maximiser
// gives every party the same gain λ, or all it can gain when that is less
// (water-filling: g_i = min(cap_i, λ) with Σ g_i = S). With no surplus
// the only split is the reservations themselves. It fails with ErrNoZOPA
// when the zone is empty.
func (p Split) Nash() ([]float64, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	caps, s := p.caps(), p.Surplus()
	order := make([]int, len(caps))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmpFloat(caps[a], caps[b]) })
	g := make([]float64, len(caps))
	left := s
	for k, i := range order {
		share := left / float64(len(order)-k)
		g[i] = min(caps[i], share)
		left -= g[i]
	}
	return p.give(g), nil
}

// KalaiSmorodinsky returns the Kalai–Smorodinsky solution: the frontier
// point on the segment from the reservations to the ideal point, where
// each party's ideal is the most it can gain (the surplus, or on the cost
// side its maximum when that is less): gains proportional to the ideal
// gains. Where no cap binds it coincides with Nash (equal gains); where
// one does it gives less to the capped party's partners than Nash.
func (p Split) KalaiSmorodinsky() ([]float64, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	caps, s := p.caps(), p.Surplus()
	sum := 0.0
	for _, c := range caps {
		sum += c
	}
	g := make([]float64, len(caps))
	for i, c := range caps {
		if sum > 0 {
			g[i] = c * s / sum
		}
	}
	return p.give(g), nil
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// MaxDraws is how many weight draws Draw tries before giving up: on the
// cost side a draw is kept only when no party's gain exceeds its maximum,
// and a party whose maximum is a tiny part of the surplus makes most draws
// fail (with three parties, one whose maximum is under 1/8,000 of the
// surplus).
const MaxDraws = 1 << 12

// ErrNoDraw: MaxDraws draws all asked some party to pay less than nothing.
var ErrNoDraw = errors.New("bargain: no drawn split within the maxima after MaxDraws tries")

// Draw returns the sealed split for seed: party i gets the part w_i of the
// surplus over its reservation, for weights w uniform on the simplex
// (Weights, from seed and then from SHA-256(seed, attempt) while a gain
// exceeds its party's cap), so the gains are uniform on the feasible
// splits. A party that can gain nothing (on the cost side, a maximum of
// 0) gets its reservation and no weight. Because the seed comes from
// randomness the parties cannot read, the split bounds the others' values
// without revealing them (see the package documentation, "Sealed
// splits"). It fails with ErrNoZOPA when the zone is empty.
func (p Split) Draw(seed [32]byte) ([]float64, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	caps, s := p.caps(), p.Surplus()
	var open []int // the parties that can gain
	for i, c := range caps {
		if c > 0 {
			open = append(open, i)
		}
	}
	g := make([]float64, len(caps))
	if len(open) == 0 {
		return p.give(g), nil
	}
	for attempt := range MaxDraws {
		w := Weights(attemptSeed(seed, attempt), len(open))
		ok := true
		for k, i := range open {
			g[i] = w[k] * s
			ok = ok && g[i] <= caps[i]
		}
		if ok {
			return p.give(g), nil
		}
	}
	return nil, ErrNoDraw
}

func attemptSeed(seed [32]byte, attempt int) [32]byte {
	if attempt == 0 {
		return seed
	}
	var buf [40]byte
	copy(buf[:], seed[:])
	binary.BigEndian.PutUint64(buf[32:], uint64(attempt))
	return sha256.Sum256(buf[:])
}

// Drawn returns the split that gives party i the part w[i] of the surplus
// over its reservation, for given weights on the simplex; Draw draws them.
func (p Split) Drawn(w []float64) ([]float64, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	if len(w) != len(p.Reservations) {
		return nil, fmt.Errorf("bargain: %d weights for %d parties", len(w), len(p.Reservations))
	}
	s := p.Surplus()
	g := make([]float64, len(w))
	for i, wi := range w {
		g[i] = wi * s
	}
	return p.give(g), nil
}

// Seed derives a split's seed from a label (such as the pact and the
// bargaining) and every party's secret salt, in party order: SHA-256 over
// the length-prefixed parts. Each party draws its salt at random and
// keeps it where the other parties cannot read it, so none of them can
// compute the seed, and none can steer it without knowing the others'.
func Seed(label string, salts []string) [32]byte {
	h := sha256.New()
	var n [8]byte
	for _, part := range append([]string{"entente sealed split v1", label}, salts...) {
		binary.BigEndian.PutUint64(n[:], uint64(len(part)))
		h.Write(n[:])
		h.Write([]byte(part))
	}
	var out [32]byte
	copy(out[:], h.Sum(nil))
	return out
}

// Weights returns n weights drawn uniformly from the simplex (each ≥ 0,
// adding up to 1) from seed, deterministically: the spacings of n − 1
// uniform numbers in [0, 1), each the top 53 bits of SHA-256(seed, i),
// sorted. Only integer and exactly rounded arithmetic is used, so every
// platform draws the same weights.
func Weights(seed [32]byte, n int) []float64 {
	if n < 1 {
		return nil
	}
	cuts := make([]float64, 0, n+1)
	cuts = append(cuts, 0)
	var buf [40]byte
	copy(buf[:], seed[:])
	for i := range n - 1 {
		binary.BigEndian.PutUint64(buf[32:], uint64(i))
		sum := sha256.Sum256(buf[:])
		cuts = append(cuts, float64(binary.BigEndian.Uint64(sum[:8])>>11)/(1<<53))
	}
	slices.Sort(cuts[1:])
	cuts = append(cuts, 1)
	w := make([]float64, n)
	for i := range w {
		w[i] = cuts[i+1] - cuts[i]
	}
	return w
}
