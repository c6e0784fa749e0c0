package main

import (
	"context"
	"fmt"
	"os"

	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/internal/serve"
)

// runServe is 'entente serve': it builds the server from its flags
// (serve.Start: the store and the ledger, the background work that
// records deadlines and follows other servers on the store, and the HTTP
// server), and serves until ctx is done. Main.Close then stops them in
// reverse: the server, the background work, and last the snapshots and
// the store they use.
func (m *Main) runServe(ctx context.Context, env *cli, args []string) error {
	fs, c := storeVerbFlags(env, "serve")
	o := serve.Defaults()
	cmdline.Bind(fs, &o)
	if err := cmdline.Parse(fs, args); err != nil {
		return err
	}
	if o.MetricsToken == "" {
		o.MetricsToken = os.Getenv(serve.MetricsTokenEnv) // after parsing: no usage text shows it
	}
	if err := o.Validate(); err != nil {
		return err
	}
	o.DB, o.Stderr = c.db, env.Stderr
	srv, err := serve.Start(ctx, o)
	if err != nil {
		return err
	}
	m.onClose(srv.Close)
	mode := map[bool]string{true: ", read-only"}[o.ReadOnly]
	fmt.Fprintf(env.Stderr, "entente: serving http://%s (store %s, key %s%s)\n", srv.Addr(), c.db, srv.Ledger.Verifier().KeyID(), mode)
	return srv.Serve(ctx)
}
