package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/backend"
	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/ledger"
)

func (m *Main) runTick(ctx context.Context, env *cli, args []string) error {
	fs, c := storeVerbFlags(env, "tick")
	if err := cmdline.Parse(fs, args); err != nil {
		return err
	}
	l, err := m.open(ctx, c.db, false)
	if err != nil {
		return err
	}
	n, err := l.Tick(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "%d events recorded\n", n)
	return nil
}

func (m *Main) runLog(ctx context.Context, env *cli, args []string) error {
	fs, c := storeVerbFlags(env, "log")
	q := backend.NewLogQuery()
	cmdline.Bind(fs, &q)
	var remote remoteRead
	remote.register(fs)
	pos, err := cmdline.ParseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("log: expected one LOG (a pact ID or _registry)")
	}
	if fe := cmdline.Check(q); fe != nil {
		return fe
	}
	if remote.Server != "" && q.Proof() {
		return usagef("--server: proofs are read from the store; with a server, 'entente verify --server' checks them")
	}
	src, err := m.source(ctx, c, &remote)
	if err != nil {
		return err
	}
	l, err := backend.ReadLog(ctx, src, pos[0], q)
	if err != nil {
		return err
	}
	return c.output(env.Stdout, l)
}

func runVerify(ctx context.Context, env *cli, args []string) error {
	fs, c := storeVerbFlags(env, "verify")
	req := backend.VerifyRequest{State: "entente-monitor.json", Key: os.Getenv("ENTENTE_KEY")}
	cmdline.Bind(fs, &req)
	if err := cmdline.Parse(fs, args); err != nil {
		return err
	}
	switch {
	case req.Server != "":
		return monitor(ctx, env, c, req)
	case req.Witness:
		return usagef("--witness: expected --server URL and --key FILE")
	case req.Export != "":
		reports, v, err := req.VerifyExport(env.Stdin)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stderr, "entente: the export is signed by key %s\n", v.KeyID())
		return printReports(env, c, reports)
	}
	reports, err := backend.Verify(ctx, c.db, req.Pubkey)
	if err != nil {
		return err
	}
	return printReports(env, c, reports)
}

// printReports prints verify's reports and fails when a log did not pass.
func printReports(env *cli, c *common, reports []ledger.LogReport) error {
	l, bad := backend.VerifyListing(reports)
	if err := c.output(env.Stdout, l); err != nil || bad == 0 {
		return err
	}
	return entente.Errorf(entente.EINVALID, "verify: %d of %d logs do not match", bad, len(reports))
}

func runExport(ctx context.Context, env *cli, args []string) error {
	fs, c := storeVerbFlags(env, "export")
	out := fs.String("out", "", "write to `file` (atomically) instead of standard output")
	reader := fs.String("for", "", "export only what `actor` may read")
	if err := cmdline.Parse(fs, args); err != nil {
		return err
	}
	n, err := backend.Export(ctx, c.db, entente.ActorID(*reader), time.Now, env.Stdout, *out)
	if entente.ErrorField(err) == "for" {
		return usagef("--%s", entente.ErrorMessage(err)) // --for: ...
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "entente: exported %d entries\n", n)
	return nil
}

func runImport(ctx context.Context, env *cli, args []string) error {
	fs, c := storeVerbFlags(env, "import")
	pubkey := fs.String("pubkey", "", "the exporting server's public key `file`, to pin")
	pos, err := cmdline.ParseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("import: expected one FILE")
	}
	rep, err := backend.ImportFile(ctx, c.db, pos[0], *pubkey, env.Stdin, time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "imported %d entries in %d logs into %s, exported under key %s; verified\n", rep.Entries, rep.Logs, c.db, rep.Key.KeyID())
	return nil
}
