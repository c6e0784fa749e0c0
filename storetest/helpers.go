package storetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
)

// failer is the part of testing.TB the helpers use. *rapid.T has it too,
// so the property test shares the helpers.
type failer interface {
	Helper()
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
}

// testSigner returns a Signer from a fixed seed, so failures reproduce.
func testSigner(f failer) tlog.Signer {
	f.Helper()
	s, err := tlog.GenerateKey(rand.NewChaCha8([32]byte{'s', 't', 'o', 'r', 'e'}))
	if err != nil {
		f.Fatalf("GenerateKey: %v", err)
	}
	return s
}

// logWriter produces appends for one log the way the server does: entries
// with their RFC 6962 leaf hashes, and a head with the real root of the
// whole log after the append, signed. It also remembers what was appended,
// so tests can compare the store against it.
type logWriter struct {
	log     string
	signer  tlog.Signer
	clock   time.Time
	entries []logstore.Entry // appended so far
	heads   []tlog.TreeHead  // one per append, oldest first
}

// newLogWriter returns a logWriter for an empty log.
func newLogWriter(f failer, log string) *logWriter {
	f.Helper()
	return &logWriter{
		log:    log,
		signer: testSigner(f),
		// Nanoseconds that are neither zero nor a round number of micro-
		// or milliseconds, so truncation anywhere shows.
		clock: time.Date(2025, 6, 1, 12, 0, 0, 987654321, time.UTC),
	}
}

// batch is the arguments of one Append.
type batch struct {
	log     string
	from    int64
	entries []logstore.Entry
	head    tlog.TreeHead
}

// send appends b to s.
func (b batch) send(ctx context.Context, s logstore.Store) error {
	return s.Append(ctx, b.log, b.from, b.entries, b.head)
}

// next returns the batch that appends data after the entries w has
// recorded. It leaves w unchanged, so the batch can also be sent with a
// wrong from, or lose a race, without w believing it was stored.
func (w *logWriter) next(data ...[]byte) batch {
	from := int64(len(w.entries))
	var tree tlog.Builder
	for _, e := range w.entries {
		tree.Append(e.LeafHash)
	}
	entries := make([]logstore.Entry, len(data))
	for i, d := range data {
		entries[i] = logstore.Entry{Index: from + int64(i), Data: d, LeafHash: tlog.LeafHash(d)}
		tree.Append(entries[i].LeafHash)
	}
	head := w.signer.Sign(tlog.TreeHead{
		Log:  w.log,
		Size: tree.Size(),
		Root: tree.Root(),
		Time: w.clock.Add(time.Duration(len(w.heads)+1) * 1_000_000_007),
	})
	return batch{log: w.log, from: from, entries: entries, head: head}
}

// record notes that b was appended.
func (w *logWriter) record(b batch) {
	w.entries = append(w.entries, b.entries...)
	w.heads = append(w.heads, b.head)
}

// mustAppend appends data to w's log as one batch and records it.
func mustAppend(f failer, ctx context.Context, s logstore.Store, w *logWriter, data ...[]byte) batch {
	f.Helper()
	b := w.next(data...)
	if err := b.send(ctx, s); err != nil {
		f.Fatalf("Append(%q, from %d, %d entries): %v", w.log, b.from, len(data), err)
	}
	w.record(b)
	return b
}

// appendSizes appends batches of the given sizes of generated entries.
func appendSizes(f failer, ctx context.Context, s logstore.Store, w *logWriter, sizes ...int) {
	f.Helper()
	for _, n := range sizes {
		data := make([][]byte, n)
		for i := range data {
			data[i] = eventJSON(w.log, len(w.entries)+i)
		}
		mustAppend(f, ctx, s, w, data...)
	}
}

// eventJSON returns a small entry shaped like a canonical event.
func eventJSON(log string, i int) []byte {
	return fmt.Appendf(nil, `{"log":%q,"seq":%d,"type":"test"}`, log, i)
}

// checkLog checks that s holds exactly what w recorded for its log: Len,
// every entry, every head, and that the log is listed by Logs (if it has
// entries).
func checkLog(f failer, ctx context.Context, s logstore.Store, w *logWriter) {
	f.Helper()
	if n, err := s.Len(ctx, w.log); err != nil || n != int64(len(w.entries)) {
		f.Errorf("Len(%q) = %d, %v; want %d, nil", w.log, n, err, len(w.entries))
	}
	got, err := s.Entries(ctx, w.log, 0, -1)
	if err != nil {
		f.Fatalf("Entries(%q, 0, -1): %v", w.log, err)
	}
	if diff := diffEntries(w.entries, got); diff != "" {
		f.Errorf("Entries(%q, 0, -1): %s", w.log, diff)
	}
	checkHeads(f, ctx, s, w.log, w.heads)
	logs, err := s.Logs(ctx)
	if err != nil {
		f.Fatalf("Logs: %v", err)
	}
	if listed := slices.Contains(logs, w.log); listed != (len(w.entries) > 0) {
		f.Errorf("Logs() = %q: log %q listed %t, want %t", logs, w.log, listed, len(w.entries) > 0)
	}
}

// headOpts compares heads field by field: time.Time by its Equal method
// (the instant, to the nanosecond), and nil and empty signatures alike.
var headOpts = cmp.Options{cmpopts.EquateEmpty()}

// checkHeads checks that log's heads in s are want, oldest first, with every
// time in UTC.
func checkHeads(f failer, ctx context.Context, s logstore.Store, log string, want []tlog.TreeHead) {
	f.Helper()
	got, err := s.Heads(ctx, log)
	if err != nil {
		f.Fatalf("Heads(%q): %v", log, err)
	}
	if diff := cmp.Diff(want, got, headOpts); diff != "" {
		f.Errorf("Heads(%q) mismatch (-want +got):\n%s", log, diff)
	}
	for _, h := range got {
		if h.Time.Location() != time.UTC {
			f.Errorf("Heads(%q): head %d has time in %v, want UTC", log, h.Size, h.Time.Location())
		}
	}
}

// diffEntries describes the first difference between two entry lists, or
// returns "". Data is compared by hand, so that a mismatch in a 1 MiB entry
// is reported by offset rather than dumped.
func diffEntries(want, got []logstore.Entry) string {
	if len(got) != len(want) {
		return fmt.Sprintf("got %d entries, want %d (got indexes %v)", len(got), len(want), indexes(got))
	}
	for i := range want {
		w, g := want[i], got[i]
		switch {
		case g.Index != w.Index:
			return fmt.Sprintf("entry %d: index %d, want %d", i, g.Index, w.Index)
		case g.LeafHash != w.LeafHash:
			return fmt.Sprintf("entry %d: leaf hash %v, want %v", w.Index, g.LeafHash, w.LeafHash)
		case !bytes.Equal(g.Data, w.Data):
			return fmt.Sprintf("entry %d: %s", w.Index, diffBytes(w.Data, g.Data))
		}
	}
	return ""
}

// diffBytes describes how got differs from want, which must differ.
func diffBytes(want, got []byte) string {
	n := min(len(want), len(got))
	at := n
	for i := range n {
		if want[i] != got[i] {
			at = i
			break
		}
	}
	return fmt.Sprintf("data differs from byte %d (got %d bytes, want %d)", at, len(got), len(want))
}

// indexes returns the indexes of entries, for error messages.
func indexes(entries []logstore.Entry) []int64 {
	out := make([]int64, len(entries))
	for i, e := range entries {
		out[i] = e.Index
	}
	return out
}

// checkCode checks that err is an *entente.Error with the given code.
func checkCode(f failer, what string, err error, code string) {
	f.Helper()
	var e *entente.Error
	switch {
	case err == nil:
		f.Errorf("%s: got no error, want %s", what, code)
	case !errors.As(err, &e):
		f.Errorf("%s: error %q (%T) is not an *entente.Error, want code %s", what, err, err, code)
	case e.Code != code:
		f.Errorf("%s: error %q has code %s, want %s", what, err, e.Code, code)
	}
}
