package sqlite

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
)

// TestHeadsOnLastEntries writes heads by single appends, by a batch that
// makes several appends to one log (each its own head, on its own last
// entry), by refused and malformed appends in a batch (no head), and one
// head per entry, with empty and nil signatures, and reads them back with
// Heads, HeadsFrom at every size and LatestHead, before and after
// reopening: exactly the heads of the appends made, whole.
func TestHeadsOnLastEntries(t *testing.T) {
	path := filepath.Join(t.TempDir(), "entente.db")
	db := mustOpen(t, path)
	ctx := t.Context()
	want := map[string][]tlog.TreeHead{}
	n := 0
	head := func(log string, size int64) tlog.TreeHead {
		n++
		h := tlog.TreeHead{Log: log, Size: uint64(size), Root: tlog.Hash{byte(n), 0xee}, Time: time.Date(2026, 4, 5, 6, 7, 8, n*1001, time.UTC), Signature: []byte(fmt.Sprintf("sig %d", n))}
		switch n % 5 {
		case 3:
			h.Signature = []byte{} // empty is a signature, not none
		case 4:
			h.Signature = nil
		}
		return h
	}
	appendN := func(log string, from int64, k int) logstore.Append {
		return logstore.Append{Log: log, From: from, Entries: entriesAt(log, from, k), Head: head(log, from+int64(k))}
	}
	a := appendN("p", 0, 3)
	if err := db.Append(ctx, a.Log, a.From, a.Entries, a.Head); err != nil {
		t.Fatal(err)
	}
	want["p"] = append(want["p"], a.Head)
	for i := range int64(5) { // a head on every entry
		a := appendN("every", i, 1)
		if err := db.Append(ctx, a.Log, a.From, a.Entries, a.Head); err != nil {
			t.Fatal(err)
		}
		want["every"] = append(want["every"], a.Head)
	}
	invalid := appendN("q", 0, 1)
	invalid.Head.Size = 9
	batch := []struct {
		a    logstore.Append
		code string // "" when written
	}{
		{appendN("p", 3, 1), ""},
		{appendN("p", 4, 2), ""},
		{invalid, entente.EINVALID},
		{appendN("q", 0, 1), entente.ECONFLICT}, // after a refused append to q
		{appendN("r", 5, 1), entente.ECONFLICT},
		{appendN("every", 5, 1), ""},
		{appendN("p", 6, 1), ""},
		{appendN("every", 5, 1), entente.ECONFLICT},
		{appendN("every", 6, 1), entente.ECONFLICT}, // after a refused append to every
	}
	var appends []logstore.Append
	for _, b := range batch {
		appends = append(appends, b.a)
	}
	results, err := db.AppendBatch(ctx, appends)
	if err != nil {
		t.Fatal(err)
	}
	for i, b := range batch {
		if got := entente.ErrorCode(results[i]); got != b.code || (b.code == "") != (results[i] == nil) {
			t.Errorf("batch append %d to %s at %d: %v, want %q", i, b.a.Log, b.a.From, results[i], b.code)
		}
		if b.code == "" {
			want[b.a.Log] = append(want[b.a.Log], b.a.Head)
		}
	}
	check := func(when string) {
		for _, log := range []string{"p", "every", "q", "r"} {
			heads := want[log]
			got, err := db.Heads(ctx, log)
			if err != nil {
				t.Fatal(err)
			}
			checkHeads(t, fmt.Sprintf("%s: Heads(%s)", when, log), got, heads)
			last := int64(0)
			if len(heads) > 0 {
				last = int64(heads[len(heads)-1].Size)
			}
			for size := int64(-1); size <= last+1; size++ {
				var from []tlog.TreeHead
				for _, h := range heads {
					if int64(h.Size) >= size {
						from = append(from, h)
					}
				}
				got, err := db.HeadsFrom(ctx, log, size)
				if err != nil {
					t.Fatal(err)
				}
				checkHeads(t, fmt.Sprintf("%s: HeadsFrom(%s, %d)", when, log, size), got, from)
			}
			h, ok, err := db.LatestHead(ctx, log)
			if err != nil || ok != (len(heads) > 0) {
				t.Errorf("%s: LatestHead(%s) = %t, %v; want %t", when, log, ok, err, len(heads) > 0)
			} else if ok {
				checkHeads(t, fmt.Sprintf("%s: LatestHead(%s)", when, log), []tlog.TreeHead{h}, heads[len(heads)-1:])
			}
		}
	}
	check("before reopening")
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db = mustOpen(t, path)
	defer db.Close()
	check("after reopening")
}

// checkHeads compares heads read with those appended, field by field (a
// nil signature is read back empty).
func checkHeads(t *testing.T, what string, got, want []tlog.TreeHead) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s = %d heads, want %d", what, len(got), len(want))
		return
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Log != w.Log || g.Size != w.Size || g.Root != w.Root || !g.Time.Equal(w.Time) || g.Time.Location() != time.UTC || !bytes.Equal(g.Signature, w.Signature) {
			t.Errorf("%s[%d] = %+v, want %+v", what, i, g, w)
		}
	}
}

// TestEntryHeadColumnsTogether pins the CHECK of migration 0006: an
// entry carries a head's root, time and signature all three or none, so
// that a head is never half there (Heads reads the rows whose signature
// is set, and would fail on a NULL root or time).
func TestEntryHeadColumnsTogether(t *testing.T) {
	db := MustOpenDB(t)
	root := make([]byte, 32)
	const stamp = "2026-01-01T00:00:00Z"
	sig := []byte{1}
	for i, c := range []struct {
		root []byte
		time any
		sig  []byte
		ok   bool
	}{
		{nil, nil, nil, true},
		{root, stamp, sig, true},
		{root, stamp, []byte{}, true},
		{root, nil, nil, false},
		{nil, stamp, nil, false},
		{nil, nil, sig, false},
		{root, stamp, nil, false},
		{root, nil, sig, false},
		{nil, stamp, sig, false},
		{make([]byte, 31), stamp, sig, false},
	} {
		data := []byte{byte(i)}
		leaf := tlog.LeafHash(data)
		_, err := db.write.Exec(insertEntry, "p", i, data, leaf[:], c.root, c.time, c.sig)
		if (err == nil) != c.ok {
			t.Errorf("entry %d with root %d bytes, time %v, signature %v: %v, want ok %t", i, len(c.root), c.time, c.sig, err, c.ok)
		}
	}
}
