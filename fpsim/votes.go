package fpsim

import (
	"fmt"
	"math"
	"math/bits"
)

// VoteScores holds every UN-vote measure of one dyad over the N roll calls
// where both states voted yes, abstain or no. The table measures read the
// votes as the ordinal scale yes < abstain < no (Δmax = 2).
type VoteScores struct {
	Scores
	Agree     float64 // share of roll calls with identical votes
	AgreeHalf float64 // as Agree, but yes or no against abstain counts one half
}

// VoteDyad is one dyad's result in an all-dyads run: the dense indexes
// I < J of the two countries and their scores.
type VoteDyad struct {
	I, J int32
	VoteScores
}

// voteScores adds the agreement shares to the table measures of a 3×3
// vote table (yes 0, abstain 1, no 2).
func voteScores(t *Table) VoteScores {
	s := VoteScores{Scores: t.scores(), Agree: math.NaN(), AgreeHalf: math.NaN()}
	if s.N == 0 {
		return s
	}
	c := &t.Count
	same := c[0][0] + c[1][1] + c[2][2]
	half := c[0][1] + c[1][0] + c[1][2] + c[2][1]
	n := float64(s.N)
	s.Agree = float64(same) / n
	s.AgreeHalf = (float64(same) + float64(half)/2) / n
	return s
}

// CompareVotes computes every vote measure for one dyad from the two
// countries' vote codes (VoteYes … VoteNotMember) on the same roll calls.
// Roll calls where either country was absent or not a member are dropped;
// if none is left every measure is NaN.
func CompareVotes(x, y []int8) (VoteScores, error) {
	if len(x) != len(y) {
		return VoteScores{}, fmt.Errorf("fpsim: vote vectors of lengths %d and %d", len(x), len(y))
	}
	t := Table{Levels: 3}
	for r := range x {
		a, b := voteLevel(x[r]), voteLevel(y[r])
		if a == -2 || b == -2 {
			return VoteScores{}, fmt.Errorf("fpsim: vote code %d or %d at roll call %d is not a UN vote code", x[r], y[r], r)
		}
		if a >= 0 && b >= 0 {
			t.add(a, b)
		}
	}
	return voteScores(&t), nil
}

// VoteMatrix is a set of roll calls (typically one year's) packed for the
// all-dyads computation: for every country and each of yes, abstain and no,
// a bit per roll call. A dyad's 3×3 table is then nine popcounts of ANDed
// words, 64 roll calls at a time, and absent or non-member votes drop out
// by having no bit set. Build it with NewVoteMatrix; take subsets (important
// votes, one issue) with Subset.
type VoteMatrix struct {
	calls, countries, words int
	// bits[((c*words)+w)*3+v] holds roll calls 64w..64w+63 of country c
	// for vote v (yes 0, abstain 1, no 2); a country's three vectors are
	// interleaved so one dyad reads both countries' words in order.
	bits []uint64
}

// NewVoteMatrix packs a calls × countries matrix of vote codes, row-major
// by roll call: codes[r*countries+c] is country c's vote on roll call r.
// The codes are VoteYes, VoteAbstain, VoteNo, VoteAbsent and
// VoteNotMember; anything else is an error.
func NewVoteMatrix(calls, countries int, codes []int8) (*VoteMatrix, error) {
	if calls < 0 || countries < 0 || len(codes) != calls*countries {
		return nil, fmt.Errorf("fpsim: %d vote codes for %d roll calls × %d countries", len(codes), calls, countries)
	}
	m := newVoteMatrix(calls, countries)
	for r := range calls {
		row := codes[r*countries : (r+1)*countries]
		for c, code := range row {
			v := voteLevel(code)
			if v == -2 {
				return nil, fmt.Errorf("fpsim: vote code %d of country %d on roll call %d is not a UN vote code", code, c, r)
			}
			if v >= 0 {
				m.set(c, r, v)
			}
		}
	}
	return m, nil
}

func newVoteMatrix(calls, countries int) *VoteMatrix {
	words := (calls + 63) / 64
	return &VoteMatrix{calls: calls, countries: countries, words: words, bits: make([]uint64, countries*words*3)}
}

// set records country c's vote v on roll call r.
func (m *VoteMatrix) set(c, r int, v int8) {
	m.bits[(c*m.words+r/64)*3+int(v)] |= 1 << (r % 64)
}

// vote returns country c's ordinal vote on roll call r, -1 if none.
func (m *VoteMatrix) vote(c, r int) int8 {
	base := (c*m.words + r/64) * 3
	bit := uint64(1) << (r % 64)
	for v := range 3 {
		if m.bits[base+v]&bit != 0 {
			return int8(v)
		}
	}
	return -1
}

// Calls returns the number of roll calls.
func (m *VoteMatrix) Calls() int { return m.calls }

// Countries returns the number of countries.
func (m *VoteMatrix) Countries() int { return m.countries }

// Subset returns the matrix restricted to the roll calls r with keep[r]
// (len(keep) must be Calls()), renumbered in order: pass the important-vote
// flags, or the roll calls of one issue code. The kept calls are packed
// tightly, so a small subset costs a few words per dyad, not the full year.
func (m *VoteMatrix) Subset(keep []bool) (*VoteMatrix, error) {
	if len(keep) != m.calls {
		return nil, fmt.Errorf("fpsim: subset of %d flags for %d roll calls", len(keep), m.calls)
	}
	var kept []int
	for r, k := range keep {
		if k {
			kept = append(kept, r)
		}
	}
	s := newVoteMatrix(len(kept), m.countries)
	for c := range m.countries {
		for q, r := range kept {
			if v := m.vote(c, r); v >= 0 {
				s.set(c, q, v)
			}
		}
	}
	return s, nil
}

// Dyad computes every measure for countries i and j (i ≠ j, both in
// 0..Countries()-1).
func (m *VoteMatrix) Dyad(i, j int) VoteDyad {
	t := m.table(i, j)
	return VoteDyad{I: int32(i), J: int32(j), VoteScores: voteScores(&t)}
}

// Dyads computes every measure for all dyads i < j and calls fn with each,
// in (i, j) order, on the calling goroutine; fn's first error stops the
// run and is returned. The work is spread over opt.Workers goroutines.
func (m *VoteMatrix) Dyads(opt Options, fn func(VoteDyad) error) error {
	return forEachDyad(m.countries, opt.workers(), m.Dyad, fn)
}

// table tabulates the dyad's 3×3 vote table with popcounts. A roll call
// where either country has no yes/abstain/no bit is in none of the nine
// intersections, which is exactly the pairwise exclusion.
func (m *VoteMatrix) table(i, j int) Table {
	w := m.words
	bi := m.bits[i*w*3 : (i+1)*w*3]
	bj := m.bits[j*w*3 : (j+1)*w*3]
	var c [3][3]int
	for k := 0; k < len(bi); k += 3 {
		y1, a1, n1 := bi[k], bi[k+1], bi[k+2]
		y2, a2, n2 := bj[k], bj[k+1], bj[k+2]
		c[0][0] += bits.OnesCount64(y1 & y2)
		c[0][1] += bits.OnesCount64(y1 & a2)
		c[0][2] += bits.OnesCount64(y1 & n2)
		c[1][0] += bits.OnesCount64(a1 & y2)
		c[1][1] += bits.OnesCount64(a1 & a2)
		c[1][2] += bits.OnesCount64(a1 & n2)
		c[2][0] += bits.OnesCount64(n1 & y2)
		c[2][1] += bits.OnesCount64(n1 & a2)
		c[2][2] += bits.OnesCount64(n1 & n2)
	}
	t := Table{Levels: 3}
	for a := range 3 {
		for b := range 3 {
			t.Count[a][b] = int64(c[a][b])
		}
	}
	return t
}
