package allnet

import (
	"math"
	"testing"
)

func caps(c ...float64) []State {
	s := make([]State, len(c))
	for i, v := range c {
		s[i] = State{COW: i, Capability: v}
	}
	return s
}

func TestPolarityEqualBlocs(t *testing.T) {
	states := caps(1, 1, 1, 1, 4)
	p := PolarityOf(states, [][]int{{0, 1}, {2, 3}, {4}})
	if p.NumBlocs() != 2 {
		t.Fatalf("singleton counted as a bloc: %+v", p.Blocs)
	}
	if p.Blocs[0].Share != 0.25 || p.Blocs[1].Share != 0.25 || p.InBlocs != 0.5 {
		t.Errorf("shares %+v", p.Blocs)
	}
	if p.EffectivePoles != 2 || p.Incomplete {
		t.Errorf("effective poles %v incomplete %v", p.EffectivePoles, p.Incomplete)
	}
}

func TestPolarityDominantBloc(t *testing.T) {
	p := PolarityOf(caps(9, 9, 0.1, 0.1), [][]int{{0, 1}, {2, 3}})
	if !(p.EffectivePoles > 1 && p.EffectivePoles < 1.03) {
		t.Errorf("effective poles %v, want just above 1", p.EffectivePoles)
	}
}

func TestPolarityMissingNeverZero(t *testing.T) {
	nan := math.NaN()
	states := caps(2, nan, nan, nan, 2, 4)
	p := PolarityOf(states, [][]int{{0, 1}, {2, 3}, {4, 5}})
	if p.SystemMissing != 3 || p.SystemCapability != 8 || !p.Incomplete {
		t.Errorf("system %v missing %d", p.SystemCapability, p.SystemMissing)
	}
	if b := p.Blocs[0]; b.Share != 0.25 || b.Missing != 1 {
		t.Errorf("partly missing bloc %+v", b)
	}
	if b := p.Blocs[1]; !math.IsNaN(b.Share) || b.Missing != 2 {
		t.Errorf("bloc with no known capability must have a NaN share, got %+v", b)
	}
	// Effective number over the two known blocs, 2 and 6: 1/(1/16+9/16).
	if !near(p.EffectivePoles, 1.6, 1e-12) {
		t.Errorf("effective poles %v", p.EffectivePoles)
	}
	all := PolarityOf(caps(nan, nan), [][]int{{0, 1}})
	if !math.IsNaN(all.Blocs[0].Share) || !math.IsNaN(all.EffectivePoles) {
		t.Errorf("all missing: %+v", all)
	}
}

func TestPolarityNoMissingGivesZeroOnlyForZero(t *testing.T) {
	// A known zero capability is a genuine zero share, unlike a missing one.
	p := PolarityOf(caps(0, 0, 1), [][]int{{0, 1}})
	if p.Blocs[0].Share != 0 || p.Incomplete {
		t.Errorf("%+v", p.Blocs[0])
	}
}
