package entente

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"regexp"
	"time"
	"unicode/utf8"
)

// Request is what a delegate signs: one command, for one log, on behalf of
// one actor. Its encoding is transport-neutral (the same bytes whether it
// travels over HTTP, from the command line or from a browser) and the exact
// bytes the delegates signed are the bytes kept in the log (Signed).
//
// Nonce and Expires keep a request from being replayed without tying it to
// the log's length: a request is accepted once (its nonce is recorded in
// the log and refused afterwards) and only until it expires, however many
// other members write in the meantime.
type Request struct {
	// V is the format's version, 1.
	V int `json:"v"`
	// Log is the pact the command is for, or RegistryLog.
	Log string `json:"log"`
	// Actor is who acts: the member, or the actor whose record changes.
	Actor ActorID `json:"actor"`
	// Command names the command (see CommandNames) and Args holds its
	// fields as JSON.
	Command string          `json:"command"`
	Args    json.RawMessage `json:"args"`
	// Nonce is 16 to 64 characters of [A-Za-z0-9_-], unique in the log.
	Nonce string `json:"nonce"`
	// Expires is the last moment the request may be recorded.
	Expires time.Time `json:"expires"`
	// Class, when set, classifies the entries the request causes (see
	// Classification).
	Class Classification `json:"class,omitempty"`
}

// MaxRequestLifetime bounds how far in the future a request may expire when
// it is submitted: long enough to gather co-signatures (a founding, a
// settlement), short enough that a stolen request does not keep for long.
const MaxRequestLifetime = 7 * Day

// MaxRequestBytes bounds a request's encoding.
const MaxRequestBytes = 256 << 10

// Signature is one delegate's signature over a request's bytes; Key is the
// delegate's public key (standard base64 of the 32 bytes).
type Signature struct {
	Key string `json:"key"`
	Sig []byte `json:"sig"`
}

// Signed is a signed request as submitted and as kept in the log with the
// first event it caused: the request's exact bytes and the signatures over
// them. Registry is the length of the actor registry when the server ran
// the command: the keys and actors in force then are those the verifier
// checks against (the server adds it; the delegates do not sign it).
type Signed struct {
	Request    string      `json:"request"`
	Signatures []Signature `json:"signatures"`
	Registry   int64       `json:"registry,omitempty"`
}

// requestDomain separates request signatures from every other message an
// ed25519 key might sign (tree heads say "entente tree head v1").
const requestDomain = "entente request v1\n"

// RequestMessage returns the exact bytes a delegate signs for a request
// whose encoding is req.
func RequestMessage(req []byte) []byte {
	return append([]byte(requestDomain), req...)
}

var noncePattern = regexp.MustCompile(`^[A-Za-z0-9_-]{16,64}$`)

// EncodeRequest returns the encoding of r that delegates sign. Any
// encoding that ParseRequest accepts may be signed; this is the one
// Entente's own clients produce.
func EncodeRequest(r Request) ([]byte, error) {
	r.Expires = canonicalTime(r.Expires)
	if len(r.Args) == 0 {
		r.Args = json.RawMessage("{}")
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, r.Args); err != nil {
		return nil, FieldErrorf(EINVALID, "args", "expected a JSON object: %v", err)
	}
	r.Args = compact.Bytes()
	return json.Marshal(r)
}

// ParseRequest decodes and checks a request's bytes strictly: valid UTF-8,
// one JSON object with exactly the known fields (no unknown, duplicate or
// case-folded keys), version 1, and well-formed log, actor, command, nonce
// and expiry. Errors name the field.
func ParseRequest(b []byte) (Request, error) {
	var r Request
	if len(b) > MaxRequestBytes {
		return r, FieldErrorf(ETOOLARGE, "request", "expected at most %d bytes, got %d", MaxRequestBytes, len(b))
	}
	if !utf8.Valid(b) {
		return r, FieldErrorf(EINVALID, "request", "expected UTF-8 text")
	}
	if len(bytes.TrimSpace(b)) == 0 {
		// The decoder would say only "EOF".
		return r, FieldErrorf(EINVALID, "request", "expected the request's JSON object, got nothing")
	}
	if err := StrictJSON(b, &r); err != nil {
		return r, FieldErrorf(EINVALID, "request", "%v", err)
	}
	switch {
	case r.V != 1:
		return r, FieldErrorf(EINVALID, "request.v", "expected version 1, got %d", r.V)
	case r.Log != RegistryLog && !ValidID(r.Log):
		return r, FieldErrorf(EINVALID, "request.log", "expected a pact ID or %q, got %q", RegistryLog, r.Log)
	case !ValidID(string(r.Actor)):
		return r, FieldErrorf(EINVALID, "request.actor", "expected an actor ID, got %q", r.Actor)
	case !noncePattern.MatchString(r.Nonce):
		return r, FieldErrorf(EINVALID, "request.nonce", "expected 16-64 characters of A-Z, a-z, 0-9, '_' or '-'")
	case r.Expires.IsZero():
		return r, FieldErrorf(EINVALID, "request.expires", "expected an expiry time")
	case len(r.Args) == 0 || r.Args[0] != '{':
		return r, FieldErrorf(EINVALID, "request.args", "expected a JSON object")
	}
	if _, ok := commandTypes[r.Command]; !ok {
		return r, FieldErrorf(EINVALID, "request.command", "expected one of %v, got %q", CommandNames(), r.Command)
	}
	return r, nil
}

// Sign returns the signature of key over the request encoded as req.
func Sign(key ed25519.PrivateKey, req []byte) Signature {
	pub := key.Public().(ed25519.PublicKey)
	return Signature{Key: base64.StdEncoding.EncodeToString(pub), Sig: ed25519.Sign(key, RequestMessage(req))}
}

// Verify checks sig over the request encoded as req.
func (sig Signature) Verify(req []byte) error {
	key, err := ParsePublicKey(sig.Key)
	if err != nil {
		return FieldErrorf(EINVALID, "signatures.key", "%v", err)
	}
	if !ed25519.Verify(key, RequestMessage(req), sig.Sig) {
		return FieldErrorf(EFORBIDDEN, "signatures", "the signature of key %s does not match the request", KeyID(sig.Key))
	}
	return nil
}

// NewSigned encodes r and signs it with every key.
func NewSigned(r Request, keys ...ed25519.PrivateKey) (*Signed, error) {
	b, err := EncodeRequest(r)
	if err != nil {
		return nil, err
	}
	s := &Signed{Request: string(b)}
	for _, k := range keys {
		s.Signatures = append(s.Signatures, Sign(k, b))
	}
	return s, nil
}

// Cosign adds key's signature to s.
func (s *Signed) Cosign(key ed25519.PrivateKey) {
	s.Signatures = append(s.Signatures, Sign(key, []byte(s.Request)))
}

// Parse returns the request s carries, checked with ParseRequest, and
// checks every signature's arithmetic (not whether its key may sign: that
// depends on the registry).
func (s *Signed) Parse() (Request, error) {
	r, err := ParseRequest([]byte(s.Request))
	if err != nil {
		return r, err
	}
	if len(s.Signatures) == 0 {
		return r, FieldErrorf(EFORBIDDEN, "signatures", "expected at least one signature")
	}
	seen := map[string]bool{}
	for _, sig := range s.Signatures {
		if seen[sig.Key] {
			return r, FieldErrorf(EINVALID, "signatures", "key %s signs twice", KeyID(sig.Key))
		}
		seen[sig.Key] = true
		if err := sig.Verify([]byte(s.Request)); err != nil {
			return r, err
		}
	}
	return r, nil
}

// ParsePublicKey decodes a public key: standard base64 of the 32 bytes of
// an ed25519 public key.
func ParsePublicKey(s string) (ed25519.PublicKey, error) {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil || len(b) != ed25519.PublicKeySize || base64.StdEncoding.EncodeToString(b) != s {
		return nil, fmt.Errorf("expected the base64 of a %d-byte ed25519 public key", ed25519.PublicKeySize)
	}
	return ed25519.PublicKey(b), nil
}

// KeyID shortens a public key for messages: its first 12 characters.
func KeyID(key string) string {
	if len(key) > 12 {
		return key[:12]
	}
	return key
}

// StrictJSON decodes one JSON value from b into v, refusing unknown fields,
// duplicate keys, keys with upper-case letters (which encoding/json would
// match to a field case-insensitively) and trailing data. Signed bytes must
// mean one thing to every reader.
func StrictJSON(b []byte, v any) error {
	if err := checkKeys(b); err != nil {
		return err
	}
	return strictUnmarshal(b, v)
}

// checkKeys walks b's objects, refusing duplicate and upper-case keys.
func checkKeys(b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	return walkValue(dec)
}

func walkValue(dec *json.Decoder) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	switch tok {
	case json.Delim('{'):
		seen := map[string]bool{}
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				return err
			}
			key := k.(string)
			if key != foldKey(key) {
				return fmt.Errorf("key %q: expected lower-case keys (encoding/json would match it to a field case-insensitively)", key)
			}
			if seen[key] {
				return fmt.Errorf("duplicate key %q", key)
			}
			seen[key] = true
			if err := walkValue(dec); err != nil {
				return err
			}
		}
		_, err = dec.Token()
	case json.Delim('['):
		for dec.More() {
			if err := walkValue(dec); err != nil {
				return err
			}
		}
		_, err = dec.Token()
	}
	return err
}

// foldKey is a key as encoding/json matches it against field names.
func foldKey(k string) string { return string(bytes.ToLower([]byte(k))) }
