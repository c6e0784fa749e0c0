package landscape

import "fmt"

// Case is a system of named actors ready to analyse and, for a historical
// case, the alignments to compare its minima with.
type Case struct {
	Names        []string    `json:"actors"`
	Sizes        []float64   `json:"sizes"`
	Propensities [][]float64 `json:"propensities"`
	// History and Paper, when not nil, give each actor's bloc (true for
	// bloc B) in an observed alignment and in a published prediction.
	History []bool `json:"-"`
	Paper   []bool `json:"-"`
}

// Solve builds the system and finds its minima: "auto" (or "") lets Analyze
// choose, "exhaustive" and "search" force a method.
func (c *Case) Solve(method string, opt Options) (*Result, error) {
	sys, err := NewSystem(c.Sizes, c.Propensities)
	if err != nil {
		return nil, err
	}
	switch method {
	case "", "auto":
		return sys.Analyze(opt)
	case string(MethodExhaustive):
		return sys.Exhaustive(opt)
	case string(MethodSearch):
		return sys.Search(opt)
	}
	return nil, fmt.Errorf("landscape: unknown method %q (expected auto, exhaustive or search)", method)
}

// Alignment is a minimum described by actor names.
type Alignment struct {
	Rank   int      `json:"rank"`
	Energy float64  `json:"energy"`
	Basin  float64  `json:"basin"`
	Share  float64  `json:"share"`
	Hits   int      `json:"hits,omitempty"`
	BlocA  []string `json:"bloc_a"`
	BlocB  []string `json:"bloc_b"`
	// Misplaced and VsPaper name the actors on the other side from
	// Case.History and Case.Paper; nil without them.
	Misplaced []string `json:"misplaced,omitempty"`
	VsPaper   []string `json:"vs_paper,omitempty"`
}

// Alignments describes each minimum of res by the case's actor names,
// ranked as in res.
func (c *Case) Alignments(res *Result) []Alignment {
	out := make([]Alignment, len(res.Minima))
	for k, m := range res.Minima {
		a := Alignment{Rank: k + 1, Energy: m.Energy, Basin: m.Basin, Share: m.Share, Hits: m.Hits, BlocA: []string{}, BlocB: []string{}}
		for i, name := range c.Names {
			if m.Config.InB(i) {
				a.BlocB = append(a.BlocB, name)
			} else {
				a.BlocA = append(a.BlocA, name)
			}
		}
		a.Misplaced = c.diff(m.Config, c.History)
		a.VsPaper = c.diff(m.Config, c.Paper)
		out[k] = a
	}
	return out
}

// diff names the actors whose bloc in cfg differs from ref (the first
// actor in bloc A in both), or nil without a reference.
func (c *Case) diff(cfg Config, ref []bool) []string {
	if ref == nil {
		return nil
	}
	d := []string{}
	for i, name := range c.Names {
		if cfg.InB(i) != ref[i] {
			d = append(d, name)
		}
	}
	return d
}

// BlocB names the actors a reference alignment puts in bloc B.
func (c *Case) BlocB(ref []bool) []string {
	var b []string
	for i, in := range ref {
		if in {
			b = append(b, c.Names[i])
		}
	}
	return b
}
