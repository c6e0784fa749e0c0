// Package serve builds the Entente server from its options: it opens the
// store and the ledger over it (backend), seeds the demo workspace,
// invites the first registrar, loads the world explorer's data, starts the
// background work (recording deadlines, following other servers on the
// store) and the HTTP server. It is wiring, as the entente command is: the
// adapters it joins (the stores and the HTTP server) never import each
// other.
package serve

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/netip"
	"path/filepath"
	"strings"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/demo"
	enthttp "github.com/entente/entente/http"
	"github.com/entente/entente/internal/backend"
	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/internal/sharedata"
	"github.com/entente/entente/ledger"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
)

// Options are how the server serves: the store, where it reports, and the
// flags of 'entente serve' (bound with cmdline.Bind).
type Options struct {
	// DB is the store, as backend.Open takes it; a new one is created.
	DB string
	// Stderr receives the server's log and what it tells the operator
	// (the first registrar's invitation, where the demo's keys are).
	Stderr io.Writer

	Addr       string               `flag:"addr" arg:"address" usage:"listen address (port 0 picks a free port)"`
	WriteRate  float64              `flag:"write-rate" usage:"writes per second allowed from one client address or IPv6 /64, an IPv6 /48 sharing 16 times that (negative: no limit)"`
	WriteBurst int                  `flag:"write-burst" usage:"writes one client address may make at once before --write-rate applies"`
	ReadRate   float64              `flag:"read-rate" usage:"expensive reads (analytics, what-if runs, founding previews) per second allowed from one client address or IPv6 /64, an IPv6 /48 sharing 16 times that (negative: no limit); other reads are not limited"`
	ReadBurst  int                  `flag:"read-burst" usage:"expensive reads one client address may make at once before --read-rate applies"`
	Origin     string               `flag:"origin" arg:"origin" usage:"the public origin people reach the server at (https://pacts.example.org), which passkeys are bound to; empty: localhost only"`
	Hosts      cmdline.List[string] `flag:"host" arg:"name" usage:"a host name the server answers to (repeatable; default: loopback names on a loopback address, otherwise IP addresses, localhost and the --origin's host)"`
	Demo       bool                 `flag:"demo" usage:"seed the demo workspace into an empty store"`
	Tick       time.Duration        `flag:"tick" usage:"how often to record what time has brought about (deadlines, notices)"`
	ReadOnly   bool                 `flag:"read-only" usage:"serve reads only, as on a read replica of a PostgreSQL database: writes are refused (403 naming the mode), no deadlines are recorded, no webhooks delivered, and appends made on the primary are found by checking the store every --poll"`
	Poll       time.Duration        `flag:"poll" usage:"with --read-only, how often to check the store for appends (a replica passes no notifications)"`
	MaxStates  int                  `flag:"max-states" arg:"n" min:"0" usage:"keep at most n pacts' states in memory, loading the least recently used back from their snapshots when next read or written (0: keep every state)"`
	// Data is the folder of the world explorer's data (loadWorld).
	Data string `flag:"data" arg:"folder" usage:"the research data folder for the world explorer at /world (default: $ENTENTE_DATA, ../shared/data or the user data folder, when one is there; without it /world says how to start with it)"`
	// PrivateTargets lets webhooks post to the operator's own network.
	PrivateTargets bool `flag:"webhook-private" usage:"let webhooks target loopback and private addresses (receivers on the operator's own network); refused by default against server-side request forgery"`
	// MetricsToken is the bearer token /metrics requires (default:
	// $ENTENTE_METRICS_TOKEN, read by the command; a flag's value is seen
	// by anyone listing the processes).
	MetricsToken string `flag:"metrics-token" arg:"token" usage:"the bearer token GET /metrics requires (Authorization: Bearer TOKEN); default $ENTENTE_METRICS_TOKEN; without one /metrics answers loopback clients only"`
	// TrustedProxies are the networks of the reverse proxies whose
	// --proxy-header the server believes (trustedProxies reads them).
	TrustedProxies cmdline.List[string] `flag:"trusted-proxy" arg:"cidr" usage:"a network (cidr, or one address; ::ffff:10.0.0.0/104 is 10.0.0.0/8) of reverse proxies in front of the server, comma-separated or repeated: from a peer inside one the client is the right-most address of the --proxy-header outside them, for the rate limits, the loopback check of /metrics and the log; default none: the header is ignored"`
	// ProxyHeader names the header the trusted proxies name the client
	// in (enthttp.ParseProxyHeader reads it).
	ProxyHeader string `flag:"proxy-header" arg:"header" enum:"x-forwarded-for|forwarded" usage:"the header the --trusted-proxy proxies name the client in: x-forwarded-for, or forwarded (RFC 7239, for=); only this one is read, for the proxy sanitises the header it writes and passes the other on as the client wrote it"`
}

// trustedProxies reads --trusted-proxy: networks and single addresses,
// comma-separated, each use adding to the others.
func (o *Options) trustedProxies() ([]netip.Prefix, error) {
	var nets []netip.Prefix
	for _, v := range o.TrustedProxies {
		for _, f := range strings.Split(string(v), ",") {
			f = strings.TrimSpace(f)
			p, err := netip.ParsePrefix(f)
			if err != nil {
				a, aerr := netip.ParseAddr(f)
				if aerr != nil || a.Zone() != "" {
					return nil, cmdline.Usagef("--trusted-proxy: expected a network such as 10.0.0.0/8 or fd00::/8, or an address, got %q", f)
				}
				p = netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen())
			}
			nets = append(nets, p.Masked())
		}
	}
	return nets, nil
}

// MetricsTokenEnv names the environment variable that holds the metrics
// token when --metrics-token is not given.
const MetricsTokenEnv = "ENTENTE_METRICS_TOKEN"

// Defaults are the options 'entente serve' starts from.
func Defaults() Options {
	return Options{Addr: "localhost:8080", ProxyHeader: "x-forwarded-for", WriteRate: 50, WriteBurst: 100, ReadRate: 1, ReadBurst: 20, Tick: 30 * time.Second, Poll: time.Second}
}

// Validate checks the options before anything is opened, naming the flag
// at fault as bad usage.
func (o *Options) Validate() error {
	if fe := cmdline.Check(o); fe != nil {
		return fe
	}
	switch {
	case o.Tick <= 0:
		return cmdline.Usagef("--tick: expected a positive duration, got %s", o.Tick)
	case o.Poll <= 0:
		return cmdline.Usagef("--poll: expected a positive duration, got %s", o.Poll)
	case o.ReadOnly && o.Demo:
		return cmdline.Usagef("--demo writes the demo workspace: not with --read-only")
	}
	if _, err := o.trustedProxies(); err != nil {
		return err
	}
	_, err := o.proxyHeader()
	return err
}

// proxyHeader reads --proxy-header; empty is X-Forwarded-For, as for
// Options not made by Defaults.
func (o *Options) proxyHeader() (enthttp.ProxyHeader, error) {
	if o.ProxyHeader == "" {
		return enthttp.XForwardedFor, nil
	}
	h, err := enthttp.ParseProxyHeader(o.ProxyHeader)
	if err != nil {
		return 0, cmdline.Usagef("--proxy-header: %v", err)
	}
	return h, nil
}

// Server is a running Entente server: the ledger over the store, its
// background work and the HTTP server.
type Server struct {
	// Ledger is the store and the ledger service the server answers from.
	Ledger  *backend.Ledger
	http    *enthttp.Server
	closers []func() error
}

// Start opens the store that o names (creating a new one) and the ledger
// over it, seeds the demo with o.Demo, invites the first registrar of a
// store that has no delegate (unless read-only), starts the background
// work under ctx and listens on o.Addr. Serve then answers requests, and
// Close stops everything in reverse: the HTTP server, the background
// work, and last the snapshots and the store they use. On failure Start
// closes what it opened.
func Start(ctx context.Context, o Options) (_ *Server, err error) {
	s := new(Server)
	defer func() {
		if err != nil {
			err = errors.Join(err, s.Close())
		}
	}()
	var before []func(logstore.Store, tlog.Signer) error
	if o.Demo {
		before = append(before, func(db logstore.Store, signer tlog.Signer) error { return SeedDemo(ctx, o.Stderr, db, signer, o.DB) })
	}
	l, err := backend.OpenLedgerWith(ctx, o.DB, true, time.Now, ledger.Options{MaxStates: o.MaxStates}, before...)
	if err != nil {
		return nil, err
	}
	s.Ledger = l
	s.onClose(l.Close)
	if !o.ReadOnly {
		if err := inviteFirstRegistrar(ctx, o.Stderr, l); err != nil {
			return nil, err
		}
	}
	if err := s.listen(ctx, o); err != nil {
		return nil, err
	}
	return s, nil
}

// listen starts the background work and the HTTP server over s.Ledger.
func (s *Server) listen(ctx context.Context, o Options) error {
	l := s.Ledger
	logger := slog.New(slog.NewTextHandler(o.Stderr, nil))
	cfg := enthttp.Config{Logger: logger, Hosts: o.Hosts, WriteRate: o.WriteRate, WriteBurst: o.WriteBurst,
		ReadRate: o.ReadRate, ReadBurst: o.ReadBurst, MetricsToken: o.MetricsToken, ReadOnly: o.ReadOnly}
	var err error
	if cfg.TrustedProxies, err = o.trustedProxies(); err != nil {
		return err
	}
	if cfg.ProxyHeader, err = o.proxyHeader(); err != nil {
		return err
	}
	// SQLite and PostgreSQL keep the drafts awaiting co-signatures and
	// the webhook subscriptions beside the logs: a restart loses none,
	// and every server on the store sees them.
	cfg.Drafts, _ = l.Store.(logstore.DraftStore)
	if err := loadWorld(o, &cfg); err != nil {
		return err
	}
	follow := time.Duration(0) // on PostgreSQL, the appends other servers announce
	if o.ReadOnly {
		follow = o.Poll // a replica passes no announcements
	} else {
		cfg.Webhooks.Store, _ = l.Store.(logstore.WebhookStore) // deliveries are the primary's
		s.background(ctx, func(ctx context.Context) { l.TickEvery(ctx, o.Tick, logger) })
	}
	s.background(ctx, func(ctx context.Context) { l.Follow(ctx, follow) })
	srv := enthttp.New(l.Service, cfg)
	passkeys, _ := l.Store.(enthttp.PasskeyStore) // both stores keep them, for every server on the store
	if passkeys == nil {
		fmt.Fprintln(o.Stderr, "entente: passkeys are kept in memory on this store: people sign in again after a restart")
	}
	if err := srv.SetPasskeys(passkeys, o.Origin); err != nil {
		return cmdline.Usagef("--origin: %v", err)
	}
	signins, _ := l.Store.(logstore.SignInStore) // ceremonies and sessions, for every server on the store
	srv.SetSignIns(signins)
	if err := srv.Listen(o.Addr); err != nil {
		return err
	}
	if srv.AnswersUnnamedOnly() {
		fmt.Fprintf(o.Stderr, "entente: %s is reachable from other machines and no --host names the server: it answers to IP addresses, localhost and the --origin's host only (against DNS rebinding); name its host with --host\n", srv.Addr())
	}
	s.http = srv
	s.onClose(func() error {
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return srv.Shutdown(shutdown)
	})
	return nil
}

// Addr is the address the server listens on.
func (s *Server) Addr() string { return s.http.Addr() }

// Serve answers requests until ctx is done (and returns nil) or the HTTP
// server fails.
func (s *Server) Serve(ctx context.Context) error {
	errc := make(chan error, 1)
	go func() { errc <- s.http.Serve() }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		return nil
	}
}

// Close stops what Start started, the last started first.
func (s *Server) Close() error {
	var errs []error
	for i := len(s.closers) - 1; i >= 0; i-- {
		errs = append(errs, s.closers[i]())
	}
	s.closers = nil
	return errors.Join(errs...)
}

// onClose has Close call f.
func (s *Server) onClose(f func() error) { s.closers = append(s.closers, f) }

// background runs f until ctx is done or s closes, whichever comes first;
// Close waits for f to return, so that no tick outlives the store.
func (s *Server) background(ctx context.Context, f func(context.Context)) {
	ctx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { f(ctx); close(done) }()
	s.onClose(func() error { stop(); <-done; return nil })
}

// loadWorld loads the world explorer's data, when a folder is given or
// found, and sets the webhook policy. A folder given that lacks the data
// is an error; one merely found that lacks it is mentioned and skipped.
func loadWorld(o Options, cfg *enthttp.Config) error {
	cfg.Webhooks.AllowPrivate = o.PrivateTargets
	dir, err := sharedata.Locate(o.Data, enthttp.WorldFiles...)
	if err != nil {
		if o.Data != "" {
			return cmdline.Usagef("--data %s: %v", o.Data, err)
		}
		if dir != "" {
			fmt.Fprintf(o.Stderr, "entente: the world explorer is off: %v\n", err)
		}
		return nil
	}
	if cfg.World, err = enthttp.LoadWorld(dir); err != nil {
		return fmt.Errorf("--data %s: %w", dir, err)
	}
	return nil
}

// inviteFirstRegistrar prints a registrar invitation for a store that has
// no delegate yet and no open invitation (ledger.InviteFirstRegistrar).
func inviteFirstRegistrar(ctx context.Context, w io.Writer, l *backend.Ledger) error {
	token, err := entente.NewToken(rand.Reader)
	if err != nil {
		return err
	}
	inv, err := l.InviteFirstRegistrar(ctx, token)
	if inv == nil || err != nil {
		return err
	}
	fmt.Fprintf(w, "entente: the store has no delegates yet. Invitation %s for the first registrar (valid until %s):\n\n  %s\n\n"+
		"  entente key new --actor YOUR-ID --out you.key\n  entente actor register --key you.key --invitation %s --name NAME --kind ngo --server http://HOST\n\n",
		inv.ID, inv.Expires.Format(time.RFC3339), token, token)
	return nil
}

// DelegatesDir is where the demo's delegate keys are written: beside the
// SQLite file db, or for a PostgreSQL URL beside the server's signing key
// file (backend.SignerPath, its .key suffix replaced), never in a folder
// named after the URL (which would put its password in a path).
func DelegatesDir(db string) (string, error) {
	if !backend.IsPostgres(db) {
		return db + ".delegates", nil
	}
	key, err := backend.SignerPath(db)
	if err != nil {
		return "", err
	}
	return strings.TrimSuffix(key, ".key") + ".delegates", nil
}

// SeedDemo writes the demo workspace into an empty store and its
// delegates' keys beside the store at path (demo.SeedIfEmpty), telling w;
// a store that already holds logs is left as it is.
func SeedDemo(ctx context.Context, w io.Writer, db logstore.Store, signer tlog.Signer, path string) error {
	dir, err := DelegatesDir(path)
	if err != nil {
		return err
	}
	n, err := demo.SeedIfEmpty(ctx, db, signer, time.Now(), rand.Reader, dir)
	switch {
	case err != nil:
		return err
	case n > 0:
		fmt.Fprintf(w, "entente: store already holds %d logs; not seeding the demo\n", n)
	default:
		fmt.Fprintf(w, "entente: seeded the demo workspace; its delegates' keys are in %s (act as one with --key %s)\n",
			dir, filepath.Join(dir, "helios.key"))
	}
	return nil
}
