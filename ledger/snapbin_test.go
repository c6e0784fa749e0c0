package ledger

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/entente/entente"
	"github.com/entente/entente/tlog"
)

// binSame compares snapshots field by field, strictly (a nil slice is not
// an empty one), the Lists as slices.
var binSame = cmp.Options{
	cmp.Transformer("commitments", entente.List[*entente.Commitment].Slice),
	cmp.Transformer("contributions", entente.List[*entente.Contribution].Slice),
	cmp.Transformer("objectives", entente.List[*entente.Objective].Slice),
	cmp.Transformer("proposals", entente.List[*entente.Proposal].Slice),
	cmp.Transformer("disputes", entente.List[*entente.Dispute].Slice),
}

// TestSnapshotBinaryCompiles checks that the binary codec compiles for
// diskSnapshot, so that the server writes binary snapshots. When it fails,
// PactState (or a record in it) gained a type the codec cannot encode:
// teach it the type (snapbin.go). Meanwhile snapshots are written as JSON.
func TestSnapshotBinaryCompiles(t *testing.T) {
	if _, err := binSnapshotCodec(); err != nil {
		t.Fatalf("the binary snapshot codec does not compile: %v", err)
	}
	data, err := encodeSnapshot(nil, tlog.Range{}, fullState(), nil, false, 0)
	if err != nil {
		t.Fatal(err)
	}
	if format := data[len(snapshotMagic3)]; !bytes.HasPrefix(data, []byte(snapshotMagic3)) || format != snapshotFormatBinary {
		t.Errorf("snapshot written in format %q, want %q", format, snapshotFormatBinary)
	}
}

// TestSnapshotBinaryRefusesTypes checks that the codec refuses, rather
// than encodes in part, the types it cannot encode faithfully.
func TestSnapshotBinaryRefusesTypes(t *testing.T) {
	type node struct {
		Next *node `json:"next"`
	}
	for _, tc := range []struct {
		name string
		typ  reflect.Type
		want string
	}{
		{"an interface", reflect.TypeFor[struct{ X any }](), "interface"},
		{"a channel", reflect.TypeFor[struct{ C chan int }](), "chan"},
		{"an unexported field", reflect.TypeFor[struct {
			A int
			b int
		}](), "unexported"},
		{"an embedded struct", reflect.TypeFor[struct{ entente.Tally }](), "embedded"},
		{"a map of int keys", reflect.TypeFor[map[int]string](), "keys"},
		{"a recursive type", reflect.TypeFor[node](), "contains itself"},
		{"a List not registered", reflect.TypeFor[entente.List[int]](), "unexported"},
		{"a float32", reflect.TypeFor[float32](), "float32"},
		{"no fields", reflect.TypeFor[struct {
			Skip int `json:"-"`
		}](), "no fields"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := compileBin(tc.typ, map[reflect.Type]*binCodec{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("compileBin(%v): %v, want an error naming %q", tc.typ, err, tc.want)
			}
		})
	}
}

// fill sets every field of v that JSON encodes to a value drawn by t that
// is not its zero value, recursively, so that a codec leaving any field
// out (or a later field it does not know) fails a round trip.
func fill(t *rapid.T, v reflect.Value, path string) {
	typ := v.Type()
	if l, ok := binLists[typ]; ok {
		n := rapid.IntRange(1, 3).Draw(t, path+".len")
		s := reflect.MakeSlice(reflect.SliceOf(l.elem), n, n)
		for i := range n {
			fill(t, s.Index(i), path+"[]")
		}
		v.Set(l.fromSlice(s))
		return
	}
	if m, ok := binMaps[typ]; ok {
		x := reflect.New(m.goMap).Elem()
		fill(t, x, path)
		v.Set(m.fromMap(x))
		return
	}
	if typ == timeType {
		at := time.Unix(rapid.Int64Range(-1e10, 1e10).Draw(t, path+".sec"), rapid.Int64Range(0, 999_999_999).Draw(t, path+".nsec"))
		if off := rapid.IntRange(-14*60, 14*60).Draw(t, path+".zone"); off != 0 {
			at = at.In(time.FixedZone("", off*60))
		} else {
			at = at.UTC()
		}
		v.Set(reflect.ValueOf(at))
		return
	}
	switch typ.Kind() {
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int64:
		v.SetInt(rapid.Int64().Filter(func(n int64) bool { return n != 0 }).Draw(t, path))
	case reflect.Float64:
		v.SetFloat(rapid.Float64Range(-1e12, 1e12).Filter(func(f float64) bool { return f != 0 }).Draw(t, path))
	case reflect.String:
		v.SetString(rapid.StringMatching(`[a-z<&>\x{2028}é]{1,6}`).Draw(t, path))
	case reflect.Pointer:
		p := reflect.New(typ.Elem())
		fill(t, p.Elem(), path)
		v.Set(p)
	case reflect.Slice:
		n := rapid.IntRange(1, 3).Draw(t, path+".len")
		s := reflect.MakeSlice(typ, n, n)
		for i := range n {
			fill(t, s.Index(i), path+"[]")
		}
		v.Set(s)
	case reflect.Map:
		n := rapid.IntRange(1, 3).Draw(t, path+".len")
		m := reflect.MakeMap(typ)
		for i := range n {
			k := reflect.New(typ.Key()).Elem()
			k.SetString(string(rune('a'+i)) + rapid.StringMatching(`[a-z]{0,3}`).Draw(t, path+".key"))
			x := reflect.New(typ.Elem()).Elem()
			fill(t, x, path+"{}")
			m.SetMapIndex(k, x)
		}
		v.Set(m)
	case reflect.Struct:
		for i := range typ.NumField() {
			if f := typ.Field(i); f.Tag.Get("json") != "-" {
				fill(t, v.Field(i), path+"."+f.Name)
			}
		}
	default:
		t.Fatalf("fill: %s of kind %v", path, typ.Kind())
	}
}

// TestSnapshotBinaryRoundTrip checks, for snapshots whose every field is
// set (drawn at random), that the binary encoding decodes to the same
// snapshot, which JSON encodes to the same bytes as the original (as
// verify compares states), and encodes again to the same bytes.
func TestSnapshotBinaryRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var d diskSnapshot
		fill(t, reflect.ValueOf(&d).Elem(), "snapshot")
		body, err := marshalBinary(&d)
		if err != nil {
			t.Fatal(err)
		}
		var back diskSnapshot
		if err := unmarshalBinary(body, &back); err != nil {
			t.Fatalf("decoding: %v", err)
		}
		if diff := cmp.Diff(&d, &back, binSame); diff != "" {
			t.Fatalf("decoded differs (-want +got):\n%s", diff)
		}
		a, _ := json.Marshal(&d)
		b, _ := json.Marshal(&back)
		if !bytes.Equal(a, b) {
			t.Fatalf("decoded encodes to JSON\n%s\nwant\n%s", b, a)
		}
		again, err := marshalBinary(&back)
		if err != nil || !bytes.Equal(again, body) {
			t.Fatalf("decoded re-encodes to other bytes (%v)", err)
		}
	})
}

// TestSnapshotBinaryKeepsNil checks that nil and empty slices and maps,
// which JSON encodes differently, survive as they were.
func TestSnapshotBinaryKeepsNil(t *testing.T) {
	st := fullState()
	st.Members = entente.ActorMap[*entente.Membership]{}
	st.Proposals = entente.ListOf(&entente.Proposal{ID: "q1", Electorate: []entente.ActorID{}},
		&entente.Proposal{ID: "q2"})
	d := &diskSnapshot{State: st, Nonces: []string{}}
	body, err := marshalBinary(d)
	if err != nil {
		t.Fatal(err)
	}
	var back diskSnapshot
	if err := unmarshalBinary(body, &back); err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(d)
	b, _ := json.Marshal(&back)
	if !bytes.Equal(a, b) {
		t.Errorf("decoded encodes to JSON\n%s\nwant\n%s", b, a)
	}
}

// TestSnapshotVersions checks that a snapshot of each version and format
// the ledger has written decodes to the same snapshot.
func TestSnapshotVersions(t *testing.T) {
	// parseSnapshot cuts every magic at the same length.
	if len(snapshotMagic) != len(snapshotMagic2) || len(snapshotMagic2) != len(snapshotMagic3) {
		t.Fatalf("magics of %d, %d and %d bytes", len(snapshotMagic), len(snapshotMagic2), len(snapshotMagic3))
	}
	st := fullState()
	leaves := make([]tlog.Hash, st.Len)
	for i := range leaves {
		leaves[i][0] = byte(i + 1)
	}
	d := &diskSnapshot{State: st, Nonces: []string{"n1", "n2"}, Attested: true, Registry: 7}
	js, err := marshalSnapshot(d)
	if err != nil {
		t.Fatal(err)
	}
	head := func(magic string, format ...byte) []byte {
		out := append([]byte(magic), format...)
		out = binary.BigEndian.AppendUint64(out, uint64(len(leaves)))
		for _, l := range leaves {
			out = append(out, l[:]...)
		}
		return out
	}
	current, err := encodeSnapshot(leaves, tlog.RangeOf(leaves), st, []string{"n2", "n1"}, true, 7)
	if err != nil {
		t.Fatal(err)
	}
	want, err := decodeSnapshot("p", current)
	if err != nil {
		t.Fatal(err)
	}
	rng := tlog.RangeOf(leaves)
	if diff := cmp.Diff(&diskSnapshot{Leaves: leaves, Range: &rng, State: st, Nonces: d.Nonces, Attested: true, Registry: 7}, want, binSame); diff != "" {
		t.Fatalf("current snapshot decodes differently (-want +got):\n%s", diff)
	}
	bin, err := marshalBinary(d)
	if err != nil {
		t.Fatal(err)
	}
	// Older versions carry no compact range: an open computes it from
	// the leaves (see loadSnapshot).
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"1, JSON", append(head(snapshotMagic), js...)},
		{"2, JSON", append(head(snapshotMagic2, snapshotFormatJSON), js...)},
		{"2, binary", append(head(snapshotMagic2, snapshotFormatBinary), bin...)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := decodeSnapshot("p", tc.data)
			if err != nil {
				t.Fatal(err)
			}
			a, _ := json.Marshal(want)
			b, _ := json.Marshal(got)
			if !bytes.Equal(a, b) || !slices.Equal(got.Leaves, leaves) || got.Range != nil {
				t.Errorf("decoded to\n%s\nwant\n%s (range %v, want none)", b, a, got.Range)
			}
		})
	}
}

// TestSnapshotBinaryCorruptIsBounded writes, at every position of a
// snapshot's binary body, the largest varint, and flips each byte: every
// decode ends (an error or a snapshot, never a panic), and none allocates
// more than a small multiple of the body's size however large the count
// it reads.
func TestSnapshotBinaryCorruptIsBounded(t *testing.T) {
	st := fullState()
	for i := range 50 {
		st.Contributions = st.Contributions.Append(&entente.Contribution{ID: "k" + string(rune('a'+i%26)), Member: "a", Resource: "eur", Amount: float64(i)})
	}
	body, err := marshalBinary(&diskSnapshot{State: st, Nonces: []string{"n"}})
	if err != nil {
		t.Fatal(err)
	}
	huge := binary.AppendUvarint(nil, 1<<63)
	var ms runtime.MemStats
	worst := uint64(0)
	decode := func(data []byte) {
		runtime.ReadMemStats(&ms)
		before := ms.TotalAlloc
		var d diskSnapshot
		_ = unmarshalBinary(data, &d)
		runtime.ReadMemStats(&ms)
		worst = max(worst, ms.TotalAlloc-before)
	}
	for i := range body {
		decode(append(append(bytes.Clone(body[:i]), huge...), body[i:]...))
		decode(append(append(bytes.Clone(body[:i]), huge...), body[i+1:]...))
		flipped := bytes.Clone(body)
		flipped[i] ^= 0xff
		decode(flipped)
		decode(body[:i])
	}
	if limit := uint64(64*len(body) + 64<<10); worst > limit {
		t.Errorf("a corrupt body of %d bytes made the decoder allocate %d bytes, more than %d", len(body), worst, limit)
	}
}

// TestSnapshotBinaryActorMapIsTheMap checks that an entente.ActorMap (a
// proposal's votes and reasons, maps until they became persistent)
// encodes to the bytes its map encoded to, so that snapshots written
// before and after read alike, and that those bytes decode back to the
// same entries; a map that was empty but not nil (1, not 0) decodes to an
// empty ActorMap, which JSON encodes as it did the empty map.
func TestSnapshotBinaryActorMapIsTheMap(t *testing.T) {
	type before struct {
		Votes   map[entente.ActorID]entente.Choice `json:"votes,omitempty"`
		Reasons map[entente.ActorID]string         `json:"reasons,omitempty"`
	}
	type after struct {
		Votes   entente.ActorMap[entente.Choice] `json:"votes,omitzero"`
		Reasons entente.ActorMap[string]         `json:"reasons,omitzero"`
	}
	codec := func(t *rapid.T, typ reflect.Type) *binCodec {
		c, err := compileBin(typ, map[reflect.Type]*binCodec{})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	rapid.Check(t, func(t *rapid.T) {
		ids := rapid.Map(rapid.StringMatching(`[a-z<&]{1,4}`), func(s string) entente.ActorID { return entente.ActorID(s) })
		var old before
		old.Votes = rapid.MapOfN(ids, rapid.SampledFrom([]entente.Choice{entente.Yes, entente.No, entente.Abstain}), 0, 8).Draw(t, "votes")
		old.Reasons = rapid.MapOfN(ids, rapid.StringMatching(`[a-z ]{1,9}`), 0, 8).Draw(t, "reasons")
		empty := len(old.Votes) == 0 && rapid.Bool().Draw(t, "empty")
		if len(old.Votes) == 0 && !empty {
			old.Votes = nil
		}
		if len(old.Reasons) == 0 {
			old.Reasons = nil
		}
		now := after{Votes: entente.ActorMapOf(old.Votes), Reasons: entente.ActorMapOf(old.Reasons)}
		eb, ea := &binEncoder{strs: map[string]int{}}, &binEncoder{strs: map[string]int{}}
		codec(t, reflect.TypeFor[before]()).enc(eb, reflect.ValueOf(old))
		codec(t, reflect.TypeFor[after]()).enc(ea, reflect.ValueOf(now))
		if !empty && !bytes.Equal(ea.buf, eb.buf) {
			t.Fatalf("ActorMaps encode to %x, the maps to %x", ea.buf, eb.buf)
		}
		d := &binDecoder{data: eb.buf}
		var back after
		codec(t, reflect.TypeFor[after]()).dec(d, reflect.ValueOf(&back).Elem())
		if d.err != nil || len(d.data) != 0 {
			t.Fatalf("the maps' bytes decode as ActorMaps with %v, %d bytes left", d.err, len(d.data))
		}
		if !back.Votes.Equal(now.Votes) || !back.Reasons.Equal(now.Reasons) {
			t.Fatalf("decoded %v %v, want %v %v", back.Votes.Map(), back.Reasons.Map(), old.Votes, old.Reasons)
		}
		a, _ := json.Marshal(old)
		b, _ := json.Marshal(back)
		if !bytes.Equal(a, b) {
			t.Fatalf("decoded encodes to JSON\n%s\nthe maps to\n%s", b, a)
		}
	})
}

// TestSnapshotBinaryBargainingsAsSlice checks that PactState.Bargainings,
// a slice until it became a List, encodes to the bytes the slice encoded
// to: 0 when there are none, 1+count and the records otherwise.
func TestSnapshotBinaryBargainingsAsSlice(t *testing.T) {
	type before struct {
		Bargainings []*entente.Bargaining `json:"bargainings,omitempty"`
	}
	type after struct {
		Bargainings entente.List[*entente.Bargaining] `json:"bargainings,omitzero"`
	}
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	b1 := &entente.Bargaining{ID: "b1", Title: "split", Parties: []entente.ActorID{"a", "b"}, Stated: []entente.ActorID{"a"}, Total: 10, Resource: "eur", Opened: at}
	b2 := &entente.Bargaining{ID: "b2", Title: "costs", Parties: []entente.ActorID{"b"}, Total: 3, Resource: "eur", Kind: entente.BargainCosts, Opened: at}
	for _, list := range [][]*entente.Bargaining{nil, {b1}, {b1, b2}} {
		var bc, ac *binCodec
		var err error
		if bc, err = compileBin(reflect.TypeFor[before](), map[reflect.Type]*binCodec{}); err != nil {
			t.Fatal(err)
		}
		if ac, err = compileBin(reflect.TypeFor[after](), map[reflect.Type]*binCodec{}); err != nil {
			t.Fatal(err)
		}
		eb, ea := &binEncoder{strs: map[string]int{}}, &binEncoder{strs: map[string]int{}}
		bc.enc(eb, reflect.ValueOf(before{list}))
		ac.enc(ea, reflect.ValueOf(after{entente.ListOf(list...)}))
		if !bytes.Equal(ea.buf, eb.buf) {
			t.Errorf("%d bargainings: the List encodes to %x, the slice to %x", len(list), ea.buf, eb.buf)
		}
		d := &binDecoder{data: eb.buf}
		var back after
		ac.dec(d, reflect.ValueOf(&back).Elem())
		if d.err != nil || len(d.data) != 0 || !cmp.Equal(back.Bargainings.Slice(), list) {
			t.Errorf("%d bargainings: the slice's bytes decode to %v (%v, %d bytes left)", len(list), back.Bargainings.Slice(), d.err, len(d.data))
		}
	}
}

// TestSnapshotBinaryMembersAsMap checks that PactState.Members, a map
// until it became an ActorMap, encodes to the bytes the map encoded to
// and decodes from them, so that snapshots written before read alike, and
// that the JSON is the map's. The one difference: a map that was empty
// but not nil encoded as 1 and "{}", and an empty ActorMap encodes as 0
// and null, as a nil map did; its old bytes decode to an empty ActorMap.
// No fold makes such a state: a pact has founders from its first event,
// and members are never removed from the record.
func TestSnapshotBinaryMembersAsMap(t *testing.T) {
	type before struct {
		Members map[entente.ActorID]*entente.Membership `json:"members"`
	}
	type after struct {
		Members entente.ActorMap[*entente.Membership] `json:"members"`
	}
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	a := &entente.Membership{Member: "a", Status: entente.Active, Joined: at, Tenures: []entente.Tenure{{From: at}}}
	b := &entente.Membership{Member: "b<&>", Status: entente.Former, Joined: at, Left: at.Add(time.Hour), Reason: "notice \u2028",
		Tenures: []entente.Tenure{{From: at, To: at.Add(time.Hour)}}}
	bc, err := compileBin(reflect.TypeFor[before](), map[reflect.Type]*binCodec{})
	if err != nil {
		t.Fatal(err)
	}
	ac, err := compileBin(reflect.TypeFor[after](), map[reflect.Type]*binCodec{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		members map[entente.ActorID]*entente.Membership
		same    bool // the ActorMap encodes (binary and JSON) as the map
	}{
		{"nil", nil, true},
		{"empty", map[entente.ActorID]*entente.Membership{}, false},
		{"one", map[entente.ActorID]*entente.Membership{"a": a}, true},
		{"two", map[entente.ActorID]*entente.Membership{"b<&>": b, "a": a}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			eb, ea := &binEncoder{strs: map[string]int{}}, &binEncoder{strs: map[string]int{}}
			bc.enc(eb, reflect.ValueOf(before{tc.members}))
			ac.enc(ea, reflect.ValueOf(after{entente.ActorMapOf(tc.members)}))
			if got := bytes.Equal(ea.buf, eb.buf); got != tc.same {
				t.Errorf("the ActorMap encodes to %x, the map to %x", ea.buf, eb.buf)
			}
			d := &binDecoder{data: eb.buf}
			var back after
			ac.dec(d, reflect.ValueOf(&back).Elem())
			if d.err != nil || len(d.data) != 0 || !cmp.Equal(back.Members.Map(), entente.ActorMapOf(tc.members).Map()) {
				t.Errorf("the map's bytes decode to %v (%v, %d bytes left)", back.Members, d.err, len(d.data))
			}
			jb, _ := json.Marshal(before{tc.members})
			ja, _ := json.Marshal(back)
			if got := bytes.Equal(ja, jb); got != tc.same {
				t.Errorf("the ActorMap encodes to JSON %s, the map to %s", ja, jb)
			}
		})
	}
}
