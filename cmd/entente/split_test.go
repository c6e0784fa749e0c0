package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestSplitVerbOnDemo(t *testing.T) {
	db := seedDemo(t, t.TempDir())
	r := exits(t, 0, "split", jv, "--synergy", "1", "--db", db)
	for _, want := range []string{"helios", "nordcell", "quanta", "SHAPLEY", "NUCLEOLUS"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("split output lacks %q:\n%s", want, r.stdout)
		}
	}
	r = exits(t, 0, "split", jv, "--benefit", "1000", "--json", "--db", db)
	var sp struct {
		Shapley      []float64 `json:"shapley"`
		Proportional []float64 `json:"proportional"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &sp); err != nil {
		t.Fatal(err)
	}
	sum := 0.0
	for i, v := range sp.Shapley {
		sum += v
		if d := v - sp.Proportional[i]; d > 1e-6 || d < -1e-6 {
			t.Errorf("with the defaults the Shapley split is proportional: %v vs %v", sp.Shapley, sp.Proportional)
		}
	}
	if sum < 999.999 || sum > 1000.001 {
		t.Errorf("Shapley split sums to %v, want 1000", sum)
	}
	exits(t, 2, "split", jv, "--returns", "0.5", "--db", db)
	exits(t, 4, "split", "nope", "--db", db)
}
