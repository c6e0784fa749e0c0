package partner_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/entente/entente"
	"github.com/entente/entente/partner"
)

// The historical validation on the real files. Only robust facts are
// asserted; the numbers are logged.
func TestValidateOnHistory(t *testing.T) {
	h := loadHistory(t)
	v, err := partner.Validate(h, partner.ValidateOptions{Bootstrap: 200, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range v.Results {
		t.Logf("%-16s test AUC %.3f [%.3f, %.3f]  P@%d %.3f [%.3f, %.3f]  train AUC %.3f",
			r.Method, r.AUC, r.AUCLow, r.AUCHigh, v.K, r.Precision, r.PrecisionLow, r.PrecisionHigh, r.TrainAUC)
	}
	for _, d := range v.Differences {
		t.Logf("model − %s: ΔAUC %.3f [%.3f, %.3f]", d.Baseline, d.AUC, d.Low, d.High)
	}
	for _, f := range v.Features {
		t.Logf("  %-28s %+.3f", f.Name, f.Coef)
	}
	if v.From != 1950 || v.TrainTo != 1980 || v.To != 2013 || v.Horizon != 5 || v.K != 10 {
		t.Errorf("years %d..%d..%d, horizon %d, K %d; want 1950..1980..2013, 5, 10", v.From, v.TrainTo, v.To, v.Horizon, v.K)
	}
	if v.TestPositives == 0 || v.TestPositives >= v.TestPairs || v.TrainPositives == 0 || v.TestStates == 0 {
		t.Errorf("pairs: train %d (%d new), test %d (%d new), %d state-years", v.TrainPairs, v.TrainPositives, v.TestPairs, v.TestPositives, v.TestStates)
	}
	model, capOnly := v.Result(partner.MethodModel), v.Result(partner.MethodCapability)
	if !(model.AUC > 0.5) {
		t.Errorf("model test AUC %v, want above 0.5", model.AUC)
	}
	if !(model.AUC > capOnly.AUC) {
		t.Errorf("model test AUC %v, capability only %v: want the model above", model.AUC, capOnly.AUC)
	}
	for _, r := range v.Results {
		if !(r.AUCLow <= r.AUCHigh && r.PrecisionLow <= r.PrecisionHigh && r.AUC > 0 && r.AUC < 1) {
			t.Errorf("%s: AUC %v [%v, %v], P %v [%v, %v]", r.Method, r.AUC, r.AUCLow, r.AUCHigh, r.Precision, r.PrecisionLow, r.PrecisionHigh)
		}
	}
	if !strings.Contains(strings.Join(v.Notes, "\n"), "no rivalry data") {
		t.Errorf("notes %q do not say shared threats were left out", v.Notes)
	}
}

// The same seed gives the same result whatever the number of workers.
func TestValidateDeterministic(t *testing.T) {
	h := loadHistory(t)
	opts := partner.ValidateOptions{From: 1985, TrainTo: 1995, To: 2005, Bootstrap: 50, Seed: 7, Workers: 1}
	one, err := partner.Validate(h, opts)
	if err != nil {
		t.Fatal(err)
	}
	opts.Workers = 3
	two, err := partner.Validate(h, opts)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(one, two, cmpopts.EquateNaNs()); diff != "" {
		t.Errorf("workers 1 and 3 differ:\n%s", diff)
	}
	opts.Seed = 8
	three, _ := partner.Validate(h, opts)
	if three.Results[0].AUC != one.Results[0].AUC || three.Results[0].AUCLow == one.Results[0].AUCLow {
		t.Errorf("another seed: AUC %v (was %v), low %v (was %v): want the same estimate and another interval",
			three.Results[0].AUC, one.Results[0].AUC, three.Results[0].AUCLow, one.Results[0].AUCLow)
	}
}

func TestValidateRefusesBadYears(t *testing.T) {
	h := loadHistory(t)
	for _, o := range []partner.ValidateOptions{
		{To: 2016},                  // ATOP ends in 2018: no five years after 2016
		{From: 1990, TrainTo: 1980}, // training before the start
		{TrainTo: 2013},             // no test years
	} {
		if _, err := partner.Validate(h, o); err == nil {
			t.Errorf("%+v accepted", o)
		}
	}
	if _, err := partner.Validate(&partner.History{}, partner.ValidateOptions{}); err == nil {
		t.Error("empty history accepted")
	}
}

// Vote agreement for actors matched by COW code: in 1990-1992 the United
// Kingdom voted with France more than with Cuba, and an actor without a
// code is left out.
func TestVoteAgreementByCOWCode(t *testing.T) {
	h := loadHistory(t)
	state := func(id string, cow string) *entente.Actor {
		return &entente.Actor{ID: entente.ActorID(id), Codes: map[string]string{"cow": cow}}
	}
	uk := state("uki", "200")
	got := partner.VoteAgreement(h.Votes, uk, []*entente.Actor{state("fra", "220"), state("cub", "40"), {ID: "nocode"}, uk}, 1990, 1992)
	if len(got) != 2 {
		t.Fatalf("agreement %v, want France and Cuba", got)
	}
	if !(got["fra"] > got["cub"]) || got["fra"] > 1 || got["cub"] < 0 {
		t.Errorf("UK–France %v, UK–Cuba %v", got["fra"], got["cub"])
	}
	ranked := partner.Rank(uk, []*entente.Actor{state("cub", "40"), state("fra", "220")}, nil, partner.Options{VoteAgreement: got})
	if ranked[0].ID != "fra" {
		t.Errorf("ranking by vote alignment: %v first", ranked[0].ID)
	}
}
