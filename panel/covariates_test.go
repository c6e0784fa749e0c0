package panel

import (
	"bytes"
	"encoding/csv"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/entente/entente/dataset/atopindex"
	"github.com/entente/entente/dataset/peacesciencer"
	"github.com/entente/entente/internal/sharedata"
)

var covFiles = []string{"cow_contdir.csv", "cow_mindist.csv", "cow_capitals.csv", "tss_rivalries.csv",
	"cow_mid_ddydisps.csv", "cow_war_inter.csv", "ccode_democracy.csv", "cow_igo_ndy.csv", "creg.csv"}

var realCovSources = sync.OnceValues(func() (CovariateSources, error) {
	dir := sharedata.Root() + "/peacesciencer/"
	var s CovariateSources
	var err error
	if s.Contiguity, err = peacesciencer.LoadContiguity(dir + "cow_contdir.csv"); err != nil {
		return s, err
	}
	if s.MinDist, err = peacesciencer.LoadMinDist(dir + "cow_mindist.csv"); err != nil {
		return s, err
	}
	if s.Capitals, err = peacesciencer.LoadCapitals(dir + "cow_capitals.csv"); err != nil {
		return s, err
	}
	if s.Rivalries, err = peacesciencer.LoadTSS(dir + "tss_rivalries.csv"); err != nil {
		return s, err
	}
	if s.MIDs, err = peacesciencer.LoadMIDs(dir + "cow_mid_ddydisps.csv"); err != nil {
		return s, err
	}
	if s.Wars, err = peacesciencer.LoadWars(dir + "cow_war_inter.csv"); err != nil {
		return s, err
	}
	if s.Democracy, err = peacesciencer.LoadDemocracy(dir + "ccode_democracy.csv"); err != nil {
		return s, err
	}
	if s.IGOs, err = peacesciencer.LoadIGOs(dir + "cow_igo_ndy.csv"); err != nil {
		return s, err
	}
	s.CREG, err = peacesciencer.LoadCREG(dir + "creg.csv")
	return s, err
})

func covSources(tb testing.TB) CovariateSources {
	tb.Helper()
	for _, f := range covFiles {
		sharedata.Path(tb, "peacesciencer/"+f)
	}
	s, err := realCovSources()
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// allCovariates builds every covariate family of states and of dyads
// from the shared files.
func allCovariates(tb testing.TB) (states, dyads *Covariates) {
	tb.Helper()
	cs := covSources(tb)
	states, err := NewCovariates(StateCovariates, true, cs)
	if err != nil {
		tb.Fatal(err)
	}
	if dyads, err = NewCovariates(DyadCovariates, false, cs); err != nil {
		tb.Fatal(err)
	}
	return states, dyads
}

// dyadCSV streams the undirected dyad panel of years from..to with every
// covariate and returns the rows keyed by "year,ccode1,ccode2".
func dyadCSV(t *testing.T, from, to int) map[string]map[string]string {
	t.Helper()
	cov, err := NewCovariates(DyadCovariates, false, covSources(t))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w := NewDyadWriterWith(&buf, cov)
	if err := realPanelT(t).Dyads(DyadOptions{From: from, To: to}, w.Write); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]string{}
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		out[r[0]+","+r[1]+","+r[2]] = m
	}
	return out
}

// TestDyadCovariatesKnownCases checks named dyad-years against facts of
// the sources: land borders, wars, rivalries, MIDs, and missing values
// outside each source's coverage.
func TestDyadCovariatesKnownCases(t *testing.T) {
	rows := dyadCSV(t, 1846, 1846)
	usmx := rows["1846,2,70"]
	if usmx["conttype"] != "1" || usmx["cowinteronset"] != "1" || usmx["mindist"] != "" || usmx["polity21"] != "10" {
		t.Errorf("US-Mexico 1846 (Mexican-American War; before CShapes' 1886): %v", usmx)
	}
	rows = dyadCSV(t, 1950, 1950)
	for _, tc := range []struct {
		key  string
		want map[string]string
	}{
		{"1950,2,20", map[string]string{"conttype": "1", "mindist": "0", "rivalry": "0", "cowmidonset": "0", "dyadigos": "39"}},
		{"1950,2,365", map[string]string{"rivalry": "1", "cowinteronset": "0"}},
		{"1950,2,731", map[string]string{"cowinteronset": "1", "cowinterongoing": "1"}}, // Korean War
		{"1950,2,710", map[string]string{"cowinteronset": "1"}},
	} {
		got := rows[tc.key]
		for k, v := range tc.want {
			if got[k] != v {
				t.Errorf("%s %s = %q, want %q (row %v)", tc.key, k, got[k], v, got)
			}
		}
	}
	// US-Canada share 0 km of distance and their capitals are about
	// 735 km apart (Washington-Ottawa great circle).
	if d, _ := strconv.ParseFloat(rows["1950,2,20"]["capdist"], 64); math.Abs(d-735) > 10 {
		t.Errorf("US-Canada capital distance %v km", d)
	}
	rows = dyadCSV(t, 1982, 1982)
	if fk := rows["1982,160,200"]; fk["cowmidonset"] != "1" || fk["hostlev"] != "5" || fk["cowinteronset"] != "1" {
		t.Errorf("Argentina-UK 1982 (Falklands): %v", fk)
	}
	rows = dyadCSV(t, 2015, 2016)
	if r := rows["2015,2,20"]; r["cowmidonset"] != "" || r["cowinteronset"] != "" || r["dyadigos"] != "" || r["conttype"] != "1" {
		t.Errorf("US-Canada 2015: MIDs, wars and IGOs are past their sources and must be empty: %v", r)
	}
}

// TestDyadCovariatesAgainstSources recomputes the event columns of every
// dyad-year 1900-1999 with plain loops over the source records and
// compares them with the panel's, for 1935-1954 (twenty years of
// conflict-dense history keep the test quick).
func TestDyadCovariatesAgainstSources(t *testing.T) {
	src := covSources(t)
	rows := dyadCSV(t, 1935, 1954)
	type key struct{ y, a, b int }
	onset, ongoing, war := map[key]bool{}, map[key]bool{}, map[key]bool{}
	for _, m := range src.MIDs {
		k := key{m.Year, m.CCode1, m.CCode2}
		onset[k] = onset[k] || m.Onset
		ongoing[k] = ongoing[k] || m.Ongoing
	}
	for _, w := range src.Wars {
		war[key{w.Year, w.CCode1, w.CCode2}] = war[key{w.Year, w.CCode1, w.CCode2}] || w.Onset
	}
	igo := map[key]int{}
	for _, r := range src.IGOs {
		igo[key{r.Year, r.CCode1, r.CCode2}] = r.IGOs
	}
	riv := map[key]bool{}
	for _, r := range src.Rivalries {
		for y := r.Start; y <= r.End; y++ {
			riv[key{y, min(r.CCode1, r.CCode2), max(r.CCode1, r.CCode2)}] = true
		}
	}
	var midRows, warRows, rivRows int
	for k, r := range rows {
		p := strings.Split(k, ",")
		y, _ := strconv.Atoi(p[0])
		a, _ := strconv.Atoi(p[1])
		b, _ := strconv.Atoi(p[2])
		kk := key{y, a, b}
		if got, want := r["cowmidonset"] == "1", onset[kk]; got != want {
			t.Fatalf("%s: cowmidonset %q, source %v", k, r["cowmidonset"], want)
		}
		if got, want := r["cowmidongoing"] == "1", ongoing[kk]; got != want {
			t.Fatalf("%s: cowmidongoing %q, source %v", k, r["cowmidongoing"], want)
		}
		if got, want := r["cowinteronset"] == "1", war[kk]; got != want {
			t.Fatalf("%s: cowinteronset %q, source %v", k, r["cowinteronset"], want)
		}
		if got, want := r["rivalry"] == "1", riv[kk]; got != want {
			t.Fatalf("%s: rivalry %q, source %v", k, r["rivalry"], want)
		}
		n, ok := igo[kk]
		if (r["dyadigos"] == "") == ok || (ok && r["dyadigos"] != strconv.Itoa(n)) {
			t.Fatalf("%s: dyadigos %q, source %d (%v)", k, r["dyadigos"], n, ok)
		}
		if onset[kk] {
			midRows++
		}
		if war[kk] {
			warRows++
		}
		if riv[kk] {
			rivRows++
		}
	}
	if midRows < 100 || warRows < 100 || rivRows < 300 {
		t.Errorf("1935-1954: %d MID onsets, %d war onsets, %d rivalry dyad-years: too few to be the sources", midRows, warRows, rivRows)
	}
}

func TestStateCovariates(t *testing.T) {
	cov, err := NewCovariates(StateCovariates, true, covSources(t))
	if err != nil {
		t.Fatal(err)
	}
	h := cov.Header()
	col := map[string]int{}
	for i, n := range h {
		col[n] = i + 1 // the appended text starts with a comma
	}
	get := func(y, c int) []string { return strings.Split(string(cov.AppendState(nil, y, c)), ",") }
	us := get(1950, 2)
	if us[col["land"]] != "2" || us[col["cowinterongoing"]] != "1" || us[col["polity2"]] != "10" || us[col["ethfrac"]] == "" {
		t.Errorf("US 1950: %v (%v)", us, h)
	}
	// Switzerland's land neighbours in COW's 1950 system: France and Italy
	// (Austria and West Germany enter in 1955, Liechtenstein in 1990).
	if sw := get(1950, 225); sw[col["land"]] != "2" || sw[col["cowinterongoing"]] != "0" {
		t.Errorf("Switzerland 1950: land %s, war %s", sw[col["land"]], sw[col["cowinterongoing"]])
	}
	if old := get(1900, 2); old[col["ethfrac"]] != "" || old[col["cowmidonset"]] == "" {
		t.Errorf("US 1900: CREG starts in 1945 and must be empty: %v", old)
	}
}

func TestParseCovariates(t *testing.T) {
	for _, tc := range []struct {
		in     string
		states bool
		want   string
		err    string
	}{
		{"contiguity,distance,rivalry,mids,wars,democracy,igos", false, "contiguity distance rivalry mids wars democracy igos", ""},
		{"all", true, "contiguity rivalry mids wars democracy creg", ""},
		{"mids, mids", false, "mids", ""},
		{"igos", true, "", `"igos" is not a covariate of panel states`},
		{"creg", false, "", `"creg" is not a covariate of panel dyads`},
		{"trade", false, "", `"trade" is not a covariate`},
	} {
		got, err := ParseCovariates(tc.in, tc.states)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%q: error %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		var names []string
		for _, c := range got {
			names = append(names, string(c))
		}
		if err != nil || strings.Join(names, " ") != tc.want {
			t.Errorf("%q: %v %v, want %s", tc.in, names, err, tc.want)
		}
	}
	if _, err := NewCovariates([]Covariate{MIDs}, false, CovariateSources{}); err == nil {
		t.Error("an empty source was accepted")
	}
	for _, c := range DyadCovariates {
		if DyadCovariateDocs[c] == "" {
			t.Errorf("%s is undocumented", c)
		}
	}
	for _, c := range StateCovariates {
		if StateCovariateDocs[c] == "" {
			t.Errorf("%s is undocumented", c)
		}
	}
}

var _ = io.Discard

// TestAlliancesMatchATOPIndex checks that the panel's alliance index and
// atopindex's "during the year" reading give the same ties in every year:
// one set of conventions, in atopindex.
func TestAlliancesMatchATOPIndex(t *testing.T) {
	src := sources(t)
	ix, err := atopindex.New(src.Members, ATOPLastYear)
	if err != nil {
		t.Fatal(err)
	}
	a := realPanelT(t).Alliances()
	first, last := a.Span()
	for y := first; y <= last; y++ {
		got, want := a.Pairs(y), ix.DuringYear(y)
		if len(got) != len(want) {
			t.Fatalf("%d: %d pairs in the panel, %d in atopindex", y, len(got), len(want))
		}
		for i := range got {
			g, w := got[i], want[i]
			if g.From != w.From || g.To != w.To || g.ATOPID != w.ATOPID || g.Phase != w.Phase || g.Owes != w.Owes || g.OwedBy != w.OwedBy {
				t.Fatalf("%d: panel %+v, atopindex %+v", y, g, w)
			}
		}
	}
}
