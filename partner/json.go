package partner

import (
	"encoding/json"

	"github.com/entente/entente/internal/number"
)

// The JSON forms of the validation's figures that may be missing (NaN):
// null, through number.Ptr, so a validation encodes with encoding/json as
// it is. A shadowing field has the tag of the field it replaces.

// MarshalJSON writes a figure that could not be computed as null.
func (f Feature) MarshalJSON() ([]byte, error) {
	type plain Feature
	return json.Marshal(struct {
		plain
		Coef *float64 `json:"coef"`
		Mean *float64 `json:"mean"`
		SD   *float64 `json:"sd"`
	}{plain(f), number.Ptr(f.Coef), number.Ptr(f.Mean), number.Ptr(f.SD)})
}

// MarshalJSON writes a figure that could not be computed as null.
func (r MethodResult) MarshalJSON() ([]byte, error) {
	type plain MethodResult
	p := number.Ptr
	return json.Marshal(struct {
		plain
		AUC                     *float64 `json:"auc"`
		AUCLow                  *float64 `json:"auc_low"`
		AUCHigh                 *float64 `json:"auc_high"`
		Precision               *float64 `json:"precision"`
		PrecisionLow            *float64 `json:"precision_low"`
		PrecisionHigh           *float64 `json:"precision_high"`
		TrainAUC                *float64 `json:"train_auc"`
		AUCTreatyLow            *float64 `json:"auc_treaty_low"`
		AUCTreatyHigh           *float64 `json:"auc_treaty_high"`
		PrecisionTreatyLow      *float64 `json:"precision_treaty_low"`
		PrecisionTreatyHigh     *float64 `json:"precision_treaty_high"`
		AUCNaiveLow             *float64 `json:"auc_naive_low"`
		AUCNaiveHigh            *float64 `json:"auc_naive_high"`
		AUCLargestOnce          *float64 `json:"auc_largest_once"`
		AUCLargestOnceLow       *float64 `json:"auc_largest_once_low"`
		AUCLargestOnceHigh      *float64 `json:"auc_largest_once_high"`
		PrecisionLargestOnce    *float64 `json:"precision_largest_once"`
		AUCEachTreatyOnce       *float64 `json:"auc_each_treaty_once"`
		PrecisionEachTreatyOnce *float64 `json:"precision_each_treaty_once"`
	}{plain(r), p(r.AUC), p(r.AUCLow), p(r.AUCHigh), p(r.Precision), p(r.PrecisionLow), p(r.PrecisionHigh), p(r.TrainAUC),
		p(r.AUCTreatyLow), p(r.AUCTreatyHigh), p(r.PrecisionTreatyLow), p(r.PrecisionTreatyHigh), p(r.AUCNaiveLow), p(r.AUCNaiveHigh),
		p(r.AUCLargestOnce), p(r.AUCLargestOnceLow), p(r.AUCLargestOnceHigh), p(r.PrecisionLargestOnce), p(r.AUCEachTreatyOnce), p(r.PrecisionEachTreatyOnce)})
}

// MarshalJSON writes a difference that could not be computed as null.
func (d Difference) MarshalJSON() ([]byte, error) {
	type plain Difference
	p := number.Ptr
	return json.Marshal(struct {
		plain
		AUC             *float64 `json:"auc"`
		Low             *float64 `json:"low"`
		High            *float64 `json:"high"`
		TreatyLow       *float64 `json:"treaty_low"`
		TreatyHigh      *float64 `json:"treaty_high"`
		NaiveLow        *float64 `json:"naive_low"`
		NaiveHigh       *float64 `json:"naive_high"`
		LargestOnce     *float64 `json:"largest_once"`
		LargestOnceLow  *float64 `json:"largest_once_low"`
		LargestOnceHigh *float64 `json:"largest_once_high"`
	}{plain(d), p(d.AUC), p(d.Low), p(d.High), p(d.TreatyLow), p(d.TreatyHigh), p(d.NaiveLow), p(d.NaiveHigh),
		p(d.LargestOnce), p(d.LargestOnceLow), p(d.LargestOnceHigh)})
}

// MarshalJSON writes a missing share as null.
func (s TreatyShare) MarshalJSON() ([]byte, error) {
	type plain TreatyShare
	return json.Marshal(struct {
		plain
		Share *float64 `json:"share"`
	}{plain(s), number.Ptr(s.Share)})
}

// MarshalJSON writes a missing share of the largest treaties as null.
func (v Validation) MarshalJSON() ([]byte, error) {
	type plain Validation
	return json.Marshal(struct {
		plain
		LargestShare *float64 `json:"largest_share"`
	}{plain(v), number.Ptr(v.LargestShare)})
}
