package table

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// writeBoth writes rows (each filled by its function, which may mark a
// repeating run) through one CSVWriter, and the same rows without the
// marks through AppendCSV: the two texts must be equal, whatever the
// cache did.
func writeBoth(t interface{ Fatal(...any) }, fills []func(r *Row)) (got, want string) {
	var b bytes.Buffer
	w := NewCSVWriter(&b, nil)
	b.Reset()
	w.buf = w.buf[:0] // no header
	var r Row
	var ref []byte
	for _, fill := range fills {
		r.Reset()
		fill(&r)
		if err := w.WriteRow(&r); err != nil {
			t.Fatal(err)
		}
		r.run = 0
		ref = append(AppendCSV(ref, &r, false), '\n')
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return b.String(), string(ref)
}

// TestRepeatingRuns: rows whose runs recur (first cell or after others,
// with integers, numbers, NaN, zero and negative zero, missing values),
// runs the cache cannot keep (a text, a group, more than MaxRun cells, too
// long a text) and rows without a run are written as without the mark.
func TestRepeatingRuns(t *testing.T) {
	var g Group
	g.Float(0.5)
	long := make([]float64, MaxRun)
	for i := range long {
		long[i] = -1.2345678901234567e-7 // 23 characters each: too long to keep
	}
	cases := []struct {
		name string
		fill func(r *Row)
	}{
		{"after", func(r *Row) { r.Int(1990); r.Repeating(); r.Float(1.0 / 3); r.Int(4); r.Null(Float) }},
		{"first", func(r *Row) { r.Repeating(); r.Float(1.0 / 3); r.Int(4); r.Null(Float) }},
		{"zero", func(r *Row) { r.Int(1); r.Repeating(); r.Float(0) }},
		{"negative zero", func(r *Row) { r.Int(1); r.Repeating(); r.Float(math.Copysign(0, -1)) }},
		{"nan", func(r *Row) { r.Int(1); r.Repeating(); r.Float(math.NaN()); r.Float(2) }},
		{"null int", func(r *Row) { r.Int(1); r.Repeating(); r.Null(Int); r.Float(2) }},
		{"int zero", func(r *Row) { r.Int(1); r.Repeating(); r.Int(0); r.Float(2) }},
		{"float like int", func(r *Row) { r.Int(1); r.Repeating(); r.Float(math.Float64frombits(4)); r.Float(2) }},
		{"int like float", func(r *Row) { r.Int(1); r.Repeating(); r.Int(4); r.Float(2) }},
		{"text", func(r *Row) { r.Int(1); r.Repeating(); r.Float(2); r.Text([]byte("a,b")) }},
		{"group", func(r *Row) { r.Int(1); r.Repeating(); r.Group(&g); r.Float(2) }},
		{"too many", func(r *Row) {
			r.Int(1)
			r.Repeating()
			for i := range MaxRun + 1 {
				r.Float(float64(i) / 7)
			}
		}},
		{"too long", func(r *Row) {
			r.Repeating()
			for _, v := range long {
				r.Float(v)
			}
		}},
		{"empty run", func(r *Row) { r.Int(1); r.Repeating() }},
		{"no run", func(r *Row) { r.Int(1); r.Float(2) }},
	}
	var fills []func(r *Row)
	for range 3 {
		for _, c := range cases {
			fills = append(fills, c.fill)
		}
	}
	got, want := writeBoth(t, fills)
	if got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	for i, c := range cases {
		line := strings.Split(got, "\n")[i]
		if again := strings.Split(got, "\n")[i+len(cases)]; again != line {
			t.Errorf("%s: %q, then %q", c.name, line, again)
		}
	}
}

// TestRepeatingCollisions: runs that fall in the same slot of the cache
// evict each other and are never taken one for the other.
func TestRepeatingCollisions(t *testing.T) {
	var vals [MaxRun]uint64
	slot := func(v float64) uint64 {
		_, h, _ := runKey([]Cell{{Kind: Float, Float: v}}, &vals)
		return h >> (64 - runSlotBits)
	}
	a, b := 0.1, 0.0
	for i := 1; ; i++ {
		b = float64(i) / 1000
		if b != a && slot(b) == slot(a) {
			break
		}
	}
	var fills []func(r *Row)
	for _, v := range []float64{a, b, a, a, b, b, a} {
		fills = append(fills, func(r *Row) { r.Int(7); r.Repeating(); r.Float(v) })
	}
	if got, want := writeBoth(t, fills); got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
}

// TestRepeatingBypass: a long stretch of runs that never recur turns the
// cache off for a while; the text is right throughout, and the cache is
// used again once runs recur.
func TestRepeatingBypass(t *testing.T) {
	var fills []func(r *Row)
	n := runProbe + runSkip + 3*runProbe
	for k := range n {
		v := float64(k) / 3
		if k > runProbe+runSkip {
			v = float64(k%5) / 3
		}
		fills = append(fills, func(r *Row) { r.Int(int64(k)); r.Repeating(); r.Float(v); r.Int(2) })
	}
	var b bytes.Buffer
	w := NewCSVWriter(&b, nil)
	got, want := writeBoth(t, fills)
	if got != want {
		t.Fatal("bypassed runs differ from the cells written one by one")
	}
	// The same rows again, watching the cache.
	var r Row
	skipped := false
	for _, fill := range fills {
		r.Reset()
		fill(&r)
		if err := w.WriteRow(&r); err != nil {
			t.Fatal(err)
		}
		skipped = skipped || w.runs.skip > 0
	}
	if !skipped || w.runs.skip != 0 || w.runs.hits == 0 {
		t.Fatalf("skipped %v; at the end skip %d, hits %d", skipped, w.runs.skip, w.runs.hits)
	}
}

// TestRepeatingRapid: random rows of integers, numbers (from a small set,
// so that runs recur, and arbitrary bits), missing values and texts, with
// a run marked anywhere, are written as without the mark.
func TestRepeatingRapid(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		pool := rapid.SliceOfN(rapid.Float64(), 1, 4).Draw(t, "pool")
		nrows := rapid.IntRange(1, 60).Draw(t, "rows")
		var fills []func(r *Row)
		for i := range nrows {
			ncells := rapid.IntRange(0, MaxRun+2).Draw(t, "cells")
			at := rapid.IntRange(-1, ncells).Draw(t, "run") // -1: no run
			var cells []Cell
			for range ncells {
				switch rapid.IntRange(0, 5).Draw(t, "kind") {
				case 0:
					cells = append(cells, Cell{Kind: Int, Int: rapid.Int64Range(-3, 3).Draw(t, "int")})
				case 1:
					cells = append(cells, Cell{Kind: Float, Null: true})
				case 2:
					cells = append(cells, Cell{Kind: Float, Float: math.Float64frombits(rapid.Uint64().Draw(t, "bits"))})
				case 3:
					cells = append(cells, Cell{Kind: Text, Text: []byte(rapid.SampledFrom([]string{"x", "a,b", ""}).Draw(t, "text"))})
				default:
					cells = append(cells, Cell{Kind: Float, Float: rapid.SampledFrom(pool).Draw(t, "float"), Once: i%2 == 0})
				}
			}
			fills = append(fills, func(r *Row) {
				for j, c := range cells {
					if j == at {
						r.Repeating()
					}
					*r.next() = c
				}
				if at == len(cells) {
					r.Repeating()
				}
			})
		}
		if got, want := writeBoth(t, fills); got != want {
			t.Fatalf("got\n%s\nwant\n%s", got, want)
		}
	})
}
