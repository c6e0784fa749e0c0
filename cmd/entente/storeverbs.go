package main

import (
	"bufio"
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
	"github.com/entente/entente/ledger"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
)

func runTick(ctx context.Context, env *cli, args []string) error {
	fs, c := storeVerbFlags(env, "tick", "[flags]", `
Records, for every pact, what time has brought about by now: votes whose
window closed, notice periods that ran out, commitments now overdue, disputes
past their deadline. The server does this on its own every --tick.`)
	if err := parse(fs, args); err != nil {
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
	fmt.Fprintf(env.stdout, "%d events recorded\n", n)
	return nil
}

func runLog(ctx context.Context, env *cli, args []string) error {
	fs, c := storeVerbFlags(env, "log", "LOG [flags]", `
Shows a log's entries (a pact's ID, or _registry for the actors) with their
leaf hashes, its latest signed tree head, or a proof: --inclusion INDEX for
an entry's inclusion proof, --consistency SIZE for the proof that the tree of
that size is a prefix of the current one.`)
	from := fs.Int64("from", 0, "first entry to show")
	limit := fs.Int64("limit", 0, "show at most `N` entries from --from (0: all), as the API's limit")
	head := fs.Bool("head", false, "show the latest signed tree head")
	inclusion := fs.Int64("inclusion", -1, "print the inclusion proof of entry `INDEX`")
	consistency := fs.Int64("consistency", -1, "print the consistency proof from tree `SIZE`")
	var remote remoteRead
	remote.register(fs)
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("log: expected one LOG (a pact ID or _registry)")
	}
	if *limit < 0 {
		return usagef("--limit: expected 0 (all) or more, got %d", *limit)
	}
	log := pos[0]
	if remote.server != "" {
		if *inclusion >= 0 || *consistency >= 0 {
			return usagef("--server: proofs are read from the store; with a server, 'entente verify --server' checks them")
		}
		return remoteLog(ctx, env, c, &remote, log, *from, *limit, *head)
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
		return c.output(env.stdout, h, []string{"LOG", "SIZE", "ROOT", "TIME", "KEY"},
			[][]string{{h.Log, strconv.FormatUint(h.Size, 10), h.Root.String(), h.Time.Format(time.RFC3339Nano), svc.Verifier().KeyID()}})
	case *inclusion >= 0:
		p, err := svc.InclusionProof(log, uint64(*inclusion), uint64(size))
		if err != nil {
			return err
		}
		return printProof(env, c, p)
	case *consistency >= 0:
		p, err := svc.ConsistencyProof(log, uint64(*consistency), uint64(size))
		if err != nil {
			return err
		}
		return printProof(env, c, p)
	}
	entries, err := svc.Entries(ctx, log, *from, logEnd(size, *from, *limit))
	if err != nil {
		return err
	}
	var rows [][]string
	for _, e := range entries {
		rows = append(rows, []string{strconv.FormatInt(e.Index, 10), e.LeafHash.String()[:16], string(e.Data)})
	}
	return c.output(env.stdout, entries, []string{"INDEX", "LEAF", "EVENT"}, rows)
}

// logEnd is where a listing from from with at most limit entries (0: no
// limit) ends in a log of size entries.
func logEnd(size, from, limit int64) int64 {
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
	return c.output(env.stdout, p, []string{"STEP", "HASH"}, rows)
}

func runVerify(ctx context.Context, env *cli, args []string) error {
	fs, c := storeVerbFlags(env, "verify", "[flags]", `
Checks every log in the store with nothing but the server's public key
(--pubkey, default FILE.pub beside the store): each entry hashes to its
stored leaf hash, every signed tree head verifies and matches the entries it
covers, and the log replays: every member's action is re-run from the signed
request it carries (signed by exactly the delegates it needs, with keys live
at that point, its nonce used once) and must yield exactly the recorded
entries; what time brought about must be what the rules bring about. Names
the first entry of each log that does not match; exits 1 if any.

With --server URL it monitors someone else's server instead: it fetches
every log's signed head, checks it against the last head it saw (kept in
--state) with a consistency proof, fetches and replays the new entries, and
fails loudly on a fork, a rollback, a rewritten entry or a missing log.`)
	pubkey := fs.String("pubkey", "", "the server's public key `file` (default FILE.pub beside --db; with --server, pinned in --state on first use)")
	server := fs.String("server", "", "monitor the server at `URL` instead of a local store")
	state := fs.String("state", "entente-monitor.json", "the monitor's state `file`: the key and the last head seen per log")
	exportFile := fs.String("export", "", "verify an export `file` on its own (- for standard input), with --pubkey or the key it carries")
	key := fs.String("key", os.Getenv("ENTENTE_KEY"), "with --server: your delegate key `file`, to read what your roles entitle you to and to witness")
	witness := fs.Bool("witness", false, "with --server and --key: countersign the head of every log that passed")
	if err := parse(fs, args); err != nil {
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
	if err := c.output(env.stdout, reports, []string{"LOG", "ENTRIES", "HEADS", "SIGNED", "STATUS"}, rows); err != nil {
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
	var r io.Reader = env.stdin
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
	fmt.Fprintf(env.stderr, "entente: the export is signed by key %s\n", v.KeyID())
	return printReports(env, c, reports)
}

func runExport(ctx context.Context, env *cli, args []string) error {
	fs, c := storeVerbFlags(env, "export", "[flags]", `
Writes every log (the actor registry first) as JSON lines: the server's
public key, each log's entries {"log","index","event"} exactly as stored
with the signed requests they carry, each log's signed tree heads, and a
signed manifest of the logs, to standard output or --out. Run it on the
machine that holds the store (the manifest is signed with its key).

With --for ACTOR the export holds exactly what that actor may read: the
entries of members-only pacts and classified entries it is not entitled
to are written as their leaf hash, type and time, so the export still
verifies on its own ('entente verify --export FILE') but cannot be
imported.`)
	out := fs.String("out", "", "write to `file` (atomically) instead of standard output")
	reader := fs.String("for", "", "export only what `actor` may read")
	if err := parse(fs, args); err != nil {
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
		err = write(env.stdout)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stderr, "entente: exported %d entries\n", n)
	return nil
}

func runImport(ctx context.Context, env *cli, args []string) error {
	fs, c := storeVerbFlags(env, "import", "FILE --db NEW.db [flags]", `
Imports an export (from 'entente export'; - for standard input) into a new
store. Nothing is written unless the whole export verifies against the
exporting server's key (--pubkey pins it; otherwise the key in the export
is used and named): its signed manifest lists exactly the logs present,
every head verifies, and every log replays with every member's signature.
The entries keep their exact bytes; the new store signs its own heads over
them, and is verified again.`)
	pubkey := fs.String("pubkey", "", "the exporting server's public key `file`, to pin")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("import: expected one FILE")
	}
	if _, err := os.Stat(c.db); err == nil {
		return fmt.Errorf("import: %s exists; import into a new store", c.db)
	}
	var r io.Reader = env.stdin
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
	fmt.Fprintf(env.stdout, "imported %d entries in %d logs into %s, exported under key %s; verified\n", rep.Entries, rep.Logs, c.db, rep.Key.KeyID())
	return nil
}
