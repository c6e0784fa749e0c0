package http

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/go-webauthn/webauthn/protocol"
	"github.com/go-webauthn/webauthn/webauthn"

	"github.com/entente/entente"
)

// Sign-in for people: passkeys (WebAuthn) say who is at the browser, and a
// key the browser holds says what they do.
//
// A delegate's browser makes its own Ed25519 key with WebCrypto
// (non-extractable, kept in IndexedDB) and enrols it once as a delegate key
// of its actor: an EnrolKey request signed by the browser key and co-signed
// by a key the actor already has (the delegate's CLI key, with 'entente
// sign'). Then the browser registers a passkey bound to that key: the
// registration carries the browser key's signature over the ceremony's
// one-time challenge, so only a holder of a live delegate key of the actor
// can bind a passkey to it. Signing in with the passkey opens a session (an
// HttpOnly, SameSite=Strict cookie) naming the actor and the bound key.
//
// The session only says who is signed in. It confers no authority over any
// log: every write is still an entente.Signed request to POST /api/requests,
// signed in the browser by its key, which the server never holds. A stolen
// cookie, or an operator who edits the passkey table, can make a page show
// someone as signed in, and nothing more.

// PasskeyStore keeps the passkeys people sign in with: one opaque record
// per WebAuthn credential ID. Passkeys are not log material: they grant no
// authority in any log, and a record changes at every sign-in (its
// signature counter). The sqlite and postgres stores implement it; the zero Config keeps
// them in memory (lost when the server stops).
type PasskeyStore interface {
	// PutPasskey stores or replaces the record of credential id, which
	// belongs to actor.
	PutPasskey(ctx context.Context, id []byte, actor string, record []byte) error
	// Passkey returns the record of credential id, or nil and no error
	// when there is none.
	Passkey(ctx context.Context, id []byte) ([]byte, error)
}

// MemoryPasskeys is a PasskeyStore in memory.
type MemoryPasskeys struct {
	mu sync.Mutex
	m  map[string][]byte
}

// PutPasskey implements PasskeyStore.
func (p *MemoryPasskeys) PutPasskey(_ context.Context, id []byte, _ string, record []byte) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.m == nil {
		p.m = map[string][]byte{}
	}
	p.m[string(id)] = append([]byte(nil), record...)
	return nil
}

// Passkey implements PasskeyStore.
func (p *MemoryPasskeys) Passkey(_ context.Context, id []byte) ([]byte, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.m[string(id)], nil
}

// PasskeyBindingMessage returns the bytes a browser key signs to bind a
// passkey to itself: a domain of its own (so the signature can never pass
// for a request's or a tree head's), the actor, the key and the
// registration ceremony's one-time challenge.
func PasskeyBindingMessage(actor entente.ActorID, key, challenge string) []byte {
	return []byte("entente passkey binding v1\n" + string(actor) + "\n" + key + "\n" + challenge)
}

// passkeyRecord is what the server keeps of a passkey.
type passkeyRecord struct {
	Actor      entente.ActorID     `json:"actor"`
	Key        string              `json:"key"`
	Delegate   string              `json:"delegate"`
	UserHandle []byte              `json:"user_handle"`
	Credential webauthn.Credential `json:"credential"`
	// Binding is the browser key's signature over PasskeyBindingMessage
	// with Challenge, kept so that anyone can check who bound it.
	Binding   []byte    `json:"binding"`
	Challenge string    `json:"challenge"`
	Created   time.Time `json:"created"`
}

// passkeyUser is the webauthn.User of one passkey record.
type passkeyUser struct{ rec *passkeyRecord }

func (u passkeyUser) WebAuthnID() []byte          { return u.rec.UserHandle }
func (u passkeyUser) WebAuthnName() string        { return string(u.rec.Actor) }
func (u passkeyUser) WebAuthnDisplayName() string { return u.rec.Delegate }
func (u passkeyUser) WebAuthnCredentials() []webauthn.Credential {
	if len(u.rec.Credential.ID) == 0 {
		return nil
	}
	return []webauthn.Credential{u.rec.Credential}
}

const (
	sessionCookie   = "entente_session"
	ceremonyCookie  = "entente_ceremony"
	sessionLifetime = 12 * time.Hour
	ceremonyLife    = 5 * time.Minute
	maxCeremonies   = 10000
	maxSessions     = 100000
	// maxPrincipalSessions bounds the sessions of one principal (a
	// delegate key of an actor, principalOf): a sign-in beyond it ends
	// that principal's oldest session first. One delegate signing in
	// again and again thus ends only its own sessions, where it once
	// pushed out other people's at the global bound (maxSessions, now a
	// last resort that takes maxSessions/maxPrincipalSessions delegates
	// to reach). 16 is a person's browsers and devices with room over.
	maxPrincipalSessions = 16
)

// session is a signed-in delegate.
type session struct {
	Actor    entente.ActorID
	Key      string
	Delegate string
	Expires  time.Time
}

// principal is who a session signs in: a delegate key of an actor. An
// actor's delegates are different people, each with their own bound.
type principal struct {
	actor entente.ActorID
	key   string
}

func principalOf(x *session) principal { return principal{x.Actor, x.Key} }

// ceremony is a WebAuthn ceremony between its begin and its finish.
type ceremony struct {
	login    bool
	data     webauthn.SessionData
	actor    entente.ActorID
	key      string
	delegate string
	handle   []byte
	origin   string
}

// auth holds the server's sign-in state: where passkeys are kept, the
// public origin, and open ceremonies and sessions by the SHA-256 of their
// cookies' secret values.
type auth struct {
	store  PasskeyStore
	origin string

	mu         sync.Mutex
	ceremonies map[[32]byte]*ceremony
	sessions   map[[32]byte]*session
	// held are each principal's sessions, oldest first: a session is in
	// sessions and in its principal's held, or in neither (addSession,
	// dropSession).
	held map[principal][][32]byte
	// maxSessions is the global bound on sessions (the constant, but
	// for tests).
	maxSessions int
}

func newAuth(store PasskeyStore) *auth {
	if store == nil {
		store = &MemoryPasskeys{}
	}
	return &auth{store: store, ceremonies: map[[32]byte]*ceremony{}, sessions: map[[32]byte]*session{},
		held: map[principal][][32]byte{}, maxSessions: maxSessions}
}

// addSession keeps x as session h, opened at now: the principal's oldest
// session goes first when it holds maxPrincipalSessions (sessions all
// live as long, so the oldest is the soonest to expire), and then the
// global bound makes room (makeRoom). The caller holds a.mu.
func (a *auth) addSession(h [32]byte, x *session, now time.Time) {
	p := principalOf(x)
	if hs := a.held[p]; len(hs) >= maxPrincipalSessions {
		oldest := hs[:len(hs)-maxPrincipalSessions+1]
		for _, k := range oldest {
			delete(a.sessions, k)
		}
		a.held[p] = hs[len(oldest):]
	}
	if n := len(a.sessions); makeRoom(a.sessions, a.maxSessions, func(x *session) time.Time { return x.Expires }, now) < n {
		a.pruneHeld()
	}
	a.sessions[h] = x
	a.held[p] = append(a.held[p], h)
}

// dropSession ends session h, if there is one. The caller holds a.mu.
func (a *auth) dropSession(h [32]byte) {
	x := a.sessions[h]
	if x == nil {
		return
	}
	delete(a.sessions, h)
	p := principalOf(x)
	if rest := slices.DeleteFunc(a.held[p], func(k [32]byte) bool { return k == h }); len(rest) > 0 {
		a.held[p] = rest
	} else {
		delete(a.held, p)
	}
}

// pruneHeld drops from held the sessions makeRoom dropped: O(sessions),
// once every maxSessions/2 sessions opened at most.
func (a *auth) pruneHeld() {
	for p, hs := range a.held {
		if rest := slices.DeleteFunc(hs, func(k [32]byte) bool { return a.sessions[k] == nil }); len(rest) > 0 {
			a.held[p] = rest
		} else {
			delete(a.held, p)
		}
	}
}

// SetPasskeys says where the server keeps passkeys (nil: in memory) and
// the public origin people reach it at ("https://pacts.example.org"),
// which passkeys are bound to; an empty origin accepts passkeys only on
// http(s)://localhost. Call it before Serve.
func (s *Server) SetPasskeys(store PasskeyStore, origin string) error {
	if origin != "" {
		u, err := url.Parse(origin)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" || u.Path != "" {
			return fmt.Errorf("http: passkey origin: expected scheme://host[:port], got %q", origin)
		}
		if err := protocol.ValidateRPID(u.Hostname()); err != nil {
			return fmt.Errorf("http: passkey origin %q: %v", origin, err)
		}
	}
	if store == nil {
		store = &MemoryPasskeys{}
	}
	s.auth.store, s.auth.origin = store, origin
	return nil
}

func newSecret() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func secretHash(v string) [32]byte { return sha256.Sum256([]byte(v)) }

// authRoutes registers the sign-in endpoints and page.
func (s *Server) authRoutes() {
	s.mux.HandleFunc("GET /signin", s.signinPage)
	s.mux.HandleFunc("POST /auth/passkey/register/begin", s.registerBegin)
	s.mux.HandleFunc("POST /auth/passkey/register/finish", s.registerFinish)
	s.mux.HandleFunc("POST /auth/passkey/login/begin", s.loginBegin)
	s.mux.HandleFunc("POST /auth/passkey/login/finish", s.loginFinish)
	s.mux.HandleFunc("POST /auth/signout", s.signout)
}

// relyingParty returns the WebAuthn relying party for r: the configured
// public origin, else the request's own origin when its host is
// "localhost" (the one loopback name a passkey can be bound to). Elsewhere
// passkeys need Config.Origin.
func (s *Server) relyingParty(r *http.Request) (*webauthn.WebAuthn, string, error) {
	origin := s.auth.origin
	if origin == "" {
		if !strings.EqualFold(hostOnly(r.Host), "localhost") {
			return nil, "", entente.FieldErrorf(entente.EUNAVAILABLE, "origin",
				"passkeys need the server's public origin (Server.SetPasskeys), or a visit by http://localhost")
		}
		scheme := "http"
		if r.TLS != nil {
			scheme = "https"
		}
		origin = scheme + "://" + r.Host
	}
	u, err := url.Parse(origin)
	if err != nil || u.Hostname() == "" {
		return nil, "", entente.FieldErrorf(entente.EINTERNAL, "origin", "bad configured origin %q", origin)
	}
	w, err := webauthn.New(&webauthn.Config{
		RPID: u.Hostname(), RPDisplayName: "Entente", RPOrigins: []string{origin},
		Timeouts: webauthn.TimeoutsConfig{
			Login:        webauthn.TimeoutConfig{Enforce: true, Timeout: ceremonyLife, TimeoutUVD: ceremonyLife},
			Registration: webauthn.TimeoutConfig{Enforce: true, Timeout: ceremonyLife, TimeoutUVD: ceremonyLife},
		},
	})
	if err != nil {
		return nil, "", entente.Errorf(entente.EINTERNAL, "webauthn: %v", err)
	}
	return w, origin, nil
}

// ceremonyParty returns the relying party for r, refusing a request whose
// origin is not the one ceremony c began at.
func (s *Server) ceremonyParty(r *http.Request, c *ceremony) (*webauthn.WebAuthn, error) {
	wa, origin, err := s.relyingParty(r)
	if err != nil {
		return nil, err
	}
	if origin != c.origin {
		return nil, entente.FieldErrorf(entente.EFORBIDDEN, "origin", "the ceremony began at %s, not %s", c.origin, origin)
	}
	return wa, nil
}

// secureCookies reports whether cookies must be marked Secure.
func (s *Server) secureCookies(r *http.Request) bool {
	return r.TLS != nil || strings.HasPrefix(s.auth.origin, "https:")
}

func (s *Server) setCookie(w http.ResponseWriter, r *http.Request, name, value, path string, life time.Duration) {
	c := &http.Cookie{Name: name, Value: value, Path: path, HttpOnly: true, Secure: s.secureCookies(r),
		SameSite: http.SameSiteStrictMode, MaxAge: int(life.Seconds())}
	if life <= 0 {
		c.MaxAge = -1
	}
	http.SetCookie(w, c)
}

// requireJSON refuses a sign-in call whose body is not declared JSON, so
// that a cross-site form cannot reach it even where Origin is absent.
func requireJSON(r *http.Request) error {
	ct := r.Header.Get("Content-Type")
	if mt, _, _ := strings.Cut(ct, ";"); strings.TrimSpace(mt) != "application/json" {
		return entente.FieldErrorf(entente.EINVALID, "content-type", "expected application/json, got %q", ct)
	}
	return nil
}

// startCeremony keeps c and sets its cookie.
func (s *Server) startCeremony(w http.ResponseWriter, r *http.Request, c *ceremony) {
	token := newSecret()
	s.auth.mu.Lock()
	makeRoom(s.auth.ceremonies, maxCeremonies, func(c *ceremony) time.Time { return c.data.Expires }, time.Now())
	s.auth.ceremonies[secretHash(token)] = c
	s.auth.mu.Unlock()
	s.setCookie(w, r, ceremonyCookie, token, "/auth/", ceremonyLife)
}

// makeRoom readies m, which holds at most max entries, for one more,
// and returns how many it holds then: when it is full, it drops the
// entries expired at now and, if that is not enough, the oldest (the
// soonest to expire: every ceremony, and every session, lives as long)
// until half of max is left. Memory stays bounded under a flood of
// begins or sign-ins, and an entry survives at least the next max/2
// that are made after it, where emptying the map aborted every ceremony
// under way. Sorting half the map once every max/2 insertions costs
// O(log max) an insertion.
func makeRoom[V any](m map[[32]byte]V, max int, expires func(V) time.Time, now time.Time) int {
	if len(m) < max {
		return len(m)
	}
	for k, v := range m {
		if now.After(expires(v)) {
			delete(m, k)
		}
	}
	if len(m) < max {
		return len(m)
	}
	keys := make([][32]byte, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b [32]byte) int { return expires(m[a]).Compare(expires(m[b])) })
	for _, k := range keys[:len(keys)-max/2] {
		delete(m, k)
	}
	return len(m)
}

// takeCeremony removes and returns the ceremony r's cookie names: a
// ceremony is finished once, whatever the outcome, so an answer to its
// challenge cannot be replayed. A request that is not JSON is refused
// first, and leaves the ceremony as it was.
func (s *Server) takeCeremony(w http.ResponseWriter, r *http.Request, login bool) (*ceremony, error) {
	if err := requireJSON(r); err != nil {
		return nil, err
	}
	ck, err := r.Cookie(ceremonyCookie)
	s.setCookie(w, r, ceremonyCookie, "", "/auth/", 0)
	if err != nil {
		return nil, entente.FieldErrorf(entente.EFORBIDDEN, "ceremony", "no passkey ceremony under way: begin again")
	}
	s.auth.mu.Lock()
	h := secretHash(ck.Value)
	c := s.auth.ceremonies[h]
	delete(s.auth.ceremonies, h)
	s.auth.mu.Unlock()
	if c == nil || c.login != login || time.Now().After(c.data.Expires) {
		return nil, entente.FieldErrorf(entente.EFORBIDDEN, "ceremony", "the passkey ceremony is unknown, finished or expired: begin again")
	}
	return c, nil
}

// liveKey checks that key acts for actor now.
func (s *Server) liveKey(actor entente.ActorID, key string) (*entente.DelegateKey, error) {
	for _, k := range s.svc.Keys(actor) {
		if k.Key == key {
			return k, nil
		}
	}
	return nil, entente.FieldErrorf(entente.EFORBIDDEN, "key", "key %s is not a live delegate key of %s", entente.KeyID(key), actor)
}

// registerBeginBody asks to bind a passkey to a delegate key.
type registerBeginBody struct {
	Actor entente.ActorID `json:"actor"`
	Key   string          `json:"key"`
}

// registerBegin starts binding a passkey to a live delegate key of an
// actor: it answers the WebAuthn creation options, whose challenge the
// browser key must also sign.
func (s *Server) registerBegin(w http.ResponseWriter, r *http.Request) {
	var body registerBeginBody
	err := requireJSON(r)
	if err == nil {
		err = decode(w, r, &body)
	}
	var k *entente.DelegateKey
	if err == nil {
		k, err = s.liveKey(body.Actor, body.Key)
	}
	var wa *webauthn.WebAuthn
	var origin string
	if err == nil {
		wa, origin, err = s.relyingParty(r)
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	handle := make([]byte, 32)
	rand.Read(handle)
	user := passkeyUser{&passkeyRecord{Actor: body.Actor, Delegate: k.Delegate, UserHandle: handle}}
	creation, data, err := wa.BeginRegistration(user,
		webauthn.WithResidentKeyRequirement(protocol.ResidentKeyRequirementRequired),
		webauthn.WithAuthenticatorSelection(protocol.AuthenticatorSelection{
			ResidentKey: protocol.ResidentKeyRequirementRequired, UserVerification: protocol.VerificationRequired}),
		webauthn.WithConveyancePreference(protocol.PreferNoAttestation))
	if err != nil {
		s.writeError(w, r, entente.Errorf(entente.EINTERNAL, "webauthn: %v", err))
		return
	}
	s.startCeremony(w, r, &ceremony{data: *data, actor: body.Actor, key: body.Key, delegate: k.Delegate, handle: handle, origin: origin})
	writeJSON(w, http.StatusOK, creation)
}

// registerFinishBody is the browser's answer: the new credential and the
// browser key's signature over PasskeyBindingMessage.
type registerFinishBody struct {
	Credential json.RawMessage `json:"credential"`
	Signature  []byte          `json:"signature"`
}

func (s *Server) registerFinish(w http.ResponseWriter, r *http.Request) {
	c, err := s.takeCeremony(w, r, false)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var body registerFinishBody
	if err := decodeLoose(w, r, &body); err != nil {
		s.writeError(w, r, err)
		return
	}
	pub, err := entente.ParsePublicKey(c.key)
	if err != nil {
		s.writeError(w, r, entente.FieldErrorf(entente.EINVALID, "key", "%v", err))
		return
	}
	if !ed25519.Verify(pub, PasskeyBindingMessage(c.actor, c.key, c.data.Challenge), body.Signature) {
		s.writeError(w, r, entente.FieldErrorf(entente.EFORBIDDEN, "signature", "expected the signature of key %s over the ceremony's challenge", entente.KeyID(c.key)))
		return
	}
	if _, err := s.liveKey(c.actor, c.key); err != nil {
		s.writeError(w, r, err)
		return
	}
	wa, err := s.ceremonyParty(r, c)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	parsed, err := protocol.ParseCredentialCreationResponseBytes(body.Credential)
	if err != nil {
		s.writeError(w, r, webauthnError("credential", err))
		return
	}
	rec := &passkeyRecord{Actor: c.actor, Key: c.key, Delegate: c.delegate, UserHandle: c.handle,
		Binding: body.Signature, Challenge: c.data.Challenge, Created: time.Now().UTC()}
	cred, err := wa.CreateCredential(passkeyUser{rec}, c.data, parsed)
	if err != nil {
		s.writeError(w, r, webauthnError("credential", err))
		return
	}
	if old, err := s.auth.store.Passkey(r.Context(), cred.ID); err != nil || old != nil {
		if err == nil {
			err = entente.FieldErrorf(entente.ECONFLICT, "credential", "this passkey is already registered")
		}
		s.writeError(w, r, err)
		return
	}
	rec.Credential = *cred
	if err := s.putPasskey(r.Context(), rec); err != nil {
		s.writeError(w, r, err)
		return
	}
	s.openSession(w, r, rec)
}

// loginBegin starts a sign-in with a discoverable passkey.
func (s *Server) loginBegin(w http.ResponseWriter, r *http.Request) {
	if err := requireJSON(r); err != nil {
		s.writeError(w, r, err)
		return
	}
	wa, origin, err := s.relyingParty(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	assertion, data, err := wa.BeginDiscoverableLogin(webauthn.WithUserVerification(protocol.VerificationRequired))
	if err != nil {
		s.writeError(w, r, entente.Errorf(entente.EINTERNAL, "webauthn: %v", err))
		return
	}
	s.startCeremony(w, r, &ceremony{login: true, data: *data, origin: origin})
	writeJSON(w, http.StatusOK, assertion)
}

// loginFinish checks a passkey's assertion against the ceremony's
// challenge and opens a session for the delegate it is bound to, as long
// as the bound key is still live.
func (s *Server) loginFinish(w http.ResponseWriter, r *http.Request) {
	c, err := s.takeCeremony(w, r, true)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	raw, err := readBody(w, r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	wa, err := s.ceremonyParty(r, c)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	parsed, err := protocol.ParseCredentialRequestResponseBytes(raw)
	if err != nil {
		s.writeError(w, r, webauthnError("credential", err))
		return
	}
	var rec *passkeyRecord
	lookup := func(rawID, handle []byte) (webauthn.User, error) {
		b, err := s.auth.store.Passkey(r.Context(), rawID)
		if err != nil {
			return nil, err
		}
		if b == nil {
			return nil, errors.New("unknown passkey")
		}
		rec = &passkeyRecord{}
		if err := json.Unmarshal(b, rec); err != nil {
			return nil, err
		}
		return passkeyUser{rec}, nil
	}
	_, cred, err := wa.ValidatePasskeyLogin(lookup, c.data, parsed)
	if err != nil {
		s.writeError(w, r, webauthnError("credential", err))
		return
	}
	if cred.Authenticator.CloneWarning {
		s.writeError(w, r, entente.FieldErrorf(entente.EFORBIDDEN, "credential", "the passkey's signature counter went backwards: it may have been cloned"))
		return
	}
	if _, err := s.liveKey(rec.Actor, rec.Key); err != nil {
		s.writeError(w, r, entente.FieldErrorf(entente.EFORBIDDEN, "key", "this passkey is bound to key %s, which no longer acts for %s", entente.KeyID(rec.Key), rec.Actor))
		return
	}
	rec.Credential = *cred
	if err := s.putPasskey(r.Context(), rec); err != nil {
		s.writeError(w, r, err)
		return
	}
	s.openSession(w, r, rec)
}

func (s *Server) putPasskey(ctx context.Context, rec *passkeyRecord) error {
	b, err := json.Marshal(rec)
	if err != nil {
		return entente.Errorf(entente.EINTERNAL, "encoding passkey: %v", err)
	}
	if err := s.auth.store.PutPasskey(ctx, rec.Credential.ID, string(rec.Actor), b); err != nil {
		return entente.Errorf(entente.EINTERNAL, "storing passkey: %v", err)
	}
	return nil
}

// sessionView is what the pages and the sign-in answers say of a session.
type sessionView struct {
	Actor    entente.ActorID `json:"actor"`
	Key      string          `json:"key"`
	Delegate string          `json:"delegate"`
}

// openSession signs rec's delegate in: a new session cookie.
func (s *Server) openSession(w http.ResponseWriter, r *http.Request, rec *passkeyRecord) {
	token := newSecret()
	s.auth.mu.Lock()
	now := time.Now()
	s.auth.addSession(secretHash(token), &session{Actor: rec.Actor, Key: rec.Key, Delegate: rec.Delegate, Expires: now.Add(sessionLifetime)}, now)
	s.auth.mu.Unlock()
	s.setCookie(w, r, sessionCookie, token, "/", sessionLifetime)
	writeJSON(w, http.StatusOK, sessionView{Actor: rec.Actor, Key: rec.Key, Delegate: rec.Delegate})
}

// currentSession returns the delegate signed in on r, or nil: a session
// cookie the server issued, not expired, whose bound key still acts for its
// actor.
func (s *Server) currentSession(r *http.Request) *sessionView {
	ck, err := r.Cookie(sessionCookie)
	if err != nil {
		return nil
	}
	h := secretHash(ck.Value)
	s.auth.mu.Lock()
	sess := s.auth.sessions[h]
	if sess != nil && time.Now().After(sess.Expires) {
		s.auth.dropSession(h)
		sess = nil
	}
	s.auth.mu.Unlock()
	if sess == nil {
		return nil
	}
	if _, err := s.liveKey(sess.Actor, sess.Key); err != nil {
		return nil
	}
	return &sessionView{Actor: sess.Actor, Key: sess.Key, Delegate: sess.Delegate}
}

// signout ends the session (a plain form POST, so it works without
// JavaScript) and returns to the sign-in page.
func (s *Server) signout(w http.ResponseWriter, r *http.Request) {
	if ck, err := r.Cookie(sessionCookie); err == nil {
		s.auth.mu.Lock()
		s.auth.dropSession(secretHash(ck.Value))
		s.auth.mu.Unlock()
	}
	s.setCookie(w, r, sessionCookie, "", "/", 0)
	http.Redirect(w, r, "/signin", http.StatusSeeOther)
}

// decodeLoose reads a JSON body into v, refusing unknown fields but
// allowing the camel-case keys WebAuthn's own JSON uses.
func decodeLoose(w http.ResponseWriter, r *http.Request, v any) error {
	raw, err := readBody(w, r)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeError(err)
	}
	return nil
}

// webauthnError turns the WebAuthn library's refusal into a 4xx naming
// what failed.
func webauthnError(field string, err error) error {
	var pe *protocol.Error
	if errors.As(err, &pe) {
		msg := pe.Details
		if pe.DevInfo != "" {
			msg += ": " + pe.DevInfo
		}
		return entente.FieldErrorf(entente.EFORBIDDEN, field, "passkey refused: %s", msg)
	}
	return entente.FieldErrorf(entente.EFORBIDDEN, field, "passkey refused: %v", err)
}
