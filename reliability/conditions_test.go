package reliability

import (
	"math"
	"testing"

	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/dataset/csvio"
	"github.com/entente/entente/dataset/peacesciencer"
)

// TestConditionRules checks each checkable condition on a constructed war:
// state 2 (initiator) attacks 200; 220 fights beside 200; 200 borders 2,
// and 300 borders nobody in the war.
func TestConditionRules(t *testing.T) {
	war := []Conflict{{ID: 1, Start: 1900, Parts: map[int]Participant{
		2:   {State: 2, Side: 2, Entry: 1900, Initiator: true},
		200: {State: 200, Side: 1, Entry: 1900},
		220: {State: 220, Side: 1, Entry: 1900},
	}}}
	contig := []peacesciencer.Contiguity{{CCode1: 200, CCode2: 2, Type: 1, Start: csvio.Date{Year: 1850}, End: csvio.Date{Year: 1950}}}
	mem := func(id, c int, o atop.Obligation, conds ...atop.Var) atop.Member {
		var m atop.Member
		for i := range m.Provisions {
			m.Provisions[i] = -1
		}
		m.ATOPID, m.Member, m.COWSys, m.Obligations = id, c, true, o
		m.Entry.Year = 1890
		for _, v := range conds {
			m.Provisions[v] = 1
		}
		return m
	}
	for _, tc := range []struct {
		name      string
		partner   int // the member at war
		ally      atop.Member
		cond      Conditions
		invoked   bool
		unchecked bool
	}{
		{"location assumed", 200, mem(10, 255, atop.Defense, atop.DefCoLoc), Conditions{}, true, true},
		{"location met: an opponent borders the partner", 200, mem(10, 255, atop.Defense, atop.DefCoLoc), Conditions{Contiguity: contig}, true, false},
		{"location not met: no opponent borders the partner", 220, mem(10, 255, atop.Defense, atop.DefCoLoc), Conditions{Contiguity: contig}, false, false},
		{"number assumed", 200, mem(10, 255, atop.Defense, atop.DefCoNum), Conditions{}, true, true},
		{"number not met: one attacker", 200, mem(10, 255, atop.Defense, atop.DefCoNum), Conditions{Number: true}, false, false},
		{"neutrality if attacked, assumed", 2, mem(10, 255, atop.Neutrality, atop.NeuCoAtt), Conditions{}, true, true},
		{"neutrality if attacked: the initiator is not", 2, mem(10, 255, atop.Neutrality, atop.NeuCoAtt), Conditions{Attack: true}, false, false},
		{"neutrality if not provoking: the attacked qualifies", 200, mem(10, 255, atop.Neutrality, atop.NeuCoNPr), Conditions{Attack: true}, true, false},
		{"demands are never checkable", 200, mem(10, 255, atop.Defense, atop.DefCoDem), Conditions{Contiguity: contig, Attack: true, Number: true}, true, true},
	} {
		partner := mem(10, tc.partner, tc.ally.Obligations)
		cases, err := CasesWith([]atop.Member{partner, tc.ally}, war, tc.cond)
		if err != nil {
			t.Fatal(err)
		}
		var got *Case
		for i := range cases {
			if cases[i].Ally == 255 {
				got = &cases[i]
			}
		}
		if (got != nil) != tc.invoked || (got != nil && got.Unchecked != tc.unchecked) {
			t.Errorf("%s: case %+v, want invoked %v unchecked %v", tc.name, got, tc.invoked, tc.unchecked)
		}
	}
}

// TestConditionsApplied sets the reliability shares with the treaties'
// checkable conditions applied beside the shares with every condition
// but named adversaries assumed met, on ATOP 5.1 and COW wars (measured on
// the real data, pinned here; 95% intervals resample wars):
//
//	                         conditions assumed             conditions applied             published
//	1816-1944, per ally      0.623 (205/329) [0.52, 0.72]   0.614 (181/295) [0.50, 0.73]   LLM 0.745
//	1816-1944, per alliance  0.655 (112/171) [0.55, 0.75]   0.647 (99/153) [0.54, 0.76]    BF 0.66
//	  to fight, per ally     0.390 (60/154)                 0.391 (54/138)
//	1945-2003, per ally      0.688 (1226/1783)              0.852 (1497/1757)              BF 0.22
//	  to fight, per ally     0.072 (41/571)                 0.060 (15/248)
//	cases still assumed      178 of 329 (1816-1944)         58 of 295
//
// Applied: location (an opponent directly contiguous to the partner, COW
// types 1-4), number of attackers (two or more), neutrality conditional on
// being attacked or not provoking (the partner on the side opposite the
// initiators), with named adversaries as before; defence is always read as
// requiring the partner to be attacked, which is the non-provocation test.
// Still assumed: the specific conflict, demands, and adversary limits that
// name no state (58 cases before 1945, 52 of them pledges to fight).
//
// Applying the conditions barely moves 1816-1944 (-0.009 per ally, -0.008
// per alliance): what keeps the share 0.12 below LLM's 74.5% is not the
// conditions the data can test. LLM's figure stays inside the per-alliance
// interval. After 1945 the location condition removes most invocations of
// pledges to fight (571 to 248: wars fought far from the treaty area, as
// in Korea or Vietnam, no longer invoke regional defence pacts), and the
// pooled share rises to 0.852, further from Berkemeier and Fuhrmann's 22%.
// The test fails if a count moves, a share moves by more than 0.0005 or
// an interval bound by more than 0.01.
func TestConditionsApplied(t *testing.T) {
	data := loadReliability(t)
	ms, wr, ct := data.Members, data.Wars, data.Contiguity
	wars := WarsFromDyads(wr)
	assumed, err := CasesWith(ms, wars, Conditions{})
	if err != nil {
		t.Fatal(err)
	}
	applied, err := CasesWith(ms, wars, Conditions{Contiguity: ct, Attack: true, Number: true})
	if err != nil {
		t.Fatal(err)
	}
	unchecked := func(cs []Case, from, to int) int {
		n := 0
		for _, c := range Filter(cs, from, to, nil) {
			if c.Unchecked {
				n++
			}
		}
		return n
	}
	for _, p := range []struct {
		name              string
		cases             []Case
		from, to          int
		keep              func(Case) bool
		honoured, n, unch int
		share, lo, hi     float64
	}{
		{"assumed, per ally", assumed, 1816, 1944, nil, 205, 329, 178, 0.623, 0.523, 0.720},
		{"applied, per ally", applied, 1816, 1944, nil, 181, 295, 58, 0.614, 0.504, 0.729},
		{"assumed, per alliance", PerAlliance(assumed), 1816, 1944, nil, 112, 171, 100, 0.655, 0.549, 0.747},
		{"applied, per alliance", PerAlliance(applied), 1816, 1944, nil, 99, 153, 24, 0.647, 0.535, 0.759},
		{"assumed, to fight", assumed, 1816, 1944, fighting, 60, 154, -1, 0.390, 0.204, 0.561},
		{"applied, to fight", applied, 1816, 1944, fighting, 54, 138, -1, 0.391, 0.193, 0.561},
		{"assumed, per ally", assumed, 1945, 2003, nil, 1226, 1783, 441, 0.688, 0.528, 0.828},
		{"applied, per ally", applied, 1945, 2003, nil, 1497, 1757, 5, 0.852, 0.742, 0.931},
		{"assumed, to fight", assumed, 1945, 2003, fighting, 41, 571, -1, 0.072, 0.024, 0.135},
		{"applied, to fight", applied, 1945, 2003, fighting, 15, 248, -1, 0.060, 0.011, 0.149},
	} {
		e := Share(p.cases, p.from, p.to, p.keep, seed, reps)
		u := unchecked(Filter(p.cases, p.from, p.to, p.keep), p.from, p.to)
		t.Logf("%-22s %s; %d with a condition assumed | LLM %.3f", p.name, e, u, publishedLLM)
		if e.Honoured != p.honoured || e.Cases != p.n || (p.unch >= 0 && u != p.unch) {
			t.Errorf("%s %d-%d: %d/%d honoured, %d unchecked; pinned %d/%d, %d", p.name, p.from, p.to, e.Honoured, e.Cases, u, p.honoured, p.n, p.unch)
		}
		if math.Abs(e.Share-p.share) > 0.0005 || math.Abs(e.CI.Lo-p.lo) > 0.01 || math.Abs(e.CI.Hi-p.hi) > 0.01 {
			t.Errorf("%s %d-%d: %.4f [%.3f, %.3f], pinned %.3f [%.3f, %.3f]", p.name, p.from, p.to, e.Share, e.CI.Lo, e.CI.Hi, p.share, p.lo, p.hi)
		}
	}
}
