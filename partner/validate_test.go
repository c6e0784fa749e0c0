package partner_test

import (
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/entente/entente"
	"github.com/entente/entente/partner"
)

// The historical validation on the real files, with the covariates.
// Robust facts are asserted and the headline numbers pinned: the values
// below were computed by this code on the shared data (ATOP 5.1, COW
// system 2016, NMC 6.0, unvotes, peacesciencer, Hofstede 2015) with 200
// replicates and seed 1, not taken from a publication. Point estimates are
// deterministic and pinned to ±0.002 (round-off across platforms);
// interval ends depend on the replicates and are pinned to ±0.01.
func TestValidateOnHistory(t *testing.T) {
	h := loadHistory(t)
	if h.Covariates == nil {
		t.Fatal("the shared data folder has the covariate files but the history has no covariates")
	}
	v, err := partner.Validate(h, partner.ValidateOptions{Bootstrap: 200, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	logValidation(t, v)
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
		// positives come in treaty blocks: clustering by treaty widens
		// the AUC's interval beyond DeLong's, which takes pairs as
		// independent
		if !(r.AUCTreatyHigh-r.AUCTreatyLow > r.AUCNaiveHigh-r.AUCNaiveLow) {
			t.Errorf("%s: treaty-clustered interval [%.3f, %.3f] not wider than the naive [%.3f, %.3f]",
				r.Method, r.AUCTreatyLow, r.AUCTreatyHigh, r.AUCNaiveLow, r.AUCNaiveHigh)
		}
	}
	if !strings.Contains(strings.Join(v.Notes, "\n"), "model + covariates adds them") {
		t.Errorf("notes %q do not say the covariates were added", v.Notes)
	}
	ext := v.Result(partner.MethodCovariates)
	gain, ok := v.Difference(partner.MethodCovariates, partner.MethodModel)
	if !ok {
		t.Fatal("no gain of the model with covariates over the model")
	}
	pin := func(what string, got, want, tol float64) {
		t.Helper()
		if !(math.Abs(got-want) <= tol) {
			t.Errorf("%s = %.4f, want %.4f ± %g (computed value)", what, got, want, tol)
		}
	}
	const est, ci = 0.002, 0.01
	pinned := []struct {
		what      string
		got, want float64
		tol       float64
	}{
		{"share of test positives from the three largest treaties", float64(v.LargestShare), wantLargestShare, est},
		{"model AUC", float64(model.AUC), wantModelAUC, est},
		{"model AUC, treaty CI low", float64(model.AUCTreatyLow), wantModelTreaty[0], ci},
		{"model AUC, treaty CI high", float64(model.AUCTreatyHigh), wantModelTreaty[1], ci},
		{"model P@10", float64(model.Precision), wantModelP, est},
		{"model P@10, treaty CI low", float64(model.PrecisionTreatyLow), wantModelPTreaty[0], ci},
		{"model P@10, treaty CI high", float64(model.PrecisionTreatyHigh), wantModelPTreaty[1], ci},
		{"model AUC, three largest treaties once", float64(model.AUCLargestOnce), wantModelOnce, est},
		{"model P@10, three largest treaties once", float64(model.PrecisionLargestOnce), wantModelPOnce, est},
		{"model + covariates AUC", float64(ext.AUC), wantExtAUC, est},
		{"model + covariates P@10", float64(ext.Precision), wantExtP, est},
		{"gain in AUC", float64(gain.AUC), wantGain, est},
		{"gain, treaty CI low", float64(gain.TreatyLow), wantGainTreaty[0], ci},
		{"gain, treaty CI high", float64(gain.TreatyHigh), wantGainTreaty[1], ci},
		{"gain, three largest treaties once", float64(gain.LargestOnce), wantGainOnce, est},
	}
	for _, p := range pinned {
		pin(p.what, p.got, p.want, p.tol)
	}
}

// The pinned values of TestValidateOnHistory (computed, see there).
var (
	wantLargestShare = 0.6543 // ATOP 3180, 5055, 4175: 2702, 1540 and 1470 of 8736
	wantModelAUC     = 0.9087
	wantModelTreaty  = [2]float64{0.8603, 0.9405}
	wantModelP       = 0.1480
	wantModelPTreaty = [2]float64{0.0998, 0.1919}
	wantModelOnce    = 0.8371
	wantModelPOnce   = 0.1089
	wantExtAUC       = 0.9300
	wantExtP         = 0.2255
	wantGain         = 0.0212
	wantGainTreaty   = [2]float64{-0.0053, 0.0610}
	wantGainOnce     = 0.0768
)

func logValidation(t *testing.T, v *partner.Validation) {
	t.Helper()
	t.Logf("test positives %d from %d treaties; the three largest %+v hold %.3f", v.TestPositives, v.Treaties, v.Largest, v.LargestShare)
	for _, r := range v.Results {
		t.Logf("%-18s AUC %.4f  by state [%.4f, %.4f]  by treaty [%.4f, %.4f]  naive [%.4f, %.4f]  largest once %.4f [%.4f, %.4f]  each once %.4f  train %.4f",
			r.Method, r.AUC, r.AUCLow, r.AUCHigh, r.AUCTreatyLow, r.AUCTreatyHigh, r.AUCNaiveLow, r.AUCNaiveHigh,
			r.AUCLargestOnce, r.AUCLargestOnceLow, r.AUCLargestOnceHigh, r.AUCEachTreatyOnce, r.TrainAUC)
		t.Logf("%-18s P@%d %.4f  by state [%.4f, %.4f]  by treaty [%.4f, %.4f]  largest once %.4f  each once %.4f",
			"", v.K, r.Precision, r.PrecisionLow, r.PrecisionHigh, r.PrecisionTreatyLow, r.PrecisionTreatyHigh, r.PrecisionLargestOnce, r.PrecisionEachTreatyOnce)
	}
	for _, d := range v.Differences {
		t.Logf("%s − %s: ΔAUC %.4f  by state [%.4f, %.4f]  by treaty [%.4f, %.4f]  naive [%.4f, %.4f]  largest once %.4f [%.4f, %.4f]",
			d.Method, d.Baseline, d.AUC, d.Low, d.High, d.TreatyLow, d.TreatyHigh, d.NaiveLow, d.NaiveHigh, d.LargestOnce, d.LargestOnceLow, d.LargestOnceHigh)
	}
	for _, f := range v.CovariateFeatures {
		t.Logf("  %-34s %+.3f", f.Name, f.Coef)
	}
	for _, n := range v.Notes {
		t.Logf("note: %s", n)
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
