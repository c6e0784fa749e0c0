package entente

import (
	"crypto/ed25519"
	"encoding/base64"
	"fmt"
	"io"
	"strings"
	"time"
)

// Delegate is a person who acts for an actor (the people of a firm, a
// ministry or an NGO), holding a private key the server never sees.
type Delegate struct {
	Actor ActorID
	Name  string
	Key   ed25519.PrivateKey
}

// NewDelegate makes a delegate with a fresh key whose seed is read from
// rand (crypto/rand.Reader in real use; a seeded reader in tests).
func NewDelegate(actor ActorID, name string, rand io.Reader) (*Delegate, error) {
	seed := make([]byte, ed25519.SeedSize)
	if _, err := io.ReadFull(rand, seed); err != nil {
		return nil, fmt.Errorf("making a key for %s: %w", actor, err)
	}
	return &Delegate{Actor: actor, Name: name, Key: ed25519.NewKeyFromSeed(seed)}, nil
}

// PublicKey returns the delegate's public key as the registry records it.
func (d *Delegate) PublicKey() string {
	return base64.StdEncoding.EncodeToString(d.Key.Public().(ed25519.PublicKey))
}

// Sign makes a signed request for cmd on log, signed by d alone; others
// add their signatures with Signed.Cosign.
func (d *Delegate) Sign(log string, cmd any, nonce string, expires time.Time) (*Signed, error) {
	req, err := NewRequest(log, d.Actor, cmd, nonce, expires)
	if err != nil {
		return nil, err
	}
	return NewSigned(req, d.Key)
}

// String names the delegate without revealing its key.
func (d *Delegate) String() string {
	return fmt.Sprintf("%s (%s, key %s)", d.Name, d.Actor, KeyID(d.PublicKey()))
}

// delegateKeyHeader starts a delegate key file; the version lets a later
// format be told apart.
const delegateKeyHeader = "entente-delegate-ed25519-v1"

// MarshalDelegate encodes a delegate key file, one line:
//
//	entente-delegate-ed25519-v1 <actor> <base64 of the 32-byte seed> <name>
//
// It is secret: keep it with mode 0600.
func MarshalDelegate(d *Delegate) []byte {
	seed := base64.StdEncoding.EncodeToString(d.Key.Seed())
	return []byte(fmt.Sprintf("%s %s %s %s\n", delegateKeyHeader, d.Actor, seed, d.Name))
}

// ParseDelegate decodes a delegate key file. Errors never quote the
// input, which is a secret.
func ParseDelegate(b []byte) (*Delegate, error) {
	fields := strings.SplitN(strings.TrimRight(string(b), "\r\n"), " ", 4)
	if len(fields) < 3 || fields[0] != delegateKeyHeader {
		return nil, fmt.Errorf("expected a delegate key file starting %q", delegateKeyHeader)
	}
	if !ValidID(fields[1]) {
		return nil, fmt.Errorf("delegate key file: expected an actor ID as the second field")
	}
	seed, err := base64.StdEncoding.DecodeString(fields[2])
	if err != nil || len(seed) != ed25519.SeedSize {
		return nil, fmt.Errorf("delegate key file: expected the base64 of a %d-byte seed as the third field", ed25519.SeedSize)
	}
	name := fields[1]
	if len(fields) == 4 && strings.TrimSpace(fields[3]) != "" {
		name = fields[3]
	}
	return &Delegate{Actor: ActorID(fields[1]), Name: name, Key: ed25519.NewKeyFromSeed(seed)}, nil
}
