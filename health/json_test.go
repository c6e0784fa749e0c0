package health

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// TestMissingFiguresAreNull checks that a report with figures it could not
// compute encodes with encoding/json, those figures as null.
func TestMissingFiguresAreNull(t *testing.T) {
	r := Report{Pact: "p", Score: math.NaN(), Components: []Component{{Name: Trust, Value: math.NaN(), Weight: 1}, {Name: Disputes, Value: 0.5, Weight: 1}}}
	b, err := json.Marshal(Assessment{Health: r})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"score":null`, `"name":"trust","weight":1,"detail":"","value":null`, `"value":0.5`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("%s lacks %s", b, want)
		}
	}
	if strings.Count(string(b), `"score"`) != 1 {
		t.Errorf("score written twice: %s", b)
	}
	c, err := json.Marshal(VoteCohesion{Proposals: 1, Value: math.Inf(1)})
	if err != nil || string(c) != `{"proposals":1,"pairs":0,"value":null}` {
		t.Errorf("cohesion: %s %v", c, err)
	}
}
