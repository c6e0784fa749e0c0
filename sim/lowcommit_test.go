package sim

import (
	"testing"

	"github.com/entente/entente"
)

// founded lists the pacts a run founded (not those of the start), with
// their founders and obligations.
func founded(t *testing.T, w *World, p Params, years int, run int) []PactLog {
	t.Helper()
	res, err := Run(w, p, Options{Years: years, KeepLogs: true}, 11, run)
	if err != nil {
		t.Fatal(err)
	}
	return res.Pacts
}

// founders is the number of a pact's founders, from its first event.
func founders(pl PactLog) int {
	return len(pl.Events[0].Data.(entente.PactFounded).Founders)
}

// The consultation mechanism founds pacts of consultation (no shared
// border among the founders) and of non-aggression (a shared border),
// which hold no pledges; off, every pact founded is a defence pact. With
// the multilateral mechanism such pacts and defence pacts are founded by
// more than two at once, up to consult.size partners and form.size
// founders; off, by two.
func TestConsultationAndMultilateralFounding(t *testing.T) {
	w := Synthetic(40, 1.5, 1950, 4)
	count := func(p Params) (defence, consult, nonAggression, multi, maxFounders int, pledged bool) {
		for run := 0; run < 3; run++ {
			for _, pl := range founded(t, w, p, 20, run) {
				s, n := pl.State, founders(pl)
				maxFounders = max(maxFounders, n)
				if n > 2 {
					multi++
				}
				switch s.Pact.Obligations[0] {
				case entente.Defense:
					defence++
				case entente.Consultation:
					consult++
				case entente.NonAggression:
					nonAggression++
				}
				if s.Pact.Obligations[0] != entente.Defense && s.Commitments.Len() > 0 {
					pledged = true
				}
			}
		}
		return
	}
	p := DefaultParams()
	p.ConsultRate = 0.05
	d, c, na, multi, most, pledged := count(p)
	t.Logf("on: %d defence, %d consultation, %d non-aggression pacts; %d founded by more than two, at most %d", d, c, na, multi, most)
	if c == 0 || na == 0 || d == 0 || multi == 0 || pledged {
		t.Errorf("on: %d defence, %d consultation, %d non-aggression, %d multilateral, pledges in a non-defence pact %v; want each kind, some multilateral, no pledges",
			d, c, na, multi, pledged)
	}
	if most > max(p.FormSize, p.ConsultSize+1) {
		t.Errorf("a pact founded by %d, above form.size %d and consult.size+1 %d", most, p.FormSize, p.ConsultSize+1)
	}
	p.Off[Consultation], p.Off[Multilateral] = true, true
	d, c, na, multi, most, _ = count(p)
	if c != 0 || na != 0 || multi != 0 || most > 2 || d == 0 {
		t.Errorf("off: %d defence, %d consultation, %d non-aggression, %d multilateral, at most %d founders; want bilateral defence pacts only",
			d, c, na, multi, most)
	}
}

// States that enter the system found more pacts in their first years
// with the entrants mechanism than without it, the same draws otherwise.
func TestEntrantsFoundMore(t *testing.T) {
	w := Synthetic(40, 1.5, 1950, 6)
	for i := 0; i < 10; i++ {
		w.Actors[i].Entry = 1955
	}
	formations := func(p Params) float64 {
		return meanStat(t, sweep(t, w, p, 12, 6), "formations", 1955, 1959)
	}
	p := DefaultParams()
	p.EntryBoost = 10
	on := formations(p)
	p.Off[Entrants] = true
	off := formations(p)
	t.Logf("formations a year in 1955-59, when ten states enter: %.2f with entrants, %.2f without", on, off)
	if !(on > off+0.5) {
		t.Errorf("formations %.2f with entrants, %.2f without: want clearly more with", on, off)
	}
}
