package ledger_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/entente/entente"
	"github.com/entente/entente/ledger"
)

// export writes the fixture's store as an export.
func export(tb testing.TB, f *fixture) []byte {
	tb.Helper()
	var buf bytes.Buffer
	n, err := ledger.Export(f.ctx, f.store, f.signer, f.clock.Now(), &buf)
	if err != nil {
		tb.Fatalf("Export: %v", err)
	}
	lines := int64(bytes.Count(buf.Bytes(), []byte("\n")))
	if entries := lines - int64(bytes.Count(buf.Bytes(), []byte(`"head":`))) - 2; entries != n {
		tb.Fatalf("Export reported %d entries and wrote %d entry lines", n, entries)
	}
	return buf.Bytes()
}

// emptyFixture is a second store in a new file, signed with another key.
func emptyFixture(tb testing.TB) *fixture {
	tb.Helper()
	f := &fixture{tb: tb, ctx: context.Background(), path: filepath.Join(tb.TempDir(), "imported.db"),
		signer: testSigner(tb, 9), clock: &clock{t: t0.Add(365 * entente.Day)}}
	f.store = openStore(tb, f.path)
	return f
}

func TestExportImportRoundTripKeepsBytesAndRoots(t *testing.T) {
	src := newFixture(t)
	src.buildSmallPact()
	dump := export(t, src)
	if !bytes.HasPrefix(dump, []byte(`{"key":"entente-ed25519-public-v1 `)) || !bytes.Contains(dump, []byte("\n"+`{"log":"_registry","event":`)) {
		t.Errorf("export does not start with the key and the registry: %.120s", dump)
	}

	dst := emptyFixture(t)
	rep, err := ledger.Import(dst.ctx, dst.store, dst.signer, dst.clock.Now(), bytes.NewReader(dump), nil)
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	n := rep.Entries
	if rep.Key.KeyID() != src.signer.Public().KeyID() {
		t.Errorf("Import verified under key %s, want the exporter's %s", rep.Key.KeyID(), src.signer.Public().KeyID())
	}
	logs, err := src.store.Logs(src.ctx)
	if err != nil {
		t.Fatal(err)
	}
	var total int64
	for _, log := range logs {
		want, got := src.entries(log), dst.entries(log)
		total += int64(len(want))
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("log %s: imported entries differ (-exported +imported):\n%s", log, diff)
		}
		heads := dst.heads(log)
		if len(heads) != 1 {
			t.Errorf("log %s: import wrote %d heads, want 1", log, len(heads))
			continue
		}
		if srcHead := src.heads(log)[len(src.heads(log))-1]; heads[0].Size != srcHead.Size || heads[0].Root != srcHead.Root {
			t.Errorf("log %s: imported head %d/%s, exported store's last head %d/%s", log, heads[0].Size, heads[0].Root, srcHead.Size, srcHead.Root)
		}
		if !heads[0].Time.Equal(dst.clock.Now()) {
			t.Errorf("log %s: imported head signed at %s, want %s", log, heads[0].Time, dst.clock.Now())
		}
	}
	if n != total {
		t.Errorf("Import reported %d entries, want %d", n, total)
	}
	mustVerifyClean(t, dst)
	if again := export(t, dst); !bytes.Equal(entryLines(again), entryLines(dump)) {
		t.Errorf("the entries of the imported store's export differ from the original export's")
	}

	// A service over the imported store folds the same pacts and actors.
	dst.svc = dst.open(dst.store)
	if diff := cmp.Diff(src.svc.Pacts(), dst.svc.Pacts()); diff != "" {
		t.Errorf("imported pacts differ (-exported +imported):\n%s", diff)
	}
	if diff := cmp.Diff(src.svc.Actors(), dst.svc.Actors()); diff != "" {
		t.Errorf("imported actors differ (-exported +imported):\n%s", diff)
	}
}

// entryLines keeps an export's entry lines (not the key, heads and
// manifest, which the importing server signs anew).
func entryLines(dump []byte) []byte {
	var out []byte
	for _, l := range bytes.SplitAfter(dump, []byte("\n")) {
		if bytes.Contains(l, []byte(`"event":`)) {
			out = append(out, l...)
		}
	}
	return out
}

// doctor edits the export line that holds every one of find; edit gets the
// line (without its newline) and returns it changed. It returns the new
// export and the line's number, from 1.
func doctor(tb testing.TB, dump []byte, find []string, edit func(string) string) ([]byte, int) {
	tb.Helper()
	lines := strings.SplitAfter(string(dump), "\n")
next:
	for i, l := range lines {
		for _, s := range find {
			if !strings.Contains(l, s) {
				continue next
			}
		}
		changed := edit(strings.TrimSuffix(l, "\n"))
		if changed == strings.TrimSuffix(l, "\n") {
			tb.Fatalf("edit changed nothing on line %d: %s", i+1, l)
		}
		lines[i] = changed + "\n"
		return []byte(strings.Join(lines, "")), i + 1
	}
	tb.Fatalf("no export line holds all of %q", find)
	return nil, 0
}

func TestImportRejectsDoctoredExportAndWritesNothing(t *testing.T) {
	src := newFixture(t)
	src.buildSmallPact()
	dump := export(t, src)
	flipped := func(s string) string {
		if strings.Contains(s, `"outcome":"adopted"`) {
			return strings.Replace(s, `"outcome":"adopted"`, `"outcome":"rejected"`, 1)
		}
		return strings.Replace(s, `"outcome":"rejected"`, `"outcome":"adopted"`, 1)
	}
	founded := findEntry(t, src.entries(string(smallPact)), `"pact_founded"`)

	for _, tc := range []struct {
		name  string
		find  []string
		edit  func(string) string
		wants func(line int) []string // substrings of the error
	}{
		{"vote outcome flipped", []string{`"proposal_decided"`, `"proposal":"p1"`}, flipped,
			func(int) []string { return []string{"manifest"} }},
		{"index out of order", []string{`"log":"small","index":3,`},
			func(s string) string { return strings.Replace(s, `"index":3,`, `"index":4,`, 1) },
			func(line int) []string { return []string{fmt.Sprintf("line %d", line), "expected index 3, got 4"} }},
		{"malformed JSON", []string{`"log":"small","index":2,`},
			func(s string) string { return s[:len(s)-5] },
			func(line int) []string { return []string{fmt.Sprintf("line %d", line)} }},
		{"registry line not JSON", []string{`"log":"_registry","index":1,`},
			func(string) string { return "not json" },
			func(line int) []string { return []string{fmt.Sprintf("line %d", line)} }},
		{"event missing", []string{`"log":"small","index":1,`},
			func(s string) string { return s[:strings.Index(s, `,"event":`)] + "}" },
			func(line int) []string { return []string{fmt.Sprintf("line %d", line), "event"} }},
		{"event seq not its index", []string{`"log":"small","index":1,`},
			func(s string) string { return strings.Replace(s, `"seq":1,`, `"seq":2,`, 1) },
			func(int) []string { return []string{"manifest"} }},
		{"unknown event type", []string{`"log":"small","index":1,`},
			func(s string) string { return strings.Replace(s, `"type":"`, `"type":"x`, 1) },
			func(int) []string { return []string{"manifest"} }},
		{"pact founded twice", []string{`"log":"small","index":1,`},
			func(s string) string {
				return s[:strings.Index(s, `"event":`)] + `"event":` +
					strings.Replace(string(src.entries(string(smallPact))[founded].Data), `"seq":0,`, `"seq":1,`, 1) + "}"
			},
			func(int) []string { return []string{"manifest"} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bad, line := doctor(t, dump, tc.find, tc.edit)
			dst := emptyFixture(t)
			rep, err := ledger.Import(dst.ctx, dst.store, dst.signer, dst.clock.Now(), bytes.NewReader(bad), nil)
			n := rep.Entries
			if err == nil {
				t.Fatalf("Import of an export with line %d doctored succeeded", line)
			}
			if entente.ErrorCode(err) != entente.EINVALID {
				t.Errorf("error code %q, want %q: %v", entente.ErrorCode(err), entente.EINVALID, err)
			}
			for _, w := range tc.wants(line) {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not name %q", err, w)
				}
			}
			if n != 0 {
				t.Errorf("Import reported %d entries written", n)
			}
			if logs, err := dst.store.Logs(dst.ctx); err != nil || len(logs) != 0 {
				t.Errorf("store after a failed import holds logs %v (%v), want none", logs, err)
			}
		})
	}
}

func TestImportRefusesStoreThatHoldsALogOfTheExport(t *testing.T) {
	src := newFixture(t)
	src.buildSmallPact()
	dump := export(t, src)

	// Into the very store it came from, and into one holding only actors.
	other := emptyFixture(t)
	other.svc = other.open(other.store)
	other.actors("zed")
	for _, f := range []*fixture{src, other} {
		before := export(t, f)
		_, err := ledger.Import(f.ctx, f.store, f.signer, t0, bytes.NewReader(dump), nil)
		if entente.ErrorCode(err) != entente.ECONFLICT || !strings.Contains(err.Error(), entente.RegistryLog) {
			t.Errorf("Import into a store holding the registry: %v, want an ECONFLICT error naming %s", err, entente.RegistryLog)
		}
		if after := export(t, f); !bytes.Equal(before, after) {
			t.Errorf("refused import changed the store")
		}
	}
}

func TestExportOfEmptyStoreImportsAsNothing(t *testing.T) {
	src := emptyFixture(t)
	dump := export(t, src)
	if lines := bytes.Count(dump, []byte("\n")); lines != 2 {
		t.Fatalf("export of an empty store: %q, want the key and the manifest", dump)
	}
	dst := emptyFixture(t)
	if rep, err := ledger.Import(dst.ctx, dst.store, dst.signer, dst.clock.Now(), bytes.NewReader(dump), nil); rep.Entries != 0 || err != nil {
		t.Errorf("Import of an empty export: %d, %v", rep.Entries, err)
	}
}

// TestExportForAReaderVerifiesOnItsOwn: an export for a reader who may
// not read a pact holds that pact's entries as leaf hashes, types and
// times only, and still verifies against the signed heads and manifest; it
// cannot be imported, and a doctored leaf is caught.
func TestExportForAReaderVerifiesOnItsOwn(t *testing.T) {
	f := newFixture(t)
	f.buildSignedPact()
	hideAll := func(log string) (func(entente.Event) bool, error) {
		return func(entente.Event) bool { return false }, nil
	}
	var buf bytes.Buffer
	if _, err := ledger.ExportFor(f.ctx, f.store, f.signer, f.clock.Now(), &buf, hideAll); err != nil {
		t.Fatal(err)
	}
	dump := buf.Bytes()
	if bytes.Contains(dump, []byte(`{"log":"signed","index":1,"event"`)) || !bytes.Contains(dump, []byte(`"redacted":true`)) {
		t.Fatalf("the reader's export holds pact content:\n%.300s", dump)
	}
	reports, v, err := ledger.VerifyExport(bytes.NewReader(dump), nil)
	if err != nil || v.KeyID() != f.signer.Public().KeyID() {
		t.Fatalf("VerifyExport: %v", err)
	}
	for _, r := range reports {
		switch {
		case !r.OK():
			t.Errorf("log %s: %s", r.Log, r.Problem)
		case r.Log == string(signedPact) && r.Redacted != int(r.Entries):
			t.Errorf("log %s: %d of %d entries redacted", r.Log, r.Redacted, r.Entries)
		case r.Log == entente.RegistryLog && r.Redacted != 0:
			t.Errorf("the registry was redacted")
		}
	}
	dst := emptyFixture(t)
	if _, err := ledger.Import(dst.ctx, dst.store, dst.signer, dst.clock.Now(), bytes.NewReader(dump), nil); err == nil || !strings.Contains(err.Error(), "redacted") {
		t.Errorf("Import of a reader's export: %v, want a refusal", err)
	}
	// Change one redacted leaf: the heads no longer verify.
	lines := bytes.Split(dump, []byte("\n"))
	for i, l := range lines {
		if bytes.Contains(l, []byte(`"redacted":true`)) {
			var el ledger.ExportLine
			json.Unmarshal(l, &el)
			el.Leaf[0] ^= 1
			lines[i], _ = json.Marshal(el)
			break
		}
	}
	if _, _, err := ledger.VerifyExport(bytes.NewReader(bytes.Join(lines, []byte("\n"))), nil); err == nil {
		t.Errorf("a doctored redacted leaf verified")
	}
}
