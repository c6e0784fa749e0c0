package burden_test

import (
	"math"
	"testing"

	"github.com/entente/entente"
	"github.com/entente/entente/burden"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

type amounts = map[entente.ActorID]float64

var nan = math.NaN()

// checkNear fails the test when got is not within tol of want; NaN wants
// NaN.
func checkNear(tb testing.TB, what string, got, want, tol float64) {
	tb.Helper()
	if math.IsNaN(want) {
		if !math.IsNaN(got) {
			tb.Errorf("%s = %v, want NaN", what, got)
		}
		return
	}
	if !(math.Abs(got-want) <= tol) {
		tb.Errorf("%s = %.12g, want %.12g (±%g)", what, got, want, tol)
	}
}

// member returns the named member's figures or fails the test.
func member(tb testing.TB, res *burden.Result, id entente.ActorID) *burden.Member {
	tb.Helper()
	m := res.Member(id)
	if m == nil {
		tb.Fatalf("no figures for %s", id)
	}
	return m
}

func TestSharesSumToOne(t *testing.T) {
	tests := []struct {
		name       string
		delivered  amounts
		capability amounts
	}{
		{"three members", amounts{"a": 50, "b": 30, "c": 20}, amounts{"a": 5, "b": 3, "c": 2}},
		{"one delivered nothing", amounts{"a": 7, "b": 0, "c": 3}, amounts{"a": 1, "b": 1, "c": 1}},
		{"a member absent from delivered delivered nothing", amounts{"a": 1, "b": 2}, amounts{"a": 1, "b": 1, "c": 5}},
		{"uneven", amounts{"a": 0.1, "b": 1e6, "c": 3.3}, amounts{"a": 1e9, "b": 2, "c": 0.5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := burden.Analyze(burden.Input{Delivered: tt.delivered, Capability: tt.capability}, burden.Options{})
			var share, capShare, compared float64
			for _, m := range res.Members {
				share += m.Share
				capShare += m.CapabilityShare
				compared += m.ComparedShare
			}
			checkNear(t, "Σ share", share, 1, 1e-12)
			checkNear(t, "Σ capability share", capShare, 1, 1e-12)
			checkNear(t, "Σ compared share", compared, 1, 1e-12)
		})
	}
}

func TestExploitationIsZeroAtCapabilityShare(t *testing.T) {
	tests := []struct {
		name       string
		delivered  amounts
		capability amounts
		want       amounts // exploitation index
	}{
		// a delivers 50% with 50% of capability: 0. b: 0.3/0.25 − 1 = 0.2;
		// c: 0.2/0.25 − 1 = −0.2.
		{"a exactly at its share", amounts{"a": 50, "b": 30, "c": 20}, amounts{"a": 2, "b": 1, "c": 1}, amounts{"a": 0, "b": 0.2, "c": -0.2}},
		{"everyone proportional", amounts{"a": 30, "b": 20, "c": 10}, amounts{"a": 3, "b": 2, "c": 1}, amounts{"a": 0, "b": 0, "c": 0}},
		// c carries nothing: −1; a carries all with half the capability: 1.
		{"a carries everything", amounts{"a": 10}, amounts{"a": 1, "b": 1}, amounts{"a": 1, "b": -1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := burden.Analyze(burden.Input{Delivered: tt.delivered, Capability: tt.capability}, burden.Options{})
			for id, want := range tt.want {
				got := member(t, res, id).Exploitation
				checkNear(t, "exploitation of "+string(id), got, want, 1e-12)
				if want == 0 && got != 0 {
					t.Errorf("exploitation of %s = %v, want exactly 0", id, got)
				}
			}
		})
	}
}

func TestMissingDataIsNaNNeverZero(t *testing.T) {
	tests := []struct {
		name       string
		in         burden.Input
		id         entente.ActorID
		flag       burden.Flag
		capShare   float64
		share      float64
		benefit    float64
		resultFlag bool // NoContributions on the result
	}{
		{"capability missing", burden.Input{Delivered: amounts{"a": 1, "b": 1}, Capability: amounts{"a": 1}},
			"b", burden.MissingCapability, nan, 0.5, nan, false},
		{"capability NaN", burden.Input{Delivered: amounts{"a": 1, "b": 1}, Capability: amounts{"a": 1, "b": nan}},
			"b", burden.MissingCapability, nan, 0.5, nan, false},
		{"capability negative", burden.Input{Delivered: amounts{"a": 1, "b": 1}, Capability: amounts{"a": 1, "b": -3}},
			"b", burden.MissingCapability, nan, 0.5, nan, false},
		{"delivered unknown", burden.Input{Delivered: amounts{"a": 1, "b": nan}, Capability: amounts{"a": 1, "b": 1}},
			"b", burden.MissingContribution, nan, nan, nan, false},
		{"no benefit rule", burden.Input{Delivered: amounts{"a": 1, "b": 1}, Capability: amounts{"a": 1, "b": 1}},
			"b", burden.NoBenefitShare, 0.5, 0.5, nan, false},
		{"fixed shares not naming b", burden.Input{Delivered: amounts{"a": 1, "b": 1}, Capability: amounts{"a": 1, "b": 1},
			Benefit: entente.BenefitRule{Kind: entente.BenefitFixedShares, Shares: amounts{"a": 1}}},
			"b", burden.NoBenefitShare, 0.5, 0.5, nan, false},
		{"nothing delivered", burden.Input{Members: []entente.ActorID{"a", "b"}, Capability: amounts{"a": 1, "b": 1},
			Benefit: entente.BenefitRule{Kind: entente.BenefitEqual}},
			"b", "", nan, nan, 0.5, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := burden.Analyze(tt.in, burden.Options{})
			m := member(t, res, tt.id)
			if tt.flag != "" && !contains(m.Flags, tt.flag) {
				t.Errorf("flags %v lack %s", m.Flags, tt.flag)
			}
			checkNear(t, "capability share", m.CapabilityShare, tt.capShare, 1e-12)
			checkNear(t, "share", m.Share, tt.share, 1e-12)
			checkNear(t, "benefit share", m.BenefitShare, tt.benefit, 1e-12)
			if math.IsNaN(tt.capShare) && !math.IsNaN(m.Exploitation) {
				t.Errorf("exploitation %v with no capability share, want NaN", m.Exploitation)
			}
			if got := contains(res.Flags, burden.NoContributions); got != tt.resultFlag {
				t.Errorf("result flags %v: no_contributions %v, want %v", res.Flags, got, tt.resultFlag)
			}
			for _, other := range res.Members {
				if other.Member != tt.id && math.IsNaN(tt.capShare) && !math.IsNaN(other.CapabilityShare) && other.CapabilityShare == 0 {
					t.Errorf("%s's capability share is 0 because %s's is missing", other.Member, tt.id)
				}
			}
		})
	}
	// The member whose capability is missing is left out of the comparison;
	// the others are compared among themselves.
	res := burden.Analyze(burden.Input{Delivered: amounts{"a": 3, "b": 1, "c": 6}, Capability: amounts{"a": 3, "b": 1}}, burden.Options{})
	if diff := cmp.Diff([]entente.ActorID{"a", "b"}, res.Compared); diff != "" {
		t.Errorf("compared (-want +got):\n%s", diff)
	}
	checkNear(t, "a's compared share", member(t, res, "a").ComparedShare, 0.75, 1e-12)
	checkNear(t, "a's exploitation", member(t, res, "a").Exploitation, 0, 1e-12)
	checkNear(t, "a's share of everything", member(t, res, "a").Share, 0.3, 1e-12)
}

func contains[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func TestBenefitShares(t *testing.T) {
	delivered, capability := amounts{"a": 60, "b": 30, "c": 10}, amounts{"a": 1, "b": 1, "c": 1}
	tests := []struct {
		rule    entente.BenefitRule
		want    amounts // benefit share
		balance amounts // share − benefit share
	}{
		{entente.BenefitRule{Kind: entente.BenefitEqual}, amounts{"a": 1.0 / 3, "b": 1.0 / 3, "c": 1.0 / 3},
			amounts{"a": 0.6 - 1.0/3, "b": 0.3 - 1.0/3, "c": 0.1 - 1.0/3}},
		{entente.BenefitRule{Kind: entente.BenefitByContribution}, amounts{"a": 0.6, "b": 0.3, "c": 0.1},
			amounts{"a": 0, "b": 0, "c": 0}},
		{entente.BenefitRule{Kind: entente.BenefitFixedShares, Shares: amounts{"a": 0.5, "b": 0.25, "c": 0.25}},
			amounts{"a": 0.5, "b": 0.25, "c": 0.25}, amounts{"a": 0.1, "b": 0.05, "c": -0.15}},
	}
	for _, tt := range tests {
		t.Run(string(tt.rule.Kind), func(t *testing.T) {
			res := burden.Analyze(burden.Input{Delivered: delivered, Capability: capability, Benefit: tt.rule}, burden.Options{})
			for id := range tt.want {
				m := member(t, res, id)
				checkNear(t, "benefit share of "+string(id), m.BenefitShare, tt.want[id], 1e-12)
				checkNear(t, "balance of "+string(id), m.BenefitBalance, tt.balance[id], 1e-12)
			}
		})
	}
}

func TestCostSplits(t *testing.T) {
	in := burden.Input{
		Delivered:  amounts{"a": 70, "b": 20, "c": 10},
		Capability: amounts{"a": 5, "b": 3, "c": 2},
		Benefit:    entente.BenefitRule{Kind: entente.BenefitFixedShares, Shares: amounts{"a": 0.6, "b": 0.2, "c": 0.2}},
		Budget:     200,
	}
	tests := []struct {
		rule burden.SplitRule
		owed amounts
	}{
		{burden.SplitEqual, amounts{"a": 200.0 / 3, "b": 200.0 / 3, "c": 200.0 / 3}},
		{burden.SplitCapability, amounts{"a": 100, "b": 60, "c": 40}},
		{burden.SplitBenefit, amounts{"a": 120, "b": 40, "c": 40}},
	}
	for _, tt := range tests {
		t.Run(string(tt.rule), func(t *testing.T) {
			sp := burden.CostSplit(tt.rule, in.Budget, in)
			if sp.Total != 200 || len(sp.Owed) != 3 {
				t.Fatalf("split %+v", sp)
			}
			for _, o := range sp.Owed {
				checkNear(t, "owed by "+string(o.Member), o.Owed, tt.owed[o.Member], 1e-9)
				checkNear(t, "gap of "+string(o.Member), o.Gap, in.Delivered[o.Member]-tt.owed[o.Member], 1e-9)
			}
		})
	}
	// Without a budget the total delivered (100) is split.
	if sp := burden.CostSplit(burden.SplitCapability, 0, in); sp.Total != 100 || sp.Owed[0].Owed != 50 || sp.Owed[0].Gap != 20 {
		t.Errorf("split of the total delivered: %+v", sp)
	}
	// One capability unknown: nobody's share of the whole is known.
	in.Capability = amounts{"a": 5, "b": 3}
	for _, o := range burden.CostSplit(burden.SplitCapability, 0, in).Owed {
		if !math.IsNaN(o.Owed) || !math.IsNaN(o.Gap) {
			t.Errorf("capability split with c unknown: %+v, want NaN", o)
		}
	}
}

func TestFreeRiderNeedsConsecutivePeriods(t *testing.T) {
	capability := amounts{"a": 1, "b": 1} // equal capability shares: 0.5 each
	period := func(a, b float64) burden.Period { return burden.Period{Delivered: amounts{"a": a, "b": b}} }
	// b is below when its share is under 0.5 × 0.5 = 0.25.
	low, fine, empty := period(80, 10), period(60, 40), period(0, 0)
	absent := burden.Period{Delivered: amounts{"a": 10}}
	tests := []struct {
		name    string
		periods []burden.Period
		opts    burden.Options
		run     int
		free    bool
	}{
		{"never below", []burden.Period{fine, fine, fine}, burden.Options{}, 0, false},
		{"once", []burden.Period{fine, low, fine}, burden.Options{}, 1, false},
		{"twice apart", []burden.Period{low, fine, low}, burden.Options{}, 1, false},
		{"twice in a row", []burden.Period{fine, low, low}, burden.Options{}, 2, true},
		{"twice in a row, three needed", []burden.Period{fine, low, low}, burden.Options{FreeRiderPeriods: 3}, 2, false},
		{"a period nobody delivered in breaks the run", []burden.Period{low, empty, low}, burden.Options{}, 1, false},
		{"a period b was not a member breaks the run", []burden.Period{low, absent, low}, burden.Options{}, 1, false},
		// 10/90 = 0.11 is not under 0.2 × 0.5 = 0.1.
		{"stricter ratio", []burden.Period{low, low}, burden.Options{FreeRiderRatio: 0.2}, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := burden.Analyze(burden.Input{Delivered: amounts{"a": 1, "b": 1}, Capability: capability, Periods: tt.periods}, tt.opts)
			b := member(t, res, "b")
			if b.LongestRun != tt.run || b.FreeRider != tt.free || contains(b.Flags, burden.FreeRider) != tt.free {
				t.Errorf("b: run %d, free rider %v, flags %v; want run %d, free rider %v", b.LongestRun, b.FreeRider, b.Flags, tt.run, tt.free)
			}
			if a := member(t, res, "a"); a.FreeRider {
				t.Errorf("a flagged: %+v", a)
			}
			if len(b.Periods) != len(tt.periods) {
				t.Fatalf("%d period figures for %d periods", len(b.Periods), len(tt.periods))
			}
		})
	}
	// A period's figures: missing data is NaN, not zero.
	res := burden.Analyze(burden.Input{Capability: capability, Periods: []burden.Period{empty, absent}}, burden.Options{})
	for k, f := range member(t, res, "b").Periods {
		if !math.IsNaN(f.Share) || !math.IsNaN(f.CapabilityShare) || f.Below {
			t.Errorf("period %d: %+v, want NaN shares and not below", k, f)
		}
	}
}

// NoSplits leaves out the cost splits and nothing else.
func TestNoSplitsChangesNothingElse(t *testing.T) {
	in := burden.Input{
		Delivered:  amounts{"a": 70, "b": 20, "c": 10},
		Capability: amounts{"a": 5, "b": 3, "c": nan},
		Benefit:    entente.BenefitRule{Kind: entente.BenefitFixedShares, Shares: amounts{"a": 0.6, "b": 0.2, "c": 0.2}},
		Periods:    []burden.Period{{Delivered: amounts{"a": 10, "b": 0, "c": 1}}, {Delivered: amounts{"a": 10, "b": 0, "c": 1}}},
		Budget:     200,
	}
	full := burden.Analyze(in, burden.Options{})
	bare := burden.Analyze(in, burden.Options{NoSplits: true})
	if len(full.Splits) != 3 || bare.Splits != nil {
		t.Fatalf("%d splits in full, %d without", len(full.Splits), len(bare.Splits))
	}
	full.Splits = nil
	if d := cmp.Diff(full, bare, cmpopts.EquateNaNs()); d != "" {
		t.Errorf("NoSplits changed more than the splits (-full +bare):\n%s", d)
	}
}
