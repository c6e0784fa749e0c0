package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/entente/entente/internal/storecopy"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/postgres"
	"github.com/entente/entente/tlog"
)

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
func migrateToPostgres(ctx context.Context, src logstore.Store, url string, v *tlog.Verifier) (int64, error) {
	dst, err := postgres.Open(ctx, url)
	if err != nil {
		return 0, err
	}
	defer dst.Close()
	n, err := dst.Load(ctx, src)
	if err != nil {
		return 0, err
	}
	return n, storecopy.Verify(ctx, src, dst, v)
}

// migrateToSQLite copies src into a temporary file beside path, verifies
// it, and renames it to path; on any failure the temporary file goes. The
// source's key file, if any, is copied to path's key unless one is there.
func migrateToSQLite(ctx context.Context, src logstore.Store, path, keyFile string, v *tlog.Verifier) (n int64, err error) {
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
	if n, err = storecopy.Copy(ctx, src, dst); err != nil {
		return 0, err
	}
	if err = storecopy.Verify(ctx, src, dst, v); err != nil {
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
