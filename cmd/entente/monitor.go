package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/entente/entente"
	enthttp "github.com/entente/entente/http"
	"github.com/entente/entente/ledger"
	"github.com/entente/entente/tlog"
)

// monitor is 'entente verify --server URL': it checks a server it does not
// run against the heads it saw before, kept in the state file, and saves
// the new heads of the logs that passed.
func monitor(ctx context.Context, env *cli, c *common, o monitorOptions) error {
	server, statePath := o.server, o.state
	st, err := loadMonitorState(statePath)
	if err != nil {
		return err
	}
	var pin *tlog.Verifier
	if o.pubkey != "" {
		v, err := loadVerifier(o.pubkey)
		if err != nil {
			return err
		}
		pin = &v
	}
	client := &enthttp.Client{Base: server}
	var d *entente.Delegate
	if o.key != "" {
		if d, err = loadDelegate(o.key); err != nil {
			return err
		}
		if client.Auth, err = readToken(d); err != nil {
			return err
		}
	} else if o.witness {
		return usagef("--witness: expected --key FILE")
	}
	reports, err := ledger.Monitor(ctx, client, st, pin)
	if err != nil {
		return err
	}
	if err := saveMonitorState(statePath, st); err != nil {
		return err
	}
	if o.witness {
		if err := witnessHeads(ctx, env, server, d, reports, st); err != nil {
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
			logStatus(r.OK(), r.Attested, r.Redacted, r.Index, r.Problem)})
	}
	if err := c.output(env.stdout, reports, []string{"LOG", "SEEN", "SIZE", "SIGNED", "STATUS"}, rows); err != nil {
		return err
	}
	if bad > 0 {
		return entente.Errorf(entente.EINVALID, "verify --server: %d of %d logs of %s failed", bad, len(reports), server)
	}
	return nil
}

func loadMonitorState(path string) (*ledger.MonitorState, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &ledger.MonitorState{}, nil
	}
	if err != nil {
		return nil, err
	}
	var st ledger.MonitorState
	if err := json.Unmarshal(data, &st); err != nil {
		return nil, fmt.Errorf("%s: expected a monitor state file: %v", path, err)
	}
	return &st, nil
}

// saveMonitorState writes the state atomically: a crash leaves the old
// state or the new one, never half of it.
func saveMonitorState(path string, st *ledger.MonitorState) error {
	data, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".monitor-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// monitorOptions are the flags of 'entente verify --server'.
type monitorOptions struct {
	server, pubkey, state, key string
	witness                    bool
}

// readToken makes a short read token for d.
func readToken(d *entente.Delegate) (string, error) {
	sig, err := d.Sign(entente.RegistryLog, entente.ReadAs{}, newNonce(), time.Now().Add(10*time.Minute))
	if err != nil {
		return "", err
	}
	b, err := json.Marshal(sig)
	if err != nil {
		return "", err
	}
	return "Entente " + base64.RawURLEncoding.EncodeToString(b), nil
}

// witnessHeads countersigns the head of every log that passed, as d.
func witnessHeads(ctx context.Context, env *cli, server string, d *entente.Delegate, reports []ledger.MonitorReport, st *ledger.MonitorState) error {
	for _, r := range reports {
		h, ok := st.Logs[r.Log]
		if !r.OK() || !ok || h.Size == 0 {
			continue
		}
		sig, err := d.Sign(entente.RegistryLog, entente.WitnessHead{Log: r.Log, Size: h.Size, Root: h.Root.String()}, newNonce(), time.Now().Add(time.Hour))
		if err != nil {
			return err
		}
		if _, err := postRequest(ctx, server, sig); err != nil {
			return fmt.Errorf("witnessing %s at %d entries: %w", r.Log, h.Size, err)
		}
		fmt.Fprintf(env.stderr, "entente: %s witnessed %s at %d entries (root %s)\n", d.Actor, r.Log, h.Size, h.Root)
	}
	return nil
}
