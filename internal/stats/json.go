package stats

import (
	"encoding/json"

	"github.com/entente/entente/internal/number"
)

// MarshalJSON writes a missing bound (NaN) as null.
func (iv Interval) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Lo *float64 `json:"lo"`
		Hi *float64 `json:"hi"`
	}{number.Ptr(iv.Lo), number.Ptr(iv.Hi)})
}
