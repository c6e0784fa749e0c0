package storetest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
)

// SignInOpener opens the sign-ins kept in dir, as [DraftOpener] opens
// drafts: opening the same dir again opens the same data, as a second
// server on the same store would; it registers the store's Close itself.
type SignInOpener = func(tb testing.TB, dir string) logstore.SignInStore

// RunSignIns runs the contract of [logstore.SignInStore] against the
// stores open opens.
func RunSignIns(t *testing.T, open SignInOpener) {
	ctx := context.Background()
	t0 := time.Date(2026, 3, 1, 12, 0, 0, 123456789, time.UTC)
	id := func(name string) [32]byte { return sha256.Sum256([]byte(name)) }
	session := func(name, actor string, expires time.Time) logstore.SignIn {
		return logstore.SignIn{ID: id(name), Kind: logstore.Session, Principal: actor, Expires: expires, Record: []byte(`{"of":"` + name + `"}`)}
	}
	ceremony := func(name string, expires time.Time) logstore.SignIn {
		return logstore.SignIn{ID: id(name), Kind: logstore.Ceremony, Expires: expires, Record: []byte(`{"of":"` + name + `"}`)}
	}
	put := func(tb testing.TB, s logstore.SignInStore, x logstore.SignIn, lim logstore.SignInLimits) {
		tb.Helper()
		if lim.Now.IsZero() {
			lim.Now = t0
		}
		if err := s.PutSignIn(ctx, x, lim); err != nil {
			tb.Fatalf("PutSignIn %x: %v", x.ID[:4], err)
		}
	}
	live := func(tb testing.TB, s logstore.SignInStore, name string, kind logstore.SignInKind, now time.Time) bool {
		tb.Helper()
		got, ok, err := s.SignIn(ctx, id(name), kind, now)
		if err != nil {
			tb.Fatalf("SignIn %s: %v", name, err)
		}
		if ok && (got.ID != id(name) || got.Kind != kind || string(got.Record) != `{"of":"`+name+`"}`) {
			tb.Fatalf("SignIn %s = %+v", name, got)
		}
		return ok
	}

	t.Run("PutGetRoundTrip", func(t *testing.T) {
		s := open(t, t.TempDir())
		want := session("s1", "alice", t0.Add(time.Hour))
		want.Record = []byte{0, '{', 0xff, '"'}
		put(t, s, want, logstore.SignInLimits{})
		got, ok, err := s.SignIn(ctx, want.ID, logstore.Session, t0)
		if err != nil || !ok {
			t.Fatalf("SignIn: %v, %v", ok, err)
		}
		if got.ID != want.ID || got.Kind != want.Kind || got.Principal != want.Principal || !got.Expires.Equal(want.Expires) || !bytes.Equal(got.Record, want.Record) {
			t.Fatalf("got %+v, want %+v", got, want)
		}
	})
	t.Run("LiveUntilExpiresOfItsKind", func(t *testing.T) {
		s := open(t, t.TempDir())
		put(t, s, session("s", "alice", t0.Add(time.Hour)), logstore.SignInLimits{})
		for _, c := range []struct {
			kind logstore.SignInKind
			now  time.Time
			want bool
		}{
			{logstore.Session, t0, true},
			{logstore.Session, t0.Add(time.Hour - time.Nanosecond), true},
			{logstore.Session, t0.Add(time.Hour), false},
			{logstore.Ceremony, t0, false},
		} {
			if got := live(t, s, "s", c.kind, c.now); got != c.want {
				t.Errorf("a session expiring at t0+1h, read as %s at %s: live %v, want %v", c.kind, c.now.Sub(t0), got, c.want)
			}
		}
		if live(t, s, "never stored", logstore.Session, t0) {
			t.Error("a sign-in never stored is live")
		}
	})
	t.Run("StoredOnceAcrossServers", func(t *testing.T) {
		dir := t.TempDir()
		a, b := open(t, dir), open(t, dir) // two servers on one store
		var stored, refused atomic.Int32
		var wg sync.WaitGroup
		for i := range 16 {
			s := a
			if i%2 == 1 {
				s = b
			}
			wg.Go(func() {
				err := s.PutSignIn(ctx, ceremony("c", t0.Add(5*time.Minute)), logstore.SignInLimits{Now: t0, Total: 100})
				switch {
				case err == nil:
					stored.Add(1)
				case entente.ErrorCode(err) == entente.ECONFLICT:
					refused.Add(1)
				default:
					t.Errorf("PutSignIn: %v", err)
				}
			})
		}
		wg.Wait()
		if stored.Load() != 1 || refused.Load() != 15 {
			t.Fatalf("one ID stored by 16 callers through two servers: %d stored, %d refused as held; want 1 and 15", stored.Load(), refused.Load())
		}
		if !live(t, b, "c", logstore.Ceremony, t0) {
			t.Error("the ceremony stored is not there")
		}
		// Once it has expired, its ID may be stored again.
		put(t, a, ceremony("c", t0.Add(time.Hour)), logstore.SignInLimits{Now: t0.Add(5 * time.Minute)})
		if !live(t, b, "c", logstore.Ceremony, t0.Add(30*time.Minute)) {
			t.Error("an expired sign-in's ID stored again is not live")
		}
	})
	t.Run("DeleteEndsItOnEveryServer", func(t *testing.T) {
		dir := t.TempDir()
		a, b := open(t, dir), open(t, dir)
		put(t, a, session("s", "alice", t0.Add(time.Hour)), logstore.SignInLimits{})
		if !live(t, b, "s", logstore.Session, t0) {
			t.Fatal("a session opened through one server is unknown to the other")
		}
		if err := b.DeleteSignIn(ctx, id("s")); err != nil {
			t.Fatal(err)
		}
		if live(t, a, "s", logstore.Session, t0) {
			t.Error("a session ended through one server is live on the other")
		}
		if err := a.DeleteSignIn(ctx, id("never")); err != nil {
			t.Errorf("deleting a sign-in never stored: %v", err)
		}
		if live(t, open(t, dir), "s", logstore.Session, t0) {
			t.Error("a session ended is live again after a restart")
		}
	})
	t.Run("TotalBoundTakesTheSoonestToExpire", func(t *testing.T) {
		s := open(t, t.TempDir())
		lim := logstore.SignInLimits{Total: 3}
		put(t, s, session("alice's", "alice", t0.Add(time.Minute)), lim) // another kind: not counted
		for i := range 5 {
			put(t, s, ceremony(fmt.Sprint("c", i), t0.Add(time.Duration(i+1)*time.Minute)), lim)
		}
		for i := range 5 {
			if got, want := live(t, s, fmt.Sprint("c", i), logstore.Ceremony, t0), i >= 2; got != want {
				t.Errorf("ceremony %d of 5 under a bound of 3: live %v, want %v", i, got, want)
			}
		}
		if !live(t, s, "alice's", logstore.Session, t0) {
			t.Error("ceremonies past their bound took a session's place")
		}
	})
	t.Run("PerPrincipalBoundTakesThePrincipalsOwn", func(t *testing.T) {
		s := open(t, t.TempDir())
		lim := logstore.SignInLimits{Total: 100, PerPrincipal: 2}
		put(t, s, session("bob's", "bob", t0.Add(time.Minute)), lim)
		for i := range 4 {
			put(t, s, session(fmt.Sprint("a", i), "alice", t0.Add(time.Duration(i+2)*time.Minute)), lim)
		}
		for i := range 4 {
			if got, want := live(t, s, fmt.Sprint("a", i), logstore.Session, t0), i >= 2; got != want {
				t.Errorf("alice's session %d of 4 under a bound of 2 a principal: live %v, want %v", i, got, want)
			}
		}
		if !live(t, s, "bob's", logstore.Session, t0) {
			t.Error("alice signing in again and again ended bob's session, the soonest to expire")
		}
	})
	t.Run("ExpiredDoNotCount", func(t *testing.T) {
		s := open(t, t.TempDir())
		for i := range 3 {
			put(t, s, ceremony(fmt.Sprint("old", i), t0.Add(time.Minute)), logstore.SignInLimits{Total: 3})
		}
		later := logstore.SignInLimits{Now: t0.Add(time.Hour), Total: 3}
		for i := range 3 {
			put(t, s, ceremony(fmt.Sprint("new", i), t0.Add(2*time.Hour)), later)
		}
		for i := range 3 {
			if !live(t, s, fmt.Sprint("new", i), logstore.Ceremony, later.Now) {
				t.Errorf("new ceremony %d: made to wait for, or displaced by, expired ones", i)
			}
		}
	})
	t.Run("Refused", func(t *testing.T) {
		s := open(t, t.TempDir())
		for _, c := range []struct {
			name  string
			in    logstore.SignIn
			field string
		}{
			{"no kind", logstore.SignIn{ID: id("x"), Expires: t0, Record: []byte("r")}, "kind"},
			{"a session of no one", logstore.SignIn{ID: id("x"), Kind: logstore.Session, Expires: t0, Record: []byte("r")}, "principal"},
			{"no expiry", logstore.SignIn{ID: id("x"), Kind: logstore.Ceremony, Record: []byte("r")}, "expires"},
			{"no record", logstore.SignIn{ID: id("x"), Kind: logstore.Ceremony, Expires: t0}, "record"},
		} {
			err := s.PutSignIn(ctx, c.in, logstore.SignInLimits{Now: t0})
			if entente.ErrorCode(err) != entente.EINVALID || entente.ErrorField(err) != c.field {
				t.Errorf("%s: %v; want invalid %s", c.name, err, c.field)
			}
		}
	})
}
