package atopindex

import (
	"slices"
	"sync"
	"testing"

	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/dataset/csvio"
	"github.com/entente/entente/internal/sharedata"
)

func TestSpell(t *testing.T) {
	for _, tc := range []struct {
		name       string
		entry, ext csvio.Date
		from, to   Day
	}{
		{"full dates", csvio.Date{Year: 1949, Month: 8, Day: 24}, csvio.Date{Year: 1966, Month: 7, Day: 1}, 19490824, 19660701},
		{"unknown days", csvio.Date{Year: 1949, Month: 8}, csvio.Date{Year: 1966, Month: 7}, 19490801, 19660731},
		{"unknown months", csvio.Date{Year: 1949}, csvio.Date{Year: 1966}, 19490101, 19661231},
		{"still in force", csvio.Date{Year: 1949, Month: 8, Day: 24}, csvio.Date{}, 19490824, 20181231},
		{"exit after coverage", csvio.Date{Year: 2000, Month: 1, Day: 1}, csvio.Date{Year: 2020, Month: 5, Day: 1}, 20000101, 20181231},
	} {
		m := atop.Member{Entry: tc.entry, Exit: tc.ext}
		if from, to := Spell(&m, LastYear); from != tc.from || to != tc.to {
			t.Errorf("%s: %d-%d, want %d-%d", tc.name, from, to, tc.from, tc.to)
		}
	}
}

// TestOneSidedAndPhases builds a small index: a one-sided pledge, a state
// that leaves in March, and an alliance that changes phase mid-year.
func TestOneSidedAndPhases(t *testing.T) {
	d := func(y, m, day int) csvio.Date { return csvio.Date{Year: y, Month: m, Day: day} }
	ms := []atop.Member{
		{Terms: atop.Terms{ATOPID: 1060, Obligations: atop.Defense}, Member: 220, Entry: d(1832, 11, 22), Exit: d(1833, 5, 21)},
		{Terms: atop.Terms{ATOPID: 1060}, Member: 211, Entry: d(1832, 11, 22), Exit: d(1833, 5, 21)},
		{Terms: atop.Terms{ATOPID: 2130, Obligations: atop.Defense}, Member: 255, Entry: d(1925, 10, 16), Exit: d(1936, 3, 7)},
		{Terms: atop.Terms{ATOPID: 2130, Obligations: atop.Defense}, Member: 220, Entry: d(1925, 10, 16), Exit: d(1939, 9, 3)},
		{Terms: atop.Terms{ATOPID: 9, Obligations: atop.Consultation}, Member: 2, Phase: 1, Entry: d(1950, 1, 1), Exit: d(1950, 6, 30)},
		{Terms: atop.Terms{ATOPID: 9, Obligations: atop.Consultation}, Member: 20, Phase: 1, Entry: d(1950, 1, 1), Exit: d(1950, 6, 30)},
		{Terms: atop.Terms{ATOPID: 9, Obligations: atop.Defense}, Member: 2, Phase: 2, Entry: d(1950, 7, 1)},
		{Terms: atop.Terms{ATOPID: 9, Obligations: atop.Defense}, Member: 20, Phase: 2, Entry: d(1950, 7, 1)},
	}
	ix, err := New(ms, LastYear)
	if err != nil {
		t.Fatal(err)
	}
	if owes, owedBy, n := ix.Dyad(DayOf(1833, 1, 1), 220, 211); owes != atop.Defense || owedBy != 0 || n != 1 {
		t.Errorf("France-Belgium 1833: owes %v, owed %v, %d", owes, owedBy, n)
	}
	if owes, _, _ := ix.Dyad(DayOf(1833, 1, 1), 211, 220); owes != 0 {
		t.Errorf("Belgium owes France %v", owes)
	}
	// Locarno: Germany is out on 31 December 1936, in during 1936.
	if got := ix.Allies(YearEnd(1936), 255, 0); len(got) != 0 {
		t.Errorf("Germany's allies at the end of 1936: %v", got)
	}
	if got := ix.DuringYear(1936); !slices.ContainsFunc(got, func(t Tie) bool { return t.From == 255 && t.To == 220 }) {
		t.Errorf("Germany-France during 1936 missing: %v", got)
	}
	// A phase change mid-year: the later phase's obligations for the year.
	for _, tc := range []struct {
		ties []Tie
		want atop.Obligation
	}{{ix.DuringYear(1950), atop.Defense}, {ix.OnDay(DayOf(1950, 3, 1)), atop.Consultation}, {ix.InYear(1950), atop.Defense}} {
		i := slices.IndexFunc(tc.ties, func(t Tie) bool { return t.From == 2 && t.To == 20 })
		if i < 0 || tc.ties[i].Owes != tc.want {
			t.Errorf("US-Canada 1950: %v, want %v", tc.ties, tc.want)
		}
	}
	if ix.Covers(2019) || !ix.Covers(1832) {
		t.Error("coverage wrong")
	}
	if _, err := New(nil, LastYear); err == nil {
		t.Error("no rows accepted")
	}
}

var real = sync.OnceValues(func() (*Index, error) {
	ms, err := atop.LoadMembers(sharedata.Root() + "/atop_v5.1/atop5_1m.csv")
	if err != nil {
		return nil, err
	}
	return New(ms, LastYear)
})

// TestRealATOP checks the index on ATOP 5.1: Locarno (2130) without
// Germany at the end of 1936, NATO's roster on 31 December 2018, and the
// US-Japan treaty's one-sided defense pledge.
func TestRealATOP(t *testing.T) {
	sharedata.Path(t, "atop_v5.1/atop5_1m.csv")
	ix, err := real()
	if err != nil {
		t.Fatal(err)
	}
	for _, tie := range ix.InYear(1936) {
		if tie.ATOPID == 2130 && (tie.From == 255 || tie.To == 255) {
			t.Errorf("Germany in Locarno at the end of 1936: %+v", tie)
		}
	}
	nato := map[int]bool{}
	for _, m := range ix.Members(YearEnd(2018), YearEnd(2018)) {
		if m.ATOPID == 3180 {
			nato[m.CCode] = true
		}
	}
	// 29 members on 31 December 2018 (Montenegro joined in 2017; North
	// Macedonia in 2020 and Finland in 2023 are after ATOP 5.1).
	if len(nato) != 29 || !nato[341] || nato[343] || nato[375] {
		t.Errorf("NATO at the end of 2018: %d members %v", len(nato), nato)
	}
	owes, owedBy, _ := ix.Dyad(YearEnd(1990), 2, 740)
	if !owes.Has(atop.Defense) || owedBy.Has(atop.Defense) {
		t.Errorf("US-Japan 1990: US owes %v, Japan owes %v", owes, owedBy)
	}
}

// TestAllianceAndOpen checks one alliance's rows in a window, the open
// end of a membership still in force and Day.Time.
func TestAllianceAndOpen(t *testing.T) {
	d := func(y, m, day int) csvio.Date { return csvio.Date{Year: y, Month: m, Day: day} }
	ms := []atop.Member{
		{Terms: atop.Terms{ATOPID: 7}, Member: 2, Entry: d(1950, 1, 1)},
		{Terms: atop.Terms{ATOPID: 7}, Member: 20, Entry: d(1950, 1, 1), Exit: d(1960, 6, 0)},
		{Terms: atop.Terms{ATOPID: 8}, Member: 200, Entry: d(1955, 1, 1), Exit: d(1956, 1, 1)},
		{Terms: atop.Terms{ATOPID: 3}, Member: 220, Entry: d(1940, 1, 1), Exit: d(1945, 1, 1)},
	}
	ix, err := New(ms, LastYear)
	if err != nil {
		t.Fatal(err)
	}
	if got := ix.Alliance(7, YearStart(1960), YearEnd(1960)); len(got) != 2 || got[0].CCode != 2 || got[1].CCode != 20 {
		t.Errorf("alliance 7 in 1960: %+v", got)
	}
	if got := ix.Alliance(7, YearEnd(1960), YearEnd(1960)); len(got) != 1 || !ix.Open(got[0]) {
		t.Errorf("alliance 7 on 31 December 1960: %+v, want the US, open", got)
	}
	if got := ix.Alliance(7, YearStart(1960), YearEnd(1960)); ix.Open(got[1]) || got[1].To != DayOf(1960, 6, 31) {
		t.Errorf("Canada's exit: %+v", got[1])
	}
	if got := ix.Alliance(9, YearStart(1900), YearEnd(2018)); got != nil {
		t.Errorf("unknown alliance: %+v", got)
	}
	if got := DayOf(1960, 6, 31).Time(); got.Format("2006-01-02") != "1960-06-30" {
		t.Errorf("the last of June: %v", got)
	}
}
