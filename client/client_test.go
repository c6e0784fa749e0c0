package client_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"net/http"
	"net/http/httptest"

	"github.com/entente/entente"
	"github.com/entente/entente/client"
	"github.com/entente/entente/demo"
	enthttp "github.com/entente/entente/http"
	"github.com/entente/entente/ledger"
	"github.com/entente/entente/sqlite"
	"github.com/entente/entente/tlog"
)

// demoServer serves the demo workspace and returns a client of it and the
// demo delegates by actor.
func demoServer(t *testing.T) (*client.Client, map[entente.ActorID]*entente.Delegate, tlog.Verifier) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	signer, err := tlog.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	ds, err := demo.Seed(ctx, db, signer, time.Now(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	svc, err := ledger.Open(ctx, db, signer, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(enthttp.New(svc, enthttp.Config{}))
	t.Cleanup(ts.Close)
	byActor := map[entente.ActorID]*entente.Delegate{}
	for _, d := range ds {
		byActor[d.Actor] = d
	}
	return &client.Client{Base: ts.URL}, byActor, signer.Public()
}

const jv = "solid-state-jv"

func TestSubmitAndRead(t *testing.T) {
	ctx := context.Background()
	api, ds, pub := demoServer(t)
	key, err := api.Key(ctx)
	if err != nil || key.KeyID() != pub.KeyID() {
		t.Fatalf("Key: %v, %v; want %s", key.KeyID(), err, pub.KeyID())
	}
	sizes, err := api.Logs(ctx)
	if err != nil || sizes[jv] == 0 {
		t.Fatalf("Logs: %v, %v", sizes, err)
	}
	sig, err := client.Sign(ds["helios"], jv, entente.Contribute{Resource: "eur_k", Amount: 7}, "", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	out, err := api.Submit(ctx, sig)
	if err != nil {
		t.Fatal(err)
	}
	if out.Log != jv || len(out.Events) != 1 || out.Events[0].Data.EventType() != "contribution_made" {
		t.Errorf("Submit: %+v", out)
	}
	// The same request again is refused with its code: the nonce is spent.
	_, err = api.Submit(ctx, sig)
	var e *entente.Error
	if !errors.As(err, &e) || e.Code == entente.EINTERNAL {
		t.Errorf("a replayed request: %v, want an *entente.Error with a code", err)
	}
	// A members-only read needs no token for a public pact.
	st, structure, err := api.Pact(ctx, jv)
	if err != nil || st.Pact.ID != jv || structure.Members != len(st.InPact()) {
		t.Errorf("Pact: %v %+v %v", st, structure, err)
	}
	pacts, err := api.Pacts(ctx)
	if err != nil || len(pacts) == 0 {
		t.Errorf("Pacts: %v %v", pacts, err)
	}
	h, err := api.Head(ctx, jv)
	if err != nil || h.Size != uint64(sizes[jv])+1 || pub.Verify(h) != nil {
		t.Errorf("Head: %+v %v (size before %d)", h, err, sizes[jv])
	}
	entries, err := api.Entries(ctx, jv, int64(h.Size)-1, int64(h.Size))
	if err != nil || len(entries) != 1 || tlog.LeafHash(entries[0].Data) != entries[0].Leaf {
		t.Errorf("Entries: %v %v", entries, err)
	}
	if _, _, err := api.Pact(ctx, "no-such-pact"); entente.ErrorCode(err) != entente.ENOTFOUND {
		t.Errorf("a missing pact: %v, want ENOTFOUND", err)
	}
	// A monitor reads through the same client.
	reports, err := ledger.Monitor(ctx, api, &ledger.MonitorState{}, &pub)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reports {
		if !r.OK() {
			t.Errorf("monitor: %+v", r)
		}
	}
}

func TestReadToken(t *testing.T) {
	_, ds, _ := demoServer(t)
	tok, err := client.ReadToken(ds["helios"], 5*time.Minute, time.Now())
	if err != nil || !bytes.HasPrefix([]byte(tok), []byte("Entente ")) {
		t.Errorf("ReadToken: %q %v", tok, err)
	}
	for _, life := range []time.Duration{0, -time.Minute, entente.MaxReadLifetime + time.Second} {
		if _, err := client.ReadToken(ds["helios"], life, time.Now()); entente.ErrorField(err) != "for" {
			t.Errorf("life %s: %v, want an error naming for", life, err)
		}
	}
}

func TestKeyFiles(t *testing.T) {
	dir := t.TempDir()
	d, err := entente.NewDelegate("helios", "Ada", rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "ada.key")
	if err := client.WriteKey(path, d); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", st.Mode().Perm())
	}
	if err := client.WriteKey(path, d); err == nil {
		t.Error("WriteKey overwrote a key")
	}
	got, err := client.LoadKey(path)
	if err != nil || got.PublicKey() != d.PublicKey() || got.Actor != "helios" {
		t.Errorf("LoadKey: %v %v", got, err)
	}
	os.WriteFile(filepath.Join(dir, "bad.key"), []byte("not a key\n"), 0o600)
	if _, err := client.LoadKey(filepath.Join(dir, "bad.key")); err == nil {
		t.Error("LoadKey read a bad file")
	}
	if _, err := client.LoadServerKey(filepath.Join(dir, "none.pub")); err == nil {
		t.Error("LoadServerKey read a missing file")
	}
}

func TestMonitorState(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mon.json")
	st, err := client.LoadMonitorState(path)
	if err != nil || len(st.Logs) != 0 {
		t.Fatalf("a first run: %+v %v", st, err)
	}
	st.Logs = map[string]tlog.TreeHead{"a": {Log: "a", Size: 3}}
	if err := client.SaveMonitorState(path, st); err != nil {
		t.Fatal(err)
	}
	again, err := client.LoadMonitorState(path)
	if err != nil || again.Logs["a"].Size != 3 {
		t.Errorf("read back: %+v %v", again, err)
	}
	os.WriteFile(path, []byte("{"), 0o644)
	if _, err := client.LoadMonitorState(path); err == nil {
		t.Error("a broken state file was read")
	}
}

func TestSignCosigns(t *testing.T) {
	a, _ := entente.NewDelegate("a", "A", rand.Reader)
	b, _ := entente.NewDelegate("b", "B", rand.Reader)
	sig, err := client.Sign(a, "p", entente.GiveNotice{}, entente.Classification("members"), time.Now(), b)
	if err != nil {
		t.Fatal(err)
	}
	if len(sig.Signatures) != 2 {
		t.Errorf("%d signatures, want 2", len(sig.Signatures))
	}
	if _, err := client.Sign(a, "p", entente.GiveNotice{}, entente.Classification("nobody"), time.Now()); err == nil {
		t.Error("a bad classification was signed")
	}
}

func ExampleSign() {
	d, _ := entente.NewDelegate("helios", "Ada", rand.Reader)
	sig, _ := client.Sign(d, "solid-state-jv", entente.CastVote{Proposal: "p1", Choice: entente.Yes}, "", time.Now())
	req, _ := sig.Parse()
	fmt.Println(req.Actor, req.Log, len(sig.Signatures))
	// Output: helios solid-state-jv 1
}

// TestNewReader: without a key the client reads as anyone; with a key
// file it carries the delegate's read token and reads; a missing key file
// is an error.
func TestNewReader(t *testing.T) {
	api, ds, _ := demoServer(t)
	if c, err := client.NewReader(api.Base, "", time.Now()); err != nil || c.Auth != "" {
		t.Errorf("without a key: %+v %v", c, err)
	}
	path := filepath.Join(t.TempDir(), "helios.key")
	if err := client.WriteKey(path, ds["helios"]); err != nil {
		t.Fatal(err)
	}
	c, err := client.NewReader(api.Base, path, time.Now())
	if err != nil || !strings.HasPrefix(c.Auth, "Entente ") {
		t.Fatalf("with a key: %+v %v", c, err)
	}
	if pacts, err := c.Pacts(context.Background()); err != nil || len(pacts) == 0 {
		t.Errorf("Pacts as helios: %v %v", pacts, err)
	}
	if _, err := client.NewReader(api.Base, filepath.Join(t.TempDir(), "none.key"), time.Now()); err == nil {
		t.Error("a missing key file gave a client")
	}
}

// TestKeyFileHelpers: NewKeyFile writes a key that LoadKeys reads back
// and never overwrites one; a missing file names itself; CosignFile adds
// the signature of the key in a file to a request that parses, and
// refuses one that does not.
func TestKeyFileHelpers(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.key"), filepath.Join(dir, "b.key")
	da, err := client.NewKeyFile(a, "alpha", "Ann", rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.NewKeyFile(a, "alpha", "Ann", rand.Reader); err == nil {
		t.Error("NewKeyFile overwrote a key")
	}
	if _, err := client.NewKeyFile(b, "beta", "Bo", rand.Reader); err != nil {
		t.Fatal(err)
	}
	keys, err := client.LoadKeys(a, b)
	if err != nil || len(keys) != 2 || keys[0].PublicKey() != da.PublicKey() || keys[1].Actor != "beta" || keys[0].Name != "Ann" {
		t.Fatalf("LoadKeys: %v %v", keys, err)
	}
	if _, err := client.LoadKeys(a, filepath.Join(dir, "none.key")); err == nil {
		t.Error("LoadKeys read a missing file")
	}
	sig, err := client.Sign(keys[0], "p", entente.GiveNotice{}, "", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := client.CosignFile(sig, b); err != nil || len(sig.Signatures) != 2 {
		t.Errorf("CosignFile: %d signatures, %v", len(sig.Signatures), err)
	}
	if err := client.CosignFile(&entente.Signed{}, b); err == nil {
		t.Error("CosignFile signed a request that does not parse")
	}
}

// TestSignFiles: SignFiles signs with the key in a file and its
// co-signers' files, refuses a --by that is not the key's actor and a bad
// class with the field each names, and fails on a missing key file.
func TestSignFiles(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.key"), filepath.Join(dir, "b.key")
	if _, err := client.NewKeyFile(a, "alpha", "Ann", rand.Reader); err != nil {
		t.Fatal(err)
	}
	if _, err := client.NewKeyFile(b, "beta", "Bo", rand.Reader); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	sig, err := client.SignFiles(a, []string{b}, "alpha", "p", entente.GiveNotice{}, entente.ClassMembers, now)
	if err != nil || len(sig.Signatures) != 2 {
		t.Fatalf("SignFiles: %v, %v", sig, err)
	}
	if req, err := sig.Parse(); err != nil || req.Actor != "alpha" || req.Class != entente.ClassMembers || req.Log != "p" {
		t.Errorf("SignFiles: the request %+v, %v", req, err)
	}
	for _, tc := range []struct {
		key   string
		by    entente.ActorID
		class entente.Classification
		field string
	}{
		{a, "beta", "", "by"},
		{a, "", "secret", "request.class"},
		{filepath.Join(dir, "none.key"), "", "", ""},
	} {
		_, err := client.SignFiles(tc.key, nil, tc.by, "p", entente.GiveNotice{}, tc.class, now)
		if err == nil || entente.ErrorField(err) != tc.field {
			t.Errorf("SignFiles(%s, by %q, class %q): %v, want an error on %q", filepath.Base(tc.key), tc.by, tc.class, err, tc.field)
		}
	}
}

// TestPagesThatDoNotAdvanceAreRefused: a server whose next page repeats
// the cursor just followed, or comes after an empty page, is refused with
// an error naming the server, instead of holding the client (and 'entente
// actor list --server') in the loop for ever.
func TestPagesThatDoNotAdvanceAreRefused(t *testing.T) {
	for _, tc := range []struct {
		name  string
		serve func(w http.ResponseWriter, r *http.Request)
	}{
		{"the same cursor again", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("X-Next-Cursor", "c")
			fmt.Fprint(w, `[{"id":"a","name":"A","kind":"firm"}]`)
		}},
		{"an empty page with a next cursor", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("X-Next-Cursor", r.URL.Query().Get("cursor")+"x")
			fmt.Fprint(w, `[]`)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			hostile := httptest.NewServer(http.HandlerFunc(tc.serve))
			defer hostile.Close()
			c := &client.Client{Base: hostile.URL}
			_, err := c.Actors(context.Background())
			if entente.ErrorField(err) != "server" {
				t.Errorf("Actors from a server whose pages do not advance: %v; want an error naming the server", err)
			}
		})
	}
}
