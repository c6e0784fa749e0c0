package reliability

import (
	"reflect"
	"testing"

	"github.com/entente/entente/internal/cmdline/cmdlinetest"
)

func TestRequestsValidate(t *testing.T) {
	report := func(edit func(*ReportRequest)) error { r := NewReportRequest(); edit(&r); return r.Validate() }
	deter := func(edit func(*DeterrenceRequest)) error { r := NewDeterrenceRequest(); edit(&r); return r.Validate() }
	for _, tt := range []struct {
		name  string
		err   error
		field string
	}{
		{"report defaults", report(func(*ReportRequest) {}), ""},
		{"report seed 0", report(func(r *ReportRequest) { r.Seed = 0 }), "seed"},
		{"report no replicate", report(func(r *ReportRequest) { r.Bootstrap = 0 }), "bootstrap"},
		{"deterrence defaults", deter(func(*DeterrenceRequest) {}), ""},
		{"deterrence every spec", deter(func(r *DeterrenceRequest) { r.Spec, r.Link = "jl2011", "probit" }), ""},
		{"deterrence unknown spec", deter(func(r *DeterrenceRequest) { r.Spec = "all" }), "spec"},
		{"deterrence unknown link", deter(func(r *DeterrenceRequest) { r.Link = "cloglog" }), "link"},
		{"deterrence from before the data", deter(func(r *DeterrenceRequest) { r.From = 1700 }), "from"},
		{"deterrence to after the data", deter(func(r *DeterrenceRequest) { r.To = 2015 }), "to"},
		{"deterrence from after to", deter(func(r *DeterrenceRequest) { r.From, r.To = 1900, 1899 }), "from"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cmdlinetest.WantField(t, tt.err, tt.field)
		})
	}
	for _, e := range []string{"default", "jl2011", "none", "full"} {
		if _, ok := DeterrenceSpecs[e]; !ok {
			t.Errorf("--spec %s is allowed but not in DeterrenceSpecs", e)
		}
	}
}

func TestDeterrenceRequestSpans(t *testing.T) {
	for _, tt := range []struct {
		from, to int
		want     [][2]int
	}{
		{0, 0, [][2]int{{1816, 1944}, {1816, 2000}}},
		{1900, 0, [][2]int{{1900, 2014}}},
		{0, 1950, [][2]int{{1816, 1950}}},
		{1900, 1950, [][2]int{{1900, 1950}}},
	} {
		r := DeterrenceRequest{From: tt.from, To: tt.to}
		if got := r.Spans(); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Spans(%d, %d) = %v, want %v", tt.from, tt.to, got, tt.want)
		}
	}
}
