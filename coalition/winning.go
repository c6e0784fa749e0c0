package coalition

import (
	"fmt"
	"math/bits"
	"slices"

	"github.com/entente/entente/power"
)

// MinimalWinning returns the minimal winning coalitions of a decision rule
// given as a power.Game (a weighted rule, a double majority with blocking
// minority, or a game given by its minimal winning coalitions): the winning
// coalitions every one of whose members is critical, as masks in increasing
// order. The rule's own Wins decides; the winning coalitions are tabulated in
// one Gray-code pass (2^n bits; weighted rules are summed incrementally from
// their weights) and each winning coalition is then checked member by member
// against the table. O(n·2^n) time, n ≤ MaxTablePlayers. The count agrees
// with power.Analyze's Result.MinimalWinning.
func MinimalWinning(g power.Game) ([]uint64, error) {
	if g == nil {
		return nil, fmt.Errorf("%w: nil voting rule", ErrInput)
	}
	n := g.N()
	if n < 1 || n > MaxTablePlayers {
		return nil, fmt.Errorf("%w: listing winning coalitions of %d players (1 to %d)", ErrPlayers, n, MaxTablePlayers)
	}
	if mwc, ok := g.(*power.MinimalWinning); ok {
		// Already stored minimal: convert rather than enumerate.
		var out []uint64
		for _, c := range mwc.Coalitions() {
			out = append(out, Mask(c...))
		}
		slices.Sort(out)
		return out, nil
	}
	win := winBits(g)
	wins := func(s uint64) bool { return win[s/64]>>(s%64)&1 == 1 }
	var out []uint64
	for s := uint64(1); s < 1<<n; s++ {
		if !wins(s) {
			continue
		}
		minimal := true
		for m := s; m != 0 && minimal; m &= m - 1 {
			minimal = !wins(s &^ (1 << bits.TrailingZeros64(m)))
		}
		if minimal {
			out = append(out, s)
		}
	}
	return out, nil
}

// winBits returns the bitset of winning coalitions of g, visiting the
// coalitions in Gray-code order so that a weighted rule's weight sum changes
// by one weight per step and other rules reuse one []bool.
func winBits(g power.Game) []uint64 {
	n := g.N()
	table := make([]uint64, max(1, (1<<n)/64))
	set := func(s uint64) { table[s/64] |= 1 << (s % 64) }
	if w, ok := g.(*power.Weighted); ok {
		weights, quota := w.Weights(), w.Quota()
		var sum int64
		for k := uint64(1); k < 1<<n; k++ {
			j := bits.TrailingZeros64(k)
			gray := k ^ k>>1
			if gray>>j&1 == 1 {
				sum += weights[j]
			} else {
				sum -= weights[j]
			}
			if sum >= quota {
				set(gray)
			}
		}
		return table
	}
	in := make([]bool, n)
	for k := uint64(0); k < 1<<n; k++ {
		gray := k ^ k>>1
		if k > 0 {
			j := bits.TrailingZeros64(k)
			in[j] = !in[j]
		}
		if g.Wins(in) {
			set(gray)
		}
	}
	return table
}
