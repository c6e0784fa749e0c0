package ledger

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/sqlite"
	"github.com/entente/entente/tlog"
)

// recordStore records the batches it is handed.
type recordStore struct {
	logstore.Store
	got [][]logstore.Append
}

func (r *recordStore) AppendBatch(ctx context.Context, appends []logstore.Append) ([]error, error) {
	r.got = append(r.got, appends)
	return r.Store.AppendBatch(ctx, appends)
}

// TestSendBatchJoinsAppendsToALog hands sendBatch three consecutive
// appends to one log, one to another and, for the first log again, one
// that does not follow (a conflict): the store gets one append per run of
// consecutive appends, each with one head signed over all of it, and each
// command gets the outcome of the append it joined.
func TestSendBatchJoinsAppendsToALog(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "b.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rec := &recordStore{Store: db}
	signer, _ := tlog.GenerateKey(bytes.NewReader(make([]byte, 32)))
	s := &Service{store: rec, signer: signer}
	trees := map[string]*tlog.Builder{"x": tlog.NewBuilder(), "y": tlog.NewBuilder()}
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	mk := func(log string, from int64, n int) logstore.Append {
		a := logstore.Append{Log: log, From: from}
		for i := range n {
			data := fmt.Appendf(nil, `{"log":%q,"i":%d}`, log, from+int64(i))
			e := logstore.Entry{Index: from + int64(i), Data: data, LeafHash: tlog.LeafHash(data)}
			a.Entries = append(a.Entries, e)
			trees[log].Append(e.LeafHash)
		}
		at = at.Add(time.Second)
		a.Head = tlog.TreeHead{Log: log, Size: trees[log].Size(), Root: trees[log].Root(), Time: at}
		return a
	}
	appends := []logstore.Append{mk("x", 0, 1), mk("y", 0, 2), mk("x", 1, 2), mk("x", 3, 1)}
	stray := appends[3]
	stray.From, stray.Entries = 9, []logstore.Entry{{Index: 9, Data: []byte("{}"), LeafHash: tlog.LeafHash([]byte("{}"))}}
	stray.Head.Size = 10 // well formed, but does not follow: its own append, refused
	appends = append(appends, stray)
	results, err := s.sendBatch(ctx, appends, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.got) != 1 || len(rec.got[0]) != 3 {
		t.Fatalf("store got %d batches (%v), want one of 3 appends", len(rec.got), rec.got)
	}
	sent := rec.got[0]
	if sent[0].Log != "x" || len(sent[0].Entries) != 4 || sent[0].Head.Size != 4 || sent[1].Log != "y" || sent[2].From != 9 {
		t.Errorf("appends sent: %+v", sent)
	}
	for i, want := range []error{nil, nil, nil, nil} {
		if results[i] != want {
			t.Errorf("result %d: %v, want nil", i, results[i])
		}
	}
	if entente.ErrorCode(results[4]) != entente.ECONFLICT {
		t.Errorf("result of the stray append: %v, want a conflict", results[4])
	}
	heads, _ := db.Heads(ctx, "x")
	if len(heads) != 1 || heads[0].Size != 4 || heads[0].Root != trees["x"].Root() || !heads[0].Time.Equal(appends[3].Head.Time) {
		t.Fatalf("heads of x: %+v, want one over its 4 entries at the last append's time", heads)
	}
	if err := signer.Public().Verify(heads[0]); err != nil {
		t.Errorf("joined head: %v", err)
	}
	// The baseline signs each.
	s.signEach.Store(true)
	rec.got = nil
	results, err = s.sendBatch(ctx, []logstore.Append{mk("x", 4, 1), mk("x", 5, 1)}, nil)
	if err != nil || results[0] != nil || results[1] != nil || len(rec.got[0]) != 2 {
		t.Errorf("signing each: %v %v, %d appends sent", results, err, len(rec.got[0]))
	}
}

// TestSendBatchFoldsTheRootsOfTheHeadsItSigns hands sendBatch, as the
// committer does, appends whose heads carry no root, with the compact
// range of each append's log after it: consecutive appends to log x with
// one to y between them, and one to x that does not follow (refused). Each
// head stored, joined or (signing each) not, has the root of exactly its
// log's first Size leaves as stored.
func TestSendBatchFoldsTheRootsOfTheHeadsItSigns(t *testing.T) {
	for _, signEach := range []bool{false, true} {
		t.Run(fmt.Sprintf("signEach=%t", signEach), func(t *testing.T) {
			ctx := context.Background()
			db, err := sqlite.Open(filepath.Join(t.TempDir(), "b.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			signer, _ := tlog.GenerateKey(bytes.NewReader(make([]byte, 32)))
			s := &Service{store: db, signer: signer}
			s.signEach.Store(signEach)
			trees := map[string]*tlog.Builder{"x": tlog.NewBuilder(), "y": tlog.NewBuilder()}
			var ranges []tlog.Range
			mk := func(log string, from int64, n int, tree *tlog.Builder) logstore.Append {
				a := logstore.Append{Log: log, From: from}
				for i := range n {
					data := fmt.Appendf(nil, `{"log":%q,"i":%d}`, log, from+int64(i))
					e := logstore.Entry{Index: from + int64(i), Data: data, LeafHash: tlog.LeafHash(data)}
					a.Entries = append(a.Entries, e)
					tree.Append(e.LeafHash)
				}
				a.Head = tlog.TreeHead{Log: log, Size: tree.Size(), Time: time.Date(2026, 1, 1, 0, 0, len(ranges), 0, time.UTC)}
				ranges = append(ranges, tree.Range())
				return a
			}
			stray := tlog.NewBuilder()
			for i := range 9 {
				stray.Append(tlog.LeafHash(fmt.Appendf(nil, "other %d", i)))
			}
			appends := []logstore.Append{mk("x", 0, 1, trees["x"]), mk("y", 0, 2, trees["y"]), mk("x", 1, 2, trees["x"]), mk("x", 3, 1, trees["x"]), mk("x", 9, 1, stray)}
			results, err := s.sendBatch(ctx, appends, ranges)
			if err != nil {
				t.Fatal(err)
			}
			for i, err := range results[:4] {
				if err != nil {
					t.Errorf("append %d: %v", i, err)
				}
			}
			if entente.ErrorCode(results[4]) != entente.ECONFLICT {
				t.Errorf("the stray append: %v, want a conflict", results[4])
			}
			for _, log := range []string{"x", "y"} {
				entries, _ := db.Entries(ctx, log, 0, -1)
				leaves := make([]tlog.Hash, len(entries))
				for i, e := range entries {
					leaves[i] = e.LeafHash
				}
				heads, _ := db.Heads(ctx, log)
				if len(heads) == 0 || heads[len(heads)-1].Size != uint64(len(leaves)) {
					t.Errorf("log %s: heads %+v over %d entries", log, heads, len(leaves))
				}
				for _, h := range heads {
					if h.Root != tlog.Root(leaves[:h.Size]) {
						t.Errorf("log %s: head of size %d has root %s, its leaves %s", log, h.Size, h.Root, tlog.Root(leaves[:h.Size]))
					}
					if err := signer.Public().Verify(h); err != nil {
						t.Errorf("log %s head %d: %v", log, h.Size, err)
					}
				}
			}
		})
	}
}
