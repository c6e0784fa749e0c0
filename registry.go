package entente

import (
	"fmt"
	"sort"
	"time"
)

// RegistryLog is the name of the log that records actors. Pact IDs cannot
// start with an underscore, so it never clashes with a pact's log.
const RegistryLog = "_registry"

// ActorRegistered records an actor, or a new version of it when the ID is
// already known (new capabilities, a new name).
type ActorRegistered struct {
	Actor Actor `json:"actor"`
}

// EventType implements EventData.
func (ActorRegistered) EventType() string { return "actor_registered" }

// Registry is the fold of the registry log: every actor, latest version.
type Registry struct {
	Actors map[ActorID]*Actor `json:"actors"`
	Len    int64              `json:"len"`
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry { return &Registry{Actors: map[ActorID]*Actor{}} }

// Apply folds one registry event.
func (r *Registry) Apply(e Event) error {
	if e.Seq != r.Len {
		return fmt.Errorf("registry event %d: expected sequence number %d", e.Seq, r.Len)
	}
	d, ok := e.Data.(ActorRegistered)
	if !ok {
		return fmt.Errorf("registry event %d: expected actor_registered, got %s", e.Seq, typeName(e.Data))
	}
	a := d.Actor
	r.Actors[a.ID] = &a
	r.Len++
	return nil
}

// Actor returns the actor with the given ID, or nil.
func (r *Registry) Actor(id ActorID) *Actor { return r.Actors[id] }

// List returns every actor sorted by ID.
func (r *Registry) List() []*Actor {
	out := make([]*Actor, 0, len(r.Actors))
	for _, a := range r.Actors {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Register checks a and returns the event that records it.
func (r *Registry) Register(a Actor, now time.Time) (Event, error) {
	if err := a.Validate(); err != nil {
		return Event{}, err
	}
	return Event{Seq: r.Len, At: canonicalTime(now), Data: ActorRegistered{Actor: a}}, nil
}
