package http

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/entente/entente"
)

// TestCeremonyFloodKeepsRecentCeremonies floods passkey sign-in begins
// (anyone may send them) past the bound on open ceremonies. The map used
// to be emptied when full, aborting every real sign-in under way; now the
// oldest are dropped, and a ceremony survives at least the next
// maxCeremonies/2 begins after its own, wherever the map stood when it
// began: here, just before the bound is reached, as it is reached, just
// after, and at other points. The map never holds more than the bound.
func TestCeremonyFloodKeepsRecentCeremonies(t *testing.T) {
	for _, before := range []int{0, maxCeremonies/2 - 1, maxCeremonies - 2, maxCeremonies - 1, maxCeremonies, maxCeremonies + maxCeremonies/3} {
		s := New(nil, Config{WriteRate: -1})
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
		for range before {
			begin()
		}
		mine := begin()
		for range maxCeremonies / 2 {
			begin()
		}
		if n := len(s.auth.ceremonies); n > maxCeremonies {
			t.Errorf("after %d+1+%d begins: %d ceremonies kept, bound %d", before, maxCeremonies/2, n, maxCeremonies)
		}
		req := httptest.NewRequest("POST", "http://localhost/auth/passkey/login/finish", strings.NewReader("{}"))
		req.Header.Set("Content-Type", "application/json")
		req.AddCookie(mine)
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if strings.Contains(rec.Body.String(), `"field": "ceremony"`) {
			t.Errorf("a ceremony begun after %d others, then %d begins: finishing it: %d %s", before, maxCeremonies/2, rec.Code, rec.Body)
		}
	}
}

// TestSessionsAreBounded opens sessions past the bound (a delegate with a
// passkey can sign in again and again): the map used to drop only the
// expired and grow on; now it stays within the bound, keeping the newest.
func TestSessionsAreBounded(t *testing.T) {
	s := New(nil, Config{})
	open := func() [32]byte {
		rec := httptest.NewRecorder()
		s.openSession(rec, httptest.NewRequest("POST", "http://localhost/auth/passkey/login/finish", nil), &passkeyRecord{Actor: entente.ActorID("a"), Key: "k"})
		for _, c := range rec.Result().Cookies() {
			if c.Name == sessionCookie {
				return secretHash(c.Value)
			}
		}
		t.Fatalf("no session cookie: %d %s", rec.Code, rec.Body)
		return [32]byte{}
	}
	for range maxSessions - 1 {
		open()
	}
	mine := open()
	for range maxSessions / 4 {
		open()
	}
	if n := len(s.auth.sessions); n > maxSessions {
		t.Errorf("%d sessions kept, bound %d", n, maxSessions)
	}
	if s.auth.sessions[mine] == nil {
		t.Errorf("the session opened just before the bound was reached is gone after %d more", maxSessions/4)
	}
	// The expired go first, before any live one.
	s.auth.sessions = map[[32]byte]*session{}
	live := open()
	for range maxSessions - 1 {
		s.auth.sessions[secretHash(newSecret())] = &session{Expires: time.Now().Add(-time.Second)}
	}
	open()
	if len(s.auth.sessions) != 2 || s.auth.sessions[live] == nil {
		t.Errorf("at the bound with all but one expired: %d sessions kept, the live one kept: %v", len(s.auth.sessions), s.auth.sessions[live] != nil)
	}
}
