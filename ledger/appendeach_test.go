package ledger

import (
	"context"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
)

// AppendEach makes a batch with one Append call per append, in order, as a
// test double's AppendBatch: so a double that slows, holds or fails Append
// does the same to the ledger's group commits. It keeps the contract's
// results (a refused append refuses the later ones of its log), but is not
// atomic: a failure other than a refusal ends the batch with that error.
func AppendEach(ctx context.Context, appendFn func(context.Context, string, int64, []logstore.Entry, tlog.TreeHead) error, appends []logstore.Append) ([]error, error) {
	results := make([]error, len(appends))
	refused := map[string]bool{}
	for i, a := range appends {
		if refused[a.Log] {
			results[i] = entente.Errorf(entente.ECONFLICT, "an earlier append to log %q in the batch was refused", a.Log)
			continue
		}
		err := appendFn(ctx, a.Log, a.From, a.Entries, a.Head)
		switch entente.ErrorCode(err) {
		case "":
		case entente.ECONFLICT, entente.EINVALID:
			results[i], refused[a.Log] = err, true
		default:
			return nil, err
		}
	}
	return results, nil
}
