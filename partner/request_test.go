package partner_test

import (
	"testing"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/cmdline/cmdlinetest"
	"github.com/entente/entente/partner"
)

func TestRequestParse(t *testing.T) {
	obj, opts, err := partner.Request{Objective: "technology=300,economic=2000"}.Parse()
	if err != nil || obj["technology"] != 300 || opts.AlignmentMethod != partner.Distance || opts.Weights != partner.DefaultWeights() {
		t.Fatalf("defaults: %v %+v %v", obj, opts, err)
	}
	if _, opts, err := (partner.Request{Objective: "x=1", Alignment: "cosine", Limit: 3, Power: "economic"}).Parse(); err != nil ||
		opts.AlignmentMethod != partner.Cosine || opts.Limit != 3 || opts.PowerMeasure != "economic" {
		t.Errorf("cosine, limit, power: %+v %v", opts, err)
	}
	for _, c := range []struct {
		r     partner.Request
		field string
	}{
		{partner.Request{}, "objective"},
		{partner.Request{Objective: "technology"}, "objective"},
		{partner.Request{Objective: "technology=-5"}, "objective"},
		{partner.Request{Objective: "x=1", Weights: "luck=1"}, "weights"},
		{partner.Request{Objective: "x=1", Alignment: "vibes"}, "alignment"},
		{partner.Request{Objective: "x=1", Limit: -1}, "limit"},
	} {
		if _, _, err := c.r.Parse(); entente.ErrorCode(err) != entente.EINVALID || entente.ErrorField(err) != c.field {
			t.Errorf("%+v: %v, want invalid naming %s", c.r, err, c.field)
		}
	}
}

func TestValidateRequestOptions(t *testing.T) {
	type ValidateRequest = partner.ValidateRequest
	NewValidateRequest := partner.NewValidateRequest
	for _, tt := range []struct {
		name  string
		edit  func(*ValidateRequest)
		field string
	}{
		{"defaults", func(*ValidateRequest) {}, ""},
		{"no bootstrap", func(r *ValidateRequest) { r.Bootstrap = 0 }, ""},
		{"from before the data", func(r *ValidateRequest) { r.From = 1700 }, "from"},
		{"horizon 0", func(r *ValidateRequest) { r.Horizon = 0 }, "horizon"},
		{"k 0", func(r *ValidateRequest) { r.K = 0 }, "k"},
		{"negative bootstrap", func(r *ValidateRequest) { r.Bootstrap = -1 }, "bootstrap"},
		{"train-to before from", func(r *ValidateRequest) { r.TrainTo = 1940 }, "train-to"},
		{"to not after train-to", func(r *ValidateRequest) { r.To = 1980 }, "train-to"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := NewValidateRequest()
			tt.edit(&r)
			o, err := r.Options()
			cmdlinetest.WantField(t, err, tt.field)
			if tt.field == "" && r.Bootstrap == 0 && o.Bootstrap != -1 {
				t.Errorf("--bootstrap 0 gave Bootstrap %d, want -1 (none)", o.Bootstrap)
			}
		})
	}
}
