package history

import (
	"strings"
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

// TestWarningsRequestEvaluate checks that the report picks one alliance's
// years with their own scores, and that JSON and text carry both
// evaluations.
func TestWarningsRequestEvaluate(t *testing.T) {
	rows := synthRows(1)
	r := NewWarningsRequest()
	r.Bootstrap, r.Seed = 50, 3
	all, err := r.Evaluate(rows)
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Rows) != len(rows) || len(all.Scores) != len(rows) || all.JSON()["alliance_years"] != nil {
		t.Fatalf("alliance 0 shows %d rows, %d scores; want all %d and no alliance_years", len(all.Rows), len(all.Scores), len(rows))
	}
	r.Alliance = 7
	one, err := r.Evaluate(rows)
	if err != nil {
		t.Fatal(err)
	}
	if len(one.Rows) != 10 || len(one.Scores) != 10 {
		t.Fatalf("alliance 7 shows %d rows, %d scores; want its 10 years", len(one.Rows), len(one.Scores))
	}
	for i, row := range one.Rows {
		if row.Alliance != 7 || one.Scores[i] != all.Scores[7*10+i] {
			t.Errorf("row %d: alliance %d, score %+v; want alliance 7's with its score %+v", i, row.Alliance, one.Scores[i], all.Scores[7*10+i])
		}
	}
	var text, csv strings.Builder
	if err := one.WriteText(&text); err != nil || !strings.Contains(text.String(), "AUC") {
		t.Errorf("WriteText = %v:\n%s", err, text.String())
	}
	if err := one.WriteCSV(&csv); err != nil || strings.Count(csv.String(), "\n") != 11 {
		t.Errorf("WriteCSV = %v, %d lines; want a header and 10 rows", err, strings.Count(csv.String(), "\n"))
	}
	if v := one.JSON(); v["evaluation"] != one.Evaluation || v["honest"] != one.Honest {
		t.Errorf("JSON lacks the evaluations: %v", v)
	}
}
