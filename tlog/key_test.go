package tlog_test

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/entente/entente/tlog"
)

func TestGenerateKeyDeterministic(t *testing.T) {
	a, b := testSigner(t, 9), testSigner(t, 9)
	if a.Public().String() != b.Public().String() {
		t.Errorf("same seed gave keys %s and %s", a.Public(), b.Public())
	}
	if c := testSigner(t, 10); c.Public().String() == a.Public().String() {
		t.Errorf("different seeds gave the same key %s", a.Public())
	}
	if _, err := tlog.GenerateKey(bytes.NewReader(make([]byte, 31))); err == nil {
		t.Error("GenerateKey succeeded with a short random source")
	}
}

func TestSignerTextRoundTrip(t *testing.T) {
	s := testSigner(t, 1)
	text := tlog.MarshalSigner(s)
	if !bytes.HasPrefix(text, []byte("entente-ed25519-private-v1 ")) || !bytes.HasSuffix(text, []byte("=\n")) {
		t.Errorf("MarshalSigner = %q, want \"entente-ed25519-private-v1 <base64>\\n\"", text)
	}
	back, err := tlog.ParseSigner(text)
	if err != nil {
		t.Fatalf("ParseSigner(MarshalSigner(s)): %v", err)
	}
	if !bytes.Equal(tlog.MarshalSigner(back), text) {
		t.Error("private key changed in round trip")
	}
	h := back.Sign(testHead(t))
	if err := s.Public().Verify(h); err != nil {
		t.Errorf("head signed by parsed key does not verify with the original: %v", err)
	}
}

func TestVerifierTextRoundTrip(t *testing.T) {
	v := testSigner(t, 1).Public()
	text := tlog.MarshalVerifier(v)
	if want := v.String() + "\n"; string(text) != want {
		t.Errorf("MarshalVerifier = %q, want String()+newline %q", text, want)
	}
	for _, in := range [][]byte{text, []byte(v.String())} {
		back, err := tlog.ParseVerifier(in)
		if err != nil {
			t.Fatalf("ParseVerifier(%q): %v", in, err)
		}
		if back.String() != v.String() || back.KeyID() != v.KeyID() {
			t.Errorf("ParseVerifier(%q) = %s, want %s", in, back, v)
		}
	}
	if len(v.KeyID()) != 16 {
		t.Errorf("KeyID() = %q, want 16 hex digits", v.KeyID())
	}
}

func TestParseKeysReject(t *testing.T) {
	seed := base64.StdEncoding.EncodeToString(make([]byte, 32))
	const priv, pub = "entente-ed25519-private-v1 ", "entente-ed25519-public-v1 "
	for _, tc := range []struct {
		name, in string
	}{
		{"empty", ""},
		{"header only", priv},
		{"no space", strings.TrimSpace(priv) + seed},
		{"other header", pub + seed},
		{"version 2", "entente-ed25519-private-v2 " + seed},
		{"short key", priv + base64.StdEncoding.EncodeToString(make([]byte, 31))},
		{"long key", priv + base64.StdEncoding.EncodeToString(make([]byte, 33))},
		{"not base64", priv + strings.Repeat("!", 44)},
		{"unpadded", priv + strings.TrimRight(seed, "=")},
		{"embedded newline", priv + seed[:20] + "\n" + seed[20:]},
		{"trailing space", priv + seed + " "},
		{"two newlines", priv + seed + "\n\n"},
		{"CRLF", priv + seed + "\r\n"},
		{"leading space", " " + priv + seed},
	} {
		if _, err := tlog.ParseSigner([]byte(tc.in)); err == nil {
			t.Errorf("ParseSigner(%s) succeeded", tc.name)
		}
		in := strings.Replace(tc.in, priv, pub, 1)
		if tc.name == "other header" {
			in = priv + seed
		}
		if _, err := tlog.ParseVerifier([]byte(in)); err == nil {
			t.Errorf("ParseVerifier(%s) succeeded", tc.name)
		}
	}
}

func TestSignerDoesNotPrintKey(t *testing.T) {
	s := testSigner(t, 1)
	secret := strings.TrimSpace(strings.Fields(string(tlog.MarshalSigner(s)))[1])
	for _, format := range []string{"%v", "%+v", "%#v", "%s", "%x", "%q"} {
		out := fmt.Sprintf(format, s)
		if strings.Contains(out, secret) || strings.Contains(out, fmt.Sprintf("%x", mustDecode(t, secret))) {
			t.Errorf("Sprintf(%q, signer) = %q reveals the private key", format, out)
		}
	}
}

func mustDecode(tb testing.TB, s string) []byte {
	tb.Helper()
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func TestLoadOrCreateKey(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "log.key")
	created, err := tlog.LoadOrCreateKey(path, rand.NewChaCha8([32]byte{1}))
	if err != nil {
		t.Fatalf("LoadOrCreateKey (create): %v", err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); runtime.GOOS != "windows" && perm != 0o600 {
		t.Errorf("key file mode = %v, want 0600", perm)
	}
	// A different random source proves the second call loads, not creates.
	loaded, err := tlog.LoadOrCreateKey(path, rand.NewChaCha8([32]byte{2}))
	if err != nil {
		t.Fatalf("LoadOrCreateKey (load): %v", err)
	}
	if loaded.Public().String() != created.Public().String() {
		t.Errorf("reloaded key %s, created %s", loaded.Public(), created.Public())
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Errorf("directory holds %d files after creation, want only the key file", len(entries))
	}
}

// TestLoadOrCreateKeyRace starts several creators at once: whoever wins, all
// must end up with the key that is on disk, or heads would be signed by a key
// nobody can find again.
func TestLoadOrCreateKeyRace(t *testing.T) {
	path := filepath.Join(t.TempDir(), "log.key")
	keys := make([]string, 8)
	var wg sync.WaitGroup
	for i := range keys {
		wg.Go(func() {
			s, err := tlog.LoadOrCreateKey(path, rand.NewChaCha8([32]byte{byte(i)}))
			if err != nil {
				t.Errorf("LoadOrCreateKey %d: %v", i, err)
				return
			}
			keys[i] = s.Public().String()
		})
	}
	wg.Wait()
	onDisk, err := tlog.LoadOrCreateKey(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, k := range keys {
		if k != onDisk.Public().String() {
			t.Errorf("creator %d uses key %s, file holds %s", i, k, onDisk.Public())
		}
	}
}

func TestLoadOrCreateKeyErrorsNamePath(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name, path, content string
	}{
		{"malformed", filepath.Join(dir, "bad.key"), "not a key\n"},
		{"empty", filepath.Join(dir, "empty.key"), ""},
		{"public key", filepath.Join(dir, "pub.key"), testSigner(t, 1).Public().String()},
		{"missing directory", filepath.Join(dir, "no", "such", "dir", "log.key"), ""},
	} {
		if !strings.Contains(tc.name, "missing") {
			if err := os.WriteFile(tc.path, []byte(tc.content), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		_, err := tlog.LoadOrCreateKey(tc.path, rand.NewChaCha8([32]byte{}))
		if err == nil || !strings.Contains(err.Error(), tc.path) {
			t.Errorf("%s: LoadOrCreateKey error %v does not name %s", tc.name, err, tc.path)
		}
		if got, _ := os.ReadFile(tc.path); string(got) != tc.content {
			t.Errorf("%s: key file rewritten to %q", tc.name, got)
		}
	}
}

// FuzzParseKeys checks that parsing arbitrary bytes never panics and that
// whatever parses is in canonical form, so one key has one encoding.
func FuzzParseKeys(f *testing.F) {
	s := testSigner(f, 1)
	f.Add(tlog.MarshalSigner(s))
	f.Add(tlog.MarshalVerifier(s.Public()))
	f.Add([]byte("entente-ed25519-private-v1 \n"))
	f.Add([]byte("entente-ed25519-public-v1 AAAA\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if s, err := tlog.ParseSigner(data); err == nil {
			checkCanonical(t, data, tlog.MarshalSigner(s))
		}
		if v, err := tlog.ParseVerifier(data); err == nil {
			checkCanonical(t, data, tlog.MarshalVerifier(v))
		}
	})
}

// checkCanonical asserts that parsed input was the canonical encoding,
// give or take the optional final newline.
func checkCanonical(tb testing.TB, in, canonical []byte) {
	tb.Helper()
	if !bytes.Equal(in, canonical) && !bytes.Equal(append(in[:len(in):len(in)], '\n'), canonical) {
		tb.Errorf("parsed %q, whose canonical form is %q", in, canonical)
	}
}

// TestSignerSecret: a derived secret is the same for every holder of the
// key, differs by purpose and by key, and is not the key's seed.
func TestSignerSecret(t *testing.T) {
	seed := bytes.Repeat([]byte{7}, 64)
	a, _ := tlog.GenerateKey(bytes.NewReader(seed))
	again, _ := tlog.GenerateKey(bytes.NewReader(seed))
	other, _ := tlog.GenerateKey(bytes.NewReader(bytes.Repeat([]byte{8}, 64)))
	if !bytes.Equal(a.Secret("cookies"), again.Secret("cookies")) {
		t.Error("two holders of one key derive different secrets")
	}
	for _, c := range []struct {
		name string
		x, y []byte
	}{
		{"another purpose", a.Secret("cookies"), a.Secret("cookies2")},
		{"another key", a.Secret("cookies"), other.Secret("cookies")},
		{"the seed", a.Secret("cookies"), seed[:32]},
	} {
		if bytes.Equal(c.x, c.y) || len(c.x) != 32 {
			t.Errorf("the secret equals that of %s (or is not 32 bytes)", c.name)
		}
	}
}
