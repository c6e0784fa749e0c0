package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/entente/entente"
	"github.com/entente/entente/ledger"
	"github.com/entente/entente/postgres"
	"github.com/entente/entente/tlog"
)

func init() {
	register(verb{"migrate", "copy a store between SQLite and PostgreSQL, verified, all or nothing", runMigrate})
}

func runMigrate(ctx context.Context, env *cli, args []string) error {
	fs := newFlags(env, "migrate", "--from STORE --to STORE", `
Copies every log of one store into another: a SQLite file (entente.db) or a
PostgreSQL database (postgres://user@host/db). Entries keep their exact
bytes and every signed tree head is copied as it was appended. The copy is
all or nothing: into SQLite it is written to a temporary file that is
renamed into place only once verified; into PostgreSQL it is one
transaction. The target must be new (a file that does not exist) or empty
(a database holding no logs). The copy is then verified: every entry and
head is compared with the source, and the signed heads are checked against
the source's signing key, which must be found: beside a SQLite source, or
named by ENTENTE_KEY for a PostgreSQL one. The key (and its public half) is
copied beside a SQLite target; servers on a PostgreSQL target name it with
ENTENTE_KEY.`)
	from := fs.String("from", "", "the `store` to copy: a SQLite file or a postgres:// URL")
	to := fs.String("to", "", "the new or empty `store` to copy into")
	if err := parse(fs, args); err != nil {
		return err
	}
	switch {
	case *from == "":
		return usagef("migrate: --from: expected the store to copy")
	case *to == "":
		return usagef("migrate: --to: expected the store to copy into")
	case *from == *to:
		return usagef("migrate: --from and --to name the same store %s", backendName(*from))
	}
	src, err := openBackend(ctx, *from, false)
	if err != nil {
		return fmt.Errorf("migrate: --from: %w", err)
	}
	defer src.Close()
	verifier, keyFile, err := sourceVerifier(*from)
	if err != nil {
		return err
	}
	var n int64
	if isPostgres(*to) {
		n, err = migrateToPostgres(ctx, src, *to, verifier)
	} else {
		n, err = migrateToSQLite(ctx, src, *to, keyFile, verifier)
	}
	if err != nil {
		return fmt.Errorf("migrate to %s: %w", backendName(*to), err)
	}
	logs, err := src.Logs(ctx)
	if err != nil {
		return err
	}
	check := "entries and heads compared, heads verified under key " + verifier.KeyID()
	fmt.Fprintf(env.stdout, "migrated %d entries in %d logs from %s to %s; %s\n", n, len(logs), backendName(*from), backendName(*to), check)
	if isPostgres(*to) {
		fmt.Fprintf(env.stdout, "servers on %s must sign with the same key: %s=%s\n", backendName(*to), keyEnv, keyFile)
	}
	return nil
}

// sourceVerifier loads the signing key of the store at from and returns
// its public half and the key's file. The key is required: a copy without
// it could only be served under a new key, which no old head verifies.
func sourceVerifier(from string) (*tlog.Verifier, string, error) {
	keyFile, err := backendKeyPath(from)
	if err != nil {
		return nil, "", fmt.Errorf("migrate: the source's signing key: %w", err)
	}
	data, err := os.ReadFile(keyFile)
	if err != nil {
		return nil, "", fmt.Errorf("migrate: the source's signing key (the copy must keep it): %w", err)
	}
	signer, err := tlog.ParseSigner(data)
	if err != nil {
		return nil, "", fmt.Errorf("migrate: signing key %s: %w", keyFile, err)
	}
	v := signer.Public()
	return &v, keyFile, nil
}

// migrateToPostgres loads src into the empty database at url in one
// transaction, then verifies the copy.
func migrateToPostgres(ctx context.Context, src entente.Store, url string, v *tlog.Verifier) (int64, error) {
	dst, err := postgres.Open(ctx, url)
	if err != nil {
		return 0, err
	}
	defer dst.Close()
	n, err := dst.Load(ctx, src)
	if err != nil {
		return 0, err
	}
	return n, verifyCopy(ctx, src, dst, v)
}

// migrateToSQLite copies src into a temporary file beside path, verifies
// it, and renames it to path; on any failure the temporary file goes. The
// source's key file, if any, is copied to path's key unless one is there.
func migrateToSQLite(ctx context.Context, src entente.Store, path, keyFile string, v *tlog.Verifier) (n int64, err error) {
	if _, err := os.Stat(path); err == nil {
		return 0, fmt.Errorf("%s exists; migrate into a new store", path)
	}
	tmp := path + ".migrating"
	removeSQLite(tmp)
	dst, err := openBackend(ctx, tmp, true)
	if err != nil {
		return 0, err
	}
	defer func() {
		if err != nil {
			dst.Close()
			removeSQLite(tmp)
		}
	}()
	if n, err = copyLogs(ctx, src, dst); err != nil {
		return 0, err
	}
	if err = verifyCopy(ctx, src, dst, v); err != nil {
		return 0, err
	}
	if err = dst.Close(); err != nil {
		return 0, err
	}
	if err = copyKey(keyFile, keyPath(path)); err != nil {
		return 0, err
	}
	if err = os.WriteFile(pubPath(path), tlog.MarshalVerifier(*v), 0o644); err != nil {
		return 0, err
	}
	if err = os.Rename(tmp, path); err != nil {
		return 0, err
	}
	return n, nil
}

// removeSQLite removes a SQLite database file and its companions.
func removeSQLite(path string) {
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(path + suffix)
	}
}

// copyKey copies the key file from to the path to, unless a file is there.
func copyKey(from, to string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	return errors.Join(err, f.Close())
}

// copyLogs replays every log of src into dst through the Store interface:
// one Append per head, covering the entries up to its size.
func copyLogs(ctx context.Context, src, dst entente.Store) (int64, error) {
	logs, err := src.Logs(ctx)
	if err != nil {
		return 0, err
	}
	var total int64
	for _, log := range logs {
		entries, err := src.Entries(ctx, log, 0, -1)
		if err != nil {
			return 0, err
		}
		heads, err := src.Heads(ctx, log)
		if err != nil {
			return 0, err
		}
		var from int64
		for _, h := range heads {
			if h.Size <= uint64(from) || h.Size > uint64(len(entries)) {
				return 0, fmt.Errorf("log %q: head of size %d follows one of size %d in a log of %d entries", log, h.Size, from, len(entries))
			}
			if err := dst.Append(ctx, log, from, entries[from:h.Size], h); err != nil {
				return 0, err
			}
			from = int64(h.Size)
		}
		if from != int64(len(entries)) {
			return 0, fmt.Errorf("log %q: entries %d to %d are covered by no head", log, from, len(entries))
		}
		total += from
	}
	return total, nil
}

// verifyCopy checks that dst holds exactly src's logs, entries and heads,
// and that every log of dst verifies under the key.
func verifyCopy(ctx context.Context, src, dst entente.Store, v *tlog.Verifier) error {
	logs, err := src.Logs(ctx)
	if err != nil {
		return err
	}
	got, err := dst.Logs(ctx)
	if err != nil {
		return err
	}
	if len(got) != len(logs) {
		return fmt.Errorf("verify: the copy has %d logs, the source %d", len(got), len(logs))
	}
	for i, log := range logs {
		if got[i] != log {
			return fmt.Errorf("verify: the copy has log %q where the source has %q", got[i], log)
		}
		if err := sameLog(ctx, src, dst, log); err != nil {
			return fmt.Errorf("verify: log %q: %w", log, err)
		}
	}
	reports, err := ledger.Verify(ctx, dst, *v)
	if err != nil {
		return err
	}
	for _, r := range reports {
		if !r.OK() {
			return fmt.Errorf("verify: log %s entry %d: %s", r.Log, r.Index, r.Problem)
		}
	}
	return nil
}

// sameLog compares one log's entries and heads in two stores.
func sameLog(ctx context.Context, a, b entente.Store, log string) error {
	ea, err := a.Entries(ctx, log, 0, -1)
	if err != nil {
		return err
	}
	eb, err := b.Entries(ctx, log, 0, -1)
	if err != nil {
		return err
	}
	if len(ea) != len(eb) {
		return fmt.Errorf("%d entries in the copy, %d in the source", len(eb), len(ea))
	}
	for i := range ea {
		if ea[i].Index != eb[i].Index || ea[i].LeafHash != eb[i].LeafHash || !bytes.Equal(ea[i].Data, eb[i].Data) {
			return fmt.Errorf("entry %d differs", i)
		}
	}
	ha, err := a.Heads(ctx, log)
	if err != nil {
		return err
	}
	hb, err := b.Heads(ctx, log)
	if err != nil {
		return err
	}
	if len(ha) != len(hb) {
		return fmt.Errorf("%d heads in the copy, %d in the source", len(hb), len(ha))
	}
	for i := range ha {
		if !bytes.Equal(ha[i].SignedMessage(), hb[i].SignedMessage()) || !bytes.Equal(ha[i].Signature, hb[i].Signature) {
			return fmt.Errorf("head %d (size %d) differs", i, ha[i].Size)
		}
	}
	return nil
}
