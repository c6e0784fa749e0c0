package logstore_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/entente/entente/logstore"
)

// model is MemorySignIns written the obvious way: a map, and sorts by
// expiry to find what must go. The heaps must agree with it.
type model map[[32]byte]logstore.SignIn

func (m model) put(s logstore.SignIn, lim logstore.SignInLimits) bool {
	if x, ok := m[s.ID]; ok && x.Live(lim.Now) {
		return false
	}
	delete(m, s.ID)
	var all, mine []logstore.SignIn
	for id, x := range m {
		switch {
		case x.Kind != s.Kind:
		case !x.Live(lim.Now):
			delete(m, id)
		default:
			all = append(all, x)
			if s.Kind == logstore.Session && x.Principal == s.Principal {
				mine = append(mine, x)
			}
		}
	}
	ofPrincipal, ofAll := lim.Evictions(len(all), len(mine), s.Kind)
	byExpiry := func(a, b logstore.SignIn) int {
		if c := a.Expires.Compare(b.Expires); c != 0 {
			return c
		}
		return slices.Compare(a.ID[:], b.ID[:])
	}
	slices.SortFunc(mine, byExpiry)
	for _, x := range mine[:ofPrincipal] {
		delete(m, x.ID)
	}
	all = slices.DeleteFunc(all, func(x logstore.SignIn) bool { _, ok := m[x.ID]; return !ok })
	slices.SortFunc(all, byExpiry)
	for _, x := range all[:min(ofAll, len(all))] {
		delete(m, x.ID)
	}
	m[s.ID] = s
	return true
}

// TestMemorySignInsMatchTheModel runs random puts and deletes of a
// few sign-ins, under small bounds and a clock that moves, and checks
// after each that MemorySignIns holds what the model holds.
func TestMemorySignInsMatchTheModel(t *testing.T) {
	ctx := context.Background()
	t0 := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	kinds := []logstore.SignInKind{logstore.Ceremony, logstore.Session}
	rapid.Check(t, func(t *rapid.T) {
		store, want := &logstore.MemorySignIns{}, model{}
		lim := logstore.SignInLimits{Total: rapid.IntRange(0, 6).Draw(t, "total"), PerPrincipal: rapid.IntRange(0, 3).Draw(t, "perPrincipal")}
		ids := rapid.IntRange(0, 11)
		now := t0
		for range rapid.IntRange(1, 60).Draw(t, "ops") {
			id := [32]byte{byte(ids.Draw(t, "id"))}
			kind := rapid.SampledFrom(kinds).Draw(t, "kind")
			switch rapid.IntRange(0, 5).Draw(t, "op") {
			case 0, 1, 2:
				s := logstore.SignIn{ID: id, Kind: kind, Expires: now.Add(time.Duration(rapid.IntRange(1, 10).Draw(t, "life")) * time.Minute), Record: []byte{id[0]}}
				if kind == logstore.Session {
					s.Principal = rapid.SampledFrom([]string{"a", "b", "c"}).Draw(t, "principal")
				}
				lim.Now = now
				err := store.PutSignIn(ctx, s, lim)
				if stored := want.put(s, lim); stored != (err == nil) {
					t.Fatalf("put %x as %s: %v; the model stored it: %v", id[:1], kind, err, stored)
				}
			case 3, 4:
				store.DeleteSignIn(ctx, id)
				delete(want, id)
			case 5:
				now = now.Add(time.Duration(rapid.IntRange(0, 4).Draw(t, "minutes")) * time.Minute)
			}
			for i := range 12 {
				id := [32]byte{byte(i)}
				for _, k := range kinds {
					_, got, _ := store.SignIn(ctx, id, k, now)
					x, held := want[id]
					if w := held && x.Kind == k && x.Live(now); got != w {
						t.Fatalf("sign-in %d as %s at +%s: live %v, model %v", i, k, now.Sub(t0), got, w)
					}
				}
			}
		}
	})
}
