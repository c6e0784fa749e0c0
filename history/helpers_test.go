package history

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/dataset/csvio"
)

// member is an ATOP member row of alliance id for state from entry to exit
// (exit 0: still a member) with obligations o.
func member(id, state, entry, exit int, o atop.Obligation) atop.Member {
	m := atop.Member{Member: state, COWSys: true, Entry: csvio.Date{Year: entry}}
	m.ATOPID, m.Obligations = id, o
	if exit != 0 {
		m.Exit = csvio.Date{Year: exit}
	}
	return m
}

// alliance is an ATOP alliance row.
func alliance(id, begin, end int) atop.Alliance {
	a := atop.Alliance{Begin: csvio.Date{Year: begin}}
	a.ATOPID = id
	if end != 0 {
		a.End = csvio.Date{Year: end}
	}
	return a
}

func near(tb testing.TB, name string, got, want, tol float64) {
	tb.Helper()
	if math.IsNaN(got) != math.IsNaN(want) || math.Abs(got-want) > tol {
		tb.Errorf("%s = %.10g, want %.10g (±%g)", name, got, want, tol)
	}
}

func isNaN(tb testing.TB, name string, v float64) {
	tb.Helper()
	if !math.IsNaN(v) {
		tb.Errorf("%s = %g, want NaN (missing)", name, v)
	}
}

func newTestRNG(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x5eed_b007)) }

// sigmoid is 1 / (1 + e^{−x}), for drawing outcomes of a logistic model.
func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }
