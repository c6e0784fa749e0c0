package backend

import (
	"bytes"
	"context"
	"crypto/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/client"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
)

// demoStore seeds the demo into a new store in a test folder through
// OpenLedger's before hook, and returns its path.
func demoStore(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "demo.db")
	l, err := OpenLedger(ctx, path, true, time.Now, func(db logstore.Store, signer tlog.Signer) error { return seed(ctx, db, signer) })
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Pacts()) == 0 {
		t.Error("the ledger opened before the hook seeded the store")
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestExportImportVerify: an export of the demo store imports into a new
// store that verifies under the exporter's key, pinned; an export for an
// actor who may read every entry holds them all (ledger's tests check
// what redaction leaves out); an unknown reader is an error naming "for";
// an import over an existing store or of a broken export writes nothing.
func TestExportImportVerify(t *testing.T) {
	ctx := context.Background()
	src := demoStore(t)
	if reports, err := Verify(ctx, src, ""); err != nil || len(reports) == 0 {
		t.Fatalf("verify of the demo store, by the key beside it: %d reports, %v", len(reports), err)
	}
	var all, some bytes.Buffer
	n, err := Export(ctx, src, "", time.Now, &all, "")
	if err != nil || n == 0 {
		t.Fatalf("export: %d entries, %v", n, err)
	}
	m, err := Export(ctx, src, "cyclists", time.Now, &some, "")
	if err != nil || m != n || !bytes.Equal(some.Bytes()[:100], all.Bytes()[:100]) {
		t.Errorf("export for cyclists, who may read every public demo entry: %d entries of %d, %v", m, n, err)
	}
	if _, err := Export(ctx, src, "nobody", time.Now, &some, ""); entente.ErrorField(err) != "for" {
		t.Errorf("export for an unknown actor: %v", err)
	}
	file := filepath.Join(t.TempDir(), "all.jsonl")
	if k, err := Export(ctx, src, "", time.Now, nil, file); err != nil || k != n {
		t.Errorf("export to a file: %d entries, %v", k, err)
	}
	if data, _ := os.ReadFile(file); bytes.Count(data, []byte("\n")) != bytes.Count(all.Bytes(), []byte("\n")) {
		t.Error("the file and standard output hold exports of different lengths")
	}
	pin, err := client.LoadPin(PubPath(src))
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), "copy.db")
	rep, err := Import(ctx, dst, bytes.NewReader(all.Bytes()), pin, time.Now())
	if err != nil || rep.Entries != n {
		t.Fatalf("import: %+v, %v", rep, err)
	}
	if reports, err := Verify(ctx, dst, PubPath(dst)); err != nil || len(reports) == 0 {
		t.Errorf("verify of the import: %v", err)
	}
	if _, err := Import(ctx, dst, bytes.NewReader(all.Bytes()), pin, time.Now()); err == nil || !strings.Contains(err.Error(), "exists") {
		t.Errorf("an import over a store: %v", err)
	}
	broken := filepath.Join(t.TempDir(), "broken.db")
	half := all.Bytes()[:all.Len()/2]
	if _, err := Import(ctx, broken, bytes.NewReader(half), pin, time.Now()); err == nil {
		t.Error("half an export imported")
	}
	if ents, _ := os.ReadDir(filepath.Dir(broken)); len(ents) > 0 {
		t.Errorf("a failed import left %v", ents)
	}
	other, _ := tlog.GenerateKey(rand.Reader)
	otherPub := filepath.Join(t.TempDir(), "other.pub")
	os.WriteFile(otherPub, tlog.MarshalVerifier(other.Public()), 0o644)
	if reports, err := Verify(ctx, src, otherPub); err == nil && reports[0].OK() {
		t.Error("the store verified under another key")
	}
}

// TestFollowPollsSQLite: a ledger polling a SQLite store sees what another
// ledger on the same file wrote; without polling, Follow returns at once.
func TestFollowPollsSQLite(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "e.db")
	writer, err := OpenLedger(ctx, path, true, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close()
	reader, err := OpenLedger(ctx, path, false, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	reader.Follow(ctx, 0) // returns: nothing announces appends on SQLite
	fctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { reader.Follow(fctx, time.Millisecond); close(done) }()
	if _, err := writer.RegisterActor(ctx, entente.Actor{ID: "a", Name: "A", Kind: entente.Firm}); err != nil {
		t.Fatal(err)
	}
	for len(reader.Actors()) == 0 {
		time.Sleep(time.Millisecond)
	}
	cancel()
	<-done
}
