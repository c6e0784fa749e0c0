package storetest

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
)

// testAppendThenRead appends batches of several sizes to two logs and reads
// everything back; every head must still verify against the signer's key.
func testAppendThenRead(t *testing.T, s suite) {
	ctx := t.Context()
	st := s.newStore(t)
	a, b := newLogWriter(t, "pact-a"), newLogWriter(t, "pact-b")
	appendSizes(t, ctx, st, a, 1, 3, 1, 5)
	appendSizes(t, ctx, st, b, 2)
	appendSizes(t, ctx, st, a, 2)
	checkLog(t, ctx, st, a)
	checkLog(t, ctx, st, b)

	heads, err := st.Heads(ctx, a.log)
	if err != nil {
		t.Fatalf("Heads: %v", err)
	}
	verifier := a.signer.Public()
	for _, h := range heads {
		if err := verifier.Verify(h); err != nil {
			t.Errorf("stored head %d no longer verifies: %v", h.Size, err)
		}
	}
}

// testEmptyStore checks the reads of a new store and of unknown logs: all
// empty, none an error.
func testEmptyStore(t *testing.T, s suite) {
	ctx := t.Context()
	st := s.newStore(t)
	if logs, err := st.Logs(ctx); err != nil || len(logs) != 0 {
		t.Errorf("Logs() = %q, %v; want none, nil", logs, err)
	}
	appendSizes(t, ctx, st, newLogWriter(t, "known"), 2)
	if n, err := st.Len(ctx, "unknown"); err != nil || n != 0 {
		t.Errorf("Len(unknown) = %d, %v; want 0, nil", n, err)
	}
	if got, err := st.Entries(ctx, "unknown", 0, -1); err != nil || len(got) != 0 {
		t.Errorf("Entries(unknown, 0, -1) = %d entries, %v; want none, nil", len(got), err)
	}
	if got, err := st.Heads(ctx, "unknown"); err != nil || len(got) != 0 {
		t.Errorf("Heads(unknown) = %d heads, %v; want none, nil", len(got), err)
	}
	// A name that is a prefix of a known log is still unknown.
	if n, err := st.Len(ctx, "know"); err != nil || n != 0 {
		t.Errorf("Len(know) = %d, %v; want 0, nil", n, err)
	}
}

// testEntriesRanges reads ranges of a 10-entry log written in uneven
// batches, so ranges cross batch boundaries.
func testEntriesRanges(t *testing.T, s suite) {
	ctx := t.Context()
	st := s.newStore(t)
	w := newLogWriter(t, "ranges")
	appendSizes(t, ctx, st, w, 3, 1, 6)
	all := w.entries

	tests := []struct {
		name     string
		from, to int64
		want     []logstore.Entry
		invalid  bool
	}{
		{name: "all, to < 0", from: 0, to: -1, want: all},
		{name: "all, other negative to", from: 0, to: -100, want: all},
		{name: "all, to = len", from: 0, to: 10, want: all},
		{name: "middle across batches", from: 2, to: 5, want: all[2:5]},
		{name: "suffix, to < 0", from: 4, to: -1, want: all[4:]},
		{name: "first", from: 0, to: 1, want: all[:1]},
		{name: "last", from: 9, to: 10, want: all[9:]},
		{name: "empty at start", from: 0, to: 0},
		{name: "empty in middle", from: 5, to: 5},
		{name: "empty at end", from: 10, to: 10},
		{name: "from = len, to < 0", from: 10, to: -1},
		{name: "past end, to < 0", from: 12, to: -1},
		{name: "past end", from: 12, to: 20},
		{name: "to past end is clipped", from: 8, to: 20, want: all[8:]},
		{name: "negative from", from: -1, to: 5, invalid: true},
		{name: "negative from, to < 0", from: -1, to: -1, invalid: true},
		{name: "to below from", from: 5, to: 3, invalid: true},
		{name: "to below from, past end", from: 20, to: 12, invalid: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := st.Entries(ctx, w.log, tc.from, tc.to)
			if tc.invalid {
				checkCode(t, "Entries", err, entente.EINVALID)
				return
			}
			if err != nil {
				t.Fatalf("Entries(%d, %d): %v", tc.from, tc.to, err)
			}
			if diff := diffEntries(tc.want, got); diff != "" {
				t.Errorf("Entries(%d, %d): %s", tc.from, tc.to, diff)
			}
		})
	}
}

// testLogsSorted checks that Logs sorts by bytes, not by a locale: "B"
// before "a", "pact-10" before "pact-9", ASCII before accented letters.
func testLogsSorted(t *testing.T, s suite) {
	ctx := t.Context()
	st := s.newStore(t)
	names := []string{"pact-9", "é", "a b", "pact-10", "B", "z", "a", "ä", "a/b", "actors", "日本"}
	for i, name := range names {
		appendSizes(t, ctx, st, newLogWriter(t, name), 1+i%3)
	}
	got, err := st.Logs(ctx)
	if err != nil {
		t.Fatalf("Logs: %v", err)
	}
	want := slices.Sorted(slices.Values(names))
	if !slices.Equal(got, want) {
		t.Errorf("Logs() = %q, want %q", got, want)
	}
}

// testHeadsRoundTrip checks every head field, with times at awkward
// precisions and zones and signatures of odd sizes (the store does not
// verify signatures, so any bytes must survive).
func testHeadsRoundTrip(t *testing.T, s suite) {
	ctx := t.Context()
	st := s.newStore(t)
	w := newLogWriter(t, "heads")
	tokyo := time.FixedZone("UTC+9", 9*60*60)
	newYork := time.FixedZone("UTC-5", -5*60*60)
	tests := []struct {
		time      time.Time
		signature []byte // nil keeps the real signature
	}{
		{time: time.Date(2025, 1, 2, 3, 4, 5, 123456789, time.UTC)},
		{time: time.Date(2025, 1, 2, 3, 4, 6, 0, time.UTC)},                                // no fraction
		{time: time.Date(2025, 1, 2, 3, 4, 7, 1, time.UTC)},                                // one nanosecond
		{time: time.Date(2025, 1, 2, 3, 4, 8, 100, time.UTC)},                              // trailing zeros
		{time: time.Date(2025, 1, 2, 12, 4, 9, 999999999, tokyo)},                          // not UTC
		{time: time.Date(2025, 1, 1, 22, 4, 10, 500000000, newYork)},                       // date changes in UTC
		{time: time.Date(2025, 1, 2, 3, 4, 11, 0, time.UTC), signature: []byte{}},          // empty signature
		{time: time.Date(2025, 1, 2, 3, 4, 12, 42, time.UTC), signature: []byte{0}},        // one NUL byte
		{time: time.Date(2262, 4, 11, 23, 47, 16, 0, time.UTC), signature: allBytes(4)},    // near the int64 nanosecond limit
		{time: time.Date(1970, 1, 1, 0, 0, 0, 1, time.UTC), signature: []byte("\xff\xfe")}, // near the Unix epoch
		{time: time.Now()}, // has a monotonic reading and the local zone
	}
	for _, tc := range tests {
		b := w.next(eventJSON(w.log, len(w.entries)))
		b.head.Time = tc.time
		if tc.signature != nil {
			b.head.Signature = tc.signature
		}
		if err := b.send(ctx, st); err != nil {
			t.Fatalf("Append with head time %v: %v", tc.time, err)
		}
		w.record(b)
	}
	checkHeads(t, ctx, st, w.log, w.heads)

	// Equal, which the comparison uses, ignores the zone; the signed form
	// does not, so check the exact RFC 3339 text as well.
	got, err := st.Heads(ctx, w.log)
	if err != nil {
		t.Fatalf("Heads: %v", err)
	}
	for i, h := range got {
		if i < len(w.heads) && !bytes.Equal(h.SignedMessage(), w.heads[i].SignedMessage()) {
			t.Errorf("head %d: signed message\n%s\nwant\n%s", h.Size, h.SignedMessage(), w.heads[i].SignedMessage())
		}
	}
}

// testDataRoundTrip appends entries of awkward content and size in one
// batch and reads them back both together and one by one.
func testDataRoundTrip(t *testing.T, s suite) {
	ctx := t.Context()
	st := s.newStore(t)
	w := newLogWriter(t, "data")
	tests := []struct {
		name string
		data []byte
	}{
		{"json", []byte(`{"type":"pact.created","pact":"p1"}`)},
		{"empty", []byte{}},
		{"nil", nil},
		{"one NUL", []byte{0}},
		{"every byte value", allBytes(1)},
		{"invalid UTF-8", []byte("\xff\xfe\xc3\x28 not text")},
		{"NUL inside text", []byte("before\x00after")},
		{"trailing NULs", []byte("abc\x00\x00\x00")},
		{"1 MiB random", randomBytes(1<<20, 1)},
		{"1 MiB + 1 random", randomBytes(1<<20+1, 2)},
	}
	data := make([][]byte, len(tests))
	for i, tc := range tests {
		data[i] = tc.data
	}
	mustAppend(t, ctx, st, w, data...)
	checkLog(t, ctx, st, w)
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := st.Entries(ctx, w.log, int64(i), int64(i+1))
			if err != nil {
				t.Fatalf("Entries(%d, %d): %v", i, i+1, err)
			}
			if diff := diffEntries(w.entries[i:i+1], got); diff != "" {
				t.Error(diff)
			}
		})
	}
}

// testStoreCopies checks that the store keeps no reference to the slices
// it is given, and hands out none to its own state: callers reuse buffers.
func testStoreCopies(t *testing.T, s suite) {
	ctx := t.Context()
	st := s.newStore(t)
	w := newLogWriter(t, "copies")
	data := []byte("original entry")
	b := w.next(bytes.Clone(data))
	signature := bytes.Clone(b.head.Signature)
	if err := b.send(ctx, st); err != nil {
		t.Fatalf("Append: %v", err)
	}
	b.entries[0].Data[0] = 'X'
	b.head.Signature[0] ^= 0xff

	got, err := st.Entries(ctx, w.log, 0, -1)
	if err != nil || len(got) != 1 {
		t.Fatalf("Entries = %d entries, %v; want 1, nil", len(got), err)
	}
	if !bytes.Equal(got[0].Data, data) {
		t.Errorf("entry data %q changed with the caller's slice, want %q", got[0].Data, data)
	}
	got[0].Data[0] = 'Y'
	heads, err := st.Heads(ctx, w.log)
	if err != nil || len(heads) != 1 {
		t.Fatalf("Heads = %d heads, %v; want 1, nil", len(heads), err)
	}
	if !bytes.Equal(heads[0].Signature, signature) {
		t.Errorf("head signature changed with the caller's slice")
	}
	heads[0].Signature[0] ^= 0xff

	again, err := st.Entries(ctx, w.log, 0, -1)
	if err != nil || len(again) != 1 || !bytes.Equal(again[0].Data, data) {
		t.Errorf("Entries after changing a returned slice: %d entries, %v; want %q unchanged", len(again), err, data)
	}
	if heads, err := st.Heads(ctx, w.log); err != nil || len(heads) != 1 || !bytes.Equal(heads[0].Signature, signature) {
		t.Errorf("Heads after changing a returned slice: signature changed (err %v)", err)
	}
}

// allBytes returns every byte value, repeated n times.
func allBytes(n int) []byte {
	b := make([]byte, 0, 256*n)
	for range n {
		for v := range 256 {
			b = append(b, byte(v))
		}
	}
	return b
}

// randomBytes returns n pseudo-random bytes from seed, the same every run.
func randomBytes(n int, seed byte) []byte {
	b := make([]byte, n)
	_, _ = rand.NewChaCha8([32]byte{seed}).Read(b) // never fails
	return b
}
