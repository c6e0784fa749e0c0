package entente_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/entente/entente"
	"pgregory.net/rapid"
)

// TestPropertyListIsAPersistentSlice runs random appends, replacements and
// views on Lists against plain slices, keeping every version made: each
// must still hold what it held when it was made, whatever was done to the
// versions made from it.
func TestPropertyListIsAPersistentSlice(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		type version struct {
			l    entente.List[int]
			want []int
		}
		versions := []version{{}}
		steps := rapid.IntRange(1, 200).Draw(t, "steps")
		for range steps {
			k := rapid.IntRange(0, len(versions)-1).Draw(t, "from")
			v := versions[k]
			var next version
			switch op := rapid.IntRange(0, 10).Draw(t, "op"); {
			case op < 7 || len(v.want) == 0: // appends dominate, to grow deep tries
				n := rapid.IntRange(1, 80).Draw(t, "appends")
				next = v
				next.want = slices.Clone(v.want)
				for j := range n {
					x := len(next.want)*1000 + j
					next.l = next.l.Append(x)
					next.want = append(next.want, x)
				}
			case op < 9:
				i := rapid.IntRange(0, len(v.want)-1).Draw(t, "set")
				next.l = v.l.Set(i, -i)
				next.want = slices.Clone(v.want)
				next.want[i] = -i
			case op == 10: // built whole, as decoding does, then changed like any
				next.l = entente.ListOf(v.want...)
				next.want = slices.Clone(v.want)
			default:
				i := rapid.IntRange(0, len(v.want)).Draw(t, "from")
				next.l = v.l.From(i)
				next.want = slices.Clone(v.want[i:])
			}
			versions = append(versions, next)
		}
		for k, v := range versions {
			checkList(t, fmt.Sprintf("version %d", k), v.l, v.want)
		}
	})
}

func checkList(t *rapid.T, name string, l entente.List[int], want []int) {
	if l.Len() != len(want) {
		t.Fatalf("%s: Len %d, want %d", name, l.Len(), len(want))
	}
	for i, x := range want {
		if got := l.At(i); got != x {
			t.Fatalf("%s: At(%d) = %d, want %d", name, i, got, x)
		}
	}
	if got := l.Slice(); !slices.Equal(got, want) {
		t.Fatalf("%s: Slice() = %v, want %v", name, got, want)
	}
	n := 0
	for i, x := range l.All() {
		if i != n || x != want[i] {
			t.Fatalf("%s: All() gave %d at %d, want %d at %d", name, x, i, want[n], n)
		}
		n++
	}
	if len(want) > 0 && l.Last() != want[len(want)-1] {
		t.Fatalf("%s: Last() = %d, want %d", name, l.Last(), want[len(want)-1])
	}
	got, err := json.Marshal(l)
	if err != nil {
		t.Fatal(err)
	}
	wantJSON, _ := json.Marshal(want)
	if len(want) == 0 {
		wantJSON = []byte("null") // as a nil slice; a List does not tell nil from empty
	}
	if string(got) != string(wantJSON) {
		t.Fatalf("%s: JSON %s, want %s", name, got, wantJSON)
	}
	var back entente.List[int]
	if err := json.Unmarshal(got, &back); err != nil || !back.Equal(l) {
		t.Fatalf("%s: JSON round trip gave %v (%v)", name, back.Slice(), err)
	}
}

// TestListJSONMatchesSlice checks that a List encodes as a slice does,
// including HTML escaping, which is the outer encoder's to choose.
func TestListJSONMatchesSlice(t *testing.T) {
	type rec struct {
		S string `json:"s"`
	}
	items := []*rec{{S: "<a&b>"}, {S: "\u2028 é"}}
	type withSlice struct {
		X []*rec `json:"x"`
		E []*rec `json:"e"`
	}
	type withList struct {
		X entente.List[*rec] `json:"x"`
		E entente.List[*rec] `json:"e"`
	}
	want, _ := json.Marshal(withSlice{X: items})
	got, err := json.Marshal(withList{X: entente.ListOf(items...)})
	if err != nil || string(got) != string(want) {
		t.Fatalf("Marshal: %s (%v), want %s", got, err, want)
	}
	var b1, b2 []byte
	{
		var buf1, buf2 jsonBuf
		enc1, enc2 := json.NewEncoder(&buf1), json.NewEncoder(&buf2)
		enc1.SetEscapeHTML(false)
		enc2.SetEscapeHTML(false)
		if err := enc1.Encode(withSlice{X: items}); err != nil {
			t.Fatal(err)
		}
		if err := enc2.Encode(withList{X: entente.ListOf(items...)}); err != nil {
			t.Fatal(err)
		}
		b1, b2 = buf1, buf2
	}
	if string(b1) != string(b2) {
		t.Fatalf("Encoder without HTML escaping: %s, want %s", b2, b1)
	}
}

type jsonBuf []byte

func (b *jsonBuf) Write(p []byte) (int, error) { *b = append(*b, p...); return len(p), nil }

func ExampleList() {
	var l entente.List[string]
	a := l.Append("pledge").Append("deliver")
	b := a.Set(1, "default") // a is unchanged
	for i, v := range b.All() {
		fmt.Println(i, v, a.At(i))
	}
	fmt.Println(b.Len(), b.From(1).Slice())
	// Output:
	// 0 pledge pledge
	// 1 default deliver
	// 2 [default]
}

// TestListDeep checks a list deep enough for three levels above the leaves
// (more than 32×32×32 elements), and that replacing elements of a copy
// leaves the original as it was.
func TestListDeep(t *testing.T) {
	const n = 40_000
	var l entente.List[int]
	for i := range n {
		l = l.Append(i)
	}
	c := l
	for i := 0; i < n; i += 997 {
		c = c.Set(i, -i)
	}
	for i := range n {
		want := i
		if got := l.At(i); got != want {
			t.Fatalf("original At(%d) = %d, want %d", i, got, want)
		}
		if i%997 == 0 {
			want = -i
		}
		if got := c.At(i); got != want {
			t.Fatalf("copy At(%d) = %d, want %d", i, got, want)
		}
	}
	sum := 0
	for _, v := range l.From(n - 100).All() {
		sum += v
	}
	if want := 100*(n-100) + 99*100/2; sum != want {
		t.Fatalf("sum of the last 100: %d, want %d", sum, want)
	}
}

// BenchmarkListOf builds a list of 100,000 elements whole (as decoding a
// snapshot does) against appending them one by one, which copies the tail
// at each element.
func BenchmarkListOf(b *testing.B) {
	items := make([]int, 100000)
	b.Run("whole", func(b *testing.B) {
		for b.Loop() {
			entente.ListOf(items...)
		}
	})
	b.Run("append", func(b *testing.B) {
		for b.Loop() {
			var l entente.List[int]
			for _, v := range items {
				l = l.Append(v)
			}
		}
	})
}
