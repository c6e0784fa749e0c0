package entente

import (
	"fmt"
	"time"
)

// PactID names a pact; it is also the name of the pact's log.
type PactID string

// PactKind is alliance or coalition. The difference is behaviour (seed 002):
// an alliance admits by consent of its members, decides by consensus or its
// agreed terms and lasts until it decides to end; a coalition lets members
// join and leave on its objectives and may end when its objective is met.
type PactKind string

// The kinds of pact.
const (
	Alliance  PactKind = "alliance"
	Coalition PactKind = "coalition"
)

// Purpose is what a pact is for.
type Purpose string

// The purposes a pact may have (seed 001 §1.1).
const (
	Defensive      Purpose = "defensive"
	Offensive      Purpose = "offensive"
	Economic       Purpose = "economic"
	Political      Purpose = "political"
	Social         Purpose = "social"
	Knowledge      Purpose = "knowledge"
	CrisisResponse Purpose = "crisis_response"
)

// Purposes lists every valid Purpose.
var Purposes = []Purpose{Defensive, Offensive, Economic, Political, Social, Knowledge, CrisisResponse}

// Obligation is what members owe each other, after the provisions coded by
// the ATOP project.
type Obligation string

// The obligations of ATOP.
const (
	Defense       Obligation = "defense"
	Offense       Obligation = "offense"
	Neutrality    Obligation = "neutrality"
	NonAggression Obligation = "non_aggression"
	Consultation  Obligation = "consultation"
)

// Obligations lists every valid Obligation.
var Obligations = []Obligation{Defense, Offense, Neutrality, NonAggression, Consultation}

// DurationKind says how long a pact is meant to last.
type DurationKind string

// The kinds of duration.
const (
	Permanent      DurationKind = "permanent"
	UntilObjective DurationKind = "until_objective"
	FixedTerm      DurationKind = "fixed_term"
)

// Duration is how long a pact lasts: permanent, until an objective is met
// (Objective names it by metric), or for a fixed term ending at Until.
type Duration struct {
	Kind      DurationKind `json:"kind"`
	Until     time.Time    `json:"until,omitzero"`
	Objective string       `json:"objective,omitempty"`
}

// Pact is the charter of an alliance or coalition: what it is, what it is
// for and the agreement its members signed. Its members, commitments and
// decisions live in its PactState, the fold of its log.
type Pact struct {
	ID          PactID       `json:"id"`
	Name        string       `json:"name"`
	Kind        PactKind     `json:"kind"`
	Purposes    []Purpose    `json:"purposes,omitempty"`
	Obligations []Obligation `json:"obligations,omitempty"`
	Duration    Duration     `json:"duration"`
	Agreement   Agreement    `json:"agreement"`
	// Visibility is who may read the pact's record: everyone (public, the
	// default) or its members and those holding a role in it (members).
	// Everyone may still check its log's proofs: readers not entitled to
	// an entry see its leaf hash, type and time.
	Visibility Visibility `json:"visibility,omitempty"`
}

// Visibility is who may read a pact's record.
type Visibility string

// The visibilities of a pact.
const (
	Public      Visibility = "public"
	MembersOnly Visibility = "members"
)

// Validate checks p and returns an *Error naming the first bad field.
func (p *Pact) Validate() error {
	if !ValidID(string(p.ID)) {
		return FieldErrorf(EINVALID, "id", "expected 1-64 lower-case letters, digits, '.', '_' or '-', got %q", p.ID)
	}
	if p.Name == "" {
		return FieldErrorf(EINVALID, "name", "expected a name")
	}
	if p.Kind != Alliance && p.Kind != Coalition {
		return FieldErrorf(EINVALID, "kind", "expected alliance or coalition, got %q", p.Kind)
	}
	for i, v := range p.Purposes {
		if !oneOf(v, Purposes) {
			return FieldErrorf(EINVALID, fmt.Sprintf("purposes[%d]", i), "expected one of %v, got %q", Purposes, v)
		}
	}
	for i, v := range p.Obligations {
		if !oneOf(v, Obligations) {
			return FieldErrorf(EINVALID, fmt.Sprintf("obligations[%d]", i), "expected one of %v, got %q", Obligations, v)
		}
	}
	if err := p.Duration.validate(); err != nil {
		return err
	}
	if p.Visibility != "" && p.Visibility != Public && p.Visibility != MembersOnly {
		return FieldErrorf(EINVALID, "visibility", "expected public or members, got %q", p.Visibility)
	}
	return p.Agreement.Validate()
}

func (d Duration) validate() error {
	switch d.Kind {
	case Permanent, "":
	case UntilObjective:
		if d.Objective == "" {
			return FieldErrorf(EINVALID, "duration.objective", "expected the metric of the objective that ends the pact")
		}
	case FixedTerm:
		if d.Until.IsZero() {
			return FieldErrorf(EINVALID, "duration.until", "expected the end of the term")
		}
	default:
		return FieldErrorf(EINVALID, "duration.kind", "expected permanent, until_objective or fixed_term, got %q", d.Kind)
	}
	return nil
}

func oneOf[T comparable](v T, set []T) bool {
	for _, s := range set {
		if v == s {
			return true
		}
	}
	return false
}

// PactReader is where analyses read a live pact and its members: a
// *ledger.Service, or a test's one-pact store. Pact returns ENOTFOUND for
// a pact it does not hold; Lookup returns nil for an unknown actor.
type PactReader interface {
	Pact(PactID) (*PactState, error)
	Lookup(ActorID) *Actor
}
