package tlog

import "fmt"

// MismatchError reports the first entry of a log that the stored data or the
// signed history does not back up. Entries before Index passed every check
// made so far; Index is where an operator should start looking.
type MismatchError struct {
	// Log is the name of the audited log.
	Log string
	// Index is the first entry the failed check concerns.
	Index uint64
	// Reason says which check failed, in words.
	Reason string
}

// Error implements error.
func (e *MismatchError) Error() string {
	return fmt.Sprintf("tlog: log %q entry %d: %s", e.Log, e.Index, e.Reason)
}

// Audit checks a whole stored log against its signed history and returns nil
// if it is intact. entries and leafHashes are the stored entries and their
// stored leaf hashes, in log order; heads are the stored tree heads in the
// order they were written; v is the server's public key.
//
// The checks, in order, and what the returned *MismatchError names:
//
//  1. Every entry's LeafHash equals its stored leaf hash (and there is one
//     stored hash per entry): the first bad entry.
//  2. For each head in turn, it must name this log, carry a valid signature,
//     cover no more than the stored entries, not be smaller than the head
//     before it, agree with an earlier head of the same size, and have the
//     root of its first Size leaves. A failing head is reported at the first
//     entry it covers that the previous (good) head did not, which is the
//     earliest entry that may have been changed since that head was signed.
//  3. The last head covers every entry: the first entry no head covers.
//
// Because heads never shrink, the roots are checked by walking the leaves
// once with a [Builder], reading off its root as each head's size is reached,
// so Audit does O(n) hashing for n entries however many heads there are.
//
// When a head fails because it covers nothing new (it shrinks, or repeats a
// size with another root), Index is the previous head's size, which may equal
// the number of entries. Errors other than *MismatchError report bad
// arguments (a Verifier with no key), not a bad log.
func Audit(log string, entries [][]byte, leafHashes []Hash, heads []TreeHead, v Verifier) error {
	if !v.hasKey() {
		return fmt.Errorf("tlog: audit of log %q: verifier has no public key", log)
	}
	if err := auditLeaves(log, entries, leafHashes); err != nil {
		return err
	}
	return AuditHeads(log, leafHashes, heads, v)
}

// AuditHeads is Audit without the entries: it checks the signed heads
// against the leaf hashes alone (checks 2 and 3 above), for a reader
// who holds some entries only as their leaf hashes (a redacted export).
func AuditHeads(log string, leafHashes []Hash, heads []TreeHead, v Verifier) error {
	if !v.hasKey() {
		return fmt.Errorf("tlog: audit of log %q: verifier has no public key", log)
	}
	a := headAuditor{log: log, leaves: leafHashes, v: v}
	for i, h := range heads {
		if err := a.check(i, h); err != nil {
			return err
		}
	}
	if covered := a.prev.Size; covered < uint64(len(leafHashes)) {
		return &MismatchError{Log: log, Index: covered, Reason: "entry not covered by any signed tree head"}
	}
	return nil
}

// auditLeaves checks that each stored leaf hash is the hash of its entry.
func auditLeaves(log string, entries [][]byte, leafHashes []Hash) error {
	for i, entry := range entries {
		if i >= len(leafHashes) {
			return &MismatchError{Log: log, Index: uint64(i), Reason: "entry has no stored leaf hash"}
		}
		if LeafHash(entry) != leafHashes[i] {
			return &MismatchError{Log: log, Index: uint64(i), Reason: "stored leaf hash does not match entry"}
		}
	}
	if len(leafHashes) > len(entries) {
		return &MismatchError{Log: log, Index: uint64(len(entries)), Reason: "stored leaf hash has no entry"}
	}
	return nil
}

// headAuditor checks tree heads in order against leaves already known to
// match their entries.
type headAuditor struct {
	log    string
	leaves []Hash
	v      Verifier
	b      Builder  // Holds the first prev.Size leaves between checks.
	prev   TreeHead // The last head that passed; zero before the first.
	seen   bool     // Whether prev holds a head.
}

// check verifies the i'th head and, if it passes, makes it the previous one.
func (a *headAuditor) check(i int, h TreeHead) error {
	if reason := a.headProblem(h); reason != "" {
		return &MismatchError{
			Log:    a.log,
			Index:  a.prev.Size,
			Reason: fmt.Sprintf("%s (stored head %d)", reason, i),
		}
	}
	a.prev, a.seen = h, true
	return nil
}

// headProblem returns why h is not a valid next head, or "" if it is. It
// advances the Builder to h.Size, which the earlier checks guarantee is
// neither behind it nor past the leaves.
func (a *headAuditor) headProblem(h TreeHead) string {
	switch {
	case h.Log != a.log:
		return fmt.Sprintf("signed tree head of size %d is for log %q", h.Size, h.Log)
	case a.v.Verify(h) != nil:
		return fmt.Sprintf("signature of tree head of size %d does not verify", h.Size)
	case h.Size > uint64(len(a.leaves)):
		return fmt.Sprintf("signed tree head of size %d exceeds the %d stored entries", h.Size, len(a.leaves))
	case h.Size < a.prev.Size:
		return fmt.Sprintf("signed tree head of size %d follows a larger one of size %d", h.Size, a.prev.Size)
	case a.seen && h.Size == a.prev.Size && h.Root != a.prev.Root:
		// Both cannot match the leaves; say so plainly, as two signed
		// roots for one size is the signature of a forked log.
		return fmt.Sprintf("two signed tree heads of size %d have different roots", h.Size)
	}
	for a.b.Size() < h.Size {
		a.b.Append(a.leaves[a.b.Size()])
	}
	if a.b.Root() != h.Root {
		return fmt.Sprintf("root does not match signed tree head of size %d", h.Size)
	}
	return ""
}
