package table

import (
	"bytes"
	"encoding/csv"
	"math"
	"strconv"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

func TestCSVWriter(t *testing.T) {
	cols := []Column{{"year", Int}, {"name", Text}, {"share", Float}, {"a", Float}, {"b", Int}, {"gone", Int}}
	var caps Group
	caps.Float(0.25)
	caps.Int(3)
	var empty Group
	var b bytes.Buffer
	w := NewCSVWriter(&b, cols)
	var r Row
	for _, fill := range []func(){
		func() {
			r.Int(1816)
			r.Text([]byte("plain"))
			r.Float(0.0396)
			r.Float(1.5)
			r.Int(-7)
			r.Null(Int)
		},
		func() {
			r.Int(1817)
			r.Text([]byte(`Kingdom, "United"`))
			r.Float(math.NaN())
			r.Float(math.Inf(-1))
			r.Int(0)
			r.Null(Int)
		},
		func() {
			r.Group(&empty)
			r.Int(1818)
			r.Text(nil)
			r.Float(1e-05)
			r.Group(&caps)
			r.Flag(true)
		},
		func() { r.Group(&caps); r.Int(5); r.Float(2); r.Int(6); r.Flag(false) }, // a group first: no leading comma
	} {
		r.Reset()
		fill()
		if err := w.WriteRow(&r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	want := "year,name,share,a,b,gone\n" +
		"1816,plain,0.0396,1.5,-7,\n" +
		"1817,\"Kingdom, \"\"United\"\"\",,-Inf,0,\n" +
		"1818,,0.00001,0.25,3,1\n" +
		"0.25,3,5,2,6,0\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	// The same text as AppendCSV, with and without a comma before each
	// field.
	if got := string(AppendCSV(nil, &r, false)); got != "0.25,3,5,2,6,0" {
		t.Errorf("AppendCSV = %q", got)
	}
	if got := string(AppendCSV(nil, &r, true)); got != ",0.25,3,5,2,6,0" {
		t.Errorf("AppendCSV with lead = %q", got)
	}
}

// TestCSVWriterLines: lines appended by hand to the buffer of Line, among
// rows, come out in order, and the writer flushes as it fills (a line of
// about 100 bytes, 2,000 times: two flushes of 63 KiB at least).
func TestCSVWriterLines(t *testing.T) {
	var b bytes.Buffer
	w := NewCSVWriter(&b, []Column{{"a", Int}, {"b", Float}})
	var want strings.Builder
	want.WriteString("a,b\n")
	var r Row
	long := strings.Repeat("7", 95)
	for i := range 2000 {
		if i%3 == 0 {
			r.Reset()
			r.Int(int64(i))
			r.Float(0.5)
			if err := w.WriteRow(&r); err != nil {
				t.Fatal(err)
			}
			want.WriteString(strconv.Itoa(i) + ",0.5\n")
			continue
		}
		buf, nf := w.Line()
		if nf == nil {
			t.Fatal("Line: no numfmt.Writer")
		}
		buf = strconv.AppendInt(buf, int64(i), 10)
		buf = append(buf, ',')
		buf = nf.Append(buf, 0.25)
		buf = append(append(buf, long...), '\n')
		if err := w.EndLine(buf); err != nil {
			t.Fatal(err)
		}
		want.WriteString(strconv.Itoa(i) + ",0.25" + long + "\n")
	}
	if b.Len() < 2*(1<<16-1024) {
		t.Errorf("%d bytes flushed before Flush", b.Len())
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if b.String() != want.String() {
		t.Errorf("%d bytes written, want %d (identical %v)", b.Len(), want.Len(), b.String() == want.String())
	}
}

func TestCheck(t *testing.T) {
	cols := []Column{{"year", Int}, {"share", Float}, {"name", Text}}
	for _, tc := range []struct {
		fill func(r *Row)
		want string
	}{
		{func(r *Row) { r.Int(1); r.Int(2); r.Text(nil) }, ""}, // an integer fits a number column
		{func(r *Row) { r.Null(Int); r.Float(math.NaN()); r.Null(Text) }, ""},
		{func(r *Row) { r.Float(1.5); r.Float(2); r.Text(nil) }, "column year of kind integer holds a value of kind number"},
		{func(r *Row) { r.Int(1); r.Text([]byte("x")); r.Text(nil) }, "column share of kind number holds a value of kind text"},
		{func(r *Row) { r.Int(1); r.Float(2) }, "a row of 2 values, 3 columns"},
	} {
		var r Row
		tc.fill(&r)
		err := Check(&r, cols)
		if got := ""; err != nil {
			got = err.Error()
			if got != tc.want {
				t.Errorf("Check: %q, want %q", got, tc.want)
			}
		} else if tc.want != "" {
			t.Errorf("Check passed, want %q", tc.want)
		}
	}
}

// typedSink takes typed rows itself, or declines them (CSV text then).
type typedSink struct {
	bytes.Buffer
	take bool
	rows int
}

func (s *typedSink) TypedRows(cols []Column) (RowWriter, error) {
	if !s.take {
		return nil, nil
	}
	return s, nil
}
func (s *typedSink) WriteRow(r *Row) error { s.rows++; return nil }
func (s *typedSink) Flush() error          { return nil }

func TestNewRowWriter(t *testing.T) {
	cols := []Column{{"a", Int}}
	var r Row
	r.Int(1)
	for _, take := range []bool{true, false} {
		s := &typedSink{take: take}
		w, err := NewRowWriter(s, cols)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.WriteRow(&r); err != nil {
			t.Fatal(err)
		}
		w.Flush()
		if take && (s.rows != 1 || s.Len() != 0) || !take && (s.rows != 0 || s.String() != "a\n1\n") {
			t.Errorf("take %v: %d typed rows, text %q", take, s.rows, s.String())
		}
	}
}

// TestCSVRoundTrip: any row, groups and all, renders as CSV that
// encoding/csv reads back as one record per row, each field the cell's
// value (integers exactly, numbers to the same float64, NaN and nulls
// empty, texts as given).
func TestCSVRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(2, 8).Draw(t, "columns") // one empty field would be a blank line
		var r Row
		var want []string
		add := func(into *Row) {
			switch rapid.IntRange(0, 3).Draw(t, "kind") {
			case 0:
				v := rapid.Int64().Draw(t, "int")
				into.Int(v)
				want = append(want, strconv.FormatInt(v, 10))
			case 1:
				v := rapid.Float64().Draw(t, "float")
				into.Float(v)
				s := ""
				if !math.IsNaN(v) {
					s = strconv.FormatFloat(v, 'g', -1, 64)
				}
				want = append(want, s)
			case 2:
				v := rapid.StringMatching(`[a-z ,"\n]{0,6}`).Draw(t, "text")
				into.Text([]byte(v))
				want = append(want, v)
			default:
				into.Null(Int)
				want = append(want, "")
			}
		}
		for range n {
			if rapid.Bool().Draw(t, "group") {
				g := &Group{}
				add(&g.Row)
				r.Group(g)
				continue
			}
			add(&r)
		}
		line := string(AppendCSV(nil, &r, false)) + "\n"
		rec, err := csv.NewReader(strings.NewReader(line)).Read()
		if err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		if len(rec) != len(want) {
			t.Fatalf("%q: %d fields, want %d", line, len(rec), len(want))
		}
		for i := range rec {
			if rec[i] == want[i] {
				continue
			}
			a, err1 := strconv.ParseFloat(rec[i], 64)
			b, err2 := strconv.ParseFloat(want[i], 64)
			if err1 != nil || err2 != nil || a != b {
				t.Fatalf("%q: field %d is %q, want %q", line, i, rec[i], want[i])
			}
		}
	})
}
