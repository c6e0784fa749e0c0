package history

import (
	"github.com/entente/entente"
	"github.com/entente/entente/world"
)

// stateID is the actor ID of a COW state, as package world names it.
func stateID(abb string, ccode int) entente.ActorID { return world.StateID(abb, ccode) }
