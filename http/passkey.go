package http

import (
	"context"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/go-webauthn/webauthn/protocol"
	"github.com/go-webauthn/webauthn/webauthn"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
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
// signature counter). The sqlite and postgres stores implement it; the
// zero Config keeps them in memory (lost when the server stops).
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

// session is a signed-in delegate, as the sign-in store keeps it (JSON).
type session struct {
	Actor    entente.ActorID `json:"actor"`
	Key      string          `json:"key"`
	Delegate string          `json:"delegate"`
}

// principalOf names who a session signs in, for the store's bound per
// principal: a delegate key of an actor. An actor's delegates are
// different people, each with their own bound.
func principalOf(actor entente.ActorID, key string) string { return string(actor) + " " + key }

// ceremony is a WebAuthn ceremony between its begin and its finish, as
// the sign-in store keeps it (JSON).
type ceremony struct {
	Login    bool                 `json:"login"`
	Data     webauthn.SessionData `json:"data"`
	Actor    entente.ActorID      `json:"actor,omitempty"`
	Key      string               `json:"key,omitempty"`
	Delegate string               `json:"delegate,omitempty"`
	Handle   []byte               `json:"handle,omitempty"`
	Origin   string               `json:"origin"`
}

// auth holds the server's sign-in state: where passkeys are kept, where
// open ceremonies and sessions are kept (by the SHA-256 of their
// cookies' secret values), and the public origin.
type auth struct {
	store   PasskeyStore
	signins logstore.SignInStore
	origin  string
	// ceremonyKey seals the ceremonies' cookies (see seal): the same on
	// every server with the store's key.
	ceremonyKey []byte
	// maxSessions is the global bound on sessions (the constant, but
	// for tests).
	maxSessions int

	// last is the expiry of the last session this server opened: each
	// later one expires after it, so that the oldest session of a
	// principal is always the first to go (sessions all live as long).
	mu   sync.Mutex
	last time.Time
}

// newAuth returns sign-in state keeping passkeys in store (nil: in
// memory) and sealing ceremonies with ceremonyKey (nil: a key of its
// own, which no other server shares).
func newAuth(store PasskeyStore, ceremonyKey []byte) *auth {
	if store == nil {
		store = &MemoryPasskeys{}
	}
	if ceremonyKey == nil {
		ceremonyKey = make([]byte, 32)
		rand.Read(ceremonyKey)
	}
	return &auth{store: store, signins: &logstore.MemorySignIns{}, ceremonyKey: ceremonyKey, maxSessions: maxSessions}
}

// expiry returns when a session opened at now expires: sessionLifetime
// on, and after every session opened before it here.
func (a *auth) expiry(now time.Time) time.Time {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.last = later(now.Add(sessionLifetime), a.last.Add(time.Nanosecond))
	return a.last
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// SetSignIns says where the server keeps sessions open and the marks of
// passkey ceremonies finished (nil: in its memory). With the store's
// own, every server on the store knows each: a session is honoured by
// all, signing out ends it on all, a ceremony is finished once whichever
// server is asked, and a restart signs no one out. (A ceremony under way
// is kept by no server: its cookie carries it, sealed with a key derived
// from the store's signing key.) Call it before Serve.
func (s *Server) SetSignIns(st logstore.SignInStore) {
	if st == nil {
		st = &logstore.MemorySignIns{}
	}
	s.auth.signins = st
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
	if origin != c.Origin {
		return nil, entente.FieldErrorf(entente.EFORBIDDEN, "origin", "the ceremony began at %s, not %s", c.Origin, origin)
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

// startCeremony sets c's cookie: c itself, sealed (see sealCeremony).
// The server keeps nothing of a ceremony under way: a begin (anyone may
// send one) writes nothing and holds no memory, however many are sent,
// and any server with the store's key can finish it.
func (s *Server) startCeremony(w http.ResponseWriter, r *http.Request, c *ceremony) error {
	token, err := s.auth.seal(c)
	if err != nil {
		return err
	}
	s.setCookie(w, r, ceremonyCookie, token, "/auth/", ceremonyLife)
	return nil
}

// seal returns the cookie value that carries c: its JSON and the
// HMAC-SHA256 of that JSON under the ceremony key, both base64url,
// joined by a dot.
func (a *auth) seal(c *ceremony) (string, error) {
	b, err := json.Marshal(c)
	if err != nil {
		return "", entente.Errorf(entente.EINTERNAL, "encoding a passkey ceremony: %v", err)
	}
	mac := hmac.New(sha256.New, a.ceremonyKey)
	mac.Write(b)
	return base64.RawURLEncoding.EncodeToString(b) + "." + base64.RawURLEncoding.EncodeToString(mac.Sum(nil)), nil
}

// unseal returns the ceremony a cookie value carries, if the value is one
// sealed under the ceremony key, unchanged.
func (a *auth) unseal(v string) (*ceremony, bool) {
	body, sum, ok := strings.Cut(v, ".")
	if !ok {
		return nil, false
	}
	b, err1 := base64.RawURLEncoding.DecodeString(body)
	got, err2 := base64.RawURLEncoding.DecodeString(sum)
	if err1 != nil || err2 != nil {
		return nil, false
	}
	mac := hmac.New(sha256.New, a.ceremonyKey)
	mac.Write(b)
	if !hmac.Equal(got, mac.Sum(nil)) {
		return nil, false
	}
	var c ceremony
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, false
	}
	return &c, true
}

// signInError is a failure of the sign-in store as the client is told of
// it: the store away is 503 (try again); what the store refused is the
// server's fault.
func signInError(err error) error {
	switch entente.ErrorCode(err) {
	case entente.EUNAVAILABLE:
		return err
	case entente.EINVALID:
		return entente.Errorf(entente.EINTERNAL, "%v", err)
	}
	return entente.Errorf(entente.EUNAVAILABLE, "the sign-in store: %v", err)
}

// takeCeremony returns the ceremony r's cookie carries, and clears the
// cookie: the cookie must be one a server with the store's key sealed,
// for a ceremony of the kind (login or not), not expired. A request that
// is not JSON is refused first, and leaves the cookie as it was. The
// ceremony is finished once (finishCeremony), when its answer has been
// checked.
func (s *Server) takeCeremony(w http.ResponseWriter, r *http.Request, login bool) (*ceremony, [32]byte, error) {
	if err := requireJSON(r); err != nil {
		return nil, [32]byte{}, err
	}
	ck, err := r.Cookie(ceremonyCookie)
	s.setCookie(w, r, ceremonyCookie, "", "/auth/", 0)
	if err != nil {
		return nil, [32]byte{}, entente.FieldErrorf(entente.EFORBIDDEN, "ceremony", "no passkey ceremony under way: begin again")
	}
	c, ok := s.auth.unseal(ck.Value)
	if !ok || c.Login != login || time.Now().After(c.Data.Expires) {
		return nil, [32]byte{}, entente.FieldErrorf(entente.EFORBIDDEN, "ceremony", "the passkey ceremony is unknown or expired: begin again")
	}
	return c, secretHash(ck.Value), nil
}

// finishCeremony records that ceremony id, whose answer checked out, is
// finished: of two finishes of one ceremony (the same answer sent again,
// to this server or another on the store), one goes on and the other is
// refused, so an answer to a challenge cannot be replayed. Only a checked
// answer is recorded: an anonymous request writes nothing.
func (s *Server) finishCeremony(ctx context.Context, id [32]byte, c *ceremony) error {
	now := time.Now()
	in := logstore.SignIn{ID: id, Kind: logstore.Ceremony, Expires: later(c.Data.Expires, now.Add(time.Second)), Record: []byte(`{"finished":true}`)}
	err := s.auth.signins.PutSignIn(ctx, in, logstore.SignInLimits{Now: now, Total: maxCeremonies})
	if entente.ErrorCode(err) == entente.ECONFLICT {
		return entente.FieldErrorf(entente.EFORBIDDEN, "ceremony", "the passkey ceremony is finished already: begin again")
	}
	if err != nil {
		return signInError(err)
	}
	return nil
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
	if err := s.startCeremony(w, r, &ceremony{Data: *data, Actor: body.Actor, Key: body.Key, Delegate: k.Delegate, Handle: handle, Origin: origin}); err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, creation)
}

// registerFinishBody is the browser's answer: the new credential and the
// browser key's signature over PasskeyBindingMessage.
type registerFinishBody struct {
	Credential json.RawMessage `json:"credential"`
	Signature  []byte          `json:"signature"`
}

func (s *Server) registerFinish(w http.ResponseWriter, r *http.Request) {
	c, ceremonyID, err := s.takeCeremony(w, r, false)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var body registerFinishBody
	if err := decodeLoose(w, r, &body); err != nil {
		s.writeError(w, r, err)
		return
	}
	pub, err := entente.ParsePublicKey(c.Key)
	if err != nil {
		s.writeError(w, r, entente.FieldErrorf(entente.EINVALID, "key", "%v", err))
		return
	}
	if !ed25519.Verify(pub, PasskeyBindingMessage(c.Actor, c.Key, c.Data.Challenge), body.Signature) {
		s.writeError(w, r, entente.FieldErrorf(entente.EFORBIDDEN, "signature", "expected the signature of key %s over the ceremony's challenge", entente.KeyID(c.Key)))
		return
	}
	if _, err := s.liveKey(c.Actor, c.Key); err != nil {
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
	rec := &passkeyRecord{Actor: c.Actor, Key: c.Key, Delegate: c.Delegate, UserHandle: c.Handle,
		Binding: body.Signature, Challenge: c.Data.Challenge, Created: time.Now().UTC()}
	cred, err := wa.CreateCredential(passkeyUser{rec}, c.Data, parsed)
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
	if err := s.finishCeremony(r.Context(), ceremonyID, c); err != nil {
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
	if err := s.startCeremony(w, r, &ceremony{Login: true, Data: *data, Origin: origin}); err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, assertion)
}

// loginFinish checks a passkey's assertion against the ceremony's
// challenge and opens a session for the delegate it is bound to, as long
// as the bound key is still live.
func (s *Server) loginFinish(w http.ResponseWriter, r *http.Request) {
	c, ceremonyID, err := s.takeCeremony(w, r, true)
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
	_, cred, err := wa.ValidatePasskeyLogin(lookup, c.Data, parsed)
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
	if err := s.finishCeremony(r.Context(), ceremonyID, c); err != nil {
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

// openSession signs rec's delegate in: a new session cookie. A
// principal holds at most maxPrincipalSessions sessions (a sign-in beyond
// ends its oldest), and the server at most maxSessions in all.
func (s *Server) openSession(w http.ResponseWriter, r *http.Request, rec *passkeyRecord) {
	token := newSecret()
	b, err := json.Marshal(session{Actor: rec.Actor, Key: rec.Key, Delegate: rec.Delegate})
	if err != nil {
		s.writeError(w, r, entente.Errorf(entente.EINTERNAL, "encoding a session: %v", err))
		return
	}
	now := time.Now()
	in := logstore.SignIn{ID: secretHash(token), Kind: logstore.Session, Principal: principalOf(rec.Actor, rec.Key), Expires: s.auth.expiry(now), Record: b}
	lim := logstore.SignInLimits{Now: now, Total: s.auth.maxSessions, PerPrincipal: maxPrincipalSessions}
	if err := s.auth.signins.PutSignIn(r.Context(), in, lim); err != nil {
		s.writeError(w, r, signInError(err))
		return
	}
	s.setCookie(w, r, sessionCookie, token, "/", sessionLifetime)
	writeJSON(w, http.StatusOK, sessionView{Actor: rec.Actor, Key: rec.Key, Delegate: rec.Delegate})
}

// currentSession returns the delegate signed in on r, or nil: a session
// cookie the server (or another on its store) issued, not expired nor
// ended, whose bound key still acts for its actor. A store that does not
// answer signs no one in.
func (s *Server) currentSession(r *http.Request) *sessionView {
	if c, ok := r.Context().Value(clientKey{}).(*client); ok {
		c.sessionOnce.Do(func() { c.session = s.lookUpSession(r) })
		return c.session
	}
	return s.lookUpSession(r)
}

// lookUpSession is currentSession without the request's memo.
func (s *Server) lookUpSession(r *http.Request) *sessionView {
	ck, err := r.Cookie(sessionCookie)
	if err != nil {
		return nil
	}
	in, ok, err := s.auth.signins.SignIn(r.Context(), secretHash(ck.Value), logstore.Session, time.Now())
	if err != nil || !ok {
		return nil
	}
	var sess session
	if err := json.Unmarshal(in.Record, &sess); err != nil {
		return nil
	}
	if _, err := s.liveKey(sess.Actor, sess.Key); err != nil {
		return nil
	}
	return &sessionView{Actor: sess.Actor, Key: sess.Key, Delegate: sess.Delegate}
}

// signout ends the session, on every server of the store (a plain form
// POST, so it works without JavaScript), and returns to the sign-in page.
// When the store does not answer, the cookie is kept, so that signing
// out can be tried again: a session not ended would still be honoured.
func (s *Server) signout(w http.ResponseWriter, r *http.Request) {
	if ck, err := r.Cookie(sessionCookie); err == nil {
		if err := s.auth.signins.DeleteSignIn(r.Context(), secretHash(ck.Value)); err != nil {
			s.writeError(w, r, signInError(err))
			return
		}
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
