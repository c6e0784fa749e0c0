package http

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
)

// held counts the live sign-ins of kind on s, kept in its memory.
func held(s *Server, kind logstore.SignInKind) int {
	return s.auth.signins.(*logstore.MemorySignIns).Held(kind, time.Now())
}

// valid reports whether session h is live on s.
func valid(t *testing.T, s *Server, h [32]byte) bool {
	t.Helper()
	_, ok, err := s.auth.signins.SignIn(t.Context(), h, logstore.Session, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return ok
}

// TestCeremonyBeginsKeepNothing floods passkey sign-in begins (anyone
// may send them). The server once kept each ceremony in a map, emptied
// when full (aborting every real sign-in under way), then bounded by
// dropping the oldest; now a ceremony's cookie carries it, sealed, and a
// begin writes nothing to the store and keeps nothing in memory: the
// first of 20,000 ceremonies begun can still be finished.
func TestCeremonyBeginsKeepNothing(t *testing.T) {
	s := New(nil, Config{WriteRate: -1})
	counted := &countingSignIns{SignInStore: &logstore.MemorySignIns{}}
	s.SetSignIns(counted)
	begin := func() *http.Cookie {
		req := httptest.NewRequest("POST", "http://localhost/auth/passkey/login/begin", strings.NewReader("{}"))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		for _, c := range rec.Result().Cookies() {
			if c.Name == ceremonyCookie && rec.Code == 200 {
				return c
			}
		}
		t.Fatalf("begin: %d without a ceremony cookie: %s", rec.Code, rec.Body)
		return nil
	}
	first := begin()
	for range 2 * maxCeremonies {
		begin()
	}
	if n := counted.puts.Load(); n != 0 {
		t.Errorf("%d begins wrote %d sign-ins to the store; want none", 2*maxCeremonies+1, n)
	}
	req := httptest.NewRequest("POST", "http://localhost/auth/passkey/login/finish", strings.NewReader("{}"))
	req.Header.Set("Content-Type", "application/json")
	req.AddCookie(first)
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if strings.Contains(rec.Body.String(), `"field": "ceremony"`) {
		t.Errorf("the first of %d ceremonies begun, finished: %d %s", 2*maxCeremonies+1, rec.Code, rec.Body)
	}
}

// countingSignIns counts the sign-ins stored.
type countingSignIns struct {
	logstore.SignInStore
	puts atomic.Int64
}

func (c *countingSignIns) PutSignIn(ctx context.Context, in logstore.SignIn, lim logstore.SignInLimits) error {
	c.puts.Add(1)
	return c.SignInStore.PutSignIn(ctx, in, lim)
}

// TestCeremonyCookiesAreSealed: a ceremony cookie changed in any way, or
// sealed by a server with another key, or for the other kind of
// ceremony, is refused before anything else is looked at.
func TestCeremonyCookiesAreSealed(t *testing.T) {
	s := New(nil, Config{WriteRate: -1})
	other := New(nil, Config{WriteRate: -1}) // another key
	c := &ceremony{Login: true, Origin: "http://localhost"}
	c.Data.Challenge = "challenge"
	c.Data.Expires = time.Now().Add(time.Minute)
	good, err := s.auth.seal(c)
	if err != nil {
		t.Fatal(err)
	}
	forged, _ := other.auth.seal(c)
	body, sum, _ := strings.Cut(good, ".")
	flipped := []byte(body)
	flipped[len(flipped)/2] ^= 1
	expired := *c
	expired.Data.Expires = time.Now().Add(-time.Second)
	old, _ := s.auth.seal(&expired)
	registration := *c
	registration.Login = false
	reg, _ := s.auth.seal(&registration)
	for _, tc := range []struct {
		name, value string
		ok          bool
	}{
		{"as sealed", good, true},
		{"a bit of the body flipped", string(flipped) + "." + sum, false},
		{"the seal cut short", body + "." + sum[:len(sum)-2], false},
		{"no seal", body, false},
		{"sealed by another key", forged, false},
		{"expired", old, false},
		{"a registration's", reg, false},
		{"empty", "", false},
	} {
		req := httptest.NewRequest("POST", "http://localhost/auth/passkey/login/finish", strings.NewReader("{}"))
		req.Header.Set("Content-Type", "application/json")
		req.AddCookie(&http.Cookie{Name: ceremonyCookie, Value: tc.value})
		_, _, err := s.takeCeremony(httptest.NewRecorder(), req, true)
		if (err == nil) != tc.ok {
			t.Errorf("%s: %v; want accepted %v", tc.name, err, tc.ok)
		}
	}
}

func openSessionOf(t *testing.T, s *Server, actor entente.ActorID, key string) [32]byte {
	t.Helper()
	rec := httptest.NewRecorder()
	s.openSession(rec, httptest.NewRequest("POST", "http://localhost/auth/passkey/login/finish", nil), &passkeyRecord{Actor: actor, Key: key})
	for _, c := range rec.Result().Cookies() {
		if c.Name == sessionCookie {
			return secretHash(c.Value)
		}
	}
	t.Fatalf("no session cookie: %d %s", rec.Code, rec.Body)
	return [32]byte{}
}

// TestSessionsAreBounded opens sessions of many delegates past the
// global bound: the map used to drop only the expired and grow on; now
// it stays within the bound, keeping the newest.
func TestSessionsAreBounded(t *testing.T) {
	s := New(nil, Config{})
	n := 0
	open := func() [32]byte {
		n++
		return openSessionOf(t, s, "a", fmt.Sprint("k", n))
	}
	for range maxSessions - 1 {
		open()
	}
	mine := open()
	for range maxSessions / 4 {
		open()
	}
	if n := held(s, logstore.Session); n > maxSessions {
		t.Errorf("%d sessions kept, bound %d", n, maxSessions)
	}
	if !valid(t, s, mine) {
		t.Errorf("the session opened just before the bound was reached is gone after %d more", maxSessions/4)
	}
	// The expired go first, before any live one.
	s.auth = newAuth(nil, nil)
	live := open()
	past := time.Now().Add(-time.Minute)
	for i := range maxSessions - 1 {
		in := logstore.SignIn{ID: secretHash(newSecret()), Kind: logstore.Session, Principal: fmt.Sprint("gone ", i), Expires: past, Record: []byte("{}")}
		if err := s.auth.signins.PutSignIn(t.Context(), in, logstore.SignInLimits{Now: past.Add(-time.Minute)}); err != nil {
			t.Fatal(err)
		}
	}
	open()
	if n := held(s, logstore.Session); n != 2 || !valid(t, s, live) {
		t.Errorf("at the bound with all but one expired: %d sessions kept, the live one kept: %v", n, valid(t, s, live))
	}
}

// TestSessionsBoundedPerPrincipal: one delegate signing in again and
// again (1,000 times, past a global bound lowered to 100) used to push
// out everyone else's sessions at the global bound. Now a delegate holds
// at most maxPrincipalSessions sessions, its newest: another delegate's
// session, of another actor or of the same actor, stays valid, and so do
// the flooding delegate's own newest. Signing out and expiring drop a
// session from its delegate's count.
func TestSessionsBoundedPerPrincipal(t *testing.T) {
	s := New(nil, Config{})
	s.auth.maxSessions = 100
	other := openSessionOf(t, s, "b", "kb")
	colleague := openSessionOf(t, s, "a", "k2")
	var flood [][32]byte
	for range 1000 {
		flood = append(flood, openSessionOf(t, s, "a", "k1"))
	}
	valid := func(h [32]byte) bool { return valid(t, s, h) }
	if !valid(other) || !valid(colleague) {
		t.Errorf("after one delegate signed in 1,000 times: another actor's session valid %v, a colleague's %v", valid(other), valid(colleague))
	}
	for i, h := range flood {
		if kept := i >= len(flood)-maxPrincipalSessions; valid(h) != kept {
			t.Errorf("the flooding delegate's session %d of %d: kept %v, want %v", i+1, len(flood), valid(h), kept)
		}
	}
	if n := held(s, logstore.Session); n != maxPrincipalSessions+2 {
		t.Errorf("%d sessions kept, want %d", n, maxPrincipalSessions+2)
	}
	// Ended sessions leave room: signing out one of 16 and signing in
	// again ends none of the others.
	if err := s.auth.signins.DeleteSignIn(t.Context(), flood[len(flood)-1]); err != nil {
		t.Fatal(err)
	}
	again := openSessionOf(t, s, "a", "k1")
	if !valid(again) || !valid(flood[len(flood)-maxPrincipalSessions]) {
		t.Errorf("signed out of one session and in again: the new valid %v, the oldest kept valid %v", valid(again), valid(flood[len(flood)-maxPrincipalSessions]))
	}
	kept := 0
	for _, h := range append(flood, again) {
		if valid(h) {
			kept++
		}
	}
	if kept != maxPrincipalSessions {
		t.Errorf("the delegate holds %d sessions, want %d", kept, maxPrincipalSessions)
	}
}
