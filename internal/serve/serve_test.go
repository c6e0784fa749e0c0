package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/entente/entente/internal/backend"
	"github.com/entente/entente/internal/cmdline"
)

func TestValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		set  func(*Options)
		want string // in the error; "" for none
	}{
		{"defaults", func(*Options) {}, ""},
		{"no tick", func(o *Options) { o.Tick = 0 }, "--tick: expected a positive duration, got 0s"},
		{"negative poll", func(o *Options) { o.Poll = -time.Second }, "--poll: expected a positive duration, got -1s"},
		{"demo read-only", func(o *Options) { o.Demo, o.ReadOnly = true, true }, "--demo writes the demo workspace: not with --read-only"},
		{"negative max-states", func(o *Options) { o.MaxStates = -1 }, "--max-states"},
		{"trusted proxies", func(o *Options) { o.TrustedProxies = []string{"10.0.0.0/8, 127.0.0.1", "fd00::/8", "::1"} }, ""},
		{"a trusted proxy that is no network", func(o *Options) { o.TrustedProxies = []string{"10.0.0.0/8,proxy.example"} }, `--trusted-proxy: expected a network such as 10.0.0.0/8 or fd00::/8, or an address, got "proxy.example"`},
		{"an empty trusted proxy", func(o *Options) { o.TrustedProxies = []string{"10.0.0.0/8,"} }, `--trusted-proxy: expected a network`},
		{"a trusted proxy's bad prefix", func(o *Options) { o.TrustedProxies = []string{"10.0.0.0/33"} }, `got "10.0.0.0/33"`},
		{"an IPv4-mapped trusted proxy", func(o *Options) { o.TrustedProxies = []string{"::ffff:10.0.0.0/104,::ffff:127.0.0.1"} }, ""},
		{"the Forwarded header", func(o *Options) { o.ProxyHeader = "forwarded" }, ""},
		{"another proxy header", func(o *Options) { o.ProxyHeader = "x-real-ip" }, `expected x-forwarded-for or forwarded, got "x-real-ip"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := Defaults()
			tc.set(&o)
			err := o.Validate()
			if tc.want == "" {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			var (
				u  cmdline.UsageError
				fe *cmdline.FieldError
			)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !errors.As(err, &u) && !errors.As(err, &fe) {
				t.Errorf("Validate: %v, want bad usage saying %q", err, tc.want)
			}
		})
	}
}

// start starts a server on a free loopback port over the store at db,
// serving until the test ends, and returns it with what it told the
// operator.
func start(t *testing.T, db string, set func(*Options)) (*Server, *bytes.Buffer) {
	t.Helper()
	var stderr bytes.Buffer
	o := Defaults()
	o.DB, o.Stderr, o.Addr, o.Tick = db, &stderr, "127.0.0.1:0", time.Hour
	set(&o)
	ctx, cancel := context.WithCancel(context.Background())
	s, err := Start(ctx, o)
	if err != nil {
		cancel()
		t.Fatalf("Start: %v\n%s", err, &stderr)
	}
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-served; err != nil {
			t.Errorf("Serve: %v", err)
		}
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s, &stderr
}

// pacts lists the pacts the server at addr answers with.
func pacts(t *testing.T, addr string) []string {
	t.Helper()
	resp, err := http.Get("http://" + addr + "/api/pacts")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var list []struct{ ID string }
	if err := json.Unmarshal(body, &list); resp.StatusCode != http.StatusOK || err != nil {
		t.Fatalf("GET /api/pacts: %s, %v: %s", resp.Status, err, body)
	}
	var ids []string
	for _, p := range list {
		ids = append(ids, p.ID)
	}
	return ids
}

// TestStartDemo: with --demo a new store is seeded, its delegates' keys
// written beside it, and the server answers with the demo's pacts; a
// store that holds logs is not seeded again, and a store with delegates
// invites no first registrar.
func TestStartDemo(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	s, stderr := start(t, db, func(o *Options) { o.Demo = true })
	if !strings.Contains(stderr.String(), "seeded the demo workspace") || strings.Contains(stderr.String(), "Invitation") {
		t.Errorf("told the operator:\n%s", stderr)
	}
	if dir, err := DelegatesDir(db); err != nil {
		t.Error(err)
	} else if _, err := os.Stat(filepath.Join(dir, "helios.key")); err != nil {
		t.Errorf("the demo's keys: %v", err)
	}
	ids := pacts(t, s.Addr())
	if len(ids) == 0 || len(ids) != len(s.Ledger.Pacts()) {
		t.Errorf("the server lists %d pacts, the ledger holds %d", len(ids), len(s.Ledger.Pacts()))
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	again, stderr := start(t, db, func(o *Options) { o.Demo = true })
	if !strings.Contains(stderr.String(), "not seeding the demo") {
		t.Errorf("restarted on the seeded store, told the operator:\n%s", stderr)
	}
	if got := pacts(t, again.Addr()); strings.Join(got, ",") != strings.Join(ids, ",") {
		t.Errorf("after a restart the server lists %v, before %v", got, ids)
	}
}

// TestStartInvitesFirstRegistrar: a new empty store prints the first
// registrar's invitation, once; a read-only server on it prints none.
func TestStartInvitesFirstRegistrar(t *testing.T) {
	db := filepath.Join(t.TempDir(), "e.db")
	s, stderr := start(t, db, func(*Options) {})
	if !strings.Contains(stderr.String(), "Invitation") || !strings.Contains(stderr.String(), "entente actor register --key you.key --invitation ") {
		t.Errorf("a new store told the operator:\n%s", stderr)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	_, stderr = start(t, db, func(*Options) {})
	if strings.Contains(stderr.String(), "Invitation") {
		t.Errorf("a store with an open invitation invited again:\n%s", stderr)
	}
	_, stderr = start(t, db, func(o *Options) { o.ReadOnly = true })
	if strings.Contains(stderr.String(), "Invitation") {
		t.Errorf("a read-only server invited:\n%s", stderr)
	}
}

// TestStartFails: a --data folder without the world's files, and an
// address that cannot be listened on, fail Start naming the cause, and
// the store is closed again (a second Start on it succeeds).
func TestStartFails(t *testing.T) {
	db := filepath.Join(t.TempDir(), "e.db")
	for _, tc := range []struct {
		name string
		set  func(*Options)
		want string
	}{
		{"data", func(o *Options) { o.Data = t.TempDir() }, "--data "},
		{"addr", func(o *Options) { o.Addr = "256.0.0.1:0" }, "listen on 256.0.0.1:0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := Defaults()
			o.DB, o.Stderr, o.Addr = db, io.Discard, "127.0.0.1:0"
			tc.set(&o)
			if s, err := Start(context.Background(), o); err == nil || s != nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Start: %v, want an error saying %q", err, tc.want)
			}
		})
	}
	start(t, db, func(*Options) {})
}

// TestStartPassesTheMetricsToken: with a metrics token, /metrics asks
// even a loopback client for it.
func TestStartPassesTheMetricsToken(t *testing.T) {
	s, _ := start(t, filepath.Join(t.TempDir(), "e.db"), func(o *Options) { o.MetricsToken = "tok-123" })
	for _, tc := range []struct {
		auth   string
		status int
	}{{"", http.StatusForbidden}, {"Bearer nope", http.StatusForbidden}, {"Bearer tok-123", http.StatusOK}} {
		req, _ := http.NewRequest("GET", "http://"+s.Addr()+"/metrics", nil)
		if tc.auth != "" {
			req.Header.Set("Authorization", tc.auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.status {
			t.Errorf("GET /metrics with Authorization %q: %s, want %d", tc.auth, resp.Status, tc.status)
		}
	}
}

// TestStartPassesTheTrustedProxies: with --trusted-proxy naming
// loopback, a request a proxy on loopback forwards for a remote client
// is that client's, which /metrics refuses; the proxy's own request, and
// the same forwarded one to a server trusting no proxy, are loopback's.
// With --proxy-header forwarded the client is read from Forwarded, and
// X-Forwarded-For is the client's own say, ignored (and the other way
// round by default).
func TestStartPassesTheTrustedProxies(t *testing.T) {
	proxied, _ := start(t, filepath.Join(t.TempDir(), "e.db"), func(o *Options) { o.TrustedProxies = []string{"127.0.0.0/8,::1"} })
	rfc7239, _ := start(t, filepath.Join(t.TempDir(), "g.db"), func(o *Options) {
		o.TrustedProxies, o.ProxyHeader = []string{"::ffff:127.0.0.0/104,::1"}, "forwarded"
	})
	direct, _ := start(t, filepath.Join(t.TempDir(), "f.db"), func(*Options) {})
	for _, tc := range []struct {
		name          string
		s             *Server
		header, value string
		status        int
	}{
		{"trusting loopback", proxied, "X-Forwarded-For", "192.0.2.1", http.StatusForbidden},
		{"trusting loopback", proxied, "", "", http.StatusOK},
		{"trusting loopback", proxied, "Forwarded", "for=192.0.2.1", http.StatusOK},
		{"trusting loopback's Forwarded", rfc7239, "Forwarded", "for=192.0.2.1", http.StatusForbidden},
		{"trusting loopback's Forwarded", rfc7239, "X-Forwarded-For", "192.0.2.1", http.StatusOK},
		{"trusting none", direct, "X-Forwarded-For", "192.0.2.1", http.StatusOK},
	} {
		req, _ := http.NewRequest("GET", "http://"+tc.s.Addr()+"/metrics", nil)
		if tc.header != "" {
			req.Header.Set(tc.header, tc.value)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.status {
			t.Errorf("GET /metrics from loopback, %s: %q, %s: %s, want %d", tc.header, tc.value, tc.name, resp.Status, tc.status)
		}
	}
}

// TestStartWithoutHostOnAWideAddress: a server reachable from other
// machines and given no --host tells the operator it answers to IP
// addresses only, and how to name it.
func TestStartWithoutHostOnAWideAddress(t *testing.T) {
	_, stderr := start(t, filepath.Join(t.TempDir(), "e.db"), func(o *Options) { o.Addr = ":0" })
	if !strings.Contains(stderr.String(), "no --host names the server") {
		t.Errorf("told the operator:\n%s", stderr)
	}
	_, stderr = start(t, filepath.Join(t.TempDir(), "e.db"), func(o *Options) { o.Addr = ":0"; o.Hosts = []string{"pacts.example"} })
	if strings.Contains(stderr.String(), "--host") {
		t.Errorf("given --host, told the operator:\n%s", stderr)
	}
}

// TestDelegatesDir: the demo's keys go beside a SQLite file, and for a
// PostgreSQL URL beside the server's key file: never into folders named
// after the URL, its password among them.
func TestDelegatesDir(t *testing.T) {
	keyDir := t.TempDir()
	t.Setenv(backend.KeyEnv, filepath.Join(keyDir, "server.key"))
	for _, tc := range []struct{ db, want string }{
		{"entente.db", "entente.db.delegates"},
		{"/srv/e/entente.db", "/srv/e/entente.db.delegates"},
		{"postgres://entente:s3cret@db.example.org/entente", filepath.Join(keyDir, "server.delegates")},
		{"postgresql://db.example.org/entente?sslmode=require", filepath.Join(keyDir, "server.delegates")},
	} {
		got, err := DelegatesDir(tc.db)
		if err != nil || got != tc.want {
			t.Errorf("DelegatesDir(%q) = %q, %v; want %q", tc.db, got, err, tc.want)
		}
	}
	t.Setenv(backend.KeyEnv, "")
	if got, err := DelegatesDir("postgres://db.example.org/entente"); err == nil || !strings.Contains(err.Error(), backend.KeyEnv) {
		t.Errorf("without %s: %q, %v; want an error naming it", backend.KeyEnv, got, err)
	}
}
