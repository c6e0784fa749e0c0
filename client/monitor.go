package client

import (
	"context"
	"fmt"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/ledger"
	"github.com/entente/entente/tlog"
)

// LoadPin reads the server's public key file at path to pin, or returns
// nil when path is empty: then a monitor pins the key it is first shown,
// and an import trusts the key the export carries.
func LoadPin(path string) (*tlog.Verifier, error) {
	if path == "" {
		return nil, nil
	}
	v, err := LoadServerKey(path)
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// Monitor checks the server against the heads it showed before, kept in
// the monitor's state file at statePath (ledger.Monitor), with its key
// pinned to pin when set, and saves the new heads of the logs that passed.
// It returns the reports and the state saved.
func (c *Client) Monitor(ctx context.Context, statePath string, pin *tlog.Verifier) ([]ledger.MonitorReport, *ledger.MonitorState, error) {
	st, err := LoadMonitorState(statePath)
	if err != nil {
		return nil, nil, err
	}
	reports, err := ledger.Monitor(ctx, c, st, pin)
	if err != nil {
		return nil, nil, err
	}
	return reports, st, SaveMonitorState(statePath, st)
}

// WitnessLifetime is how long a witness's countersignature request stays
// valid for the server to record.
const WitnessLifetime = time.Hour

// Witness countersigns as d, at now, the head in st of every log that
// passed in reports (an empty log has nothing to witness), and calls
// witnessed with each head the server recorded.
func (c *Client) Witness(ctx context.Context, d *entente.Delegate, reports []ledger.MonitorReport, st *ledger.MonitorState, now time.Time, witnessed func(tlog.TreeHead)) error {
	for _, r := range reports {
		h, ok := st.Logs[r.Log]
		if !r.OK() || !ok || h.Size == 0 {
			continue
		}
		sig, err := d.Sign(entente.RegistryLog, entente.WitnessHead{Log: r.Log, Size: h.Size, Root: h.Root.String()}, Nonce(), now.Add(WitnessLifetime))
		if err != nil {
			return err
		}
		if _, err := c.Submit(ctx, sig); err != nil {
			return fmt.Errorf("witnessing %s at %d entries: %w", r.Log, h.Size, err)
		}
		witnessed(h)
	}
	return nil
}
