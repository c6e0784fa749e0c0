package ledger

import (
	"context"
	"log/slog"
	"time"

	"github.com/entente/entente"
)

// Poll has s catch up, every interval until ctx is done, with the logs
// the store holds more of than it serves: how a server on a read replica,
// which gets no notifications of appends, follows the primary.
func (s *Service) Poll(ctx context.Context, every time.Duration) {
	runEvery(ctx, every, func() { s.Observe("", 0) })
}

// TickEvery records what time has brought about (Tick) every interval
// until ctx is done, logging failures and the events recorded to logger.
func (s *Service) TickEvery(ctx context.Context, every time.Duration, logger *slog.Logger) {
	runEvery(ctx, every, func() {
		if n, err := s.Tick(ctx); err != nil {
			logger.Error("tick", "err", err)
		} else if n > 0 {
			logger.Info("tick", "events", n)
		}
	})
}

// runEvery runs f every interval until ctx is done.
func runEvery(ctx context.Context, every time.Duration, f func()) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			f()
		}
	}
}

// InviteFirstRegistrar invites, under token, the first registrar of a
// store that has no delegate key yet and no open invitation, as
// self-hosted services create their first administrator; the invitation
// lasts entente.DefaultInvitationLifetime. On any other store it does
// nothing and returns nil.
func (s *Service) InviteFirstRegistrar(ctx context.Context, token string) (*entente.Invitation, error) {
	reg := s.Registry()
	if len(reg.Keys) > 0 || len(reg.Invitations) > 0 {
		return nil, nil
	}
	return s.Invite(ctx, "", token, s.now().Add(entente.DefaultInvitationLifetime), true)
}
