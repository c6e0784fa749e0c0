package entente

import (
	"encoding/json"
	"regexp"
	"strings"
	"time"
)

// RegistryCommand is a signed request to the actor registry: registering
// an actor with its first delegate key, changing its record, enrolling and
// revoking keys, inviting.
type RegistryCommand interface {
	// signers says whose signatures the command needs when by makes it.
	signers(r *Registry, by ActorID) Signers
	// runRegistry checks the command and returns the events it records.
	runRegistry(r *Registry, by ActorID, now time.Time) ([]Event, error)
}

// RegisterActor registers an actor with its first delegate key, redeeming
// an invitation: its token must hash to an open invitation's. The request
// is signed by the new key alone (which proves the delegate holds it). An
// actor that already has a key cannot be registered again, by anyone.
type RegisterActor struct {
	Actor    Actor  `json:"actor"`
	Key      string `json:"key"`
	Delegate string `json:"delegate"`
	Token    string `json:"token"`
}

func (c RegisterActor) signers(*Registry, ActorID) Signers { return Signers{Keys: []string{c.Key}} }

func (c RegisterActor) runRegistry(r *Registry, by ActorID, now time.Time) ([]Event, error) {
	if c.Actor.ID != by {
		return nil, FieldErrorf(EINVALID, "actor.id", "the request acts for %s but registers %q", by, c.Actor.ID)
	}
	if err := c.Actor.Validate(); err != nil {
		return nil, err
	}
	if r.Keyed(by, r.Len) {
		return nil, FieldErrorf(ECONFLICT, "actor.id", "%s is already registered with its own keys", by)
	}
	if err := checkNewKey(r, c.Key, c.Delegate); err != nil {
		return nil, err
	}
	inv, err := r.redeemable(c.Token, by, now)
	if err != nil {
		return nil, err
	}
	return []Event{
		{Seq: r.Len, At: now, By: by, Data: ActorRegistered{Actor: c.Actor}},
		{Seq: r.Len + 1, At: now, By: by, Data: KeyEnrolled{Actor: by, Key: c.Key, Delegate: c.Delegate, Via: "invitation " + inv.ID}},
	}, nil
}

// redeemable returns the open invitation whose token is token, for actor.
func (r *Registry) redeemable(token string, actor ActorID, now time.Time) (*Invitation, error) {
	if token == "" {
		return nil, FieldErrorf(EFORBIDDEN, "token", "expected an invitation token")
	}
	h := TokenHash(token)
	for _, inv := range r.Invitations {
		if inv.TokenHash != h {
			continue
		}
		switch {
		case inv.Redeemed >= 0:
			return nil, FieldErrorf(ECONFLICT, "token", "invitation %s was already used", inv.ID)
		case now.After(inv.Expires):
			return nil, FieldErrorf(ECONFLICT, "token", "invitation %s expired at %s", inv.ID, inv.Expires.Format(time.RFC3339))
		case inv.Actor != "" && inv.Actor != actor:
			return nil, FieldErrorf(EFORBIDDEN, "token", "invitation %s is for %s, not %s", inv.ID, inv.Actor, actor)
		case inv.Actor == "" && r.Actors[actor] != nil:
			return nil, FieldErrorf(ECONFLICT, "actor.id", "%s is already registered; only an invitation naming it may give it keys", actor)
		}
		return inv, nil
	}
	return nil, FieldErrorf(EFORBIDDEN, "token", "no invitation has this token")
}

func checkNewKey(r *Registry, key, delegate string) error {
	if _, err := ParsePublicKey(key); err != nil {
		return FieldErrorf(EINVALID, "key", "%v", err)
	}
	if r.Keys[key] != nil {
		return FieldErrorf(ECONFLICT, "key", "key %s is already enrolled", KeyID(key))
	}
	if strings.TrimSpace(delegate) == "" || len(delegate) > 200 {
		return FieldErrorf(EINVALID, "delegate", "expected the delegate's name (1-200 characters)")
	}
	return nil
}

// UpdateActor changes an actor's record (name, capabilities, positions,
// codes), signed by one of its delegates.
type UpdateActor struct {
	Actor Actor `json:"actor"`
}

func (c UpdateActor) signers(_ *Registry, by ActorID) Signers { return Signers{Actors: []ActorID{by}} }

func (c UpdateActor) runRegistry(r *Registry, by ActorID, now time.Time) ([]Event, error) {
	if c.Actor.ID != by {
		return nil, FieldErrorf(EINVALID, "actor.id", "the request acts for %s but changes %q", by, c.Actor.ID)
	}
	if r.Actors[by] == nil {
		return nil, FieldErrorf(ENOTFOUND, "actor.id", "no actor %q", by)
	}
	if err := c.Actor.Validate(); err != nil {
		return nil, err
	}
	return []Event{{Seq: r.Len, At: now, By: by, Data: ActorRegistered{Actor: c.Actor}}}, nil
}

// EnrolKey adds a delegate key to an actor, signed by one of its live keys
// and by the new key.
type EnrolKey struct {
	Key      string `json:"key"`
	Delegate string `json:"delegate"`
}

func (c EnrolKey) signers(_ *Registry, by ActorID) Signers {
	return Signers{Actors: []ActorID{by}, Keys: []string{c.Key}}
}

func (c EnrolKey) runRegistry(r *Registry, by ActorID, now time.Time) ([]Event, error) {
	if err := checkNewKey(r, c.Key, c.Delegate); err != nil {
		return nil, err
	}
	return []Event{{Seq: r.Len, At: now, By: by, Data: KeyEnrolled{Actor: by, Key: c.Key, Delegate: c.Delegate, Via: "key"}}}, nil
}

// RevokeKey withdraws a delegate key, signed by one of the actor's live
// keys (it may be the key revoked). The last live key cannot be revoked:
// enrol its successor first.
type RevokeKey struct {
	Key    string `json:"key"`
	Reason string `json:"reason,omitempty"`
}

func (c RevokeKey) signers(_ *Registry, by ActorID) Signers { return Signers{Actors: []ActorID{by}} }

func (c RevokeKey) runRegistry(r *Registry, by ActorID, now time.Time) ([]Event, error) {
	k := r.Keys[c.Key]
	if k == nil || k.Actor != by || !k.ValidAt(r.Len) {
		return nil, FieldErrorf(ENOTFOUND, "key", "key %s is not a live key of %s", KeyID(c.Key), by)
	}
	if len(r.LiveKeys(by, r.Len)) == 1 {
		return nil, FieldErrorf(ECONFLICT, "key", "key %s is %s's last live key: enrol its successor first", KeyID(c.Key), by)
	}
	return []Event{{Seq: r.Len, At: now, By: by, Data: KeyRevoked{Actor: by, Key: c.Key, Reason: c.Reason}}}, nil
}

// Invite issues an invitation, signed by a registrar's delegate.
type Invite struct {
	Actor     ActorID   `json:"actor,omitempty"`
	TokenHash string    `json:"token_hash"`
	Expires   time.Time `json:"expires,omitzero"` // default: DefaultInvitationLifetime from now
	Registrar bool      `json:"registrar,omitempty"`
}

func (c Invite) signers(_ *Registry, by ActorID) Signers { return Signers{Actors: []ActorID{by}} }

func (c Invite) runRegistry(r *Registry, by ActorID, now time.Time) ([]Event, error) {
	if c.Expires.IsZero() {
		c.Expires = now.Add(DefaultInvitationLifetime)
	}
	ev, err := r.Invite(by, Invitation{Actor: c.Actor, TokenHash: c.TokenHash, Expires: c.Expires, Registrar: c.Registrar}, now)
	if err != nil {
		return nil, err
	}
	return []Event{ev}, nil
}

func marshalArgs(cmd any) (json.RawMessage, error) {
	b, err := json.Marshal(cmd)
	if err != nil {
		return nil, Errorf(EINTERNAL, "encoding %T: %v", cmd, err)
	}
	return b, nil
}

// WitnessHead is a member's countersignature of a log's tree head, signed
// by one of its delegates. The registry records the claim; the server
// accepts it only for a head it signed (see ledger.Service.Submit).
type WitnessHead struct {
	Log  string `json:"log"`
	Size uint64 `json:"size"`
	Root string `json:"root"`
}

var hexRoot = regexp.MustCompile(`^[0-9a-f]{64}$`)

func (c WitnessHead) signers(_ *Registry, by ActorID) Signers { return Signers{Actors: []ActorID{by}} }

func (c WitnessHead) runRegistry(r *Registry, by ActorID, now time.Time) ([]Event, error) {
	switch {
	case c.Log != RegistryLog && !ValidID(c.Log):
		return nil, FieldErrorf(EINVALID, "log", "expected a log name, got %q", c.Log)
	case c.Size == 0:
		return nil, FieldErrorf(EINVALID, "size", "expected the size of a tree head, at least 1")
	case !hexRoot.MatchString(c.Root):
		return nil, FieldErrorf(EINVALID, "root", "expected 64 lower-case hex digits")
	}
	w := Witness{Log: c.Log, Size: c.Size, Root: c.Root, Actor: by}
	return []Event{{Seq: r.Len, At: now, By: by, Data: HeadWitnessed{Witness: w}}}, nil
}
