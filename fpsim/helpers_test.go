package fpsim

import (
	"fmt"
	"math"
)

// tb is the part of testing.TB and *rapid.T the helpers use.
type tb interface {
	Helper()
	Fatalf(format string, args ...any)
}

// fields lists the table measures by name, for comparisons.
func (s Scores) fields() map[string]float64 {
	return map[string]float64{
		"N": float64(s.N), "SAbs": s.SAbs, "SSq": s.SSq,
		"KappaAbs": s.KappaAbs, "KappaSq": s.KappaSq, "PiAbs": s.PiAbs, "PiSq": s.PiSq, "TauB": s.TauB,
	}
}

func (s PortfolioScores) fields() map[string]float64 {
	f := s.Scores.fields()
	f["SWAbs"], f["SWSq"] = s.SWAbs, s.SWSq
	return f
}

func (s VoteScores) fields() map[string]float64 {
	f := s.Scores.fields()
	f["Agree"], f["AgreeHalf"] = s.Agree, s.AgreeHalf
	return f
}

// near reports whether a and b agree to rounding, NaN matching NaN only.
func near(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

// checkFields fails unless every measure in got is close to want.
func checkFields(t tb, what string, got, want map[string]float64) {
	t.Helper()
	for name, w := range want {
		if g := got[name]; !near(g, w) {
			t.Fatalf("%s: %s = %v, want %v", what, name, g, w)
		}
	}
}

// collect runs an all-dyads computation into a slice.
func collect[T any](run func(func(T) error) error) []T {
	var out []T
	if err := run(func(d T) error { out = append(out, d); return nil }); err != nil {
		panic(fmt.Sprint("collect: ", err))
	}
	return out
}

// vector lists a dyad's measures in a fixed order, for bitwise comparison
// without the allocations of fields.
func (s Scores) vector() []float64 {
	return []float64{float64(s.N), s.SAbs, s.SSq, s.KappaAbs, s.KappaSq, s.PiAbs, s.PiSq, s.TauB}
}

func (d PortfolioDyad) vector() []float64 {
	return append(d.Scores.vector(), float64(d.I), float64(d.J), d.SWAbs, d.SWSq)
}

func (d VoteDyad) vector() []float64 {
	return append(d.Scores.vector(), float64(d.I), float64(d.J), d.Agree, d.AgreeHalf)
}

// sameBits compares two vectors bit for bit.
func sameBits(a, b []float64) bool {
	for k := range a {
		if math.Float64bits(a[k]) != math.Float64bits(b[k]) {
			return false
		}
	}
	return len(a) == len(b)
}
