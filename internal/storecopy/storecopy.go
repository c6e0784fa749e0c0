// Package storecopy copies every log of one store into another through the
// Store interface, keeping each entry's exact bytes and each signed tree
// head as it was appended, and verifies a copy against its source. It is
// how 'entente migrate' moves a store between SQLite and PostgreSQL.
package storecopy

import (
	"bytes"
	"context"
	"fmt"

	"github.com/entente/entente/ledger"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
)

// Copy replays every log of src into dst through the Store interface:
// one Append per head, covering the entries up to its size; then it
// copies the logs' snapshots (see CopySnapshots).
func Copy(ctx context.Context, src, dst logstore.Store) (int64, error) {
	n, err := copyLogs(ctx, src, dst)
	if err != nil {
		return n, err
	}
	return n, CopySnapshots(ctx, src, dst)
}

// CopySnapshots copies the snapshot of every log of src that has one into
// dst, which holds the same logs, so that the copy opens as fast as its
// source instead of folding every log once. A snapshot names the size and
// root of the entries it covers, and heads are copied exactly, so it
// matches the copy as it matched the source; Verify then checks each
// against a fresh fold, as 'entente verify' does, so a snapshot that does
// not match its log fails the copy rather than reaching it.
func CopySnapshots(ctx context.Context, src, dst logstore.Store) error {
	logs, err := src.Logs(ctx)
	if err != nil {
		return err
	}
	for _, log := range logs {
		snap, ok, err := src.Snapshot(ctx, log)
		if err != nil {
			return fmt.Errorf("log %q: reading its snapshot: %w", log, err)
		}
		if !ok {
			continue
		}
		if err := dst.PutSnapshot(ctx, snap); err != nil {
			return fmt.Errorf("log %q: writing its snapshot: %w", log, err)
		}
	}
	return nil
}

// copyLogs copies the entries and heads of every log of src into dst.
func copyLogs(ctx context.Context, src, dst logstore.Store) (int64, error) {
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

// Verify checks that dst holds exactly src's logs, entries, heads and
// snapshots, and that every log of dst verifies under the key (and every
// snapshot matches a fresh fold of its log).
func Verify(ctx context.Context, src, dst logstore.Store, v *tlog.Verifier) error {
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
		if err := sameSnapshot(ctx, src, dst, log); err != nil {
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
func sameLog(ctx context.Context, a, b logstore.Store, log string) error {
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

// sameSnapshot compares one log's snapshots in two stores.
func sameSnapshot(ctx context.Context, a, b logstore.Store, log string) error {
	sa, oka, err := a.Snapshot(ctx, log)
	if err != nil {
		return err
	}
	sb, okb, err := b.Snapshot(ctx, log)
	if err != nil {
		return err
	}
	switch {
	case oka != okb:
		return fmt.Errorf("a snapshot in one store only (source %t, copy %t)", oka, okb)
	case oka && (sa.Size != sb.Size || sa.Root != sb.Root || !bytes.Equal(sa.Data, sb.Data)):
		return fmt.Errorf("the snapshot differs")
	}
	return nil
}
