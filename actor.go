package entente

import (
	"encoding/json"
	"regexp"
	"sort"
)

// ActorID names an actor. IDs are short slugs ("acme", "usa", "greenpeace").
type ActorID string

// ActorKind says what an actor is.
type ActorKind string

// The kinds of actor.
const (
	State  ActorKind = "state"
	Firm   ActorKind = "firm"
	NGO    ActorKind = "ngo"
	Person ActorKind = "person"
	Group  ActorKind = "group"
)

// ActorKinds lists every valid ActorKind.
var ActorKinds = []ActorKind{State, Firm, NGO, Person, Group}

// Actor is anyone who can join a pact: a state from a dataset, a firm in a
// joint venture, a simulated agent. Capabilities are named resource amounts
// (military, economic, technology, market_access, knowledge, population,
// ...); positions are an actor's stance on named issues, on a scale of its
// user's choosing. Culture holds Hofstede's six dimensions where known.
type Actor struct {
	ID           ActorID            `json:"id"`
	Name         string             `json:"name"`
	Kind         ActorKind          `json:"kind"`
	Capabilities map[string]float64 `json:"capabilities,omitempty"`
	Positions    map[string]float64 `json:"positions,omitempty"`
	Culture      *Culture           `json:"culture,omitempty"`
	// Codes are identifiers in outside datasets, such as "cow": "2".
	Codes map[string]string `json:"codes,omitempty"`
}

// Culture holds Hofstede's six cultural dimensions (0 to 100 or more). A nil
// field is unknown, never zero.
type Culture struct {
	PowerDistance        *float64 `json:"power_distance,omitempty"`
	Individualism        *float64 `json:"individualism,omitempty"`
	Masculinity          *float64 `json:"masculinity,omitempty"`
	UncertaintyAvoidance *float64 `json:"uncertainty_avoidance,omitempty"`
	LongTermOrientation  *float64 `json:"long_term_orientation,omitempty"`
	Indulgence           *float64 `json:"indulgence,omitempty"`
}

// CultureOf reads Hofstede scores by dimension name (power_distance,
// individualism, masculinity, uncertainty_avoidance,
// long_term_orientation, indulgence) into a Culture: nil for none, and
// an error naming the field "culture" for an unknown dimension.
func CultureOf(scores map[string]float64) (*Culture, error) {
	if len(scores) == 0 {
		return nil, nil
	}
	var c Culture
	data, err := json.Marshal(scores)
	if err == nil {
		err = StrictJSON(data, &c)
	}
	if err != nil {
		return nil, FieldErrorf(EINVALID, "culture", "expected power_distance, individualism, masculinity, uncertainty_avoidance, long_term_orientation or indulgence: %v", err)
	}
	return &c, nil
}

var slugPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,63}$`)

// ValidID reports whether s is a valid actor or pact ID: 1 to 64 characters
// of lower-case letters, digits, '.', '_' and '-', starting with a letter or
// digit.
func ValidID(s string) bool { return slugPattern.MatchString(s) }

// Validate checks a's fields and returns an *Error naming the first bad one.
func (a *Actor) Validate() error {
	if !ValidID(string(a.ID)) {
		return FieldErrorf(EINVALID, "id", "expected 1-64 lower-case letters, digits, '.', '_' or '-', got %q", a.ID)
	}
	if a.Name == "" {
		return FieldErrorf(EINVALID, "name", "expected a name")
	}
	if !validActorKind(a.Kind) {
		return FieldErrorf(EINVALID, "kind", "expected one of state, firm, ngo, person, group, got %q", a.Kind)
	}
	for _, name := range sortedKeys(a.Capabilities) {
		if v := a.Capabilities[name]; !(v >= 0) || v > MaxAmount {
			return FieldErrorf(EINVALID, "capabilities."+name, "expected a non-negative amount of at most %g, got %v", MaxAmount, v)
		}
	}
	return nil
}

func validActorKind(k ActorKind) bool {
	for _, v := range ActorKinds {
		if k == v {
			return true
		}
	}
	return false
}

// sortedKeys returns m's keys in order, so that loops over maps are
// deterministic.
func sortedKeys[K ~string, V any](m map[K]V) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	return keys
}
