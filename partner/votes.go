package partner

import (
	"strconv"

	"github.com/entente/entente"
	"github.com/entente/entente/dataset/unvotes"
	"github.com/entente/entente/fpsim"
)

// VoteAgreement computes, for Options.VoteAgreement, each candidate's UN
// General Assembly vote agreement with actor over the roll calls of the
// years from..to: Lijphart's index of agreement (fpsim AgreeHalf: the
// share of roll calls voted alike, a yes or no against an abstention
// counting half) over the roll calls both voted yes, no or abstain on.
// Actors are matched to the votes by their COW code (Codes["cow"], as
// package world sets it). A candidate without a code, without votes, or
// with fewer than MinRollCalls roll calls in common is left out, so its
// alignment falls back on positions or is unknown.
func VoteAgreement(m *unvotes.Matrix, actor *entente.Actor, candidates []*entente.Actor, from, to int) map[entente.ActorID]float64 {
	out := map[entente.ActorID]float64{}
	lo, hi := rollCallRange(m, from, to)
	u, ok := voteRow(m, actor, lo, hi)
	if !ok {
		return out
	}
	for _, c := range candidates {
		if c == nil || c.ID == actor.ID {
			continue
		}
		v, ok := voteRow(m, c, lo, hi)
		if !ok {
			continue
		}
		s, err := fpsim.CompareVotes(u, v)
		if err == nil && s.N >= MinRollCalls {
			out[c.ID] = s.AgreeHalf
		}
	}
	return out
}

// rollCallRange is the roll-call index range of the years from..to.
func rollCallRange(m *unvotes.Matrix, from, to int) (lo, hi int) {
	lo, hi = -1, -1
	for y := from; y <= to; y++ {
		if a, b := m.YearRange(y); a < b {
			if lo < 0 {
				lo = a
			}
			hi = b
		}
	}
	return lo, hi
}

// voteRow returns a's votes on roll calls lo..hi-1 as fpsim codes, with
// anything but a yes, no or abstention as absent.
func voteRow(m *unvotes.Matrix, a *entente.Actor, lo, hi int) ([]int8, bool) {
	code, err := strconv.Atoi(a.Codes["cow"])
	if err != nil || lo < 0 {
		return nil, false
	}
	ci, ok := m.CountryIndex(code)
	if !ok {
		return nil, false
	}
	row := make([]int8, hi-lo)
	for r, v := range m.Votes(ci)[lo:hi] {
		row[r] = fpsim.VoteAbsent
		if v.Cast() {
			row[r] = int8(v)
		}
	}
	return row, true
}
