package backend

import (
	"context"
	"time"

	"github.com/entente/entente/ledger"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
)

// WriteRecord writes logs as the operator's record, signed at now, into
// the new store that path names (ledger.WriteRecord through Fill, so the
// record is replayed and verified before anything is kept and a failure
// leaves no SQLite store behind), and returns the number of entries
// written. world import and sim --db write their stores with it.
func WriteRecord(ctx context.Context, path string, now time.Time, logs []ledger.Recorded) (n int64, err error) {
	err = Fill(ctx, path, func(db logstore.Store, signer tlog.Signer) error {
		n, err = ledger.WriteRecord(ctx, db, signer, now, logs)
		return err
	})
	return n, err
}
