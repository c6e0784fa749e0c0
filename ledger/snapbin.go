package ledger

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/entente/entente"
)

// The binary encoding of a snapshot's body (see encodeSnapshot). Decoding
// the JSON of a pact of 100,000 records cost about 100 ms, most of an
// open from a snapshot; this encoding decodes the same records in a small
// fraction of that.
//
// It is derived from the Go types, so that no field is ever left out: a
// codec is compiled once, by reflection, for diskSnapshot and every type
// reachable from it, and it encodes exactly the fields JSON encodes
// (exported, not tagged "-"), in declaration order. A field added to
// PactState or to any record later is encoded without anyone touching this
// file. A type the codec cannot encode faithfully (an interface, a
// channel, a struct with unexported fields other than time.Time, a map
// with keys other than strings, an entente.List of an element type not
// registered in binLists) makes the compilation fail; snapshots are then
// written as JSON (see snapshotFormatJSON), slower but whole, and
// TestSnapshotBinaryCompiles fails until the codec learns the type.
//
// Values, all lengths and counts as unsigned varints:
//   - bool: one byte, 0 or 1;
//   - signed integers: zig-zag varints; unsigned: varints;
//   - floats: the IEEE 754 bits, bytes reversed, as a varint, so that
//     small integral amounts take two or three bytes (as gob does);
//   - strings: 0 for "", 2·len+1 followed by the bytes for a string not
//     seen before in this snapshot, 2·(k+1) for the k-th string seen
//     before: member IDs and resources, repeated in every record, are
//     stored and allocated once;
//   - time.Time: a byte 0 (the zero time), 1 (UTC) or 2 (followed by the
//     zone's offset in seconds, zig-zag), then the Unix seconds (zig-zag)
//     and nanoseconds;
//   - pointers: a byte 0 (nil) or 1 followed by the value;
//   - slices and maps: 0 for nil, else 1+count and the elements, maps in
//     the order of their sorted keys, so that the same state always
//     encodes to the same bytes;
//   - entente.List: the count and the elements;
//   - entente.ActorMap: as the map of the same keys and values;
//   - structs: their fields in order.
//
// Decoding trusts nothing: every count is checked against the bytes left
// (each element takes at least binMinSize bytes), so a forged count cannot
// make it allocate more than a small multiple of the snapshot's size, and
// any inconsistency is an error, never a panic.

// binCodec is a compiled encoder and decoder of one type.
type binCodec struct {
	enc func(e *binEncoder, v reflect.Value)
	dec func(d *binDecoder, v reflect.Value) // v is settable and zero
	// min is the fewest bytes an encoded value takes (at least 1).
	min int
}

// binList converts an entente.List of one element type to and from a
// slice, for the codec.
type binList struct {
	elem      reflect.Type
	toSlice   func(reflect.Value) reflect.Value
	fromSlice func(reflect.Value) reflect.Value
	// nilable marks a List that replaced a slice (PactState.Bargainings):
	// it encodes as the slice did, 0 when empty and 1+count otherwise.
	nilable bool
}

// listOf returns the binList of entente.List[T].
func listOf[T any]() (reflect.Type, binList) {
	return reflect.TypeFor[entente.List[T]](), binList{
		elem:      reflect.TypeFor[T](),
		toSlice:   func(v reflect.Value) reflect.Value { return reflect.ValueOf(v.Interface().(entente.List[T]).Slice()) },
		fromSlice: func(s reflect.Value) reflect.Value { return reflect.ValueOf(entente.ListOf(s.Interface().([]T)...)) },
	}
}

// binLists holds the entente.List types the codec knows.
var binLists = func() map[reflect.Type]binList {
	m := map[reflect.Type]binList{}
	for _, f := range []func() (reflect.Type, binList){
		listOf[*entente.Commitment], listOf[*entente.Contribution], listOf[*entente.Objective],
		listOf[*entente.Proposal], listOf[*entente.Dispute],
	} {
		t, l := f()
		m[t] = l
	}
	t, l := listOf[*entente.Bargaining]()
	l.nilable = true
	m[t] = l
	return m
}()

// binMap converts an entente.ActorMap of one value type to and from a Go
// map, for the codec: an ActorMap encodes exactly as the map it replaced
// (nil when empty).
type binMap struct {
	goMap   reflect.Type
	toMap   func(reflect.Value) reflect.Value
	fromMap func(reflect.Value) reflect.Value
}

// actorMapOf returns the binMap of entente.ActorMap[V].
func actorMapOf[V any]() (reflect.Type, binMap) {
	return reflect.TypeFor[entente.ActorMap[V]](), binMap{
		goMap: reflect.TypeFor[map[entente.ActorID]V](),
		toMap: func(v reflect.Value) reflect.Value { return reflect.ValueOf(v.Interface().(entente.ActorMap[V]).Map()) },
		fromMap: func(m reflect.Value) reflect.Value {
			return reflect.ValueOf(entente.ActorMapOf(m.Interface().(map[entente.ActorID]V)))
		},
	}
}

// binMaps holds the entente.ActorMap types the codec knows.
var binMaps = func() map[reflect.Type]binMap {
	m := map[reflect.Type]binMap{}
	for _, f := range []func() (reflect.Type, binMap){actorMapOf[entente.Choice], actorMapOf[string], actorMapOf[*entente.Membership]} {
		t, c := f()
		m[t] = c
	}
	return m
}()

var (
	timeType = reflect.TypeFor[time.Time]()
	// binSnapshotCodec is the codec of diskSnapshot, compiled at first use.
	binSnapshotCodec = sync.OnceValues(func() (*binCodec, error) {
		return compileBin(reflect.TypeFor[diskSnapshot](), map[reflect.Type]*binCodec{})
	})
	// binRegistryCodec is the codec of registrySnapshot, compiled at
	// first use.
	binRegistryCodec = sync.OnceValues(func() (*binCodec, error) {
		return compileBin(reflect.TypeFor[registrySnapshot](), map[reflect.Type]*binCodec{})
	})
)

// compileBin compiles the codec of t. seen holds the codecs compiled or
// being compiled (those without enc yet), so that a type is compiled once
// and a recursive type refused.
func compileBin(t reflect.Type, seen map[reflect.Type]*binCodec) (*binCodec, error) {
	if c, ok := seen[t]; ok {
		if c.enc == nil {
			// A forged snapshot could nest a recursive type deep enough
			// to exhaust the stack: none is needed, so none is allowed.
			return nil, fmt.Errorf("cannot encode %v: it contains itself", t)
		}
		return c, nil
	}
	c := &binCodec{min: 1}
	seen[t] = c
	if l, ok := binLists[t]; ok {
		return c, compileList(c, l, seen)
	}
	if m, ok := binMaps[t]; ok {
		return c, compileActorMap(c, m, seen)
	}
	if t == timeType {
		c.enc, c.dec = encTime, decTime
		return c, nil
	}
	switch t.Kind() {
	case reflect.Bool:
		c.enc = func(e *binEncoder, v reflect.Value) { e.bool(v.Bool()) }
		c.dec = func(d *binDecoder, v reflect.Value) { v.SetBool(d.bool()) }
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		c.enc = func(e *binEncoder, v reflect.Value) { e.varint(v.Int()) }
		c.dec = func(d *binDecoder, v reflect.Value) {
			if n := d.varint(); v.OverflowInt(n) {
				d.fail("integer %d out of range", n)
			} else {
				v.SetInt(n)
			}
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		c.enc = func(e *binEncoder, v reflect.Value) { e.uvarint(v.Uint()) }
		c.dec = func(d *binDecoder, v reflect.Value) {
			if n := d.uvarint(); v.OverflowUint(n) {
				d.fail("integer %d out of range", n)
			} else {
				v.SetUint(n)
			}
		}
	case reflect.Float64:
		c.enc = func(e *binEncoder, v reflect.Value) { e.float(v.Float()) }
		c.dec = func(d *binDecoder, v reflect.Value) { v.SetFloat(d.float()) }
	case reflect.String:
		c.enc = func(e *binEncoder, v reflect.Value) { e.string(v.String()) }
		c.dec = func(d *binDecoder, v reflect.Value) { v.SetString(d.string()) }
	case reflect.Pointer:
		return c, compilePointer(c, t, seen)
	case reflect.Slice:
		return c, compileSlice(c, t, seen)
	case reflect.Map:
		return c, compileMap(c, t, seen)
	case reflect.Struct:
		return c, compileStruct(c, t, seen)
	default:
		return nil, fmt.Errorf("cannot encode %v (%v)", t, t.Kind())
	}
	return c, nil
}

func compilePointer(c *binCodec, t reflect.Type, seen map[reflect.Type]*binCodec) error {
	elem, err := compileBin(t.Elem(), seen)
	if err != nil {
		return err
	}
	et := t.Elem()
	c.enc = func(e *binEncoder, v reflect.Value) {
		if v.IsNil() {
			e.byte(0)
			return
		}
		e.byte(1)
		elem.enc(e, v.Elem())
	}
	c.dec = func(d *binDecoder, v reflect.Value) {
		if !d.bool() {
			return
		}
		p := reflect.New(et)
		elem.dec(d, p.Elem())
		v.Set(p)
	}
	return nil
}

func compileSlice(c *binCodec, t reflect.Type, seen map[reflect.Type]*binCodec) error {
	elem, err := compileBin(t.Elem(), seen)
	if err != nil {
		return err
	}
	if elem, err = atSite(elem, t.Elem(), seen); err != nil {
		return err
	}
	c.enc = func(e *binEncoder, v reflect.Value) {
		if v.IsNil() {
			e.uvarint(0)
			return
		}
		e.uvarint(uint64(v.Len()) + 1)
		for i := range v.Len() {
			elem.enc(e, v.Index(i))
		}
	}
	c.dec = func(d *binDecoder, v reflect.Value) {
		n, ok := d.count(elem.min, true)
		if !ok {
			return
		}
		s := reflect.MakeSlice(t, n, n)
		for i := 0; i < n && d.err == nil; i++ {
			elem.dec(d, s.Index(i))
		}
		v.Set(s)
	}
	return nil
}

func compileList(c *binCodec, l binList, seen map[reflect.Type]*binCodec) error {
	st := reflect.SliceOf(l.elem)
	elem, err := compileBin(l.elem, seen)
	if err != nil {
		return err
	}
	c.enc = func(e *binEncoder, v reflect.Value) {
		s := l.toSlice(v)
		switch {
		case l.nilable && s.Len() == 0:
			e.uvarint(0)
			return
		case l.nilable:
			e.uvarint(uint64(s.Len()) + 1)
		default:
			e.uvarint(uint64(s.Len()))
		}
		for i := range s.Len() {
			elem.enc(e, s.Index(i))
		}
	}
	c.dec = func(d *binDecoder, v reflect.Value) {
		n, _ := d.count(elem.min, l.nilable)
		s := reflect.MakeSlice(st, n, n)
		for i := 0; i < n && d.err == nil; i++ {
			elem.dec(d, s.Index(i))
		}
		v.Set(l.fromSlice(s))
	}
	return nil
}

func compileMap(c *binCodec, t reflect.Type, seen map[reflect.Type]*binCodec) error {
	if t.Key().Kind() != reflect.String {
		return fmt.Errorf("cannot encode %v: keys are not strings", t)
	}
	val, err := compileBin(t.Elem(), seen)
	if err != nil {
		return err
	}
	kt := t.Key()
	c.enc = func(e *binEncoder, v reflect.Value) {
		if v.IsNil() {
			e.uvarint(0)
			return
		}
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
		e.uvarint(uint64(len(keys)) + 1)
		for _, k := range keys {
			e.string(k.String())
			val.enc(e, v.MapIndex(k))
		}
	}
	c.dec = func(d *binDecoder, v reflect.Value) {
		n, ok := d.count(1+val.min, true)
		if !ok {
			return
		}
		m := reflect.MakeMapWithSize(t, n)
		k, x := reflect.New(kt).Elem(), reflect.New(t.Elem()).Elem()
		for i := 0; i < n && d.err == nil; i++ {
			k.SetString(d.string())
			x.SetZero()
			val.dec(d, x)
			if m.MapIndex(k).IsValid() {
				d.fail("key %q twice", k.String())
			}
			m.SetMapIndex(k, x)
		}
		v.Set(m)
	}
	return nil
}

// compileActorMap compiles the codec of an ActorMap: that of its Go map.
func compileActorMap(c *binCodec, m binMap, seen map[reflect.Type]*binCodec) error {
	mc, err := compileBin(m.goMap, seen)
	if err != nil {
		return err
	}
	c.min = mc.min
	c.enc = func(e *binEncoder, v reflect.Value) { mc.enc(e, m.toMap(v)) }
	c.dec = func(d *binDecoder, v reflect.Value) {
		x := reflect.New(m.goMap).Elem()
		mc.dec(d, x)
		v.Set(m.fromMap(x))
	}
	return nil
}

func compileStruct(c *binCodec, t reflect.Type, seen map[reflect.Type]*binCodec) error {
	type field struct {
		index int
		codec *binCodec
	}
	var fields []field
	min := 0
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			return fmt.Errorf("cannot encode %v: field %s is unexported", t, f.Name)
		}
		if f.Tag.Get("json") == "-" {
			continue
		}
		if f.Anonymous {
			return fmt.Errorf("cannot encode %v: field %s is embedded", t, f.Name)
		}
		fc, err := compileBin(f.Type, seen)
		if err != nil {
			return err
		}
		if fc, err = atSite(fc, f.Type, seen); err != nil {
			return err
		}
		fields = append(fields, field{i, fc})
		min += fc.min
	}
	if len(fields) == 0 {
		return fmt.Errorf("cannot encode %v: no fields", t)
	}
	c.min = max(min, 1)
	c.enc = func(e *binEncoder, v reflect.Value) {
		for _, f := range fields {
			f.codec.enc(e, v.Field(f.index))
		}
	}
	c.dec = func(d *binDecoder, v reflect.Value) {
		for _, f := range fields {
			if d.err != nil {
				return
			}
			f.codec.dec(d, v.Field(f.index))
		}
	}
	return nil
}

// Time zones: the zero time, UTC, or a fixed offset.
const (
	binTimeZero = iota
	binTimeUTC
	binTimeOffset
)

func encTime(e *binEncoder, v reflect.Value) {
	var t time.Time
	if v.CanAddr() {
		t = *v.Addr().Interface().(*time.Time)
	} else {
		t = v.Interface().(time.Time)
	}
	if t.IsZero() {
		e.byte(binTimeZero)
		return
	}
	if _, off := t.Zone(); off == 0 {
		e.byte(binTimeUTC)
	} else {
		e.byte(binTimeOffset)
		e.varint(int64(off))
	}
	e.varint(t.Unix())
	e.uvarint(uint64(t.Nanosecond()))
}

func decTime(d *binDecoder, v reflect.Value) {
	var t time.Time
	switch zone := d.byte(); zone {
	case binTimeZero:
		return // v is zero
	case binTimeUTC, binTimeOffset:
		off := int64(0)
		if zone == binTimeOffset {
			if off = d.varint(); off == 0 || off <= -24*3600 || off >= 24*3600 {
				d.fail("time zone offset %d", off)
				return
			}
		}
		sec, nsec := d.varint(), d.uvarint()
		if nsec >= 1e9 {
			d.fail("%d nanoseconds", nsec)
			return
		}
		t = time.Unix(sec, int64(nsec)).UTC()
		if zone == binTimeOffset {
			t = t.In(time.FixedZone("", int(off)))
		}
	default:
		d.fail("time zone kind %d", zone)
		return
	}
	*v.Addr().Interface().(*time.Time) = t // decoded values are addressable
}

// binEncoder appends a snapshot's binary encoding to buf.
type binEncoder struct {
	buf []byte
	// strs holds the literals remembered, by their index in the decoder's
	// table, which holds every literal: lits counts them all.
	strs map[string]int
	lits int
	// sites holds, for each place strings are encoded from (see
	// stringSites), how often a look-up in strs found one.
	sites []stringSite
}

// A stringSite is where strings of one kind are encoded from: a struct
// field or a slice's elements of a string type. Each is numbered from
// stringSites when its codec compiles.
type stringSite struct {
	tries, hits int
	off         bool
}

// stringSites numbers the string sites of the codecs compiled.
var stringSites atomic.Int64

// A site stops remembering its strings once internTrial of them found
// fewer than one in internMinShare remembered: unique strings (command
// IDs, request nonces) then cost a literal each, without the map look-up
// and insertion that were a third of encoding a pact of 100,000
// contributions (BenchmarkSnapshotBody/encode/binary, 4 alternating runs
// at load 4-8: 31-47 ms before, 12-31 ms after, medians 34 and 16; the
// body's size unchanged at 1.99 MB). The choice depends only on what is
// encoded, so the same state encodes to the same bytes; the decoder needs
// no change, since it numbers every literal.
const (
	internTrial    = 256
	internMinShare = 16
)

func (e *binEncoder) byte(b byte)      { e.buf = append(e.buf, b) }
func (e *binEncoder) uvarint(n uint64) { e.buf = binary.AppendUvarint(e.buf, n) }
func (e *binEncoder) varint(n int64)   { e.buf = binary.AppendVarint(e.buf, n) }
func (e *binEncoder) float(f float64)  { e.uvarint(bits.ReverseBytes64(math.Float64bits(f))) }
func (e *binEncoder) bool(b bool) {
	if b {
		e.byte(1)
	} else {
		e.byte(0)
	}
}

// string encodes s: empty, a reference to the same literal written
// before, or a new literal, remembered.
func (e *binEncoder) string(s string) { e.stringAt(-1, s) }

// stringAt is string from site (see stringSite), or from no site when
// site is negative: a site that stopped remembering writes literals.
func (e *binEncoder) stringAt(site int, s string) {
	if s == "" {
		e.uvarint(0)
		return
	}
	var st *stringSite
	if site >= 0 {
		if site >= len(e.sites) {
			e.sites = append(e.sites, make([]stringSite, site+1-len(e.sites))...)
		}
		st = &e.sites[site]
		if st.off {
			e.literal(s)
			return
		}
		st.tries++
	}
	if k, ok := e.strs[s]; ok {
		if st != nil {
			st.hits++
		}
		e.uvarint(uint64(k+1) << 1)
		return
	}
	if st != nil && st.tries >= internTrial && st.hits*internMinShare < st.tries {
		st.off = true
	}
	e.strs[s] = e.lits
	e.literal(s)
}

// literal writes s as a new literal, the decoder's next.
func (e *binEncoder) literal(s string) {
	e.lits++
	e.uvarint(uint64(len(s))<<1 | 1)
	e.buf = append(e.buf, s...)
}

// atSite returns c, the codec of t, with its encoder writing strings from
// a site of its own when t is a string type or a slice of one, and c
// otherwise: a struct field's strings, or a slice's, are alike (all IDs,
// or all names), where those of one type across fields need not be.
func atSite(c *binCodec, t reflect.Type, seen map[reflect.Type]*binCodec) (*binCodec, error) {
	switch {
	case t.Kind() == reflect.String:
		site := int(stringSites.Add(1) - 1)
		sited := *c
		sited.enc = func(e *binEncoder, v reflect.Value) { e.stringAt(site, v.String()) }
		return &sited, nil
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.String:
		sited := &binCodec{min: c.min}
		return sited, compileSlice(sited, t, seen)
	}
	return c, nil
}

// binDecoder decodes a snapshot's binary encoding. The first error stops
// it: every read after one returns a zero value.
type binDecoder struct {
	data []byte
	strs []string
	err  error
}

func (d *binDecoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf(format, args...)
	}
}

var errBinTruncated = errors.New("truncated")

func (d *binDecoder) byte() byte {
	if len(d.data) == 0 {
		d.fail("%w", errBinTruncated)
		return 0
	}
	b := d.data[0]
	d.data = d.data[1:]
	return b
}

func (d *binDecoder) bool() bool {
	switch b := d.byte(); b {
	case 0:
		return false
	case 1:
		return true
	default:
		d.fail("boolean byte %d", b)
		return false
	}
}

func (d *binDecoder) uvarint() uint64 {
	n, k := binary.Uvarint(d.data)
	if !d.skipVarint(k) {
		return 0
	}
	return n
}

func (d *binDecoder) varint() int64 {
	n, k := binary.Varint(d.data)
	if !d.skipVarint(k) {
		return 0
	}
	return n
}

// skipVarint moves past a varint of k bytes as encoding/binary reported
// it, failing the decoding when k says there was none.
func (d *binDecoder) skipVarint(k int) bool {
	if k <= 0 {
		d.fail("bad varint")
		d.data = nil
		return false
	}
	d.data = d.data[k:]
	return true
}

func (d *binDecoder) float() float64 {
	return math.Float64frombits(bits.ReverseBytes64(d.uvarint()))
}

func (d *binDecoder) string() string {
	n := d.uvarint()
	switch {
	case n == 0 || d.err != nil:
		return ""
	case n&1 == 0:
		k := n>>1 - 1
		if k >= uint64(len(d.strs)) {
			d.fail("string %d of %d", k, len(d.strs))
			return ""
		}
		return d.strs[k]
	}
	n >>= 1
	if n > uint64(len(d.data)) {
		d.fail("string of %d bytes in %d", n, len(d.data))
		return ""
	}
	s := string(d.data[:n])
	d.data = d.data[n:]
	d.strs = append(d.strs, s)
	return s
}

// count reads the number of elements of a slice, map or list, each taking
// at least min bytes, and refuses more than the bytes left can hold. With
// nilable, 0 is nil (ok false) and the count is one less.
func (d *binDecoder) count(min int, nilable bool) (n int, ok bool) {
	c := d.uvarint()
	if nilable {
		if c == 0 {
			return 0, false
		}
		c--
	}
	if d.err != nil || c > uint64(len(d.data)/min) {
		d.fail("%d elements in %d bytes", c, len(d.data))
		return 0, false
	}
	return int(c), true
}

// marshalBinary encodes d's body in the binary encoding, or fails when
// the codec does not compile.
func marshalBinary(d *diskSnapshot) ([]byte, error) {
	return encodeBin(binSnapshotCodec, d)
}

// unmarshalBinary decodes a body in the binary encoding into d, refusing
// trailing bytes.
func unmarshalBinary(data []byte, d *diskSnapshot) error {
	return decodeBin(binSnapshotCodec, data, d)
}

// encodeBin encodes v with the codec codec compiles.
func encodeBin[T any](codec func() (*binCodec, error), v *T) ([]byte, error) {
	c, err := codec()
	if err != nil {
		return nil, err
	}
	e := &binEncoder{strs: map[string]int{}}
	c.enc(e, reflect.ValueOf(v).Elem())
	return e.buf, nil
}

// decodeBin decodes data into v with the codec codec compiles, refusing
// trailing bytes; v is unchanged on failure.
func decodeBin[T any](codec func() (*binCodec, error), data []byte, v *T) error {
	c, err := codec()
	if err != nil {
		return err
	}
	dec := &binDecoder{data: data}
	var out T
	c.dec(dec, reflect.ValueOf(&out).Elem())
	if dec.err == nil && len(dec.data) > 0 {
		dec.fail("%d bytes after the snapshot", len(dec.data))
	}
	if dec.err != nil {
		return fmt.Errorf("binary snapshot: %w", dec.err)
	}
	*v = out
	return nil
}
