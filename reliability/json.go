package reliability

import (
	"encoding/json"

	"github.com/entente/entente/internal/number"
)

// The JSON forms of the deterrence model's figures that may be missing
// (NaN): null, through number.Ptr, so a result encodes with encoding/json
// as it is.

// MarshalJSON writes a coefficient that could not be estimated as null.
func (c Coef) MarshalJSON() ([]byte, error) {
	type plain Coef
	return json.Marshal(struct {
		plain
		Estimate *float64 `json:"coef"`
		SE       *float64 `json:"se"`
		Z        *float64 `json:"z"`
	}{plain(c), number.Ptr(c.Estimate), number.Ptr(c.SE), number.Ptr(c.Z)})
}

// MarshalJSON writes a missing log-likelihood or effect as null.
func (r DeterrenceResult) MarshalJSON() ([]byte, error) {
	type plain DeterrenceResult
	var effect map[string]*float64
	if r.Effect != nil {
		effect = make(map[string]*float64, len(r.Effect))
		for k, v := range r.Effect {
			effect[k] = number.Ptr(v)
		}
	}
	return json.Marshal(struct {
		plain
		LogLik *float64            `json:"loglik"`
		Effect map[string]*float64 `json:"effect"`
	}{plain(r), number.Ptr(r.LogLik), effect})
}
