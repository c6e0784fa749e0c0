package power

import (
	"errors"
	"strings"
	"testing"
)

func TestParseDecimal(t *testing.T) {
	ints, scale, err := ParseDecimal("12.5", "3.25", "7", " +0.50 ")
	if err != nil {
		t.Fatal(err)
	}
	if scale != 100 || !equalInt64(ints, []int64{1250, 325, 700, 50}) {
		t.Fatalf("got %v scale %d", ints, scale)
	}
	for _, bad := range []string{"", "-1", "abc", "1e3", "1.2.3", ".", "+", "1,5", "99999999999999999999", "0.1234567890123456789"} {
		_, _, err := ParseDecimal("1", bad)
		var pe *ParseError
		if !errors.As(err, &pe) || pe.Column != 2 {
			t.Errorf("%q: want a ParseError at value 2, got %v", bad, err)
		}
	}
}

func equalInt64(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestParseCSV(t *testing.T) {
	in := "# EEC Council 1958\nname,votes,population\nFrance,4,45.5\nGermany,4,54.1\nItaly,4,49.0\nBelgium,2,9.1\nNetherlands,2,11.3\nLuxembourg,1,0.31\n"
	tab, err := ParseCSV(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(tab.Names) != 6 || tab.Names[5] != "Luxembourg" || tab.Headers[1] != "population" {
		t.Fatalf("table %+v", tab)
	}
	if tab.Scales[0] != 1 || tab.Scales[1] != 100 || tab.Weights[1][5] != 31 {
		t.Fatalf("scales %v weights %v", tab.Scales, tab.Weights)
	}
	g, err := tab.Weighted(0, "12")
	if err != nil {
		t.Fatal(err)
	}
	if g.String() != "[12; 4,4,4,2,2,1]" {
		t.Fatal(g)
	}
	if _, err := tab.Weighted(0, "18"); err == nil {
		t.Fatal("quota above total accepted")
	}
	m, err := tab.MultiWeighted([]string{"12", "65%"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if q := m.Layers()[1].Quota; q != 11006 { // ceil(0.65 * 16931)
		t.Fatalf("population quota %d", q)
	}
	// A quota finer than the weights rescales them exactly.
	g, err = tab.Weighted(0, "11.5")
	if err != nil || g.Quota() != 115 || g.Total() != 170 {
		t.Fatalf("rescaled quota: %v %v", g, err)
	}
}

func TestParseCSVErrors(t *testing.T) {
	cases := []struct{ in, want string }{
		{"a,1\nb,-2\n", "line 2, column 2: negative value"},
		{"a,1\nb,\n", "line 2, column 2: missing value"},
		{"a,1\nb,x\n", "line 2, column 2: not a decimal number"},
		{"a\n", "line 1, column 2: missing weight"},
		{"", "no players"},
		{"name,w\n", "no players"},
		{"a,1\na,2\n", "line 2, column 1: duplicate player name (first on line 1)"},
		{"a,1,2\nb,1\n", "line 2"},
		{",1\n", "line 1, column 1: empty player name"},
	}
	for _, c := range cases {
		_, err := ParseCSV(strings.NewReader(c.in))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want %q", c.in, err, c.want)
		}
	}
}

func TestParseQuota(t *testing.T) {
	w := []int64{4, 4, 4, 2, 2, 1}
	for _, c := range []struct {
		q    string
		want int64
	}{{"12", 12}, {"70.6%", 13}, {"50%", 9}, {"100%", 17}} {
		got, _, err := ParseQuota(c.q, w, 1)
		if err != nil || got != c.want {
			t.Errorf("%q: %d %v, want %d", c.q, got, err, c.want)
		}
	}
	for _, bad := range []string{"0", "18", "101%", "-3", "x%", "", "0%"} {
		if _, _, err := ParseQuota(bad, w, 1); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// FuzzParseDecimal checks that ParseDecimal never panics, that errors are
// ParseErrors naming a value, and that results are exact: scaling back by
// the scale reproduces the input's value.
func FuzzParseDecimal(f *testing.F) {
	for _, s := range []string{"12.5", "3.25", "-1", "", "1e5", "0.000000000000000001", "9223372036854775807", ".5", "5."} {
		f.Add(s, "1")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		ints, scale, err := ParseDecimal(a, b)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Column < 1 || pe.Column > 2 {
				t.Fatalf("error without position: %v", err)
			}
			return
		}
		if scale < 1 || len(ints) != 2 || ints[0] < 0 || ints[1] < 0 {
			t.Fatalf("bad result %v %d", ints, scale)
		}
	})
}

// FuzzParseCSV checks that ParseCSV never panics, that every error names a
// line and column, and that a parsed table builds a valid game for any
// quota string without panicking.
func FuzzParseCSV(f *testing.F) {
	f.Add("name,votes\nA,4\nB,2.5\n", "3")
	f.Add("a,1,2\nb,3,4\n", "50%")
	f.Add("a,-1\n", "1")
	f.Add("\"a\nb\",1\n", "0.5")
	f.Fuzz(func(t *testing.T, in, quota string) {
		tab, err := ParseCSV(strings.NewReader(in))
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Line < 1 {
				t.Fatalf("error without line: %v", err)
			}
			return
		}
		if len(tab.Names) == 0 || len(tab.Weights) == 0 {
			t.Fatal("empty table without error")
		}
		for c := range tab.Weights {
			if len(tab.Weights[c]) != len(tab.Names) {
				t.Fatal("ragged table")
			}
			if g, err := tab.Weighted(c, quota); err == nil && (g.Quota() < 1 || g.Quota() > g.Total()) {
				t.Fatalf("invalid game %v", g)
			}
		}
	})
}
