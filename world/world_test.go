package world_test

import (
	"testing"

	"github.com/entente/entente"
	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/dataset/cowstate"
	"github.com/entente/entente/internal/sharedata"
	"github.com/entente/entente/world"
)

// loadATOP reads the alliance and member files and the COW states, and
// returns a function that folds one alliance.
func loadATOP(tb testing.TB) func(atopid int) *entente.PactState {
	tb.Helper()
	alliances, err := atop.LoadAlliances(sharedata.Path(tb, "atop_v5.1/atop5_1a.csv"))
	if err != nil {
		tb.Fatal(err)
	}
	members, err := atop.LoadMembers(sharedata.Path(tb, "atop_v5.1/atop5_1m.csv"))
	if err != nil {
		tb.Fatal(err)
	}
	states, err := cowstate.LoadStates(sharedata.Path(tb, "cow_state_system/states2016.csv"))
	if err != nil {
		tb.Fatal(err)
	}
	abb := map[int]string{}
	for _, s := range states {
		abb[s.CCode] = s.Abb
	}
	id := func(c int) entente.ActorID { return world.StateID(abb[c], c) }
	byID := map[int][]atop.Member{}
	for _, m := range members {
		byID[m.ATOPID] = append(byID[m.ATOPID], m)
	}
	return func(atopid int) *entente.PactState {
		tb.Helper()
		for _, a := range alliances {
			if a.ATOPID == atopid {
				st, err := world.Pact(a, byID[atopid], id)
				if err != nil {
					tb.Fatal(err)
				}
				return st
			}
		}
		tb.Fatalf("no ATOP alliance %d", atopid)
		return nil
	}
}

func TestNATOAsAPact(t *testing.T) {
	pact := loadATOP(t)
	nato := pact(3180)
	if nato.Founded.Year() != 1949 {
		t.Fatalf("NATO founded %v", nato.Founded)
	}
	var founders []entente.ActorID
	for id, m := range nato.Members.All() {
		if m.Tenures[0].From.Equal(nato.Founded) {
			founders = append(founders, id)
		}
	}
	// West Germany's membership passes to united Germany in October 1990.
	if gfr := nato.Members.Get("gfr"); gfr == nil || gfr.Left.Year() != 1990 {
		t.Errorf("West Germany %+v, want to have left at unification", gfr)
	}
	if len(founders) != 12 {
		t.Fatalf("NATO has %d founding members, want 12: %v", len(founders), founders)
	}
	hasDefense := false
	for _, o := range nato.Pact.Obligations {
		hasDefense = hasDefense || o == entente.Defense
	}
	if !hasDefense || nato.Dissolved != nil {
		t.Fatalf("NATO obligations %v dissolved %v", nato.Pact.Obligations, nato.Dissolved)
	}
	// Members join at each enlargement. ATOP dates entry by the signing of
	// the accession protocol: Greece and Turkey in October 1951 (in force
	// 1952), West Germany in October 1954, Spain in December 1981, Poland in
	// December 1997, Estonia in March 2003, Albania in July 2008.
	joined := func(id entente.ActorID) int { return nato.Members.Get(id).Tenures[0].From.Year() }
	for id, year := range map[entente.ActorID]int{"tur": 1951, "grc": 1951, "gfr": 1954, "spn": 1981, "pol": 1997, "est": 2003, "alb": 2008} {
		if m := nato.Members.Get(id); m == nil || joined(id) != year {
			t.Errorf("%s joined NATO in %v, want %d", id, m, year)
		}
	}
}

func TestWarsawPactEnds(t *testing.T) {
	pact := loadATOP(t)
	// The Warsaw Pact is ATOP 3285 (1955).
	wp := pact(3285)
	if wp.Founded.Year() != 1955 || wp.Dissolved == nil || wp.Dissolved.At.Year() != 1991 {
		t.Fatalf("Warsaw Pact founded %v dissolved %+v", wp.Founded, wp.Dissolved)
	}
	for _, id := range []entente.ActorID{"rus", "pol", "hun", "rom", "bul", "cze", "gdr"} {
		if wp.Members.Get(id) == nil {
			t.Errorf("%s missing from the Warsaw Pact; members %v", id, keys(wp.Members.Map()))
		}
	}
	if n := len(wp.InPact()); n != 0 {
		t.Fatalf("%d members still in after the end", n)
	}
	// Albania left in 1968.
	if alb := wp.Members.Get("alb"); alb == nil || alb.Left.Year() != 1968 {
		t.Errorf("Albania %+v, want to have left in 1968", alb)
	}
}

func keys(m map[entente.ActorID]*entente.Membership) []entente.ActorID {
	var out []entente.ActorID
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestUnknownDaysFollowTheIndex: dates follow the shared ATOP conventions
// (dataset/atopindex): ATOP 1040 ended in March 1820 with no day given, so
// the pact ends on 31 March; in ATOP 3740 Yugoslavia left in May 1992 with
// no day (it rejoined in 2000), so its first tenure ends on 31 May.
func TestUnknownDaysFollowTheIndex(t *testing.T) {
	pact := loadATOP(t)
	if p := pact(1040); p.Dissolved == nil || p.Dissolved.At.Format("2006-01-02") != "1820-03-31" {
		t.Errorf("ATOP 1040 dissolved %+v, want 31 March 1820", p.Dissolved)
	}
	if yug := pact(3740).Members.Get("yug"); yug == nil || yug.Tenures[0].To.Format("2006-01-02") != "1992-05-31" {
		t.Errorf("ATOP 3740 Yugoslavia %+v, want to have left on 31 May 1992", yug)
	}
}
