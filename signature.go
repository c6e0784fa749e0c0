package entente

import (
	"crypto/ed25519"
	"encoding/base64"
	"fmt"
	"strconv"
)

// Submission is a member's signed request, kept in the log with the first
// event it caused, so that anyone holding the log can check that the
// member really asked for it. The member signs SubmissionMessage with the
// ed25519 key whose public half its actor record carries (Actor.PublicKey).
//
// Size is the length of the pact's log the member saw when it signed: the
// request is accepted only while the log still has that length, so a
// signed request cannot be replayed later.
type Submission struct {
	Method    string `json:"method"`
	Path      string `json:"path"`
	Size      int64  `json:"size"`
	Body      string `json:"body"`
	PublicKey string `json:"public_key"`
	Signature []byte `json:"signature"`
}

// SubmissionMessage returns the exact bytes a member signs:
//
//	entente request v1
//	<METHOD> <path>
//	<log size>
//	<body>
func SubmissionMessage(method, path string, size int64, body []byte) []byte {
	msg := "entente request v1\n" + method + " " + path + "\n" + strconv.FormatInt(size, 10) + "\n"
	return append([]byte(msg), body...)
}

// ParsePublicKey decodes an actor's public key: standard base64 of the 32
// bytes of an ed25519 public key.
func ParsePublicKey(s string) (ed25519.PublicKey, error) {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil || len(b) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("expected the base64 of a %d-byte ed25519 public key", ed25519.PublicKeySize)
	}
	return ed25519.PublicKey(b), nil
}

// Verify checks the submission's signature under its public key.
func (s *Submission) Verify() error {
	key, err := ParsePublicKey(s.PublicKey)
	if err != nil {
		return err
	}
	if !ed25519.Verify(key, SubmissionMessage(s.Method, s.Path, s.Size, []byte(s.Body)), s.Signature) {
		return fmt.Errorf("the signature does not match the request")
	}
	return nil
}
