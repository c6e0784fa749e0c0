package main

import (
	"bufio"
	"cmp"
	"context"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/client"
	"github.com/entente/entente/internal/backend"
	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/ledger"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
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

// logRequest is what 'entente log' shows, with the API's names.
type logRequest struct {
	From        int64 `flag:"from" usage:"first entry to show"`
	Limit       int64 `flag:"limit" arg:"N" usage:"show at most N entries from --from (0: all), as the API's limit" min:"0"`
	Head        bool  `flag:"head" usage:"show the latest signed tree head"`
	Inclusion   int64 `flag:"inclusion" arg:"INDEX" usage:"print the inclusion proof of entry INDEX"`
	Consistency int64 `flag:"consistency" arg:"SIZE" usage:"print the consistency proof from tree SIZE"`
	To          int64 `flag:"to" arg:"N" usage:"entries: stop before entry N; with --consistency: the newer tree size (0: the log's size), as the API's to" min:"0"`
	Size        int64 `flag:"size" arg:"SIZE" usage:"with --inclusion: the tree SIZE the proof is for (0: the log's size), as the API's size" min:"0"`
}

func (m *Main) runLog(ctx context.Context, env *cli, args []string) error {
	fs, c := storeVerbFlags(env, "log")
	req := logRequest{Inclusion: -1, Consistency: -1}
	cmdline.Bind(fs, &req)
	var remote remoteRead
	remote.register(fs)
	pos, err := cmdline.ParseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("log: expected one LOG (a pact ID or _registry)")
	}
	if fe := cmdline.Check(req); fe != nil {
		return fe
	}
	log := pos[0]
	if remote.server != "" && (req.Inclusion >= 0 || req.Consistency >= 0) {
		return usagef("--server: proofs are read from the store; with a server, 'entente verify --server' checks them")
	}
	src, err := m.source(ctx, c, &remote)
	if err != nil {
		return err
	}
	size, err := src.Size(ctx, log)
	if err != nil {
		return err
	}
	switch {
	case req.Head:
		return printHead(ctx, env, c, src, log)
	case req.Inclusion >= 0 || req.Consistency >= 0:
		return printProof(env, c, src.(backend.StoreSource), log, size, req)
	case req.From < 0 || req.From > size:
		return usagef("--from: expected 0 to %d, got %d", size, req.From)
	}
	entries, err := src.Entries(ctx, log, req.From, logEnd(size, req.From, req.To, req.Limit))
	if err != nil {
		return err
	}
	return c.output(env.Stdout, entries, []string{"INDEX", "LEAF", "EVENT"}, rowsOf(entries, func(e logstore.Entry) []string {
		event := string(e.Data)
		if e.Data == nil {
			event = "(redacted: you may not read this entry)"
		}
		return []string{strconv.FormatInt(e.Index, 10), e.LeafHash.String()[:16], event}
	}))
}

// printHead prints a log's latest signed tree head and the key it is
// signed under.
func printHead(ctx context.Context, env *cli, c *common, src backend.Source, log string) error {
	h, err := src.Head(ctx, log)
	if err != nil {
		return err
	}
	key, err := src.Key(ctx)
	if err != nil {
		return err
	}
	return c.output(env.Stdout, h, []string{"LOG", "SIZE", "ROOT", "TIME", "KEY"},
		[][]string{{h.Log, strconv.FormatUint(h.Size, 10), h.Root.String(), h.Time.Format(time.RFC3339Nano), key.KeyID()}})
}

// logEnd is where a listing from from, before to and with at most limit
// entries (0: no bound) ends in a log of size entries.
func logEnd(size, from, to, limit int64) int64 {
	if to > 0 {
		size = min(size, to)
	}
	if limit == 0 || from+limit > size {
		return size
	}
	return from + limit
}

// printProof prints the proof req asks for in a log of size entries.
func printProof(env *cli, c *common, s backend.StoreSource, log string, size int64, req logRequest) error {
	var p []tlog.Hash
	var err error
	if req.Inclusion >= 0 {
		p, err = s.InclusionProof(log, uint64(req.Inclusion), uint64(cmp.Or(req.Size, size)))
	} else {
		p, err = s.ConsistencyProof(log, uint64(req.Consistency), uint64(cmp.Or(req.To, size)))
	}
	if err != nil {
		return err
	}
	var rows [][]string
	for i, h := range p {
		rows = append(rows, []string{strconv.Itoa(i), h.String()})
	}
	return c.output(env.Stdout, p, []string{"STEP", "HASH"}, rows)
}

// verifyRequest is what 'entente verify' checks: a store, an export, or
// a server it monitors (monitor).
type verifyRequest struct {
	Pubkey  string `flag:"pubkey" arg:"file" usage:"the server's public key file (default FILE.pub beside --db; with --server, pinned in --state on first use)"`
	Server  string `flag:"server" arg:"URL" usage:"monitor the server at URL instead of a local store"`
	State   string `flag:"state" arg:"file" usage:"the monitor's state file: the key and the last head seen per log"`
	Export  string `flag:"export" arg:"file" usage:"verify an export file on its own (- for standard input), with --pubkey or the key it carries"`
	Key     string `flag:"key" arg:"file" usage:"with --server: your delegate key file, to read what your roles entitle you to and to witness"`
	Witness bool   `flag:"witness" usage:"with --server and --key: countersign the head of every log that passed"`
}

func runVerify(ctx context.Context, env *cli, args []string) error {
	fs, c := storeVerbFlags(env, "verify")
	req := verifyRequest{State: "entente-monitor.json", Key: os.Getenv("ENTENTE_KEY")}
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
		return verifyExportFile(env, c, req.Export, req.Pubkey)
	}
	reports, err := backend.Verify(ctx, c.db, req.Pubkey)
	if err != nil {
		return err
	}
	return printReports(env, c, reports)
}

// printReports prints verify's reports and fails when a log did not pass.
func printReports(env *cli, c *common, reports []ledger.LogReport) error {
	return printChecks(env, c, reports, []string{"LOG", "ENTRIES", "HEADS", "SIGNED", "STATUS"}, func(r ledger.LogReport) []string {
		return []string{r.Log, strconv.FormatInt(r.Entries, 10), strconv.Itoa(r.Heads), strconv.Itoa(r.Signed), r.Status()}
	}, func(bad int) error {
		return entente.Errorf(entente.EINVALID, "verify: %d of %d logs do not match", bad, len(reports))
	})
}

// printChecks prints the reports of a check of logs, a row each, and
// returns failed's error when any did not pass.
func printChecks[R interface{ OK() bool }](env *cli, c *common, reports []R, header []string, row func(R) []string, failed func(bad int) error) error {
	if err := c.output(env.Stdout, reports, header, rowsOf(reports, row)); err != nil {
		return err
	}
	bad := 0
	for _, r := range reports {
		if !r.OK() {
			bad++
		}
	}
	if bad > 0 {
		return failed(bad)
	}
	return nil
}

// rowsOf makes the rows of a table, one per item.
func rowsOf[T any](items []T, row func(T) []string) [][]string {
	var rows [][]string
	for _, it := range items {
		rows = append(rows, row(it))
	}
	return rows
}

// verifyExportFile is 'entente verify --export FILE'.
func verifyExportFile(env *cli, c *common, path, pubkey string) error {
	pin, err := client.LoadPin(pubkey)
	if err != nil {
		return err
	}
	r, err := cmdline.OpenArg(env.Stdin, path)
	if err != nil {
		return err
	}
	defer r.Close()
	reports, v, err := ledger.VerifyExport(bufio.NewReader(r), pin)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "entente: the export is signed by key %s\n", v.KeyID())
	return printReports(env, c, reports)
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
	if err := backend.CheckNew(c.db); err != nil {
		return err
	}
	pin, err := client.LoadPin(*pubkey)
	if err != nil {
		return err
	}
	r, err := cmdline.OpenArg(env.Stdin, pos[0])
	if err != nil {
		return err
	}
	defer r.Close()
	rep, err := backend.Import(ctx, c.db, r, pin, time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "imported %d entries in %d logs into %s, exported under key %s; verified\n", rep.Entries, rep.Logs, c.db, rep.Key.KeyID())
	return nil
}
