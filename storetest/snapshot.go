package storetest

import (
	"bytes"
	"fmt"
	"slices"
	"testing"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
)

// testSnapshots pins down the snapshot API: none until one is put; Put
// replaces whole, a smaller size too; Data round-trips byte for byte
// (empty included) and is the caller's copy; snapshots survive reopening,
// belong to their own log, are removed by DeleteSnapshot (twice is no
// error), and malformed ones are EINVALID and write nothing. The store
// never checks a snapshot against its log: a snapshot of a log with no
// entries, or beyond its end, is kept as given (the reader decides it is
// stale).
func testSnapshots(t *testing.T, s suite) {
	ctx := t.Context()
	dir := t.TempDir()
	st, closeStore := s.openAt(t, dir)
	if _, ok, err := st.Snapshot(ctx, "pact-a"); ok || err != nil {
		t.Fatalf("Snapshot of a new store: ok %t, %v; want none", ok, err)
	}
	w := newLogWriter(t, "pact-a")
	appendSizes(t, ctx, st, w, 3, 2)
	leaves := make([]tlog.Hash, len(w.entries))
	for i, e := range w.entries {
		leaves[i] = e.LeafHash
	}
	data := bytes.Repeat([]byte{0, 1, 0xff, '{'}, 70_000) // past any page size, with NULs
	first := logstore.Snapshot{Log: "pact-a", Size: 5, Root: tlog.Root(leaves), Data: data}
	if err := st.PutSnapshot(ctx, first); err != nil {
		t.Fatalf("PutSnapshot: %v", err)
	}
	data[0] = 'x' // the store keeps its own copy
	got, ok, err := st.Snapshot(ctx, "pact-a")
	if err != nil || !ok {
		t.Fatalf("Snapshot after PutSnapshot: ok %t, %v", ok, err)
	}
	first.Data = slices.Clone(first.Data)
	first.Data[0] = 0
	checkSnapshot(t, "after PutSnapshot", got, first)
	got.Data[1] = 'y' // what it returns is the caller's
	if again, _, _ := st.Snapshot(ctx, "pact-a"); again.Data[1] != 1 {
		t.Errorf("changing the Data Snapshot returned changed the stored snapshot")
	}

	// Replaced whole, even by a smaller one; empty Data is a value.
	smaller := logstore.Snapshot{Log: "pact-a", Size: 3, Root: tlog.Root(leaves[:3])}
	if err := st.PutSnapshot(ctx, smaller); err != nil {
		t.Fatalf("PutSnapshot (smaller): %v", err)
	}
	// Another log's snapshot, of a log that holds nothing, is its own.
	other := logstore.Snapshot{Log: "pact-b", Size: 40, Root: tlog.Hash{1}, Data: []byte(`{}`)}
	if err := st.PutSnapshot(ctx, other); err != nil {
		t.Fatalf("PutSnapshot (other log): %v", err)
	}
	closeStore()

	st, _ = s.openAt(t, dir)
	got, ok, err = st.Snapshot(ctx, "pact-a")
	if err != nil || !ok {
		t.Fatalf("Snapshot after reopening: ok %t, %v", ok, err)
	}
	checkSnapshot(t, "after reopening", got, smaller)
	got, ok, err = st.Snapshot(ctx, "pact-b")
	if err != nil || !ok {
		t.Fatalf("Snapshot(pact-b): ok %t, %v", ok, err)
	}
	checkSnapshot(t, "of another log", got, other)
	if logs, _ := st.Logs(ctx); !slices.Equal(logs, []string{"pact-a"}) {
		t.Errorf("Logs() = %q: a snapshot made a log of pact-b", logs)
	}

	for _, bad := range []struct {
		name  string
		snap  logstore.Snapshot
		field string
	}{
		{"no log", logstore.Snapshot{Size: 1}, "log"},
		{"size 0", logstore.Snapshot{Log: "pact-a", Size: 0}, "size"},
		{"negative size", logstore.Snapshot{Log: "pact-a", Size: -4}, "size"},
	} {
		err := st.PutSnapshot(ctx, bad.snap)
		checkCode(t, "PutSnapshot("+bad.name+")", err, entente.EINVALID)
		if f := entente.ErrorField(err); f != bad.field {
			t.Errorf("PutSnapshot(%s): field %q, want %q", bad.name, f, bad.field)
		}
	}
	if got, _, _ := st.Snapshot(ctx, "pact-a"); got.Size != smaller.Size {
		t.Errorf("a refused PutSnapshot changed the snapshot to size %d", got.Size)
	}

	for range 2 {
		if err := st.DeleteSnapshot(ctx, "pact-a"); err != nil {
			t.Fatalf("DeleteSnapshot: %v", err)
		}
	}
	if _, ok, err := st.Snapshot(ctx, "pact-a"); ok || err != nil {
		t.Errorf("Snapshot after DeleteSnapshot: ok %t, %v; want none", ok, err)
	}
	if _, ok, _ := st.Snapshot(ctx, "pact-b"); !ok {
		t.Errorf("DeleteSnapshot(pact-a) removed pact-b's snapshot")
	}
	if n, _ := st.Len(ctx, "pact-a"); n != 5 {
		t.Errorf("DeleteSnapshot changed the log: Len = %d, want 5", n)
	}
}

// checkSnapshot compares a snapshot read back with the one put.
func checkSnapshot(t *testing.T, what string, got, want logstore.Snapshot) {
	t.Helper()
	if got.Log != want.Log || got.Size != want.Size || got.Root != want.Root || !bytes.Equal(got.Data, want.Data) {
		t.Errorf("Snapshot %s = {%s %d %v %d bytes}, want {%s %d %v %d bytes}", what,
			got.Log, got.Size, got.Root, len(got.Data), want.Log, want.Size, want.Root, len(want.Data))
	}
}

// testHeadsFrom checks HeadsFrom: the heads of at least a size, oldest
// first, as appended.
func testHeadsFrom(t *testing.T, s suite) {
	ctx := t.Context()
	st := s.newStore(t)
	w := newLogWriter(t, "pact")
	appendSizes(t, ctx, st, w, 1, 3, 2, 4)
	for _, c := range []struct {
		size int64
		want []int // indexes into w.heads
	}{{0, []int{0, 1, 2, 3}}, {1, []int{0, 1, 2, 3}}, {4, []int{1, 2, 3}}, {5, []int{2, 3}}, {6, []int{2, 3}}, {10, []int{3}}, {11, nil}} {
		got, err := st.HeadsFrom(ctx, "pact", c.size)
		if err != nil {
			t.Fatalf("HeadsFrom(%d): %v", c.size, err)
		}
		var want []tlog.TreeHead
		for _, i := range c.want {
			want = append(want, w.heads[i])
		}
		if len(got) != len(want) {
			t.Errorf("HeadsFrom(%d) = %d heads, want %d", c.size, len(got), len(want))
			continue
		}
		for i := range want {
			if got[i].Size != want[i].Size || got[i].Root != want[i].Root || !got[i].Time.Equal(want[i].Time) ||
				!bytes.Equal(got[i].Signature, want[i].Signature) || got[i].Log != "pact" {
				t.Errorf("HeadsFrom(%d)[%d] = head %d, want head %d as appended", c.size, i, got[i].Size, want[i].Size)
			}
		}
	}
	if got, err := st.HeadsFrom(ctx, "unknown", 0); err != nil || len(got) != 0 {
		t.Errorf("HeadsFrom(unknown) = %d, %v; want none", len(got), err)
	}
}

// testLargeSnapshots puts snapshots of several megabytes (a long log's
// leaf hashes), replaces one by another large one, by a small one and by
// a large one again, across a reopen: each reads back whole and
// byte for byte, and DeleteSnapshot removes the last.
func testLargeSnapshots(t *testing.T, s suite) {
	ctx := t.Context()
	dir := t.TempDir()
	st, closeStore := s.openAt(t, dir)
	large := func(size int64, seed byte, n int) logstore.Snapshot {
		data := make([]byte, n)
		for i := range data {
			data[i] = byte(i*31) ^ seed
		}
		return logstore.Snapshot{Log: "pact-a", Size: size, Root: tlog.Hash{seed}, Data: data}
	}
	for i, snap := range []logstore.Snapshot{
		large(10, 1, 3<<20+17),
		large(20, 2, 2<<20), // a whole number of parts, should a store cut at 1 MiB
		{Log: "pact-a", Size: 30, Root: tlog.Hash{3}, Data: []byte("small")},
		large(40, 4, 5<<20-3),
	} {
		if err := st.PutSnapshot(ctx, snap); err != nil {
			t.Fatalf("PutSnapshot %d: %v", i, err)
		}
		if i == 3 {
			closeStore()
			st, _ = s.openAt(t, dir)
		}
		got, ok, err := st.Snapshot(ctx, "pact-a")
		if err != nil || !ok {
			t.Fatalf("Snapshot after PutSnapshot %d: ok %t, %v", i, ok, err)
		}
		checkSnapshot(t, fmt.Sprintf("snapshot %d", i), got, snap)
	}
	if err := st.DeleteSnapshot(ctx, "pact-a"); err != nil {
		t.Fatalf("DeleteSnapshot: %v", err)
	}
	if _, ok, err := st.Snapshot(ctx, "pact-a"); ok || err != nil {
		t.Errorf("Snapshot after DeleteSnapshot: ok %t, %v; want none", ok, err)
	}
}
