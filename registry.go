package entente

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"sort"
	"time"
)

// RegistryLog is the name of the log that records actors and their
// delegates' keys. Pact IDs cannot start with an underscore, so it never
// clashes with a pact's log.
const RegistryLog = "_registry"

// The payloads of registry events.
type (
	// ActorRegistered records an actor, or a new version of it when the ID
	// is already known (new capabilities, a new name).
	ActorRegistered struct {
		Actor Actor `json:"actor"`
	}
	// KeyEnrolled records a delegate's key for an actor. Via says how:
	// "invitation ID" for an actor's first key, "key" when an existing key
	// of the actor enrolled it.
	KeyEnrolled struct {
		Actor    ActorID `json:"actor"`
		Key      string  `json:"key"`
		Delegate string  `json:"delegate"`
		Via      string  `json:"via"`
	}
	// KeyRevoked records that a key no longer acts for its actor.
	KeyRevoked struct {
		Actor  ActorID `json:"actor"`
		Key    string  `json:"key"`
		Reason string  `json:"reason,omitempty"`
	}
	// HeadWitnessed records a member's countersignature of a log's signed
	// tree head: that its delegate saw the log at Size entries with Root.
	// A server that later shows that log otherwise is caught by anyone
	// holding the witness.
	HeadWitnessed struct {
		Witness Witness `json:"witness"`
	}
	// InvitationIssued records a one-time invitation to enrol an actor's
	// first key. Only the SHA-256 of its secret token is kept; the token
	// itself appears in the log when it is redeemed.
	InvitationIssued struct {
		Invitation Invitation `json:"invitation"`
	}
)

// EventType implements EventData.
func (ActorRegistered) EventType() string { return "actor_registered" }

// EventType implements EventData.
func (KeyEnrolled) EventType() string { return "key_enrolled" }

// EventType implements EventData.
func (KeyRevoked) EventType() string { return "key_revoked" }

// EventType implements EventData.
func (InvitationIssued) EventType() string { return "invitation_issued" }

// EventType implements EventData.
func (HeadWitnessed) EventType() string { return "head_witnessed" }

// Witness is a member's countersignature of a log's tree head: the request
// that carries it is signed by the member's delegate.
type Witness struct {
	Log   string  `json:"log"`
	Size  uint64  `json:"size"`
	Root  string  `json:"root"` // lower-case hex, as tree heads print it
	Actor ActorID `json:"actor,omitempty"`
}

// Invitation lets whoever holds its token register an actor with its first
// delegate key: a new actor, or, when Actor is set, that actor if it has no
// key yet. An actor registered through a Registrar invitation may invite
// others.
type Invitation struct {
	ID        string    `json:"id"`
	Actor     ActorID   `json:"actor,omitempty"`
	TokenHash string    `json:"token_hash"`
	Expires   time.Time `json:"expires"`
	Registrar bool      `json:"registrar,omitempty"`
	// Redeemed is the registry entry that used it, or -1.
	Redeemed int64 `json:"-"`
}

// NewToken returns a secret invitation token drawn from rand (normally
// crypto/rand.Reader): 24 random bytes, URL-safe, after "inv-".
func NewToken(rand io.Reader) (string, error) {
	b := make([]byte, 24)
	if _, err := io.ReadFull(rand, b); err != nil {
		return "", err
	}
	return "inv-" + base64.RawURLEncoding.EncodeToString(b), nil
}

// TokenHash returns the hex SHA-256 of an invitation token, as the
// registry keeps it.
func TokenHash(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

// DelegateKey is a delegate's key as the registry knows it: for which
// actor, from which registry entry, and until which (Revoked, or -1).
type DelegateKey struct {
	Key      string  `json:"key"`
	Actor    ActorID `json:"actor"`
	Delegate string  `json:"delegate"`
	Enrolled int64   `json:"enrolled"`
	Revoked  int64   `json:"revoked"`
	// EnrolledAt is the time of the enrolment entry.
	EnrolledAt time.Time `json:"enrolled_at"`
}

// ValidAt reports whether the key acted for its actor after the first n
// registry entries.
func (k *DelegateKey) ValidAt(n int64) bool {
	return k.Enrolled < n && (k.Revoked < 0 || k.Revoked >= n)
}

// actorVersion is one version of an actor's record, from registry entry Seq.
type actorVersion struct {
	seq   int64
	actor *Actor
}

// Registry is the fold of the registry log: every actor (latest version,
// with its history), every delegate key and invitation. Like a pact's
// state, it changes only by Apply.
type Registry struct {
	Actors      map[ActorID]*Actor      `json:"actors"`
	Keys        map[string]*DelegateKey `json:"keys"`
	Invitations []*Invitation           `json:"invitations"`
	Registrars  map[ActorID]bool        `json:"registrars"`
	// Witnesses holds the heads members countersigned, by log, in order.
	Witnesses map[string][]Witness `json:"witnesses,omitempty"`
	Len       int64                `json:"len"`
	Updated   time.Time            `json:"updated"`
	versions  map[ActorID][]actorVersion
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry {
	return &Registry{Actors: map[ActorID]*Actor{}, Keys: map[string]*DelegateKey{},
		Registrars: map[ActorID]bool{}, versions: map[ActorID][]actorVersion{}}
}

// Apply folds one registry event, refusing events out of sequence or that
// contradict the registry.
func (r *Registry) Apply(e Event) error {
	if e.Seq != r.Len {
		return fmt.Errorf("registry event %d: expected sequence number %d", e.Seq, r.Len)
	}
	if err := r.apply(e); err != nil {
		return fmt.Errorf("registry event %d (%s): %w", e.Seq, typeName(e.Data), err)
	}
	r.Len++
	r.Updated = canonicalTime(e.At)
	return nil
}

func (r *Registry) apply(e Event) error {
	switch d := e.Data.(type) {
	case ActorRegistered:
		a := d.Actor
		if err := a.Validate(); err != nil {
			return err
		}
		r.Actors[a.ID] = &a
		r.versions[a.ID] = append(r.versions[a.ID], actorVersion{e.Seq, &a})
	case KeyEnrolled:
		return r.applyEnrolled(d, e.Seq, canonicalTime(e.At))
	case KeyRevoked:
		k := r.Keys[d.Key]
		if k == nil || k.Actor != d.Actor || k.Revoked >= 0 {
			return fmt.Errorf("key %s is not a live key of %s", KeyID(d.Key), d.Actor)
		}
		k.Revoked = e.Seq
	case HeadWitnessed:
		if r.Witnesses == nil {
			r.Witnesses = map[string][]Witness{}
		}
		r.Witnesses[d.Witness.Log] = append(r.Witnesses[d.Witness.Log], d.Witness)
	case InvitationIssued:
		inv := d.Invitation
		if inv.ID != nextID("i", len(r.Invitations)) {
			return fmt.Errorf("expected invitation %s, got %q", nextID("i", len(r.Invitations)), inv.ID)
		}
		inv.Redeemed = -1
		r.Invitations = append(r.Invitations, &inv)
	default:
		return fmt.Errorf("not a registry event")
	}
	return nil
}

func (r *Registry) applyEnrolled(d KeyEnrolled, seq int64, at time.Time) error {
	if r.Actors[d.Actor] == nil {
		return fmt.Errorf("unknown actor %q", d.Actor)
	}
	if _, err := ParsePublicKey(d.Key); err != nil {
		return err
	}
	if r.Keys[d.Key] != nil {
		return fmt.Errorf("key %s is already enrolled", KeyID(d.Key))
	}
	if inv := r.invitationVia(d.Via); inv != nil {
		if inv.Redeemed >= 0 {
			return fmt.Errorf("invitation %s was already redeemed", inv.ID)
		}
		inv.Redeemed = seq
		if inv.Registrar {
			r.Registrars[d.Actor] = true
		}
	}
	r.Keys[d.Key] = &DelegateKey{Key: d.Key, Actor: d.Actor, Delegate: d.Delegate, Enrolled: seq, Revoked: -1, EnrolledAt: at}
	return nil
}

// invitationVia returns the invitation a KeyEnrolled's Via names, or nil.
func (r *Registry) invitationVia(via string) *Invitation {
	var id string
	if _, err := fmt.Sscanf(via, "invitation %s", &id); err != nil {
		return nil
	}
	return r.Invitation(id)
}

// Invitation returns the invitation with the given ID, or nil.
func (r *Registry) Invitation(id string) *Invitation {
	return findByID(r.Invitations, id, func(i *Invitation) string { return i.ID })
}

// Actor returns the actor with the given ID, or nil.
func (r *Registry) Actor(id ActorID) *Actor { return r.Actors[id] }

// ActorAt returns the actor's record as it stood after the first n registry
// entries, or nil.
func (r *Registry) ActorAt(id ActorID, n int64) *Actor {
	vs := r.versions[id]
	i := sort.Search(len(vs), func(i int) bool { return vs[i].seq >= n })
	if i == 0 {
		return nil
	}
	return vs[i-1].actor
}

// LiveKeys returns the keys that act for id after the first n entries.
func (r *Registry) LiveKeys(id ActorID, n int64) []*DelegateKey {
	var out []*DelegateKey
	for _, k := range r.sortedKeys() {
		if k.Actor == id && k.ValidAt(n) {
			out = append(out, k)
		}
	}
	return out
}

func (r *Registry) sortedKeys() []*DelegateKey {
	out := make([]*DelegateKey, 0, len(r.Keys))
	for _, k := range sortedKeys(r.Keys) {
		out = append(out, r.Keys[k])
	}
	return out
}

// Keyed reports whether id had a delegate key at any point in the first n
// entries: such an actor's actions must all be signed.
func (r *Registry) Keyed(id ActorID, n int64) bool {
	for _, k := range r.Keys {
		if k.Actor == id && k.Enrolled < n {
			return true
		}
	}
	return false
}

// KeyedBy reports whether id had a delegate key enrolled by time t.
func (r *Registry) KeyedBy(id ActorID, t time.Time) bool {
	for _, k := range r.Keys {
		if k.Actor == id && !k.EnrolledAt.After(t) {
			return true
		}
	}
	return false
}

// List returns every actor sorted by ID.
func (r *Registry) List() []*Actor {
	out := make([]*Actor, 0, len(r.Actors))
	for _, a := range r.Actors {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Record returns the event by which the operator records an actor without
// delegate keys: a historical state, a simulated agent. The operator may
// not record (or change) an actor that has a key: that takes the actor's
// own signature (UpdateActor).
func (r *Registry) Record(a Actor, now time.Time) (Event, error) {
	if err := a.Validate(); err != nil {
		return Event{}, err
	}
	if r.Keyed(a.ID, r.Len) {
		return Event{}, FieldErrorf(EFORBIDDEN, "id", "%s has delegate keys: only its own signed request may change its record", a.ID)
	}
	return Event{Seq: r.Len, At: canonicalTime(now), Data: ActorRegistered{Actor: a}}, nil
}

// Invite returns the event that records an invitation issued by the
// operator (by "") or by a registrar's delegate.
func (r *Registry) Invite(by ActorID, inv Invitation, now time.Time) (Event, error) {
	if by != "" && !r.Registrars[by] {
		return Event{}, FieldErrorf(EFORBIDDEN, "actor", "%s is not a registrar and may not invite", by)
	}
	if len(inv.TokenHash) != 64 {
		return Event{}, FieldErrorf(EINVALID, "token_hash", "expected the hex SHA-256 of the invitation token")
	}
	if !inv.Expires.After(now) {
		return Event{}, FieldErrorf(EINVALID, "expires", "expected an expiry after now (%s)", canonicalTime(now).Format(time.RFC3339))
	}
	if inv.Actor != "" && !ValidID(string(inv.Actor)) {
		return Event{}, FieldErrorf(EINVALID, "actor", "expected an actor ID, got %q", inv.Actor)
	}
	inv.ID = nextID("i", len(r.Invitations))
	inv.Expires = canonicalTime(inv.Expires)
	return Event{Seq: r.Len, At: canonicalTime(now), By: by, Data: InvitationIssued{Invitation: inv}}, nil
}
