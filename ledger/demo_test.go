package ledger_test

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/demo"
)

func TestDemoSeedsTheWorkspace(t *testing.T) {
	f := newFixture(t)
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	delegates, err := demo.Seed(f.ctx, f.store, f.signer, now, rand.NewChaCha8([32]byte{3}))
	if err != nil {
		t.Fatalf("demo.Seed: %v", err)
	}
	f.clock.Set(now)
	f.svc = f.open(f.store)
	pact := func(id entente.PactID) *entente.PactState {
		t.Helper()
		st, err := f.svc.Pact(id)
		if err != nil {
			t.Fatalf("Pact(%s): %v", id, err)
		}
		return st
	}

	t.Run("joint venture", func(t *testing.T) {
		jv := pact("solid-state-jv")
		if jv.Dissolved != nil {
			t.Errorf("dissolved: %+v", jv.Dissolved)
		}
		var overdue []string
		for _, c := range jv.Commitments.All() {
			if c.Status() == entente.Overdue {
				overdue = append(overdue, string(c.Member)+":"+c.Resource)
			}
		}
		if len(overdue) != 1 || overdue[0] != "quanta:engineer_months" {
			t.Errorf("overdue commitments %v, want only quanta's engineer_months", overdue)
		}
		if jv.Disputes.Len() != 1 || jv.Disputes.At(0).Stage != entente.Mediation {
			t.Errorf("disputes %+v, want one in mediation", jv.Disputes)
		}
		adopted := 0
		for _, p := range jv.Proposals.All() {
			if p.Matter == entente.Budget && p.Rule.Kind == entente.Weighted && p.Decision != nil && p.Decision.Outcome == entente.Adopted {
				adopted++
			}
		}
		if adopted != 1 {
			t.Errorf("%d weighted budget decisions adopted, want 1", adopted)
		}
	})
	t.Run("coalition dissolved by its objective", func(t *testing.T) {
		lez := pact("clean-air-zone")
		if lez.Dissolved == nil || lez.Dissolved.Proposal != "" || !strings.Contains(lez.Dissolved.Reason, "objective") {
			t.Errorf("dissolved %+v, want dissolved by its objective", lez.Dissolved)
		}
		if len(lez.InPact()) != 0 {
			t.Errorf("members %v still in a dissolved pact", lez.InPact())
		}
		if o := lez.Objectives.At(0); o.Met.IsZero() || o.Progress < o.Target {
			t.Errorf("objective %+v not met", o)
		}
	})
	t.Run("second coalition running", func(t *testing.T) {
		if ffb := pact("fare-free-buses"); ffb.Dissolved != nil {
			t.Errorf("fare-free-buses dissolved: %+v", ffb.Dissolved)
		}
	})
	t.Run("verify", func(t *testing.T) { mustVerifyClean(t, f) })
	t.Run("every action signed", func(t *testing.T) {
		if len(delegates) != 8 {
			t.Errorf("%d demo delegates, want 8", len(delegates))
		}
		for _, r := range verify(t, f) {
			if r.Attested || (r.Log != entente.RegistryLog && r.Signed == 0) {
				t.Errorf("log %s: %+v, want members' signed requests", r.Log, r)
			}
		}
	})
	t.Run("nothing left to tick", func(t *testing.T) {
		if n := f.tick(); n != 0 {
			t.Errorf("Tick right after seeding recorded %d events", n)
		}
	})
}
