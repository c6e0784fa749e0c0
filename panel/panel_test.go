package panel

import (
	"math"
	"testing"

	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/dataset/cowstate"
	"github.com/entente/entente/dataset/nmc"
	"github.com/entente/entente/internal/sharedata"
)

// dyadRow is one row of a streamed block, copied out for assertions.
type dyadRow struct {
	a, b           int
	shared         int
	owes, owedBy   atop.Obligation
	capA, capB     [NumCaps]float64
	majorA, majorB bool
	ratio          float64
	known          bool
}

// findDyad streams year y and returns the row of (a, b).
func findDyad(tb testing.TB, p *Panel, y, a, b int, directed bool) dyadRow {
	tb.Helper()
	var out *dyadRow
	err := p.Dyads(DyadOptions{From: y, To: y, Directed: directed}, func(blk *DyadBlock) error {
		for r := range blk.I {
			if blk.Year.States[blk.I[r]] != a || blk.Year.States[blk.J[r]] != b {
				continue
			}
			d := dyadRow{a: a, b: b, shared: int(blk.Shared[r]), owes: blk.Owes[r], owedBy: blk.OwedBy[r],
				majorA: blk.MajorA[r], majorB: blk.MajorB[r], ratio: blk.Ratio[r], known: blk.Year.AlliancesKnown}
			for k := range NumCaps {
				d.capA[k], d.capB[k] = blk.CapA[k][r], blk.CapB[k][r]
			}
			out = &d
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	if out == nil {
		tb.Fatalf("no row (%d, %d) in %d (directed %v)", a, b, y, directed)
	}
	return *out
}

func TestDyadRowCountsMatchTheSystem(t *testing.T) {
	p := realPanelT(t)
	src := sources(t)
	perYear := map[int]int{}
	for _, s := range src.System {
		perYear[s.Year]++
	}
	var wantU, wantD int
	for _, n := range perYear {
		wantU += n * (n - 1) / 2
		wantD += n * (n - 1)
	}
	for _, directed := range []bool{false, true} {
		got := 0
		err := p.Dyads(DyadOptions{From: 1816, To: 2016, Directed: directed}, func(b *DyadBlock) error {
			if n := perYear[b.Year.Year]; b.Len() != b.Year.DyadCount(directed) || b.Year.N() != n {
				t.Errorf("%d: %d rows for %d states (directed %v)", b.Year.Year, b.Len(), n, directed)
			}
			got += b.Len()
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		want := map[bool]int{false: wantU, true: wantD}[directed]
		if got != want {
			t.Errorf("directed %v: %d rows, want Σ n(n-1)%s = %d", directed, got, map[bool]string{false: "/2"}[directed], want)
		}
	}
	// The figures the COW v2016 system gives, for the record.
	if wantU != 956175 || wantD != 1912350 {
		t.Errorf("system2016 gives %d undirected and %d directed dyad-years; the docs quote 956,175 and 1,912,350", wantU, wantD)
	}
}

func TestUndirectedRowsAreOrderedPairs(t *testing.T) {
	p := realPanelT(t)
	err := p.Dyads(DyadOptions{From: 1990, To: 1991}, func(b *DyadBlock) error {
		for r := range b.I {
			if b.Year.States[b.I[r]] >= b.Year.States[b.J[r]] {
				t.Fatalf("%d row %d: ccode1 %d >= ccode2 %d", b.Year.Year, r, b.Year.States[b.I[r]], b.Year.States[b.J[r]])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestMissingCapabilityStaysMissing(t *testing.T) {
	p := realPanelT(t)
	// NMC 6.0 codes Cuba's military expenditure 1902 as -9 (a real row:
	// CUB,40,1902,-9,...); its CINC is known.
	d := findDyad(t, p, 1902, 2, 40, false)
	if !math.IsNaN(d.capB[MilEx]) {
		t.Errorf("USA-Cuba 1902: milex2 = %v, want NaN (NMC -9)", d.capB[MilEx])
	}
	if math.IsNaN(d.capB[CINC]) || math.IsNaN(d.capA[MilEx]) || math.IsNaN(d.ratio) {
		t.Errorf("USA-Cuba 1902: known values went missing: cinc2 %v milex1 %v ratio %v", d.capB[CINC], d.capA[MilEx], d.ratio)
	}
	if want := d.capA[CINC] / d.capB[CINC]; d.ratio != want {
		t.Errorf("USA-Cuba 1902: ratio %v, want %v", d.ratio, want)
	}
	// Panama's iron and steel 1903 (PAN,95,1903,...,-9,...).
	if d := findDyad(t, p, 1903, 2, 95, true); !math.IsNaN(d.capB[IrSt]) || !math.IsNaN(d.capB[PEC]) {
		t.Errorf("USA-Panama 1903: irst2 %v pec2 %v, want NaN", d.capB[IrSt], d.capB[PEC])
	}
}

// TestMissingCINCMakesTheRatioMissing uses NMC 5.0, which ends in 2012,
// with the 2016 system: every state-year of 2013 has no NMC row. (Neither
// release codes a CINC score -9, so a missing CINC only arises from a
// missing row.)
func TestMissingCINCMakesTheRatioMissing(t *testing.T) {
	src := sources(t)
	for _, r := range src.NMC {
		if math.IsNaN(r.CINC) {
			t.Fatalf("NMC 6.0 has a missing CINC (%s %d); use it in this test", r.Abb, r.Year)
		}
	}
	v5, err := nmc.Load(sharedata.Path(t, "cow_nmc/NMC_5_0.csv"), nmc.V5)
	if err != nil {
		t.Fatal(err)
	}
	src.NMC = v5
	p, err := New(src)
	if err != nil {
		t.Fatal(err)
	}
	d := findDyad(t, p, 2013, 2, 365, false)
	for k := range NumCaps {
		if !math.IsNaN(d.capA[k]) || !math.IsNaN(d.capB[k]) {
			t.Errorf("2013 with NMC 5.0: %v = %v, %v; want NaN", k, d.capA[k], d.capB[k])
		}
	}
	if !math.IsNaN(d.ratio) {
		t.Errorf("2013 with NMC 5.0: cap_ratio %v, want NaN", d.ratio)
	}
	if d := findDyad(t, p, 2012, 2, 365, false); math.IsNaN(d.ratio) {
		t.Errorf("2012 with NMC 5.0: cap_ratio NaN, want a value")
	}
}

func TestOneSidedPledgesPointOneWay(t *testing.T) {
	p := realPanelT(t)
	for _, tc := range []struct {
		name           string
		year, pledger  int
		partner        int
		without        atop.Obligation // what the partner does not owe back
		alliance, size int
	}{
		// ATOP 1060 (1832-1833): France promised to defend Belgium;
		// Belgium undertook nothing.
		{"France-Belgium 1832", 1832, 220, 211, atop.Defense, 1060, 2},
		// ATOP 3375, the 1960 US-Japan treaty: the US owes Japan defense;
		// Japan owes the US non-aggression and consultation only.
		{"US-Japan 1970", 1970, 2, 740, atop.Defense, 3375, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			there := findDyad(t, p, tc.year, tc.pledger, tc.partner, true)
			back := findDyad(t, p, tc.year, tc.partner, tc.pledger, true)
			if !there.owes.Has(tc.without) || back.owes.Has(tc.without) {
				t.Errorf("%s: pledger owes %v, partner owes %v; want %v one way only", tc.name, there.owes, back.owes, tc.without)
			}
			if there.owedBy != back.owes || back.owedBy != there.owes {
				t.Errorf("%s: OwedBy does not mirror the reverse row: %v/%v vs %v/%v", tc.name, there.owes, there.owedBy, back.owes, back.owedBy)
			}
			if there.shared != 1 || back.shared != 1 {
				t.Errorf("%s: shared %d and %d, want 1", tc.name, there.shared, back.shared)
			}
			// The member file agrees: the phase is one-sided in this
			// obligation.
			var group []atop.Member
			for _, m := range sources(t).Members {
				if m.ATOPID == tc.alliance {
					group = append(group, m)
				}
			}
			if len(group) != tc.size || !atop.OneSided(group, tc.without) {
				t.Errorf("ATOP %d: %d rows, one-sided %v", tc.alliance, len(group), atop.OneSided(group, tc.without))
			}
			// Undirected, the dyad carries the pledge.
			a, b := min(tc.pledger, tc.partner), max(tc.pledger, tc.partner)
			if u := findDyad(t, p, tc.year, a, b, false); !(u.owes | u.owedBy).Has(tc.without) {
				t.Errorf("%s: undirected row lacks %v", tc.name, tc.without)
			}
		})
	}
}

func TestNATODyadsCarryDefenseIn1950(t *testing.T) {
	p := realPanelT(t)
	// The twelve signatories of 4 April 1949 (ATOP 3180, phase 1).
	nato := []int{2, 20, 200, 210, 211, 212, 220, 235, 325, 385, 390, 395}
	yr, _ := p.Year(1950)
	for _, a := range nato {
		for _, b := range nato {
			if a == b {
				continue
			}
			if _, ok := yr.Index(a); !ok {
				t.Fatalf("%d is not a system member in 1950", a)
			}
			o, _, shared, ok := p.Alliances().Dyad(1950, a, b)
			d := findDyad(t, p, 1950, a, b, true)
			if !ok || !o.Has(atop.Defense) || !d.owes.Has(atop.Defense) || d.shared < 1 {
				t.Errorf("%d→%d in 1950: owes %v (alliance index %v, %d shared), want defense", a, b, d.owes, o, shared)
			}
		}
	}
}

// TestStateYearsMatchATOPStateYearFile checks the state-year counts and
// obligations derived from the member file against ATOP's own state-year
// file, for every system state-year.
func TestStateYearsMatchATOPStateYearFile(t *testing.T) {
	p := realPanelT(t)
	sy, err := atop.LoadStateYears(sharedata.Path(t, "atop_v5.1/atop5_1sy.csv"))
	if err != nil {
		t.Fatal(err)
	}
	type key struct{ c, y int }
	want := map[key]atop.StateYear{}
	for _, s := range sy {
		want[key{s.State, s.Year}] = s
	}
	var checked, allied int
	err = p.StateYears(0, 0, func(s *StateYear) error {
		checked++
		w, ok := want[key{s.CCode, s.Year}]
		if ok {
			allied++
		}
		if s.Alliances != w.Number || s.Owes != w.Obligations {
			t.Errorf("%s %d: %d alliances with %v; atop5_1sy has %d with %v", s.Abb, s.Year, s.Alliances, s.Owes, w.Number, w.Obligations)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked != 15951 || allied < 8000 {
		t.Errorf("checked %d state-years, %d allied", checked, allied)
	}
}

func TestMajorPowers(t *testing.T) {
	p := realPanelT(t)
	for _, tc := range []struct {
		year, ccode int
		want        bool
	}{{1897, 2, false}, {1899, 2, true}, {1950, 365, true}, {1950, 200, true}, {1960, 740, false}, {1995, 740, true}, {2016, 710, true}} {
		yr, _ := p.Year(tc.year)
		i, ok := yr.Index(tc.ccode)
		if !ok || yr.Major[i] != tc.want {
			t.Errorf("major(%d, %d) = %v, want %v", tc.ccode, tc.year, ok && yr.Major[i], tc.want)
		}
	}
}

func TestCarryToExtendsTheSystemOnlyWhenAsked(t *testing.T) {
	src := sources(t)
	p := realPanelT(t)
	if _, last := p.Span(); last != 2016 {
		t.Fatalf("panel ends in %d, want 2016", last)
	}
	if err := p.Dyads(DyadOptions{From: 2017, To: 2017}, func(*DyadBlock) error { return nil }); err == nil {
		t.Error("2017 streamed without CarryTo")
	}
	src.CarryTo = 2018
	q, err := New(src)
	if err != nil {
		t.Fatal(err)
	}
	y16, _ := q.Year(2016)
	y18, _ := q.Year(2018)
	if !y18.Carried || y16.Carried || y18.N() != y16.N() || !y18.AlliancesKnown || !math.IsNaN(y18.Caps[CINC][0]) {
		t.Errorf("2018 carried %v, %d states (2016: %d), alliances known %v, CINC %v", y18.Carried, y18.N(), y16.N(), y18.AlliancesKnown, y18.Caps[CINC][0])
	}
	// Montenegro joined NATO in 2017: the carried year has it.
	if o, _, _, _ := q.Alliances().Dyad(2018, 341, 2); !o.Has(atop.Defense) {
		t.Errorf("Montenegro-US 2018 owes %v, want defense", o)
	}
}

func TestBadSources(t *testing.T) {
	if _, err := New(Sources{}); err == nil {
		t.Error("New without a system succeeded")
	}
	dup := []cowstate.StateYear{{Abb: "USA", CCode: 2, Year: 1900}, {Abb: "USA", CCode: 2, Year: 1900}}
	if _, err := New(Sources{System: dup}); err == nil {
		t.Error("a duplicate state-year was accepted")
	}
	p, err := New(Sources{System: dup[:1]})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Dyads(DyadOptions{From: 1899, To: 1900}, func(*DyadBlock) error { return nil }); err == nil {
		t.Error("a year outside the panel was accepted")
	}
	if yr, _ := p.Year(1900); yr.AlliancesKnown || !math.IsNaN(yr.Caps[CINC][0]) {
		t.Error("without ATOP and NMC rows the year claims alliances or capabilities")
	}
}
