package ledger_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/ledger"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
)

// forgeApplicantNotice appends to the pact log "crafted" the log of the
// architecture issue, as an operator holding the server key could: an
// applicant (c asked to join an alliance, which admits by consent) gives
// notice and leaves. The entries are canonical and covered by a head the
// server key signs, so nothing but the fold can tell. The fold once
// indexed the applicant's tenures at -1 and crashed open, import and
// verify.
func forgeApplicantNotice(t *testing.T, f *fixture) int64 {
	t.Helper()
	f.actors("a", "b", "c")
	p := entente.Pact{ID: "crafted", Name: "Crafted", Kind: entente.Alliance,
		Agreement: entente.Agreement{Rules: map[entente.Matter]entente.DecisionRule{
			entente.General: {Kind: entente.Unanimity, Window: entente.Days(5)}}}}
	f.do(p.ID, "a", entente.FoundPact{Pact: p, Founders: []entente.ActorID{"a", "b"}})
	f.clock.Advance(time.Hour)
	f.do(p.ID, "c", entente.RequestJoin{})
	st, err := f.svc.Pact(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if m := st.Members.Get("c"); m == nil || m.Status == entente.Active {
		t.Fatalf("c is %+v, want an applicant", m)
	}

	old := f.entries(string(p.ID))
	n := int64(len(old))
	at := f.clock.Now()
	var forged []logstore.Entry
	for i, data := range []entente.EventData{
		entente.NoticeGiven{Member: "c", Effects: at},
		entente.MemberLeft{Member: "c", Reason: "notice ran out"},
	} {
		b, err := entente.EncodeEvent(entente.Event{Seq: n + int64(i), At: at, By: "c", Data: data})
		if err != nil {
			t.Fatal(err)
		}
		forged = append(forged, logstore.Entry{Index: n + int64(i), Data: b, LeafHash: tlog.LeafHash(b)})
	}
	leaves := leafHashes(append(old, forged...))
	head := f.signer.Sign(tlog.TreeHead{Log: string(p.ID), Size: uint64(len(leaves)), Root: tlog.Root(leaves), Time: at})
	if err := f.store.Append(f.ctx, string(p.ID), n, forged, head); err != nil {
		t.Fatal(err)
	}
	return n
}

// The crafted log is refused with an error, never a panic, by open,
// verify and import, each naming the log, the entry and why.
func TestCraftedApplicantNoticeIsRefusedByOpenVerifyAndImport(t *testing.T) {
	f := newFixture(t)
	first := forgeApplicantNotice(t, f)
	dump := export(t, f)

	t.Run("verify", func(t *testing.T) {
		var found bool
		for _, r := range verify(t, f) {
			switch {
			case r.Log == "crafted" && r.OK():
				t.Errorf("the crafted log verifies clean")
			case r.Log == "crafted":
				found = true
				if r.Index != first || !strings.Contains(r.Problem, "cannot give notice") {
					t.Errorf("verify: entry %d: %s; want entry %d, the applicant's notice", r.Index, r.Problem, first)
				}
			case !r.OK():
				t.Errorf("untouched log %s reported: entry %d: %s", r.Log, r.Index, r.Problem)
			}
		}
		if !found {
			t.Errorf("verify reports nothing on log crafted")
		}
	})
	t.Run("open", func(t *testing.T) {
		f.store.Close()
		f.store = openStore(t, f.path)
		svc, err := ledger.Open(f.ctx, f.store, f.signer, f.clock.Now)
		if err == nil {
			_, err = svc.Pact("crafted")
		}
		if err == nil || !strings.Contains(err.Error(), "log crafted entry 2") || !strings.Contains(err.Error(), "cannot give notice") {
			t.Errorf("open of a store holding the crafted log: %v, want an error naming the log", err)
		}
	})
	t.Run("import", func(t *testing.T) {
		dst := emptyFixture(t)
		_, err := ledger.Import(dst.ctx, dst.store, dst.signer, dst.clock.Now(), bytes.NewReader(dump), nil)
		if err == nil || !strings.Contains(err.Error(), "log crafted entry 2") || !strings.Contains(err.Error(), "cannot give notice") {
			t.Errorf("import of the crafted log: %v, want an error naming the log", err)
		}
		if logs, err := dst.store.Logs(dst.ctx); err != nil || len(logs) != 0 {
			t.Errorf("store after a refused import holds %v (%v), want nothing", logs, err)
		}
	})
}
