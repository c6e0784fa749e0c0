package backend

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/client"
	"github.com/entente/entente/internal/atomicfile"
	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/ledger"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/postgres"
	"github.com/entente/entente/tlog"
)

// Ledger is a store opened with its signing key, and the ledger service
// over it: what every verb that reads or writes pacts works on.
type Ledger struct {
	*ledger.Service
	Store  logstore.Store
	Signer tlog.Signer
}

// OpenLedger opens the store that db names with its signing key
// (OpenSigned; create allows a new one) and the ledger over it, on the
// clock now. The functions before run on the store first, in order (such
// as seeding the demo into an empty store), and the ledger opens over
// what they wrote.
func OpenLedger(ctx context.Context, db string, create bool, now func() time.Time, before ...func(logstore.Store, tlog.Signer) error) (*Ledger, error) {
	return OpenLedgerWith(ctx, db, create, now, ledger.Options{}, before...)
}

// OpenLedgerWith is OpenLedger with the ledger's options (such as a bound
// on the pact states kept in memory).
func OpenLedgerWith(ctx context.Context, db string, create bool, now func() time.Time, opts ledger.Options, before ...func(logstore.Store, tlog.Signer) error) (*Ledger, error) {
	st, signer, err := OpenSigned(ctx, db, create)
	if err != nil {
		return nil, err
	}
	for _, f := range before {
		if err := f(st, signer); err != nil {
			return nil, errors.Join(err, st.Close())
		}
	}
	svc, err := ledger.OpenWith(ctx, st, signer, now, opts)
	if err != nil {
		return nil, errors.Join(err, st.Close())
	}
	return &Ledger{Service: svc, Store: st, Signer: signer}, nil
}

// Close writes the snapshots the service took, which need the store, and
// then closes the store.
func (l *Ledger) Close() error {
	l.FlushSnapshots()
	return l.Store.Close()
}

// Follow has l catch up with the appends other servers make to the same
// store until ctx is done: on PostgreSQL, which announces them, as they
// come; with poll set (a read replica passes no announcements), and on a
// store that announces nothing, by checking the store's lengths every
// poll. With poll zero on SQLite it returns at once: one server owns the
// file.
func (l *Ledger) Follow(ctx context.Context, poll time.Duration) {
	if pg, ok := l.Store.(*postgres.DB); ok && poll == 0 {
		pg.Listen(ctx, func(a postgres.Appended) { l.Observe(a.Log, a.Size) })
		return
	}
	if poll > 0 {
		l.Poll(ctx, poll)
	}
}

// Import replays the export r into the new store that db names and
// verifies it, with the exporter's key pinned when pin is set. Nothing of
// a failed import stays (Fill), but a key that was at db before (a
// server's own, kept to restore a backup) is kept and signs the new heads.
func Import(ctx context.Context, db string, r io.Reader, pin *tlog.Verifier, now time.Time) (ledger.ImportReport, error) {
	if err := CheckNew(db); err != nil {
		return ledger.ImportReport{}, err
	}
	var rep ledger.ImportReport
	err := Fill(ctx, db, func(st logstore.Store, signer tlog.Signer) error {
		var err error
		rep, err = ledger.Import(ctx, st, signer, now, bufio.NewReader(r), pin)
		return err
	})
	return rep, err
}

// ImportFile is Import of the export file path (- for stdin) under the
// key in the file pubkey, pinned when set. It refuses an existing SQLite
// store at db before it reads either file.
func ImportFile(ctx context.Context, db, path, pubkey string, stdin io.Reader, now time.Time) (ledger.ImportReport, error) {
	if err := CheckNew(db); err != nil {
		return ledger.ImportReport{}, err
	}
	pin, err := client.LoadPin(pubkey)
	if err != nil {
		return ledger.ImportReport{}, err
	}
	r, err := cmdline.OpenArg(stdin, path)
	if err != nil {
		return ledger.ImportReport{}, err
	}
	defer r.Close()
	return Import(ctx, db, r, pin, now)
}

// CheckNew returns an error when a SQLite store is at path: an import
// fills a new store only. A PostgreSQL URL passes: Fill fills it in place.
func CheckNew(db string) error {
	if _, err := os.Stat(db); err == nil && !IsPostgres(db) {
		return fmt.Errorf("import: %s exists; import into a new store", db)
	}
	return nil
}

// Export writes every log of the store that db names to out as JSON lines
// (ledger.ExportFor): to standard output w when out is empty, else to the
// file out, atomically. With reader set, it holds only what that actor may
// read (an unknown actor is an error naming the field "for"). It returns
// the number of entries written.
func Export(ctx context.Context, db string, reader entente.ActorID, now func() time.Time, w io.Writer, out string) (int64, error) {
	l, err := OpenLedger(ctx, db, false, now)
	if err != nil {
		return 0, err
	}
	defer l.Close()
	var canRead func(string) (func(entente.Event) bool, error)
	if reader != "" {
		if canRead, err = l.ReadableBy(reader); err != nil {
			return 0, entente.FieldErrorf(entente.ErrorCode(err), "for", "%s", entente.ErrorMessage(err))
		}
	}
	var n int64
	write := func(w io.Writer) error {
		var err error
		n, err = ledger.ExportFor(ctx, l.Store, l.Signer, now(), w, canRead)
		return err
	}
	if out != "" {
		return n, atomicfile.WriteFile(out, write)
	}
	return n, write(w)
}

// Verify checks every log of the store that db names against its signed
// tree heads under the public key in the file pubkey, by default the one
// written beside the store (PublicPath).
func Verify(ctx context.Context, db, pubkey string) ([]ledger.LogReport, error) {
	if pubkey == "" {
		p, err := PublicPath(db)
		if err != nil {
			return nil, err
		}
		pubkey = p
	}
	st, err := Open(ctx, db, false)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	v, err := client.LoadServerKey(pubkey)
	if err != nil {
		return nil, err
	}
	return ledger.Verify(ctx, st, v)
}
