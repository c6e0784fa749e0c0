package main

import (
	"bufio"
	"cmp"
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/client"
	"github.com/entente/entente/internal/atomicfile"
	"github.com/entente/entente/internal/backend"
	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/ledger"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
)

func runTick(ctx context.Context, env *cli, args []string) error {
	fs, c := storeVerbFlags(env, "tick")
	if err := cmdline.Parse(fs, args); err != nil {
		return err
	}
	svc, done, err := c.openService(ctx)
	if err != nil {
		return err
	}
	defer done()
	n, err := svc.Tick(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "%d events recorded\n", n)
	return nil
}

func runLog(ctx context.Context, env *cli, args []string) error {
	fs, c := storeVerbFlags(env, "log")
	from := fs.Int64("from", 0, "first entry to show")
	limit := fs.Int64("limit", 0, "show at most `N` entries from --from (0: all), as the API's limit")
	head := fs.Bool("head", false, "show the latest signed tree head")
	inclusion := fs.Int64("inclusion", -1, "print the inclusion proof of entry `INDEX`")
	consistency := fs.Int64("consistency", -1, "print the consistency proof from tree `SIZE`")
	to := fs.Int64("to", 0, "entries: stop before entry `N`; with --consistency: the newer tree size (0: the log's size), as the API's to")
	treeSize := fs.Int64("size", 0, "with --inclusion: the tree `SIZE` the proof is for (0: the log's size), as the API's size")
	var remote remoteRead
	remote.register(fs)
	pos, err := cmdline.ParseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("log: expected one LOG (a pact ID or _registry)")
	}
	if *limit < 0 || *to < 0 || *treeSize < 0 {
		return usagef("--limit, --to, --size: expected 0 (none) or more, got %d, %d, %d", *limit, *to, *treeSize)
	}
	log := pos[0]
	if remote.server != "" {
		if *inclusion >= 0 || *consistency >= 0 {
			return usagef("--server: proofs are read from the store; with a server, 'entente verify --server' checks them")
		}
		return remoteLog(ctx, env, c, &remote, log, *from, *to, *limit, *head)
	}
	svc, done, err := c.openService(ctx)
	if err != nil {
		return err
	}
	defer done()
	size, err := svc.Len(log)
	if err != nil {
		return err
	}
	switch {
	case *head:
		h, err := svc.Head(ctx, log)
		if err != nil {
			return err
		}
		return c.output(env.Stdout, h, []string{"LOG", "SIZE", "ROOT", "TIME", "KEY"},
			[][]string{{h.Log, strconv.FormatUint(h.Size, 10), h.Root.String(), h.Time.Format(time.RFC3339Nano), svc.Verifier().KeyID()}})
	case *inclusion >= 0:
		p, err := svc.InclusionProof(log, uint64(*inclusion), uint64(cmp.Or(*treeSize, size)))
		if err != nil {
			return err
		}
		return printProof(env, c, p)
	case *consistency >= 0:
		p, err := svc.ConsistencyProof(log, uint64(*consistency), uint64(cmp.Or(*to, size)))
		if err != nil {
			return err
		}
		return printProof(env, c, p)
	}
	entries, err := svc.Entries(ctx, log, *from, logEnd(size, *from, *to, *limit))
	if err != nil {
		return err
	}
	var rows [][]string
	for _, e := range entries {
		rows = append(rows, []string{strconv.FormatInt(e.Index, 10), e.LeafHash.String()[:16], string(e.Data)})
	}
	return c.output(env.Stdout, entries, []string{"INDEX", "LEAF", "EVENT"}, rows)
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

func printProof(env *cli, c *common, p []tlog.Hash) error {
	var rows [][]string
	for i, h := range p {
		rows = append(rows, []string{strconv.Itoa(i), h.String()})
	}
	return c.output(env.Stdout, p, []string{"STEP", "HASH"}, rows)
}

func runVerify(ctx context.Context, env *cli, args []string) error {
	fs, c := storeVerbFlags(env, "verify")
	pubkey := fs.String("pubkey", "", "the server's public key `file` (default FILE.pub beside --db; with --server, pinned in --state on first use)")
	server := fs.String("server", "", "monitor the server at `URL` instead of a local store")
	state := fs.String("state", "entente-monitor.json", "the monitor's state `file`: the key and the last head seen per log")
	exportFile := fs.String("export", "", "verify an export `file` on its own (- for standard input), with --pubkey or the key it carries")
	key := fs.String("key", os.Getenv("ENTENTE_KEY"), "with --server: your delegate key `file`, to read what your roles entitle you to and to witness")
	witness := fs.Bool("witness", false, "with --server and --key: countersign the head of every log that passed")
	if err := cmdline.Parse(fs, args); err != nil {
		return err
	}
	if *server != "" {
		return monitor(ctx, env, c, monitorOptions{server: *server, pubkey: *pubkey, state: *state, key: *key, witness: *witness})
	}
	if *witness {
		return usagef("--witness: expected --server URL and --key FILE")
	}
	if *exportFile != "" {
		return verifyExportFile(env, c, *exportFile, *pubkey)
	}
	if *pubkey == "" {
		p, err := backend.PublicPath(c.db)
		if err != nil {
			return err
		}
		*pubkey = p
	}
	db, err := backend.Open(ctx, c.db, false)
	if err != nil {
		return err
	}
	v, err := client.LoadServerKey(*pubkey)
	if err != nil {
		db.Close()
		return err
	}
	defer db.Close()
	reports, err := ledger.Verify(ctx, db, v)
	if err != nil {
		return err
	}
	return printReports(env, c, reports)
}

func printReports(env *cli, c *common, reports []ledger.LogReport) error {
	bad := 0
	var rows [][]string
	for _, r := range reports {
		if !r.OK() {
			bad++
		}
		rows = append(rows, []string{r.Log, strconv.FormatInt(r.Entries, 10), strconv.Itoa(r.Heads), strconv.Itoa(r.Signed),
			r.Status()})
	}
	if err := c.output(env.Stdout, reports, []string{"LOG", "ENTRIES", "HEADS", "SIGNED", "STATUS"}, rows); err != nil {
		return err
	}
	if bad > 0 {
		return entente.Errorf(entente.EINVALID, "verify: %d of %d logs do not match", bad, len(reports))
	}
	return nil
}

// verifyExportFile is 'entente verify --export FILE'.
func verifyExportFile(env *cli, c *common, path, pubkey string) error {
	var pin *tlog.Verifier
	if pubkey != "" {
		v, err := client.LoadServerKey(pubkey)
		if err != nil {
			return err
		}
		pin = &v
	}
	var r io.Reader = env.Stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		r = bufio.NewReader(f)
	}
	reports, v, err := ledger.VerifyExport(r, pin)
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
	db, signer, err := openStore(c.db, false)
	if err != nil {
		return err
	}
	defer db.Close()
	var canRead func(string) (func(entente.Event) bool, error)
	if *reader != "" {
		svc, err := ledger.Open(ctx, db, signer, time.Now)
		if err != nil {
			return err
		}
		if canRead, err = svc.ReadableBy(entente.ActorID(*reader)); err != nil {
			return usagef("--for: %s", entente.ErrorMessage(err))
		}
	}
	var n int64
	write := func(w io.Writer) error {
		var err error
		n, err = ledger.ExportFor(ctx, db, signer, time.Now(), w, canRead)
		return err
	}
	if *out != "" {
		err = atomicfile.WriteFile(*out, write)
	} else {
		err = write(env.Stdout)
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
	if _, err := os.Stat(c.db); err == nil {
		return fmt.Errorf("import: %s exists; import into a new store", c.db)
	}
	var r io.Reader = env.Stdin
	if pos[0] != "-" {
		f, err := os.Open(pos[0])
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
	}
	var pin *tlog.Verifier
	if *pubkey != "" {
		v, err := client.LoadServerKey(*pubkey)
		if err != nil {
			return err
		}
		pin = &v
	}
	// Nothing of a failed import stays (backend.Fill), but a key that was
	// there before (a server's own, kept to restore a backup) is kept.
	var rep ledger.ImportReport
	err = fillAtomically(ctx, c.db, func(db logstore.Store, signer tlog.Signer) error {
		var err error
		rep, err = ledger.Import(ctx, db, signer, time.Now(), bufio.NewReader(r), pin)
		return err
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "imported %d entries in %d logs into %s, exported under key %s; verified\n", rep.Entries, rep.Logs, c.db, rep.Key.KeyID())
	return nil
}
