// Package tlog provides the verifiable, append-only log primitives behind
// Entente's per-pact event logs: leaf and tree hashing, inclusion and
// consistency proofs, signed tree heads, signing keys, and a whole-log audit.
//
// # Model
//
// Each pact has its own log. An entry is the canonical JSON encoding of one
// event, and entries are only ever appended. Entry i (counting from 0) is leaf
// i of a Merkle tree built exactly as in RFC 6962 section 2.1 (restated in RFC
// 9162 section 2.1.1), so any RFC 6962 verifier, such as the one in
// github.com/transparency-dev/merkle that this package wraps, can check our
// proofs without knowing anything about Entente.
//
// After every append batch the server computes the root of the whole log and
// signs a [TreeHead]. A client that holds a signed head of size n can ask for:
//
//   - an inclusion proof, showing that a given entry is leaf i of the tree of
//     size n ([InclusionProof], [VerifyInclusion]); and
//   - a consistency proof, showing that the tree of size n is a prefix of a
//     later tree of size m, i.e. that nothing already published was rewritten
//     ([ConsistencyProof], [VerifyConsistency]).
//
// # Domain separation
//
// RFC 6962 hashes leaves and interior nodes with different one-byte prefixes:
//
//	leaf hash  = SHA-256(0x00 || entry)
//	node hash  = SHA-256(0x01 || left || right)
//	empty tree = SHA-256("")
//
// Without the prefixes an interior node (64 bytes of child hashes) could be
// presented as a leaf whose entry is those 64 bytes, giving a second preimage
// for the tree and a "proof" that a forged entry is in the log. Callers
// should therefore never hash entries themselves: use [LeafHash].
//
// # What is signed
//
// A signature covers [TreeHead.SignedMessage], not the JSON form of the head:
// a fixed header line naming the format version, the log name, the tree size
// in decimal, the root in lowercase hex and the time in RFC 3339 with
// nanoseconds in UTC, one per line. Binding the log name stops a head for one
// pact being replayed as a head for another; binding the version line stops a
// signature over this format being reinterpreted as some other message signed
// by the same key. The signature is plain Ed25519 (RFC 8032) with the server's
// key, which lives beside the database in the small text format read by
// [LoadOrCreateKey].
//
// # Auditing
//
// [Audit] re-derives everything from the stored entries: every leaf hash,
// every signed root, and that the signed heads only ever grow and cover the
// whole log. It returns a *[MismatchError] naming the first entry that is not
// backed by the signed history, so an operator knows where tampering or
// corruption starts.
package tlog
