package http_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"

	enthttp "github.com/entente/entente/http"
)

// trusted are the proxies of the tests below: one on loopback, as a
// reverse proxy on the server's machine, and a private network of them.
var trusted = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("10.0.0.0/8")}

// forwarded sends r to h from peer, with X-Forwarded-For xff (none when
// empty; "-" sends one empty line; "|" separates lines).
func forwarded(h *enthttp.Server, method, path, peer, xff string) *httptest.ResponseRecorder {
	return forwardedIn(h, method, path, peer, "X-Forwarded-For", xff)
}

// forwardedIn sends r to h from peer, with the header name valued as
// forwarded says.
func forwardedIn(h *enthttp.Server, method, path, peer, name, value string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, strings.NewReader(`{}`))
	req.Header.Set("Content-Type", "application/json")
	req.RemoteAddr = peer
	switch value {
	case "":
	case "-":
		req.Header.Set(name, "")
	default:
		for _, line := range strings.Split(value, "|") {
			req.Header.Add(name, line)
		}
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// TestWriteLimitBehindTrustedProxies: behind a reverse proxy every
// client used to share the proxy's one write budget. With the proxy
// trusted, each forwarded client has its own (the right-most untrusted
// X-Forwarded-For entry); a client cannot pick its bucket by writing
// entries of its own, left of those the proxies append, nor by sending
// the header straight to the server; a value that does not parse falls
// into one bucket of unknown clients, neither the proxy's nor an
// address the header names. Each write spends its client's one token
// (400: the body is not a request) or is refused (429).
func TestWriteLimitBehindTrustedProxies(t *testing.T) {
	svc, _ := emptyService(t)
	h := enthttp.New(svc, enthttp.Config{WriteRate: 0.001, WriteBurst: 1, TrustedProxies: trusted})
	for _, tc := range []struct {
		name, peer, xff string
		status          int
	}{
		{"an untrusted peer", "192.0.2.1:4000", "198.51.100.7", 400},
		{"the same peer naming another client", "192.0.2.1:4001", "198.51.100.8", 429},
		{"the same peer naming a trusted proxy", "192.0.2.1:4001", "10.0.0.5", 429},
		{"a forwarded client", "10.0.0.1:4000", "198.51.100.1", 400},
		{"another client through the same proxy", "10.0.0.1:4000", "198.51.100.2", 400},
		{"the first client through another proxy", "10.0.0.2:4000", "198.51.100.1", 429},
		{"the first client with a spoofed left entry", "10.0.0.1:4000", "203.0.113.99, 198.51.100.1", 429},
		{"the spoofed entry's own client", "10.0.0.1:4000", "203.0.113.99", 400},
		{"a chain of two proxies", "10.0.0.1:4000", "203.0.113.5, 198.51.100.3, 10.0.0.9", 400},
		{"the same client, one header line per proxy", "127.0.0.1:4000", "203.0.113.6|198.51.100.3|10.0.0.9", 429},
		{"a client forwarded with its port", "10.0.0.1:4000", "[2001:db8:1:2::1]:5000", 400},
		{"the same IPv6 /64", "10.0.0.1:4000", " 2001:db8:1:2::2 ", 429},
		{"an IPv4-mapped client", "10.0.0.1:4000", "::ffff:198.51.100.2", 429},
		{"a value that does not parse", "10.0.0.1:4000", "not-an-address", 400},
		{"another, right of an address", "10.0.0.1:4000", "198.51.100.4, 198.51.100.5:x", 429},
		{"an empty entry", "10.0.0.1:4000", "198.51.100.4,", 429},
		{"an empty header", "10.0.0.1:4000", "-", 429},
		{"the address left of a bad entry", "10.0.0.1:4000", "198.51.100.4", 400},
		{"the proxy's own write", "10.0.0.1:4000", "", 400},
		{"a client inside the proxies' network", "10.0.0.1:4000", "10.1.2.3", 400},
	} {
		if rec := forwarded(h, "POST", "/api/requests", tc.peer, tc.xff); rec.Code != tc.status {
			t.Errorf("%s (peer %s, X-Forwarded-For %q): %d, want %d: %s", tc.name, tc.peer, tc.xff, rec.Code, tc.status, rec.Body)
		}
	}
}

// TestExpensiveReadsBehindTrustedProxies: the read limiter sees the same
// forwarded clients as the write limiter.
func TestExpensiveReadsBehindTrustedProxies(t *testing.T) {
	ts := newTestServer(t)
	h := enthttp.New(ts.svc, enthttp.Config{ReadRate: 0.001, ReadBurst: 1, TrustedProxies: trusted})
	for _, tc := range []struct {
		peer, xff string
		status    int
	}{
		{"127.0.0.1:4000", "198.51.100.1", 200},
		{"127.0.0.1:4000", "198.51.100.2", 200},
		{"127.0.0.1:4000", "198.51.100.1", 429},
		{"192.0.2.1:4000", "198.51.100.3", 200},
		{"192.0.2.1:4000", "198.51.100.4", 429},
	} {
		if rec := forwarded(h, "GET", "/api/pacts/co/power", tc.peer, tc.xff); rec.Code != tc.status {
			t.Errorf("an expensive read from %s for %q: %d, want %d: %s", tc.peer, tc.xff, rec.Code, tc.status, rec.Body)
		}
	}
}

// TestMetricsLoopbackBehindTrustedProxies: a reverse proxy on loopback
// made every client loopback to /metrics. With it trusted, a forwarded
// client is what X-Forwarded-For says; a client cannot pass as loopback
// by naming it, through the proxy (left of its own address) or
// straight; without trusted proxies the header is ignored, as before.
func TestMetricsLoopbackBehindTrustedProxies(t *testing.T) {
	svc, _ := emptyService(t)
	proxied := enthttp.New(svc, enthttp.Config{TrustedProxies: trusted})
	open := enthttp.New(svc, enthttp.Config{})
	for _, tc := range []struct {
		name      string
		h         *enthttp.Server
		peer, xff string
		status    int
	}{
		{"a remote client through the proxy", proxied, "127.0.0.1:4000", "192.0.2.1", 403},
		{"a remote client claiming loopback through the proxy", proxied, "127.0.0.1:4000", "127.0.0.1, 192.0.2.1", 403},
		{"a remote peer claiming loopback", proxied, "192.0.2.1:4000", "127.0.0.1", 403},
		{"a remote peer claiming loopback, no proxy trusted", open, "192.0.2.1:4000", "127.0.0.1", 403},
		{"a value that does not parse", proxied, "127.0.0.1:4000", "bogus", 403},
		{"the proxy's own request", proxied, "127.0.0.1:4000", "", 200},
		{"a loopback client through the proxy", proxied, "127.0.0.1:4000", "::1", 200},
		{"loopback, no proxy trusted", open, "127.0.0.1:4000", "192.0.2.1", 200},
	} {
		if rec := forwarded(tc.h, "GET", "/metrics", tc.peer, tc.xff); rec.Code != tc.status {
			t.Errorf("%s (peer %s, X-Forwarded-For %q): %d, want %d", tc.name, tc.peer, tc.xff, rec.Code, tc.status)
		}
	}
}

// TestRequestLogNamesTheForwardedClient: the log's remote is the client,
// and the proxy that forwarded the request is its peer.
func TestRequestLogNamesTheForwardedClient(t *testing.T) {
	svc, _ := emptyService(t)
	var buf bytes.Buffer
	h := enthttp.New(svc, enthttp.Config{Logger: slog.New(slog.NewTextHandler(&buf, nil)), TrustedProxies: trusted})
	forwarded(h, "GET", "/api/pacts", "10.0.0.1:4000", "203.0.113.9, 198.51.100.1")
	forwarded(h, "GET", "/api/pacts", "192.0.2.1:4000", "198.51.100.2")
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "remote=198.51.100.1 peer=10.0.0.1") ||
		!strings.Contains(lines[1], "remote=192.0.2.1") || strings.Contains(lines[1], "peer=") {
		t.Errorf("the log does not name the client as remote and the proxy as peer:\n%s", buf.String())
	}
}

// TestIPv6SiteSharesAWiderBudget: each IPv6 /64 has its own budget, and
// a /48 (a site's usual allocation, 65,536 /64s) used to have as many.
// Now the /64s of a /48 draw from its budget too, 16 times one /64's: a
// /64's own refusal spends none of it, and past it the write or read is
// refused naming the /48, while other /48s and IPv4 clients go on.
func TestIPv6SiteSharesAWiderBudget(t *testing.T) {
	svc, _ := emptyService(t)
	ts := newTestServer(t)
	for _, kind := range []struct {
		name, method, path string
		h                  *enthttp.Server
		ok                 int
	}{
		{"write", "POST", "/api/requests", enthttp.New(svc, enthttp.Config{WriteRate: 0.001, WriteBurst: 1}), 400},
		{"expensive read", "GET", "/api/pacts/co/power", enthttp.New(ts.svc, enthttp.Config{ReadRate: 0.001, ReadBurst: 1}), 200},
	} {
		try := func(peer string, want int, says string) {
			t.Helper()
			rec := forwarded(kind.h, kind.method, kind.path, peer, "")
			if rec.Code != want || !strings.Contains(rec.Body.String(), says) {
				t.Errorf("a %s from %s: %d, want %d saying %q: %s", kind.name, peer, rec.Code, want, says, rec.Body)
			}
		}
		try("[2001:db8:1:0::1]:4000", kind.ok, "")
		try("[2001:db8:1:0::2]:4000", 429, "2001:db8:1::/64") // the /64's refusal, which spends none of the /48
		for i := 1; i < 16; i++ {
			try(fmt.Sprintf("[2001:db8:1:%x::1]:4000", i), kind.ok, "")
		}
		try("[2001:db8:1:10::1]:4000", 429, "2001:db8:1::/48")
		try("[2001:db8:1:ffff::1]:4000", 429, "2001:db8:1::/48")
		try("[2001:db8:2::1]:4000", kind.ok, "")
		try("192.0.2.1:4000", kind.ok, "")
	}
}

// TestWriteLimitBehindForwardedProxies: with the proxies said to write
// RFC 7239's Forwarded (Config.ProxyHeader), each client forwarded has
// its own write budget, as with X-Forwarded-For: the right-most for=
// not a trusted proxy's. X-Forwarded-For is then ignored, as the proxy
// passes it on as the client wrote it; a Forwarded that names no
// address (unknown, obfuscated) or does not parse is the unknown
// clients' one budget. Each write spends its client's one token (400:
// the body is not a request) or is refused (429).
func TestWriteLimitBehindForwardedProxies(t *testing.T) {
	svc, _ := emptyService(t)
	h := enthttp.New(svc, enthttp.Config{WriteRate: 0.001, WriteBurst: 1, TrustedProxies: trusted, ProxyHeader: enthttp.Forwarded})
	for _, tc := range []struct {
		name, peer, header, value string
		status                    int
	}{
		{"a forwarded client", "10.0.0.1:4000", "Forwarded", "for=198.51.100.1", 400},
		{"another", "10.0.0.1:4000", "Forwarded", `for="[2001:db8:cafe::17]:4711";proto=https`, 400},
		{"the first, through two proxies", "10.0.0.2:4000", "Forwarded", "for=203.0.113.5, for=198.51.100.1, for=10.0.0.9", 429},
		{"the second's /64", "10.0.0.1:4000", "Forwarded", `for="[2001:db8:cafe::18]"`, 429},
		{"a third, naming another in X-Forwarded-For", "10.0.0.1:4000", "X-Forwarded-For", "198.51.100.3", 400},
		{"the proxy's own write", "10.0.0.1:4000", "", "", 429},
		{"an obfuscated client", "10.0.0.1:4000", "Forwarded", "for=_hidden", 400},
		{"an unknown client", "10.0.0.1:4000", "Forwarded", "for=unknown", 429},
		{"a header that does not parse", "10.0.0.1:4000", "Forwarded", `for="198.51.100.4`, 429},
		{"the address it did not name", "10.0.0.1:4000", "Forwarded", "for=198.51.100.4", 400},
	} {
		if rec := forwardedIn(h, "POST", "/api/requests", tc.peer, tc.header, tc.value); rec.Code != tc.status {
			t.Errorf("%s (peer %s, %s: %s): %d, want %d: %s", tc.name, tc.peer, tc.header, tc.value, rec.Code, tc.status, rec.Body)
		}
	}
}

// TestIPv4MappedProxiesAndClients: a trusted network written
// IPv4-mapped (::ffff:10.0.0.0/104) did not hold its IPv4 peers and
// hops (10.0.0.1), nor an IPv4 network a mapped peer, and a client
// whose address came mapped was logged and limited apart from its IPv4
// address. Now both forms are the IPv4 one: the log names the same
// client whichever form the proxy, its network or the client come in.
// A network shorter than /96 (::/0) is IPv6's alone.
func TestIPv4MappedProxiesAndClients(t *testing.T) {
	svc, _ := emptyService(t)
	for _, tc := range []struct {
		name, proxies, peer, xff, want string
	}{
		{"a mapped network, an IPv4 peer", "::ffff:10.0.0.0/104", "10.0.0.1:4000", "198.51.100.1", "remote=198.51.100.1 peer=10.0.0.1"},
		{"an IPv4 network, a mapped peer", "10.0.0.0/8", "[::ffff:10.0.0.1]:4000", "198.51.100.1", "remote=198.51.100.1 peer=::ffff:10.0.0.1"},
		{"a mapped network, a mapped peer", "::ffff:10.0.0.0/104", "[::ffff:10.0.0.1]:4000", "198.51.100.1", "remote=198.51.100.1 peer=::ffff:10.0.0.1"},
		{"a mapped network, an IPv4 hop", "::ffff:10.0.0.0/104", "10.0.0.1:4000", "198.51.100.1, 10.0.0.9", "remote=198.51.100.1 peer=10.0.0.1"},
		{"an IPv4 network, a mapped hop", "10.0.0.0/8", "10.0.0.1:4000", "198.51.100.1, ::ffff:10.0.0.9", "remote=198.51.100.1 peer=10.0.0.1"},
		{"a mapped client", "10.0.0.0/8", "10.0.0.1:4000", "::ffff:198.51.100.1", "remote=198.51.100.1 peer=10.0.0.1"},
		{"a mapped address", "::ffff:10.0.0.1/128", "10.0.0.1:4000", "198.51.100.1", "remote=198.51.100.1 peer=10.0.0.1"},
		{"a mapped peer, no proxy", "", "[::ffff:192.0.2.1]:4000", "198.51.100.1", "remote=192.0.2.1 peer=::ffff:192.0.2.1"},
		{"all IPv6, an IPv4 peer", "::/0", "10.0.0.1:4000", "198.51.100.1", "remote=10.0.0.1\n"}, // and no peer
	} {
		var buf bytes.Buffer
		cfg := enthttp.Config{Logger: slog.New(slog.NewTextHandler(&buf, nil))}
		if tc.proxies != "" {
			cfg.TrustedProxies = []netip.Prefix{netip.MustParsePrefix(tc.proxies)}
		}
		forwarded(enthttp.New(svc, cfg), "GET", "/api/pacts", tc.peer, tc.xff)
		if !strings.Contains(buf.String(), tc.want) {
			t.Errorf("%s (trusting %q, peer %s, X-Forwarded-For %q): logged %q, want %q", tc.name, tc.proxies, tc.peer, tc.xff, buf.String(), tc.want)
		}
	}
}

// TestIPv4MappedPeerSharesItsBudget: a peer that arrives IPv4-mapped
// spends the budget of its IPv4 address, not one of its own.
func TestIPv4MappedPeerSharesItsBudget(t *testing.T) {
	svc, _ := emptyService(t)
	h := enthttp.New(svc, enthttp.Config{WriteRate: 0.001, WriteBurst: 1})
	for _, tc := range []struct {
		peer   string
		status int
	}{{"[::ffff:192.0.2.1]:4000", 400}, {"192.0.2.1:4001", 429}, {"192.0.2.2:4000", 400}, {"[::ffff:192.0.2.2]:4001", 429}} {
		if rec := forwarded(h, "POST", "/api/requests", tc.peer, ""); rec.Code != tc.status {
			t.Errorf("a write from %s: %d, want %d: %s", tc.peer, rec.Code, tc.status, rec.Body)
		}
	}
}

// TestLimitsAndLogSeeOneClient: the client is found once a request
// (identify), so the write limiter's refusal and the request log name
// the same client for a request through a trusted proxy: the /64 the
// limiter refuses is the log's remote's.
func TestLimitsAndLogSeeOneClient(t *testing.T) {
	svc, _ := emptyService(t)
	var buf bytes.Buffer
	h := enthttp.New(svc, enthttp.Config{Logger: slog.New(slog.NewTextHandler(&buf, nil)), WriteRate: 0.001, WriteBurst: 1,
		TrustedProxies: trusted, ProxyHeader: enthttp.Forwarded})
	const via = `for="[2001:db8:1:2::1]:4711", for=10.0.0.9`
	forwardedIn(h, "POST", "/api/requests", "10.0.0.1:4000", "Forwarded", via)
	rec := forwardedIn(h, "POST", "/api/requests", "10.0.0.1:4000", "Forwarded", via)
	if rec.Code != 429 || !strings.Contains(rec.Body.String(), "too many writes from 2001:db8:1:2::/64") {
		t.Fatalf("the second write: %d, want 429 from 2001:db8:1:2::/64: %s", rec.Code, rec.Body)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	for _, l := range lines {
		if !strings.Contains(l, "remote=2001:db8:1:2::1 peer=10.0.0.1") {
			t.Errorf("the log does not name the client the limiter saw: %s", l)
		}
	}
	if len(lines) != 2 {
		t.Errorf("logged %d lines, want 2:\n%s", len(lines), buf.String())
	}
}
