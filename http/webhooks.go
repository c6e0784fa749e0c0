package http

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/webhook"
)

// Webhooks: a member registers a URL for a pact's entries (with a read
// token, or signed in), and the server posts each entry to it as it is
// written, signed with a secret shown once at registration, retried with
// backoff, redacted where the member may not read the entry. Deliveries are
// read from the log after the fact: a write only wakes the dispatcher, so
// a slow receiver never slows a write, and entries written by another
// server or the command line go out at the next poll. The subscriptions
// are kept in WebhookConfig.Store (the server's SQLite or PostgreSQL store
// when serve wires it): a restarted server loads them and resumes each
// where the last stored progress left it. With several servers on one
// store, each holds every subscription but only the holder of a
// subscription's lease (kept in the store, renewed as it delivers)
// sends it, so a receiver gets each entry once; the delivery state
// (next entry, attempts, retries, last error) is stored with the lease,
// so that when a server stops (releasing its leases) or dies (its leases
// expire after WebhookConfig.LeaseFor), another takes over at the next
// entry. An entry is sent twice only when a holder stalls past its lease
// in the middle of a post, or the store loses the write that records a
// delivery (the delivery id, webhook-id and index, tells copies apart).

// WebhookConfig configures webhook deliveries.
type WebhookConfig struct {
	// AllowPrivate lets webhooks target loopback and private addresses:
	// the operator's choice, for receivers on its own network.
	AllowPrivate bool
	// Poll is how often the logs are read for new entries (zero: 2 s).
	Poll time.Duration
	// Client, when set, posts the deliveries instead of the guarded
	// client (tests).
	Client *http.Client
	// Store keeps the subscriptions across restarts and servers; nil
	// keeps them in this server's memory.
	Store logstore.WebhookStore
	// Holder names this server among those sharing Store, for the
	// delivery leases; empty: the host name, process id and a random
	// part.
	Holder string
	// LeaseFor is how long a delivery lease lasts before another server
	// may take it over (zero: 30 s).
	LeaseFor time.Duration
}

// The bounds on webhook subscriptions: in all, and of one owner on one
// pact. The store checks them in the transaction that adds one.
const (
	maxWebhooks         = 1000
	maxWebhooksPerOwner = 5
)

// leaseHolder names this process for the delivery leases.
func leaseHolder() string {
	host, _ := os.Hostname()
	var b [6]byte
	rand.Read(b[:])
	return fmt.Sprintf("%s/%d/%s", host, os.Getpid(), hex.EncodeToString(b[:]))
}

// hooks is the server's dispatcher and the loop that runs it.
type hooks struct {
	d     *webhook.Dispatcher
	store logstore.WebhookStore
	once  sync.Once
	stop  context.CancelFunc
	ctx   context.Context
	// kept are the stored subscriptions by id.
	mu   sync.Mutex
	kept map[string]logstore.Webhook
}

// webhookBody is what a delivery posts: one entry of a pact's log, with
// what it records in words and as its event, or, where the webhook's
// owner may not read it, only its type, time and leaf hash.
type webhookBody struct {
	Webhook  string          `json:"webhook"`
	Pact     string          `json:"pact"`
	Index    int64           `json:"index"`
	LeafHash string          `json:"leaf_hash"`
	Type     string          `json:"type"`
	At       time.Time       `json:"at"`
	Redacted bool            `json:"redacted,omitempty"`
	By       entente.ActorID `json:"by,omitempty"`
	Text     string          `json:"text,omitempty"`
	Event    json.RawMessage `json:"event,omitempty"`
}

// webhookRequest registers a webhook: the URL, and the index of the first
// entry to send (default: the next one written).
type webhookRequest struct {
	URL  string `json:"url"`
	From *int64 `json:"from,omitempty"`
}

// webhookCreated answers a registration: the subscription and its secret,
// shown only now.
type webhookCreated struct {
	webhook.Subscription
	Secret string `json:"secret"`
}

// webhookRoutes are the webhook endpoints of the route table.
func (s *Server) webhookRoutes() []route {
	if s.hooks == nil && s.svc != nil {
		ctx, stop := context.WithCancel(context.Background())
		store := s.cfg.Webhooks.Store
		if store == nil {
			store = logstore.NewMemory()
		}
		s.hooks = &hooks{ctx: ctx, stop: stop, store: store, kept: map[string]logstore.Webhook{}}
		holder := s.cfg.Webhooks.Holder
		if holder == "" {
			holder = leaseHolder()
		}
		s.hooks.d = webhook.New(webhook.Config{Feed: s.webhookFeed, Now: s.svc.Now, AllowPrivate: s.cfg.Webhooks.AllowPrivate, Client: s.cfg.Webhooks.Client,
			MaxSubscriptions: maxWebhooks, MaxPerOwner: maxWebhooksPerOwner, Leases: webhook.StoreLeases(store, holder), LeaseFor: s.cfg.Webhooks.LeaseFor,
			Refresh: s.refreshHooks})
		if err := s.syncHooks(ctx); err != nil {
			s.logger.Error("loading the stored webhooks", "err", err)
		}
		if s.cfg.Webhooks.Store != nil {
			// A shared store: subscriptions registered through another
			// server are picked up at the next round, so the loop runs
			// from the start.
			s.startHooks()
		}
	}
	return []route{
		{"POST", "/api/pacts/{pact}/webhooks", s.postWebhook, doc{"Register a URL for the pact's entries, as a member (read token or session): each entry is posted as JSON signed with the secret in the answer (header Entente-Webhook-Signature: v1=base64 HMAC-SHA256 over id.timestamp.body), retried with backoff; loopback and private targets are refused", webhookRequest{}, nil, webhookCreated{}}},
		{"GET", "/api/pacts/{pact}/webhooks", s.listWebhooks, doc{"The webhooks the reader registered on the pact, with their delivery state", nil, nil, []webhook.Subscription{}}},
		{"DELETE", "/api/pacts/{pact}/webhooks/{id}", s.deleteWebhook, doc{"Remove a webhook the reader registered", nil, nil, map[string]string{}}},
	}
}

// hookOwner returns the member the request acts for on pact id: the
// reader, who must be bound by the pact or hold a role in it.
func (s *Server) hookOwner(r *http.Request, id entente.PactID) (*entente.PactState, entente.ActorID, error) {
	who, err := s.reader(r)
	if err != nil {
		return nil, "", err
	}
	if err := s.svc.Refresh(r.Context(), string(id)); err != nil {
		return nil, "", err
	}
	st, err := s.svc.Pact(id)
	if err != nil {
		return nil, "", err
	}
	if who == "" {
		return nil, "", entente.FieldErrorf(entente.EFORBIDDEN, "authorization", "webhooks are a member's: send a read token (Authorization: Entente TOKEN, from 'entente read-token') or sign in")
	}
	if m := st.Members.Get(who); (m == nil || !m.InPact()) && len(st.Roles[who]) == 0 {
		return nil, "", entente.FieldErrorf(entente.EFORBIDDEN, "authorization", "%s is not a member of pact %s, nor holds a role in it", who, id)
	}
	return st, who, nil
}

func (s *Server) postWebhook(w http.ResponseWriter, r *http.Request) {
	id := entente.PactID(r.PathValue("pact"))
	st, who, err := s.hookOwner(r, id)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var req webhookRequest
	if err := decode(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	from := st.Len
	if req.From != nil {
		if *req.From < 0 || *req.From > st.Len {
			s.writeError(w, r, entente.FieldErrorf(entente.EINVALID, "from", "expected an entry index from 0 to %d, got %d", st.Len, *req.From))
			return
		}
		from = *req.From
	}
	sub, secret, err := s.registerHook(r.Context(), string(id), who, req.URL, from)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	// The secret is shown once: no cache, shared or the browser's, may
	// keep the answer that carries it.
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusCreated, webhookCreated{Subscription: sub, Secret: secret})
}

// AddWebhook registers url for pact's entries as the operator, whose
// deliveries carry every entry unredacted, from the next entry written.
// It returns the subscription and its secret.
func (s *Server) AddWebhook(ctx context.Context, pact, url string) (webhook.Subscription, string, error) {
	n, err := s.svc.Len(pact)
	if err != nil {
		return webhook.Subscription{}, "", err
	}
	return s.registerHook(ctx, pact, "", url, n)
}

func (s *Server) registerHook(ctx context.Context, pact string, owner entente.ActorID, url string, from int64) (webhook.Subscription, string, error) {
	if err := s.syncHooks(ctx); err != nil {
		return webhook.Subscription{}, "", err
	}
	sub, secret, err := s.hooks.d.Register(ctx, pact, owner, url, from)
	if err != nil {
		return sub, "", err
	}
	w := logstore.Webhook{ID: sub.ID, Pact: sub.Pact, Owner: string(sub.Owner), URL: sub.URL, Secret: secret, From: sub.Next, Created: sub.Created}
	if err := s.hooks.store.PutWebhook(ctx, w, logstore.WebhookLimits{Total: maxWebhooks, PerOwner: maxWebhooksPerOwner}); err != nil {
		s.hooks.d.Forget(func(id string) bool { return id != sub.ID })
		return webhook.Subscription{}, "", err
	}
	s.hooks.mu.Lock()
	s.hooks.kept[w.ID] = w
	s.hooks.mu.Unlock()
	s.startHooks()
	return sub, secret, nil
}

// startHooks starts the delivery loop, once.
func (s *Server) startHooks() {
	s.hooks.once.Do(func() {
		poll := s.cfg.Webhooks.Poll
		if poll <= 0 {
			poll = 2 * time.Second
		}
		go s.hooks.d.Run(s.hooks.ctx, poll)
	})
}

// syncHooks makes the dispatcher hold the stored subscriptions: those
// registered before a restart or through another server on the store, and
// none removed through one.
func (s *Server) syncHooks(ctx context.Context) error {
	stored, err := s.hooks.store.Webhooks(ctx)
	if err != nil {
		return err
	}
	kept := make(map[string]logstore.Webhook, len(stored))
	for _, w := range stored {
		sub := webhook.Subscription{ID: w.ID, Pact: w.Pact, URL: w.URL, Owner: entente.ActorID(w.Owner), Created: w.Created, Next: w.From}
		if err := s.hooks.d.Restore(sub, w.Secret); err != nil {
			s.logger.Error("a stored webhook cannot be restored", "webhook", w.ID, "err", err)
			continue
		}
		kept[w.ID] = w
	}
	s.hooks.d.Forget(func(id string) bool { _, ok := kept[id]; return ok })
	// Where the deliveries other servers hold stand, for the lists.
	leases, err := s.hooks.store.WebhookLeases(ctx)
	if err != nil {
		return err
	}
	for _, l := range leases {
		s.hooks.d.Observe(l.Webhook, webhook.FromStored(l.State))
	}
	held := len(kept)
	s.hooks.mu.Lock()
	s.hooks.kept = kept
	s.hooks.mu.Unlock()
	if held > 0 {
		s.startHooks()
	}
	return nil
}

// syncedHookOwner is the pact of the request's path and the member
// reading its webhooks (hookOwner), with the webhook list brought up to
// date from the store.
func (s *Server) syncedHookOwner(r *http.Request) (entente.PactID, entente.ActorID, error) {
	id := entente.PactID(r.PathValue("pact"))
	_, who, err := s.hookOwner(r, id)
	if err == nil {
		err = s.syncHooks(r.Context())
	}
	return id, who, err
}

func (s *Server) listWebhooks(w http.ResponseWriter, r *http.Request) {
	id, who, err := s.syncedHookOwner(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, orEmpty(s.hooks.d.List(string(id), who)))
}

func (s *Server) deleteWebhook(w http.ResponseWriter, r *http.Request) {
	id, who, err := s.syncedHookOwner(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	for _, sub := range s.hooks.d.List(string(id), who) {
		if sub.ID == r.PathValue("id") {
			if err := s.hooks.store.DeleteWebhook(r.Context(), sub.ID); err != nil {
				s.writeError(w, r, err)
				return
			}
			if err := s.hooks.d.Remove(sub.ID, who); err != nil {
				s.writeError(w, r, err)
				return
			}
			writeJSON(w, http.StatusOK, map[string]string{"removed": sub.ID})
			return
		}
	}
	s.writeError(w, r, entente.FieldErrorf(entente.ENOTFOUND, "id", "no webhook %q of %s on pact %s", r.PathValue("id"), who, id))
}

// removeHook removes webhook id if who registered it ("" for the
// operator), from the store and from the deliveries.
func (s *Server) removeHook(ctx context.Context, id string, who entente.ActorID) error {
	if err := s.syncHooks(ctx); err != nil {
		return err
	}
	if err := s.hooks.d.Remove(id, who); err != nil {
		return err
	}
	return s.hooks.store.DeleteWebhook(ctx, id)
}

// Webhooks returns pact's webhooks with their delivery state, all of them
// (the operator's view).
func (s *Server) Webhooks(pact string) []webhook.Subscription {
	if err := s.syncHooks(s.hooks.ctx); err != nil {
		s.logger.Warn("reading the stored webhooks", "err", err)
	}
	return s.hooks.d.List(pact, "")
}

// DeliverWebhooks makes one round of deliveries now, with the
// subscriptions as the store holds them, and returns how many entries
// went out (the loop does this by itself; the tests and the operator's
// commands call it).
func (s *Server) DeliverWebhooks(ctx context.Context) int {
	s.refreshHooks(ctx)
	return s.hooks.d.Step(ctx)
}

// refreshHooks picks up the subscriptions registered or removed through
// another server before a round.
func (s *Server) refreshHooks(ctx context.Context) {
	if err := s.syncHooks(ctx); err != nil && ctx.Err() == nil {
		s.logger.Warn("reading the stored webhooks", "err", err)
	}
}

// notifyHooks wakes the deliveries after a write; it never blocks.
func (s *Server) notifyHooks() {
	if s.hooks != nil {
		s.hooks.d.Notify()
	}
}

// stopHooks ends the delivery loop and releases this server's delivery
// leases, so that another server on the store takes them over at once.
func (s *Server) stopHooks() {
	if s.hooks != nil {
		s.hooks.stop()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := s.hooks.d.ReleaseAll(ctx); err != nil {
			s.logger.Warn("releasing the webhook leases", "err", err)
		}
	}
}

// webhookFeed reads sub's pact from index from on and makes each entry a
// delivery, as sub's owner may read it.
func (s *Server) webhookFeed(ctx context.Context, sub webhook.Subscription, from int64, max int) ([]webhook.Item, error) {
	if err := s.svc.Refresh(ctx, sub.Pact); err != nil {
		return nil, err
	}
	n, err := s.svc.Len(sub.Pact)
	if err != nil || from >= n {
		return nil, err
	}
	entries, err := s.svc.Entries(ctx, sub.Pact, from, min(n, from+int64(max)))
	if err != nil {
		return nil, err
	}
	st, err := s.svc.Pact(entente.PactID(sub.Pact))
	if err != nil {
		return nil, err
	}
	out := make([]webhook.Item, 0, len(entries))
	for _, e := range entries {
		ev, err := entente.DecodeEvent(e.Data)
		if err != nil {
			return nil, entente.Errorf(entente.EINTERNAL, "entry %d of %s does not decode: %v", e.Index, sub.Pact, err)
		}
		b := webhookBody{Webhook: sub.ID, Pact: sub.Pact, Index: e.Index, LeafHash: hex.EncodeToString(e.LeafHash[:]), Type: ev.Data.EventType(), At: ev.At}
		if sub.Owner == "" || st.CanRead(sub.Owner, ev) {
			b.By, b.Text, b.Event = ev.By, ev.Sentence(), json.RawMessage(e.Data)
		} else {
			b.Redacted = true
		}
		body, err := json.Marshal(b)
		if err != nil {
			return nil, entente.Errorf(entente.EINTERNAL, "webhook body: %v", err)
		}
		out = append(out, webhook.Item{Index: e.Index, Body: body})
	}
	return out, nil
}
