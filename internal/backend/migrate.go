package backend

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

// Migration is what Migrate did: the entries and logs copied, the key the
// heads were checked under and its file.
type Migration struct {
	Entries int64
	Logs    int
	Key     tlog.Verifier
	KeyFile string
}

// Migrate copies every log of the store from into the new or empty store
// to, verified, all or nothing: into SQLite through a temporary file that
// is renamed into place once verified, into PostgreSQL in one transaction.
// The source's signing key must be found (a copy without it could only be
// served under a new key, which no old head verifies); it is copied beside
// a SQLite target.
func Migrate(ctx context.Context, from, to string) (Migration, error) {
	var m Migration
	src, err := Open(ctx, from, false)
	if err != nil {
		return m, fmt.Errorf("migrate: --from: %w", err)
	}
	defer src.Close()
	if m.KeyFile, err = SignerPath(from); err != nil {
		return m, fmt.Errorf("migrate: the source's signing key: %w", err)
	}
	data, err := os.ReadFile(m.KeyFile)
	if err != nil {
		return m, fmt.Errorf("migrate: the source's signing key (the copy must keep it): %w", err)
	}
	signer, err := tlog.ParseSigner(data)
	if err != nil {
		return m, fmt.Errorf("migrate: signing key %s: %w", m.KeyFile, err)
	}
	m.Key = signer.Public()
	if IsPostgres(to) {
		m.Entries, err = toPostgres(ctx, src, to, &m.Key)
	} else {
		m.Entries, err = toSQLite(ctx, src, to, m.KeyFile, &m.Key)
	}
	if err != nil {
		return m, fmt.Errorf("migrate to %s: %w", Name(to), err)
	}
	logs, err := src.Logs(ctx)
	m.Logs = len(logs)
	return m, err
}

// toPostgres loads src into the empty database at url in one transaction,
// copies the logs' snapshots, then verifies the copy.
func toPostgres(ctx context.Context, src logstore.Store, url string, v *tlog.Verifier) (int64, error) {
	dst, err := postgres.Open(ctx, url)
	if err != nil {
		return 0, err
	}
	defer dst.Close()
	n, err := dst.Load(ctx, src)
	if err != nil {
		return 0, err
	}
	// The snapshots follow the logs' transaction: a copy cut short between
	// the two has no snapshots, which costs its first open a fold.
	if err := storecopy.CopySnapshots(ctx, src, dst); err != nil {
		return 0, err
	}
	return n, storecopy.Verify(ctx, src, dst, v)
}

// toSQLite copies src into a temporary file beside path, verifies it, and
// renames it to path; on any failure the temporary file goes. The source's
// key file is copied to path's key unless one is there.
func toSQLite(ctx context.Context, src logstore.Store, path, keyFile string, v *tlog.Verifier) (n int64, err error) {
	if _, err := os.Stat(path); err == nil {
		return 0, fmt.Errorf("%s exists; migrate into a new store", path)
	}
	tmp := path + ".migrating"
	removeSQLite(tmp)
	dst, err := Open(ctx, tmp, true)
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
	if err = copyKey(keyFile, KeyPath(path)); err != nil {
		return 0, err
	}
	if err = os.WriteFile(PubPath(path), tlog.MarshalVerifier(*v), 0o644); err != nil {
		return 0, err
	}
	return n, os.Rename(tmp, path)
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
