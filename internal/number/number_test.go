package number

import (
	"encoding/json"
	"math"
	"testing"
)

func TestFloatFormats(t *testing.T) {
	for _, tc := range []struct {
		v                          float64
		json, csv, fixed2, percent string
	}{
		{0.1, "0.1", "0.1", "0.10", "10.0%"},
		{-2.5e-7, "-2.5e-07", "-2.5e-07", "-0.00", "-0.0%"},
		{12.5, "12.5", "12.5", "12.50", "1250.0%"},
		{1e21, "1e+21", "1e+21", "1000000000000000000000.00", "99999999999999991611392.0%"},
		{math.NaN(), "null", "", "-", "-"},
		{math.Inf(1), "null", "", "-", "-"},
		{math.Inf(-1), "null", "", "-", "-"},
	} {
		f := Float(tc.v)
		b, err := json.Marshal(struct {
			X Float `json:"x"`
		}{f})
		if err != nil || string(b) != `{"x":`+tc.json+`}` {
			t.Errorf("%v: JSON %s, %v; want %s", tc.v, b, err, tc.json)
		}
		if got := f.CSV(); got != tc.csv {
			t.Errorf("%v: CSV %q, want %q", tc.v, got, tc.csv)
		}
		if got := f.Fixed(2); got != tc.fixed2 {
			t.Errorf("%v: Fixed(2) %q, want %q", tc.v, got, tc.fixed2)
		}
		if got := f.Percent(1); got != tc.percent {
			t.Errorf("%v: Percent(1) %q, want %q", tc.v, got, tc.percent)
		}
		if (f.Ptr() == nil) == f.OK() {
			t.Errorf("%v: Ptr %v with OK %v", tc.v, f.Ptr(), f.OK())
		}
	}
}

func TestFloatJSONRoundTrip(t *testing.T) {
	in := []Float{0.1, 1.0 / 3, Float(math.NaN()), -0, 123456789.125}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	var out []Float
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	for i := range in {
		if in[i].OK() != out[i].OK() || in[i].OK() && in[i] != out[i] {
			t.Errorf("%d: %v came back as %v (%s)", i, in[i], out[i], b)
		}
	}
}

func TestOf(t *testing.T) {
	v := 0.25
	if got := Of(&v).Fixed(2); got != "0.25" {
		t.Errorf("Of(&0.25).Fixed(2) = %q", got)
	}
	if got := Of(nil); got.OK() || got.Fixed(2) != Missing || got.CSV() != "" {
		t.Errorf("Of(nil) = %v, want missing", got)
	}
}

// TestPtrs: a missing value is null, a number is written as encoding/json
// writes a float64 (no exponent below 1e21).
func TestPtrs(t *testing.T) {
	b, err := json.Marshal(Ptrs([]float64{3.5e11, math.NaN(), 0.25, math.Inf(-1)}))
	if err != nil || string(b) != "[350000000000,null,0.25,null]" {
		t.Errorf("got %s, %v", b, err)
	}
	if Ptrs(nil) != nil || Ptr(math.NaN()) != nil || *Ptr(2) != 2 {
		t.Error("Ptrs(nil), Ptr(NaN) or Ptr(2)")
	}
}
