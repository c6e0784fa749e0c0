package landscape

import (
	"encoding/json"
	"slices"
	"testing"
)

// A solution shows the case, how it was solved and its minima; the
// observed and published blocs only for a case that has them.
func TestNewSolution(t *testing.T) {
	lc := &Case{Names: []string{"a", "b", "c"}, Sizes: []float64{1, 1, 1},
		Propensities: [][]float64{{0, -1, 1}, {-1, 0, 1}, {1, 1, 0}}}
	res, rows, err := NewRequest().Solve(lc)
	if err != nil {
		t.Fatal(err)
	}
	for name, tc := range map[string]struct {
		history []bool
		want    []string
	}{
		"no history": {nil, nil},
		"history":    {[]bool{false, true, true}, []string{"b", "c"}},
	} {
		lc.History = tc.history
		s := NewSolution(lc, res, rows)
		if !slices.Equal(s.Actors, lc.Names) || len(s.Minima) != len(rows) || s.Configurations != res.Configurations || !slices.Equal(s.History, tc.want) {
			t.Errorf("%s: %+v", name, s)
		}
		b, err := json.Marshal(s)
		var keys map[string]any
		if err == nil {
			err = json.Unmarshal(b, &keys)
		}
		if _, ok := keys["history_bloc_b"]; err != nil || keys["minima"] == nil || ok != (tc.want != nil) {
			t.Errorf("%s: JSON %s (%v)", name, b, err)
		}
	}
}
