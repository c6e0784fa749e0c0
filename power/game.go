package power

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"slices"
	"strconv"
	"strings"
)

// Game is a simple voting game on the players 0..N()-1. Wins reports whether
// the coalition whose members are marked true wins. Every game in this
// package is monotone (a superset of a winning coalition wins) and the empty
// coalition loses; user implementations must be monotone too, or the indices
// computed by enumeration lose their meaning.
type Game interface {
	N() int
	Wins(coalition []bool) bool
}

// ErrEmptyGame is returned for a game without players.
var ErrEmptyGame = errors.New("power: game has no players")

// maxWeightTotal bounds the sum of the weights of one layer so that sums of
// a total, a quota and one more weight never overflow int64.
const maxWeightTotal = math.MaxInt64 / 4

// Weighted is a weighted majority game [q; w1..wn]: a coalition wins when the
// sum of its members' weights is at least the quota q. Create it with
// NewWeighted; the zero value is not usable.
type Weighted struct {
	quota   int64
	weights []int64
	total   int64
}

// NewWeighted returns the weighted majority game [quota; weights...]. Weights
// must be non-negative, the quota at least 1 (so the empty coalition loses)
// and at most the total weight (so the grand coalition wins). The weights are
// copied.
func NewWeighted(quota int64, weights []int64) (*Weighted, error) {
	total, err := checkWeights(weights, "weight")
	if err != nil {
		return nil, err
	}
	if err := checkQuota(quota, total, ""); err != nil {
		return nil, err
	}
	return &Weighted{quota: quota, weights: slices.Clone(weights), total: total}, nil
}

// Unanimity returns the game of n players in which only the grand coalition
// wins ([n; 1,...,1]): every player holds a veto.
func Unanimity(n int) (*Weighted, error) {
	if n < 1 {
		return nil, ErrEmptyGame
	}
	w := make([]int64, n)
	for i := range w {
		w[i] = 1
	}
	return NewWeighted(int64(n), w)
}

// checkWeights validates one weight vector and returns its total. what names
// the vector in error messages.
func checkWeights(weights []int64, what string) (int64, error) {
	if len(weights) == 0 {
		return 0, ErrEmptyGame
	}
	var total int64
	for i, w := range weights {
		if w < 0 {
			return 0, fmt.Errorf("power: %s of player %d is negative (%d)", what, i, w)
		}
		if w > maxWeightTotal-total {
			return 0, fmt.Errorf("power: total %s exceeds %d", what, int64(maxWeightTotal))
		}
		total += w
	}
	return total, nil
}

// checkQuota validates a quota against its layer's total; layer is a prefix
// for error messages ("" or "layer 2: ").
func checkQuota(quota, total int64, layer string) error {
	if quota < 1 {
		return fmt.Errorf("power: %squota %d must be at least 1 (otherwise the empty coalition wins)", layer, quota)
	}
	if quota > total {
		return fmt.Errorf("power: %squota %d exceeds the total weight %d (no coalition could win)", layer, quota, total)
	}
	return nil
}

// N returns the number of players.
func (g *Weighted) N() int { return len(g.weights) }

// Quota returns the quota q.
func (g *Weighted) Quota() int64 { return g.quota }

// Total returns the sum of the weights.
func (g *Weighted) Total() int64 { return g.total }

// Weights returns a copy of the weights.
func (g *Weighted) Weights() []int64 { return slices.Clone(g.weights) }

// Wins reports whether the coalition's weight reaches the quota.
func (g *Weighted) Wins(coalition []bool) bool {
	var s int64
	for i, in := range coalition {
		if in {
			s += g.weights[i]
		}
	}
	return s >= g.quota
}

// String formats the game as "[q; w1,w2,...]".
func (g *Weighted) String() string {
	var b strings.Builder
	b.WriteString("[")
	b.WriteString(strconv.FormatInt(g.quota, 10))
	b.WriteString(";")
	for i, w := range g.weights {
		if i > 0 {
			b.WriteString(",")
		} else {
			b.WriteString(" ")
		}
		b.WriteString(strconv.FormatInt(w, 10))
	}
	b.WriteString("]")
	return b.String()
}

// Layer is one weight vector of a multiple-weight game with its quota.
type Layer struct {
	Quota   int64
	Weights []int64
}

// MultiWeighted is a multiple weighted majority game: a coalition wins when it
// meets the quota of every layer, or, if MinBlockers > 0, when its complement
// has fewer than MinBlockers members (a blocking minority needs at least
// MinBlockers players, as in the EU Council). Create it with NewMultiWeighted.
type MultiWeighted struct {
	layers      []Layer
	totals      []int64
	minBlockers int
}

// NewMultiWeighted returns the game in which a coalition wins if it reaches
// every layer's quota, or if its complement has fewer than minBlockers
// members (minBlockers 0 disables that clause). All layers must have the same
// number of players; weights and quotas are checked as in NewWeighted.
func NewMultiWeighted(layers []Layer, minBlockers int) (*MultiWeighted, error) {
	if len(layers) == 0 {
		return nil, errors.New("power: multiple-weight game has no layers")
	}
	n := len(layers[0].Weights)
	g := &MultiWeighted{minBlockers: minBlockers}
	for l, ly := range layers {
		if len(ly.Weights) != n {
			return nil, fmt.Errorf("power: layer %d has %d weights, layer 0 has %d", l, len(ly.Weights), n)
		}
		total, err := checkWeights(ly.Weights, fmt.Sprintf("layer %d weight", l))
		if err != nil {
			return nil, err
		}
		if err := checkQuota(ly.Quota, total, fmt.Sprintf("layer %d: ", l)); err != nil {
			return nil, err
		}
		g.layers = append(g.layers, Layer{Quota: ly.Quota, Weights: slices.Clone(ly.Weights)})
		g.totals = append(g.totals, total)
	}
	if minBlockers < 0 || minBlockers > n {
		return nil, fmt.Errorf("power: minimum blocking minority %d outside [0, %d]", minBlockers, n)
	}
	return g, nil
}

// EUCouncil returns the EU Council qualified-majority rule of the Lisbon
// Treaty (Art. 16(4) TEU, in force since 1 November 2014) for member states
// with the given populations: a coalition wins with at least 55% of the
// members, comprising at least fifteen of them, representing at least 65% of
// the population; a blocking minority must include at least four members,
// failing which the qualified majority is deemed attained.
func EUCouncil(populations []int64) (*MultiWeighted, error) {
	n := len(populations)
	if n < 15 {
		return nil, fmt.Errorf("power: EU Council rule needs at least 15 members, got %d", n)
	}
	total, err := checkWeights(populations, "population")
	if err != nil {
		return nil, err
	}
	members, _ := QuotaShare(int64(n), 55, 100)
	members = max(members, 15)
	pop, err := QuotaShare(total, 65, 100)
	if err != nil {
		return nil, err
	}
	ones := make([]int64, n)
	for i := range ones {
		ones[i] = 1
	}
	return NewMultiWeighted([]Layer{{Quota: members, Weights: ones}, {Quota: pop, Weights: populations}}, 4)
}

// QuotaShare returns the smallest integer quota that is at least num/den of
// total, i.e. ceil(total*num/den), computed without overflow. For example
// QuotaShare(447_319_916, 65, 100) is the EU population threshold.
func QuotaShare(total, num, den int64) (int64, error) {
	if total < 0 || num < 0 || den <= 0 {
		return 0, fmt.Errorf("power: invalid quota share %d/%d of %d", num, den, total)
	}
	p := new(big.Int).Mul(big.NewInt(total), big.NewInt(num))
	d := big.NewInt(den)
	q, r := new(big.Int).QuoRem(p, d, new(big.Int))
	if r.Sign() != 0 {
		q.Add(q, big.NewInt(1))
	}
	if !q.IsInt64() {
		return 0, fmt.Errorf("power: quota share %d/%d of %d overflows int64", num, den, total)
	}
	return q.Int64(), nil
}

// N returns the number of players.
func (g *MultiWeighted) N() int { return len(g.layers[0].Weights) }

// Layers returns a copy of the layers.
func (g *MultiWeighted) Layers() []Layer {
	out := make([]Layer, len(g.layers))
	for i, l := range g.layers {
		out[i] = Layer{Quota: l.Quota, Weights: slices.Clone(l.Weights)}
	}
	return out
}

// MinBlockers returns the minimum size of a blocking minority (0 if none).
func (g *MultiWeighted) MinBlockers() int { return g.minBlockers }

// Wins reports whether the coalition meets every quota or leaves fewer than
// MinBlockers players outside.
func (g *MultiWeighted) Wins(coalition []bool) bool {
	size := 0
	for _, in := range coalition {
		if in {
			size++
		}
	}
	if g.minBlockers > 0 && g.N()-size < g.minBlockers {
		return true
	}
	for _, l := range g.layers {
		var s int64
		for i, in := range coalition {
			if in {
				s += l.Weights[i]
			}
		}
		if s < l.Quota {
			return false
		}
	}
	return true
}

// MinimalWinning is a simple game given by its minimal winning coalitions: a
// coalition wins when it contains one of them. Create it with
// NewMinimalWinning.
type MinimalWinning struct {
	n     int
	words int
	mwc   [][]uint64 // bitsets, each of length words
}

// NewMinimalWinning returns the game on n players whose winning coalitions are
// the supersets of the given coalitions (lists of player indices). Duplicate
// players and coalitions are ignored and coalitions that contain another
// listed coalition are dropped, so the stored list is exactly the minimal
// winning coalitions. The empty coalition is rejected (it would make every
// coalition win), as is an empty list (no coalition would win).
func NewMinimalWinning(n int, coalitions [][]int) (*MinimalWinning, error) {
	if n < 1 {
		return nil, ErrEmptyGame
	}
	if len(coalitions) == 0 {
		return nil, errors.New("power: no winning coalitions given")
	}
	g := &MinimalWinning{n: n, words: (n + 63) / 64}
	sets := make([][]uint64, 0, len(coalitions))
	for c, members := range coalitions {
		if len(members) == 0 {
			return nil, fmt.Errorf("power: coalition %d is empty", c)
		}
		set := make([]uint64, g.words)
		for _, p := range members {
			if p < 0 || p >= n {
				return nil, fmt.Errorf("power: coalition %d names player %d outside [0, %d)", c, p, n)
			}
			set[p/64] |= 1 << (p % 64)
		}
		sets = append(sets, set)
	}
	// Smaller sets first, so a set is only ever compared with possible subsets.
	slices.SortStableFunc(sets, func(a, b []uint64) int { return popcount(a) - popcount(b) })
	for _, s := range sets {
		if !g.containsWinning(s) {
			g.mwc = append(g.mwc, s)
		}
	}
	return g, nil
}

func popcount(set []uint64) int {
	c := 0
	for _, w := range set {
		c += bits.OnesCount64(w)
	}
	return c
}

// containsWinning reports whether set contains one of the stored coalitions.
func (g *MinimalWinning) containsWinning(set []uint64) bool {
	for _, m := range g.mwc {
		sub := true
		for k, w := range m {
			if w&^set[k] != 0 {
				sub = false
				break
			}
		}
		if sub {
			return true
		}
	}
	return false
}

// N returns the number of players.
func (g *MinimalWinning) N() int { return g.n }

// Coalitions returns the minimal winning coalitions as sorted player lists.
func (g *MinimalWinning) Coalitions() [][]int {
	out := make([][]int, len(g.mwc))
	for c, set := range g.mwc {
		for p := range g.n {
			if set[p/64]>>(p%64)&1 == 1 {
				out[c] = append(out[c], p)
			}
		}
	}
	return out
}

// Wins reports whether the coalition contains a minimal winning coalition.
func (g *MinimalWinning) Wins(coalition []bool) bool {
	set := make([]uint64, g.words)
	for i, in := range coalition {
		if in {
			set[i/64] |= 1 << (i % 64)
		}
	}
	return g.containsWinning(set)
}
