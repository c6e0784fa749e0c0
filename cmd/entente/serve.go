package main

import (
	"context"
	"crypto/rand"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/client"
	"github.com/entente/entente/demo"
	enthttp "github.com/entente/entente/http"
	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/ledger"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/postgres"
	"github.com/entente/entente/tlog"
)

func runServe(ctx context.Context, env *cli, args []string) error {
	fs, c := storeVerbFlags(env, "serve")
	addr := fs.String("addr", "localhost:8080", "listen `address` (port 0 picks a free port)")
	writeRate := fs.Float64("write-rate", 50, "writes per second allowed from one client address (negative: no limit)")
	writeBurst := fs.Int("write-burst", 100, "writes one client address may make at once before --write-rate applies")
	origin := fs.String("origin", "", "the public `origin` people reach the server at (https://pacts.example.org), which passkeys are bound to; empty: localhost only")
	var hosts cmdline.List[string]
	fs.Var(&hosts, "host", "a host `name` the server answers to (repeatable; default: loopback names on a loopback address, any otherwise)")
	withDemo := fs.Bool("demo", false, "seed the demo workspace into an empty store")
	tick := fs.Duration("tick", 30*time.Second, "how often to record what time has brought about (deadlines, notices)")
	readOnly := fs.Bool("read-only", false, "serve reads only, as on a read replica of a PostgreSQL database: writes are refused (403 naming the mode), no deadlines are recorded, no webhooks delivered, and appends made on the primary are found by checking the store every --poll")
	poll := fs.Duration("poll", time.Second, "with --read-only, how often to check the store for appends (a replica passes no notifications)")
	web := registerWebServeFlags(fs)
	if err := cmdline.Parse(fs, args); err != nil {
		return err
	}
	if *tick <= 0 {
		return usagef("--tick: expected a positive duration, got %s", *tick)
	}
	if *poll <= 0 {
		return usagef("--poll: expected a positive duration, got %s", *poll)
	}
	if *readOnly && *withDemo {
		return usagef("--demo writes the demo workspace: not with --read-only")
	}
	db, signer, err := openStore(c.db, true)
	if err != nil {
		return err
	}
	defer db.Close()
	if *withDemo {
		if err := seedIfEmpty(ctx, env, db, signer, c.db); err != nil {
			return err
		}
	}
	svc, err := ledger.Open(ctx, db, signer, time.Now)
	if err != nil {
		return err
	}
	if !*readOnly {
		if err := inviteFirstRegistrar(ctx, env, svc); err != nil {
			return err
		}
	}
	// On PostgreSQL, other servers on the same database announce their
	// appends; this one catches up with them as they come. A read-only
	// server (on a replica, which passes no notifications) checks the
	// store's lengths every --poll instead.
	if *readOnly {
		pollCtx, stopPolling := context.WithCancel(ctx)
		polling := make(chan struct{})
		go func() { pollStore(pollCtx, svc, *poll); close(polling) }()
		defer func() { stopPolling(); <-polling }()
	} else if pg, ok := db.(*postgres.DB); ok {
		listenCtx, stopListening := context.WithCancel(ctx)
		listening := make(chan struct{})
		go func() {
			pg.Listen(listenCtx, func(a postgres.Appended) { svc.Observe(a.Log, a.Size) })
			close(listening)
		}()
		defer func() { stopListening(); <-listening }()
	}
	logger := slog.New(slog.NewTextHandler(env.Stderr, nil))
	cfg := enthttp.Config{Logger: logger, Hosts: hosts, WriteRate: *writeRate, WriteBurst: *writeBurst, ReadOnly: *readOnly}
	// SQLite and PostgreSQL keep the drafts awaiting co-signatures and
	// the webhook subscriptions beside the logs: a restart loses none,
	// and every server on the store sees them.
	cfg.Drafts, _ = db.(logstore.DraftStore)
	if err := web.apply(env, &cfg); err != nil {
		return err
	}
	if !*readOnly { // deliveries are the primary's servers' (they write their leases)
		cfg.Webhooks.Store, _ = db.(logstore.WebhookStore)
	}
	srv := enthttp.New(svc, cfg)
	passkeys, _ := db.(enthttp.PasskeyStore) // SQLite keeps passkeys; on PostgreSQL they live in memory for now
	if passkeys == nil {
		fmt.Fprintln(env.Stderr, "entente: passkeys are kept in memory on this store: people sign in again after a restart")
	}
	if err := srv.SetPasskeys(passkeys, *origin); err != nil {
		return usagef("--origin: %v", err)
	}
	if err := srv.Listen(*addr); err != nil {
		return err
	}
	mode := ""
	if *readOnly {
		mode = ", read-only"
	}
	fmt.Fprintf(env.Stderr, "entente: serving http://%s (store %s, key %s%s)\n", srv.Addr(), c.db, svc.Verifier().KeyID(), mode)
	// The snapshots taken must be written before the store closes (deferred
	// above); a read-only server takes none, and FlushSnapshots is then a no-op.
	defer svc.FlushSnapshots()
	if !*readOnly {
		tickCtx, stopTicks := context.WithCancel(ctx)
		ticks := make(chan struct{})
		go func() { tickEvery(tickCtx, svc, *tick, logger); close(ticks) }()
		// The ticker must stop before the snapshots are flushed and the store closes.
		defer func() { stopTicks(); <-ticks }()
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve() }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return srv.Shutdown(shutdown)
	}
}

// inviteFirstRegistrar prints a registrar invitation for a store that has
// no delegate yet and no open invitation, as self-hosted services create
// their first administrator.
func inviteFirstRegistrar(ctx context.Context, env *cli, svc *ledger.Service) error {
	reg := svc.Registry()
	if len(reg.Keys) > 0 || len(reg.Invitations) > 0 {
		return nil
	}
	token := newToken()
	inv, err := svc.Invite(ctx, "", token, time.Now().Add(entente.DefaultInvitationLifetime), true)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "entente: the store has no delegates yet. Invitation %s for the first registrar (valid until %s):\n\n  %s\n\n"+
		"  entente key new --actor YOUR-ID --out you.key\n  entente actor register --key you.key --invitation %s --name NAME --kind ngo --server http://HOST\n\n",
		inv.ID, inv.Expires.Format(time.RFC3339), token, token)
	return nil
}

// seedIfEmpty writes the demo workspace into an empty store; a store that
// already holds logs is left as it is.
func seedIfEmpty(ctx context.Context, env *cli, db logstore.Store, signer tlog.Signer, path string) error {
	logs, err := db.Logs(ctx)
	if err != nil {
		return err
	}
	if len(logs) > 0 {
		fmt.Fprintf(env.Stderr, "entente: store already holds %d logs; not seeding the demo\n", len(logs))
		return nil
	}
	delegates, err := demo.Seed(ctx, db, signer, time.Now(), rand.Reader)
	if err != nil {
		return err
	}
	dir := delegatesDir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	for _, d := range delegates {
		file := filepath.Join(dir, string(d.Actor)+".key")
		os.Remove(file) // a key from an earlier demo store is useless now
		if err := client.WriteKey(file, d); err != nil {
			return err
		}
	}
	fmt.Fprintf(env.Stderr, "entente: seeded the demo workspace; its delegates' keys are in %s (act as one with --key %s)\n",
		dir, filepath.Join(dir, "helios.key"))
	return nil
}

// pollStore has svc catch up, every interval, with the logs the store
// holds more of than it serves: how a server on a replica, which gets no
// notifications, follows the primary.
func pollStore(ctx context.Context, svc *ledger.Service, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			svc.Observe("", 0)
		}
	}
}

func tickEvery(ctx context.Context, svc *ledger.Service, every time.Duration, logger *slog.Logger) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if n, err := svc.Tick(ctx); err != nil {
				logger.Error("tick", "err", err)
			} else if n > 0 {
				logger.Info("tick", "events", n)
			}
		}
	}
}
