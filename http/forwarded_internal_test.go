package http

import (
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
)

// proxied is a server trusting proxies on loopback and in 10.0.0.0/8
// that reads h.
func proxied(h ProxyHeader) *Server {
	cfg := Config{ProxyHeader: h, TrustedProxies: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("10.0.0.0/8")}}
	return &Server{cfg: cfg.withDefaults()}
}

// clientFrom is the client s finds in a request from peer whose header
// name has the lines of value separated by "|" (none when value is "").
func clientFrom(s *Server, peer, name, value string) string {
	req := httptest.NewRequest("GET", "/", nil)
	req.RemoteAddr = peer
	if value != "" {
		for _, line := range strings.Split(value, "|") {
			req.Header.Add(name, line)
		}
	}
	return s.clientIP(req)
}

// TestForwardedClient: through a trusted proxy that writes Forwarded
// (RFC 7239), the client is the right-most for= that is not a trusted
// proxy. The RFC's own examples come first (§4, §6, §7.4), then ways
// of writing it, then hostile and malformed headers: each names no
// client ("unknown", one shared budget), never loopback, never the
// proxy, and never an address a client wrote left of the proxy's.
func TestForwardedClient(t *testing.T) {
	s := proxied(Forwarded)
	for _, tc := range []struct{ forwarded, want string }{
		// RFC 7239's examples
		{`for="_gazonk"`, "unknown"},
		{`For="[2001:db8:cafe::17]:4711"`, "2001:db8:cafe::17"},
		{`for=192.0.2.60;proto=http;by=203.0.113.43`, "192.0.2.60"},
		{`for=192.0.2.43, for=198.51.100.17`, "198.51.100.17"},
		{`for=192.0.2.43, for="[2001:db8:cafe::17]", for=unknown`, "unknown"},
		{`for=192.0.2.43, for="[2001:db8:cafe::17]"`, "2001:db8:cafe::17"},
		{`for=unknown`, "unknown"},
		{`for="_hidden", for="_SEVKISEK"`, "unknown"},
		// ways of writing it
		{`for="192.0.2.43:47011"`, "192.0.2.43"},
		{`for="[2001:db8:cafe::17]:_port-1"`, "2001:db8:cafe::17"},
		{`for="192.0.2.43:_p"`, "192.0.2.43"},
		{`FOR=192.0.2.1`, "192.0.2.1"},
		{`for=UNKNOWN`, "unknown"},
		{`proto=https;for=192.0.2.1;host=example.org`, "192.0.2.1"},
		{`for=192.0.2.1 ; proto=https`, "192.0.2.1"},
		{`for="192.0.2.\61"`, "192.0.2.61"},
		{`for=198.51.100.1;note="a, b; c", for=10.0.0.9`, "198.51.100.1"},
		{`for=192.0.2.1|for=198.51.100.2`, "198.51.100.2"},
		{`for=203.0.113.9, for=198.51.100.1|for=10.0.0.9`, "198.51.100.1"},
		{`for="[::ffff:192.0.2.1]"`, "192.0.2.1"},
		{`for=10.0.0.5, for=10.0.0.6`, "10.0.0.5"},
		{`, for=192.0.2.1`, "192.0.2.1"},
		{`for=192.0.2.1,,  ,`, "192.0.2.1"},
		{`for=192.0.2.1;;proto=http`, "192.0.2.1"},
		{`for=192.0.2.1, proto=https`, "unknown"},
		{`for=192.0.2.1, for=_hidden, for=10.0.0.9`, "unknown"},
		{`for=192.0.2.1, for=garbage`, "unknown"},
		{`for=garbage, for=192.0.2.1`, "192.0.2.1"},
		// hostile or malformed: the whole header is unknown
		{`for=127.0.0.1, for="192.0.2.1`, "unknown"},
		{`for="127.0.0.1, for=192.0.2.1"`, "unknown"},
		{`for="127.0.0.1|for=192.0.2.1"`, "unknown"},
		{`for=192.0.2.1;for=127.0.0.1`, "unknown"},
		{`for=[2001:db8::1]`, "unknown"},
		{`for="2001:db8::1"`, "unknown"},
		{`for="[192.0.2.1]"`, "unknown"},
		{`for="[fe80::1%eth0]"`, "unknown"},
		{`for="[2001:db8::1]4711"`, "unknown"},
		{`for="[2001:db8::1"`, "unknown"},
		{`for="192.0.2.1:123456"`, "unknown"},
		{`for="192.0.2.1:"`, "unknown"},
		{`for="192.0.2.1:_"`, "unknown"},
		{`for="192.0.2.1:80:80"`, "unknown"},
		{`for=192.0.2.010`, "unknown"},
		{`for=""`, "unknown"},
		{`for=`, "unknown"},
		{`for`, "unknown"},
		{`=192.0.2.1`, "unknown"},
		{`for = 192.0.2.1`, "unknown"},
		{`for=192.0.2.1 for=198.51.100.1`, "unknown"},
		{`for="192.0.2.1"x`, "unknown"},
		{`for="192.0.2.1\`, "unknown"},
		{"for=\"192.0.2.1\x01\"", "unknown"},
		{`for=192.0.2.1|for="`, "unknown"},
		{`proto=https`, "unknown"},
		{`,`, "unknown"},
	} {
		if got := clientFrom(s, "10.0.0.1:4000", "Forwarded", tc.forwarded); got != tc.want {
			t.Errorf("Forwarded: %s: client %s, want %s", tc.forwarded, got, tc.want)
		}
	}
}

// TestProxyHeaderReadAlone: only the header the server is told its
// proxies write is read. A proxy passes the other on as the client sent
// it, so the client could name itself (loopback, or another's address)
// there; and from a peer that is no trusted proxy neither is read.
func TestProxyHeaderReadAlone(t *testing.T) {
	for _, tc := range []struct {
		h                 ProxyHeader
		peer, name, value string
		want              string
	}{
		{XForwardedFor, "10.0.0.1:4000", "Forwarded", "for=127.0.0.1", "10.0.0.1"},
		{XForwardedFor, "10.0.0.1:4000", "X-Forwarded-For", "192.0.2.1", "192.0.2.1"},
		{Forwarded, "10.0.0.1:4000", "X-Forwarded-For", "127.0.0.1", "10.0.0.1"},
		{Forwarded, "10.0.0.1:4000", "Forwarded", "for=192.0.2.1", "192.0.2.1"},
		{Forwarded, "192.0.2.9:4000", "Forwarded", "for=127.0.0.1", "192.0.2.9"},
		{Forwarded, "10.0.0.1:4000", "Forwarded", "", "10.0.0.1"},
	} {
		if got := clientFrom(proxied(tc.h), tc.peer, tc.name, tc.value); got != tc.want {
			t.Errorf("reading %s, %s: %q from %s: client %s, want %s", tc.h, tc.name, tc.value, tc.peer, got, tc.want)
		}
	}
}

// TestParseProxyHeader: the names --proxy-header takes, in any case.
func TestParseProxyHeader(t *testing.T) {
	for _, tc := range []struct {
		name string
		want ProxyHeader
		ok   bool
	}{{"x-forwarded-for", XForwardedFor, true}, {"Forwarded", Forwarded, true}, {"", 0, false}, {"x-real-ip", 0, false}} {
		got, err := ParseProxyHeader(tc.name)
		if got != tc.want || (err == nil) != tc.ok {
			t.Errorf("ParseProxyHeader(%q) = %v, %v; want %v (ok %v)", tc.name, got, err, tc.want, tc.ok)
		}
		if tc.ok && got.String() != strings.ToLower(tc.name) {
			t.Errorf("%v.String() = %q, want %q", got, got.String(), strings.ToLower(tc.name))
		}
	}
}

// FuzzForwarded: whatever a client writes in Forwarded, the parser does
// not panic, every address it finds is one (no zone, not IPv4-mapped),
// and when a trusted proxy appends its element for the client, the
// header either does not parse (an unknown client) or its right-most
// element is the proxy's: nothing the client writes before it can
// reach into it.
func FuzzForwarded(f *testing.F) {
	for _, seed := range []string{
		``, `for=192.0.2.43`, `for="_gazonk"`, `For="[2001:db8:cafe::17]:4711"`,
		`for=192.0.2.60;proto=http;by=203.0.113.43`, `for=192.0.2.43, for=198.51.100.17`,
		`for=unknown`, `for="127.0.0.1, for=192.0.2.1`, `for="a\"b"`, `x="`, `x="\`, `,;,`,
	} {
		f.Add(seed, byte(0))
	}
	appended := []struct{ element, client string }{
		{`for=198.51.100.1`, "198.51.100.1"},
		{`for="[2001:db8::1]:4711";proto=https`, "2001:db8::1"},
		{`for="198.51.100.1:80"`, "198.51.100.1"},
		{`proto=http;for=198.51.100.1`, "198.51.100.1"},
	}
	f.Fuzz(func(t *testing.T, header string, pick byte) {
		fors, ok := forwardedFors([]string{header})
		if ok {
			for _, v := range fors {
				if a, ok := forwardedNode(v); ok && (!a.IsValid() || a.Zone() != "" || a.Is4In6()) {
					t.Fatalf("%q: for=%q read as %v", header, v, a)
				}
			}
		}
		p := appended[int(pick)%len(appended)]
		fors, ok = forwardedFors([]string{header + ", " + p.element})
		if !ok {
			return
		}
		last := fors[len(fors)-1]
		if a, ok := forwardedNode(last); !ok || a.String() != p.client {
			t.Fatalf("%q followed by a proxy's %q: the right-most for= is %q", header, p.element, last)
		}
	})
}
