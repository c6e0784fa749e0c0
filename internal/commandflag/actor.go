package commandflag

import (
	"github.com/entente/entente"
	"github.com/entente/entente/internal/cmdline"
)

// Actor is the flags of the verbs that record an actor ('entente actor
// add', 'register' and 'update'), named as the API's JSON names the
// actor's fields (cmdline.Bind).
type Actor struct {
	ID           string          `flag:"id" arg:"id" usage:"the actor's id (lower-case slug)"`
	Name         string          `flag:"name" usage:"the actor's name"`
	Kind         string          `flag:"kind" usage:"state, firm, ngo, person or group (required: the API has no default)"`
	Capabilities cmdline.Amounts `flag:"capabilities" arg:"name=amount" alias:"cap" usage:"a capability as name=amount (repeatable)"`
	Positions    cmdline.Amounts `flag:"positions" arg:"issue=value" usage:"a position on an issue as issue=value (repeatable)"`
	Culture      cmdline.Amounts `flag:"culture" arg:"dimension=score" usage:"a Hofstede dimension as dimension=score (power_distance, individualism, masculinity, uncertainty_avoidance, long_term_orientation, indulgence; repeatable)"`
	Codes        cmdline.Pairs   `flag:"codes" arg:"dataset=id" usage:"an identifier in an outside dataset as dataset=id, such as cow=2 (repeatable)"`
}

// NewActor is an Actor with nothing given, ready to bind.
func NewActor() Actor {
	return Actor{Capabilities: cmdline.Amounts{}, Positions: cmdline.Amounts{}, Culture: cmdline.Amounts{},
		Codes: cmdline.Pairs{M: map[string]string{}, What: "dataset=id"}}
}

// Actor is the actor the flags give, its maps nil where no flag gave
// them; culture scores that make no culture are an EINVALID error naming
// the field culture (entente.CultureOf).
func (f Actor) Actor() (entente.Actor, error) {
	a := entente.Actor{ID: entente.ActorID(f.ID), Name: f.Name, Kind: entente.ActorKind(f.Kind)}
	if len(f.Capabilities) > 0 {
		a.Capabilities = f.Capabilities
	}
	if len(f.Positions) > 0 {
		a.Positions = f.Positions
	}
	if len(f.Codes.M) > 0 {
		a.Codes = f.Codes.M
	}
	var err error
	a.Culture, err = entente.CultureOf(f.Culture)
	return a, err
}
