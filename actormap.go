package entente

import (
	"bytes"
	"encoding/json"
	"fmt"
	"iter"
	"maps"
	"reflect"
	"slices"
	"strings"
)

// ActorMap is an immutable map from actors to values: a persistent ordered
// map. Setting a key returns a new map and leaves the old one as it was;
// the two share all but the changed path, so Set and Lookup cost O(log n)
// and copying an ActorMap value costs O(1). A proposal keeps its votes and
// their reasons in ActorMaps, so that a vote on a fork of a state copies
// one path instead of every vote cast before it.
//
// The zero ActorMap is empty and ready to use. An ActorMap encodes to JSON
// as the object a map[ActorID]V would (keys in sorted order), and an empty
// one is omitted by an omitzero tag as a nil map is by omitempty.
type ActorMap[V any] struct {
	root *actorNode[V]
	n    int
}

// actorNode is a node of a treap: a binary search tree by ID that is a heap
// by priority. The priority is a hash of the ID, so a set of IDs has one
// shape whatever the order they were set in, and two maps with the same
// entries are deeply equal. Nodes are never changed once made.
type actorNode[V any] struct {
	id          ActorID
	val         V
	prio        uint64
	left, right *actorNode[V]
}

// actorPriority hashes an ID (FNV-1a, then a splitmix64 finish).
func actorPriority(id ActorID) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(id); i++ {
		h = (h ^ uint64(id[i])) * 1099511628211
	}
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	return h ^ h>>31
}

// above reports whether a belongs above b in the heap order.
func (a *actorNode[V]) above(b *actorNode[V]) bool {
	return a.prio > b.prio || (a.prio == b.prio && a.id < b.id)
}

// ActorMapOf returns an ActorMap of m's entries, in O(n log n).
func ActorMapOf[V any](m map[ActorID]V) ActorMap[V] {
	ids := slices.Sorted(maps.Keys(m))
	return actorMapSorted(ids, func(i int) V { return m[ids[i]] })
}

// actorMapSorted builds the treap of the sorted, distinct ids, with
// values val(i), in O(n): each ID in turn goes down the right spine to
// where its priority puts it (a Cartesian tree).
func actorMapSorted[V any](ids []ActorID, val func(int) V) ActorMap[V] {
	var spine []*actorNode[V]
	for i, id := range ids {
		n := &actorNode[V]{id: id, val: val(i), prio: actorPriority(id)}
		var last *actorNode[V]
		for len(spine) > 0 && n.above(spine[len(spine)-1]) {
			last = spine[len(spine)-1]
			spine = spine[:len(spine)-1]
		}
		n.left = last
		if len(spine) > 0 {
			spine[len(spine)-1].right = n
		}
		spine = append(spine, n)
	}
	if len(spine) == 0 {
		return ActorMap[V]{}
	}
	return ActorMap[V]{root: spine[0], n: len(ids)}
}

// Len returns the number of entries.
func (m ActorMap[V]) Len() int { return m.n }

// IsZero reports whether m is empty (for omitzero).
func (m ActorMap[V]) IsZero() bool { return m.n == 0 }

// Lookup returns id's value and whether m holds one.
func (m ActorMap[V]) Lookup(id ActorID) (V, bool) {
	for t := m.root; t != nil; {
		switch c := strings.Compare(string(id), string(t.id)); {
		case c == 0:
			return t.val, true
		case c < 0:
			t = t.left
		default:
			t = t.right
		}
	}
	var zero V
	return zero, false
}

// Get returns id's value, or the zero value when m holds none.
func (m ActorMap[V]) Get(id ActorID) V {
	v, _ := m.Lookup(id)
	return v
}

// Has reports whether m holds a value for id.
func (m ActorMap[V]) Has(id ActorID) bool {
	_, ok := m.Lookup(id)
	return ok
}

// Set returns m with id's value set to v.
func (m ActorMap[V]) Set(id ActorID, v V) ActorMap[V] {
	root, added := actorInsert(m.root, id, v)
	m.root = root
	if added {
		m.n++
	}
	return m
}

// actorInsert returns t with id set to v, and whether id is new; every
// node on the way down is new.
func actorInsert[V any](t *actorNode[V], id ActorID, v V) (*actorNode[V], bool) {
	if t == nil {
		return &actorNode[V]{id: id, val: v, prio: actorPriority(id)}, true
	}
	n := *t
	switch c := strings.Compare(string(id), string(t.id)); {
	case c == 0:
		n.val = v
		return &n, false
	case c < 0:
		l, added := actorInsert(t.left, id, v)
		if added && l.above(&n) { // l is new: rotate it up
			n.left, l.right = l.right, &n
			return l, true
		}
		n.left = l
		return &n, added
	default:
		r, added := actorInsert(t.right, id, v)
		if added && r.above(&n) {
			n.right, r.left = r.left, &n
			return r, true
		}
		n.right = r
		return &n, added
	}
}

// actorCursor looks up IDs in an ActorMap in increasing order, for a
// merge with another sorted sequence: each lookup goes on from where the
// last one ended instead of from the root, so a walk of k sorted IDs
// costs O(k + n) in all at worst, and about O(k log(n/k)) when k is
// small, against O(k log n) string comparisons through Lookup (a
// proposal's electorate against the pact's members is the case: k ≈ n).
type actorCursor[V any] struct {
	// stack[:n] holds the nodes not yet passed whose right subtree is
	// still to be walked, the next one on top. It is an array so that a
	// cursor stays on its caller's stack: a walk allocates nothing.
	stack [64]*actorNode[V]
	n     int
	// deep is set when the map is deeper than stack holds (no treap of
	// fewer than billions of entries is, but by chance): seek then looks
	// up from root.
	deep bool
	root *actorNode[V]
}

// cursor returns a cursor on m's first entry.
func (m ActorMap[V]) cursor() actorCursor[V] {
	c := actorCursor[V]{root: m.root}
	c.descend(m.root, "")
	return c
}

// descend pushes the nodes of t that a walk from id on still passes
// through, the least on top; nodes below id and their left subtrees are
// left out.
func (c *actorCursor[V]) descend(t *actorNode[V], id ActorID) {
	for t != nil {
		if t.id < id {
			t = t.right
			continue
		}
		if c.n == len(c.stack) {
			c.deep = true
			return
		}
		c.stack[c.n] = t
		c.n++
		t = t.left
	}
}

// seek moves c to the first entry whose ID is not below id and returns
// id's value, if m holds one. Each call's id must not be below the last.
func (c *actorCursor[V]) seek(id ActorID) (V, bool) {
	for !c.deep && c.n > 0 {
		t := c.stack[c.n-1]
		if cmp := strings.Compare(string(t.id), string(id)); cmp >= 0 { // one comparison, not two
			if cmp == 0 {
				return t.val, true
			}
			var zero V
			return zero, false
		}
		c.n--
		c.descend(t.right, id)
	}
	if c.deep {
		return ActorMap[V]{root: c.root}.Lookup(id)
	}
	var zero V
	return zero, false
}

// All iterates over the entries in the order of their IDs.
func (m ActorMap[V]) All() iter.Seq2[ActorID, V] {
	return func(yield func(ActorID, V) bool) { actorWalk(m.root, yield) }
}

func actorWalk[V any](t *actorNode[V], yield func(ActorID, V) bool) bool {
	for t != nil {
		if !actorWalk(t.left, yield) || !yield(t.id, t.val) {
			return false
		}
		t = t.right
	}
	return true
}

// Map returns the entries in a new map, nil when there are none.
func (m ActorMap[V]) Map() map[ActorID]V {
	if m.n == 0 {
		return nil
	}
	out := make(map[ActorID]V, m.n)
	for id, v := range m.All() {
		out[id] = v
	}
	return out
}

// String formats m as fmt formats the map of its entries.
func (m ActorMap[V]) String() string { return fmt.Sprint(m.Map()) }

// Equal reports whether m and o hold the same IDs with deeply equal
// values, for go-cmp, which cannot look into unexported fields.
func (m ActorMap[V]) Equal(o ActorMap[V]) bool {
	if m.n != o.n {
		return false
	}
	next, stop := iter.Pull2(o.All())
	defer stop()
	for id, v := range m.All() {
		oid, ov, _ := next()
		if id != oid || !reflect.DeepEqual(v, ov) {
			return false
		}
	}
	return true
}

// MarshalJSON encodes m as the JSON object encoding/json makes of a map,
// keys sorted; an empty m encodes as null, as a nil map does.
func (m ActorMap[V]) MarshalJSON() ([]byte, error) {
	if m.n == 0 {
		return []byte("null"), nil
	}
	// HTML escaping is left to the encoder that encodes the map, as it is
	// for a map's keys and values.
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	buf.WriteByte('{')
	for id, v := range m.All() {
		if buf.Len() > 1 {
			buf.WriteByte(',')
		}
		if err := enc.Encode(string(id)); err != nil {
			return nil, err
		}
		buf.Truncate(buf.Len() - 1) // the newline Encode adds
		buf.WriteByte(':')
		if err := enc.Encode(v); err != nil {
			return nil, err
		}
		buf.Truncate(buf.Len() - 1)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// UnmarshalJSON decodes a JSON object (or null) into m.
func (m *ActorMap[V]) UnmarshalJSON(data []byte) error {
	var entries map[ActorID]V
	if err := json.Unmarshal(data, &entries); err != nil {
		return err
	}
	*m = ActorMapOf(entries)
	return nil
}
