package http_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"io"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/entente/entente"
	"github.com/entente/entente/ledger"
	"github.com/entente/entente/sqlite"
	"github.com/entente/entente/tlog"
)

// signedCall sends a request signed with key for a log of size entries.
func (ts *testServer) signedCall(key ed25519.PrivateKey, method, path, body string, size int64, want int) []byte {
	ts.tb.Helper()
	req, err := http.NewRequest(method, ts.srv.URL+path, strings.NewReader(body))
	if err != nil {
		ts.tb.Fatal(err)
	}
	sig := ed25519.Sign(key, entente.SubmissionMessage(method, path, size, []byte(body)))
	req.Header.Set("Entente-Signature", base64.StdEncoding.EncodeToString(sig))
	req.Header.Set("Entente-Log-Size", strconv.FormatInt(size, 10))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		ts.tb.Fatal(err)
	}
	defer resp.Body.Close()
	got, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		ts.tb.Fatalf("%s %s: status %d, want %d: %s", method, path, resp.StatusCode, want, got)
	}
	return got
}

func TestSignedRequests(t *testing.T) {
	ts := newTestServer(t)
	key := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, 32))
	other := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{9}, 32))
	pub := base64.StdEncoding.EncodeToString(key.Public().(ed25519.PublicKey))
	ts.call("POST", "/api/actors", `{"id":"k","name":"Keyed","kind":"ngo","public_key":"`+pub+`"}`, http.StatusCreated)
	ts.call("POST", "/api/actors", `{"id":"z","name":"Bad key","kind":"ngo","public_key":"AAAA"}`, http.StatusBadRequest)

	found := `{"by":"k","pact":{"id":"kp","name":"KP","kind":"coalition"},"founders":["k","a"]}`
	ts.call("POST", "/api/pacts", found, http.StatusForbidden) // unsigned
	ts.signedCall(other, "POST", "/api/pacts", found, 0, http.StatusForbidden)
	ts.signedCall(key, "POST", "/api/pacts", found, 0, http.StatusCreated)

	contribute := `{"by":"k","resource":"eur","amount":5}`
	n := ts.logLen("kp")
	ts.signedCall(key, "POST", "/api/pacts/kp/contributions", contribute, n, http.StatusCreated)
	// The same signed request again is refused: the log has grown.
	ts.signedCall(key, "POST", "/api/pacts/kp/contributions", contribute, n, http.StatusConflict)
	// A signature over other bytes does not cover this body.
	n = ts.logLen("kp")
	sig := ed25519.Sign(key, entente.SubmissionMessage("POST", "/api/pacts/kp/contributions", n, []byte(contribute)))
	req, _ := http.NewRequest("POST", ts.srv.URL+"/api/pacts/kp/contributions", strings.NewReader(`{"by":"k","resource":"eur","amount":500}`))
	req.Header.Set("Entente-Signature", base64.StdEncoding.EncodeToString(sig))
	req.Header.Set("Entente-Log-Size", strconv.FormatInt(n, 10))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(string(body), "signature") {
		t.Errorf("a signature over another body: %d %s", resp.StatusCode, body)
	}
	// Members without a key are unaffected.
	ts.call("POST", "/api/pacts/kp/contributions", `{"by":"a","resource":"eur","amount":1}`, http.StatusCreated)

	// No one else may change k's record; k may, signing for the registry.
	ts.call("POST", "/api/actors", `{"id":"k","name":"Taken over","kind":"ngo"}`, http.StatusForbidden)
	ts.signedCall(key, "POST", "/api/actors", `{"id":"k","name":"Keyed, renamed","kind":"ngo","public_key":"`+pub+`"}`, ts.logLen(entente.RegistryLog), http.StatusCreated)

	// The signed requests are in the log and verify.
	entries, err := ts.svc.Entries(context.Background(), "kp", 0, -1)
	if err != nil {
		t.Fatal(err)
	}
	signed := 0
	for _, e := range entries {
		ev, err := entente.DecodeEvent(e.Data)
		if err != nil {
			t.Fatal(err)
		}
		if ev.Signed != nil {
			signed++
			if err := ev.Signed.Verify(); err != nil {
				t.Fatalf("entry %d: %v", e.Index, err)
			}
		}
	}
	if signed != 2 {
		t.Fatalf("%d signed entries in kp, want 2 (founding and contribution)", signed)
	}
	// An export whose signed request was altered does not import.
	var dump bytes.Buffer
	if _, err := ledger.Export(context.Background(), ts.store, &dump); err != nil {
		t.Fatal(err)
	}
	forged := strings.Replace(dump.String(), `\"amount\":5}`, `\"amount\":6}`, 1)
	if forged == dump.String() {
		t.Fatal("the signed body was not found in the export")
	}
	fresh, err := sqlite.Open(filepath.Join(t.TempDir(), "copy.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	signer, _ := tlog.GenerateKey(bytes.NewReader(make([]byte, 64)))
	if _, err := ledger.Import(context.Background(), fresh, signer, ts.now, strings.NewReader(forged)); err == nil || !strings.Contains(err.Error(), "signature does not match") {
		t.Fatalf("import of a forged signed request: %v", err)
	}
	reports, err := ledger.Verify(context.Background(), ts.store, ts.svc.Verifier())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reports {
		if !r.OK() {
			t.Fatalf("verify %s: entry %d: %s", r.Log, r.Index, r.Problem)
		}
	}
}
