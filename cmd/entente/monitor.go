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
// run against the heads it saw before, kept in the state file, and saves
// the new heads of the logs that passed.
func monitor(ctx context.Context, env *cli, c *common, o monitorOptions) error {
	server, statePath := o.server, o.state
	st, err := client.LoadMonitorState(statePath)
	if err != nil {
		return err
	}
	var pin *tlog.Verifier
	if o.pubkey != "" {
		v, err := client.LoadServerKey(o.pubkey)
		if err != nil {
			return err
		}
		pin = &v
	}
	api := &client.Client{Base: server}
	var d *entente.Delegate
	if o.key != "" {
		if d, err = client.LoadKey(o.key); err != nil {
			return err
		}
		if api.Auth, err = client.ReadToken(d, 10*time.Minute, time.Now()); err != nil {
			return err
		}
	} else if o.witness {
		return usagef("--witness: expected --key FILE")
	}
	reports, err := ledger.Monitor(ctx, api, st, pin)
	if err != nil {
		return err
	}
	if err := client.SaveMonitorState(statePath, st); err != nil {
		return err
	}
	if o.witness {
		if err := witnessHeads(ctx, env, api, d, reports, st); err != nil {
			return err
		}
	}
	bad := 0
	var rows [][]string
	for _, r := range reports {
		if !r.OK() {
			bad++
		}
		rows = append(rows, []string{r.Log, strconv.FormatUint(r.Seen, 10), strconv.FormatUint(r.Size, 10), strconv.Itoa(r.Signed),
			r.Status()})
	}
	if err := c.output(env.Stdout, reports, []string{"LOG", "SEEN", "SIZE", "SIGNED", "STATUS"}, rows); err != nil {
		return err
	}
	if bad > 0 {
		return entente.Errorf(entente.EINVALID, "verify --server: %d of %d logs of %s failed", bad, len(reports), server)
	}
	return nil
}

// monitorOptions are the flags of 'entente verify --server'.
type monitorOptions struct {
	server, pubkey, state, key string
	witness                    bool
}

// witnessHeads countersigns the head of every log that passed, as d.
func witnessHeads(ctx context.Context, env *cli, api *client.Client, d *entente.Delegate, reports []ledger.MonitorReport, st *ledger.MonitorState) error {
	for _, r := range reports {
		h, ok := st.Logs[r.Log]
		if !r.OK() || !ok || h.Size == 0 {
			continue
		}
		sig, err := d.Sign(entente.RegistryLog, entente.WitnessHead{Log: r.Log, Size: h.Size, Root: h.Root.String()}, client.Nonce(), time.Now().Add(time.Hour))
		if err != nil {
			return err
		}
		if _, err := api.Submit(ctx, sig); err != nil {
			return fmt.Errorf("witnessing %s at %d entries: %w", r.Log, h.Size, err)
		}
		fmt.Fprintf(env.Stderr, "entente: %s witnessed %s at %d entries (root %s)\n", d.Actor, r.Log, h.Size, h.Root)
	}
	return nil
}
