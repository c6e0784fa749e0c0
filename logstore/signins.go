package logstore

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/entente/entente"
)

// SignIn is what the web server keeps of a passkey ceremony under way or
// of a session open: its own record, under the SHA-256 of the secret its
// cookie carries (the secret itself is never stored), live until
// Expires. Kept in the store, a sign-in is known to every server on it:
// a ceremony begun through one server behind a load balancer finishes
// through another, a session opened on one is honoured by all, and
// signing out ends it on all.
type SignIn struct {
	ID      [32]byte
	Kind    SignInKind
	Actor   string // whose session; "" for a ceremony
	Expires time.Time
	Record  []byte
}

// Live reports whether s is live at now.
func (s SignIn) Live(now time.Time) bool { return now.Before(s.Expires) }

// SignInKind says what a sign-in is.
type SignInKind string

// The kinds of sign-in.
const (
	Ceremony SignInKind = "ceremony" // a WebAuthn ceremony between its begin and its finish
	Session  SignInKind = "session"  // a signed-in delegate
)

// SignInLimits bounds the sign-ins a store holds, as the server's memory
// bounded them when it kept them: at most Total live of each kind and at
// most PerActor live sessions of one actor. A zero bound is no bound. A
// new sign-in past a bound takes the place of the live one of its kind
// (of its actor's sessions, for PerActor) that expires first: under a
// flood of ceremonies begun, or of one delegate's sign-ins, the oldest
// go, and no one else's session does for PerActor. Now is the time
// liveness is judged at.
type SignInLimits struct {
	Now             time.Time
	Total, PerActor int
}

// SignInStore keeps sign-ins where every server on the store sees them.
type SignInStore interface {
	// PutSignIn stores s, replacing a sign-in with its ID, first making
	// room within lim (see SignInLimits) and removing the sign-ins of
	// s's kind that are not live at lim.Now.
	PutSignIn(ctx context.Context, s SignIn, lim SignInLimits) error
	// SignIn returns sign-in id if it is of kind and live at now; ok is
	// false otherwise.
	SignIn(ctx context.Context, id [32]byte, kind SignInKind, now time.Time) (s SignIn, ok bool, err error)
	// TakeSignIn removes sign-in id and returns it if it was of kind and
	// live at now: of callers taking one sign-in at once, on any server,
	// at most one gets it (a ceremony is finished once).
	TakeSignIn(ctx context.Context, id [32]byte, kind SignInKind, now time.Time) (s SignIn, ok bool, err error)
	// DeleteSignIn removes sign-in id whatever its kind; removing none
	// is no error.
	DeleteSignIn(ctx context.Context, id [32]byte) error
}

// CheckSignIn refuses a sign-in that cannot be stored, naming the field.
func CheckSignIn(s SignIn) error {
	switch {
	case s.Kind != Ceremony && s.Kind != Session:
		return entente.FieldErrorf(entente.EINVALID, "kind", "expected %q or %q, got %q", Ceremony, Session, s.Kind)
	case s.Kind == Session && s.Actor == "":
		return entente.FieldErrorf(entente.EINVALID, "actor", "a session names its actor")
	case s.Expires.IsZero():
		return entente.FieldErrorf(entente.EINVALID, "expires", "a sign-in expires")
	case len(s.Record) == 0:
		return entente.FieldErrorf(entente.EINVALID, "record", "a sign-in has a record")
	}
	return nil
}

// Evictions returns how many sign-ins must go to make room for one more
// when held are live (mine of them of the new sign-in's actor, for a
// session): first of the actor's, then of all. Stores use it so that
// each removes as many as the others.
func (l SignInLimits) Evictions(held, mine int, kind SignInKind) (ofActor, ofAll int) {
	if kind == Session && l.PerActor > 0 && mine >= l.PerActor {
		ofActor = mine - l.PerActor + 1
	}
	if l.Total > 0 && held-ofActor >= l.Total {
		ofAll = held - ofActor - l.Total + 1
	}
	return ofActor, ofAll
}

// MemorySignIns is a SignInStore in one process's memory: what a server
// uses when its store keeps no sign-ins (its sign-ins then last as long
// as it runs, and other servers do not see them), and what the contract
// suite checks the databases against.
type MemorySignIns struct {
	mu sync.Mutex
	m  map[[32]byte]SignIn
}

// PutSignIn implements SignInStore.
func (m *MemorySignIns) PutSignIn(ctx context.Context, s SignIn, lim SignInLimits) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := CheckSignIn(s); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.m == nil {
		m.m = map[[32]byte]SignIn{}
	}
	delete(m.m, s.ID)
	var all, mine []SignIn
	for id, x := range m.m {
		switch {
		case x.Kind != s.Kind:
		case !x.Live(lim.Now):
			delete(m.m, id)
		default:
			all = append(all, x)
			if s.Kind == Session && x.Actor == s.Actor {
				mine = append(mine, x)
			}
		}
	}
	ofActor, ofAll := lim.Evictions(len(all), len(mine), s.Kind)
	m.evict(mine, ofActor)
	if ofAll > 0 {
		all = slices.DeleteFunc(all, func(x SignIn) bool { _, held := m.m[x.ID]; return !held })
		m.evict(all, ofAll)
	}
	s.Record = slices.Clone(s.Record)
	m.m[s.ID] = s
	return nil
}

// evict removes the n of xs that expire first (by ID among equals).
// Callers hold mu.
func (m *MemorySignIns) evict(xs []SignIn, n int) {
	if n <= 0 {
		return
	}
	slices.SortFunc(xs, compareExpiry)
	for _, x := range xs[:min(n, len(xs))] {
		delete(m.m, x.ID)
	}
}

// compareExpiry orders sign-ins by when they expire, then by ID.
func compareExpiry(a, b SignIn) int {
	if c := a.Expires.Compare(b.Expires); c != 0 {
		return c
	}
	return slices.Compare(a.ID[:], b.ID[:])
}

// SignIn implements SignInStore.
func (m *MemorySignIns) SignIn(ctx context.Context, id [32]byte, kind SignInKind, now time.Time) (SignIn, bool, error) {
	if err := ctx.Err(); err != nil {
		return SignIn{}, false, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	s, ok := m.m[id]
	if !ok || s.Kind != kind || !s.Live(now) {
		return SignIn{}, false, nil
	}
	s.Record = slices.Clone(s.Record)
	return s, true, nil
}

// TakeSignIn implements SignInStore.
func (m *MemorySignIns) TakeSignIn(ctx context.Context, id [32]byte, kind SignInKind, now time.Time) (SignIn, bool, error) {
	if err := ctx.Err(); err != nil {
		return SignIn{}, false, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	s, ok := m.m[id]
	if !ok || s.Kind != kind {
		return SignIn{}, false, nil
	}
	delete(m.m, id)
	return s, s.Live(now), nil
}

// DeleteSignIn implements SignInStore.
func (m *MemorySignIns) DeleteSignIn(ctx context.Context, id [32]byte) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.m, id)
	return nil
}
