package partner_test

import (
	"testing"

	"github.com/entente/entente"
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
