package burden

import (
	"encoding/json"

	"github.com/entente/entente/internal/number"
)

// The JSON forms of the figures that may be missing (NaN): null, through
// number.Float, so a result encodes with encoding/json as it is.

// MarshalJSON writes missing figures as null.
func (m Member) MarshalJSON() ([]byte, error) {
	type plain Member
	return json.Marshal(struct {
		plain
		Delivered       number.Float `json:"delivered"`
		Share           number.Float `json:"share"`
		Capability      number.Float `json:"capability"`
		CapabilityShare number.Float `json:"capability_share"`
		ComparedShare   number.Float `json:"compared_share"`
		Exploitation    number.Float `json:"exploitation"`
		BenefitShare    number.Float `json:"benefit_share"`
		BenefitBalance  number.Float `json:"benefit_balance"`
	}{plain(m), number.Float(m.Delivered), number.Float(m.Share), number.Float(m.Capability), number.Float(m.CapabilityShare),
		number.Float(m.ComparedShare), number.Float(m.Exploitation), number.Float(m.BenefitShare), number.Float(m.BenefitBalance)})
}

// MarshalJSON writes a missing total as null.
func (r Result) MarshalJSON() ([]byte, error) {
	type plain Result
	return json.Marshal(struct {
		plain
		Total number.Float `json:"total"`
	}{plain(r), number.Float(r.Total)})
}

// MarshalJSON writes missing shares as null.
func (f PeriodFigure) MarshalJSON() ([]byte, error) {
	type plain PeriodFigure
	return json.Marshal(struct {
		plain
		Share           number.Float `json:"share"`
		CapabilityShare number.Float `json:"capability_share"`
	}{plain(f), number.Float(f.Share), number.Float(f.CapabilityShare)})
}

// MarshalJSON writes a missing total as null.
func (s Split) MarshalJSON() ([]byte, error) {
	type plain Split
	return json.Marshal(struct {
		plain
		Total number.Float `json:"total"`
	}{plain(s), number.Float(s.Total)})
}

// MarshalJSON writes missing figures as null.
func (o Owed) MarshalJSON() ([]byte, error) {
	type plain Owed
	return json.Marshal(struct {
		plain
		Share     number.Float `json:"share"`
		Owed      number.Float `json:"owed"`
		Delivered number.Float `json:"delivered"`
		Gap       number.Float `json:"gap"`
	}{plain(o), number.Float(o.Share), number.Float(o.Owed), number.Float(o.Delivered), number.Float(o.Gap)})
}
