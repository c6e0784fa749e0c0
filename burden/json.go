package burden

import (
	"encoding/json"

	"github.com/entente/entente"
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

// correlationJSON is a Correlation's JSON form, missing figures null.
type correlationJSON struct {
	N      int      `json:"n"`
	Rho    *float64 `json:"rho"`
	T      *float64 `json:"t"`
	DF     int      `json:"df"`
	PT     *float64 `json:"p_t"`
	PExact *float64 `json:"p_exact"`
	P      *float64 `json:"p"`
	Method Method   `json:"method"`
}

func (c Correlation) jsonForm() correlationJSON {
	p := number.Ptr
	return correlationJSON{N: c.N, Rho: p(c.Rho), T: p(c.T), DF: c.DF, PT: p(c.PT), PExact: p(c.PExact), P: p(c.P), Method: c.Method}
}

// MarshalJSON writes a figure that is not defined (NaN) as null.
func (c Correlation) MarshalJSON() ([]byte, error) { return json.Marshal(c.jsonForm()) }

// MarshalJSON writes the test's undefined figures and values as null. It
// lists its fields: the embedded Correlation's MarshalJSON would otherwise
// stand for the whole test.
func (t OZTest) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		correlationJSON
		Members []entente.ActorID `json:"members"`
		Size    []*float64        `json:"size"`
		Burden  []*float64        `json:"burden"`
		Dropped []entente.ActorID `json:"dropped,omitempty"`
	}{t.jsonForm(), t.Members, number.Ptrs(t.Size), number.Ptrs(t.Burden), t.Dropped})
}
