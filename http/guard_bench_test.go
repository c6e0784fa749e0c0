package http

import (
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
)

// BenchmarkGuardForwarded measures the guard's cost on a request through
// a trusted proxy whose X-Forwarded-For names the client, and on one
// from a client straight (no proxy trusted), for the two paths that ask
// who the client is besides the request log: a write (the write
// limiter; 400, the body is no request) and GET /metrics (the loopback
// check; 403). Compare it across commits: the client is found once a
// request now, where the limiter or /metrics and the log each found it.
func BenchmarkGuardForwarded(b *testing.B) {
	limits := Config{WriteRate: 1e9, WriteBurst: 1 << 30}
	proxied := limits
	proxied.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	for _, bc := range []struct {
		name, method, path string
		cfg                Config
	}{
		{"write", "POST", "/api/requests", proxied},
		{"metrics", "GET", "/metrics", proxied},
		{"write-direct", "POST", "/api/requests", limits},
		{"metrics-direct", "GET", "/metrics", limits},
	} {
		s := New(nil, bc.cfg)
		b.Run(bc.name, func(b *testing.B) {
			req := httptest.NewRequest(bc.method, bc.path, nil)
			req.RemoteAddr = "10.0.0.1:4000"
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("X-Forwarded-For", "203.0.113.9, 198.51.100.1, 10.0.0.9")
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, req)
			b.Logf("%s %s: %d %s", bc.method, bc.path, rec.Code, strings.TrimSpace(rec.Body.String())[:min(80, rec.Body.Len())])
			b.ReportAllocs()
			for b.Loop() {
				req.Body = http.NoBody
				s.ServeHTTP(httptest.NewRecorder(), req)
			}
		})
	}
}
