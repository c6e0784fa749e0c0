package ledger

import (
	"fmt"
	"reflect"
	"testing"

	"pgregory.net/rapid"
)

// sitedRecord has strings from three sites: IDs that never repeat, names
// from a few, and labels that repeat the IDs written before them.
type sitedRecord struct {
	IDs    []string `json:"ids"`
	Names  []string `json:"names"`
	Labels []string `json:"labels"`
}

// TestSnapshotBinarySitesStopRemembering checks that a site of unique
// strings stops remembering them (no map look-ups) while one of repeated
// strings goes on referring to them, and that the bytes decode to the
// record whichever site a string was written from: an ID written as a
// plain literal and later repeated as a label is found by the decoder.
func TestSnapshotBinarySitesStopRemembering(t *testing.T) {
	const n = 4 * internTrial
	var r sitedRecord
	for i := range n {
		r.IDs = append(r.IDs, fmt.Sprintf("k%d", i))
		r.Names = append(r.Names, fmt.Sprintf("member-%d", i%5))
		r.Labels = append(r.Labels, r.IDs[i/2])
	}
	c, err := compileBin(reflect.TypeFor[sitedRecord](), map[reflect.Type]*binCodec{})
	if err != nil {
		t.Fatal(err)
	}
	e := &binEncoder{strs: map[string]int{}}
	c.enc(e, reflect.ValueOf(r))
	var off, on int
	for _, st := range e.sites {
		if st.tries == 0 {
			continue
		}
		if st.off {
			off++
		} else {
			on++
		}
	}
	if off != 1 || on != 2 {
		t.Errorf("%d sites stopped remembering and %d did not, want the IDs' alone to stop: %+v", off, on, e.sites)
	}
	if len(e.strs) >= n {
		t.Errorf("%d strings remembered of %d IDs and 5 names", len(e.strs), n)
	}
	again := &binEncoder{strs: map[string]int{}}
	c.enc(again, reflect.ValueOf(r))
	if string(again.buf) != string(e.buf) {
		t.Error("the same record encoded to different bytes")
	}
	var back sitedRecord
	d := &binDecoder{data: e.buf}
	c.dec(d, reflect.ValueOf(&back).Elem())
	if d.err != nil || len(d.data) != 0 || !reflect.DeepEqual(back, r) {
		t.Fatalf("decoded with %v, %d bytes left; equal: %v", d.err, len(d.data), reflect.DeepEqual(back, r))
	}
}

// TestSnapshotBinarySitesRoundTrip checks, over random mixes of unique
// and repeated strings long enough for sites to stop remembering, that
// what is encoded decodes to itself.
func TestSnapshotBinarySitesRoundTrip(t *testing.T) {
	c, err := compileBin(reflect.TypeFor[sitedRecord](), map[reflect.Type]*binCodec{})
	if err != nil {
		t.Fatal(err)
	}
	rapid.Check(t, func(t *rapid.T) {
		pool := rapid.IntRange(1, 2*internTrial).Draw(t, "pool")
		draw := func(label string) []string {
			n := rapid.IntRange(0, 3*internTrial).Draw(t, label+" count")
			out := make([]string, n)
			for i := range out {
				out[i] = fmt.Sprintf("s%d", rapid.IntRange(0, pool).Draw(t, label))
			}
			return out
		}
		r := sitedRecord{IDs: draw("ids"), Names: draw("names"), Labels: draw("labels")}
		e := &binEncoder{strs: map[string]int{}}
		c.enc(e, reflect.ValueOf(r))
		var back sitedRecord
		d := &binDecoder{data: e.buf}
		c.dec(d, reflect.ValueOf(&back).Elem())
		if d.err != nil || len(d.data) != 0 {
			t.Fatalf("decoded with %v, %d bytes left", d.err, len(d.data))
		}
		for i, pair := range [][2][]string{{back.IDs, r.IDs}, {back.Names, r.Names}, {back.Labels, r.Labels}} {
			if len(pair[0]) != len(pair[1]) {
				t.Fatalf("field %d: %d strings back of %d", i, len(pair[0]), len(pair[1]))
			}
			for j := range pair[0] {
				if pair[0][j] != pair[1][j] {
					t.Fatalf("field %d string %d: %q back, want %q", i, j, pair[0][j], pair[1][j])
				}
			}
		}
	})
}
