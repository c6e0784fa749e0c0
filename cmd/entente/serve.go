package main

import (
	"context"
	"crypto/rand"
	"fmt"
	"log/slog"
	"path/filepath"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/demo"
	enthttp "github.com/entente/entente/http"
	"github.com/entente/entente/internal/backend"
	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
)

// runServe is 'entente serve': it opens the store and the ledger, starts
// the background work (recording deadlines, following other servers on the
// store) and the HTTP server, and serves until ctx is done. Main.Close
// then stops them in reverse: the server, the background work, and last
// the snapshots and the store they use.
func (m *Main) runServe(ctx context.Context, env *cli, args []string) error {
	fs, c := storeVerbFlags(env, "serve")
	req := serveRequest{Addr: "localhost:8080", WriteRate: 50, WriteBurst: 100, Tick: 30 * time.Second, Poll: time.Second}
	cmdline.Bind(fs, &req)
	if err := cmdline.Parse(fs, args); err != nil {
		return err
	}
	if fe := cmdline.Check(req); fe != nil {
		return fe
	}
	switch {
	case req.Tick <= 0:
		return usagef("--tick: expected a positive duration, got %s", req.Tick)
	case req.Poll <= 0:
		return usagef("--poll: expected a positive duration, got %s", req.Poll)
	case req.ReadOnly && req.Demo:
		return usagef("--demo writes the demo workspace: not with --read-only")
	}
	m.ledger.MaxStates = req.MaxStates
	var before []func(logstore.Store, tlog.Signer) error
	if req.Demo {
		before = append(before, func(db logstore.Store, signer tlog.Signer) error { return seedIfEmpty(ctx, env, db, signer, c.db) })
	}
	l, err := m.open(ctx, c.db, true, before...)
	if err != nil {
		return err
	}
	if !req.ReadOnly {
		if err := inviteFirstRegistrar(ctx, env, l); err != nil {
			return err
		}
	}
	logger := slog.New(slog.NewTextHandler(env.Stderr, nil))
	cfg := enthttp.Config{Logger: logger, Hosts: req.Hosts, WriteRate: req.WriteRate, WriteBurst: req.WriteBurst, ReadOnly: req.ReadOnly}
	// SQLite and PostgreSQL keep the drafts awaiting co-signatures and
	// the webhook subscriptions beside the logs: a restart loses none,
	// and every server on the store sees them.
	cfg.Drafts, _ = l.Store.(logstore.DraftStore)
	if err := req.applyWeb(env, &cfg); err != nil {
		return err
	}
	follow := time.Duration(0) // on PostgreSQL, the appends other servers announce
	if req.ReadOnly {
		follow = req.Poll // a replica passes no announcements
	} else {
		cfg.Webhooks.Store, _ = l.Store.(logstore.WebhookStore) // deliveries are the primary's
		m.background(ctx, func(ctx context.Context) { l.TickEvery(ctx, req.Tick, logger) })
	}
	m.background(ctx, func(ctx context.Context) { l.Follow(ctx, follow) })
	srv := enthttp.New(l.Service, cfg)
	passkeys, _ := l.Store.(enthttp.PasskeyStore) // SQLite keeps passkeys; on PostgreSQL they live in memory for now
	if passkeys == nil {
		fmt.Fprintln(env.Stderr, "entente: passkeys are kept in memory on this store: people sign in again after a restart")
	}
	if err := srv.SetPasskeys(passkeys, req.Origin); err != nil {
		return usagef("--origin: %v", err)
	}
	if err := srv.Listen(req.Addr); err != nil {
		return err
	}
	m.onClose(func() error {
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return srv.Shutdown(shutdown)
	})
	mode := map[bool]string{true: ", read-only"}[req.ReadOnly]
	fmt.Fprintf(env.Stderr, "entente: serving http://%s (store %s, key %s%s)\n", srv.Addr(), c.db, l.Verifier().KeyID(), mode)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve() }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		return nil
	}
}

// serveRequest is how 'entente serve' serves.
type serveRequest struct {
	Addr       string               `flag:"addr" arg:"address" usage:"listen address (port 0 picks a free port)"`
	WriteRate  float64              `flag:"write-rate" usage:"writes per second allowed from one client address (negative: no limit)"`
	WriteBurst int                  `flag:"write-burst" usage:"writes one client address may make at once before --write-rate applies"`
	Origin     string               `flag:"origin" arg:"origin" usage:"the public origin people reach the server at (https://pacts.example.org), which passkeys are bound to; empty: localhost only"`
	Hosts      cmdline.List[string] `flag:"host" arg:"name" usage:"a host name the server answers to (repeatable; default: loopback names on a loopback address, any otherwise)"`
	Demo       bool                 `flag:"demo" usage:"seed the demo workspace into an empty store"`
	Tick       time.Duration        `flag:"tick" usage:"how often to record what time has brought about (deadlines, notices)"`
	ReadOnly   bool                 `flag:"read-only" usage:"serve reads only, as on a read replica of a PostgreSQL database: writes are refused (403 naming the mode), no deadlines are recorded, no webhooks delivered, and appends made on the primary are found by checking the store every --poll"`
	Poll       time.Duration        `flag:"poll" usage:"with --read-only, how often to check the store for appends (a replica passes no notifications)"`
	MaxStates  int                  `flag:"max-states" arg:"n" min:"0" usage:"keep at most n pacts' states in memory, loading the least recently used back from their snapshots when next read or written (0: keep every state)"`
	// Data is the folder of the world explorer's data (applyWeb).
	Data string `flag:"data" arg:"folder" usage:"the research data folder for the world explorer at /world (default: $ENTENTE_DATA, ../shared/data or the user data folder, when one is there; without it /world says how to start with it)"`
	// PrivateTargets lets webhooks post to the operator's own network.
	PrivateTargets bool `flag:"webhook-private" usage:"let webhooks target loopback and private addresses (receivers on the operator's own network); refused by default against server-side request forgery"`
}

// background runs f until ctx is done or m closes, whichever comes first;
// Close waits for f to return.
func (m *Main) background(ctx context.Context, f func(context.Context)) {
	ctx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { f(ctx); close(done) }()
	m.onClose(func() error { stop(); <-done; return nil })
}

// inviteFirstRegistrar prints a registrar invitation for a store that has
// no delegate yet and no open invitation (ledger.InviteFirstRegistrar).
func inviteFirstRegistrar(ctx context.Context, env *cli, l *backend.Ledger) error {
	token, err := entente.NewToken(rand.Reader)
	if err != nil {
		return err
	}
	inv, err := l.InviteFirstRegistrar(ctx, token)
	if inv == nil || err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "entente: the store has no delegates yet. Invitation %s for the first registrar (valid until %s):\n\n  %s\n\n"+
		"  entente key new --actor YOUR-ID --out you.key\n  entente actor register --key you.key --invitation %s --name NAME --kind ngo --server http://HOST\n\n",
		inv.ID, inv.Expires.Format(time.RFC3339), token, token)
	return nil
}

// seedIfEmpty writes the demo workspace into an empty store and its
// delegates' keys beside it (demo.SeedIfEmpty); a store that already
// holds logs is left as it is.
func seedIfEmpty(ctx context.Context, env *cli, db logstore.Store, signer tlog.Signer, path string) error {
	dir := delegatesDir(path)
	n, err := demo.SeedIfEmpty(ctx, db, signer, time.Now(), rand.Reader, dir)
	switch {
	case err != nil:
		return err
	case n > 0:
		fmt.Fprintf(env.Stderr, "entente: store already holds %d logs; not seeding the demo\n", n)
	default:
		fmt.Fprintf(env.Stderr, "entente: seeded the demo workspace; its delegates' keys are in %s (act as one with --key %s)\n",
			dir, filepath.Join(dir, "helios.key"))
	}
	return nil
}
