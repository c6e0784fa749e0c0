package main

import (
	"context"
	"fmt"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/backend"
	"github.com/entente/entente/tlog"
)

// monitor is 'entente verify --server URL': it checks a server it does not
// run against the heads it saw before, kept in the state file, saves the
// new heads of the logs that passed and, with --witness, countersigns them
// (backend.VerifyRequest.Monitor).
func monitor(ctx context.Context, env *cli, c *common, req backend.VerifyRequest) error {
	reports, err := req.Monitor(ctx, time.Now, func(by entente.ActorID, h tlog.TreeHead) {
		fmt.Fprintf(env.Stderr, "entente: %s witnessed %s at %d entries (root %s)\n", by, h.Log, h.Size, h.Root)
	})
	if err != nil {
		return err
	}
	l, bad := backend.MonitorListing(reports)
	if err := c.output(env.Stdout, l); err != nil || bad == 0 {
		return err
	}
	return entente.Errorf(entente.EINVALID, "verify --server: %d of %d logs of %s failed", bad, len(reports), req.Server)
}
