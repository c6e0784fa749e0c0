package sim

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/entente/entente"
)

// The caches (live pacts, members and voters, skipping advances with
// nothing due) change no draw and no event: a run with them gives the same
// rows and the same logs as one that recomputes everything.
func TestCachesAreExact(t *testing.T) {
	w := Synthetic(40, 2, 1950, 5)
	w.RuleChanges = []RuleChange{{Year: 1958, Matter: entente.General, Rule: entente.SimpleMajority}}
	for _, window := range []int{0, 3} {
		p := DefaultParams()
		p.Monitoring = 0.2
		p.HealthWindow = window
		cached, err := Run(w, p, Options{Years: 20, KeepLogs: true}, 3, 1)
		if err != nil {
			t.Fatal(err)
		}
		naive, err := Run(w, p, Options{Years: 20, KeepLogs: true, naive: true}, 3, 1)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(naive.Rows, cached.Rows); d != "" {
			t.Fatalf("window %d: rows differ (-naive +cached):\n%s", window, d)
		}
		if len(naive.Pacts) != len(cached.Pacts) {
			t.Fatalf("window %d: %d pacts naive, %d cached", window, len(naive.Pacts), len(cached.Pacts))
		}
		for k := range naive.Pacts {
			if d := cmp.Diff(naive.Pacts[k].Events, cached.Pacts[k].Events); d != "" {
				t.Fatalf("window %d: pact %s's log differs (-naive +cached):\n%s", window, naive.Pacts[k].State.Pact.ID, d)
			}
		}
	}
}

// TestFastPathsAreExact: the hot paths of the second speed pass (trust
// in a table without the ranking, partner ranking without notes,
// entrapment with marks, the symmetry without the whole structure) give
// the same rows and logs as the paths they replace, with every mechanism
// on and with the earlier model.
func TestFastPathsAreExact(t *testing.T) {
	w := Synthetic(60, 1.5, 1950, 2)
	earlier := DefaultParams()
	earlier.Off[Consultation], earlier.Off[Multilateral], earlier.Off[Entrants] = true, true, true
	for name, p := range map[string]Params{"default": DefaultParams(), "earlier": earlier} {
		fast, err := Run(w, p, Options{Years: 30, KeepLogs: true}, 11, 2)
		if err != nil {
			t.Fatal(err)
		}
		slow, err := Run(w, p, Options{Years: 30, KeepLogs: true, slow: true}, 11, 2)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(slow.Rows, fast.Rows); d != "" {
			t.Fatalf("%s: rows differ (-slow +fast):\n%s", name, d)
		}
		if len(slow.Pacts) != len(fast.Pacts) || len(fast.Pacts) == 0 {
			t.Fatalf("%s: %d pacts slow, %d fast", name, len(slow.Pacts), len(fast.Pacts))
		}
		for k := range slow.Pacts {
			if d := cmp.Diff(slow.Pacts[k].Events, fast.Pacts[k].Events); d != "" {
				t.Fatalf("%s: pact %s's log differs (-slow +fast):\n%s", name, slow.Pacts[k].State.Pact.ID, d)
			}
		}
	}
}

// firstBest keeps what a stable sort by value, best first, truncated to k
// keeps, ties and all.
func TestFirstBestIsTheStableSortsHead(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 60).Draw(t, "n")
		k := rapid.IntRange(1, 35).Draw(t, "k")
		cs := make([]cand, n)
		for j := range cs {
			cs[j] = cand{j, float64(rapid.IntRange(-3, 3).Draw(t, "v")) / 2}
		}
		want := slices.Clone(cs)
		slices.SortStableFunc(want, bestFirst)
		want = want[:min(k, n)]
		if got := firstBest(cs, k); !slices.Equal(got, want) {
			t.Fatalf("firstBest %v, stable sort %v", got, want)
		}
	})
}
