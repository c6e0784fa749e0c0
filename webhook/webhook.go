// Package webhook delivers a pact's log entries to URLs that members or
// the operator register: each entry once, in log order, as a JSON POST
// signed with the subscription's own secret (HMAC-SHA256 over the
// delivery's id, time stamp and body), retried with exponential backoff,
// and never on the path of a write: a Dispatcher reads the logs after the
// fact, so a slow or dead receiver delays only its own deliveries.
//
// Targets are checked against server-side request forgery: a URL whose
// host is or resolves to a loopback, private, link-local, multicast or
// otherwise non-public address is refused at registration, the address
// actually dialled is checked again at every delivery (a name that
// resolved to a public address at registration and to 127.0.0.1 later is
// still refused), no proxy is used and redirects are not followed. The
// operator may allow private targets (a chat gateway on the same network).
package webhook

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/entente/entente"
)

// The headers of a delivery. The signature is "v1=" and the base64 of
// HMAC-SHA256(secret, id + "." + timestamp + "." + body); see Verify.
const (
	HeaderID        = "Entente-Webhook-Id"
	HeaderTimestamp = "Entente-Webhook-Timestamp"
	HeaderSignature = "Entente-Webhook-Signature"
)

// Item is one entry to deliver: its index in the pact's log and the body
// to post.
type Item struct {
	Index int64
	Body  []byte
}

// Feed returns up to max items of sub's pact from index from on, as sub's
// owner may see them; none when the log has nothing new.
type Feed func(ctx context.Context, sub Subscription, from int64, max int) ([]Item, error)

// Subscription is a URL registered for a pact's entries, with the state of
// its deliveries.
type Subscription struct {
	ID   string `json:"id"`
	Pact string `json:"pact"`
	URL  string `json:"url"`
	// Owner is the actor that registered it, whose reading rights its
	// deliveries have; empty for the operator, who reads everything.
	Owner   entente.ActorID `json:"owner,omitempty"`
	Created time.Time       `json:"created"`
	// Next is the index of the first entry not yet delivered (or given
	// up on); Delivered counts the entries delivered, Dropped those given
	// up on after MaxAttempts.
	Next      int64 `json:"next"`
	Delivered int64 `json:"delivered"`
	Dropped   int64 `json:"dropped"`
	// Attempts counts the failed attempts at entry Next; RetryAt is when
	// the next attempt is due.
	Attempts    int       `json:"attempts"`
	RetryAt     time.Time `json:"retry_at,omitzero"`
	LastAttempt time.Time `json:"last_attempt,omitzero"`
	LastStatus  int       `json:"last_status,omitempty"`
	LastError   string    `json:"last_error,omitempty"`

	secret []byte
	// held is set while this dispatcher holds the subscription's lease,
	// which ends at leaseEnd (when not held: the other holder's end).
	held     bool
	leaseEnd time.Time
}

// LastOutcome says how the subscription's last delivery went, for a
// person: "none yet", "TIME ok STATUS", or "TIME failed (N tries): ERROR".
func (s Subscription) LastOutcome() string {
	switch {
	case s.LastAttempt.IsZero():
		return "none yet"
	case s.LastError != "":
		return fmt.Sprintf("%s failed (%d tries): %s", s.LastAttempt.Format(time.RFC3339), s.Attempts, s.LastError)
	}
	return fmt.Sprintf("%s ok %d", s.LastAttempt.Format(time.RFC3339), s.LastStatus)
}

// State is where a subscription's deliveries stand: the fields of
// Subscription from Next to LastError, as a Leases keeps them.
type State struct {
	Next, Delivered, Dropped int64
	Attempts                 int
	RetryAt, LastAttempt     time.Time
	LastStatus               int
	LastError                string
}

func (s *Subscription) state() State {
	return State{Next: s.Next, Delivered: s.Delivered, Dropped: s.Dropped, Attempts: s.Attempts, RetryAt: s.RetryAt,
		LastAttempt: s.LastAttempt, LastStatus: s.LastStatus, LastError: s.LastError}
}

func (s *Subscription) setState(st State) {
	s.Next, s.Delivered, s.Dropped, s.Attempts, s.RetryAt = st.Next, st.Delivered, st.Dropped, st.Attempts, st.RetryAt
	s.LastAttempt, s.LastStatus, s.LastError = st.LastAttempt, st.LastStatus, st.LastError
}

// Leases makes deliveries exclusive among the dispatchers (servers) that
// share a store: a dispatcher sends to a subscription only while it holds
// the subscription's lease, and keeps the delivery state with the lease,
// so that whoever takes a lease over once it expires (its holder stopped
// or died) resumes at the last entry delivered. Which holder a dispatcher
// is, is the implementation's: one per server. The times are passed in.
type Leases interface {
	// Acquire takes or renews the lease of subscription id until until,
	// if it is free at now or already this holder's. It returns the
	// stored state, whether this holder now holds the lease, and when
	// the lease ends, whoever holds it.
	Acquire(ctx context.Context, id string, now, until time.Time) (st State, held bool, end time.Time, err error)
	// Save stores st as where id's deliveries stand and extends the
	// lease to until, if this holder holds it at now; an error means the
	// state was not stored (the lease was lost, or the store is away).
	Save(ctx context.Context, id string, st State, now, until time.Time) error
	// Release gives up this holder's lease of id, so that another
	// dispatcher may take it at once.
	Release(ctx context.Context, id string) error
	// Ends returns when each lease held ends, by subscription id, with
	// the released and never-taken ones absent: one read, so that a
	// dispatcher waiting for another's lease sees it released at once.
	Ends(ctx context.Context) (map[string]time.Time, error)
}

// Config configures a Dispatcher. Zero values take the defaults.
type Config struct {
	// Feed supplies the entries to deliver (required).
	Feed Feed
	// Now is the clock (time.Now by default); the tests drive it.
	Now func() time.Time
	// AllowPrivate lets targets be private or loopback addresses: the
	// operator's choice, for receivers on its own network.
	AllowPrivate bool
	// Resolve looks a host's addresses up (net.DefaultResolver by default).
	Resolve func(ctx context.Context, host string) ([]netip.Addr, error)
	// Client posts the deliveries; by default one that dials only the
	// addresses AllowPrivate permits, uses no proxy, follows no redirect
	// and gives up after 10 s.
	Client *http.Client
	// MaxAttempts is how many times an entry is tried before it is given
	// up on (8); BaseDelay the wait after the first failure (1 s), which
	// doubles after each up to MaxDelay (10 min).
	MaxAttempts         int
	BaseDelay, MaxDelay time.Duration
	// Batch bounds the entries one subscription is sent per Step (100).
	Batch int
	// MaxSubscriptions bounds the subscriptions held (1,000), and
	// MaxPerOwner those of one owner on one pact (5).
	MaxSubscriptions, MaxPerOwner int
	// Random is the source of ids and secrets (crypto/rand by default).
	Random io.Reader
	// Progress, when set, is called after a round moved a subscription's
	// Next on, so that its owner can store where deliveries resume after
	// a restart.
	Progress func(sub Subscription)
	// Refresh, when set, is called before each round of Run: where a
	// dispatcher whose subscriptions live in a shared store picks up
	// those registered or removed through another server.
	Refresh func(ctx context.Context)
	// Leases, when set, makes this dispatcher deliver only the
	// subscriptions whose lease it holds, keeping their state with the
	// lease (see Leases); nil delivers every subscription held, with the
	// state in memory.
	Leases Leases
	// LeaseFor is how long a lease lasts (30 s): another dispatcher takes
	// over at most this long after a holder stops renewing. A holder
	// renews when half of it is left, and before a post when less than
	// half is left.
	LeaseFor time.Duration
}

func (c Config) withDefaults() Config {
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Resolve == nil {
		c.Resolve = func(ctx context.Context, host string) ([]netip.Addr, error) {
			return net.DefaultResolver.LookupNetIP(ctx, "ip", host)
		}
	}
	if c.Client == nil {
		c.Client = GuardedClient(c.AllowPrivate)
	}
	if c.MaxAttempts <= 0 {
		c.MaxAttempts = 8
	}
	if c.BaseDelay <= 0 {
		c.BaseDelay = time.Second
	}
	if c.MaxDelay <= 0 {
		c.MaxDelay = 10 * time.Minute
	}
	if c.Batch <= 0 {
		c.Batch = 100
	}
	if c.MaxSubscriptions <= 0 {
		c.MaxSubscriptions = 1000
	}
	if c.MaxPerOwner <= 0 {
		c.MaxPerOwner = 5
	}
	if c.Random == nil {
		c.Random = rand.Reader
	}
	if c.LeaseFor <= 0 {
		c.LeaseFor = 30 * time.Second
	}
	return c
}

// Dispatcher holds the subscriptions and delivers their entries.
type Dispatcher struct {
	cfg  Config
	mu   sync.Mutex
	subs map[string]*Subscription
	wake chan struct{}
	// busy is held by Step, so that two rounds never send the same entry
	// twice.
	busy sync.Mutex
}

// New returns a dispatcher configured by cfg.
func New(cfg Config) *Dispatcher {
	return &Dispatcher{cfg: cfg.withDefaults(), subs: map[string]*Subscription{}, wake: make(chan struct{}, 1)}
}

// Register subscribes rawURL to pact's entries from index from on, for
// owner ("" for the operator). It returns the subscription and its secret,
// which is shown only now: the receiver checks each delivery with it.
func (d *Dispatcher) Register(ctx context.Context, pact string, owner entente.ActorID, rawURL string, from int64) (Subscription, string, error) {
	u, err := d.CheckURL(ctx, rawURL)
	if err != nil {
		return Subscription{}, "", err
	}
	var buf [8 + 32]byte
	if _, err := io.ReadFull(d.cfg.Random, buf[:]); err != nil {
		return Subscription{}, "", entente.Errorf(entente.EINTERNAL, "no randomness for a webhook secret: %v", err)
	}
	sub := &Subscription{ID: "wh_" + hex.EncodeToString(buf[:8]), Pact: pact, URL: u.String(), Owner: owner, Created: d.cfg.Now().UTC(), Next: from, secret: append([]byte(nil), buf[8:]...)}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.subs[sub.ID] != nil {
		return Subscription{}, "", entente.Errorf(entente.EINTERNAL, "webhook id %s drawn twice: the random source repeats", sub.ID)
	}
	mine := 0
	for _, s := range d.subs {
		if s.Pact == pact && s.Owner == owner {
			mine++
			if s.URL == sub.URL {
				return Subscription{}, "", entente.FieldErrorf(entente.ECONFLICT, "url", "%s is already registered for pact %s as %s", sub.URL, pact, s.ID)
			}
		}
	}
	if len(d.subs) >= d.cfg.MaxSubscriptions || mine >= d.cfg.MaxPerOwner {
		return Subscription{}, "", entente.FieldErrorf(entente.ETOOLARGE, "url", "too many webhooks: %d held, %d of them %s's on pact %s (at most %d, and %d each)", len(d.subs), mine, ownerWords(owner), pact, d.cfg.MaxSubscriptions, d.cfg.MaxPerOwner)
	}
	d.subs[sub.ID] = sub
	d.Notify()
	return *sub, base64.RawURLEncoding.EncodeToString(sub.secret), nil
}

// Restore adds a subscription kept from before (a restart, or another
// server on the same store) with its secret as Register answered it; one
// already held is kept as it is. Deliveries resume at sub.Next.
func (d *Dispatcher) Restore(sub Subscription, secret string) error {
	key, err := base64.RawURLEncoding.DecodeString(secret)
	if err != nil || len(key) == 0 {
		return entente.FieldErrorf(entente.EINVALID, "secret", "webhook %s: the stored secret is not unpadded base64url", sub.ID)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.subs[sub.ID] == nil {
		s := Subscription{ID: sub.ID, Pact: sub.Pact, URL: sub.URL, Owner: sub.Owner, Created: sub.Created.UTC(), Next: sub.Next, secret: key}
		d.subs[sub.ID] = &s
	}
	return nil
}

// Forget drops every subscription whose id keep does not report, without
// an owner's check: removed through another server on the same store.
func (d *Dispatcher) Forget(keep func(id string) bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for id := range d.subs {
		if !keep(id) {
			delete(d.subs, id)
		}
	}
}

func ownerWords(owner entente.ActorID) string {
	if owner == "" {
		return "the operator"
	}
	return string(owner)
}

// Remove deletes subscription id, if by registered it (by "" is the
// operator, who may remove any).
func (d *Dispatcher) Remove(id string, by entente.ActorID) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	s := d.subs[id]
	if s == nil || (by != "" && s.Owner != by) {
		return entente.FieldErrorf(entente.ENOTFOUND, "webhook", "no webhook %q of %s", id, ownerWords(by))
	}
	delete(d.subs, id)
	return nil
}

// List returns pact's subscriptions that owner registered (all of them
// for the operator, owner ""), oldest first, with their delivery state.
func (d *Dispatcher) List(pact string, owner entente.ActorID) []Subscription {
	d.mu.Lock()
	defer d.mu.Unlock()
	var out []Subscription
	for _, s := range d.subs {
		if s.Pact == pact && (owner == "" || s.Owner == owner) {
			out = append(out, *s)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Created.Equal(out[j].Created) {
			return out[i].Created.Before(out[j].Created)
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// Notify wakes Run for a round of deliveries now; it never blocks.
func (d *Dispatcher) Notify() {
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

// Run delivers until ctx ends: a round (Step) at every Notify and every
// poll, so entries written by another server or the command line go out
// too.
func (d *Dispatcher) Run(ctx context.Context, poll time.Duration) {
	t := time.NewTicker(poll)
	defer t.Stop()
	for {
		if d.cfg.Refresh != nil {
			d.cfg.Refresh(ctx)
		}
		d.Step(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-d.wake:
		}
	}
}

// Step makes one round: each subscription whose retry is due is sent, in
// log order, the entries after its last delivery (up to Batch), stopping
// at its first failure, after which it waits BaseDelay·2^(attempts-1) (at
// most MaxDelay); an entry that failed MaxAttempts times is given up on
// and counted as dropped. With Leases, only the subscriptions whose
// lease this dispatcher holds or takes are sent to. It returns the
// entries delivered.
func (d *Dispatcher) Step(ctx context.Context) int {
	d.busy.Lock()
	defer d.busy.Unlock()
	delivered := 0
	if d.cfg.Leases != nil {
		d.peekLeases(ctx)
	}
	for _, id := range d.ids() {
		if d.cfg.Leases != nil && !d.lease(ctx, id) {
			continue
		}
		if d.due(id) {
			delivered += d.deliverSome(ctx, id)
		}
	}
	return delivered
}

// ids returns the ids of the subscriptions held, sorted.
func (d *Dispatcher) ids() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := make([]string, 0, len(d.subs))
	for id := range d.subs {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

// peekLeases reads when the leases other dispatchers hold end, if this
// one waits for any, so that a lease released or expired is taken this
// round.
func (d *Dispatcher) peekLeases(ctx context.Context) {
	now := d.cfg.Now()
	d.mu.Lock()
	waiting := false
	for _, s := range d.subs {
		waiting = waiting || (!s.held && now.Before(s.leaseEnd))
	}
	d.mu.Unlock()
	if !waiting {
		return
	}
	ends, err := d.cfg.Leases.Ends(ctx)
	if err != nil {
		return // the rounds wait for the ends they know
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	for id, s := range d.subs {
		if !s.held {
			s.leaseEnd = ends[id]
		}
	}
}

// due reports whether subscription id may be sent to now.
func (d *Dispatcher) due(id string) bool {
	now := d.cfg.Now()
	d.mu.Lock()
	defer d.mu.Unlock()
	s := d.subs[id]
	return s != nil && (s.RetryAt.IsZero() || !now.Before(s.RetryAt))
}

// lease reports whether this dispatcher holds subscription id's lease,
// taking or renewing it when that is due: a lease more than half of
// whose time is left is used as it stands, and one another dispatcher
// holds is not asked for again before it ends. Taking or renewing a
// lease loads the state stored with it.
func (d *Dispatcher) lease(ctx context.Context, id string) bool {
	now := d.cfg.Now()
	d.mu.Lock()
	s := d.subs[id]
	if s == nil {
		d.mu.Unlock()
		return false
	}
	held, end := s.held, s.leaseEnd
	d.mu.Unlock()
	switch {
	case held && end.Sub(now) > d.cfg.LeaseFor/2:
		return true
	case !held && now.Before(end):
		return false
	}
	st, held, end, err := d.cfg.Leases.Acquire(ctx, id, now, now.Add(d.cfg.LeaseFor))
	d.update(id, func(s *Subscription) {
		if err != nil {
			s.held, s.LastError = false, "taking the delivery lease: "+err.Error()
			return
		}
		s.held, s.leaseEnd = held, end
		s.setState(st)
	})
	return err == nil && held
}

// keepLease makes sure this dispatcher holds id's lease for more than
// half of LeaseFor from now before a post, renewing it with the state as
// it stands; it reports whether the lease is held.
func (d *Dispatcher) keepLease(ctx context.Context, id string) bool {
	if d.cfg.Leases == nil {
		return true
	}
	now := d.cfg.Now()
	d.mu.Lock()
	s := d.subs[id]
	if s == nil || !s.held {
		d.mu.Unlock()
		return false
	}
	if s.leaseEnd.Sub(now) > d.cfg.LeaseFor/2 {
		d.mu.Unlock()
		return true
	}
	st := s.state()
	d.mu.Unlock()
	return d.save(ctx, id, st, now)
}

// save stores st with id's lease, extending it; a failure drops the
// lease here (the next round asks for it again).
func (d *Dispatcher) save(ctx context.Context, id string, st State, now time.Time) bool {
	until := now.Add(d.cfg.LeaseFor)
	err := d.cfg.Leases.Save(ctx, id, st, now, until)
	d.update(id, func(s *Subscription) {
		if err != nil {
			s.held, s.leaseEnd, s.LastError = false, time.Time{}, "keeping the delivery lease: "+err.Error()
			return
		}
		s.leaseEnd = until
	})
	return err == nil
}

// Observe records where id's deliveries stand as another dispatcher
// stored them, for List; it changes nothing while this dispatcher holds
// id's lease (its own state is the one stored).
func (d *Dispatcher) Observe(id string, st State) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if s := d.subs[id]; s != nil && !s.held {
		s.setState(st)
	}
}

// ReleaseAll gives up every lease this dispatcher holds, after the round
// under way (if any) ends, so that other dispatchers take the
// subscriptions over at once rather than when the leases expire: what a
// server does as it shuts down.
func (d *Dispatcher) ReleaseAll(ctx context.Context) error {
	if d.cfg.Leases == nil {
		return nil
	}
	d.busy.Lock()
	defer d.busy.Unlock()
	var errs []error
	for _, id := range d.ids() {
		d.mu.Lock()
		s := d.subs[id]
		held := s != nil && s.held
		if held {
			s.held, s.leaseEnd = false, time.Time{}
		}
		d.mu.Unlock()
		if held {
			if err := d.cfg.Leases.Release(ctx, id); err != nil {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}

// deliverSome sends subscription id its next entries.
func (d *Dispatcher) deliverSome(ctx context.Context, id string) int {
	d.mu.Lock()
	s := d.subs[id]
	if s == nil {
		d.mu.Unlock()
		return 0
	}
	sub := *s
	d.mu.Unlock()
	items, err := d.cfg.Feed(ctx, sub, sub.Next, d.cfg.Batch)
	if err != nil {
		d.update(id, func(s *Subscription) { s.LastError = "reading the log: " + err.Error() })
		return 0
	}
	n := 0
	for _, it := range items {
		if !d.keepLease(ctx, id) {
			break
		}
		status, err := d.post(ctx, sub, it)
		now := d.cfg.Now().UTC()
		ok := err == nil && status >= 200 && status < 300
		var st State
		found := false
		d.update(id, func(s *Subscription) {
			defer func() { st, found = s.state(), true }()
			s.LastAttempt, s.LastStatus = now, status
			if ok {
				s.Next, s.Delivered, s.Attempts, s.RetryAt, s.LastError = it.Index+1, s.Delivered+1, 0, time.Time{}, ""
				return
			}
			s.LastError = failure(status, err)
			s.Attempts++
			if s.Attempts >= d.cfg.MaxAttempts {
				s.Next, s.Dropped, s.Attempts = it.Index+1, s.Dropped+1, 0
			}
			s.RetryAt = now.Add(d.backoff(s.Attempts))
		})
		if ok {
			n++
		}
		if !found || (d.cfg.Leases != nil && !d.save(ctx, id, st, now)) {
			break
		}
		if !ok {
			break
		}
	}
	if d.cfg.Progress != nil {
		d.mu.Lock()
		s := d.subs[id]
		moved := s != nil && s.Next != sub.Next
		var now Subscription
		if moved {
			now = *s
		}
		d.mu.Unlock()
		if moved {
			d.cfg.Progress(now)
		}
	}
	return n
}

// backoff is the wait after the attempts-th failure in a row (0 after an
// entry was given up on: the next one is tried after BaseDelay).
func (d *Dispatcher) backoff(attempts int) time.Duration {
	w := d.cfg.BaseDelay
	for i := 1; i < attempts && w < d.cfg.MaxDelay; i++ {
		w *= 2
	}
	return min(w, d.cfg.MaxDelay)
}

func failure(status int, err error) string {
	if err != nil {
		return err.Error()
	}
	return "the receiver answered " + strconv.Itoa(status)
}

// update changes subscription id under the lock, if it still exists.
func (d *Dispatcher) update(id string, f func(*Subscription)) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if s := d.subs[id]; s != nil {
		f(s)
	}
}

// post sends one item to sub's URL, signed, and returns the status.
func (d *Dispatcher) post(ctx context.Context, sub Subscription, it Item) (int, error) {
	deliveryID := sub.ID + "-" + strconv.FormatInt(it.Index, 10)
	ts := strconv.FormatInt(d.cfg.Now().Unix(), 10)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, sub.URL, bytes.NewReader(it.Body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Entente-Webhook/1")
	req.Header.Set(HeaderID, deliveryID)
	req.Header.Set(HeaderTimestamp, ts)
	req.Header.Set(HeaderSignature, Sign(sub.secret, deliveryID, ts, it.Body))
	resp, err := d.cfg.Client.Do(req)
	if err != nil {
		return 0, err
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	return resp.StatusCode, nil
}

// Sign returns the signature header value of a delivery: "v1=" and the
// base64 of HMAC-SHA256(secret, id "." timestamp "." body).
func Sign(secret []byte, id, timestamp string, body []byte) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(id + "." + timestamp + "."))
	m.Write(body)
	return "v1=" + base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// Verify reports whether signature is a delivery's signature under
// secret (the base64url string Register returned), in constant time. A
// receiver should also refuse a timestamp far from its clock, and an id it
// has seen, against replays.
func Verify(secret, id, timestamp string, body []byte, signature string) bool {
	key, err := base64.RawURLEncoding.DecodeString(secret)
	if err != nil {
		return false
	}
	return hmac.Equal([]byte(Sign(key, id, timestamp, body)), []byte(signature))
}

// CheckURL parses raw as a webhook target and refuses what could reach
// the server's own network: a scheme other than http or https, user
// information, and (unless AllowPrivate) a host that is or resolves to a
// non-public address.
func (d *Dispatcher) CheckURL(ctx context.Context, raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Opaque != "" {
		return nil, entente.FieldErrorf(entente.EINVALID, "url", "expected an http or https URL with a host, got %q", raw)
	}
	if u.User != nil {
		return nil, entente.FieldErrorf(entente.EINVALID, "url", "expected no user or password in the URL")
	}
	if len(raw) > 2000 {
		return nil, entente.FieldErrorf(entente.ETOOLARGE, "url", "expected at most 2000 bytes, got %d", len(raw))
	}
	u.Fragment = ""
	if d.cfg.AllowPrivate {
		return u, nil
	}
	host := u.Hostname()
	var addrs []netip.Addr
	if a, err := netip.ParseAddr(host); err == nil {
		addrs = []netip.Addr{a}
	} else if addrs, err = d.cfg.Resolve(ctx, host); err != nil || len(addrs) == 0 {
		return nil, entente.FieldErrorf(entente.EINVALID, "url", "host %s does not resolve: %v", host, err)
	}
	for _, a := range addrs {
		if Blocked(a) {
			return nil, entente.FieldErrorf(entente.EFORBIDDEN, "url", "host %s is %s, a loopback, private or otherwise non-public address; webhooks go to public addresses unless the operator allows private ones", host, a.Unmap())
		}
	}
	return u, nil
}

// nonPublic are the ranges beside those netip classifies that a webhook
// may not reach: "this network", carrier-grade NAT, IETF protocol
// assignments, benchmarking, reserved and broadcast, NAT64, and the
// documentation ranges.
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("192.0.2.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("198.51.100.0/24"),
	netip.MustParsePrefix("203.0.113.0/24"),
	netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("64:ff9b::/96"),
	netip.MustParsePrefix("64:ff9b:1::/48"),
	netip.MustParsePrefix("2001:db8::/32"),
	netip.MustParsePrefix("100::/64"),
}

// Blocked reports whether a is an address a webhook may not reach without
// the operator's leave: loopback, private, link-local (the cloud metadata
// address among them), multicast, unspecified, or one of the reserved
// ranges; an IPv4 address mapped into IPv6 counts as itself.
func Blocked(a netip.Addr) bool {
	a = a.Unmap()
	if !a.IsValid() || a.IsLoopback() || a.IsPrivate() || a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast() ||
		a.IsInterfaceLocalMulticast() || a.IsMulticast() || a.IsUnspecified() {
		return true
	}
	for _, p := range nonPublic {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// GuardedClient returns the client deliveries are posted with: it checks
// each address it dials (unless allowPrivate), so a name that resolves to
// a private address at delivery time is refused however it resolved at
// registration; it uses no proxy, follows no redirect and gives up after
// 10 seconds.
func GuardedClient(allowPrivate bool) *http.Client {
	dialer := &net.Dialer{Timeout: 5 * time.Second, Control: func(network, address string, _ syscall.RawConn) error {
		if allowPrivate {
			return nil
		}
		return checkDial(address)
	}}
	return &http.Client{
		Timeout:       10 * time.Second,
		Transport:     &http.Transport{Proxy: nil, DialContext: dialer.DialContext, MaxIdleConnsPerHost: 2, IdleConnTimeout: time.Minute},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// checkDial refuses to connect to a blocked address.
func checkDial(address string) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return err
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return fmt.Errorf("webhook: dialling %q, not an address", address)
	}
	if Blocked(a) {
		return fmt.Errorf("webhook: refused to connect to %s, a non-public address", a.Unmap())
	}
	return nil
}
