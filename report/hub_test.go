package report

import (
	"bytes"
	"encoding/csv"
	"image/png"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"

	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/dataset/unvotes"
	"github.com/entente/entente/fpsim"
)

// byKey indexes rows by hub, year and group.
func byKey(rows []HubRow) map[[2]int]map[string]HubRow {
	m := map[[2]int]map[string]HubRow{}
	for _, r := range rows {
		k := [2]int{r.Hub, r.Year}
		if m[k] == nil {
			m[k] = map[string]HubRow{}
		}
		m[k][r.Group] = r
	}
	return m
}

func TestReportCoversEveryYearAndGroup(t *testing.T) {
	rs := rows(t)
	if len(rs) != 75*2*len(Groups) {
		t.Fatalf("%d rows, want %d (1946-2020, two hubs, %d groups)", len(rs), 75*2*len(Groups), len(Groups))
	}
	m := byKey(rs)
	for _, hub := range []int{USA, Russia} {
		for y := 1946; y <= 2020; y++ {
			g := m[[2]int{hub, y}]
			if len(g) != len(Groups) {
				t.Fatalf("%s %d: groups %v", HubName(hub), y, g)
			}
			all, allies, others := g[GroupAll], g[GroupAllies], g[GroupOthers]
			switch {
			case y == 1964: // the 19th session recorded no roll calls
				if all.RollCalls != 0 || !math.IsNaN(all.Agree) {
					t.Errorf("1964: %d roll calls, agree %v", all.RollCalls, all.Agree)
				}
				continue
			case y > 2018: // past ATOP: alliance groups unknown, never extended
				if allies.Known || others.Known || !math.IsNaN(allies.Agree) || g[GroupAsymmetric].Known {
					t.Errorf("%s %d: alliance groups known past the ATOP data: %+v", HubName(hub), y, allies)
				}
			case y > 2016: // past NMC: no asymmetry classes
				if !allies.Known || g[GroupAsymmetric].Known || g[GroupSymmetric].Known {
					t.Errorf("%s %d: allies known %v, split known %v", HubName(hub), y, allies.Known, g[GroupAsymmetric].Known)
				}
			default:
				if allies.States+others.States != all.States || allies.States == 0 {
					t.Errorf("%s %d: %d allies + %d others != %d voting states", HubName(hub), y, allies.States, others.States, all.States)
				}
			}
			if !all.Known || all.States < 40 || math.IsNaN(all.Agree) {
				t.Errorf("%s %d: all states: %+v", HubName(hub), y, all)
			}
			for _, r := range g {
				for _, v := range []float64{r.Agree, r.AgreeHalf, r.AgreeImportant, r.AgreeHalfImp} {
					if v < 0 || v > 1 {
						t.Errorf("%s %d %s: agreement %v outside [0, 1]", HubName(hub), y, r.Group, v)
					}
				}
				if r.AgreeHalf < r.Agree {
					t.Errorf("%s %d %s: half-credit agreement %v below agreement %v", HubName(hub), y, r.Group, r.AgreeHalf, r.Agree)
				}
			}
			if imp := all.Important > 0; imp != (y >= 1983 && y <= 2017) {
				t.Errorf("%d: %d important votes", y, all.Important)
			}
		}
	}
}

// TestAlliesAgreeMoreInThe1980s asserts the robust facts: in every year
// of the 1980s the United States' defense allies agreed with it more than
// the other states did (over all roll calls, and over important votes
// from 1983), and in every year 1955-1989 the Soviet Union's allies (the
// Warsaw Pact and its bilateral treaties) agreed with it more than the
// others. (Not in 1990: the East European members, in the Warsaw Pact
// until 1991, already voted with the West, and the allies' mean falls
// below the others'.)
func TestAlliesAgreeMoreInThe1980s(t *testing.T) {
	m := byKey(rows(t))
	for y := 1980; y <= 1989; y++ {
		g := m[[2]int{USA, y}]
		if !(g[GroupAllies].Agree > g[GroupOthers].Agree) {
			t.Errorf("US %d: allies %v, others %v", y, g[GroupAllies].Agree, g[GroupOthers].Agree)
		}
		if y >= 1983 && !(g[GroupAllies].AgreeImportant > g[GroupOthers].AgreeImportant) {
			t.Errorf("US %d important: allies %v, others %v", y, g[GroupAllies].AgreeImportant, g[GroupOthers].AgreeImportant)
		}
	}
	for y := 1955; y <= 1989; y++ {
		if y == 1964 {
			continue
		}
		g := m[[2]int{Russia, y}]
		if !(g[GroupAllies].Agree > g[GroupOthers].Agree) {
			t.Errorf("USSR %d: allies %v, others %v", y, g[GroupAllies].Agree, g[GroupOthers].Agree)
		}
	}
	// NATO's members are US allies in 1985 and the Warsaw Pact's are the
	// Soviet Union's: the groups have the right sizes.
	if n := m[[2]int{USA, 1985}][GroupAllies].States; n < 40 {
		t.Errorf("US 1985: %d voting allies", n)
	}
	if n := m[[2]int{Russia, 1985}][GroupAllies].States; n < 6 || n > 12 {
		t.Errorf("USSR 1985: %d voting allies", n)
	}
}

// TestGroupMeanByHand recomputes the US allies' 1985 mean agreement from
// the member file and the vote matrix, with fpsim's one-dyad function.
func TestGroupMeanByHand(t *testing.T) {
	in := input(t)
	allies := map[int]bool{}
	for _, p := range in.Alliances.Pairs(1985) {
		if p.From == USA && (p.Owes | p.OwedBy).Has(atop.Defense) && in.System.IsMember(p.To, 1985) {
			allies[p.To] = true
		}
	}
	us, _ := in.Votes.CountryIndex(USA)
	lo, hi := in.Votes.YearRange(1985)
	col := func(c int) []int8 {
		v := in.Votes.Votes(c)[lo:hi]
		out := make([]int8, len(v))
		for i, x := range v {
			out[i] = int8(x)
			if x == unvotes.Unrecorded {
				out[i] = fpsim.VoteAbsent
			}
		}
		return out
	}
	var sum float64
	var n int
	for c, code := range in.Votes.Countries {
		if !allies[code] {
			continue
		}
		s, err := fpsim.CompareVotes(col(us), col(c))
		if err != nil {
			t.Fatal(err)
		}
		if s.N > 0 {
			sum += s.Agree
			n++
		}
	}
	got := byKey(rows(t))[[2]int{USA, 1985}][GroupAllies]
	if got.States != n || math.Abs(got.Agree-sum/float64(n)) > 1e-12 {
		t.Errorf("US allies 1985: %d states, mean %v; by hand %d, %v", got.States, got.Agree, n, sum/float64(n))
	}
}

func TestAsymmetrySplit(t *testing.T) {
	m := byKey(rows(t))
	// The Sino-Soviet treaty (ATOP 3200, 1950-1980) binds two states
	// within a factor of two in CINC: China is a symmetric ally of the
	// USSR, voting in the UN from 1971.
	for y := 1972; y <= 1979; y++ {
		g := m[[2]int{Russia, y}]
		if g[GroupSymmetric].States != 1 || g[GroupAsymmetric].States < 6 {
			t.Errorf("USSR %d: %d symmetric and %d asymmetric allies", y, g[GroupSymmetric].States, g[GroupAsymmetric].States)
		}
	}
	// Every US defense alliance-year with known capabilities is
	// asymmetric: the US has at least twice the CINC of any partner.
	for y := 1946; y <= 2016; y++ {
		if g := m[[2]int{USA, y}]; g[GroupSymmetric].States != 0 {
			t.Errorf("US %d: %d symmetric allies", y, g[GroupSymmetric].States)
		}
	}
	// NATO 1954: West Germany is a member in ATOP before it is a COW
	// state, so it has no CINC and NATO's class is unknown that year.
	if g := m[[2]int{USA, 1954}]; g[GroupAllies].Unclassified < 10 {
		t.Errorf("US 1954: %d unclassified allies", g[GroupAllies].Unclassified)
	}
}

func TestDecades(t *testing.T) {
	gaps := Decades(rows(t))
	found := 0
	for _, g := range gaps {
		if g.Votes == "all" && g.Decade == 1980 && (g.Hub == USA || g.Hub == Russia) {
			found++
			if g.Years != 10 || !(g.AlliesMinusOthers > 0) || math.Abs(g.Allies-g.Others-g.AlliesMinusOthers) > 1e-12 {
				t.Errorf("%s 1980s: %+v", HubName(g.Hub), g)
			}
		}
		if g.Decade == 2020 && g.Years != 0 {
			t.Errorf("2020: %d years with alliance groups", g.Years)
		}
	}
	if found != 2 {
		t.Errorf("found %d 1980s rows", found)
	}
}

func TestCSVAndChart(t *testing.T) {
	rs := rows(t)
	var buf bytes.Buffer
	if err := WriteCSV(&buf, rs); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(rs)+1 || strings.Join(recs[0], ",") != strings.Join(CSVHeader, ",") {
		t.Fatalf("%d records, header %v", len(recs), recs[0])
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	for _, r := range recs[1:] {
		if r[col["year"]] == "2019" && r[col["group"]] == GroupAllies && (r[col["known"]] != "0" || r[col["agree"]] != "" || r[col["states"]] != "") {
			t.Errorf("2019 allies: %v", r)
		}
		if r[col["year"]] == "1985" && r[col["hub"]] == "2" && r[col["group"]] == GroupAllies && (r[col["agree"]] == "" || r[col["unclassified"]] != "0") {
			t.Errorf("1985 US allies: %v", r)
		}
	}
	buf.Reset()
	if err := WriteDecadesCSV(&buf, Decades(rs)); err != nil {
		t.Fatal(err)
	}
	if recs, err := csv.NewReader(&buf).ReadAll(); err != nil || len(recs[0]) != len(DecadesHeader) {
		t.Errorf("decades CSV: %v, %d columns", err, len(recs[0]))
	}
	buf.Reset()
	if err := Chart(&buf, rs, 10*vg.Inch, 7*vg.Inch); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() < 500 || b.Dy() < 300 {
		t.Errorf("chart is %v", b)
	}
	if err := Chart(&buf, nil, vg.Inch, vg.Inch); err == nil {
		t.Error("an empty chart was drawn")
	}
}

func TestBadInput(t *testing.T) {
	if _, err := HubAndSpoke(HubInput{}, HubOptions{}); err == nil {
		t.Error("no votes accepted")
	}
	in := input(t)
	if _, err := HubAndSpoke(in, HubOptions{From: 2000, To: 1990}); err == nil {
		t.Error("from after to accepted")
	}
}
