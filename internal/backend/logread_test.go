package backend

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
)

// TestReadLog: ReadLog lists a demo log's entries in the range asked for,
// its head under the store's key, and inclusion and consistency proofs
// that verify against that head; a --from past the end is bad usage
// naming the flag and the range.
func TestReadLog(t *testing.T) {
	ctx := context.Background()
	l, err := OpenLedger(ctx, demoStore(t), false, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	src := StoreSource{l}
	log := string(l.Pacts()[0].Pact.ID)
	size, err := src.Size(ctx, log)
	if err != nil || size < 3 {
		t.Fatalf("log %s: %d entries, %v; want 3 or more", log, size, err)
	}
	all, err := src.Entries(ctx, log, 0, size)
	if err != nil {
		t.Fatal(err)
	}
	read := func(q LogQuery) Listing {
		t.Helper()
		got, err := ReadLog(ctx, src, log, q)
		if err != nil {
			t.Fatalf("ReadLog(%+v): %v", q, err)
		}
		return got
	}
	for _, tc := range []struct {
		name            string
		from, to, limit int64
		want            []int64 // the indexes listed
	}{
		{"all", 0, 0, 0, indexes(0, size)},
		{"from", 1, 0, 0, indexes(1, size)},
		{"limit", 1, 0, 2, []int64{1, 2}},
		{"to", 0, 2, 0, []int64{0, 1}},
		{"to and limit", 0, 2, 5, []int64{0, 1}},
		{"from the end", size, 0, 0, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q := NewLogQuery()
			q.From, q.To, q.Limit = tc.from, tc.to, tc.limit
			got := read(q)
			if len(got.Rows) != len(tc.want) || len(got.V.([]logstore.Entry)) != len(tc.want) {
				t.Fatalf("%d rows, want %d", len(got.Rows), len(tc.want))
			}
			for i, row := range got.Rows {
				e := all[tc.want[i]]
				want := []string{strconv.FormatInt(e.Index, 10), e.LeafHash.String()[:16], string(e.Data)}
				if strings.Join(row, "|") != strings.Join(want, "|") {
					t.Errorf("row %d: %q, want %q", i, row, want)
				}
			}
		})
	}
	q := NewLogQuery()
	q.From = size + 1
	var u cmdline.UsageError
	if _, err := ReadLog(ctx, src, log, q); !errors.As(err, &u) || !strings.Contains(err.Error(), "--from: expected 0 to "+strconv.FormatInt(size, 10)) {
		t.Errorf("--from past the end: %v, want bad usage naming --from and the range", err)
	}

	q = NewLogQuery()
	q.Head = true
	head := read(q)
	h := head.V.(tlog.TreeHead)
	if h.Size != uint64(size) || head.Rows[0][1] != strconv.FormatInt(size, 10) || head.Rows[0][4] != l.Verifier().KeyID() {
		t.Errorf("head: %q, want size %d under key %s", head.Rows, size, l.Verifier().KeyID())
	}
	if err := l.Verifier().Verify(h); err != nil {
		t.Errorf("the head listed does not verify under the store's key: %v", err)
	}

	q = NewLogQuery()
	q.Inclusion = 1
	incl := read(q).V.([]tlog.Hash)
	if err := tlog.VerifyInclusion(all[1].LeafHash, 1, uint64(size), incl, h.Root); err != nil {
		t.Errorf("inclusion proof of entry 1: %v", err)
	}
	q = NewLogQuery()
	q.Consistency = 1
	cons := read(q)
	// The tree of one entry has that entry's leaf hash as its root.
	if err := tlog.VerifyConsistency(1, uint64(size), cons.V.([]tlog.Hash), all[0].LeafHash, h.Root); err != nil {
		t.Errorf("consistency proof from size 1: %v", err)
	}
	if len(cons.Rows) == 0 || cons.Rows[0][0] != "0" || cons.Rows[0][1] != cons.V.([]tlog.Hash)[0].String() {
		t.Errorf("consistency proof rows: %q", cons.Rows)
	}
}

// indexes are from, from+1, ... to-1.
func indexes(from, to int64) []int64 {
	var out []int64
	for i := from; i < to; i++ {
		out = append(out, i)
	}
	return out
}

// redactedSource is a Source of one log whose second entry the reader may
// not read.
type redactedSource struct{ Source }

func (redactedSource) Size(context.Context, string) (int64, error) { return 2, nil }

func (redactedSource) Entries(_ context.Context, _ string, from, to int64) ([]logstore.Entry, error) {
	all := []logstore.Entry{{Index: 0, Data: []byte(`{"seq":0}`)}, {Index: 1}}
	return all[from:to], nil
}

// TestReadLogRedacted: an entry without data is listed as one the reader
// may not read, not as an empty event.
func TestReadLogRedacted(t *testing.T) {
	got, err := ReadLog(context.Background(), redactedSource{}, "p", NewLogQuery())
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Rows) != 2 || got.Rows[0][2] != `{"seq":0}` || got.Rows[1][2] != "(redacted: you may not read this entry)" {
		t.Errorf("rows: %q", got.Rows)
	}
}

func TestLogEnd(t *testing.T) {
	for _, tc := range []struct{ size, from, to, limit, want int64 }{
		{10, 0, 0, 0, 10},
		{10, 2, 0, 3, 5},
		{10, 2, 0, 30, 10},
		{10, 2, 4, 0, 4},
		{10, 2, 40, 0, 10},
		{10, 2, 4, 1, 3},
	} {
		if got := logEnd(tc.size, tc.from, tc.to, tc.limit); got != tc.want {
			t.Errorf("logEnd(size %d, from %d, to %d, limit %d) = %d, want %d", tc.size, tc.from, tc.to, tc.limit, got, tc.want)
		}
	}
}
