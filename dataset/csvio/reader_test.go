package csvio

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"math"
	"os"
	"strings"
	"testing"
)

// readAll parses every record with the getter named by kind on column 1 and
// returns the first error.
func readAll(t *testing.T, input string, opt Options, s Schema, get func(rd *Reader)) error {
	t.Helper()
	rd, err := NewReader(strings.NewReader(input), "f.csv", opt)
	if err != nil {
		return err
	}
	defer rd.Close()
	if err := rd.Check(s); err != nil {
		return err
	}
	for rd.Next() {
		get(rd)
		if err := rd.RowErr(); err != nil {
			return err
		}
	}
	return rd.Err()
}

func TestErrorText(t *testing.T) {
	yearOf := func(rd *Reader) { rd.Year(rd.Col("yrent")) }
	tests := []struct {
		name  string
		input string
		s     Schema
		get   func(*Reader)
		want  string
	}{
		{"bad year", "atopid,yrent\n1,1945\n2,19x5\n", Schema{}, yearOf,
			`f.csv:3: yrent: expected a year, got "19x5"`},
		{"year out of range", "atopid,yrent\n1,-9\n", Schema{}, yearOf,
			`f.csv:2: yrent: expected a year, got "-9"`},
		{"empty required year", "atopid,yrent\n1,\n", Schema{}, yearOf,
			`f.csv:2: yrent: expected a year, got ""`},
		{"bad int", "a,b\nx,1\n", Schema{}, func(rd *Reader) { rd.Int(0) },
			`f.csv:2: a: expected an integer, got "x"`},
		{"bad float", "a,b\n1,2.5.1\n", Schema{}, func(rd *Reader) { rd.Float(1) },
			`f.csv:2: b: expected a number, got "2.5.1"`},
		{"bad flag", "a,b\n1,2\n", Schema{}, func(rd *Reader) { rd.Flag(1) },
			`f.csv:2: b: expected 0 or 1, got "2"`},
		{"bad month", "y,m,d\n1990,13,1\n", Schema{}, func(rd *Reader) { rd.Date(0, 1, 2) },
			`f.csv:2: m: expected a month (1-12), got "13"`},
		{"bad day", "y,m,d\n1990,1,32\n", Schema{}, func(rd *Reader) { rd.Date(0, 1, 2) },
			`f.csv:2: d: expected a day of the month (1-31), got "32"`},
		{"bad iso date", "d\n1990-02\n", Schema{}, func(rd *Reader) { rd.ISODate(0) },
			`f.csv:2: d: expected a date YYYY-MM-DD, got "1990-02"`},
		{"bad mdy date", "d\n13/1/1990\n", Schema{}, func(rd *Reader) { rd.MDYDate(0) },
			`f.csv:2: d: expected a date M/D/YYYY, got "13/1/1990"`},
		{"code range", "c\n7\n", Schema{}, func(rd *Reader) { rd.Code(0, 0, 3) },
			`f.csv:2: c: expected a code from 0 to 3, got "7"`},
		{"short record", "a,b,c\n1,2,3\n1,2\n", Schema{}, func(*Reader) {},
			`f.csv:3: record: expected 3 fields as in the header, got 2`},
		{"bad quoting", "a,b\n1,\"x\"y\n", Schema{}, func(*Reader) {},
			`f.csv:2: record: expected well-formed CSV: extraneous or missing " in quoted-field`},
		{"missing columns", "atopid,member\n", Schema{Dataset: "the ATOP member file", Required: []string{"atopid", "yrent", "moent"}}, nil,
			`f.csv:1: header: expected the ATOP member file, but the header lacks columns "yrent", "moent"`},
		{"forbidden column", "atopid,atopidphase\n", Schema{Dataset: "the ATOP alliance file", Required: []string{"atopid"}, Forbidden: []string{"atopidphase"}}, nil,
			`f.csv:1: header: expected the ATOP alliance file, but the header has column "atopidphase", which belongs to another file or version`},
		{"version value", "a,version\n1,2011\n1,2021\n", Schema{Dataset: "NMC 5.0", VersionColumn: "version", VersionValue: "2011"}, func(*Reader) {},
			`f.csv:3: version: expected "2011" (NMC 5.0), got "2021"`},
		{"empty file", "", Schema{}, nil,
			`f.csv:1: header: expected a header line, got an empty file`},
		{"multi-line record keeps its start line", "a,b\n1,\"two\nlines\"\nx,1\n", Schema{}, func(rd *Reader) { rd.Int(0) },
			`f.csv:4: a: expected an integer, got "x"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := readAll(t, tt.input, Options{}, tt.s, tt.get)
			if err == nil || err.Error() != tt.want {
				t.Fatalf("error = %v\nwant    %s", err, tt.want)
			}
			var fe *FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("error %T is not a *FieldError", err)
			}
		})
	}
}

func TestFirstRowErrorWins(t *testing.T) {
	err := readAll(t, "a,b\nx,y\n", Options{}, Schema{}, func(rd *Reader) { rd.Int(0); rd.Int(1) })
	if want := `f.csv:2: a: expected an integer, got "x"`; err == nil || err.Error() != want {
		t.Fatalf("got %v, want %s", err, want)
	}
}

func TestMissingCodes(t *testing.T) {
	rd, err := NewReader(strings.NewReader("v,f,m,y\n-9,NA,,0\n"), "f.csv", Options{Missing: []string{"", "NA", "-9"}})
	if err != nil {
		t.Fatal(err)
	}
	if !rd.Next() {
		t.Fatal(rd.Err())
	}
	if v := rd.Float(0); !math.IsNaN(v) {
		t.Errorf("Float(-9) = %v, want NaN", v)
	}
	if f := rd.Flag(1); f != FlagMissing {
		t.Errorf("Flag(NA) = %v, want missing", f)
	}
	if _, ok := rd.OptInt(2); ok {
		t.Error("OptInt(\"\") reported a value")
	}
	if c := rd.Code(2, 0, 5); c != -1 {
		t.Errorf("Code(\"\") = %d, want -1", c)
	}
	if d := rd.OptDate(3, 2, 2); !d.IsZero() {
		t.Errorf("OptDate with year 0 = %v, want zero", d)
	}
	if err := rd.RowErr(); err != nil {
		t.Fatal(err)
	}
}

func TestGzipDetected(t *testing.T) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	io.WriteString(zw, "a,b\n1,2\n3,4\n")
	zw.Close()
	rd, err := NewReader(&buf, "f.csv.gz", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	sum := 0
	for rd.Next() {
		sum += rd.Int(0) + rd.Int(1)
	}
	if rd.Err() != nil || sum != 10 {
		t.Fatalf("sum = %d, err = %v", sum, rd.Err())
	}
}

func TestRawTabs(t *testing.T) {
	// A backslash-escaped quote that RFC 4180 parsing would choke on.
	in := "session\trcid\tdescr\r\n1\t3\t\"TO ADOPT \\\"X\\\\\"\r\n2\t4\t\"plain\"\r\n"
	rd, err := NewReader(strings.NewReader(in), "d.tab", Options{Comma: '\t', Raw: true})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for rd.Next() {
		got = append(got, rd.Str(2))
	}
	if rd.Err() != nil {
		t.Fatal(rd.Err())
	}
	want := []string{`TO ADOPT \"X\\`, "plain"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestWindows1252(t *testing.T) {
	in := "name\nC\xf4te d\x92Ivoire\n"
	rd, err := NewReader(strings.NewReader(in), "f.csv", Options{Windows1252: true})
	if err != nil {
		t.Fatal(err)
	}
	rd.Next()
	if got, want := rd.Str(0), "Côte d’Ivoire"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestDateString(t *testing.T) {
	for _, tt := range []struct {
		d    Date
		want string
	}{
		{Date{1949, 4, 4}, "1949-04-04"},
		{Date{1815, 1, 0}, "1815-01-??"},
		{Date{}, "none"},
	} {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.d, got, tt.want)
		}
	}
	if !(Date{1949, 4, 4}).Before(Date{1949, 4, 5}) || (Date{1950, 1, 0}).Before(Date{1949, 12, 31}) {
		t.Error("Before ordering wrong")
	}
}

func TestNumbered(t *testing.T) {
	rd, err := NewReader(strings.NewReader("atopid,mem1,mem2,mem3,mem5\n"), "f.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := rd.Numbered("mem"); len(got) != 3 || got[0] != 1 || got[2] != 3 {
		t.Fatalf("Numbered = %v", got)
	}
}

// FuzzReader feeds arbitrary bytes through every getter: malformed input
// must produce errors, never panics.
func FuzzReader(f *testing.F) {
	f.Add([]byte("a,b,c\n1,2.5,1990-01-02\n"), false)
	f.Add([]byte("a\tb\n\"x\t1\n"), true)
	f.Add([]byte("\x1f\x8b\x08garbage"), false)
	f.Add([]byte("a,b\n\"unterminated\n"), false)
	f.Fuzz(func(t *testing.T, data []byte, raw bool) {
		opt := Options{Raw: raw, Missing: []string{"", "NA", "-9"}, Windows1252: raw}
		if raw {
			opt.Comma = '\t'
		}
		rd, err := NewReader(bytes.NewReader(data), "fuzz.csv", opt)
		if err != nil {
			return
		}
		defer rd.Close()
		rd.Check(Schema{Dataset: "x", VersionColumn: rd.Header()[0], VersionValue: "1"})
		for rd.Next() {
			for c := range rd.Header() {
				rd.Int(c)
				rd.Float(c)
				rd.Flag(c)
				rd.Code(c, 0, 9)
				rd.OptDate(c, c, c)
				rd.ISODate(c)
				rd.MDYDate(c)
				rd.Str(c)
			}
			_ = rd.RowErr()
		}
	})
}

func TestWindows1252ByteRoundTrip(t *testing.T) {
	for b := 0; b < 256; b++ {
		dec := NewWindows1252Reader(strings.NewReader(string([]byte{byte(b)})))
		out, _ := io.ReadAll(dec)
		r := []rune(string(out))[0]
		if r == '\ufffd' {
			continue // undefined in Windows-1252
		}
		if got, ok := Windows1252Byte(r); !ok || got != byte(b) {
			t.Errorf("byte %#x -> %U -> %#x, %v", b, r, got, ok)
		}
	}
	if _, ok := Windows1252Byte('Ж'); ok {
		t.Error("Cyrillic rune encoded")
	}
}

func TestYearColumns(t *testing.T) {
	rd, err := NewReader(strings.NewReader(`"Country","1960","1961","x1962","01963",""`+"\n"), "wb.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	cols, years := rd.YearColumns()
	if len(cols) != 2 || cols[0] != 1 || years[1] != 1961 {
		t.Errorf("YearColumns = %v, %v", cols, years)
	}
}

func TestOpenAndCollect(t *testing.T) {
	dir := t.TempDir()
	p := dir + "/x.csv"
	if err := os.WriteFile(p, []byte("a\n1\n2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rd, err := Open(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rd.Name() != "x.csv" || !rd.Next() || rd.Int(0) != 1 {
		t.Errorf("Open: name %q", rd.Name())
	}
	if err := rd.Close(); err != nil {
		t.Fatal(err)
	}
	read := func(r io.Reader, name string, fn func(int) error) error {
		rd, err := NewReader(r, name, Options{})
		if err != nil {
			return err
		}
		return Each(rd, func(rd *Reader) int { return rd.Int(0) }, fn)
	}
	got, err := Collect(p, read)
	if err != nil || len(got) != 2 || got[1] != 2 {
		t.Errorf("Collect = %v, %v", got, err)
	}
	if _, err := Collect(dir+"/missing.csv", read); err == nil {
		t.Error("Collect of a missing file succeeded")
	}
}
