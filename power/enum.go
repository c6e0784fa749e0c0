package power

import (
	"fmt"
	"math/big"
	"math/bits"
	"sync/atomic"
)

// tally holds the exact raw quantities from which every index is derived.
// A nil slice means the quantity was not computed.
type tally struct {
	n        int
	swings   []*big.Int // η_i: coalitions S without i that lose while S+i wins
	ssNum    []*big.Int // Σ over those S of |S|!(n-1-|S|)!; Shapley-Shubik = ssNum/n!
	winning  *big.Int   // number of winning coalitions
	mwc      *big.Int   // number of minimal winning coalitions
	holler   []*big.Int // number of minimal winning coalitions containing i
	dp       []*big.Rat // Σ over minimal winning S containing i of 1/|S|
	johnston []*big.Rat // Σ over winning S in which i is critical of 1/(number critical in S)

	// The one-word paths give the Deegan-Packel and Johnston sums as
	// numerators over a common denominator instead (dp[i] = dpNum[i]/dpDen,
	// johnston[i] = johnstonNum[i]/lcm(1..n)), and same[i], the first
	// player whose raw counts equal i's (nil: none known), so that their
	// fractions are reduced once.
	dpNum, johnstonNum []*big.Int
	dpDen              *big.Int
	same               []int
	// generic keeps the old path's finishing (big.Rat fractions for every
	// index), the reference of the word paths' tests and benchmarks.
	generic bool
}

// sameWeight returns, for each player, the first player of equal weight.
func sameWeight(w []int64) []int {
	same := make([]int, len(w))
	if len(w) <= 64 {
		// Few players: open addressing in a table on the stack, each slot
		// the first player of a weight plus one (0: empty), beats a map and
		// a scan of the earlier players.
		var slot [128]int8
		for i, x := range w {
			h := uint64(x) * 0x9e3779b97f4a7c15 >> 57
			for slot[h] != 0 && w[slot[h]-1] != x {
				h = (h + 1) & 127
			}
			if slot[h] == 0 {
				slot[h] = int8(i + 1)
			}
			same[i] = int(slot[h] - 1)
		}
		return same
	}
	first := make(map[int64]int, len(w))
	for i, x := range w {
		j, ok := first[x]
		if !ok {
			first[x], j = i, i
		}
		same[i] = j
	}
	return same
}

// DefaultMaxEnumPlayers is the default largest number of players for which
// coalitions are enumerated (2^n of them); see Options.MaxEnumPlayers.
const DefaultMaxEnumPlayers = 27

// hardMaxEnumPlayers caps enumeration whatever the options say: 2^30
// coalitions already take a 128 MiB table and minutes of work.
const hardMaxEnumPlayers = 30

// winTable returns the bitset of winning coalitions, coalition S being the
// bit mask of its members. Coalitions are visited in Gray-code order so that
// the weighted games update their sums with one addition per step.
func winTable(g Game) []uint64 {
	n := g.N()
	table := make([]uint64, max(1, (1<<n)/64))
	set := func(s uint64) { table[s/64] |= 1 << (s % 64) }
	switch g := g.(type) {
	case *Weighted:
		var sum int64
		for k := uint64(1); k < 1<<n; k++ {
			j := bits.TrailingZeros64(k)
			gray := k ^ k>>1
			if gray>>j&1 == 1 {
				sum += g.weights[j]
			} else {
				sum -= g.weights[j]
			}
			if sum >= g.quota {
				set(gray)
			}
		}
	case *MultiWeighted:
		sums := make([]int64, len(g.layers))
		size := 0
		for k := uint64(1); k < 1<<n; k++ {
			j := bits.TrailingZeros64(k)
			gray := k ^ k>>1
			sign := int64(1)
			if gray>>j&1 == 0 {
				sign = -1
			}
			size += int(sign)
			win := true
			for l := range g.layers {
				sums[l] += sign * g.layers[l].Weights[j]
				win = win && sums[l] >= g.layers[l].Quota
			}
			if win || (g.minBlockers > 0 && n-size < g.minBlockers) {
				set(gray)
			}
		}
	case *MinimalWinning:
		// n <= 30 here, so each minimal winning coalition is one word.
		for s := uint64(1); s < 1<<n; s++ {
			for _, m := range g.mwc {
				if m[0]&^s == 0 {
					set(s)
					break
				}
			}
		}
	default:
		coal := make([]bool, n)
		for k := uint64(0); k < 1<<n; k++ {
			gray := k ^ k>>1
			if k > 0 {
				j := bits.TrailingZeros64(k)
				coal[j] = !coal[j]
			}
			if g.Wins(coal) {
				set(gray)
			}
		}
	}
	return table
}

// enumerate computes every raw quantity by visiting all 2^n coalitions. It is
// the reference the fast algorithms are tested against and the fallback for
// games without a faster method. Cost: O(2^n) Wins evaluations plus
// O(n 2^(n-1)) table look-ups; memory 2^n bits.
func enumerate(g Game, maxPlayers int) (*tally, error) {
	n := g.N()
	if n > maxPlayers {
		return nil, fmt.Errorf("%w: enumerating 2^%d coalitions exceeds the limit of %d players (Options.MaxEnumPlayers)", ErrTooLarge, n, maxPlayers)
	}
	table := winTable(g)
	win := func(s uint64) bool { return table[s/64]>>(s%64)&1 == 1 }
	// Counts indexed [player][size]: integer counters keep everything exact.
	ssCnt := make([][]uint64, n)   // by size of S without the player
	johnCnt := make([][]uint64, n) // by number of critical players
	dpCnt := make([][]uint64, n)   // by size of the minimal winning coalition
	for i := range n {
		ssCnt[i] = make([]uint64, n+1)
		johnCnt[i] = make([]uint64, n+1)
		dpCnt[i] = make([]uint64, n+1)
	}
	hol := make([]uint64, n)
	var winning, mwc uint64
	for s := uint64(0); s < 1<<n; s++ {
		if !win(s) {
			continue
		}
		winning++
		size := bits.OnesCount64(s)
		var crit uint64
		for m := s; m != 0; m &= m - 1 {
			j := bits.TrailingZeros64(m)
			if !win(s &^ (1 << j)) {
				crit |= 1 << j
			}
		}
		k := bits.OnesCount64(crit)
		for m := crit; m != 0; m &= m - 1 {
			j := bits.TrailingZeros64(m)
			ssCnt[j][size-1]++
			johnCnt[j][k]++
		}
		if crit == s {
			mwc++
			for m := s; m != 0; m &= m - 1 {
				j := bits.TrailingZeros64(m)
				hol[j]++
				dpCnt[j][size]++
			}
		}
	}
	t := &tally{n: n, winning: new(big.Int).SetUint64(winning), mwc: new(big.Int).SetUint64(mwc)}
	fact := factorials(n)
	for i := range n {
		sw, ss := new(big.Int), new(big.Int)
		jo, dp := new(big.Rat), new(big.Rat)
		for c := 0; c <= n; c++ {
			if v := ssCnt[i][c]; v > 0 && c < n {
				sw.Add(sw, new(big.Int).SetUint64(v))
				ss.Add(ss, new(big.Int).Mul(new(big.Int).SetUint64(v), ssCoef(fact, n, c)))
			}
			if v := johnCnt[i][c]; v > 0 {
				jo.Add(jo, new(big.Rat).SetFrac(new(big.Int).SetUint64(v), big.NewInt(int64(c))))
			}
			if v := dpCnt[i][c]; v > 0 {
				dp.Add(dp, new(big.Rat).SetFrac(new(big.Int).SetUint64(v), big.NewInt(int64(c))))
			}
		}
		t.swings = append(t.swings, sw)
		t.ssNum = append(t.ssNum, ss)
		t.johnston = append(t.johnston, jo)
		t.dp = append(t.dp, dp)
		t.holler = append(t.holler, new(big.Int).SetUint64(hol[i]))
	}
	return t, nil
}

// factorials returns 0!, 1!, ..., n!.
func factorials(n int) []*big.Int {
	f := make([]*big.Int, n+1)
	f[0] = big.NewInt(1)
	for k := 1; k <= n; k++ {
		f[k] = new(big.Int).Mul(f[k-1], big.NewInt(int64(k)))
	}
	return f
}

// factorial returns n!, shared: callers must not modify it.
func factorial(n int) *big.Int {
	if n >= len(factorialCache) {
		return new(big.Int).MulRange(1, int64(n))
	}
	if f := factorialCache[n].Load(); f != nil {
		return f
	}
	f := new(big.Int).MulRange(1, int64(n))
	factorialCache[n].Store(f)
	return f
}

// factorialCache keeps n! for the player counts of one-word games.
var factorialCache [64]atomic.Pointer[big.Int]

// ssCoef returns s!(n-1-s)!, the number of orderings of n players in which a
// given player comes right after a given set of s others.
func ssCoef(fact []*big.Int, n, s int) *big.Int {
	return new(big.Int).Mul(fact[s], fact[n-1-s])
}
