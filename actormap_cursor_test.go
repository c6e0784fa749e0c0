package entente

import (
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// A cursor's seeks, in increasing order of IDs (repeats included), find
// what Lookup finds, whatever the IDs held and sought, and so when the
// map is deeper than the cursor's stack (forced: no random map is).
func TestPropertyActorCursorIsLookup(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		id := rapid.Map(rapid.StringMatching(`[a-d]{0,3}`), func(s string) ActorID { return ActorID(s) })
		held := rapid.SliceOfN(id, 0, 60).Draw(t, "held")
		var m ActorMap[int]
		for i, k := range held {
			m = m.Set(k, i)
		}
		sought := rapid.SliceOfN(id, 0, 60).Draw(t, "sought")
		slices.Sort(sought)
		cur := m.cursor()
		if rapid.Bool().Draw(t, "deep") {
			cur.deep = true
		}
		for _, k := range sought {
			got, ok := cur.seek(k)
			if want, wok := m.Lookup(k); got != want || ok != wok {
				t.Fatalf("seek(%q) = %d, %v; Lookup = %d, %v", k, got, ok, want, wok)
			}
		}
	})
}
