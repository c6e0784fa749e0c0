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
	// EINVALID. A new draft is refused with ETOOMANY, nothing written,
	// when lim's bounds are reached (see [DraftLimits]): the count and
	// the insert are one transaction, so servers sharing the store
	// cannot together hold more than the bounds.
	PutDraft(ctx context.Context, d Draft, lim DraftLimits) (Draft, error)
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

// DraftLimits bounds the drafts a store holds: at most Total live at
// Now, and at most PerActor of those started by one Actor. A zero bound
// is no bound.
type DraftLimits struct {
	Now             time.Time
	Total, PerActor int
}

// Check refuses a new draft of actor when the store holds live drafts
// in all, mine of them actor's: the one message every store gives.
func (l DraftLimits) Check(live, mine int, actor string) error {
	if (l.Total > 0 && live >= l.Total) || (l.PerActor > 0 && mine >= l.PerActor) {
		return entente.Errorf(entente.ETOOMANY, "the server holds %d drafts awaiting signatures, %d of them %s's (at most %d, and %d of one actor's): try again when some are signed or expire, or pass the request around with 'entente sign'",
			live, mine, actor, l.Total, l.PerActor)
	}
	return nil
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
// and the first entry to send. Where deliveries stand (the next entry,
// failures, retries) is kept with the subscription's lease: see
// [WebhookLease].
type Webhook struct {
	ID      string    `json:"id"`
	Pact    string    `json:"pact"`
	Owner   string    `json:"owner"`
	URL     string    `json:"url"`
	Secret  string    `json:"secret"`
	From    int64     `json:"from"`
	Created time.Time `json:"created"`
}

// WebhookLimits bounds the subscriptions a store holds: at most Total in
// all, and at most PerOwner of one owner on one pact. A zero bound is no
// bound.
type WebhookLimits struct {
	Total, PerOwner int
}

// Check refuses a new subscription of owner on pact when the store holds
// all in all, mine of them owner's on pact.
func (l WebhookLimits) Check(all, mine int, pact, owner string) error {
	if (l.Total > 0 && all >= l.Total) || (l.PerOwner > 0 && mine >= l.PerOwner) {
		who := owner
		if who == "" {
			who = "the operator"
		}
		return entente.FieldErrorf(entente.ETOOLARGE, "url", "too many webhooks: %d held, %d of them %s's on pact %s (at most %d, and %d each)", all, mine, who, pact, l.Total, l.PerOwner)
	}
	return nil
}

// WebhookState is where a subscription's deliveries stand: the index of
// the first entry not yet delivered (or given up on), the entries
// delivered and given up on, and the failed attempts at entry Next with
// when the next one is due.
type WebhookState struct {
	Next        int64     `json:"next"`
	Delivered   int64     `json:"delivered"`
	Dropped     int64     `json:"dropped"`
	Attempts    int       `json:"attempts"`
	RetryAt     time.Time `json:"retry_at"`
	LastAttempt time.Time `json:"last_attempt"`
	LastStatus  int       `json:"last_status"`
	LastError   string    `json:"last_error"`
}

// WebhookLease is the right of one server (Holder) to deliver a
// subscription until Until, with the state of its deliveries: several
// servers on one store each hold the subscriptions, but only the lease
// holder sends, so a receiver gets each entry once; a server that stops
// (or dies) loses its leases when they expire, and another takes them
// over and resumes at State.Next. Holder is empty once released.
type WebhookLease struct {
	Webhook string       `json:"webhook"`
	Holder  string       `json:"holder"`
	Until   time.Time    `json:"until"`
	State   WebhookState `json:"state"`
}

// HeldBy reports whether holder holds l at now.
func (l WebhookLease) HeldBy(holder string, now time.Time) bool {
	return holder != "" && l.Holder == holder && now.Before(l.Until)
}

// Free reports whether l may be taken at now: never taken, released, or
// expired.
func (l WebhookLease) Free(now time.Time) bool {
	return l.Holder == "" || !now.Before(l.Until)
}

// WebhookStore keeps webhook subscriptions across restarts and servers,
// and the lease that lets one server at a time deliver each. The times a
// lease is checked against are passed in: the store never reads a clock.
type WebhookStore interface {
	// PutWebhook stores w, replacing any held with its ID. An empty ID,
	// Pact or URL, or a negative From, is EINVALID. A new subscription
	// whose URL another of the same Pact and Owner has is ECONFLICT, and
	// one beyond lim ETOOLARGE (see [WebhookLimits]); the checks and the
	// insert are one transaction.
	PutWebhook(ctx context.Context, w Webhook, lim WebhookLimits) error
	// Webhooks returns every subscription, by ID.
	Webhooks(ctx context.Context) ([]Webhook, error)
	// DeleteWebhook removes subscription id, and its lease; removing
	// none is no error.
	DeleteWebhook(ctx context.Context, id string) error
	// LeaseWebhook gives holder the lease of subscription id until
	// until, if at now the lease is free (see [WebhookLease.Free]) or
	// already holder's (a renewal, which keeps the state). It returns the
	// lease as it stands after, and whether holder now holds it; a lease
	// taken for the first time starts at the subscription's From. An
	// unknown id is ENOTFOUND; an empty holder, or an until not after
	// now, EINVALID.
	LeaseWebhook(ctx context.Context, id, holder string, now, until time.Time) (WebhookLease, bool, error)
	// SaveWebhookState stores state as where subscription id's
	// deliveries stand and extends holder's lease to until, if holder
	// holds the lease at now; otherwise it is ECONFLICT and nothing is
	// written (the lease expired and may be another's).
	SaveWebhookState(ctx context.Context, id, holder string, state WebhookState, now, until time.Time) error
	// ReleaseWebhook gives up holder's lease of id, keeping its state, so
	// that another server may take it at once; releasing a lease not
	// held is no error.
	ReleaseWebhook(ctx context.Context, id, holder string) error
	// WebhookLeases returns the leases taken so far, by Webhook.
	WebhookLeases(ctx context.Context) ([]WebhookLease, error)
}

// CheckLease refuses a lease request that cannot be granted, whatever
// the store holds.
func CheckLease(id, holder string, now, until time.Time) error {
	switch {
	case id == "":
		return entente.FieldErrorf(entente.EINVALID, "webhook", "webhook id is empty")
	case holder == "":
		return entente.FieldErrorf(entente.EINVALID, "holder", "a lease of webhook %s needs a holder", id)
	case !until.After(now):
		return entente.FieldErrorf(entente.EINVALID, "until", "a lease of webhook %s must end after %s, got %s", id, now.UTC().Format(time.RFC3339Nano), until.UTC().Format(time.RFC3339Nano))
	}
	return nil
}

// LeaseLost is the error of a SaveWebhookState by a holder that no longer
// holds the lease.
func LeaseLost(id, holder string) error {
	return entente.FieldErrorf(entente.ECONFLICT, "holder", "the lease of webhook %s is not %s's: it expired, and another server may deliver it", id, holder)
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
	leases map[string]WebhookLease
}

// NewMemory returns an empty Memory.
func NewMemory() *Memory {
	return &Memory{drafts: map[string]Draft{}, hooks: map[string]Webhook{}, leases: map[string]WebhookLease{}}
}

func cloneDraft(d Draft) Draft {
	d.Signatures = slices.Clone(d.Signatures)
	for i := range d.Signatures {
		d.Signatures[i].Sig = slices.Clone(d.Signatures[i].Sig)
	}
	return d
}

// PutDraft implements DraftStore.
func (m *Memory) PutDraft(ctx context.Context, d Draft, lim DraftLimits) (Draft, error) {
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
		live, mine := 0, 0
		for _, x := range m.drafts {
			if x.Live(lim.Now) {
				live++
				if x.Actor == d.Actor {
					mine++
				}
			}
		}
		if err := lim.Check(live, mine, d.Actor); err != nil {
			return Draft{}, err
		}
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
func (m *Memory) PutWebhook(ctx context.Context, w Webhook, lim WebhookLimits) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := CheckWebhook(w); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, held := m.hooks[w.ID]; !held {
		mine := 0
		for _, x := range m.hooks {
			if x.Pact == w.Pact && x.Owner == w.Owner {
				if x.URL == w.URL {
					return DuplicateWebhook(w, x.ID)
				}
				mine++
			}
		}
		if err := lim.Check(len(m.hooks), mine, w.Pact, w.Owner); err != nil {
			return err
		}
	}
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
	delete(m.leases, id)
	return nil
}

// LeaseWebhook implements WebhookStore.
func (m *Memory) LeaseWebhook(ctx context.Context, id, holder string, now, until time.Time) (WebhookLease, bool, error) {
	if err := ctx.Err(); err != nil {
		return WebhookLease{}, false, err
	}
	if err := CheckLease(id, holder, now, until); err != nil {
		return WebhookLease{}, false, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	w, ok := m.hooks[id]
	if !ok {
		return WebhookLease{}, false, NoWebhook(id)
	}
	l, taken := m.leases[id]
	if !taken {
		l = WebhookLease{Webhook: id, State: WebhookState{Next: w.From}}
	}
	if l.Holder == holder || l.Free(now) {
		l.Holder, l.Until = holder, until.UTC()
		m.leases[id] = l
	}
	return l, l.HeldBy(holder, now), nil
}

// SaveWebhookState implements WebhookStore.
func (m *Memory) SaveWebhookState(ctx context.Context, id, holder string, st WebhookState, now, until time.Time) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := CheckLease(id, holder, now, until); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	l, ok := m.leases[id]
	if !ok || !l.HeldBy(holder, now) {
		return LeaseLost(id, holder)
	}
	l.Until, l.State = until.UTC(), NormalState(st)
	m.leases[id] = l
	return nil
}

// ReleaseWebhook implements WebhookStore.
func (m *Memory) ReleaseWebhook(ctx context.Context, id, holder string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if l, ok := m.leases[id]; ok && l.Holder == holder {
		l.Holder, l.Until = "", time.Time{}
		m.leases[id] = l
	}
	return nil
}

// WebhookLeases implements WebhookStore.
func (m *Memory) WebhookLeases(ctx context.Context) ([]WebhookLease, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]WebhookLease, 0, len(m.leases))
	for _, l := range m.leases {
		out = append(out, l)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Webhook < out[j].Webhook })
	return out, nil
}

// NormalState returns st with its times in UTC, and a zero time for
// one before 1970 (what a store keeping Unix nanoseconds round-trips).
func NormalState(st WebhookState) WebhookState {
	st.RetryAt, st.LastAttempt = normalTime(st.RetryAt), normalTime(st.LastAttempt)
	return st
}

func normalTime(t time.Time) time.Time {
	if t.Unix() <= 0 {
		return time.Time{}
	}
	return t.UTC()
}

// LeaseColumns are the columns of a webhook lease row in both SQL stores,
// in the order ScanLease reads them.
const LeaseColumns = `webhook, holder, until, next, delivered, dropped, attempts, retry_at, last_attempt, last_status, last_error`

// ScanLease reads a row of LeaseColumns (a database/sql or pgx row), its
// times stored as Unix nanoseconds.
func ScanLease(r interface{ Scan(dest ...any) error }) (WebhookLease, error) {
	var l WebhookLease
	var until, retry, last int64
	err := r.Scan(&l.Webhook, &l.Holder, &until, &l.State.Next, &l.State.Delivered, &l.State.Dropped, &l.State.Attempts,
		&retry, &last, &l.State.LastStatus, &l.State.LastError)
	l.Until, l.State.RetryAt, l.State.LastAttempt = TimeFromNanos(until), TimeFromNanos(retry), TimeFromNanos(last)
	return l, err
}

// TimeFromNanos is the time a store keeps as Unix nanoseconds, with 0
// standing for the zero time.
func TimeFromNanos(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, n).UTC()
}

// NanosOf is t as Unix nanoseconds, 0 for the zero time (or any before
// 1970).
func NanosOf(t time.Time) int64 {
	if t.Unix() <= 0 {
		return 0
	}
	return t.UnixNano()
}

// NoWebhook is the error for an unknown subscription.
func NoWebhook(id string) error {
	return entente.FieldErrorf(entente.ENOTFOUND, "webhook", "no webhook %q", id)
}

// DuplicateWebhook is the error for a subscription whose URL another of
// its pact and owner, held, already has.
func DuplicateWebhook(w Webhook, held string) error {
	return entente.FieldErrorf(entente.ECONFLICT, "url", "%s is already registered for pact %s as %s", w.URL, w.Pact, held)
}
