package storetest

import (
	"slices"
	"testing"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
)

// moveTo returns b changed to append at from instead, still well formed:
// entries renumbered and the head sized to match.
func moveTo(b batch, from int64) batch {
	b.entries = slices.Clone(b.entries)
	for i := range b.entries {
		b.entries[i].Index = from + int64(i)
	}
	b.from = from
	b.head.Size = uint64(from) + uint64(len(b.entries))
	return b
}

// checkOnlyLogs checks that Logs lists exactly want, so that a refused
// append has not created a log as a side effect.
func checkOnlyLogs(t *testing.T, st logstore.Store, want ...string) {
	t.Helper()
	got, err := st.Logs(t.Context())
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("Logs() = %q, %v; want %q, nil", got, err, want)
	}
}

// testAppendWrongFrom sends well-formed appends at every wrong position:
// each must be ECONFLICT and write nothing, and the right one must then
// still succeed.
func testAppendWrongFrom(t *testing.T, s suite) {
	ctx := t.Context()
	st := s.newStore(t)
	w := newLogWriter(t, "pact")
	appendSizes(t, ctx, st, w, 2, 1)
	tests := []struct {
		name string
		from int64
		size int // entries in the refused batch
	}{
		{"from 0 on a non-empty log", 0, 1},
		{"one too low", 2, 1},
		{"one too low, batch reaching past the end", 2, 3},
		{"one too high", 4, 1},
		{"far too high", 100, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := make([][]byte, tc.size)
			for i := range data {
				data[i] = []byte("refused")
			}
			b := moveTo(w.next(data...), tc.from)
			checkCode(t, "Append", b.send(ctx, st), entente.ECONFLICT)
			checkLog(t, ctx, st, w)
		})
	}
	t.Run("unknown log, from above 0", func(t *testing.T) {
		fresh := newLogWriter(t, "fresh")
		b := moveTo(fresh.next([]byte("refused")), 1)
		checkCode(t, "Append", b.send(ctx, st), entente.ECONFLICT)
		checkLog(t, ctx, st, fresh)
		checkOnlyLogs(t, st, w.log)
	})
	appendSizes(t, ctx, st, w, 1)
	checkLog(t, ctx, st, w)
}

// testAppendInvalid sends malformed appends: each must be EINVALID, even
// where from is also wrong, and write nothing.
func testAppendInvalid(t *testing.T, s suite) {
	ctx := t.Context()
	st := s.newStore(t)
	w := newLogWriter(t, "pact")
	appendSizes(t, ctx, st, w, 2, 1)
	two := func() batch { return w.next([]byte("one"), []byte("two")) }
	tests := []struct {
		name  string
		batch func() batch
	}{
		{"nil entries", func() batch { b := two(); b.entries = nil; b.head.Size = 3; return b }},
		{"empty entries", func() batch { b := two(); b.entries = []logstore.Entry{}; b.head.Size = 3; return b }},
		{"no entries and a stale from", func() batch { b := two(); b.entries, b.from, b.head.Size = nil, 0, 0; return b }},
		{"head size one short", func() batch { b := two(); b.head.Size--; return b }},
		{"head size one over", func() batch { b := two(); b.head.Size++; return b }},
		{"head size zero", func() batch { b := two(); b.head.Size = 0; return b }},
		{"head size counts only the batch", func() batch { b := two(); b.head.Size = 2; return b }},
		{"head size wrong and a stale from", func() batch { b := moveTo(two(), 1); b.head.Size = 2; return b }},
		{"head for another log", func() batch { b := two(); b.head.Log = "other"; return b }},
		{"head with no log", func() batch { b := two(); b.head.Log = ""; return b }},
		{"entry index off by one", func() batch { b := two(); b.entries[1].Index++; return b }},
		{"entry indexes repeat", func() batch { b := two(); b.entries[1].Index = b.entries[0].Index; return b }},
		{"entry indexes from zero", func() batch { b := two(); b.entries[0].Index, b.entries[1].Index = 0, 1; return b }},
		{"negative from", func() batch { return moveTo(two(), -1) }},
		{"empty log name", func() batch { return newLogWriter(t, "").next([]byte("one")) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkCode(t, "Append", tc.batch().send(ctx, st), entente.EINVALID)
			checkLog(t, ctx, st, w)
			checkOnlyLogs(t, st, w.log)
		})
	}
	// A refused append must not leave the store unable to take the next.
	appendSizes(t, ctx, st, w, 2)
	checkLog(t, ctx, st, w)
}
