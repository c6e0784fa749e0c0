package sim

import (
	"fmt"
	"sort"
	"time"

	"github.com/entente/entente"
)

// World is where a run starts: the actors, the pairs between them that
// matter for threat (rivalries, contiguity, remembered disputes), the pacts
// already in force, and what the scenario makes happen later (shocks, rule
// changes). It is plain data; Run never changes it.
type World struct {
	// Start is the first simulated year.
	Start int
	// Actors are the states (or other actors) of the run, each with a
	// "military" capability.
	Actors []ActorSpec
	// Rivals, Contiguous and Disputes are undirected pairs; Disputes
	// counts militarized disputes remembered at the start.
	Rivals     []Pair
	Contiguous []Pair
	Disputes   map[Pair]float64
	// Pacts are the pacts in force at the start.
	Pacts []PactSpec
	// Shocks change capabilities in given years.
	Shocks []Shock
	// RuleChanges change the decision rules of pacts in given years.
	RuleChanges []RuleChange
	// Params, when set, are a scenario's parameter values applied on top of
	// the caller's.
	Params []Setting
}

// ActorSpec is one actor at the start.
type ActorSpec struct {
	ID         entente.ActorID
	Name       string
	Capability float64 // military capability, in the run's unit (CINC × 1000 from data)
	Position   float64 // position on the policy dimension, in [-1, 1]
	// Trajectory, when set, is the actor's capability by year (from NMC):
	// power shifts then follow history instead of drawn growth.
	Trajectory map[int]float64
	// Entry is the first year the actor exists: an actor entering after
	// the start (a state joining the system) takes part from that year on,
	// with Capability as its capability then. 0 or a year up to the start:
	// there from the start.
	Entry int
	// Exit is the last year the actor exists (0: never leaves the system).
	// From the year after, it acts no more, gives notice in every pact it is
	// in and counts no longer among the states.
	Exit int
}

// Pair is an undirected pair of actors, the lower ID first (MakePair).
type Pair [2]entente.ActorID

// MakePair returns the pair of a and b in canonical order.
func MakePair(a, b entente.ActorID) Pair {
	if b < a {
		a, b = b, a
	}
	return Pair{a, b}
}

// PactSpec is a pact in force at the start.
type PactSpec struct {
	ID          entente.PactID
	Name        string
	Members     []entente.ActorID
	Obligations []entente.Obligation
}

// Shock multiplies an actor's capability in a year: a war lost, a boom, a
// collapse. Factor 2 doubles it.
type Shock struct {
	Year   int
	Actor  entente.ActorID
	Factor float64
}

// RuleChange sets the rule for a matter in a year: pacts in force put the
// change to their members as an amendment (decided by their own rule), and
// pacts founded later start with it.
type RuleChange struct {
	Year   int
	Matter entente.Matter
	Rule   entente.RuleKind
}

// Setting is one parameter value from a scenario, with the line that set it.
type Setting struct {
	Name, Value string
	Line        int
}

// Validate checks the world: unique actor IDs, positive capabilities, pairs
// and pacts of known actors.
func (w *World) Validate() error {
	known := make(map[entente.ActorID]bool, len(w.Actors))
	for i, a := range w.Actors {
		if !entente.ValidID(string(a.ID)) {
			return fmt.Errorf("actor %d: invalid ID %q", i, a.ID)
		}
		if known[a.ID] {
			return fmt.Errorf("actor %s is listed twice", a.ID)
		}
		if !(a.Capability > 0) || a.Capability > entente.MaxAmount {
			return fmt.Errorf("actor %s: expected a positive capability, got %v", a.ID, a.Capability)
		}
		if a.Exit != 0 && (a.Exit < w.Start || a.Exit < a.Entry) {
			return fmt.Errorf("actor %s: exits in %d, before it enters (%d) or the run starts (%d)", a.ID, a.Exit, max(a.Entry, w.Start), w.Start)
		}
		known[a.ID] = true
	}
	pairs := append(append([]Pair(nil), w.Rivals...), w.Contiguous...)
	for p := range w.Disputes {
		pairs = append(pairs, p)
	}
	for _, p := range pairs {
		if !known[p[0]] || !known[p[1]] || p[0] == p[1] {
			return fmt.Errorf("pair %s-%s: expected two different known actors", p[0], p[1])
		}
	}
	late := map[entente.ActorID]bool{}
	for _, a := range w.Actors {
		late[a.ID] = a.Entry > w.Start
	}
	for _, p := range w.Pacts {
		for _, m := range p.Members {
			if !known[m] {
				return fmt.Errorf("pact %s: unknown member %q", p.ID, m)
			}
			if late[m] {
				return fmt.Errorf("pact %s: member %s enters only after the start", p.ID, m)
			}
		}
	}
	for _, s := range w.Shocks {
		if !known[s.Actor] || !(s.Factor > 0) {
			return fmt.Errorf("shock in %d: expected a known actor and a positive factor, got %q ×%v", s.Year, s.Actor, s.Factor)
		}
	}
	return nil
}

// sortedActorIDs returns the IDs of the world's actors, sorted.
func (w *World) sortedActorIDs() []entente.ActorID {
	ids := make([]entente.ActorID, len(w.Actors))
	for i, a := range w.Actors {
		ids[i] = a.ID
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids
}

// Registrations returns the events that register the world's actors in a
// store's registry, stamped at the start of its first year: each a keyless
// state with its military capability and its policy position, so that a
// run written to a store (with its pacts' logs) can be browsed, verified
// and analysed like live pacts.
func (w *World) Registrations() []entente.Event {
	start := time.Date(w.Start, 1, 1, 0, 0, 0, 0, time.UTC)
	out := make([]entente.Event, 0, len(w.Actors))
	for i, a := range w.Actors {
		name := a.Name
		if name == "" {
			name = string(a.ID)
		}
		actor := entente.Actor{ID: a.ID, Name: name, Kind: entente.State,
			Capabilities: map[string]float64{Military: a.Capability}, Positions: map[string]float64{"policy": a.Position}}
		out = append(out, entente.Event{Seq: int64(i), At: start, Data: entente.ActorRegistered{Actor: actor}})
	}
	return out
}
