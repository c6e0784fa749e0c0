package history

import (
	"testing"

	"github.com/entente/entente/internal/cmdline/cmdlinetest"
)

func TestRequestsValidate(t *testing.T) {
	burden := func(edit func(*BurdenRequest)) error { r := NewBurdenRequest(); edit(&r); return r.Validate() }
	warnings := func(edit func(*WarningsRequest)) error { r := NewWarningsRequest(); edit(&r); return r.Validate() }
	for _, tt := range []struct {
		name  string
		err   error
		field string
	}{
		{"burden defaults", burden(func(*BurdenRequest) {}), ""},
		{"burden span", burden(func(r *BurdenRequest) { r.From, r.To = 1950, 1990 }), ""},
		{"burden negative from", burden(func(r *BurdenRequest) { r.From = -1 }), "from"},
		{"burden negative to", burden(func(r *BurdenRequest) { r.To = -1 }), "to"},
		{"burden from after to", burden(func(r *BurdenRequest) { r.From, r.To = 1991, 1990 }), "from"},
		{"burden splice 0", burden(func(r *BurdenRequest) { r.Splice = 0 }), "splice"},
		{"warnings defaults", warnings(func(*WarningsRequest) {}), ""},
		{"warnings horizon 0", warnings(func(r *WarningsRequest) { r.Horizon = 0 }), "horizon"},
		{"warnings lag 0", warnings(func(r *WarningsRequest) { r.Lag = 0 }), "lag"},
		{"warnings one fold", warnings(func(r *WarningsRequest) { r.Folds = 1 }), "folds"},
		{"warnings no replicate", warnings(func(r *WarningsRequest) { r.Bootstrap = 0 }), "bootstrap"},
		{"warnings from after to", warnings(func(r *WarningsRequest) { r.From, r.To = 2000, 1999 }), "from"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cmdlinetest.WantField(t, tt.err, tt.field)
		})
	}
}

func TestWarningsRequestOptions(t *testing.T) {
	r := NewWarningsRequest()
	r.Horizon, r.Lag, r.Folds, r.Seed, r.Bootstrap, r.SplitYear, r.From, r.To = 3, 4, 6, 9, 50, 1960, 1900, 2000
	if got := r.WarningOptions(); got != (WarningOptions{Horizon: 3, ShiftLag: 4, From: 1900, To: 2000}) {
		t.Errorf("WarningOptions = %+v", got)
	}
	if got := r.EvalOptions(); got != (EvalOptions{Folds: 6, Seed: 9, Bootstrap: 50, SplitYear: 1960}) {
		t.Errorf("EvalOptions = %+v", got)
	}
	if got := r.HonestOptions(); got.Horizon != 3 || got.EvalOptions != (EvalOptions{Folds: 6, Seed: 9, Bootstrap: 50}) {
		t.Errorf("HonestOptions = %+v", got)
	}
	b := BurdenRequest{Splice: 1970, Span: Span{From: 1950, To: 2010}}
	if got := b.Options(); got != (BurdenOptions{From: 1950, To: 2010, Splice: 1970}) {
		t.Errorf("Options = %+v", got)
	}
}
