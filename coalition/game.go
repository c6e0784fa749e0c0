package coalition

import (
	"errors"
	"fmt"
	"math"
	"math/bits"

	"github.com/entente/entente/power"
)

// MaxPlayers is the largest number of players of any game: a coalition is a
// bit mask in a uint64.
const MaxPlayers = 64

// MaxTablePlayers is the largest game whose 2^n worths can be tabulated, and
// so the limit of every exact method (Shapley, core, coalition structures).
// A table of 2^30 float64 values takes 8 GiB.
const MaxTablePlayers = 30

// Errors returned (wrapped, with details) by the constructors and methods.
var (
	// ErrPlayers reports a number of players out of range.
	ErrPlayers = errors.New("coalition: number of players out of range")
	// ErrEmptyWorth reports a game whose empty coalition is not worth 0.
	ErrEmptyWorth = errors.New("coalition: the empty coalition must be worth 0")
	// ErrNotFinite reports a worth or parameter that is NaN or infinite.
	ErrNotFinite = errors.New("coalition: value is not finite")
	// ErrTooLarge reports a game too large for the method asked for.
	ErrTooLarge = errors.New("coalition: game too large for this method")
	// ErrInput reports any other invalid argument.
	ErrInput = errors.New("coalition: invalid input")
)

// Game is a transferable-utility cooperative game in characteristic-function
// form: n players 0..n-1 and a worth v(S) for every coalition S, a bit mask
// with bit i set when player i is a member. v(∅) = 0. A Game is immutable and
// safe for concurrent use. It holds either a table of the 2^n worths or a
// formula evaluated on demand; the exact methods tabulate a formula first.
type Game struct {
	n     int
	table []float64              // len 1<<n, or nil for a formula game
	fn    func(s uint64) float64 // nil for a table game
	// unitRange records that every marginal contribution lies in [0, 1]
	// (monotone simple games), which gives sampling a guaranteed bound.
	unitRange bool
}

// NewTable returns the game on n players (1 ≤ n ≤ MaxTablePlayers) whose worth
// of coalition S is values[S]. values must have exactly 2^n finite entries
// with values[0] = 0; it is copied.
func NewTable(n int, values []float64) (*Game, error) {
	if n < 1 || n > MaxTablePlayers {
		return nil, fmt.Errorf("%w: table game needs 1 to %d players, got %d", ErrPlayers, MaxTablePlayers, n)
	}
	if len(values) != 1<<n {
		return nil, fmt.Errorf("%w: %d players need 2^%d = %d worths, got %d", ErrInput, n, n, 1<<n, len(values))
	}
	if values[0] != 0 {
		return nil, fmt.Errorf("%w: v(∅) = %v", ErrEmptyWorth, values[0])
	}
	for s, x := range values {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("%w: v(%b) = %v", ErrNotFinite, s, x)
		}
	}
	return &Game{n: n, table: append([]float64(nil), values...)}, nil
}

// NewFunc returns the game on n players (1 ≤ n ≤ MaxPlayers) whose worth of
// coalition S is v(S). v must be deterministic and safe for concurrent use;
// v(0) must be 0, which is checked. Worths are computed on demand (sampling
// calls v about n times per permutation); exact methods call v once per
// coalition, so n ≤ MaxTablePlayers, and reject non-finite worths.
func NewFunc(n int, v func(mask uint64) float64) (*Game, error) {
	if n < 1 || n > MaxPlayers {
		return nil, fmt.Errorf("%w: need 1 to %d players, got %d", ErrPlayers, MaxPlayers, n)
	}
	if v == nil {
		return nil, fmt.Errorf("%w: nil worth function", ErrInput)
	}
	if x := v(0); x != 0 {
		return nil, fmt.Errorf("%w: v(∅) = %v", ErrEmptyWorth, x)
	}
	return &Game{n: n, fn: v}, nil
}

// Pool describes a pact in which members pool contributions: the worth of a
// coalition S is
//
//	v(S) = R(c(S)) + γ Σ_{i<j in S} c_i c_j,   c(S) = Σ_{i in S} c_i,
//
// where R is the return on the pooled total and γ (Synergy) the pairwise
// complementarity: γ > 0 when members' contributions are complements (each is
// worth more next to the others'), γ < 0 when they are substitutes.
type Pool struct {
	// Contributions holds each member's non-negative, finite contribution.
	Contributions []float64
	// Return maps the pooled total to its worth; nil means the identity (an
	// additive game). R(0) must be 0 and R finite on every coalition's total.
	Return func(total float64) float64
	// Synergy is γ, finite; 0 means no pairwise term.
	Synergy float64
}

// NewPool returns the game of a pool of contributions (see Pool). With R
// convex and γ ≥ 0 every marginal contribution grows with the coalition, so
// the game is convex: its core is non-empty and contains the Shapley value.
func NewPool(p Pool) (*Game, error) {
	n := len(p.Contributions)
	if n < 1 || n > MaxPlayers {
		return nil, fmt.Errorf("%w: a pool needs 1 to %d members, got %d", ErrPlayers, MaxPlayers, n)
	}
	c := append([]float64(nil), p.Contributions...)
	for i, x := range c {
		if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
			return nil, fmt.Errorf("%w: contribution %d is %v, want a finite value ≥ 0", ErrInput, i, x)
		}
	}
	if math.IsNaN(p.Synergy) || math.IsInf(p.Synergy, 0) {
		return nil, fmt.Errorf("%w: synergy %v", ErrNotFinite, p.Synergy)
	}
	ret := p.Return
	if ret == nil {
		ret = func(t float64) float64 { return t }
	}
	if r0 := ret(0); r0 != 0 {
		return nil, fmt.Errorf("%w: the return on a zero total is %v", ErrEmptyWorth, r0)
	}
	gamma := p.Synergy
	fn := func(s uint64) float64 {
		// Σ_{i<j} c_i c_j = ((Σc)² - Σc²)/2, one pass over the members.
		var sum, sq float64
		for m := s; m != 0; m &= m - 1 {
			x := c[bits.TrailingZeros64(m)]
			sum += x
			sq += x * x
		}
		return ret(sum) + gamma*(sum*sum-sq)/2
	}
	return &Game{n: n, fn: fn}, nil
}

// NewVoting returns the simple game of a voting rule: v(S) = 1 if S wins
// under g, 0 otherwise. The power package's games (weighted majority,
// multiple-weight rules such as a double majority, games given by minimal
// winning coalitions) are monotone, so every marginal contribution is 0 or 1;
// other implementations must be monotone too.
func NewVoting(g power.Game) (*Game, error) {
	if g == nil {
		return nil, fmt.Errorf("%w: nil voting rule", ErrInput)
	}
	n := g.N()
	if n < 1 || n > MaxPlayers {
		return nil, fmt.Errorf("%w: a voting rule needs 1 to %d players, got %d", ErrPlayers, MaxPlayers, n)
	}
	return &Game{n: n, fn: winsFunc(g), unitRange: true}, nil
}

// winsFunc adapts a voting rule to a worth function. Weighted games are
// evaluated from their weights directly, without allocating.
func winsFunc(g power.Game) func(uint64) float64 {
	if w, ok := g.(*power.Weighted); ok {
		weights, quota := w.Weights(), w.Quota()
		return func(s uint64) float64 {
			var sum int64
			for m := s; m != 0; m &= m - 1 {
				sum += weights[bits.TrailingZeros64(m)]
			}
			return b2f(sum >= quota)
		}
	}
	n := g.N()
	return func(s uint64) float64 {
		in := make([]bool, n)
		for m := s; m != 0; m &= m - 1 {
			in[bits.TrailingZeros64(m)] = true
		}
		return b2f(g.Wins(in))
	}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// N returns the number of players.
func (g *Game) N() int { return g.n }

// Grand returns the grand coalition N as a mask (the n lowest bits set).
func (g *Game) Grand() uint64 { return grand(g.n) }

func grand(n int) uint64 { return ^uint64(0) >> (64 - n) }

// Value returns the worth v(S) of coalition S. Bits beyond the players are
// ignored.
func (g *Game) Value(s uint64) float64 {
	s &= g.Grand()
	if g.table != nil {
		return g.table[s]
	}
	return g.fn(s)
}

// Tabulate returns a table-backed copy of g (g itself if it already is one),
// evaluating a formula once per coalition. It fails for more than
// MaxTablePlayers players or a non-finite worth.
func (g *Game) Tabulate() (*Game, error) {
	if g.table != nil {
		return g, nil
	}
	t, err := g.values()
	if err != nil {
		return nil, err
	}
	return &Game{n: g.n, table: t, unitRange: g.unitRange}, nil
}

// values returns the table of worths, shared with g when it has one (callers
// must not modify it).
func (g *Game) values() ([]float64, error) {
	if g.table != nil {
		return g.table, nil
	}
	if g.n > MaxTablePlayers {
		return nil, fmt.Errorf("%w: tabulating 2^%d coalitions (at most %d players)", ErrTooLarge, g.n, MaxTablePlayers)
	}
	t := make([]float64, 1<<g.n)
	for s := range t {
		x := g.fn(uint64(s))
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("%w: v(%b) = %v", ErrNotFinite, s, x)
		}
		t[s] = x
	}
	if t[0] != 0 {
		return nil, fmt.Errorf("%w: v(∅) = %v", ErrEmptyWorth, t[0])
	}
	return t, nil
}

// Mask returns the coalition of the given players. It panics on a player
// outside 0..63.
func Mask(players ...int) uint64 {
	var s uint64
	for _, p := range players {
		if p < 0 || p >= MaxPlayers {
			panic(fmt.Sprintf("coalition: player %d out of range", p))
		}
		s |= 1 << p
	}
	return s
}

// Members returns the players of coalition s in increasing order.
func Members(s uint64) []int {
	out := make([]int, 0, bits.OnesCount64(s))
	for m := s; m != 0; m &= m - 1 {
		out = append(out, bits.TrailingZeros64(m))
	}
	return out
}

// scaleOf returns max |v(S)|, or 1 when every worth is 0, so that dividing by
// it brings the worths into [-1, 1] for the LP solver's absolute tolerances.
func scaleOf(v []float64) float64 {
	m := 0.0
	for _, x := range v {
		m = max(m, math.Abs(x))
	}
	if m == 0 {
		return 1
	}
	return m
}
