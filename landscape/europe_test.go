package landscape

import (
	"math"
	"slices"
	"sync"
	"testing"

	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/dataset/atopindex"
	"github.com/entente/entente/dataset/cowstate"
	"github.com/entente/entente/dataset/nmc"
	"github.com/entente/entente/internal/sharedata"
)

var (
	europeOnce sync.Once
	europeCase *Case
	europeErr  error
)

// realEurope builds the Europe 1936 case from the shared data once.
func realEurope(t *testing.T) *Case {
	t.Helper()
	nmcPath, membersPath := sharedata.Path(t, sharedata.NMC6), sharedata.Path(t, sharedata.Members)
	europeOnce.Do(func() {
		var recs []nmc.Record
		var members []atop.Member
		if recs, europeErr = nmc.Load(nmcPath, nmc.V6); europeErr != nil {
			return
		}
		if members, europeErr = atop.LoadMembers(membersPath); europeErr != nil {
			return
		}
		europeCase, europeErr = Europe1936(recs, members)
	})
	if europeErr != nil {
		t.Fatal(europeErr)
	}
	return europeCase
}

// TestEuropeStatesAreTheCOWStates checks the hand-typed table against the
// COW state list: each code must be the state named, in the system in 1936.
func TestEuropeStatesAreTheCOWStates(t *testing.T) {
	states, err := cowstate.LoadStates(sharedata.Path(t, sharedata.States))
	if err != nil {
		t.Fatal(err)
	}
	abb := map[string]string{"UK": "UKG", "France": "FRN", "USSR": "RUS", "Czechoslovakia": "CZE", "Yugoslavia": "YUG",
		"Greece": "GRC", "Denmark": "DEN", "Poland": "POL", "Portugal": "POR", "Germany": "GMY", "Italy": "ITA",
		"Hungary": "HUN", "Romania": "ROM", "Finland": "FIN", "Estonia": "EST", "Latvia": "LAT", "Lithuania": "LIT"}
	for _, s := range EuropeStates {
		i := slices.IndexFunc(states, func(st cowstate.State) bool {
			return st.CCode == s.CCode && st.Begin.Year <= EuropeYear && st.End.Year >= EuropeYear
		})
		if i < 0 || states[i].Abb != abb[s.Name] {
			t.Errorf("%s: COW code %d is not %s in %d", s.Name, s.CCode, abb[s.Name], EuropeYear)
		}
	}
	if len(EuropeStates) != len(abb) {
		t.Errorf("%d states, want Axelrod and Bennett's 17", len(EuropeStates))
	}
}

// TestEuropeAlignmentsAsPublished checks the two reference alignments
// against the sides the paper and the war give, typed here from the text
// of the paper's test (Axelrod and Bennett 1993, table 2), not from the
// table under test.
func TestEuropeAlignmentsAsPublished(t *testing.T) {
	axis := []string{"Germany", "Italy", "Hungary", "Romania", "Finland", "Estonia", "Latvia", "Lithuania"}
	c := &Case{}
	for _, s := range EuropeStates {
		c.Names, c.History, c.Paper = append(c.Names, s.Name), append(c.History, s.History), append(c.Paper, s.Paper)
	}
	for _, tc := range []struct {
		name string
		ref  []bool
		want []string
	}{
		{"1939-41", c.History, axis},
		{"paper 1936", c.Paper, append([]string{"Poland", "Portugal"}, axis...)},
	} {
		got, want := c.BlocB(tc.ref), slices.Clone(tc.want)
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s: bloc B %v, want %v", tc.name, got, want)
		}
	}
}

// TestEurope1936OnRealData pins the result on NMC 6.0 and ATOP 5.1. The
// propensities come from alliance portfolios only (not the paper's
// ethnicity, religion, borders, government and past wars), so the landscape
// differs from the paper's two minima: it has one, with every alignment in
// its basin. Energies are pinned to 1e-9 relative, shares to 1e-12.
//
// On 31 December 1936 (the default) Germany is out of Locarno, which
// leaves Britain, Belgium and Italy's guarantee of France's border without
// Germany: France, tied to the USSR and the Little Entente, moves to the
// other side and 11 states are misplaced. On 1 March 1936, a week before
// Germany denounced Locarno, the landscape is the one read earlier from
// ties in force at any time in 1936, with 8 misplaced (its energy differs:
// ties that began or ended later in 1936 are out).
func TestEurope1936OnRealData(t *testing.T) {
	c := realEurope(t)
	var total float64
	for _, s := range c.Sizes {
		total += s
	}
	if math.Abs(total-1) > 1e-12 || math.Abs(c.Sizes[2]-0.3004027678408885) > 1e-12 || math.Abs(c.Sizes[9]-0.23338556175861033) > 1e-12 {
		t.Errorf("sizes sum to %v; USSR %v, Germany %v: want 1, 0.30040, 0.23339", total, c.Sizes[2], c.Sizes[9])
	}
	march := realEuropeMarch(t)
	for _, tc := range []struct {
		name      string
		c         *Case
		energy    float64
		blocB     []string
		misplaced []string
	}{
		{"31 December 1936", c, -0.05175531413605086,
			[]string{"France", "USSR", "Czechoslovakia", "Yugoslavia", "Romania"},
			[]string{"France", "USSR", "Czechoslovakia", "Yugoslavia", "Germany", "Italy", "Hungary", "Finland", "Estonia", "Latvia", "Lithuania"}},
		{"1 March 1936", march, -0.04773261987287292,
			[]string{"USSR", "Czechoslovakia", "Yugoslavia", "Greece", "Poland", "Romania", "Finland", "Estonia", "Latvia", "Lithuania"},
			[]string{"USSR", "Czechoslovakia", "Yugoslavia", "Greece", "Poland", "Germany", "Italy", "Hungary"}},
	} {
		res, err := tc.c.Solve("auto", Options{})
		if err != nil {
			t.Fatal(err)
		}
		if res.Method != MethodExhaustive || !res.BasinsExact || len(res.Minima) != 1 || res.Minima[0].Basin != 1<<16 {
			t.Fatalf("%s: want one exact minimum holding all 65536 alignments, got %+v", tc.name, res)
		}
		a := tc.c.Alignments(res)[0]
		if math.Abs(a.Energy-tc.energy) > 1e-9*math.Abs(tc.energy) {
			t.Errorf("%s: energy %v, want %v", tc.name, a.Energy, tc.energy)
		}
		if !slices.Equal(a.BlocB, tc.blocB) {
			t.Errorf("%s: bloc B %v, want %v", tc.name, a.BlocB, tc.blocB)
		}
		if !slices.Equal(a.Misplaced, tc.misplaced) {
			t.Errorf("%s: misplaced %v, want %v", tc.name, a.Misplaced, tc.misplaced)
		}
	}
}

// realEuropeMarch builds the case with ties in force on 1 March 1936.
func realEuropeMarch(t *testing.T) *Case {
	t.Helper()
	recs, err := nmc.Load(sharedata.Path(t, sharedata.NMC6), nmc.V6)
	if err != nil {
		t.Fatal(err)
	}
	members, err := atop.LoadMembers(sharedata.Path(t, sharedata.Members))
	if err != nil {
		t.Fatal(err)
	}
	c, err := Europe1936At(recs, members, atopindex.DayOf(1936, 3, 1))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestAllianceTiesLocarno: Germany shares Locarno (ATOP 2130) with
// Britain, Belgium, France and Italy on 1 March 1936 and with none of them
// from 8 March (it denounced the treaty on 7 March) to 31 December, while
// its non-aggression pact with Poland (ATOP 2325) stays in force.
func TestAllianceTiesLocarno(t *testing.T) {
	members, err := atop.LoadMembers(sharedata.Path(t, sharedata.Members))
	if err != nil {
		t.Fatal(err)
	}
	ix, err := atopindex.New(members, atopindex.LastYear)
	if err != nil {
		t.Fatal(err)
	}
	locarno := func(day atopindex.Day) []int {
		var with []int
		for _, x := range ix.OnDay(day) {
			if x.From == 255 && x.ATOPID == 2130 {
				with = append(with, x.To)
			}
		}
		slices.Sort(with)
		return with
	}
	for _, tc := range []struct {
		day  atopindex.Day
		want []int
	}{
		{atopindex.DayOf(1936, 3, 1), []int{200, 211, 220, 325}},
		{atopindex.DayOf(1936, 3, 8), nil},
		{atopindex.YearEnd(1936), nil},
	} {
		if got := locarno(tc.day); !slices.Equal(got, tc.want) {
			t.Errorf("Germany's Locarno partners on %v: %v, want %v", tc.day, got, tc.want)
		}
	}
	if got := AllianceTies(ix, atopindex.DayOf(1936, 3, 1))[[2]int{255, 220}]; got == 0 {
		t.Error("Germany-France: no tie on 1 March 1936")
	}
	if got := AllianceTies(ix, atopindex.YearEnd(1936))[[2]int{255, 220}]; got != 0 {
		t.Errorf("Germany-France: tie %v on 31 December 1936", got)
	}
	if got := AllianceTies(ix, atopindex.YearEnd(1936))[[2]int{255, 290}]; got != 2.0/3 {
		t.Errorf("Germany-Poland: tie %v on 31 December 1936, want 2/3 (non-aggression)", got)
	}
}

func TestTieStrength(t *testing.T) {
	for _, tc := range []struct {
		o    atop.Obligation
		want float64
	}{
		{0, 0},
		{atop.Consultation, 1.0 / 3},
		{atop.NonAggression | atop.Consultation, 2.0 / 3},
		{atop.Neutrality, 2.0 / 3},
		{atop.Defense | atop.Consultation, 1},
		{atop.Offense, 1},
	} {
		if got := TieStrength(tc.o); got != tc.want {
			t.Errorf("TieStrength(%v) = %v, want %v", tc.o, got, tc.want)
		}
	}
}
