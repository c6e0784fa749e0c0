package sim

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/entente/entente"
)

// Scenario is a parsed scenario file: a small declarative "what if". One
// statement per line, words separated by spaces, '#' to the end of a line
// is a comment:
//
//	actor ID capability C [position P]   add an actor or change one's capability
//	rival A B                            make A and B strategic rivals
//	contiguous A B                       make A and B neighbours
//	pact ID A B [C ...]                  a defence pact in force at the start
//	shock YEAR ACTOR xF                  multiply ACTOR's capability by F in YEAR
//	rule YEAR MATTER RULE                from YEAR decide MATTER by RULE
//	set NAME VALUE                       a parameter (see ParamNames)
//	mechanism NAME on|off                switch a mechanism
//
// MATTER is one of entente.Matters; RULE one of unanimity, consensus,
// simple_majority, absolute_majority.
type Scenario struct {
	Name       string
	Actors     []ScenarioActor
	Rivals     []ScenarioPair
	Contiguous []ScenarioPair
	Pacts      []ScenarioPact
	Shocks     []ScenarioShock
	Rules      []ScenarioRule
	Settings   []Setting
}

// ScenarioActor is an actor line.
type ScenarioActor struct {
	ActorSpec
	HasPosition bool
	Line        int
}

// ScenarioPair is a rival or contiguous line.
type ScenarioPair struct {
	A, B entente.ActorID
	Line int
}

// ScenarioPact is a pact line.
type ScenarioPact struct {
	PactSpec
	Line int
}

// ScenarioShock is a shock line.
type ScenarioShock struct {
	Shock
	Line int
}

// ScenarioRule is a rule line.
type ScenarioRule struct {
	RuleChange
	Line int
}

// ScenarioError is an error in a scenario, naming its file and line.
type ScenarioError struct {
	Name string
	Line int
	Msg  string
}

// Error reports the file, the line and what is wrong.
func (e *ScenarioError) Error() string { return fmt.Sprintf("%s:%d: %s", e.Name, e.Line, e.Msg) }

// MaxScenarioLine bounds the length of a scenario line.
const MaxScenarioLine = 64 << 10

// ParseScenario reads a scenario; name labels its errors, which give the
// line.
func ParseScenario(r io.Reader, name string) (*Scenario, error) {
	sc := &Scenario{Name: name}
	s := bufio.NewScanner(r)
	s.Buffer(make([]byte, 4096), MaxScenarioLine)
	line := 0
	for s.Scan() {
		line++
		text, _, _ := strings.Cut(s.Text(), "#")
		words := strings.Fields(text)
		if len(words) == 0 {
			continue
		}
		if err := sc.statement(words, line); err != nil {
			return nil, &ScenarioError{Name: name, Line: line, Msg: err.Error()}
		}
	}
	if err := s.Err(); err != nil {
		return nil, &ScenarioError{Name: name, Line: line + 1, Msg: err.Error()}
	}
	return sc, nil
}

// statements maps each keyword to its parser and the number of words it
// takes (at least; -1 for no upper bound).
var statements = map[string]struct {
	min, max int
	parse    func(sc *Scenario, w []string, line int) error
}{
	"actor":      {4, 6, (*Scenario).actor},
	"rival":      {3, 3, func(sc *Scenario, w []string, line int) error { return sc.pair(&sc.Rivals, w, line) }},
	"contiguous": {3, 3, func(sc *Scenario, w []string, line int) error { return sc.pair(&sc.Contiguous, w, line) }},
	"pact":       {4, -1, (*Scenario).pact},
	"shock":      {4, 4, (*Scenario).shock},
	"rule":       {4, 4, (*Scenario).rule},
	"set":        {3, 3, (*Scenario).set},
	"mechanism":  {3, 3, (*Scenario).set},
}

func (sc *Scenario) statement(w []string, line int) error {
	st, ok := statements[w[0]]
	if !ok {
		return fmt.Errorf("unknown statement %q (expected actor, rival, contiguous, pact, shock, rule, set or mechanism)", w[0])
	}
	if len(w) < st.min || (st.max >= 0 && len(w) > st.max) {
		return fmt.Errorf("%s: expected %s", w[0], usage[w[0]])
	}
	return st.parse(sc, w, line)
}

var usage = map[string]string{
	"actor": "actor ID capability C [position P]", "rival": "rival A B", "contiguous": "contiguous A B",
	"pact": "pact ID A B [C ...]", "shock": "shock YEAR ACTOR xF", "rule": "rule YEAR MATTER RULE",
	"set": "set NAME VALUE", "mechanism": "mechanism NAME on|off",
}

func actorID(s string) (entente.ActorID, error) {
	if !entente.ValidID(s) {
		return "", fmt.Errorf("%q is not an ID (1-64 lower-case letters, digits, '.', '_' or '-')", s)
	}
	return entente.ActorID(s), nil
}

func number(s, what string) (float64, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%s: expected a number, got %q", what, s)
	}
	return v, nil
}

func (sc *Scenario) actor(w []string, line int) error {
	id, err := actorID(w[1])
	if err != nil {
		return err
	}
	a := ScenarioActor{ActorSpec: ActorSpec{ID: id}, Line: line}
	for k := 2; k < len(w); k += 2 {
		if k+1 >= len(w) {
			return fmt.Errorf("actor: %q needs a value", w[k])
		}
		v, err := number(w[k+1], w[k])
		if err != nil {
			return err
		}
		switch w[k] {
		case "capability":
			if !(v > 0) || v > entente.MaxAmount {
				return fmt.Errorf("capability: expected a positive number, got %v", v)
			}
			a.Capability = v
		case "position":
			if v < -1 || v > 1 {
				return fmt.Errorf("position: expected a number from -1 to 1, got %v", v)
			}
			a.Position, a.HasPosition = v, true
		default:
			return fmt.Errorf("actor: unknown attribute %q (expected capability or position)", w[k])
		}
	}
	if a.Capability == 0 {
		return fmt.Errorf("actor: expected %s", usage["actor"])
	}
	sc.Actors = append(sc.Actors, a)
	return nil
}

func (sc *Scenario) pair(into *[]ScenarioPair, w []string, line int) error {
	a, err := actorID(w[1])
	if err != nil {
		return err
	}
	b, err := actorID(w[2])
	if err != nil {
		return err
	}
	if a == b {
		return fmt.Errorf("%s: expected two different actors, got %s twice", w[0], a)
	}
	*into = append(*into, ScenarioPair{A: a, B: b, Line: line})
	return nil
}

func (sc *Scenario) pact(w []string, line int) error {
	if !entente.ValidID(w[1]) {
		return fmt.Errorf("pact: %q is not an ID", w[1])
	}
	p := ScenarioPact{PactSpec: PactSpec{ID: entente.PactID(w[1]), Obligations: []entente.Obligation{entente.Defense}}, Line: line}
	for _, s := range w[2:] {
		id, err := actorID(s)
		if err != nil {
			return err
		}
		for _, m := range p.Members {
			if m == id {
				return fmt.Errorf("pact: %s is listed twice", id)
			}
		}
		p.Members = append(p.Members, id)
	}
	sc.Pacts = append(sc.Pacts, p)
	return nil
}

func year(s string) (int, error) {
	y, err := strconv.Atoi(s)
	if err != nil || y < 1 || y > 9999 {
		return 0, fmt.Errorf("expected a year from 1 to 9999, got %q", s)
	}
	return y, nil
}

func (sc *Scenario) shock(w []string, line int) error {
	y, err := year(w[1])
	if err != nil {
		return err
	}
	id, err := actorID(w[2])
	if err != nil {
		return err
	}
	f, ok := strings.CutPrefix(w[3], "x")
	v, err := number(f, "factor")
	if !ok || err != nil || !(v > 0) || v > 1e6 {
		return fmt.Errorf("shock: expected a factor such as x2 or x0.5, got %q", w[3])
	}
	sc.Shocks = append(sc.Shocks, ScenarioShock{Shock: Shock{Year: y, Actor: id, Factor: v}, Line: line})
	return nil
}

func (sc *Scenario) rule(w []string, line int) error {
	y, err := year(w[1])
	if err != nil {
		return err
	}
	m := entente.Matter(w[2])
	if !matterOK(m) {
		return fmt.Errorf("rule: expected a matter among %v, got %q", entente.Matters, w[2])
	}
	k := entente.RuleKind(w[3])
	if !ruleKindOK(k) {
		return fmt.Errorf("rule: expected one of %v, got %q", simpleRules, w[3])
	}
	sc.Rules = append(sc.Rules, ScenarioRule{RuleChange: RuleChange{Year: y, Matter: m, Rule: k}, Line: line})
	return nil
}

func matterOK(m entente.Matter) bool {
	for _, x := range entente.Matters {
		if x == m {
			return true
		}
	}
	return false
}

// set checks a parameter or mechanism line against the defaults now, so
// that a bad name or value is reported with its line.
func (sc *Scenario) set(w []string, line int) error {
	name := w[1]
	if w[0] == "mechanism" {
		name = "mechanism." + w[1]
	}
	p := DefaultParams()
	if err := p.Set(name, w[2]); err != nil {
		return err
	}
	sc.Settings = append(sc.Settings, Setting{Name: name, Value: w[2], Line: line})
	return nil
}

// Apply returns a copy of base changed by the scenario: actors added or
// their capability (and position) changed, pairs and pacts added, shocks,
// rule changes and settings appended. A line naming an unknown actor is an
// error naming that line.
func (sc *Scenario) Apply(base *World) (*World, error) {
	w := *base
	w.Actors = append([]ActorSpec(nil), base.Actors...)
	index := map[entente.ActorID]int{}
	for i, a := range w.Actors {
		index[a.ID] = i
	}
	for _, a := range sc.Actors {
		if i, ok := index[a.ID]; ok {
			w.Actors[i].Capability, w.Actors[i].Trajectory = a.Capability, nil
			if a.HasPosition {
				w.Actors[i].Position = a.Position
			}
			continue
		}
		index[a.ID] = len(w.Actors)
		w.Actors = append(w.Actors, a.ActorSpec)
	}
	known := func(line int, ids ...entente.ActorID) error {
		for _, id := range ids {
			if _, ok := index[id]; !ok {
				return &ScenarioError{Name: sc.Name, Line: line, Msg: fmt.Sprintf("unknown actor %q", id)}
			}
		}
		return nil
	}
	w.Rivals = append([]Pair(nil), base.Rivals...)
	w.Contiguous = append([]Pair(nil), base.Contiguous...)
	for _, list := range []struct {
		from []ScenarioPair
		to   *[]Pair
	}{{sc.Rivals, &w.Rivals}, {sc.Contiguous, &w.Contiguous}} {
		for _, p := range list.from {
			if err := known(p.Line, p.A, p.B); err != nil {
				return nil, err
			}
			*list.to = append(*list.to, MakePair(p.A, p.B))
		}
	}
	w.Pacts = append([]PactSpec(nil), base.Pacts...)
	for _, p := range sc.Pacts {
		if err := known(p.Line, p.Members...); err != nil {
			return nil, err
		}
		w.Pacts = append(w.Pacts, p.PactSpec)
	}
	w.Shocks = append([]Shock(nil), base.Shocks...)
	for _, s := range sc.Shocks {
		if err := known(s.Line, s.Actor); err != nil {
			return nil, err
		}
		w.Shocks = append(w.Shocks, s.Shock)
	}
	w.RuleChanges = append([]RuleChange(nil), base.RuleChanges...)
	for _, r := range sc.Rules {
		w.RuleChanges = append(w.RuleChanges, r.RuleChange)
	}
	w.Params = append(append([]Setting(nil), base.Params...), sc.Settings...)
	return &w, nil
}
