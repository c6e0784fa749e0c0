package http

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
)

// Config holds what a deployment tunes. The zero Config is usable: no
// host restriction beyond loopback names when listening on loopback, the
// default rate and connection limits, and no request log.
type Config struct {
	// Logger receives the structured request log and internal errors.
	Logger *slog.Logger
	// Hosts are the host names (without port) the server answers to;
	// requests naming another Host get 403, which defeats DNS rebinding.
	// Empty means loopback names when Listen binds loopback; when it binds
	// another address, IP addresses, localhost and the passkey origin's
	// host (SetPasskeys), names no rebinding page can be reached at; and
	// any host for a server that is only a Handler (Listen not called).
	Hosts []string
	// WriteRate and WriteBurst bound each client network's writes (POST
	// and the like) per second: a token bucket per IPv4 address or IPv6
	// /64 (rateKey), and per IPv6 /48 one wideFactor times larger that
	// its /64s share. Zero means 10 and 40; a negative rate means no
	// limit.
	WriteRate  float64
	WriteBurst int
	// ReadRate and ReadBurst bound each client network's expensive reads
	// (expensiveRead: the analytics, the what-if runs and the founding
	// and amending previews, up to a second of CPU each) per second, a
	// token bucket apart from the writes' with the same client networks
	// (rateKey, and the /48s of wideKey). Cheap reads (a pact's state, pages of lists and entries,
	// heads and proofs) are never limited. Zero means 1 and 20; a
	// negative rate means no limit.
	ReadRate  float64
	ReadBurst int
	// MetricsToken, when set, is the bearer token GET /metrics requires
	// (Authorization: Bearer TOKEN) of every client; empty answers
	// /metrics to loopback clients only.
	MetricsToken string
	// TrustedProxies are the networks of the reverse proxies in front of
	// the server. A request whose direct peer is inside one is taken to
	// come from the client its ProxyHeader names (clientIP); from any
	// other peer, and with none set (the default), the header is
	// ignored, for anyone may send it. The client so found is the one
	// the rate limits, the loopback check of /metrics and the request
	// log see. An IPv4-mapped network (::ffff:10.0.0.0/104) is taken as
	// its IPv4 one (10.0.0.0/8), and a peer's or a header's IPv4-mapped
	// address as its IPv4 address, so that either form matches the
	// other; a network shorter than /96 (::/0) holds no IPv4 address.
	TrustedProxies []netip.Prefix
	// ProxyHeader is the header the trusted proxies name the client in:
	// X-Forwarded-For (the zero value) or RFC 7239's Forwarded. Only
	// that one is read, never both: a proxy replaces or appends to the
	// header it writes, and passes the other on as the client sent it,
	// so reading it too would let a client name itself.
	ProxyHeader ProxyHeader
	// MaxConns caps concurrent connections; zero means 1024.
	MaxConns int
	// ReadTimeout bounds reading a whole request, headers and body (zero:
	// 30 s; headers alone get a third of it), and IdleTimeout how long a
	// kept-alive connection may wait for its next request (zero: 120 s).
	// A slow or idle client cannot hold a connection longer.
	ReadTimeout, IdleTimeout time.Duration
	// Webhooks configures the delivery of pacts' entries to registered
	// URLs (webhooks.go).
	Webhooks WebhookConfig
	// Drafts keeps the requests gathering co-signatures (drafts.go): the
	// store the ledger's logs are in, when it keeps drafts, so that they
	// survive a restart and every server on it sees them; nil keeps them
	// in this server's memory.
	Drafts logstore.DraftStore
	// World is the research data of the world explorer (/world), or nil
	// (see LoadWorld).
	World *World
	// ReadOnly refuses every write (403 naming the mode): a server on a
	// read replica of the database, which serves reads and leaves writes,
	// webhook deliveries and deadlines to the servers on the primary.
	ReadOnly bool
}

func (c Config) withDefaults() Config {
	if c.WriteRate == 0 {
		c.WriteRate = 10
	}
	if c.WriteBurst == 0 {
		c.WriteBurst = 40
	}
	if c.ReadRate == 0 {
		c.ReadRate = 1
	}
	if c.ReadBurst == 0 {
		c.ReadBurst = 20
	}
	if c.MaxConns == 0 {
		c.MaxConns = 1024
	}
	if c.ReadTimeout == 0 {
		c.ReadTimeout = 30 * time.Second
	}
	if c.IdleTimeout == 0 {
		c.IdleTimeout = 120 * time.Second
	}
	nets := make([]netip.Prefix, len(c.TrustedProxies)) // not the caller's array
	for i, p := range c.TrustedProxies {
		nets[i] = unmapPrefix(p)
	}
	c.TrustedProxies = nets
	return c
}

// unmapPrefix returns p masked, and an IPv4-mapped network of it
// (::ffff:10.0.0.0/104) as its IPv4 network (10.0.0.0/8): the form the
// addresses it is to hold are compared in (clientIP unmaps them).
func unmapPrefix(p netip.Prefix) netip.Prefix {
	p = p.Masked()
	if a := p.Addr(); a.Is4In6() && p.Bits() >= 96 {
		return netip.PrefixFrom(a.Unmap(), p.Bits()-96)
	}
	return p
}

// securityHeaders are sent with every answer: a Content-Security-Policy
// without inline script (htmx's indicator styles need inline style), no
// framing, no MIME sniffing, no referrer.
var securityHeaders = map[string]string{
	"Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
	"X-Content-Type-Options":  "nosniff",
	// same-origin, not no-referrer: with no-referrer Chromium sends
	// "Origin: null" with same-origin form posts, which the origin
	// check must refuse.
	"Referrer-Policy": "same-origin",
	"X-Frame-Options": "DENY",
}

// guard wraps next with the checks every request passes, in order: the
// request log, security headers, the Host check, and for writes the
// same-origin check (Origin and Sec-Fetch-Site), the JSON content type
// (so a cross-site form or text/plain POST cannot reach the API) and the
// per-address rate limit, and for expensive reads their own rate limit.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		for k, v := range securityHeaders {
			rec.Header().Set(k, v)
		}
		if err := s.check(r); err != nil {
			s.writeError(rec, r, err)
		} else {
			s.serveRecovering(next, rec, r)
		}
		took := time.Since(start)
		_, route := s.mux.Handler(r)
		s.metrics.observe(r, route, rec.status, took)
		client := s.clientOf(r).addr
		attrs := []any{"method", r.Method, "path", r.URL.Path, "status", rec.status,
			"bytes", rec.bytes, "duration_ms", float64(took.Microseconds()) / 1000, "remote", client}
		if peer := peerIP(r); peer != client {
			attrs = append(attrs, "peer", peer) // the proxy that forwarded it (or a mapped or zoned peer as it came)
		}
		s.logger.Info("request", attrs...)
	})
}

// serveRecovering serves r with next, answering a handler's panic with a
// 500 in JSON (when nothing was written yet) and logging it with its
// stack, instead of net/http's closing the connection with no answer.
// http.ErrAbortHandler, a handler's deliberate abort, is let through.
func (s *Server) serveRecovering(next http.Handler, rec *statusRecorder, r *http.Request) {
	defer func() {
		v := recover()
		if v == nil {
			return
		}
		if v == http.ErrAbortHandler {
			panic(v)
		}
		s.logger.Error("panic", "method", r.Method, "path", r.URL.Path, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
		if rec.wrote {
			panic(http.ErrAbortHandler) // half an answer: cut the connection
		}
		s.writeError(rec, r, entente.Errorf(entente.EINTERNAL, "the server failed on %s %s; it is logged", r.Method, r.URL.Path))
	}()
	next.ServeHTTP(rec, r)
}

// check applies the guard's refusals to r.
func (s *Server) check(r *http.Request) error {
	if !s.hostAllowed(r.Host) {
		if s.unnamedHosts {
			return entente.FieldErrorf(entente.EFORBIDDEN, "host", "this server does not answer to host %q: it was given no host names (entente serve --host NAME), and answers to IP addresses and localhost only", hostOnly(r.Host))
		}
		return entente.FieldErrorf(entente.EFORBIDDEN, "host", "this server does not answer to host %q", hostOnly(r.Host))
	}
	// r.URL.Query() drops what does not parse: ?cursor=%%% would be read
	// as no cursor at all, and the first page answered as if asked for.
	if _, err := url.ParseQuery(r.URL.RawQuery); err != nil {
		return entente.FieldErrorf(entente.EINVALID, "query", "the query does not parse: %v", err)
	}
	if safeMethod(r.Method) {
		return s.checkRead(r)
	}
	if s.cfg.ReadOnly {
		return entente.FieldErrorf(entente.EFORBIDDEN, "mode", "this server is read-only (entente serve --read-only, on a replica of the database): it serves reads; send %s %s to a server on the primary database", r.Method, r.URL.Path)
	}
	if o := r.Header.Get("Origin"); o != "" && !sameOrigin(o, r.Host) {
		return entente.FieldErrorf(entente.EFORBIDDEN, "origin", "cross-origin writes are refused (origin %s)", o)
	}
	if r.Header.Get("Sec-Fetch-Site") == "cross-site" {
		return entente.FieldErrorf(entente.EFORBIDDEN, "origin", "cross-site writes are refused")
	}
	// The content type matters only to a route that takes the write: a
	// method or path no route answers is told so (405 or 404), not that
	// its content type is wrong.
	if _, pattern := s.mux.Handler(r); pattern != "" && strings.HasPrefix(r.URL.Path, "/api/") {
		ct := r.Header.Get("Content-Type")
		if mt, _, _ := strings.Cut(ct, ";"); strings.TrimSpace(mt) != "application/json" {
			return entente.FieldErrorf(entente.EINVALID, "content-type", "expected application/json, got %q", ct)
		}
	}
	if s.cfg.WriteRate <= 0 {
		return nil
	}
	if from, wait := s.takeWrite(r); wait > 0 {
		return &retryError{err: entente.Errorf(entente.ETOOMANY, "too many writes from %s: retry in %s", from, wait.Round(time.Millisecond)), after: wait}
	}
	return nil
}

// checkRead spends a token of the read limiter on an expensive read: an
// anonymous client could otherwise keep the server's cores busy with a
// few requests a second.
func (s *Server) checkRead(r *http.Request) error {
	if s.cfg.ReadRate <= 0 || !s.expensiveRead(r) {
		return nil
	}
	if from, wait := s.takeRead(r); wait > 0 {
		rate, burst := s.cfg.ReadRate, s.cfg.ReadBurst
		if from != s.clientOf(r).key {
			rate, burst = rate*wideFactor, burst*wideFactor
		}
		return &retryError{err: entente.FieldErrorf(entente.ETOOMANY, "read-rate",
			"too many expensive reads (analytics, what-if, previews) from %s: at most %g a second after a burst of %d; retry in %s",
			from, rate, burst, wait.Round(time.Millisecond)), after: wait}
	}
	return nil
}

// takeWrite spends a token of r's client's writes (rateLimit.take).
func (s *Server) takeWrite(r *http.Request) (from string, wait time.Duration) {
	key := s.clientOf(r).key
	return s.limiter.take(key, wideKey(key), time.Now())
}

// takeRead spends a token of r's client's expensive reads.
func (s *Server) takeRead(r *http.Request) (from string, wait time.Duration) {
	key := s.clientOf(r).key
	return s.readLimiter.take(key, wideKey(key), time.Now())
}

// expensiveReads are the routes whose answer is computed afresh from a
// pact's history on every request (tens to hundreds of milliseconds of
// CPU), and previews, which are expensive only when asked for (edited).
var (
	expensiveReads = map[string]bool{
		"GET /api/pacts/{pact}/health":   true,
		"GET /api/pacts/{pact}/trust":    true,
		"GET /api/pacts/{pact}/burden":   true,
		"GET /api/pacts/{pact}/power":    true,
		"GET /api/pacts/{pact}/whatif":   true,
		"GET /api/pacts/{pact}/partners": true,
		"GET /api/pacts/{pact}/split":    true,
	}
	previews = map[string]bool{
		"GET /found":              true,
		"GET /pacts/{pact}/amend": true,
	}
)

// expensiveRead reports whether r is a read the read limiter counts.
func (s *Server) expensiveRead(r *http.Request) bool {
	_, pattern := s.mux.Handler(r) // a HEAD matches, and costs, as its GET
	return expensiveReads[pattern] || previews[pattern] && r.URL.Query().Get("edited") != ""
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

// retryError is an error that tells the client when to try again.
type retryError struct {
	err   *entente.Error
	after time.Duration
}

func (e *retryError) Error() string { return e.err.Error() }

func (e *retryError) Unwrap() error { return e.err }

func (s *Server) hostAllowed(host string) bool {
	h := hostOnly(host)
	if len(s.cfg.Hosts) == 0 {
		return !s.unnamedHosts || unnamedHost(h) || s.originHost(h)
	}
	for _, ok := range s.cfg.Hosts {
		if strings.EqualFold(h, ok) {
			return true
		}
	}
	return false
}

// unnamedHost reports whether h is an IP address or localhost: a host a
// DNS rebinding page cannot have, for its Host is the attacker's name.
func unnamedHost(h string) bool {
	_, err := netip.ParseAddr(h)
	return err == nil || strings.EqualFold(h, "localhost")
}

// originHost reports whether h is the host of the passkey origin, the
// public name the operator gave the server.
func (s *Server) originHost(h string) bool {
	u, err := url.Parse(s.auth.origin)
	return s.auth.origin != "" && err == nil && strings.EqualFold(u.Hostname(), h)
}

func hostOnly(hostport string) string {
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		return h
	}
	return strings.Trim(hostport, "[]")
}

func sameOrigin(origin, host string) bool {
	u, err := url.Parse(origin)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && strings.EqualFold(u.Host, host)
}

// peerIP is the address of r's direct peer: the client, or a proxy.
func peerIP(r *http.Request) string {
	if h, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		return h
	}
	return r.RemoteAddr
}

// unknownClient is the client of a request a trusted proxy forwarded
// with a header that does not parse, or that names the client "unknown"
// or by an obfuscated identifier (Forwarded: for=_hidden): no address,
// so never loopback, and one shared bucket (a proxy that appends the
// address it saw never sends one).
const unknownClient = "unknown"

// client is who sent a request, as the guard's checks, the loopback
// check of /metrics and the request log see it.
type client struct {
	addr string // its address (clientIP), or unknownClient
	key  string // its bucket in the rate limits (rateKey)

	// session is who is signed in on the request, looked up in the
	// sign-in store once however often the request asks (a pact's page
	// asks to decide what its reader may read, and again to render).
	sessionOnce sync.Once
	session     *sessionView
}

// clientKey is the request context's key of its client (identify).
type clientKey struct{}

// clientContext is a request's context with its client under clientKey:
// one allocation, where context.WithValue and the client took two.
type clientContext struct {
	context.Context
	client client
}

// Value returns the client for clientKey, and asks the parent otherwise.
func (c *clientContext) Value(key any) any {
	if key == (clientKey{}) {
		return &c.client
	}
	return c.Context.Value(key)
}

// identify finds r's client once, before anything asks (clientOf), and
// keeps it in r's context: the headers are read once, and the limits,
// /metrics and the log cannot see different clients.
func (s *Server) identify(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		addr := s.clientIP(r)
		ctx := &clientContext{Context: r.Context(), client: client{addr: addr, key: rateKey(addr)}}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// clientOf returns r's client as identify found it. A request that did
// not pass identify (a handler called directly) has it found now.
func (s *Server) clientOf(r *http.Request) *client {
	if c, ok := r.Context().Value(clientKey{}).(*client); ok {
		return c
	}
	addr := s.clientIP(r)
	return &client{addr: addr, key: rateKey(addr)}
}

// clientIP is the address of r's client, an IPv4-mapped one as its IPv4
// address and without a zone. It is the direct peer unless that is a
// trusted proxy (Config.TrustedProxies); then it is the right-most
// address of the Config.ProxyHeader (all its lines, in order) that is
// not itself trusted. Each proxy appends the address it received the
// request from, so the entries right of that one were written by
// trusted proxies, and the ones left of it by the client, who may write
// anything there. When every entry is trusted the left-most is the
// client (a request from inside the proxies' own networks). An entry
// that names no address before an untrusted one is found (one that does
// not parse, or Forwarded's for=unknown or for=_hidden), or a Forwarded
// header that does not parse as a whole, makes the client unknownClient.
func (s *Server) clientIP(r *http.Request) string {
	peer := peerIP(r)
	a, err := netip.ParseAddr(peer)
	if err != nil {
		return peer
	}
	if n := a.WithZone("").Unmap(); n != a {
		a, peer = n, n.String()
	}
	if !s.trustedProxy(a) {
		return peer
	}
	var (
		hops []string
		addr func(string) (netip.Addr, bool)
	)
	switch s.cfg.ProxyHeader {
	case Forwarded:
		lines := r.Header.Values("Forwarded")
		if len(lines) == 0 {
			return peer // the proxy's own request
		}
		var ok bool
		if hops, ok = forwardedFors(lines); !ok {
			return unknownClient
		}
		addr = forwardedNode
	default:
		lines := r.Header.Values("X-Forwarded-For")
		if len(lines) == 0 {
			return peer // the proxy's own request
		}
		hops, addr = strings.Split(strings.Join(lines, ","), ","), forwardedAddr
	}
	return s.rightmostUntrusted(hops, addr)
}

// rightmostUntrusted walks hops from the right, each read by addr, to
// the first that is not a trusted proxy (or the left-most), and returns
// it, or unknownClient at a hop addr cannot read.
func (s *Server) rightmostUntrusted(hops []string, addr func(string) (netip.Addr, bool)) string {
	if len(hops) == 0 {
		return unknownClient // a Forwarded of empty elements only
	}
	var client netip.Addr
	for i := len(hops) - 1; i >= 0; i-- {
		hop, ok := addr(hops[i])
		if !ok {
			return unknownClient
		}
		client = hop
		if !s.trustedProxy(hop) {
			break
		}
	}
	return client.String()
}

// forwardedAddr reads one entry of X-Forwarded-For: an IP address,
// which some proxies write with a port (192.0.2.1:4000, [2001:db8::1]:4000).
func forwardedAddr(hop string) (netip.Addr, bool) {
	hop = strings.TrimSpace(hop)
	a, err := netip.ParseAddr(hop)
	if err != nil {
		ap, perr := netip.ParseAddrPort(hop)
		if perr != nil {
			return netip.Addr{}, false
		}
		a = ap.Addr()
	}
	return a.WithZone("").Unmap(), true
}

// trustedProxy reports whether a is inside Config.TrustedProxies.
func (s *Server) trustedProxy(a netip.Addr) bool {
	a = a.WithZone("").Unmap()
	for _, p := range s.cfg.TrustedProxies {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// rateKey is the bucket of the client at addr (clientIP) in the
// limiters: its IPv4 address, or the /64 network of its IPv6 address
// (which draws from its /48's too, wideKey). One host commonly holds a
// whole /64, and a bucket per address let it write at the rate of as
// many clients as it cared to use addresses.
func rateKey(addr string) string {
	a, err := netip.ParseAddr(addr)
	if err != nil || a.Is4() {
		return addr
	}
	p, err := a.Prefix(64)
	if err != nil {
		return addr
	}
	return p.String()
}

// wideFactor is how many /64s' budgets an IPv6 /48 has in all: a site
// commonly holds a /48, 65,536 /64s, and would otherwise have as many
// budgets (a /64 each, rateKey).
const wideFactor = 16

// wideKey is the /48 of an IPv6 /64 rateKey, the second bucket its
// clients draw from; "" for an IPv4 address (or an unknown client).
func wideKey(key string) string {
	p, err := netip.ParsePrefix(key)
	if err != nil || !p.Addr().Is6() {
		return ""
	}
	w, err := p.Addr().Prefix(48)
	if err != nil {
		return ""
	}
	return w.String()
}

// rateLimit is a budget of one kind (writes, expensive reads) for every
// client network: a bucket per rateKey, and one per IPv6 /48, wideFactor
// times larger in rate and burst, that each /64 in it draws from too.
type rateLimit struct {
	net, wide *limiter
}

func newRateLimit(rate float64, burst int) *rateLimit {
	return &rateLimit{net: newLimiter(rate, burst), wide: newLimiter(rate*wideFactor, burst*wideFactor)}
}

// take spends a token of key's bucket and, unless wide is "", of wide's,
// or of neither: it returns the key whose bucket refused and how long
// until it has a token, or 0.
func (l *rateLimit) take(key, wide string, now time.Time) (string, time.Duration) {
	if wait := l.net.take(key, now); wait > 0 {
		return key, wait
	}
	if wide == "" {
		return "", 0
	}
	if wait := l.wide.take(wide, now); wait > 0 {
		l.net.refund(key)
		return wide, wait
	}
	return "", 0
}

// statusRecorder remembers the status and size of an answer for the log.
type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int
	wrote  bool
}

func (w *statusRecorder) WriteHeader(code int) {
	if !w.wrote {
		w.status, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusRecorder) Write(b []byte) (int, error) {
	w.wrote = true
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

// Unwrap lets http.ResponseController reach the connection.
func (w *statusRecorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// maxBuckets bounds the clients a limiter keeps a bucket for.
const maxBuckets = 100000

// limiter is a token bucket per client address, at most max of them.
type limiter struct {
	mu      sync.Mutex
	rate    float64
	burst   float64
	max     int
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newLimiter(rate float64, burst int) *limiter {
	return &limiter{rate: rate, burst: float64(burst), max: maxBuckets, buckets: map[string]*bucket{}}
}

// take spends a token of key's bucket at now, or returns how long until
// one is there.
func (l *limiter) take(key string, now time.Time) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.buckets[key]
	if b == nil {
		if len(l.buckets) >= l.max {
			l.evict(now)
		}
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[key] = b
	}
	b.tokens = l.tokens(b, now)
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		return 0
	}
	return time.Duration((1 - b.tokens) / l.rate * float64(time.Second))
}

// refund gives back the token take just spent of key's bucket.
func (l *limiter) refund(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if b := l.buckets[key]; b != nil {
		b.tokens = math.Min(l.burst, b.tokens+1)
	}
}

// tokens is what b holds at now.
func (l *limiter) tokens(b *bucket, now time.Time) float64 {
	return math.Min(l.burst, b.tokens+now.Sub(b.last).Seconds()*l.rate)
}

// evictLevels is how finely evict sorts buckets by how full they are,
// and those equally full by when they were last used.
const evictLevels = 64

// evict drops a quarter of the buckets, the fullest at now first, and of
// equally full ones the least recently used. A dropped bucket comes back
// full, so dropping a full one (a client idle long enough to refill)
// loses nothing, and the clients that spent the most keep their debt: a
// flood of new addresses, each a token short of full, is dropped before
// the client that emptied its bucket, which emptying everyone's buckets
// (as this once did) refilled; and when every bucket is as empty (a
// burst of one), the client still asking is the last to go. Buckets are
// counted in levels of fullness, then of age, never sorted, so that a
// sweep costs O(n) and frees n/4: O(1) amortised per new client.
func (l *limiter) evict(now time.Time) {
	full := func(b *bucket) int { return l.level(b, now) }
	cut, atCut := cutLevel(l.buckets, max(1, len(l.buckets)/4), full)
	// Of the buckets at level cut, the atCut least recently used go.
	var oldest, newest time.Time
	for _, b := range l.buckets {
		if full(b) == cut {
			if oldest.IsZero() || b.last.Before(oldest) {
				oldest = b.last
			}
			if b.last.After(newest) {
				newest = b.last
			}
		}
	}
	span := float64(newest.Sub(oldest)) + 1
	age := func(b *bucket) int { // 0 the newest, up to evictLevels-1; -1 off level cut
		if full(b) != cut {
			return -1
		}
		return int(float64(newest.Sub(b.last)) / span * evictLevels)
	}
	ageCut, atAgeCut := cutLevel(l.buckets, atCut, age)
	for k, b := range l.buckets {
		switch lv := full(b); {
		case lv > cut:
			delete(l.buckets, k)
		case lv == cut:
			if a := age(b); a > ageCut || a == ageCut && atAgeCut > 0 {
				if a == ageCut {
					atAgeCut--
				}
				delete(l.buckets, k)
			}
		}
	}
}

// cutLevel counts the buckets by level (0 to evictLevels; a negative
// level is not counted) and returns the level cut such that fewer than n
// are above it and at least n at or above it, and how many of those at
// cut make n with those above.
func cutLevel(buckets map[string]*bucket, n int, level func(*bucket) int) (cut, atCut int) {
	var count [evictLevels + 1]int
	for _, b := range buckets {
		if lv := level(b); lv >= 0 {
			count[lv]++
		}
	}
	above := 0
	for cut = evictLevels; cut > 0 && above+count[cut] < n; cut-- {
		above += count[cut]
	}
	return cut, n - above
}

// level is how full b is at now, from 0 (empty) to evictLevels (full).
func (l *limiter) level(b *bucket, now time.Time) int {
	f := l.tokens(b, now) / l.burst * evictLevels
	switch {
	case !(f > 0): // also NaN, from a limiter that limits nothing
		return 0
	case f >= evictLevels: // also +Inf
		return evictLevels
	}
	return int(f)
}

// limitListener accepts at most n connections at once.
type limitListener struct {
	net.Listener
	sem chan struct{}
}

func (l *limitListener) Accept() (net.Conn, error) {
	l.sem <- struct{}{}
	c, err := l.Listener.Accept()
	if err != nil {
		<-l.sem
		return nil, err
	}
	return &limitConn{Conn: c, release: func() { <-l.sem }}, nil
}

type limitConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *limitConn) Close() error {
	c.once.Do(c.release)
	return c.Conn.Close()
}

// notFound answers a request no route matched: 405 with Allow when the
// path exists under other methods, else 404.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	var allow []string
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := s.mux.Handler(probe); pattern != "" {
			allow = append(allow, m)
		}
	}
	if len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		s.writeError(w, r, entente.Errorf(entente.EMETHOD, "%s is not allowed on %s; allowed: %s", r.Method, r.URL.Path, strings.Join(allow, ", ")))
		return
	}
	s.writeError(w, r, entente.Errorf(entente.ENOTFOUND, "no route %s %s; see /openapi.json", r.Method, r.URL.Path))
}

func retryAfterSeconds(d time.Duration) string {
	return strconv.Itoa(int(math.Ceil(d.Seconds())))
}
