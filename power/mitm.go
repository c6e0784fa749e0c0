package power

import (
	"math/big"
	"math/bits"
	"slices"
)

// maxMITMPlayers bounds the meet-in-the-middle method: each player's
// computation enumerates two halves of 2^((n-1)/2) coalitions.
const maxMITMPlayers = 36

// mitmTally counts swings by size, and winning coalitions, of a threshold
// game whose weights are too large for a table over the weights (such as
// populations): for each player the other players are split into two
// halves, the weights of all coalitions of each half are listed by size and
// sorted, and the pairs whose total lies in the swing window are counted by
// a two-pointer sweep. Cost O(n^2 2^(n/2)) time, O(2^(n/2)) memory.
func mitmTally(th *threshold, idx Index) (*tally, error) {
	n := len(th.w)
	if n > maxMITMPlayers {
		return nil, &LimitError{Resource: "players", What: "meet in the middle", Need: int64(n), Limit: maxMITMPlayers, Indices: idx & (swingIndices | ShapleyShubikIndex)}
	}
	t := &tally{n: n}
	fact := factorials(n)
	others := make([]int, 0, n-1)
	for i := range n {
		others = others[:0]
		for j := range n {
			if j != i {
				others = append(others, j)
			}
		}
		h := len(others) / 2
		xa, xb := halfSums(th.w, others[:h]), halfSums(th.w, others[h:])
		bySize := make([]uint64, n)
		for sa, a := range xa {
			for sb, b := range xb {
				lo, hi := th.swingWindow(i, sa+sb)
				if lo <= hi {
					bySize[sa+sb] += pairsAtMost(a, b, hi) - pairsAtMost(a, b, lo-1)
				}
			}
		}
		sw, ss := new(big.Int), new(big.Int)
		for s, c := range bySize {
			bc := new(big.Int).SetUint64(c)
			sw.Add(sw, bc)
			ss.Add(ss, bc.Mul(bc, ssCoef(fact, n, s)))
		}
		t.swings = append(t.swings, sw)
		if idx&ShapleyShubikIndex != 0 {
			t.ssNum = append(t.ssNum, ss)
		}
	}
	if idx&ColemanIndices != 0 {
		all := make([]int, n)
		for j := range all {
			all[j] = j
		}
		xa, xb := halfSums(th.w, all[:n/2]), halfSums(th.w, all[n/2:])
		var win uint64
		for sa, a := range xa {
			for sb, b := range xb {
				win += uint64(len(a))*uint64(len(b)) - pairsAtMost(a, b, th.theta[sa+sb]-1)
			}
		}
		t.winning = new(big.Int).SetUint64(win)
	}
	return t, nil
}

// halfSums returns the weights of all coalitions of the given players,
// grouped by size and sorted.
func halfSums(w []int64, players []int) [][]int64 {
	h := len(players)
	sums := make([]int64, 1<<h)
	out := make([][]int64, h+1)
	out[0] = append(out[0], 0)
	for mask := 1; mask < 1<<h; mask++ {
		low := bits.TrailingZeros(uint(mask))
		sums[mask] = sums[mask&(mask-1)] + w[players[low]]
		size := bits.OnesCount(uint(mask))
		out[size] = append(out[size], sums[mask])
	}
	for _, s := range out {
		slices.Sort(s)
	}
	return out
}

// pairsAtMost counts the pairs (x in a, y in b) with x + y <= t; a and b are
// sorted ascending.
func pairsAtMost(a, b []int64, t int64) uint64 {
	var c uint64
	j := len(b) - 1
	for _, x := range a {
		for j >= 0 && x+b[j] > t {
			j--
		}
		if j < 0 {
			break
		}
		c += uint64(j + 1)
	}
	return c
}
