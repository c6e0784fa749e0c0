package partner_test

import (
	"fmt"
	"math"
	"testing"

	"pgregory.net/rapid"

	"github.com/entente/entente"
	"github.com/entente/entente/partner"
)

// genActors draws n actors with some capabilities, positions and culture
// scores missing, so that every part is sometimes known and sometimes not.
func genActors(t *rapid.T, n int) []*entente.Actor {
	var out []*entente.Actor
	for i := range n {
		a := &entente.Actor{ID: entente.ActorID(fmt.Sprintf("a%02d", i)), Name: fmt.Sprintf("A%d", i),
			Capabilities: map[string]float64{}, Positions: map[string]float64{}}
		for _, k := range []string{"military", "money"} {
			if rapid.Bool().Draw(t, "has-cap") {
				a.Capabilities[k] = rapid.Float64Range(0, 100).Draw(t, "cap")
			}
		}
		for _, k := range []string{"trade", "climate"} {
			if rapid.Bool().Draw(t, "has-pos") {
				a.Positions[k] = rapid.Float64Range(-1, 1).Draw(t, "pos")
			}
		}
		if rapid.Bool().Draw(t, "has-culture") {
			a.Culture = &entente.Culture{PowerDistance: f(rapid.Float64Range(0, 100).Draw(t, "pdi")),
				Individualism: f(rapid.Float64Range(0, 100).Draw(t, "idv"))}
		}
		out = append(out, a)
	}
	return out
}

// NoNotes changes nothing but the notes: the same candidates in the same
// order with the same scores, ranks, unknown parts and every figure of
// every part, to the bit.
func TestPropertyNoNotesIsExact(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		all := genActors(t, rapid.IntRange(1, 12).Draw(t, "actors"))
		var rivals []partner.Rivalry
		if rapid.Bool().Draw(t, "rivalry-data") {
			rivals = []partner.Rivalry{}
			for range rapid.IntRange(0, 15).Draw(t, "rivalries") {
				a := rapid.SampledFrom(all).Draw(t, "rival-a").ID
				b := rapid.SampledFrom(all).Draw(t, "rival-b").ID
				rivals = append(rivals, partner.Rivalry{a, b})
			}
		}
		rep := map[entente.ActorID]float64{}
		for _, a := range all {
			if rapid.Bool().Draw(t, "has-rep") {
				rep[a.ID] = rapid.Float64Range(0, 1).Draw(t, "rep")
			}
		}
		objective := partner.Objective{}
		if rapid.Bool().Draw(t, "has-objective") {
			objective["military"] = rapid.Float64Range(0, 200).Draw(t, "target")
		}
		opts := partner.Options{Rivalries: rivals, Reputation: rep,
			PowerMeasure:    rapid.SampledFrom([]string{"", "military"}).Draw(t, "measure"),
			AlignmentMethod: rapid.SampledFrom([]partner.AlignmentMethod{partner.Distance, partner.Cosine}).Draw(t, "method")}
		if rapid.Bool().Draw(t, "sim-weights") {
			opts.Weights = partner.Weights{Complementarity: 0.4, Reputation: 0.2, Autonomy: 0.15, Threats: 0.25}
		}
		full := partner.Rank(all[0], all, objective, opts)
		opts.NoNotes = true
		bare := partner.Rank(all[0], all, objective, opts)
		if len(full) != len(bare) {
			t.Fatalf("%d candidates with notes, %d without", len(full), len(bare))
		}
		same := func(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }
		// Shared threats are SharedRivals of the two sets of rivals, less
		// the actor itself.
		rivalsOf := func(id entente.ActorID) map[entente.ActorID]bool {
			m := map[entente.ActorID]bool{}
			for _, r := range rivals {
				if r[0] != r[1] && r[0] == id && r[1] != all[0].ID {
					m[r[1]] = true
				}
				if r[0] != r[1] && r[1] == id && r[0] != all[0].ID {
					m[r[0]] = true
				}
			}
			return m
		}
		for _, c := range bare {
			if p := c.Part(partner.PartThreats); rivals != nil {
				shared, jac := partner.SharedRivals(rivalsOf(all[0].ID), rivalsOf(c.ID))
				if p.Raw != float64(shared) || p.Normalised != jac {
					t.Fatalf("%s: threats %v, %v; SharedRivals gives %d, %v", c.ID, p.Raw, p.Normalised, shared, jac)
				}
			}
		}
		for k, c := range full {
			b := bare[k]
			if b.ID != c.ID || b.Rank != c.Rank || !same(b.Score, c.Score) || fmt.Sprint(b.Unknown) != fmt.Sprint(c.Unknown) || len(b.Parts) != len(c.Parts) {
				t.Fatalf("candidate %d: %+v without notes, %+v with", k, b, c)
			}
			for i, p := range c.Parts {
				q := b.Parts[i]
				if q.Note != "" {
					t.Fatalf("%s: part %s has the note %q", c.ID, q.Name, q.Note)
				}
				if q.Name != p.Name || q.Known != p.Known || !same(q.Raw, p.Raw) || !same(q.Normalised, p.Normalised) ||
					q.Weight != p.Weight || q.Share != p.Share || q.Contribution != p.Contribution {
					t.Fatalf("%s: part %+v without notes, %+v with", c.ID, q, p)
				}
			}
		}
	})
}
