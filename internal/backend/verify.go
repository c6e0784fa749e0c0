package backend

import (
	"bufio"
	"context"
	"io"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/client"
	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/ledger"
	"github.com/entente/entente/tlog"
)

// VerifyRequest is what 'entente verify' checks: a store (Verify), an
// export (VerifyExport), or a server it monitors (Monitor).
type VerifyRequest struct {
	Pubkey  string `flag:"pubkey" arg:"file" usage:"the server's public key file (default FILE.pub beside --db; with --server, pinned in --state on first use)"`
	Server  string `flag:"server" arg:"URL" usage:"monitor the server at URL instead of a local store"`
	State   string `flag:"state" arg:"file" usage:"the monitor's state file: the key and the last head seen per log"`
	Export  string `flag:"export" arg:"file" usage:"verify an export file on its own (- for standard input), with --pubkey or the key it carries"`
	Key     string `flag:"key" arg:"file" usage:"with --server: your delegate key file, to read what your roles entitle you to and to witness"`
	Witness bool   `flag:"witness" usage:"with --server and --key: countersign the head of every log that passed"`
}

// Monitor checks the server at r.Server, as the reader r.Key names (or
// anyone), against the heads it showed before, kept in the file r.State,
// and saves the new heads of the logs that passed (client.Monitor); the
// server's key is pinned from r.Pubkey when set. With r.Witness it then
// countersigns the head of every log that passed with the delegate key
// r.Key, telling witnessed of each, all on the clock now.
func (r VerifyRequest) Monitor(ctx context.Context, now func() time.Time, witnessed func(entente.ActorID, tlog.TreeHead)) ([]ledger.MonitorReport, error) {
	if r.Witness && r.Key == "" {
		return nil, cmdline.Usagef("--witness: expected --key FILE")
	}
	pin, err := client.LoadPin(r.Pubkey)
	if err != nil {
		return nil, err
	}
	api, err := client.NewReader(r.Server, r.Key, now())
	if err != nil {
		return nil, err
	}
	reports, st, err := api.Monitor(ctx, r.State, pin)
	if err != nil || !r.Witness {
		return reports, err
	}
	d, err := client.LoadKey(r.Key)
	if err != nil {
		return nil, err
	}
	return reports, api.Witness(ctx, d, reports, st, now(), func(h tlog.TreeHead) { witnessed(d.Actor, h) })
}

// VerifyExport checks the export file r.Export (- for stdin) on its own
// (ledger.VerifyExport), under the key in the file r.Pubkey when set,
// else the key the export carries; it returns the key it checked under.
func (r VerifyRequest) VerifyExport(stdin io.Reader) ([]ledger.LogReport, tlog.Verifier, error) {
	pin, err := client.LoadPin(r.Pubkey)
	if err != nil {
		return nil, tlog.Verifier{}, err
	}
	f, err := cmdline.OpenArg(stdin, r.Export)
	if err != nil {
		return nil, tlog.Verifier{}, err
	}
	defer f.Close()
	return ledger.VerifyExport(bufio.NewReader(f), pin)
}
