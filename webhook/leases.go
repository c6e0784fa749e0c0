package webhook

import (
	"context"
	"time"

	"github.com/entente/entente/logstore"
)

// StoreLeases returns the Leases of holder (one name per server, such as
// its host, process and a random part) kept in store, where every server
// on the store sees them.
func StoreLeases(store logstore.WebhookStore, holder string) Leases {
	return storeLeases{store: store, holder: holder}
}

type storeLeases struct {
	store  logstore.WebhookStore
	holder string
}

func (l storeLeases) Acquire(ctx context.Context, id string, now, until time.Time) (State, bool, time.Time, error) {
	lease, held, err := l.store.LeaseWebhook(ctx, id, l.holder, now, until)
	if err != nil {
		return State{}, false, time.Time{}, err
	}
	return fromStored(lease.State), held, lease.Until, nil
}

func (l storeLeases) Save(ctx context.Context, id string, st State, now, until time.Time) error {
	return l.store.SaveWebhookState(ctx, id, l.holder, toStored(st), now, until)
}

func (l storeLeases) Release(ctx context.Context, id string) error {
	return l.store.ReleaseWebhook(ctx, id, l.holder)
}

func (l storeLeases) Ends(ctx context.Context) (map[string]time.Time, error) {
	leases, err := l.store.WebhookLeases(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[string]time.Time, len(leases))
	for _, x := range leases {
		if x.Holder != "" {
			out[x.Webhook] = x.Until
		}
	}
	return out, nil
}

// FromStored is a stored delivery state as a dispatcher's.
func FromStored(st logstore.WebhookState) State { return fromStored(st) }

func fromStored(st logstore.WebhookState) State {
	return State{Next: st.Next, Delivered: st.Delivered, Dropped: st.Dropped, Attempts: st.Attempts, RetryAt: st.RetryAt,
		LastAttempt: st.LastAttempt, LastStatus: st.LastStatus, LastError: st.LastError}
}

func toStored(st State) logstore.WebhookState {
	return logstore.WebhookState{Next: st.Next, Delivered: st.Delivered, Dropped: st.Dropped, Attempts: st.Attempts, RetryAt: st.RetryAt,
		LastAttempt: st.LastAttempt, LastStatus: st.LastStatus, LastError: st.LastError}
}
