package jsonsafe_test

import (
	"encoding/json"
	"math"
	"testing"
	"time"

	"github.com/entente/entente/internal/jsonsafe"
)

type inner struct {
	X float64 `json:"x"`
}

type sample struct {
	inner
	A       float64            `json:"a"`
	B       float64            `json:"b,omitempty"`
	Skip    string             `json:"-"`
	M       map[string]float64 `json:"m"`
	S       []float64          `json:"s"`
	P       *float64           `json:"p"`
	T       time.Time          `json:"t"`
	private int
}

func TestValue(t *testing.T) {
	nan := math.NaN()
	v := sample{inner: inner{X: math.Inf(1)}, A: nan, Skip: "hidden", M: map[string]float64{"k": nan, "j": 2},
		S: []float64{1, nan}, P: &nan, T: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), private: 1}
	if _, err := json.Marshal(v); err == nil {
		t.Fatal("encoding/json wrote NaN: the test no longer shows the need")
	}
	b, err := json.Marshal(jsonsafe.Value(v))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"a":null,"m":{"j":2,"k":null},"p":null,"s":[1,null],"t":"2026-01-02T03:04:05Z","x":null}`
	if string(b) != want {
		t.Fatalf("got  %s\nwant %s", b, want)
	}
}
