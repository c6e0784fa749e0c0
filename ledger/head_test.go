package ledger_test

import (
	"bytes"
	"testing"

	"github.com/entente/entente"
)

// TestHeadIsLastOfHeads checks Head against the store's heads: on every
// log of the fixture (uneven appends) Head is the last of them, and an
// unknown log is ENOTFOUND.
func TestHeadIsLastOfHeads(t *testing.T) {
	f := newFixture(t)
	f.buildSmallPact()
	logs, err := f.svc.Logs(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(logs) < 2 {
		t.Fatalf("only %d logs", len(logs))
	}
	for _, log := range logs {
		got, err := f.svc.Head(f.ctx, log)
		if err != nil {
			t.Fatalf("Head(%s): %v", log, err)
		}
		heads := f.heads(log)
		want := heads[len(heads)-1]
		if got.Log != log || got.Size != want.Size || got.Root != want.Root || !got.Time.Equal(want.Time) || !bytes.Equal(got.Signature, want.Signature) {
			t.Errorf("Head(%s) = %d/%s, want the last of %d heads, %d/%s", log, got.Size, got.Root, len(heads), want.Size, want.Root)
		}
	}
	if _, err := f.svc.Head(f.ctx, "no-such-log"); entente.ErrorCode(err) != entente.ENOTFOUND {
		t.Errorf("Head of an unknown log: %v, want ENOTFOUND", err)
	}
}
