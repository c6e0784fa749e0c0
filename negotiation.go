package entente

import (
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"slices"
	"time"
)

// BargainKind says what a bargaining splits.
type BargainKind string

// The kinds of bargaining. A split of benefits is the default (empty in
// the log, so that entries written before kinds existed read the same).
const (
	// BargainBenefits splits a benefit: each party's reservation value is
	// the least share it accepts; the adopted split becomes the benefits
	// clause's fixed shares.
	BargainBenefits BargainKind = "benefits"
	// BargainCosts splits a cost into a contribution schedule: each
	// party's reservation value is the most it will pay; the adopted
	// schedule becomes the agreement's contribution clauses.
	BargainCosts BargainKind = "costs"
)

// SaltDigits is the length of a reservation's salt: 32 random bytes in
// lower-case hexadecimal.
const SaltDigits = 64

// NewSalt draws a reservation's salt from rand (normally
// crypto/rand.Reader): SaltDigits lower-case hexadecimal digits.
func NewSalt(rand io.Reader) (string, error) {
	b := make([]byte, SaltDigits/2)
	if _, err := io.ReadFull(rand, b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}

// Bargaining is a bargaining among members over how to split Total units
// of Resource (a benefit, or the cost of a contribution schedule). Each
// party states its reservation value privately (see StateReservation); the
// folded state records only who has stated one, never the value.
type Bargaining struct {
	ID       string    `json:"id"`
	Title    string    `json:"title"`
	Parties  []ActorID `json:"parties"`
	Total    float64   `json:"total"`
	Resource string    `json:"resource"`
	// Kind is BargainCosts for a contribution schedule; empty for a split
	// of benefits.
	Kind   BargainKind `json:"kind,omitempty"`
	Opened time.Time   `json:"opened"`
	// Stated lists the parties that have stated their reservation value.
	Stated []ActorID `json:"stated,omitempty"`
}

// ReservationClass is the classification every reservation value must
// carry: only the pact's secretariat (and its auditors) read it.
const ReservationClass Classification = rolePrefix + "secretariat"

// OpenBargaining opens a negotiation among members (the actor among
// them) over how to split Total units of Resource: a benefit, or with
// Kind BargainCosts the cost of a contribution schedule.
type OpenBargaining struct {
	Title    string      `json:"title"`
	Parties  []ActorID   `json:"parties"`
	Total    float64     `json:"total"`
	Resource string      `json:"resource"`
	Kind     BargainKind `json:"kind,omitempty"`
}

// StateReservation is a party's reservation value in a negotiation: the
// least share of the total it accepts rather than its best alternative
// (its BATNA's worth), or in a contribution schedule the most it will pay.
// The request must be classified ReservationClass, so that the other
// parties read only its hash. Salt is SaltDigits hexadecimal digits the
// party draws at random: the split suggested to the parties is drawn
// from every party's salt (bargain.Seed), which none of them can read, so
// that it does not give the others' values away. Stating again replaces
// the value until every party has stated; then the values are sealed.
type StateReservation struct {
	Bargaining string  `json:"bargaining"`
	Value      float64 `json:"value"`
	Salt       string  `json:"salt,omitempty"`
}

// BargainingOpened records a negotiation.
type BargainingOpened struct {
	Bargaining Bargaining `json:"bargaining"`
}

// ReservationStated records a party's reservation value; its entry is
// classified ReservationClass.
type ReservationStated struct {
	Bargaining string  `json:"bargaining"`
	Party      ActorID `json:"party"`
	Value      float64 `json:"value"`
	// Salt is the party's random salt (absent in entries written before
	// sealed splits).
	Salt string `json:"salt,omitempty"`
}

// EventType implements EventData.
func (BargainingOpened) EventType() string { return "bargaining_opened" }

// EventType implements EventData.
func (ReservationStated) EventType() string { return "reservation_stated" }

// keepsNoContent reports whether the fold keeps nothing of d's content
// (only that it happened), so that a classification on its entry does
// not put the folded state out of other readers' reach.
func keepsNoContent(d EventData) bool {
	_, ok := d.(ReservationStated)
	return ok
}

func init() {
	registerEvents(func() EventData { return &BargainingOpened{} }, func() EventData { return &ReservationStated{} })
}

func (c OpenBargaining) run(x *execution) error {
	if err := x.requireOpen(); err != nil {
		return err
	}
	if _, err := x.requireMember(); err != nil {
		return err
	}
	if err := requireText("title", c.Title); err != nil {
		return err
	}
	if err := requireText("resource", c.Resource); err != nil {
		return err
	}
	if err := positiveAmount("total", c.Total); err != nil {
		return err
	}
	kind := c.Kind
	switch kind {
	case "", BargainBenefits:
		kind = ""
	case BargainCosts:
	default:
		return FieldErrorf(EINVALID, "kind", "expected %q or %q, got %q", BargainBenefits, BargainCosts, c.Kind)
	}
	if len(c.Parties) < 2 {
		return FieldErrorf(EINVALID, "parties", "expected at least two parties, got %d", len(c.Parties))
	}
	for i, id := range c.Parties {
		if m := x.s.Members.Get(id); m == nil || !m.InPact() || slices.Contains(c.Parties[:i], id) {
			return FieldErrorf(EINVALID, fmt.Sprintf("parties[%d]", i), "expected another member of the pact, got %q", id)
		}
	}
	if !slices.Contains(c.Parties, x.by) {
		return FieldErrorf(EFORBIDDEN, "by", "%s must be one of the parties it negotiates for", x.by)
	}
	n := Bargaining{ID: nextID("b", x.s.Bargainings.Len()), Title: c.Title, Parties: slices.Clone(c.Parties), Total: c.Total, Resource: c.Resource, Kind: kind, Opened: x.now()}
	return x.emit(x.by, BargainingOpened{Bargaining: n})
}

func (c StateReservation) run(x *execution) error {
	if err := x.requireOpen(); err != nil {
		return err
	}
	n := x.s.Bargaining(c.Bargaining)
	if n == nil {
		return FieldErrorf(ENOTFOUND, "bargaining", "no bargaining %q in pact %s", c.Bargaining, x.s.Pact.ID)
	}
	if !slices.Contains(n.Parties, x.by) {
		return FieldErrorf(EFORBIDDEN, "by", "%s is not a party to bargaining %s", x.by, n.ID)
	}
	if x.class != ReservationClass {
		return FieldErrorf(EINVALID, "request.class", "expected a reservation value classified %s, so that the other parties cannot read it, got %q", ReservationClass, x.class)
	}
	if len(n.Stated) == len(n.Parties) {
		return FieldErrorf(ECONFLICT, "bargaining", "every party to %s has stated its value: the values are sealed, so that restating cannot probe the others'", n.ID)
	}
	if !(c.Value >= 0 && c.Value <= n.Total) || math.IsInf(c.Value, 0) {
		what := "the least share you accept"
		if n.Kind == BargainCosts {
			what = "the most you would pay"
		}
		return FieldErrorf(EINVALID, "value", "expected %s, from 0 to the total %g, got %v", what, n.Total, c.Value)
	}
	if !validSalt(c.Salt) {
		return FieldErrorf(EINVALID, "salt", "expected %d lower-case hexadecimal digits drawn at random (they keep the suggested split from giving your value away), got %d characters", SaltDigits, len(c.Salt))
	}
	return x.emit(x.by, ReservationStated{Bargaining: n.ID, Party: x.by, Value: c.Value, Salt: c.Salt})
}

// validSalt reports whether s is SaltDigits lower-case hexadecimal digits.
func validSalt(s string) bool {
	if len(s) != SaltDigits {
		return false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') {
			return false
		}
	}
	return true
}

// Bargaining returns the negotiation with the given ID, or nil.
func (s *PactState) Bargaining(id string) *Bargaining {
	return listFind(s.Bargainings, id, func(n *Bargaining) string { return n.ID })
}

// applyBargaining folds the negotiation events. A record is replaced by a
// changed copy in the persistent List (see own), so a fork sharing it is
// not changed and a reservation costs O(log n), not a copy of the list.
func (s *PactState) applyBargaining(e EventData, at time.Time) error {
	switch d := e.(type) {
	case BargainingOpened:
		n := d.Bargaining
		n.Opened = canonicalTime(n.Opened)
		s.Bargainings = s.Bargainings.append(&n, s.mark())
	case ReservationStated:
		n := own(&s.Bargainings, s.mark(), d.Bargaining, func(n *Bargaining) string { return n.ID }, func(n Bargaining) Bargaining { return n })
		if n == nil {
			return fmt.Errorf("unknown bargaining %q", d.Bargaining)
		}
		if !slices.Contains(n.Parties, d.Party) {
			return fmt.Errorf("%s is not a party to bargaining %s", d.Party, n.ID)
		}
		if !slices.Contains(n.Stated, d.Party) {
			n.Stated = append(slices.Clip(n.Stated), d.Party)
		}
	}
	return nil
}
