package storetest_test

import (
	"bytes"
	"context"
	"slices"
	"sync"
	"testing"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/storetest"
	"github.com/entente/entente/tlog"
)

// TestMemStore runs the suite against memStore, a store with no database
// behind it, to show that the suite assumes nothing about a backend beyond
// the contract: not files, not SQL.
func TestMemStore(t *testing.T) {
	storetest.Run(t, func(tb testing.TB, dir string) logstore.Store {
		return &memStore{data: memDir(dir)}
	})
}

// memData is the content of one store; every memStore opened on the same
// dir shares it, which is what "reopen" means in memory.
type memData struct {
	mu      sync.Mutex
	entries map[string][]logstore.Entry
	heads   map[string][]tlog.TreeHead
	snaps   map[string]logstore.Snapshot
}

var (
	memDirsMu sync.Mutex
	memDirs   = map[string]*memData{}
)

func memDir(dir string) *memData {
	memDirsMu.Lock()
	defer memDirsMu.Unlock()
	d := memDirs[dir]
	if d == nil {
		d = &memData{entries: map[string][]logstore.Entry{}, heads: map[string][]tlog.TreeHead{}, snaps: map[string]logstore.Snapshot{}}
		memDirs[dir] = d
	}
	return d
}

// memStore is a minimal in-memory logstore.Store.
type memStore struct {
	data *memData
}

func (s *memStore) Append(ctx context.Context, log string, from int64, entries []logstore.Entry, head tlog.TreeHead) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := checkMemAppend(log, from, entries, head); err != nil {
		return err
	}
	d := s.data
	d.mu.Lock()
	defer d.mu.Unlock()
	if n := int64(len(d.entries[log])); n != from {
		return entente.Errorf(entente.ECONFLICT, "log holds %d entries, not %d", n, from)
	}
	for _, e := range entries {
		e.Data = bytes.Clone(e.Data)
		d.entries[log] = append(d.entries[log], e)
	}
	head.Signature = bytes.Clone(head.Signature)
	head.Time = head.Time.UTC()
	d.heads[log] = append(d.heads[log], head)
	return nil
}

func checkMemAppend(log string, from int64, entries []logstore.Entry, head tlog.TreeHead) error {
	if log == "" || len(entries) == 0 || from < 0 || head.Log != log || head.Size != uint64(from)+uint64(len(entries)) {
		return entente.Errorf(entente.EINVALID, "malformed append")
	}
	for i, e := range entries {
		if e.Index != from+int64(i) {
			return entente.Errorf(entente.EINVALID, "entry %d has index %d", i, e.Index)
		}
	}
	return nil
}

func (s *memStore) Entries(ctx context.Context, log string, from, to int64) ([]logstore.Entry, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if from < 0 || (to >= 0 && to < from) {
		return nil, entente.Errorf(entente.EINVALID, "range [%d, %d)", from, to)
	}
	s.data.mu.Lock()
	defer s.data.mu.Unlock()
	all := s.data.entries[log]
	n := int64(len(all))
	if to < 0 || to > n {
		to = n
	}
	from = min(from, to)
	out := slices.Clone(all[from:to])
	for i := range out {
		out[i].Data = bytes.Clone(out[i].Data)
	}
	return out, nil
}

func (s *memStore) Len(ctx context.Context, log string) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	s.data.mu.Lock()
	defer s.data.mu.Unlock()
	return int64(len(s.data.entries[log])), nil
}

func (s *memStore) Logs(ctx context.Context) ([]string, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.data.mu.Lock()
	defer s.data.mu.Unlock()
	var logs []string
	for log := range s.data.entries {
		logs = append(logs, log)
	}
	slices.Sort(logs)
	return logs, nil
}

func (s *memStore) Heads(ctx context.Context, log string) ([]tlog.TreeHead, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.data.mu.Lock()
	defer s.data.mu.Unlock()
	out := slices.Clone(s.data.heads[log])
	for i := range out {
		out[i].Signature = bytes.Clone(out[i].Signature)
	}
	return out, nil
}

func (s *memStore) Close() error { return nil }

// AppendBatch applies the appends in order under the store's lock, as
// one transaction would.
func (s *memStore) AppendBatch(ctx context.Context, appends []logstore.Append) ([]error, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	d := s.data
	d.mu.Lock()
	defer d.mu.Unlock()
	results := make([]error, len(appends))
	refused := map[string]bool{}
	for i, a := range appends {
		switch {
		case refused[a.Log]:
			results[i] = entente.Errorf(entente.ECONFLICT, "an earlier append to %s was refused", a.Log)
		case checkMemAppend(a.Log, a.From, a.Entries, a.Head) != nil:
			results[i] = checkMemAppend(a.Log, a.From, a.Entries, a.Head)
		case int64(len(d.entries[a.Log])) != a.From:
			results[i] = entente.Errorf(entente.ECONFLICT, "log holds %d entries, not %d", len(d.entries[a.Log]), a.From)
		default:
			for _, e := range a.Entries {
				e.Data = bytes.Clone(e.Data)
				d.entries[a.Log] = append(d.entries[a.Log], e)
			}
			head := a.Head
			head.Signature = bytes.Clone(head.Signature)
			head.Time = head.Time.UTC()
			d.heads[a.Log] = append(d.heads[a.Log], head)
		}
		if results[i] != nil {
			refused[a.Log] = true
		}
	}
	return results, nil
}

func (s *memStore) LatestHead(ctx context.Context, log string) (tlog.TreeHead, bool, error) {
	heads, err := s.Heads(ctx, log)
	if err != nil || len(heads) == 0 {
		return tlog.TreeHead{}, false, err
	}
	return heads[len(heads)-1], true, nil
}

func (s *memStore) HeadsFrom(ctx context.Context, log string, size int64) ([]tlog.TreeHead, error) {
	heads, err := s.Heads(ctx, log)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(heads, func(h tlog.TreeHead) bool { return int64(h.Size) < size }), nil
}

func (s *memStore) PutSnapshot(ctx context.Context, snap logstore.Snapshot) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	switch {
	case snap.Log == "":
		return entente.FieldErrorf(entente.EINVALID, "log", "no log")
	case snap.Size < 1:
		return entente.FieldErrorf(entente.EINVALID, "size", "size %d", snap.Size)
	}
	snap.Data = bytes.Clone(snap.Data)
	s.data.mu.Lock()
	defer s.data.mu.Unlock()
	s.data.snaps[snap.Log] = snap
	return nil
}

func (s *memStore) Snapshot(ctx context.Context, log string) (logstore.Snapshot, bool, error) {
	if err := ctx.Err(); err != nil {
		return logstore.Snapshot{}, false, err
	}
	s.data.mu.Lock()
	defer s.data.mu.Unlock()
	snap, ok := s.data.snaps[log]
	snap.Data = bytes.Clone(snap.Data)
	return snap, ok, nil
}

func (s *memStore) DeleteSnapshot(ctx context.Context, log string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.data.mu.Lock()
	defer s.data.mu.Unlock()
	delete(s.data.snaps, log)
	return nil
}

// TestMemoryDrafts runs the drafts' contract against logstore.Memory, one
// per dir.
func TestMemoryDrafts(t *testing.T) {
	var mu sync.Mutex
	mems := map[string]*logstore.Memory{}
	storetest.RunDrafts(t, func(tb testing.TB, dir string) storetest.DraftsAndWebhooks {
		mu.Lock()
		defer mu.Unlock()
		if mems[dir] == nil {
			mems[dir] = logstore.NewMemory()
		}
		return mems[dir]
	})
}
