package sqlite

import (
	"fmt"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
)

// TestAppendBatchLogNames checks that each append of a batch is checked
// against its own log's length whatever the log's name: the lengths are
// read in one query that names the logs as a JSON array, and a name that
// JSON changes (not UTF-8: "a\xff" would come back as "a\ufffd", another
// log's name) or escapes must still get its own length.
func TestAppendBatchLogNames(t *testing.T) {
	names := []string{"a\xff", "a\ufffd", "x\x00y", "x", `q"<&>\`, "\u2028", "ü"}
	db := MustOpenDB(t)
	ctx := t.Context()
	for i, name := range names { // log i holds i+1 entries
		for k := range i + 1 {
			if err := db.Append(ctx, name, int64(k), entriesAt(name, int64(k), 1), headAt(name, int64(k)+1)); err != nil {
				t.Fatalf("Append to %q at %d: %v", name, k, err)
			}
		}
	}
	tests := []struct {
		name   string
		from   int64
		refuse bool
	}{
		{"a\xff", 1, false},
		{"a\ufffd", 2, false},
		{"x\x00y", 3, false},
		{"x", 4, false},
		{`q"<&>\`, 5, false},
		{"\u2028", 6, false},
		{"ü", 7, false},
		{"a\xff", 1, true},   // already appended at 1 above: stale
		{"a\ufffd", 1, true}, // holds 3 once the append above is made
		{"new", 0, false},
		{"x\x00y", 0, true},
	}
	batch := make([]logstore.Append, len(tests))
	for i, tc := range tests {
		batch[i] = logstore.Append{Log: tc.name, From: tc.from, Entries: entriesAt(tc.name, tc.from, 1), Head: headAt(tc.name, tc.from+1)}
	}
	results, err := db.AppendBatch(ctx, batch)
	if err != nil {
		t.Fatal(err)
	}
	for i, tc := range tests {
		if got := results[i] != nil; got != tc.refuse {
			t.Errorf("append %d to %q at %d: refused = %v (%v), want %v", i, tc.name, tc.from, got, results[i], tc.refuse)
		}
		if tc.refuse && entente.ErrorCode(results[i]) != entente.ECONFLICT {
			t.Errorf("append %d to %q at %d: %v, want ECONFLICT", i, tc.name, tc.from, results[i])
		}
	}
	for i, name := range names {
		if n, err := db.Len(ctx, name); err != nil || n != int64(i+2) {
			t.Errorf("Len(%q) = %d, %v; want %d", name, n, err, i+2)
		}
	}
}

// entriesAt returns n entries of log from index from.
func entriesAt(log string, from int64, n int) []logstore.Entry {
	out := make([]logstore.Entry, n)
	for i := range out {
		data := fmt.Appendf(nil, "%q %d", log, from+int64(i))
		out[i] = logstore.Entry{Index: from + int64(i), Data: data, LeafHash: tlog.LeafHash(data)}
	}
	return out
}

// headAt returns an unsigned head of log at size.
func headAt(log string, size int64) tlog.TreeHead {
	return tlog.TreeHead{Log: log, Size: uint64(size), Time: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), Signature: []byte("sig")}
}
