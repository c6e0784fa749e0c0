package ledger_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/entente/entente"
)

// TestInviteFirstRegistrar: a store with no delegate gets one registrar
// invitation, valid for the default lifetime from the ledger's clock; a
// store with an open invitation gets none.
func TestInviteFirstRegistrar(t *testing.T) {
	f := newFixture(t)
	inv, err := f.svc.InviteFirstRegistrar(f.ctx, "inv-first")
	if err != nil || inv == nil {
		t.Fatalf("first registrar: %v %v", inv, err)
	}
	if !inv.Registrar || inv.Actor != "" || !inv.Expires.Equal(t0.Add(entente.DefaultInvitationLifetime)) || inv.TokenHash != entente.TokenHash("inv-first") {
		t.Errorf("invitation %+v", inv)
	}
	if again, err := f.svc.InviteFirstRegistrar(f.ctx, "inv-second"); again != nil || err != nil {
		t.Errorf("a second invitation: %+v %v", again, err)
	}
	if n := len(f.svc.Registry().Invitations); n != 1 {
		t.Errorf("%d invitations, want 1", n)
	}
}

// TestPollFollowsAnotherService: a service polling the store catches up
// with what another service on the same file appended, and Poll returns
// once its context is done.
func TestPollFollowsAnotherService(t *testing.T) {
	f := newFixture(t)
	follower := f.open(openStore(t, f.path))
	ctx, cancel := context.WithCancel(f.ctx)
	done := make(chan struct{})
	go func() { follower.Poll(ctx, time.Millisecond); close(done) }()
	f.buildSmallPact()
	want, _ := f.svc.Pact(smallPact)
	for {
		if st, err := follower.Pact(smallPact); err == nil && st.Len == want.Len {
			break
		}
		time.Sleep(time.Millisecond)
	}
	cancel()
	<-done
}

// TestTickEvery records, in the background, the decision whose window
// closed, and logs how many events it recorded.
func TestTickEvery(t *testing.T) {
	f := newFixture(t)
	f.buildSmallPact()
	f.do(smallPact, "a", entente.Propose{Matter: entente.General, Title: "Renew"})
	before, _ := f.svc.Pact(smallPact)
	f.clock.Advance(6 * entente.Day)
	var mu sync.Mutex
	var logged bytes.Buffer
	logger := slog.New(slog.NewTextHandler(writerFunc(func(p []byte) (int, error) {
		mu.Lock()
		defer mu.Unlock()
		return logged.Write(p)
	}), nil))
	ctx, cancel := context.WithCancel(f.ctx)
	done := make(chan struct{})
	go func() { f.svc.TickEvery(ctx, time.Millisecond, logger); close(done) }()
	for {
		mu.Lock()
		line := logged.String()
		mu.Unlock()
		if strings.Contains(line, "msg=tick events=") {
			break
		}
		time.Sleep(time.Millisecond)
	}
	cancel()
	<-done
	after, _ := f.svc.Pact(smallPact)
	if after.Len <= before.Len {
		t.Errorf("the pact has %d entries after the tick, %d before", after.Len, before.Len)
	}
}

// writerFunc is an io.Writer from a function.
type writerFunc func([]byte) (int, error)

func (w writerFunc) Write(p []byte) (int, error) { return w(p) }
