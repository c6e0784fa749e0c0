package history

import (
	"encoding/json"

	"github.com/entente/entente/internal/number"
)

// The JSON forms of the figures that may be missing (NaN): null, through
// number.Ptr, so a report encodes with encoding/json as it is. A shadowing
// field has the tag of the field it replaces.

// MarshalJSON writes missing figures as null.
func (m BurdenMember) MarshalJSON() ([]byte, error) {
	type plain BurdenMember
	p := number.Ptr
	return json.Marshal(struct {
		plain
		GDP             *float64 `json:"gdp"`
		SharePct        *float64 `json:"milex_share_pct"`
		Spending        *float64 `json:"milex"`
		CapabilityShare *float64 `json:"gdp_share"`
		SpendingShare   *float64 `json:"milex_share_of_alliance"`
		Exploitation    *float64 `json:"exploitation"`
		NATOSharePct    *float64 `json:"nato_share_pct"`
	}{plain(m), p(m.GDP), p(m.SharePct), p(m.Spending), p(m.CapabilityShare), p(m.SpendingShare), p(m.Exploitation), p(m.NATOSharePct)})
}

// MarshalJSON writes missing differences as null.
func (c CrossCheck) MarshalJSON() ([]byte, error) {
	type plain CrossCheck
	return json.Marshal(struct {
		plain
		MeanAbsDiff *float64 `json:"mean_abs_diff_pp"`
		MaxAbsDiff  *float64 `json:"max_abs_diff_pp"`
	}{plain(c), number.Ptr(c.MeanAbsDiff), number.Ptr(c.MaxAbsDiff)})
}

// MarshalJSON writes a period without a ρ with null figures.
func (p Period) MarshalJSON() ([]byte, error) {
	type plain Period
	return json.Marshal(struct {
		plain
		MeanRho *float64 `json:"mean_rho"`
		MinRho  *float64 `json:"min_rho"`
		MaxRho  *float64 `json:"max_rho"`
		MeanN   *float64 `json:"mean_n"`
	}{plain(p), number.Ptr(p.MeanRho), number.Ptr(p.MinRho), number.Ptr(p.MaxRho), number.Ptr(p.MeanN)})
}

// MarshalJSON writes a missing cohesion as null.
func (c Cohesion) MarshalJSON() ([]byte, error) {
	type plain Cohesion
	return json.Marshal(struct {
		plain
		Agree   *float64 `json:"agree"`
		Kappa   *float64 `json:"kappa"`
		IdealSD *float64 `json:"ideal_sd"`
	}{plain(c), number.Ptr(c.Agree), number.Ptr(c.Kappa), number.Ptr(c.IdealSD)})
}

// MarshalJSON writes a component without data as null.
func (a AllianceYear) MarshalJSON() ([]byte, error) {
	type plain AllianceYear
	p := number.Ptr
	return json.Marshal(struct {
		plain
		Portfolio        *float64 `json:"portfolio_s"`
		Herfindahl       *float64 `json:"herfindahl"`
		HerfindahlBefore *float64 `json:"herfindahl_before"`
		Shift            *float64 `json:"herfindahl_shift"`
		BurdenCV         *float64 `json:"burden_cv"`
		Rivalry          *float64 `json:"rivalry"`
		MIDs             *float64 `json:"mids"`
		RegimeChange     *float64 `json:"regime_change"`
	}{plain(a), p(a.Portfolio), p(a.Herfindahl), p(a.HerfindahlBefore), p(a.Shift), p(a.BurdenCV), p(a.Rivalry), p(a.MIDs), p(a.RegimeChange)})
}

// MarshalJSON writes a missing mean or standard deviation as null.
func (c Column) MarshalJSON() ([]byte, error) {
	type plain Column
	return json.Marshal(struct {
		plain
		Mean *float64 `json:"mean"`
		SD   *float64 `json:"sd"`
	}{plain(c), number.Ptr(c.Mean), number.Ptr(c.SD)})
}

// MarshalJSON writes a missing AUC as null (its intervals write theirs).
func (e AUCEstimate) MarshalJSON() ([]byte, error) {
	type plain AUCEstimate
	return json.Marshal(struct {
		plain
		AUC *float64 `json:"auc"`
	}{plain(e), number.Ptr(e.AUC)})
}

// MarshalJSON writes a coefficient that could not be fitted as null.
func (c Coefficient) MarshalJSON() ([]byte, error) {
	type plain Coefficient
	return json.Marshal(struct {
		plain
		Coef *float64 `json:"coef"`
	}{plain(c), number.Ptr(c.Coef)})
}

// MarshalJSON writes a missing AUC as null.
func (e EraAUC) MarshalJSON() ([]byte, error) {
	type plain EraAUC
	return json.Marshal(struct {
		plain
		AUC *float64 `json:"auc"`
	}{plain(e), number.Ptr(e.AUC)})
}
