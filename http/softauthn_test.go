package http_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"testing"
)

// softAuthenticator is a passkey authenticator in software, enough of
// WebAuthn (ES256, "none" attestation, discoverable credentials, user
// verification) to drive the server's ceremonies from Go and to attack them.
type softAuthenticator struct {
	tb     testing.TB
	key    *ecdsa.PrivateKey
	id     []byte
	handle []byte
	rpID   string
	count  uint32
	// synced authenticators (passkeys kept in a cloud account) report a
	// signature counter of 0 every time, so a server cannot lean on it.
	zeroCount bool
}

func newSoftAuthenticator(tb testing.TB) *softAuthenticator {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		tb.Fatal(err)
	}
	id := make([]byte, 16)
	rand.Read(id)
	return &softAuthenticator{tb: tb, key: key, id: id}
}

var b64u = base64.RawURLEncoding

// cbor helpers: just the major types a COSE key and an attestation object
// need.
func cborHead(major byte, n uint64) []byte {
	switch {
	case n < 24:
		return []byte{major<<5 | byte(n)}
	case n < 256:
		return []byte{major<<5 | 24, byte(n)}
	default:
		return []byte{major<<5 | 25, byte(n >> 8), byte(n)}
	}
}
func cborInt(v int64) []byte {
	if v >= 0 {
		return cborHead(0, uint64(v))
	}
	return cborHead(1, uint64(-1-v))
}
func cborBytes(b []byte) []byte { return append(cborHead(2, uint64(len(b))), b...) }
func cborText(s string) []byte  { return append(cborHead(3, uint64(len(s))), s...) }

func (a *softAuthenticator) coseKey() []byte {
	x := a.key.PublicKey.X.FillBytes(make([]byte, 32))
	y := a.key.PublicKey.Y.FillBytes(make([]byte, 32))
	out := cborHead(5, 5)
	out = append(out, cborInt(1)...)
	out = append(out, cborInt(2)...) // kty: EC2
	out = append(out, cborInt(3)...)
	out = append(out, cborInt(-7)...) // alg: ES256
	out = append(out, cborInt(-1)...)
	out = append(out, cborInt(1)...) // crv: P-256
	out = append(out, cborInt(-2)...)
	out = append(out, cborBytes(x)...)
	out = append(out, cborInt(-3)...)
	out = append(out, cborBytes(y)...)
	return out
}

func (a *softAuthenticator) authData(attested bool) []byte {
	rp := sha256.Sum256([]byte(a.rpID))
	flags := byte(0x01 | 0x04) // user present, user verified
	if attested {
		flags |= 0x40
	}
	out := append(rp[:], flags)
	out = binary.BigEndian.AppendUint32(out, a.count)
	if attested {
		out = append(out, make([]byte, 16)...) // AAGUID
		out = binary.BigEndian.AppendUint16(out, uint16(len(a.id)))
		out = append(out, a.id...)
		out = append(out, a.coseKey()...)
	}
	return out
}

func clientData(typ, challenge, origin string) []byte {
	b, _ := json.Marshal(map[string]any{"type": typ, "challenge": challenge, "origin": origin, "crossOrigin": false})
	return b
}

// options is the part of the server's creation or request options the
// authenticator reads.
type options struct {
	PublicKey struct {
		Challenge string `json:"challenge"`
		RP        struct {
			ID string `json:"id"`
		} `json:"rp"`
		RPID string `json:"rpId"`
		User struct {
			ID string `json:"id"`
		} `json:"user"`
	} `json:"publicKey"`
}

// create answers creation options as the browser would at origin.
func (a *softAuthenticator) create(opts []byte, origin string) (json.RawMessage, string) {
	var o options
	if err := json.Unmarshal(opts, &o); err != nil {
		a.tb.Fatal(err)
	}
	a.rpID = o.PublicKey.RP.ID
	h, err := b64u.DecodeString(o.PublicKey.User.ID)
	if err != nil {
		a.tb.Fatal(err)
	}
	a.handle = h
	att := cborHead(5, 3)
	att = append(att, cborText("fmt")...)
	att = append(att, cborText("none")...)
	att = append(att, cborText("attStmt")...)
	att = append(att, cborHead(5, 0)...)
	att = append(att, cborText("authData")...)
	att = append(att, cborBytes(a.authData(true))...)
	cred, _ := json.Marshal(map[string]any{
		"id": b64u.EncodeToString(a.id), "rawId": b64u.EncodeToString(a.id), "type": "public-key",
		"clientExtensionResults": map[string]any{}, "authenticatorAttachment": "platform",
		"response": map[string]any{
			"clientDataJSON":    b64u.EncodeToString(clientData("webauthn.create", o.PublicKey.Challenge, origin)),
			"attestationObject": b64u.EncodeToString(att),
			"transports":        []string{"internal"},
		},
	})
	return cred, o.PublicKey.Challenge
}

// get answers request options with an assertion, as the browser would at
// origin.
func (a *softAuthenticator) get(opts []byte, origin string) json.RawMessage {
	var o options
	if err := json.Unmarshal(opts, &o); err != nil {
		a.tb.Fatal(err)
	}
	if o.PublicKey.RPID != "" && o.PublicKey.RPID != a.rpID {
		a.tb.Fatalf("request options for RP %q, credential of %q", o.PublicKey.RPID, a.rpID)
	}
	if !a.zeroCount {
		a.count++
	}
	ad := a.authData(false)
	cd := clientData("webauthn.get", o.PublicKey.Challenge, origin)
	h := sha256.Sum256(cd)
	sig, err := ecdsa.SignASN1(rand.Reader, a.key, sha256Of(append(append([]byte{}, ad...), h[:]...)))
	if err != nil {
		a.tb.Fatal(err)
	}
	out, _ := json.Marshal(map[string]any{
		"id": b64u.EncodeToString(a.id), "rawId": b64u.EncodeToString(a.id), "type": "public-key",
		"clientExtensionResults": map[string]any{}, "authenticatorAttachment": "platform",
		"response": map[string]any{
			"clientDataJSON":    b64u.EncodeToString(cd),
			"authenticatorData": b64u.EncodeToString(ad),
			"signature":         b64u.EncodeToString(sig),
			"userHandle":        b64u.EncodeToString(a.handle),
		},
	})
	return out
}

func sha256Of(b []byte) []byte {
	h := sha256.Sum256(b)
	return h[:]
}
