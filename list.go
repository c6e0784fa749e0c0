package entente

import (
	"bytes"
	"encoding/json"
	"iter"
	"reflect"
)

// List is an immutable sequence: a persistent vector. Appending to a list
// or replacing one of its elements returns a new list and leaves the old
// one as it was; the two share all but the changed path, so both cost
// O(log₃₂ n) (at most seven levels for any list that fits in memory)
// and copying a List value costs O(1). A PactState's records are kept in
// Lists so that a command forks the state without copying its history.
//
// The zero List is empty and ready to use. A List encodes to JSON as an
// array (null when empty), as a slice would.
type List[T any] struct {
	root  *listNode[T] // the elements before the tail, in full leaves of 32
	tail  []T          // the last 1 to 32 elements; nil only when n == 0
	n     int          // the elements in the vector, including the lo skipped
	lo    int          // the first element in view (see From)
	shift uint         // 5 × the levels above the leaves (5 when root is nil)
	// tailBy marks the state that may change the tail in place (see
	// mapOwner); nil for a tail that is never changed.
	tailBy *mapOwner
}

// listNode is a node of a List's trie: a leaf holds 32 elements, an inner
// node up to 32 children. Nodes are never changed once shared.
type listNode[T any] struct {
	by   *mapOwner // the state that may change the node in place, if any
	kids []*listNode[T]
	vals []T
}

const (
	listBits  = 5
	listWidth = 1 << listBits
	listMask  = listWidth - 1
)

// ListOf returns a list of the given elements. It builds the list under a
// mark of its own, which no one holds afterwards: each element is appended
// in place instead of copying the tail each time, and any later change
// copies what it changes, as for a list it did not make.
func ListOf[T any](items ...T) List[T] {
	var l List[T]
	m := new(mapOwner)
	for _, v := range items {
		l = l.append(v, m)
	}
	return l
}

// Len returns the number of elements.
func (l List[T]) Len() int { return l.n - l.lo }

// tailOff is the index of the tail's first element.
func (l List[T]) tailOff() int { return l.n - len(l.tail) }

// leaf returns the 32 (or, for the tail, fewer) elements around index i of
// the whole vector, and i's position among them.
func (l List[T]) leaf(i int) ([]T, int) {
	if off := l.tailOff(); i >= off {
		return l.tail, i - off
	}
	node := l.root
	for level := l.shift; level > 0; level -= listBits {
		node = node.kids[(i>>level)&listMask]
	}
	return node.vals, i & listMask
}

// At returns the element at index i. It panics when i is out of range, as
// indexing a slice does.
func (l List[T]) At(i int) T {
	if i < 0 || i >= l.Len() {
		panic("entente.List: index out of range")
	}
	vals, j := l.leaf(l.lo + i)
	return vals[j]
}

// Last returns the last element, or the zero value of an empty list.
func (l List[T]) Last() T {
	if l.Len() == 0 {
		var zero T
		return zero
	}
	return l.tail[len(l.tail)-1]
}

// All iterates over the elements in order, with their indexes.
func (l List[T]) All() iter.Seq2[int, T] {
	return func(yield func(int, T) bool) {
		for i := l.lo; i < l.n; {
			vals, j := l.leaf(i)
			for _, v := range vals[j:] {
				if !yield(i-l.lo, v) {
					return
				}
				i++
			}
		}
	}
}

// Slice returns the elements in a new slice, nil when there are none.
func (l List[T]) Slice() []T {
	if l.Len() == 0 {
		return nil
	}
	out := make([]T, 0, l.Len())
	for _, v := range l.All() {
		out = append(out, v)
	}
	return out
}

// From returns the list without its first i elements, sharing them all:
// a view like s[i:] of a slice, in O(1). It panics when i is out of range.
func (l List[T]) From(i int) List[T] {
	if i < 0 || i > l.Len() {
		panic("entente.List: index out of range")
	}
	l.lo += i
	return l
}

// Append returns the list with v added at its end.
func (l List[T]) Append(v T) List[T] { return l.append(v, nil) }

// Set returns the list with the element at index i replaced by v. It
// panics when i is out of range.
func (l List[T]) Set(i int, v T) List[T] { return l.set(i, v, nil) }

// append is Append. With a mark m (a state's, see PactState.mark), it
// changes in place the parts of l that m marks, and marks with m the parts
// it makes: a state that owns its lists, as the fold's does, appends to
// them in O(1) without copying, and a fork, whose mark differs, copies the
// path it changes once and then owns it.
func (l List[T]) append(v T, m *mapOwner) List[T] {
	if len(l.tail) < listWidth {
		if m != nil && l.tailBy == m {
			l.tail = append(l.tail, v) // marked tails have room for 32
		} else {
			tail := make([]T, len(l.tail)+1, listCap(m, len(l.tail)+1))
			copy(tail, l.tail)
			tail[len(l.tail)] = v
			l.tail, l.tailBy = tail, m
		}
		l.n++
		return l
	}
	// The tail is full: it becomes a leaf of the trie.
	full := &listNode[T]{vals: l.tail}
	if m != nil && l.tailBy == m {
		full.by = m
	}
	shift := l.shift
	if shift == 0 {
		shift = listBits
	}
	if l.root != nil && (l.n>>listBits) > (1<<shift) {
		// The trie is full too: it grows a level.
		l.root = &listNode[T]{by: m, kids: []*listNode[T]{l.root, listPath(shift, full, m)}}
		shift += listBits
	} else {
		l.root = l.pushTail(l.root, shift, full, m)
	}
	l.shift = shift
	tail := make([]T, 1, listCap(m, 1))
	tail[0] = v
	l.tail, l.tailBy = tail, m
	l.n++
	return l
}

// listCap is the capacity of a new tail of n elements: room for 32 when
// its owner may append in place, just n otherwise.
func listCap(m *mapOwner, n int) int {
	if m != nil {
		return listWidth
	}
	return n
}

// pushTail returns node (at level), changed in place if m marks it and
// copied otherwise, with leaf added as the leaf for the elements just
// before l's tail.
func (l List[T]) pushTail(node *listNode[T], level uint, leaf *listNode[T], m *mapOwner) *listNode[T] {
	i := ((l.n - 1) >> level) & listMask
	out := node
	if node == nil || m == nil || node.by != m {
		out = &listNode[T]{by: m}
		if node != nil {
			out.kids = append(make([]*listNode[T], 0, len(node.kids)+1), node.kids...)
		}
	}
	var child *listNode[T]
	if level == listBits {
		child = leaf
	} else if i < len(out.kids) {
		child = l.pushTail(out.kids[i], level-listBits, leaf, m)
	} else {
		child = listPath(level-listBits, leaf, m)
	}
	if i < len(out.kids) {
		out.kids[i] = child
	} else {
		out.kids = append(out.kids, child)
	}
	return out
}

// listPath wraps leaf in single-child nodes up to level.
func listPath[T any](level uint, leaf *listNode[T], m *mapOwner) *listNode[T] {
	if level == 0 {
		return leaf
	}
	return &listNode[T]{by: m, kids: []*listNode[T]{listPath(level-listBits, leaf, m)}}
}

// set is Set; with a mark m, as append.
func (l List[T]) set(i int, v T, m *mapOwner) List[T] {
	if i < 0 || i >= l.Len() {
		panic("entente.List: index out of range")
	}
	i += l.lo
	if off := l.tailOff(); i >= off {
		if m == nil || l.tailBy != m {
			tail := make([]T, len(l.tail), listCap(m, len(l.tail)))
			copy(tail, l.tail)
			l.tail, l.tailBy = tail, m
		}
		l.tail[i-off] = v
		return l
	}
	l.root = listSet(l.root, l.shift, i, v, m)
	return l
}

func listSet[T any](node *listNode[T], level uint, i int, v T, m *mapOwner) *listNode[T] {
	out := node
	if m == nil || node.by != m {
		out = &listNode[T]{by: m}
		if level == 0 {
			out.vals = append([]T(nil), node.vals...)
		} else {
			out.kids = append([]*listNode[T](nil), node.kids...)
		}
	}
	if level == 0 {
		out.vals[i&listMask] = v
		return out
	}
	j := (i >> level) & listMask
	out.kids[j] = listSet(node.kids[j], level-listBits, i, v, m)
	return out
}

// Equal reports whether l and o hold deeply equal elements, for go-cmp,
// which cannot look into a List's unexported fields.
func (l List[T]) Equal(o List[T]) bool {
	if l.Len() != o.Len() {
		return false
	}
	next, stop := iter.Pull2(o.All())
	defer stop()
	for _, v := range l.All() {
		_, w, _ := next()
		if !reflect.DeepEqual(v, w) {
			return false
		}
	}
	return true
}

// MarshalJSON encodes l as a JSON array, or null when it is empty (as
// encoding/json encodes a nil slice).
func (l List[T]) MarshalJSON() ([]byte, error) {
	if l.Len() == 0 {
		return []byte("null"), nil
	}
	// HTML escaping is left to the encoder that encodes the List, as it
	// is for a slice.
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(l.Slice()); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// UnmarshalJSON decodes a JSON array (or null) into l.
func (l *List[T]) UnmarshalJSON(data []byte) error {
	var items []T
	if err := json.Unmarshal(data, &items); err != nil {
		return err
	}
	*l = ListOf(items...)
	return nil
}
