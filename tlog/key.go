package tlog

import (
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Headers of the key text formats. The version suffix lets a later format
// (another algorithm, say) be told apart instead of misparsed.
const (
	privateKeyHeader = "entente-ed25519-private-v1"
	publicKeyHeader  = "entente-ed25519-public-v1"
)

// ErrSignature is wrapped by [Verifier.Verify] when a tree head's signature
// does not verify, so callers can tell forgery from other failures.
var ErrSignature = errors.New("tlog: tree head signature does not verify")

// Signer signs tree heads with the server's Ed25519 private key. The zero
// Signer holds no key; using it panics, as it can only arise from a
// programming error (real Signers come from [GenerateKey], [ParseSigner] or
// [LoadOrCreateKey]).
type Signer struct {
	key ed25519.PrivateKey
}

// GenerateKey returns a new Signer whose key seed is read from rand, so a
// deterministic reader gives a deterministic key (useful in tests). A nil
// rand means crypto/rand.
func GenerateKey(rand io.Reader) (Signer, error) {
	_, key, err := ed25519.GenerateKey(rand)
	if err != nil {
		return Signer{}, fmt.Errorf("tlog: generating key: %w", err)
	}
	return Signer{key: key}, nil
}

// Sign returns a copy of h with Signature set to the Ed25519 signature of
// h.SignedMessage(). Any existing signature in h is replaced.
func (s Signer) Sign(h TreeHead) TreeHead {
	h.Signature = ed25519.Sign(s.mustKey(), h.SignedMessage())
	return h
}

// Public returns the Verifier for s's public key.
func (s Signer) Public() Verifier {
	return Verifier{key: s.mustKey().Public().(ed25519.PublicKey)}
}

// String identifies the key by its public key ID. It exists so that printing
// a Signer (in a log line or a test failure) can never reveal the private key.
func (s Signer) String() string {
	if s.key == nil {
		return "tlog.Signer(no key)"
	}
	return "tlog.Signer(" + s.Public().KeyID() + ")"
}

// GoString is String, so %#v cannot reveal the private key either.
func (s Signer) GoString() string {
	return s.String()
}

// Secret returns a 32-byte secret for purpose, derived from s's key
// (HMAC-SHA256 keyed by its seed over a domain of its own and purpose):
// every holder of the key derives the same secret, so servers sharing a
// store's key share it (to authenticate the cookies one issues and
// another reads, say), and no one without the key can. It reveals nothing
// of the key, and secrets for different purposes are unrelated.
func (s Signer) Secret(purpose string) []byte {
	mac := hmac.New(sha256.New, s.mustKey().Seed())
	mac.Write([]byte("entente derived secret v1\n" + purpose))
	return mac.Sum(nil)
}

func (s Signer) mustKey() ed25519.PrivateKey {
	if len(s.key) != ed25519.PrivateKeySize {
		panic("tlog: use of a Signer with no key")
	}
	return s.key
}

// MarshalSigner encodes s's private key seed in the key file format:
//
//	entente-ed25519-private-v1 <base64 of the 32-byte seed>
//
// followed by a newline. The result is secret: store it with mode 0600. It
// panics for the zero Signer.
func MarshalSigner(s Signer) []byte {
	return marshalKey(privateKeyHeader, s.mustKey().Seed())
}

// ParseSigner decodes the format written by [MarshalSigner]. The final
// newline is optional; anything else out of place is an error. Errors never
// quote the input, which may be a secret.
func ParseSigner(data []byte) (Signer, error) {
	seed, err := parseKey(data, privateKeyHeader, ed25519.SeedSize)
	if err != nil {
		return Signer{}, fmt.Errorf("tlog: private key: %w", err)
	}
	return Signer{key: ed25519.NewKeyFromSeed(seed)}, nil
}

// Verifier checks tree head signatures against the server's Ed25519 public
// key. The zero Verifier holds no key and rejects every head.
type Verifier struct {
	key ed25519.PublicKey
}

// Verify returns nil if h.Signature is a valid signature of h.SignedMessage()
// by v's key, and an error wrapping [ErrSignature] otherwise.
func (v Verifier) Verify(h TreeHead) error {
	if !v.hasKey() {
		return errors.New("tlog: verifier has no public key")
	}
	if !ed25519.Verify(v.key, h.SignedMessage(), h.Signature) {
		return fmt.Errorf("%w: log %q size %d with key %s", ErrSignature, h.Log, h.Size, v.KeyID())
	}
	return nil
}

// KeyID returns a short, stable name for the key: the first 8 bytes of the
// SHA-256 of the public key, in hex. It is for humans (log lines, error
// messages), not for security decisions.
func (v Verifier) KeyID() string {
	if !v.hasKey() {
		return "no-key"
	}
	sum := sha256.Sum256(v.key)
	return hex.EncodeToString(sum[:8])
}

// String returns the public key in the format of [MarshalVerifier] without
// the final newline, which [ParseVerifier] accepts.
func (v Verifier) String() string {
	if !v.hasKey() {
		return "tlog.Verifier(no key)"
	}
	return strings.TrimSuffix(string(MarshalVerifier(v)), "\n")
}

// MarshalVerifier encodes v's public key as
//
//	entente-ed25519-public-v1 <base64 of the 32-byte public key>
//
// followed by a newline. It panics for the zero Verifier.
func MarshalVerifier(v Verifier) []byte {
	if !v.hasKey() {
		panic("tlog: use of a Verifier with no key")
	}
	return marshalKey(publicKeyHeader, v.key)
}

// ParseVerifier decodes the format written by [MarshalVerifier]. The final
// newline is optional; anything else out of place is an error.
func ParseVerifier(data []byte) (Verifier, error) {
	key, err := parseKey(data, publicKeyHeader, ed25519.PublicKeySize)
	if err != nil {
		return Verifier{}, fmt.Errorf("tlog: public key: %w", err)
	}
	return Verifier{key: ed25519.PublicKey(key)}, nil
}

func (v Verifier) hasKey() bool {
	return len(v.key) == ed25519.PublicKeySize
}

func marshalKey(header string, key []byte) []byte {
	return []byte(header + " " + base64.StdEncoding.EncodeToString(key) + "\n")
}

// parseKey accepts exactly "<header> <base64 of size bytes>" with an optional
// final newline. It insists on the canonical base64 form (the decoder alone
// would skip embedded newlines and tolerate odd padding), so every key has
// exactly one accepted encoding.
func parseKey(data []byte, header string, size int) ([]byte, error) {
	text := strings.TrimSuffix(string(data), "\n")
	body, ok := strings.CutPrefix(text, header+" ")
	if !ok {
		return nil, fmt.Errorf("does not start with %q", header+" ")
	}
	key, err := base64.StdEncoding.DecodeString(body)
	if err != nil || base64.StdEncoding.EncodeToString(key) != body {
		return nil, errors.New("key is not canonical base64")
	}
	if len(key) != size {
		return nil, fmt.Errorf("key is %d bytes, want %d", len(key), size)
	}
	return key, nil
}
