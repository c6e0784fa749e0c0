package ledger_test

import (
	"testing"

	"github.com/entente/entente"
	"github.com/entente/entente/ledger"
)

// TestReadableBy: an unknown reader is refused; a member of the signed
// pact reads what the pact's state says it may, entry by entry.
func TestReadableBy(t *testing.T) {
	f := newFixture(t)
	f.buildSignedPact()
	if _, err := f.svc.ReadableBy("nobody"); entente.ErrorCode(err) != entente.ENOTFOUND {
		t.Errorf("ReadableBy(nobody): %v, want not_found", err)
	}
	canRead, err := f.svc.ReadableBy("c")
	if err != nil {
		t.Fatal(err)
	}
	read, err := canRead(string(signedPact))
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.svc.Pact(signedPact)
	if err != nil {
		t.Fatal(err)
	}
	size, err := f.svc.Len(string(signedPact))
	if err != nil {
		t.Fatal(err)
	}
	entries, err := f.svc.Entries(f.ctx, string(signedPact), 0, size)
	if err != nil || len(entries) == 0 {
		t.Fatalf("entries: %d, %v", len(entries), err)
	}
	for _, e := range entries {
		ev, err := entente.DecodeEvent(e.Data)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := read(ev), st.CanRead("c", ev); got != want {
			t.Errorf("entry %d: ReadableBy says %v, the state %v", e.Index, got, want)
		}
	}
	if _, err := canRead("no-such-pact"); err == nil {
		t.Error("a log without a pact gave a reader")
	}
}

func TestStatus(t *testing.T) {
	for _, c := range []struct {
		r    ledger.LogReport
		want string
	}{
		{ledger.LogReport{}, "ok"},
		{ledger.LogReport{Attested: true}, "ok (the operator's record)"},
		{ledger.LogReport{Redacted: 3}, "ok (proofs only: 3 entries redacted for you)"},
		{ledger.LogReport{Problem: "leaf hash differs", Index: 7, Attested: true}, "entry 7: leaf hash differs"},
	} {
		if got := c.r.Status(); got != c.want {
			t.Errorf("%+v: %q, want %q", c.r, got, c.want)
		}
		m := ledger.MonitorReport{Attested: c.r.Attested, Redacted: c.r.Redacted, Problem: c.r.Problem, Index: c.r.Index}
		if got := m.Status(); got != c.want {
			t.Errorf("monitor %+v: %q, want %q", m, got, c.want)
		}
	}
}

func TestLookup(t *testing.T) {
	f := newFixture(t)
	f.buildSignedPact()
	if a := f.svc.Lookup("a"); a == nil || a.ID != "a" {
		t.Errorf("Lookup(a) = %+v", a)
	}
	if a := f.svc.Lookup("nobody"); a != nil {
		t.Errorf("Lookup(nobody) = %+v, want nil", a)
	}
}
