package tlog_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/entente/entente/tlog"
)

const auditLog = "pact/7"

// auditFixture is a stored log: entries, their stored leaf hashes, and the
// heads written after each append batch, signed by signer.
type auditFixture struct {
	entries [][]byte
	leaves  []tlog.Hash
	heads   []tlog.TreeHead
	signer  tlog.Signer
}

// newAuditFixture builds a log of n entries with a correctly signed head at
// each of headSizes.
func newAuditFixture(tb testing.TB, n int, headSizes ...uint64) *auditFixture {
	tb.Helper()
	f := &auditFixture{signer: testSigner(tb, 3)}
	for i := range n {
		f.entries = append(f.entries, testEntry(i))
		f.leaves = append(f.leaves, tlog.LeafHash(f.entries[i]))
	}
	for _, size := range headSizes {
		f.heads = append(f.heads, f.head(size, tlog.Root(f.leaves[:size])))
	}
	return f
}

// head returns a head for this log signed by the fixture's key.
func (f *auditFixture) head(size uint64, root tlog.Hash) tlog.TreeHead {
	t := time.Date(2025, 1, 1, 0, 0, int(size), 0, time.UTC)
	return f.signer.Sign(tlog.TreeHead{Log: auditLog, Size: size, Root: root, Time: t})
}

// edit replaces entry i; if rehash, its stored leaf hash is updated to
// match, as an attacker with database access would do.
func (f *auditFixture) edit(i int, rehash bool) {
	f.entries[i] = []byte(`{"event":"forged"}`)
	if rehash {
		f.leaves[i] = tlog.LeafHash(f.entries[i])
	}
}

func (f *auditFixture) audit() error {
	return tlog.Audit(auditLog, f.entries, f.leaves, f.heads, f.signer.Public())
}

func TestAudit(t *testing.T) {
	for _, tc := range []struct {
		name   string
		n      int
		heads  []uint64
		mutate func(f *auditFixture)
		index  uint64 // Wanted MismatchError.Index, if reason != "".
		reason string // Substring of the wanted Reason; "" for a clean audit.
	}{
		{name: "clean", n: 10, heads: []uint64{3, 7, 10}},
		{name: "clean, repeated head", n: 10, heads: []uint64{3, 3, 10, 10}},
		{name: "clean, one head", n: 70, heads: []uint64{70}},
		{name: "empty log", n: 0},
		{name: "empty log with head", n: 0, heads: []uint64{0}},
		{
			name: "edited entry", n: 10, heads: []uint64{3, 7, 10},
			mutate: func(f *auditFixture) { f.edit(5, false) },
			index:  5, reason: "stored leaf hash does not match entry",
		},
		{
			name: "edited stored leaf hash", n: 10, heads: []uint64{3, 7, 10},
			mutate: func(f *auditFixture) { f.leaves[8] = flip(f.leaves[8], 3) },
			index:  8, reason: "stored leaf hash does not match entry",
		},
		{
			name: "edited entry and leaf hash, middle batch", n: 10, heads: []uint64{3, 7, 10},
			mutate: func(f *auditFixture) { f.edit(5, true) },
			index:  3, reason: "root does not match signed tree head of size 7",
		},
		{
			name: "edited entry and leaf hash, first batch", n: 10, heads: []uint64{3, 7, 10},
			mutate: func(f *auditFixture) { f.edit(0, true) },
			index:  0, reason: "root does not match signed tree head of size 3",
		},
		{
			name: "edited entry and leaf hash, last batch", n: 10, heads: []uint64{3, 7, 10},
			mutate: func(f *auditFixture) { f.edit(9, true) },
			index:  7, reason: "root does not match signed tree head of size 10",
		},
		{
			name: "forged head signature", n: 10, heads: []uint64{3, 7, 10},
			mutate: func(f *auditFixture) { f.heads[1].Signature[0] ^= 1 },
			index:  3, reason: "signature of tree head of size 7 does not verify",
		},
		{
			name: "head re-rooted by an attacker without the key", n: 10, heads: []uint64{3, 7, 10},
			mutate: func(f *auditFixture) { f.edit(5, true); f.heads[1].Root = tlog.Root(f.leaves[:7]) },
			index:  3, reason: "signature of tree head of size 7 does not verify",
		},
		{
			name: "head for another log", n: 10, heads: []uint64{3, 7, 10},
			mutate: func(f *auditFixture) { f.heads[2].Log = "pact/8"; f.heads[2] = f.signer.Sign(f.heads[2]) },
			index:  7, reason: `is for log "pact/8"`,
		},
		{
			name: "missing head for the tail", n: 10, heads: []uint64{3, 7},
			index: 7, reason: "entry not covered by any signed tree head",
		},
		{
			name: "no heads", n: 10,
			index: 0, reason: "entry not covered by any signed tree head",
		},
		{
			name: "head beyond the entries", n: 10, heads: []uint64{3, 7, 10},
			mutate: func(f *auditFixture) { f.entries, f.leaves = f.entries[:9], f.leaves[:9] },
			index:  7, reason: "signed tree head of size 10 exceeds the 9 stored entries",
		},
		{
			name: "shrinking heads", n: 10, heads: []uint64{7, 3, 10},
			index: 7, reason: "signed tree head of size 3 follows a larger one of size 7",
		},
		{
			name: "conflicting heads of one size", n: 10, heads: []uint64{3, 7, 10},
			mutate: func(f *auditFixture) { f.heads = append(f.heads[:2], f.head(7, flip(f.heads[1].Root, 1)), f.heads[2]) },
			index:  7, reason: "two signed tree heads of size 7 have different roots",
		},
		{
			name: "leaf hash without entry", n: 10, heads: []uint64{10},
			mutate: func(f *auditFixture) { f.leaves = append(f.leaves, tlog.LeafHash(nil)) },
			index:  10, reason: "stored leaf hash has no entry",
		},
		{
			name: "entry without leaf hash", n: 10, heads: []uint64{10},
			mutate: func(f *auditFixture) { f.leaves = f.leaves[:6] },
			index:  6, reason: "entry has no stored leaf hash",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newAuditFixture(t, tc.n, tc.heads...)
			if tc.mutate != nil {
				tc.mutate(f)
			}
			checkAudit(t, f.audit(), tc.index, tc.reason)
		})
	}
}

// checkAudit asserts that err is nil when reason is "", and otherwise a
// *MismatchError for auditLog at index whose Reason contains reason.
func checkAudit(tb testing.TB, err error, index uint64, reason string) {
	tb.Helper()
	if reason == "" {
		if err != nil {
			tb.Fatalf("Audit = %v, want nil", err)
		}
		return
	}
	var m *tlog.MismatchError
	if !errors.As(err, &m) {
		tb.Fatalf("Audit = %v, want a *MismatchError", err)
	}
	if m.Log != auditLog || m.Index != index || !strings.Contains(m.Reason, reason) {
		tb.Errorf("Audit = %v, want log %q entry %d: ...%s...", err, auditLog, index, reason)
	}
}

func TestAuditNeedsKey(t *testing.T) {
	f := newAuditFixture(t, 3, 3)
	err := tlog.Audit(auditLog, f.entries, f.leaves, f.heads, tlog.Verifier{})
	var m *tlog.MismatchError
	if err == nil || errors.As(err, &m) {
		t.Errorf("Audit with no key = %v, want a plain error", err)
	}
}
