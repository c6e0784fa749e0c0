package main

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/client"
	"github.com/entente/entente/ledger"
	"github.com/entente/entente/tlog"
)

// monitor is 'entente verify --server URL': it checks a server it does not
// run against the heads it saw before, kept in the state file, saves the
// new heads of the logs that passed (client.Monitor) and, with --witness,
// countersigns them.
func monitor(ctx context.Context, env *cli, c *common, o verifyRequest) error {
	if o.Witness && o.Key == "" {
		return usagef("--witness: expected --key FILE")
	}
	pin, err := client.LoadPin(o.Pubkey)
	if err != nil {
		return err
	}
	api, err := client.NewReader(o.Server, o.Key, time.Now())
	if err != nil {
		return err
	}
	reports, st, err := api.Monitor(ctx, o.State, pin)
	if err != nil {
		return err
	}
	if o.Witness {
		d, err := client.LoadKey(o.Key)
		if err == nil {
			err = api.Witness(ctx, d, reports, st, time.Now(), func(h tlog.TreeHead) {
				fmt.Fprintf(env.Stderr, "entente: %s witnessed %s at %d entries (root %s)\n", d.Actor, h.Log, h.Size, h.Root)
			})
		}
		if err != nil {
			return err
		}
	}
	return printChecks(env, c, reports, []string{"LOG", "SEEN", "SIZE", "SIGNED", "STATUS"}, func(r ledger.MonitorReport) []string {
		return []string{r.Log, strconv.FormatUint(r.Seen, 10), strconv.FormatUint(r.Size, 10), strconv.Itoa(r.Signed), r.Status()}
	}, func(bad int) error {
		return entente.Errorf(entente.EINVALID, "verify --server: %d of %d logs of %s failed", bad, len(reports), o.Server)
	})
}
