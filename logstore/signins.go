package logstore

import (
	"container/heap"
	"context"
	"slices"
	"sync"
	"time"

	"github.com/entente/entente"
)

// SignIn is what the web server keeps of a session open, or of a passkey
// ceremony finished: its own record, under the SHA-256 of the secret its
// cookie carries (the secret itself is never stored), live until
// Expires. Kept in the store, a sign-in is known to every server on it:
// a session opened on one is honoured by all, signing out ends it on
// all, and a ceremony's answer is taken once whichever server is asked.
type SignIn struct {
	ID   [32]byte
	Kind SignInKind
	// Principal is whose session it is, as the web server names them
	// (an actor's delegate key): the bound per principal counts them.
	// "" for a ceremony.
	Principal string
	Expires   time.Time
	Record    []byte
}

// Live reports whether s is live at now.
func (s SignIn) Live(now time.Time) bool { return now.Before(s.Expires) }

// SignInKind says what a sign-in is.
type SignInKind string

// The kinds of sign-in.
const (
	Ceremony SignInKind = "ceremony" // a WebAuthn ceremony finished, kept until it would have expired
	Session  SignInKind = "session"  // a signed-in delegate
)

// SignInLimits bounds the sign-ins a store holds, as the server's memory
// bounded them when it kept them: at most Total live of each kind and at
// most PerPrincipal live sessions of one principal. A zero bound is no
// bound. A new sign-in past a bound takes the place of the live one of
// its kind (of its principal's sessions, for PerPrincipal) that expires
// first: under a flood of ceremonies finished, or of one delegate's
// sign-ins, the oldest go, and for PerPrincipal no one else's. Now is the
// time liveness is judged at.
type SignInLimits struct {
	Now                 time.Time
	Total, PerPrincipal int
}

// SignInStore keeps sign-ins where every server on the store sees them.
type SignInStore interface {
	// PutSignIn stores s, first removing the sign-ins of its kind that
	// are not live at lim.Now and making room within lim (see
	// SignInLimits). A sign-in live at lim.Now with s's ID is ECONFLICT
	// and s is not stored: IDs are hashes of random secrets, so only the
	// same secret presented again repeats one, and of servers storing one
	// ID at once exactly one succeeds (a ceremony is finished once).
	PutSignIn(ctx context.Context, s SignIn, lim SignInLimits) error
	// SignIn returns sign-in id if it is of kind and live at now; ok is
	// false otherwise.
	SignIn(ctx context.Context, id [32]byte, kind SignInKind, now time.Time) (s SignIn, ok bool, err error)
	// DeleteSignIn removes sign-in id whatever its kind; removing none
	// is no error.
	DeleteSignIn(ctx context.Context, id [32]byte) error
}

// HeldSignIn returns the ECONFLICT of a sign-in stored again while live,
// which every store answers alike.
func HeldSignIn(id [32]byte) error {
	return entente.FieldErrorf(entente.ECONFLICT, "id", "sign-in %x is held already: its secret was presented before", id[:4])
}

// CheckSignIn refuses a sign-in that cannot be stored, naming the field.
func CheckSignIn(s SignIn) error {
	switch {
	case s.Kind != Ceremony && s.Kind != Session:
		return entente.FieldErrorf(entente.EINVALID, "kind", "expected %q or %q, got %q", Ceremony, Session, s.Kind)
	case s.Kind == Session && s.Principal == "":
		return entente.FieldErrorf(entente.EINVALID, "principal", "a session names its principal")
	case s.Expires.IsZero():
		return entente.FieldErrorf(entente.EINVALID, "expires", "a sign-in expires")
	case len(s.Record) == 0:
		return entente.FieldErrorf(entente.EINVALID, "record", "a sign-in has a record")
	}
	return nil
}

// Evictions returns how many sign-ins must go to make room for one more
// when held are live (mine of them of the new sign-in's principal, for a
// session): first of the principal's, then of all. Stores use it so that
// each removes as many as the others.
func (l SignInLimits) Evictions(held, mine int, kind SignInKind) (ofPrincipal, ofAll int) {
	if kind == Session && l.PerPrincipal > 0 && mine >= l.PerPrincipal {
		ofPrincipal = mine - l.PerPrincipal + 1
	}
	if l.Total > 0 && held-ofPrincipal >= l.Total {
		ofAll = held - ofPrincipal - l.Total + 1
	}
	return ofPrincipal, ofAll
}

// MemorySignIns is a SignInStore in one process's memory: what a server
// uses when its store keeps no sign-ins (its sign-ins then last as long
// as it runs, and other servers do not see them), and what the contract
// suite checks the databases against. Each kind's sign-ins, and each
// principal's sessions, are kept in heaps by expiry, so that storing one
// costs O(log n) however many are held: a flood of sign-ins must
// not cost each begin a walk of all of them.
type MemorySignIns struct {
	mu      sync.Mutex
	m       map[[32]byte]*heldSignIn
	byKind  map[SignInKind]*expiryHeap
	byActor map[string]*expiryHeap // sessions, by principal
}

// heldSignIn is a sign-in and its places in the heaps that hold it.
type heldSignIn struct {
	SignIn
	at [2]int // index in its kind's heap, in its principal's heap
}

// expiryHeap orders held sign-ins by expiry, then ID; which says which of
// a held sign-in's indexes it keeps.
type expiryHeap struct {
	xs    []*heldSignIn
	which int
}

func (h *expiryHeap) Len() int { return len(h.xs) }
func (h *expiryHeap) Less(i, j int) bool {
	return compareExpiry(h.xs[i].SignIn, h.xs[j].SignIn) < 0
}
func (h *expiryHeap) Swap(i, j int) {
	h.xs[i], h.xs[j] = h.xs[j], h.xs[i]
	h.xs[i].at[h.which], h.xs[j].at[h.which] = i, j
}
func (h *expiryHeap) Push(x any) {
	e := x.(*heldSignIn)
	e.at[h.which] = len(h.xs)
	h.xs = append(h.xs, e)
}
func (h *expiryHeap) Pop() any {
	e := h.xs[len(h.xs)-1]
	h.xs[len(h.xs)-1] = nil
	h.xs = h.xs[:len(h.xs)-1]
	return e
}

// compareExpiry orders sign-ins by when they expire, then by ID.
func compareExpiry(a, b SignIn) int {
	if c := a.Expires.Compare(b.Expires); c != 0 {
		return c
	}
	return slices.Compare(a.ID[:], b.ID[:])
}

// remove drops e from the map and its heaps. Callers hold mu.
func (m *MemorySignIns) remove(e *heldSignIn) {
	delete(m.m, e.ID)
	heap.Remove(m.byKind[e.Kind], e.at[0])
	if e.Kind == Session {
		h := m.byActor[e.Principal]
		heap.Remove(h, e.at[1])
		if h.Len() == 0 {
			delete(m.byActor, e.Principal)
		}
	}
}

// pruned removes from h's top the sign-ins not live at now, and returns h.
// Callers hold mu.
func (m *MemorySignIns) pruned(h *expiryHeap, now time.Time) *expiryHeap {
	for h != nil && h.Len() > 0 && !h.xs[0].Live(now) {
		m.remove(h.xs[0])
	}
	return h
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
		m.m, m.byKind, m.byActor = map[[32]byte]*heldSignIn{}, map[SignInKind]*expiryHeap{}, map[string]*expiryHeap{}
	}
	if old := m.m[s.ID]; old != nil {
		if old.Live(lim.Now) {
			return HeldSignIn(s.ID)
		}
		m.remove(old)
	}
	kind := m.byKind[s.Kind]
	if kind == nil {
		kind = &expiryHeap{}
		m.byKind[s.Kind] = kind
	}
	m.pruned(kind, lim.Now)
	var actor *expiryHeap
	mine := 0
	if s.Kind == Session {
		if actor = m.pruned(m.byActor[s.Principal], lim.Now); actor != nil {
			mine = actor.Len()
		}
	}
	ofPrincipal, ofAll := lim.Evictions(kind.Len(), mine, s.Kind)
	for range ofPrincipal {
		m.remove(actor.xs[0])
	}
	for range ofAll {
		m.remove(kind.xs[0])
	}
	e := &heldSignIn{SignIn: s}
	e.Record = slices.Clone(s.Record)
	m.m[s.ID] = e
	heap.Push(kind, e)
	if s.Kind == Session {
		if actor = m.byActor[s.Principal]; actor == nil {
			actor = &expiryHeap{which: 1}
			m.byActor[s.Principal] = actor
		}
		heap.Push(actor, e)
	}
	return nil
}

// SignIn implements SignInStore.
func (m *MemorySignIns) SignIn(ctx context.Context, id [32]byte, kind SignInKind, now time.Time) (SignIn, bool, error) {
	if err := ctx.Err(); err != nil {
		return SignIn{}, false, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	e := m.m[id]
	if e == nil || e.Kind != kind || !e.Live(now) {
		return SignIn{}, false, nil
	}
	s := e.SignIn
	s.Record = slices.Clone(s.Record)
	return s, true, nil
}

// DeleteSignIn implements SignInStore.
func (m *MemorySignIns) DeleteSignIn(ctx context.Context, id [32]byte) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if e := m.m[id]; e != nil {
		m.remove(e)
	}
	return nil
}

// Held returns how many sign-ins of kind m holds live at now (tests and
// operators read it; the expired are removed on the way).
func (m *MemorySignIns) Held(kind SignInKind, now time.Time) int {
	m.mu.Lock()
	defer m.mu.Unlock()
	if h := m.pruned(m.byKind[kind], now); h != nil {
		return h.Len()
	}
	return 0
}
