package backend

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/entente/entente/client"
	enthttp "github.com/entente/entente/http"
	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/tlog"
)

// TestVerifyExportFile: an export file, or the same export on standard
// input, verifies on its own under the key it carries and under the
// exporter's key pinned; under another key pinned it does not.
func TestVerifyExportFile(t *testing.T) {
	ctx := context.Background()
	src := demoStore(t)
	file := filepath.Join(t.TempDir(), "all.jsonl")
	if _, err := Export(ctx, src, "", time.Now, nil, file); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	want, err := client.LoadServerKey(PubPath(src))
	if err != nil {
		t.Fatal(err)
	}
	for _, req := range []VerifyRequest{{Export: file}, {Export: "-"}, {Export: file, Pubkey: PubPath(src)}} {
		reports, v, err := req.VerifyExport(bytes.NewReader(data))
		if err != nil || len(reports) == 0 || v.KeyID() != want.KeyID() {
			t.Fatalf("%+v: %d reports under key %s, %v; want the exporter's %s", req, len(reports), v.KeyID(), err, want.KeyID())
		}
		for _, r := range reports {
			if !r.OK() {
				t.Errorf("%+v: log %s: %s", req, r.Log, r.Status())
			}
		}
	}
	other, _ := tlog.GenerateKey(rand.Reader)
	otherPub := filepath.Join(t.TempDir(), "other.pub")
	os.WriteFile(otherPub, tlog.MarshalVerifier(other.Public()), 0o644)
	if reports, _, err := (VerifyRequest{Export: file, Pubkey: otherPub}).VerifyExport(nil); err == nil && reports[0].OK() {
		t.Error("the export verified under another key pinned")
	}
	if _, _, err := (VerifyRequest{Export: filepath.Join(t.TempDir(), "none.jsonl")}).VerifyExport(nil); err == nil {
		t.Error("a missing export file verified")
	}
}

// TestImportFile: an export imports from a file and from standard input
// into new stores, which verify; a store already at the path is refused
// before the export is read (here: a file that does not exist).
func TestImportFile(t *testing.T) {
	ctx := context.Background()
	src := demoStore(t)
	var all bytes.Buffer
	n, err := Export(ctx, src, "", time.Now, &all, "")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "all.jsonl")
	os.WriteFile(file, all.Bytes(), 0o644)
	dir := t.TempDir()
	for name, path := range map[string]string{"file.db": file, "stdin.db": "-"} {
		dst := filepath.Join(dir, name)
		rep, err := ImportFile(ctx, dst, path, PubPath(src), bytes.NewReader(all.Bytes()), time.Now())
		if err != nil || rep.Entries != n {
			t.Fatalf("import of %s: %+v, %v; want %d entries", path, rep, err, n)
		}
		if reports, err := Verify(ctx, dst, ""); err != nil || len(reports) == 0 {
			t.Errorf("verify of the import of %s: %v", path, err)
		}
	}
	_, err = ImportFile(ctx, filepath.Join(dir, "file.db"), filepath.Join(dir, "none.jsonl"), "", nil, time.Now())
	if err == nil || !strings.Contains(err.Error(), "exists") {
		t.Errorf("an import over a store: %v, want it refused as existing", err)
	}
}

// TestMonitor: a monitor of a server over the demo store passes every log
// and keeps their heads in its state file; witnessing without a delegate
// key is bad usage, refused before the server is asked.
func TestMonitor(t *testing.T) {
	ctx := context.Background()
	path := demoStore(t)
	l, err := OpenLedger(ctx, path, false, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	srv := httptest.NewServer(enthttp.NewServer(l.Service, nil))
	defer srv.Close()
	state := filepath.Join(t.TempDir(), "monitor.json")
	req := VerifyRequest{Server: srv.URL, State: state, Pubkey: PubPath(path)}
	for range 2 { // the second time against the heads the first kept
		reports, err := req.Monitor(ctx, time.Now, nil)
		if err != nil || len(reports) == 0 {
			t.Fatalf("monitor: %d reports, %v", len(reports), err)
		}
		for _, r := range reports {
			if !r.OK() {
				t.Errorf("log %s: %s", r.Log, r.Status())
			}
		}
	}
	if _, err := os.Stat(state); err != nil {
		t.Errorf("the monitor kept no state: %v", err)
	}
	var u cmdline.UsageError
	req.Witness = true
	if _, err := req.Monitor(ctx, time.Now, nil); !errors.As(err, &u) || !strings.Contains(err.Error(), "--key") {
		t.Errorf("witness without a key: %v, want bad usage naming --key", err)
	}
}
