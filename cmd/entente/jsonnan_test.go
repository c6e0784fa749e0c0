package main

import (
	"bytes"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/entente/entente/history"
	"github.com/entente/entente/internal/output"
	"github.com/entente/entente/partner"
	"github.com/entente/entente/reliability"
	"github.com/entente/entente/report"
)

// nanFilled returns a value of type t in which every float is NaN, every
// slice and map holds one element and every pointer is set, so that
// encoding it reaches every float a report can hold. Fields named in keep
// (as "pkg.Type.Field") stay zero: options that are never NaN.
func nanFilled(t reflect.Type, keep map[string]bool, depth int) reflect.Value {
	v := reflect.New(t).Elem()
	if depth > 8 {
		return v
	}
	switch t.Kind() {
	case reflect.Float32, reflect.Float64:
		v.SetFloat(math.NaN())
	case reflect.Pointer:
		v.Set(nanFilled(t.Elem(), keep, depth+1).Addr())
	case reflect.Slice:
		v.Set(reflect.Append(reflect.MakeSlice(t, 0, 1), nanFilled(t.Elem(), keep, depth+1)))
	case reflect.Array:
		for i := range v.Len() {
			v.Index(i).Set(nanFilled(t.Elem(), keep, depth+1))
		}
	case reflect.Map:
		v.Set(reflect.MakeMap(t))
		v.SetMapIndex(nanFilled(t.Key(), keep, depth+1), nanFilled(t.Elem(), keep, depth+1))
	case reflect.Struct:
		for i := range t.NumField() {
			f := t.Field(i)
			if f.IsExported() && !keep[t.String()+"."+f.Name] {
				v.Field(i).Set(nanFilled(f.Type, keep, depth+1))
			}
		}
	}
	return v
}

// TestReportJSONWritesNaNAsNull: every report the analysis verbs write as
// JSON encodes with plain encoding/json when every figure in it is NaN,
// the figures becoming null.
func TestReportJSONWritesNaNAsNull(t *testing.T) {
	keep := map[string]bool{"history.EvalOptions.Ridge": true} // an option, never NaN
	fill := func(v any) any { return nanFilled(reflect.TypeOf(v), keep, 0).Interface() }
	for name, v := range map[string]any{
		"report burden":        map[string]any{"report": fill(history.BurdenReport{}), "decades": fill([]history.Period{})},
		"report warnings":      map[string]any{"evaluation": fill(history.Evaluation{}), "honest": fill(history.Honest{}), "alliance_years": fill([]history.AllianceYear{})},
		"report hub-and-spoke": report.DecadesJSON(fill([]report.Gap{}).([]report.Gap)),
		"partner validate":     fill(partner.Validation{}),
		"findings claim":       report.ClaimJSON(fill(&report.ClaimResult{}).(*report.ClaimResult)),
		"findings reliability": reliability.ReportJSON(fill([]reliability.ReportRow{}).([]reliability.ReportRow)),
		"findings deterrence":  fill([]reliability.DeterrenceResult{}),
	} {
		var b bytes.Buffer
		if err := output.WriteJSON(&b, v); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !strings.Contains(b.String(), "null") {
			t.Errorf("%s: no null in\n%s", name, b.String())
		}
	}
}
