package burden_test

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/entente/entente"
	"github.com/entente/entente/burden"
)

// TestOZTestJSON: an Olson–Zeckhauser test writes its correlation and its
// values with undefined figures as null, and keeps every field (its
// embedded Correlation's MarshalJSON must not stand for the whole test).
func TestOZTestJSON(t *testing.T) {
	nan := math.NaN()
	oz := burden.OZTest{Correlation: burden.Correlation{N: 1, Rho: nan, T: nan, PT: nan, PExact: nan, P: nan, Method: burden.MethodT},
		Members: []entente.ActorID{"a"}, Size: []float64{2e12}, Burden: []float64{nan}}
	b, err := json.Marshal(oz)
	want := `{"n":1,"rho":null,"t":null,"df":0,"p_t":null,"p_exact":null,"p":null,"method":"t_approximation","members":["a"],"size":[2000000000000],"burden":[null]}`
	if err != nil || string(b) != want {
		t.Errorf("got  %s (%v)\nwant %s", b, err, want)
	}
}
