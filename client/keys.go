package client

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/atomicfile"
	"github.com/entente/entente/ledger"
	"github.com/entente/entente/tlog"
)

// LoadKey reads a delegate key file (see entente.MarshalDelegate).
func LoadKey(path string) (*entente.Delegate, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading delegate key: %w", err)
	}
	d, err := entente.ParseDelegate(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return d, nil
}

// LoadKeys reads delegate key files (LoadKey), in order: the signer's and
// those of its co-signers.
func LoadKeys(paths ...string) ([]*entente.Delegate, error) {
	ds := make([]*entente.Delegate, len(paths))
	for i, path := range paths {
		var err error
		if ds[i], err = LoadKey(path); err != nil {
			return nil, err
		}
	}
	return ds, nil
}

// NewKeyFile makes a key for a delegate of actor, named name, drawn from
// rand, and writes it to the new file path (WriteKey).
func NewKeyFile(path string, actor entente.ActorID, name string, rand io.Reader) (*entente.Delegate, error) {
	d, err := entente.NewDelegate(actor, name, rand)
	if err != nil {
		return nil, err
	}
	return d, WriteKey(path, d)
}

// CosignFile adds to sig, once it parses, the signature of the delegate
// whose key is in the file path.
func CosignFile(sig *entente.Signed, path string) error {
	if _, err := sig.Parse(); err != nil {
		return err
	}
	d, err := LoadKey(path)
	if err != nil {
		return err
	}
	sig.Cosign(d.Key)
	return nil
}

// WriteKey writes a delegate key file with mode 0600, synced to disk. It
// never overwrites: a key lost is an identity lost.
func WriteKey(path string, d *entente.Delegate) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = f.Write(entente.MarshalDelegate(d))
	if err == nil {
		err = f.Sync()
	}
	return errors.Join(err, f.Close())
}

// LoadServerKey reads a server's public key file (FILE.pub beside a
// store, or what GET /api/key serves).
func LoadServerKey(path string) (tlog.Verifier, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return tlog.Verifier{}, fmt.Errorf("the server's public key: %w (pass --pubkey FILE; GET /api/key serves it)", err)
	}
	v, err := tlog.ParseVerifier(data)
	if err != nil {
		return tlog.Verifier{}, fmt.Errorf("%s: %w", path, err)
	}
	return v, nil
}

// RequestLifetime is how long the requests Sign makes stay valid: long
// enough for co-signers to add their signatures.
const RequestLifetime = 2 * entente.Day

// Nonce returns a random request nonce.
func Nonce() string {
	b := make([]byte, 18)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// Sign makes the signed request of d for cmd on log, classified as class
// (empty: the pact's visibility), valid for RequestLifetime from now, and
// co-signed by cosigners.
func Sign(d *entente.Delegate, log string, cmd any, class entente.Classification, now time.Time, cosigners ...*entente.Delegate) (*entente.Signed, error) {
	req, err := entente.NewRequest(log, d.Actor, cmd, Nonce(), now.Add(RequestLifetime))
	if err != nil {
		return nil, err
	}
	req.Class = class
	if err := class.Validate(); err != nil {
		return nil, err
	}
	sig, err := entente.NewSigned(req, d.Key)
	if err != nil {
		return nil, err
	}
	for _, co := range cosigners {
		sig.Cosign(co.Key)
	}
	return sig, nil
}

// SignFiles is Sign with the delegate key in the file key, co-signed by
// the keys in the files cosign. by, when set, names the actor the request
// is meant to act for: a key of another actor is an EINVALID error on the
// field "by", before anything is signed.
func SignFiles(key string, cosign []string, by entente.ActorID, log string, cmd any, class entente.Classification, now time.Time) (*entente.Signed, error) {
	keys, err := LoadKeys(append([]string{key}, cosign...)...)
	if err != nil {
		return nil, err
	}
	if by != "" && by != keys[0].Actor {
		return nil, entente.FieldErrorf(entente.EINVALID, "by", "%s: the key in %s acts for %s", by, key, keys[0].Actor)
	}
	return Sign(keys[0], log, cmd, class, now, keys[1:]...)
}

// ReadToken makes a read token for d, good for life from now: the value
// of an Authorization header ("Entente " and a signed read request) that
// shows a server which actor reads, so it serves the members-only pacts
// and classified entries d's roles entitle it to. It records nothing.
func ReadToken(d *entente.Delegate, life time.Duration, now time.Time) (string, error) {
	if life <= 0 || life > entente.MaxReadLifetime {
		return "", entente.FieldErrorf(entente.EINVALID, "for", "expected a duration up to %s, got %s", entente.MaxReadLifetime, life)
	}
	sig, err := d.Sign(entente.RegistryLog, entente.ReadAs{}, Nonce(), now.Add(life))
	if err != nil {
		return "", err
	}
	b, err := json.Marshal(sig)
	if err != nil {
		return "", err
	}
	return "Entente " + base64.RawURLEncoding.EncodeToString(b), nil
}

// LoadMonitorState reads a monitor's state file: the server's key and the
// last head seen per log. A file that does not exist is a first run.
func LoadMonitorState(path string) (*ledger.MonitorState, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &ledger.MonitorState{}, nil
	}
	if err != nil {
		return nil, err
	}
	var st ledger.MonitorState
	if err := json.Unmarshal(data, &st); err != nil {
		return nil, fmt.Errorf("%s: expected a monitor state file: %v", path, err)
	}
	return &st, nil
}

// SaveMonitorState writes the state atomically: a crash leaves the old
// state or the new one, never half of it.
func SaveMonitorState(path string, st *ledger.MonitorState) error {
	data, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(path, func(w io.Writer) error { _, err := w.Write(data); return err })
}

// ReaderLifetime is how long the read token of a client from NewReader is
// good for.
const ReaderLifetime = 10 * time.Minute

// NewReader returns a client of the server at base that reads as the
// delegate whose key is in the file keyPath, with a read token good for
// ReaderLifetime from now, so that it reads what the delegate's roles
// entitle it to; with keyPath "", it reads as anyone.
func NewReader(base, keyPath string, now time.Time) (*Client, error) {
	c := &Client{Base: base}
	if keyPath == "" {
		return c, nil
	}
	d, err := LoadKey(keyPath)
	if err != nil {
		return nil, err
	}
	if c.Auth, err = ReadToken(d, ReaderLifetime, now); err != nil {
		return nil, err
	}
	return c, nil
}
