package burden

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// TestMissingFiguresAreNull checks that a result with figures it could not
// compute encodes with encoding/json, those figures as null, the others
// as numbers.
func TestMissingFiguresAreNull(t *testing.T) {
	nan := math.NaN()
	r := Result{Total: nan, Members: []Member{{Member: "a", Delivered: 2, Share: nan, Capability: nan, CapabilityShare: nan,
		ComparedShare: nan, Exploitation: nan, BenefitShare: 0.5, BenefitBalance: nan, Periods: []PeriodFigure{{Present: true, Share: nan, CapabilityShare: 0.25}}}},
		Splits: []Split{{Rule: SplitEqual, Total: 4, Owed: []Owed{{Member: "a", Share: nan, Owed: nan, Delivered: 2, Gap: nan}}}}}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	m := back["members"].([]any)[0].(map[string]any)
	if m["delivered"] != 2.0 || m["share"] != nil || m["benefit_share"] != 0.5 || back["total"] != nil {
		t.Errorf("%s", b)
	}
	p := m["periods"].([]any)[0].(map[string]any)
	if p["share"] != nil || p["capability_share"] != 0.25 || p["present"] != true {
		t.Errorf("period: %v", p)
	}
	o := back["splits"].([]any)[0].(map[string]any)["owed"].([]any)[0].(map[string]any)
	if o["gap"] != nil || o["delivered"] != 2.0 || strings.Count(string(b), `"gap"`) != 1 {
		t.Errorf("owed: %v", o)
	}
}
