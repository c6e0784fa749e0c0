package sim

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/entente/entente"
)

const exampleScenario = `# a rising power and a rule change
actor riser capability 5 position 0.5
rival riser a001
contiguous riser a002
pact bloc a001 a002 a003   # a defence pact in force at the start
shock 1960 riser x2
rule 1965 general unanimity
set goods.monitoring 0.2
mechanism conflict off
`

func TestParseAndApplyScenario(t *testing.T) {
	sc, err := ParseScenario(strings.NewReader(exampleScenario), "what-if.txt")
	if err != nil {
		t.Fatal(err)
	}
	base := Synthetic(5, 1, 1950, 1)
	w, err := sc.Apply(base)
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Actors) != 6 || len(base.Actors) != 5 {
		t.Errorf("got %d actors (base %d), want 6 (base left at 5)", len(w.Actors), len(base.Actors))
	}
	if got := w.Shocks; len(got) != 1 || got[0] != (Shock{Year: 1960, Actor: "riser", Factor: 2}) {
		t.Errorf("shocks %v", got)
	}
	if got := w.RuleChanges; len(got) != 1 || got[0] != (RuleChange{Year: 1965, Matter: entente.General, Rule: entente.Unanimity}) {
		t.Errorf("rule changes %v", got)
	}
	if len(w.Pacts) != 1 || len(w.Pacts[0].Members) != 3 {
		t.Errorf("pacts %v", w.Pacts)
	}
	if len(w.Params) != 2 || w.Params[0].Line != 8 || w.Params[1].Name != "mechanism.conflict" {
		t.Errorf("settings %v", w.Params)
	}
	if _, err := Run(w, DefaultParams(), Options{Years: 20}, 1, 0); err != nil {
		t.Errorf("running the scenario: %v", err)
	}
}

func TestScenarioErrorsNameTheLine(t *testing.T) {
	tests := []struct {
		name, text string
		line       int
		want       string
	}{
		{"unknown statement", "# ok\nally a b\n", 2, "unknown statement"},
		{"bad capability", "actor x capability -1\n", 1, "capability"},
		{"capability missing", "actor x position 0.3\n", 1, "expected actor ID capability"},
		{"position out of range", "\n\nactor x capability 1 position 3\n", 3, "position"},
		{"bad ID", "rival A b\n", 1, "not an ID"},
		{"same actor twice", "rival a a\n", 1, "two different"},
		{"bad factor", "shock 1960 a 2\n", 1, "factor such as x2"},
		{"bad year", "shock 19x0 a x2\n", 1, "year"},
		{"bad matter", "rule 1960 taxes unanimity\n", 1, "matter"},
		{"bad rule", "rule 1960 general dictator\n", 1, "one of"},
		{"unknown parameter", "set goods.monitor 0.2\n", 1, "unknown parameter"},
		{"parameter out of range", "set goods.monitoring 2\n", 1, "from 0 to 1"},
		{"bad mechanism switch", "mechanism threat maybe\n", 1, "on or off"},
		{"pact member twice", "pact p a b a\n", 1, "twice"},
		{"too many words", "rival a b c\n", 1, "expected rival A B"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseScenario(strings.NewReader(tc.text), "s.txt")
			var se *ScenarioError
			if !errors.As(err, &se) {
				t.Fatalf("got %v, want a *ScenarioError", err)
			}
			if se.Line != tc.line || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "s.txt:") {
				t.Errorf("got %q at line %d, want line %d mentioning %q", err, se.Line, tc.line, tc.want)
			}
		})
	}
}

func TestScenarioApplyNamesTheLineOfAnUnknownActor(t *testing.T) {
	sc, err := ParseScenario(strings.NewReader("actor b capability 1\n\nshock 1960 nobody x2\n"), "s.txt")
	if err != nil {
		t.Fatal(err)
	}
	_, err = sc.Apply(Synthetic(3, 0, 1950, 1))
	if err == nil || err.Error() != `s.txt:3: unknown actor "nobody"` {
		t.Errorf("got %v", err)
	}
}

func FuzzParseScenario(f *testing.F) {
	f.Add(exampleScenario)
	f.Add("actor x capability 1e308 position -1\nshock 1 x x1e6\n")
	f.Add("pact p a b\nrule 9999 dissolution consensus\n")
	f.Fuzz(func(t *testing.T, text string) {
		sc, err := ParseScenario(strings.NewReader(text), "f")
		if err != nil {
			var se *ScenarioError
			if !errors.As(err, &se) || se.Line < 1 {
				t.Fatalf("error without a line: %v", err)
			}
			return
		}
		w, err := sc.Apply(Synthetic(3, 1, 1950, 1))
		if err != nil {
			return
		}
		if err := w.Validate(); err != nil && len(sc.Actors) == 0 && len(sc.Pacts) == 0 {
			t.Fatalf("a scenario of shocks, rules and settings broke a valid world: %v", err)
		}
	})
}

// ParseShard accepts exactly the shards i/n with 0 ≤ i < n, and what it
// accepts names the same shard when written back.
func FuzzParseShard(f *testing.F) {
	for _, s := range []string{"", "0/1", "3/4", "4/4", "-1/2", "a/b", "1/0", "2/3/4", " 1/2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		i, n, err := ParseShard(s)
		if err != nil {
			return
		}
		if !(i >= 0 && i < n) {
			t.Fatalf("%q: accepted shard %d/%d", s, i, n)
		}
		if s == "" {
			return
		}
		j, m, err := ParseShard(fmt.Sprintf("%d/%d", i, n))
		if err != nil || j != i || m != n {
			t.Fatalf("%q: %d/%d does not read back: %d/%d, %v", s, i, n, j, m, err)
		}
	})
}
