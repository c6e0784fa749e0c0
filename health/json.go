package health

import (
	"encoding/json"

	"github.com/entente/entente/internal/number"
)

// The JSON forms of the figures that may be missing (NaN): null, through
// number.Float, so a report encodes with encoding/json as it is.

// MarshalJSON writes a missing value as null.
func (c Component) MarshalJSON() ([]byte, error) {
	type plain Component
	return json.Marshal(struct {
		plain
		Value number.Float `json:"value"`
	}{plain(c), number.Float(c.Value)})
}

// MarshalJSON writes a missing score as null.
func (r Report) MarshalJSON() ([]byte, error) {
	type plain Report
	return json.Marshal(struct {
		plain
		Score number.Float `json:"score"`
	}{plain(r), number.Float(r.Score)})
}

// MarshalJSON writes a missing cohesion as null.
func (c VoteCohesion) MarshalJSON() ([]byte, error) {
	type plain VoteCohesion
	return json.Marshal(struct {
		plain
		Value number.Float `json:"value"`
	}{plain(c), number.Float(c.Value)})
}
