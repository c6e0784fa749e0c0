package logstore

import (
	"context"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/entente/entente"
)

// DraftSignature is one signature a draft has gathered: the delegate key
// and its signature over the draft's request bytes.
type DraftSignature struct {
	Key string `json:"key"`
	Sig []byte `json:"sig"`
}

// Draft is a signed request that needs more than one signature, held while
// its signers each add theirs (see the web server's drafts). The store keeps
// Request byte for byte and never checks a signature: the server does that
// before it stores one.
type Draft struct {
	// ID names the draft (derived from Request by the server).
	ID string `json:"id"`
	// Actor is who started it, for the per-actor limit.
	Actor string `json:"actor"`
	// Expires is when Request expires; the draft is not live after it.
	Expires time.Time `json:"expires"`
	// Request is the request's exact bytes.
	Request string `json:"request"`
	// Signatures are those gathered so far, in the order added, at most
	// one per key.
	Signatures []DraftSignature `json:"signatures"`
}

// Live reports whether d's request has not expired at now.
func (d Draft) Live(now time.Time) bool { return now.Before(d.Expires) }

// DraftStore keeps drafts where every server on the store sees them and a
// restart does not lose them. Adding a signature is atomic: two servers
// adding different signatures to one draft at once both keep theirs.
type DraftStore interface {
	// PutDraft stores d unless a draft with its ID is held (that one is
	// kept, with its Request, Actor and Expires), then adds each of d's
	// signatures as AddDraftSignature does. It returns the draft as held.
	// An empty ID or Request, or a signature with an empty Key, is
	// EINVALID.
	PutDraft(ctx context.Context, d Draft) (Draft, error)
	// Draft returns draft id, live or not; ok is false when none is held.
	Draft(ctx context.Context, id string) (d Draft, ok bool, err error)
	// Drafts returns the drafts live at now, by Expires then ID.
	Drafts(ctx context.Context, now time.Time) ([]Draft, error)
	// AddDraftSignature adds sig to draft id and returns the draft as
	// held after it. A key that has already signed keeps its first
	// signature (no error). No draft id is ENOTFOUND.
	AddDraftSignature(ctx context.Context, id string, sig DraftSignature) (Draft, error)
	// DeleteDraft removes draft id; removing none is no error.
	DeleteDraft(ctx context.Context, id string) error
	// PruneDrafts removes the drafts that are not live at now.
	PruneDrafts(ctx context.Context, now time.Time) error
}

// CheckDraft refuses a draft that cannot be stored, naming the field.
func CheckDraft(d Draft) error {
	switch {
	case d.ID == "":
		return entente.FieldErrorf(entente.EINVALID, "id", "draft id is empty")
	case d.Request == "":
		return entente.FieldErrorf(entente.EINVALID, "request", "draft %s has no request", d.ID)
	}
	for i, g := range d.Signatures {
		if g.Key == "" {
			return entente.FieldErrorf(entente.EINVALID, "signatures", "signature %d of draft %s has no key", i, d.ID)
		}
	}
	return nil
}

// Webhook is a stored webhook subscription: who asked for which pact's
// entries to be posted where, the secret the deliveries are signed with,
// and the first entry to send. Delivery state (the next entry, failures)
// is not stored: each server keeps its own.
type Webhook struct {
	ID      string    `json:"id"`
	Pact    string    `json:"pact"`
	Owner   string    `json:"owner"`
	URL     string    `json:"url"`
	Secret  string    `json:"secret"`
	From    int64     `json:"from"`
	Created time.Time `json:"created"`
}

// WebhookStore keeps webhook subscriptions across restarts and servers.
type WebhookStore interface {
	// PutWebhook stores w, replacing any held with its ID. An empty ID,
	// Pact or URL, or a negative From, is EINVALID.
	PutWebhook(ctx context.Context, w Webhook) error
	// Webhooks returns every subscription, by ID.
	Webhooks(ctx context.Context) ([]Webhook, error)
	// DeleteWebhook removes subscription id; removing none is no error.
	DeleteWebhook(ctx context.Context, id string) error
}

// CheckWebhook refuses a subscription that cannot be stored.
func CheckWebhook(w Webhook) error {
	switch {
	case w.ID == "":
		return entente.FieldErrorf(entente.EINVALID, "id", "webhook id is empty")
	case w.Pact == "":
		return entente.FieldErrorf(entente.EINVALID, "pact", "webhook %s has no pact", w.ID)
	case w.URL == "":
		return entente.FieldErrorf(entente.EINVALID, "url", "webhook %s has no URL", w.ID)
	case w.From < 0:
		return entente.FieldErrorf(entente.EINVALID, "from", "webhook %s starts at entry %d", w.ID, w.From)
	}
	return nil
}

// Memory is a DraftStore and WebhookStore in one process's memory: what a
// server uses when its store keeps neither, and what the contract suite
// checks the databases against.
type Memory struct {
	mu     sync.Mutex
	drafts map[string]Draft
	hooks  map[string]Webhook
}

// NewMemory returns an empty Memory.
func NewMemory() *Memory {
	return &Memory{drafts: map[string]Draft{}, hooks: map[string]Webhook{}}
}

func cloneDraft(d Draft) Draft {
	d.Signatures = slices.Clone(d.Signatures)
	for i := range d.Signatures {
		d.Signatures[i].Sig = slices.Clone(d.Signatures[i].Sig)
	}
	return d
}

// PutDraft implements DraftStore.
func (m *Memory) PutDraft(ctx context.Context, d Draft) (Draft, error) {
	if err := ctx.Err(); err != nil {
		return Draft{}, err
	}
	if err := CheckDraft(d); err != nil {
		return Draft{}, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	held, ok := m.drafts[d.ID]
	if !ok {
		held = cloneDraft(d)
		held.Signatures = nil
		held.Expires = held.Expires.UTC()
	}
	for _, g := range d.Signatures {
		held = addSig(held, g)
	}
	m.drafts[d.ID] = held
	return cloneDraft(held), nil
}

func addSig(d Draft, g DraftSignature) Draft {
	for _, x := range d.Signatures {
		if x.Key == g.Key {
			return d
		}
	}
	d.Signatures = append(slices.Clone(d.Signatures), DraftSignature{Key: g.Key, Sig: slices.Clone(g.Sig)})
	return d
}

// Draft implements DraftStore.
func (m *Memory) Draft(ctx context.Context, id string) (Draft, bool, error) {
	if err := ctx.Err(); err != nil {
		return Draft{}, false, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	d, ok := m.drafts[id]
	return cloneDraft(d), ok, nil
}

// Drafts implements DraftStore.
func (m *Memory) Drafts(ctx context.Context, now time.Time) ([]Draft, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []Draft
	for _, d := range m.drafts {
		if d.Live(now) {
			out = append(out, cloneDraft(d))
		}
	}
	SortDrafts(out)
	return out, nil
}

// LiveDrafts reads the drafts ids name through get, keeping those still
// live at now, in the order of ids: the one way a database store lists
// its drafts once its query has named the live ones.
func LiveDrafts(ctx context.Context, ids []string, now time.Time, get func(context.Context, string) (Draft, bool, error)) ([]Draft, error) {
	out := make([]Draft, 0, len(ids))
	for _, id := range ids {
		d, ok, err := get(ctx, id)
		if err != nil {
			return nil, err
		}
		if ok && d.Live(now) {
			out = append(out, d)
		}
	}
	return out, nil
}

// SortDrafts orders drafts by Expires, then ID.
func SortDrafts(ds []Draft) {
	sort.Slice(ds, func(i, j int) bool {
		if !ds[i].Expires.Equal(ds[j].Expires) {
			return ds[i].Expires.Before(ds[j].Expires)
		}
		return ds[i].ID < ds[j].ID
	})
}

// AddDraftSignature implements DraftStore.
func (m *Memory) AddDraftSignature(ctx context.Context, id string, sig DraftSignature) (Draft, error) {
	if err := ctx.Err(); err != nil {
		return Draft{}, err
	}
	if sig.Key == "" {
		return Draft{}, entente.FieldErrorf(entente.EINVALID, "key", "signature has no key")
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	d, ok := m.drafts[id]
	if !ok {
		return Draft{}, entente.FieldErrorf(entente.ENOTFOUND, "draft", "no draft %q", id)
	}
	d = addSig(d, sig)
	m.drafts[id] = d
	return cloneDraft(d), nil
}

// DeleteDraft implements DraftStore.
func (m *Memory) DeleteDraft(ctx context.Context, id string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.drafts, id)
	return nil
}

// PruneDrafts implements DraftStore.
func (m *Memory) PruneDrafts(ctx context.Context, now time.Time) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for id, d := range m.drafts {
		if !d.Live(now) {
			delete(m.drafts, id)
		}
	}
	return nil
}

// PutWebhook implements WebhookStore.
func (m *Memory) PutWebhook(ctx context.Context, w Webhook) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := CheckWebhook(w); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	w.Created = w.Created.UTC()
	m.hooks[w.ID] = w
	return nil
}

// Webhooks implements WebhookStore.
func (m *Memory) Webhooks(ctx context.Context) ([]Webhook, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []Webhook
	for _, w := range m.hooks {
		out = append(out, w)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// DeleteWebhook implements WebhookStore.
func (m *Memory) DeleteWebhook(ctx context.Context, id string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.hooks, id)
	return nil
}
