package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/demo"
	enthttp "github.com/entente/entente/http"
	"github.com/entente/entente/ledger"
	"github.com/entente/entente/tlog"
)

func runServe(ctx context.Context, env *cli, args []string) error {
	fs := newFlags(env, "serve", "[flags]", `
Runs the JSON API (see /openapi.json) on the store. With --demo, an empty
store is first filled with the demo workspace: a three-firm R&D joint
venture and two advocacy coalitions, with four months of history.`)
	var c common
	c.register(fs)
	addr := fs.String("addr", "localhost:8080", "listen `address` (port 0 picks a free port)")
	withDemo := fs.Bool("demo", false, "seed the demo workspace into an empty store")
	tick := fs.Duration("tick", 30*time.Second, "how often to record what time has brought about (deadlines, notices)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *tick <= 0 {
		return usagef("--tick: expected a positive duration, got %s", *tick)
	}
	db, signer, err := openStore(c.db, true)
	if err != nil {
		return err
	}
	defer db.Close()
	if *withDemo {
		if err := seedIfEmpty(ctx, env, db, signer); err != nil {
			return err
		}
	}
	svc, err := ledger.Open(ctx, db, signer, time.Now)
	if err != nil {
		return err
	}
	logger := slog.New(slog.NewTextHandler(env.stderr, nil))
	srv := enthttp.NewServer(svc, logger)
	if err := srv.Listen(*addr); err != nil {
		return err
	}
	fmt.Fprintf(env.stderr, "entente: serving http://%s (store %s, key %s)\n", srv.Addr(), c.db, svc.Verifier().KeyID())
	go tickEvery(ctx, svc, *tick, logger)
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

// seedIfEmpty writes the demo workspace into an empty store; a store that
// already holds logs is left as it is.
func seedIfEmpty(ctx context.Context, env *cli, db entente.Store, signer tlog.Signer) error {
	logs, err := db.Logs(ctx)
	if err != nil {
		return err
	}
	if len(logs) > 0 {
		fmt.Fprintf(env.stderr, "entente: store already holds %d logs; not seeding the demo\n", len(logs))
		return nil
	}
	if err := demo.Seed(ctx, db, signer, time.Now()); err != nil {
		return err
	}
	fmt.Fprintln(env.stderr, "entente: seeded the demo workspace")
	return nil
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
