package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"github.com/entente/entente/ledger"
	"github.com/entente/entente/tlog"
)

// openServiceFor opens the ledger; create allows a new store (for verbs
// that write the first record, such as actor add).
func (c *common) openServiceFor(ctx context.Context, create bool) (*ledger.Service, func(), error) {
	if !create {
		return c.openService(ctx)
	}
	db, signer, err := openStore(c.db, true)
	if err != nil {
		return nil, nil, err
	}
	svc, err := ledger.Open(ctx, db, signer, time.Now)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return svc, func() { db.Close() }, nil
}

func readAll(r io.Reader) ([]byte, error) { return io.ReadAll(r) }

func runTick(ctx context.Context, env *cli, args []string) error {
	fs := newFlags(env, "tick", "[flags]", `
Records, for every pact, what time has brought about by now: votes whose
window closed, notice periods that ran out, commitments now overdue, disputes
past their deadline. The server does this on its own every --tick.`)
	var c common
	c.register(fs)
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
	fs := newFlags(env, "log", "LOG [flags]", `
Shows a log's entries (a pact's ID, or _registry for the actors) with their
leaf hashes, its latest signed tree head, or a proof: --inclusion INDEX for
an entry's inclusion proof, --consistency SIZE for the proof that the tree of
that size is a prefix of the current one.`)
	var c common
	c.register(fs)
	from := fs.Int64("from", 0, "first entry to show")
	head := fs.Bool("head", false, "show the latest signed tree head")
	inclusion := fs.Int64("inclusion", -1, "print the inclusion proof of entry `INDEX`")
	consistency := fs.Int64("consistency", -1, "print the consistency proof from tree `SIZE`")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("log: expected one LOG (a pact ID or _registry)")
	}
	log := pos[0]
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
		return printProof(env, &c, p)
	case *consistency >= 0:
		p, err := svc.ConsistencyProof(log, uint64(*consistency), uint64(size))
		if err != nil {
			return err
		}
		return printProof(env, &c, p)
	}
	entries, err := svc.Entries(ctx, log, *from, -1)
	if err != nil {
		return err
	}
	var rows [][]string
	for _, e := range entries {
		rows = append(rows, []string{strconv.FormatInt(e.Index, 10), e.LeafHash.String()[:16], string(e.Data)})
	}
	return c.output(env.stdout, entries, []string{"INDEX", "LEAF", "EVENT"}, rows)
}

func printProof(env *cli, c *common, p []tlog.Hash) error {
	var rows [][]string
	for i, h := range p {
		rows = append(rows, []string{strconv.Itoa(i), h.String()})
	}
	return c.output(env.stdout, p, []string{"STEP", "HASH"}, rows)
}

func runVerify(ctx context.Context, env *cli, args []string) error {
	fs := newFlags(env, "verify", "[flags]", `
Checks every log in the store: each entry hashes to its stored leaf hash,
every signed tree head verifies under the key beside the store and matches
the entries it covers, and the events replay (re-deciding every proposal).
Names the first entry of each log that does not match; exits 1 if any.`)
	var c common
	c.register(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if _, err := os.Stat(c.db); err != nil {
		return fmt.Errorf("no store at %s: %w", c.db, err)
	}
	signer, err := loadKey(c.db)
	if err != nil {
		return err
	}
	db, _, err := openStore(c.db, false)
	if err != nil {
		return err
	}
	defer db.Close()
	reports, err := ledger.Verify(ctx, db, signer.Public())
	if err != nil {
		return err
	}
	bad := 0
	var rows [][]string
	for _, r := range reports {
		status := "ok"
		if !r.OK() {
			bad++
			status = fmt.Sprintf("entry %d: %s", r.Index, r.Problem)
		}
		rows = append(rows, []string{r.Log, strconv.FormatInt(r.Entries, 10), strconv.Itoa(r.Heads), status})
	}
	if err := c.output(env.stdout, reports, []string{"LOG", "ENTRIES", "HEADS", "STATUS"}, rows); err != nil {
		return err
	}
	if bad > 0 {
		return fmt.Errorf("verify: %d of %d logs do not match", bad, len(reports))
	}
	return nil
}

// loadKey reads the key beside a store without creating one: verify must
// not mint a new key that would then fail every head.
func loadKey(db string) (tlog.Signer, error) {
	data, err := os.ReadFile(keyPath(db))
	if err != nil {
		return tlog.Signer{}, fmt.Errorf("no signing key beside the store: %w", err)
	}
	s, err := tlog.ParseSigner(data)
	if err != nil {
		return tlog.Signer{}, fmt.Errorf("%s: %w", keyPath(db), err)
	}
	return s, nil
}

func runExport(ctx context.Context, env *cli, args []string) error {
	fs := newFlags(env, "export", "[flags]", `
Writes every log (the actor registry first) as JSON lines
{"log","index","event"}, each event exactly as stored, to standard output or
--out.`)
	var c common
	c.register(fs)
	out := fs.String("out", "", "write to `file` instead of standard output")
	if err := parse(fs, args); err != nil {
		return err
	}
	db, _, err := openStore(c.db, false)
	if err != nil {
		return err
	}
	defer db.Close()
	var w io.Writer = env.stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	n, err := ledger.Export(ctx, db, w)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stderr, "entente: exported %d entries\n", n)
	return nil
}

func runImport(ctx context.Context, env *cli, args []string) error {
	fs := newFlags(env, "import", "FILE --db NEW.db [flags]", `
Replays an export (from 'entente export'; - for standard input) into a new
store: every log is decoded and replayed first, so a bad export writes
nothing; the entries keep their exact bytes; then the new store is verified.`)
	var c common
	c.register(fs)
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
	n, logs, err := importVerified(ctx, c.db, bufio.NewReader(r))
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "imported %d entries in %d logs into %s; verified\n", n, logs, c.db)
	return nil
}

// importVerified imports export lines from r into the new store at path
// and verifies it, returning the entries and logs imported. Nothing of a
// failed import stays, but a key that was there before (a server's own
// key, kept to restore a backup) is not ours to delete.
func importVerified(ctx context.Context, path string, r io.Reader) (int64, int, error) {
	_, keyErr := os.Stat(keyPath(path))
	keyExisted := keyErr == nil
	db, signer, err := openStore(path, true)
	if err != nil {
		return 0, 0, err
	}
	defer db.Close()
	n, err := ledger.Import(ctx, db, signer, time.Now(), r)
	if err != nil {
		db.Close()
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(path + suffix)
		}
		if !keyExisted {
			os.Remove(keyPath(path))
		}
		return 0, 0, err
	}
	reports, err := ledger.Verify(ctx, db, signer.Public())
	if err != nil {
		return 0, 0, err
	}
	for _, rep := range reports {
		if !rep.OK() {
			return 0, 0, fmt.Errorf("import: log %s entry %d: %s", rep.Log, rep.Index, rep.Problem)
		}
	}
	return n, len(reports), nil
}
