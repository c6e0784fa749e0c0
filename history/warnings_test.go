package history

import (
	"errors"
	"math"
	"testing"

	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/dataset/cowstate"
)

func TestOutcome(t *testing.T) {
	opt := WarningOptions{}.withDefaults()
	for _, c := range []struct {
		year, end int
		want      Outcome
	}{
		{2000, 2005, Ended},    // ends 5 years on: within (t, t+5]
		{2000, 2001, Ended},    // next year
		{2000, 2006, Survived}, // 6 years on
		{2000, 0, Survived},    // in force in 2018, so past 2005
		{2013, 0, Survived},    // the last year whose horizon the data cover
		{2014, 0, Censored},    // 2019 is past the data
		{2014, 2016, Censored}, // late years are censored whatever happened
	} {
		if got := outcome(c.year, c.end, opt); got != c.want {
			t.Errorf("year %d, end %d: %s, want %s", c.year, c.end, got, c.want)
		}
	}
}

// toyWarnings: alliance 1 (usa, can) 1940–1950 with defense; alliance 2
// (ukg, rus) 1945 on with non-aggression.
func toyWarnings() WarningInput {
	al := NewAlliances([]atop.Alliance{alliance(1, 1940, 1950), alliance(2, 1945, 0)}, []atop.Member{
		member(1, 2, 1940, 1950, atop.Defense), member(1, 20, 1940, 1950, atop.Defense),
		member(2, 200, 1945, 0, atop.NonAggression), member(2, 365, 1945, 0, atop.NonAggression)})
	var sys []cowstate.StateYear
	for y := 1930; y <= 2016; y++ {
		for _, c := range []int{2, 20, 200, 365} {
			sys = append(sys, cowstate.StateYear{CCode: c, Year: y})
		}
	}
	cinc := Panel{}
	for y := 1930; y <= 1950; y++ {
		cinc[Key{2, y}], cinc[Key{20, y}] = 0.3, 0.1
	}
	cinc[Key{2, 1949}] = 0.2
	return WarningInput{Alliances: al, System: sys, CINC: cinc, Share: Panel{{2, 1949}: 6, {20, 1949}: 2}, Ideal: Panel{}}
}

func TestAllianceYearsToy(t *testing.T) {
	rows, err := AllianceYears(toyWarnings(), WarningOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var one, two []AllianceYear
	for _, r := range rows {
		if r.Alliance == 1 {
			one = append(one, r)
		} else {
			two = append(two, r)
		}
	}
	// Alliance 1 has rows 1940–1949 (not its end year 1950); alliance 2
	// from 1945 to 2018.
	if len(one) != 10 || one[0].Year != 1940 || one[9].Year != 1949 || len(two) != 2018-1945+1 {
		t.Fatalf("rows: alliance 1 %d (%d–%d), alliance 2 %d", len(one), one[0].Year, one[len(one)-1].Year, len(two))
	}
	for _, r := range one {
		want := Survived
		if r.Year >= 1945 {
			want = Ended
		}
		if r.Outcome != want || r.Age != r.Year-1940 || r.Size != 2 || r.EndYear != 1950 {
			t.Errorf("alliance 1, %d: %+v", r.Year, r)
		}
		isNaN(t, "UN cohesion without votes", float64(r.UN.Agree))
		near(t, "portfolio S of two identical portfolios", float64(r.Portfolio), 1, 1e-12)
	}
	r49 := one[9]
	// 1949 CINC 0.2 and 0.1: shares 2/3, 1/3, H = 5/9; five years before
	// 0.3 and 0.1: H = 0.625.
	near(t, "herfindahl 1949", float64(r49.Herfindahl), 5.0/9, 1e-12)
	near(t, "shift 1949", float64(r49.Shift), 5.0/9-0.625, 1e-12)
	// Spending shares 6 and 2: mean 4, sd √8, CV √8/4.
	near(t, "burden CV 1949", float64(r49.BurdenCV), math.Sqrt(8)/4, 1e-12)
	isNaN(t, "burden CV 1948 (no data)", float64(one[8].BurdenCV))
	for _, r := range two {
		isNaN(t, "herfindahl without CINC", float64(r.Herfindahl))
		if (r.Year > 2013) != (r.Outcome == Censored) || (r.Year <= 2013 && r.Outcome != Survived) {
			t.Errorf("alliance 2, %d: outcome %s", r.Year, r.Outcome)
		}
	}
	if _, err := AllianceYears(toyWarnings(), WarningOptions{From: 2030}); !errors.Is(err, ErrNoData) {
		t.Errorf("from 2030: %v, want ErrNoData", err)
	}
}

// TestAllianceYearsReal computes every ATOP alliance-year from the real
// files.
func TestAllianceYearsReal(t *testing.T) {
	rows := realRows(t)
	if len(rows) < 14000 {
		t.Fatalf("%d alliance-years, want more than 14,000", len(rows))
	}
	counts := map[Outcome]int{}
	for _, r := range rows {
		counts[r.Outcome]++
		if r.Year < FirstUNYear && !math.IsNaN(float64(r.UN.Agree)) {
			t.Fatalf("%d %d: UN agreement %g before the UN", r.Alliance, r.Year, r.UN.Agree)
		}
		if r.Year < 1949 && !math.IsNaN(float64(r.BurdenCV)) {
			t.Fatalf("%d %d: spending CV %g before SIPRI's series", r.Alliance, r.Year, r.BurdenCV)
		}
		if r.Alliance == NATO && r.Outcome == Ended {
			t.Fatalf("NATO ended within 5 years of %d", r.Year)
		}
	}
	t.Logf("%d alliance-years: %d ended within 5 years, %d survived, %d censored", len(rows), counts[Ended], counts[Survived], counts[Censored])
	if counts[Ended] < 1000 || counts[Survived] < 10000 {
		t.Errorf("outcomes %v", counts)
	}
}

var realRowsCache []AllianceYear

func realRows(tb testing.TB) []AllianceYear {
	tb.Helper()
	d := loadReal(tb)
	if realRowsCache == nil {
		rows, err := AllianceYears(d.warningInput(), WarningOptions{})
		if err != nil {
			tb.Fatal(err)
		}
		realRowsCache = rows
	}
	return realRowsCache
}

func (d *realData) warningInput() WarningInput {
	return WarningInput{Alliances: d.alliances, System: d.system, Votes: d.votes, Ideal: d.ideal, CINC: d.cinc, Share: d.share}
}
