package ledger

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/entente/entente"
	"github.com/entente/entente/tlog"
)

// LogSource is what a monitor reads from a server it does not run: its
// public key, its logs with their sizes, their signed heads, consistency
// proofs between tree sizes, and entries' exact bytes.
type LogSource interface {
	Key(ctx context.Context) (tlog.Verifier, error)
	Logs(ctx context.Context) (map[string]int64, error)
	Head(ctx context.Context, log string) (tlog.TreeHead, error)
	Consistency(ctx context.Context, log string, from, to uint64) ([]tlog.Hash, error)
	Entries(ctx context.Context, log string, from, to int64) ([]SourcedEntry, error)
}

// SourcedEntry is an entry as a server serves it: its bytes, or none when
// the reader is not entitled to it (a redacted entry), and its leaf hash.
type SourcedEntry struct {
	Data []byte
	Leaf tlog.Hash
}

// MonitorState is what a monitor remembers between runs: the server's key
// (pinned on first use) and the last signed head it accepted for each log.
type MonitorState struct {
	Key  string                   `json:"key"`
	Logs map[string]tlog.TreeHead `json:"logs"`
}

// MonitorReport is what a monitor found in one log.
type MonitorReport struct {
	Log      string `json:"log"`
	Size     uint64 `json:"size"`
	Seen     uint64 `json:"seen"`
	Signed   int    `json:"signed"`
	Attested bool   `json:"attested,omitempty"`
	// Redacted counts the entries the monitor may not read: their leaf
	// hashes are checked against the head, but the log is not replayed.
	Redacted int    `json:"redacted,omitempty"`
	Problem  string `json:"problem,omitempty"`
	Index    int64  `json:"index"`
}

// OK reports whether the log passed.
func (r MonitorReport) OK() bool { return r.Problem == "" }

// Monitor checks a server against what it showed before, as Certificate
// Transparency monitors do: the key must be the pinned one; every log seen
// before must still be there; each log's new signed head must verify,
// must not be smaller than the last head seen (a rollback), and must extend
// it (a consistency proof, else a fork or a rewrite); the entries served
// must hash to the head's root; and every log must replay as Verify
// replays it (every member action re-run from its signature). The state is
// advanced only for logs that pass. pin, when given, is the key to expect
// on first use.
func Monitor(ctx context.Context, src LogSource, st *MonitorState, pin *tlog.Verifier) ([]MonitorReport, error) {
	v, err := src.Key(ctx)
	if err != nil {
		return nil, fmt.Errorf("monitor: the server's key: %w", err)
	}
	if err := checkKey(st, v, pin); err != nil {
		return nil, err
	}
	sizes, err := src.Logs(ctx)
	if err != nil {
		return nil, fmt.Errorf("monitor: listing logs: %w", err)
	}
	names := monitoredLogs(st, sizes)
	reg := entente.NewRegistry()
	reports := make([]MonitorReport, 0, len(names))
	for _, name := range names {
		r, next := monitorLog(ctx, src, st, v, name, sizes, reg)
		if next != nil {
			reg = next
		}
		reports = append(reports, r)
	}
	return reports, nil
}

func checkKey(st *MonitorState, v tlog.Verifier, pin *tlog.Verifier) error {
	if pin != nil && pin.KeyID() != v.KeyID() {
		return entente.Errorf(entente.EFORBIDDEN, "monitor: the server's key %s is not the pinned key %s", v.KeyID(), pin.KeyID())
	}
	if st.Key != "" && st.Key != v.KeyID() {
		return entente.Errorf(entente.EFORBIDDEN, "monitor: the server's key changed from %s to %s", st.Key, v.KeyID())
	}
	st.Key = v.KeyID()
	if st.Logs == nil {
		st.Logs = map[string]tlog.TreeHead{}
	}
	return nil
}

// monitoredLogs lists the logs served and those seen before, registry
// first.
func monitoredLogs(st *MonitorState, sizes map[string]int64) []string {
	all := map[string]bool{}
	for n := range sizes {
		all[n] = true
	}
	for n := range st.Logs {
		all[n] = true
	}
	names := make([]string, 0, len(all))
	for n := range all {
		names = append(names, n)
	}
	sort.Strings(names)
	return registryFirst(names)
}

// monitorLog checks one log and advances the state when it passes.
func monitorLog(ctx context.Context, src LogSource, st *MonitorState, v tlog.Verifier, name string, sizes map[string]int64, reg *entente.Registry) (MonitorReport, *entente.Registry) {
	seen, wasSeen := st.Logs[name]
	r := MonitorReport{Log: name, Seen: seen.Size}
	fail := func(index int64, format string, args ...any) (MonitorReport, *entente.Registry) {
		r.Problem, r.Index = fmt.Sprintf(format, args...), index
		return r, nil
	}
	if _, ok := sizes[name]; !ok {
		return fail(0, "the server no longer lists this log (it held %d entries)", seen.Size)
	}
	head, err := src.Head(ctx, name)
	if err != nil {
		return fail(0, "fetching the signed head: %v", err)
	}
	r.Size = head.Size
	if err := v.Verify(head); err != nil || head.Log != name {
		return fail(0, "the signed head does not verify under the server's key")
	}
	if wasSeen {
		if head.Size < seen.Size {
			return fail(int64(head.Size), "rolled back: the head covers %d entries, %d were seen before", head.Size, seen.Size)
		}
		proof, err := src.Consistency(ctx, name, seen.Size, head.Size)
		if err != nil {
			return fail(int64(seen.Size), "fetching the consistency proof: %v", err)
		}
		if err := tlog.VerifyConsistency(seen.Size, head.Size, proof, seen.Root, head.Root); err != nil {
			return fail(0, "forked or rewritten: the head of %d entries does not extend the head of %d seen before", head.Size, seen.Size)
		}
	}
	served, err := src.Entries(ctx, name, 0, int64(head.Size))
	if err != nil || uint64(len(served)) != head.Size {
		return fail(0, "fetching the %d entries the head covers: %v", head.Size, err)
	}
	leaves := make([]tlog.Hash, len(served))
	data := make([][]byte, len(served))
	for i, e := range served {
		leaves[i], data[i] = e.Leaf, e.Data
		if e.Data == nil {
			r.Redacted++
		} else if tlog.LeafHash(e.Data) != e.Leaf {
			return fail(int64(i), "the entry served does not hash to the leaf hash served with it")
		}
	}
	if tlog.Root(leaves) != head.Root {
		// A root alone cannot say which entry changed: start at the first.
		return fail(0, "the entries served are not those the signed head commits to")
	}
	// Every head a member countersigned must still be a prefix of the log.
	for _, w := range reg.Witnesses[name] {
		if w.Size > uint64(len(leaves)) || tlog.Root(leaves[:w.Size]).String() != w.Root {
			return fail(int64(min(w.Size, uint64(len(leaves)))), "the log no longer extends the head of %d entries that %s witnessed", w.Size, w.Actor)
		}
	}
	if r.Redacted > 0 {
		// The proofs hold; what the monitor may not read it cannot replay.
		st.Logs[name] = head
		return r, nil
	}
	var lr LogReport
	next, err := replayLog(name, data, reg, &lr, nil, nil)
	if err != nil {
		var re *replayError
		if errors.As(err, &re) {
			return fail(re.index, "%s", re.msg)
		}
		return fail(0, "%v", err)
	}
	r.Signed, r.Attested = lr.Signed, lr.Attested
	st.Logs[name] = head
	return r, next
}
