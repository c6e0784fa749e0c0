package tlog

import (
	"strconv"
	"strings"
	"time"
)

// signedMessageHeader is the first line of every signed message. It names the
// format so a signature can never be reinterpreted as covering some other
// message signed by the same key, and so a future format can coexist.
const signedMessageHeader = "entente tree head v1"

// TreeHead is a signed statement by the server that, at Time, the log named
// Log held Size entries whose Merkle root is Root.
type TreeHead struct {
	// Log names the log (one per pact); it is covered by the signature so a
	// head cannot be replayed against another log.
	Log string `json:"log"`
	// Size is the number of entries the head covers, i.e. entries 0..Size-1.
	Size uint64 `json:"size"`
	// Root is the RFC 6962 root of those Size entries.
	Root Hash `json:"root"`
	// Time is when the head was produced. Only its instant is signed (in
	// UTC with nanosecond precision), so storage must keep nanoseconds.
	Time time.Time `json:"time"`
	// Signature is the Ed25519 signature over SignedMessage; it encodes as
	// base64 in JSON.
	Signature []byte `json:"signature"`
}

// SignedMessage returns the exact bytes the signature covers:
//
//	entente tree head v1
//	<log>
//	<size in decimal>
//	<root in lowercase hex>
//	<time in RFC 3339 with nanoseconds, UTC>
//
// with every line ending in "\n". The form is unambiguous even for a log name
// containing newlines: the last three fields have fixed alphabets without
// newlines, so the message splits into fields uniquely from the end.
func (h TreeHead) SignedMessage() []byte {
	var b strings.Builder
	for _, line := range []string{
		signedMessageHeader,
		h.Log,
		strconv.FormatUint(h.Size, 10),
		h.Root.String(),
		h.Time.UTC().Format(time.RFC3339Nano),
	} {
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return []byte(b.String())
}
