package number

import (
	"encoding/json"
	"math"
	"testing"

	"pgregory.net/rapid"
)

// TestFigureIsFloat64JSON: a finite Figure encodes byte for byte as
// encoding/json encodes the float64, on values of every magnitude and
// around the two thresholds of the exponent form.
func TestFigureIsFloat64JSON(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		v := rapid.OneOf(
			rapid.Float64(),
			rapid.Float64Range(-1e-5, 1e-5),
			rapid.SampledFrom([]float64{0, math.Copysign(0, -1), 1e-6, math.Nextafter(1e-6, 0), 1e21,
				math.Nextafter(1e21, 0), -1e21, 1e-7, 123456789, 5e-324, math.MaxFloat64, -1.5e-300}),
		).Draw(t, "v")
		if !Figure(v).OK() {
			return
		}
		want, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		got, err := json.Marshal(Figure(v))
		if err != nil || string(got) != string(want) {
			t.Fatalf("%v: %s, %v; encoding/json writes %s", v, got, err, want)
		}
		var back Figure
		if err := json.Unmarshal(got, &back); err != nil || float64(back) != v {
			t.Fatalf("%s read back as %v, %v", got, back, err)
		}
	})
}

func TestFigureMissingIsNull(t *testing.T) {
	in := struct {
		A Figure            `json:"a"`
		B []Figure          `json:"b"`
		C map[string]Figure `json:"c"`
	}{Figure(math.NaN()), []Figure{Figure(math.Inf(1)), 2}, Figures(map[string]float64{"x": math.Inf(-1)})}
	b, err := json.Marshal(in)
	if want := `{"a":null,"b":[null,2],"c":{"x":null}}`; err != nil || string(b) != want {
		t.Errorf("%s, %v; want %s", b, err, want)
	}
	var out struct {
		A Figure `json:"a"`
	}
	if err := json.Unmarshal(b, &out); err != nil || !math.IsNaN(float64(out.A)) {
		t.Errorf("null read back as %v, %v; want NaN", out.A, err)
	}
	if Figures[string](nil) != nil {
		t.Error("Figures(nil) is not nil")
	}
}
