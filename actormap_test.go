package entente_test

import (
	"bytes"
	"encoding/json"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"testing"

	"pgregory.net/rapid"

	"github.com/entente/entente"
)

// An ActorMap behaves as a map that is copied before each change: after
// any sequence of sets, every version made on the way still holds what a
// map holds after the same sets, in the order of its IDs, and two maps of
// the same entries are deeply equal whatever the order they were set in.
func TestPropertyActorMapIsAMap(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ids := rapid.SliceOfN(rapid.StringMatching(`[a-e]{1,3}`), 1, 40).Draw(t, "ids")
		var versions []entente.ActorMap[int]
		var models []map[entente.ActorID]int
		var m entente.ActorMap[int]
		model := map[entente.ActorID]int{}
		for i, id := range ids {
			m = m.Set(entente.ActorID(id), i)
			model = maps.Clone(model)
			model[entente.ActorID(id)] = i
			versions, models = append(versions, m), append(models, model)
		}
		for k, v := range versions {
			want := models[k]
			checkVersion(t, k, v, want)
			for _, id := range []entente.ActorID{"a", "ab", "eee", "z"} {
				x, ok := v.Lookup(id)
				if wx, wok := want[id]; x != wx || ok != wok || v.Has(id) != wok || v.Get(id) != wx {
					t.Fatalf("version %d: Lookup(%s) = %d, %v, want %d, %v", k, id, x, ok, wx, wok)
				}
			}
			if !reflect.DeepEqual(v.Map(), want) {
				t.Fatalf("version %d: Map() = %v, want %v", k, v.Map(), want)
			}
			if of := entente.ActorMapOf(want); !reflect.DeepEqual(of, v) || !of.Equal(v) {
				t.Fatalf("version %d: ActorMapOf of the same entries is not deeply equal", k)
			}
		}
	})
}

// checkVersion fails t unless version k of an ActorMap, v, holds exactly
// the entries of want (the same values, compared with ==), in the order
// of their IDs.
func checkVersion[V comparable](t *rapid.T, k int, v entente.ActorMap[V], want map[entente.ActorID]V) {
	t.Helper()
	if v.Len() != len(want) {
		t.Fatalf("version %d: %d entries, want %d", k, v.Len(), len(want))
	}
	var got []entente.ActorID
	for id, x := range v.All() {
		if want[id] != x {
			t.Fatalf("version %d: %s is %v, want %v", k, id, x, want[id])
		}
		got = append(got, id)
	}
	if wantIDs := slices.Sorted(maps.Keys(want)); !slices.Equal(got, wantIDs) {
		t.Fatalf("version %d: IDs %v, want %v", k, got, wantIDs)
	}
}

// An ActorMap behaves as a plain map copied at each fork, when the forks
// branch: each step sets an ID in any version made so far (a fork of a
// state that other forks also go on from, as PactState.Members is) or
// looks one up, and every version must still hold, in the order of its
// IDs, exactly what its own copy of a map holds, the very pointers set.
func TestPropertyActorMapForksAreMaps(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ids := rapid.Map(rapid.StringMatching(`[a-d]{1,3}`), func(s string) entente.ActorID { return entente.ActorID(s) })
		versions := []entente.ActorMap[*int]{{}}
		models := []map[entente.ActorID]*int{{}}
		for step := range rapid.IntRange(1, 80).Draw(t, "steps") {
			k := rapid.IntRange(0, len(versions)-1).Draw(t, "version")
			id := ids.Draw(t, "id")
			if rapid.Bool().Draw(t, "get") {
				got, ok := versions[k].Lookup(id)
				if want, wok := models[k][id]; got != want || ok != wok {
					t.Fatalf("step %d: version %d: Lookup(%s) = %p, %v, want %p, %v", step, k, id, got, ok, want, wok)
				}
				continue
			}
			v := new(int)
			*v = step
			model := maps.Clone(models[k])
			model[id] = v
			versions, models = append(versions, versions[k].Set(id, v)), append(models, model)
		}
		for k, v := range versions {
			checkVersion(t, k, v, models[k])
		}
	})
}

// An ActorMap encodes to the JSON bytes of the map it replaced, with and
// without HTML escaping, an empty one is left out under omitzero as a nil
// or empty map is under omitempty, and it decodes back.
func TestPropertyActorMapJSONIsTheMap(t *testing.T) {
	type asMap struct {
		A     int                                `json:"a"`
		Votes map[entente.ActorID]entente.Choice `json:"votes,omitempty"`
		Z     string                             `json:"z"`
	}
	type asActorMap struct {
		A     int                              `json:"a"`
		Votes entente.ActorMap[entente.Choice] `json:"votes,omitzero"`
		Z     string                           `json:"z"`
	}
	rapid.Check(t, func(t *rapid.T) {
		ids := rapid.Map(rapid.StringMatching(`[a-c<>&"\\\x{2028}é\x00]{0,4}`), func(s string) entente.ActorID { return entente.ActorID(s) })
		choices := rapid.Map(rapid.StringMatching(`[a-z<>&\x{2029}"]{0,5}`), func(s string) entente.Choice { return entente.Choice(s) })
		votes := rapid.MapOfN(ids, choices, 0, 6).Draw(t, "votes")
		if rapid.Bool().Draw(t, "nil") && len(votes) == 0 {
			votes = nil
		}
		old := asMap{A: 1, Votes: votes, Z: "<z>"}
		now := asActorMap{A: 1, Votes: entente.ActorMapOf(votes), Z: "<z>"}
		for _, escape := range []bool{true, false} {
			want, got := encode(t, old, escape), encode(t, now, escape)
			if !bytes.Equal(got, want) {
				t.Fatalf("escape %v: ActorMap encodes as\n%s\nthe map as\n%s", escape, got, want)
			}
		}
		var back asActorMap
		if err := json.Unmarshal(encode(t, old, true), &back); err != nil {
			t.Fatal(err)
		}
		if !back.Votes.Equal(now.Votes) || back.Votes.Len() != len(votes) {
			t.Fatalf("decoded to %v, want %v", back.Votes.Map(), votes)
		}
	})
}

func encode(t *rapid.T, v any, escapeHTML bool) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(escapeHTML)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkActorMapSet sets one vote on a proposal that holds n, as a vote
// on a forked state does: "actormap" through the persistent map, "map" by
// copying a Go map first, as the fold did before.
func BenchmarkActorMapSet(b *testing.B) {
	for _, n := range []int{10, 1000} {
		votes := map[entente.ActorID]entente.Choice{}
		for i := range n {
			votes[entente.ActorID(rune('a'+i%26))+entente.ActorID(rune('a'+i/26%26))+entente.ActorID(rune('a'+i/676))] = entente.Yes
		}
		am := entente.ActorMapOf(votes)
		b.Run("actormap/votes="+strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				am.Set("zzz-new", entente.No)
			}
		})
		b.Run("map/votes="+strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				c := make(map[entente.ActorID]entente.Choice, len(votes)+1)
				maps.Copy(c, votes)
				c["zzz-new"] = entente.No
			}
		})
	}
}
