package atop

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/entente/entente/dataset/csvio"
	"github.com/entente/entente/dataset/internal/testutil"
	"github.com/entente/entente/internal/sharedata"
)

// Row counts stated in atop_v5.1/SOURCE.md.
const (
	wantAlliances  = 789
	wantPhases     = 849
	wantMembers    = 2510
	wantStateYears = 11923
)

func TestRealRowCounts(t *testing.T) {
	a, err := LoadAlliances(sharedata.Path(t, "atop_v5.1/atop5_1a.csv"))
	check(t, err, len(a), wantAlliances)
	p, err := LoadPhases(sharedata.Path(t, "atop_v5.1/atop5_1aph.csv"))
	check(t, err, len(p), wantPhases)
	m, err := LoadMembers(sharedata.Path(t, "atop_v5.1/atop5_1m.csv"))
	check(t, err, len(m), wantMembers)
	sy, err := LoadStateYears(sharedata.Path(t, "atop_v5.1/atop5_1sy.csv"))
	check(t, err, len(sy), wantStateYears)

	ids := map[int]bool{}
	codes := map[int]bool{}
	for _, x := range m {
		ids[x.ATOPID] = true
		codes[x.Member] = true
	}
	// SOURCE.md: 789 alliances, 208 distinct member codes in the member file.
	if len(ids) != 789 || len(codes) != 208 {
		t.Errorf("member file: %d alliances, %d member codes; want 789, 208", len(ids), len(codes))
	}
}

func check(t *testing.T, err error, got, want int) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("rows = %d, want %d", got, want)
	}
}

func membersOf(t *testing.T, atopid int) []Member {
	t.Helper()
	all, err := LoadMembers(sharedata.Path(t, "atop_v5.1/atop5_1m.csv"))
	if err != nil {
		t.Fatal(err)
	}
	var out []Member
	for _, m := range all {
		if m.ATOPID == atopid {
			out = append(out, m)
		}
	}
	return out
}

// statesIn returns the sorted distinct members whose membership covers
// year y.
func statesIn(ms []Member, y int) []int {
	var out []int
	for i := range ms {
		if ms[i].InYear(y) && !slices.Contains(out, ms[i].Member) {
			out = append(out, ms[i].Member)
		}
	}
	slices.Sort(out)
	return out
}

func TestNATO(t *testing.T) {
	alliances, err := LoadAlliances(sharedata.Path(t, "atop_v5.1/atop5_1a.csv"))
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(alliances, func(a Alliance) bool { return a.ATOPID == 3180 })
	if i < 0 {
		t.Fatal("atopid 3180 (NATO) not found")
	}
	nato := alliances[i]
	if nato.Begin != (csvio.Date{Year: 1949, Month: 4, Day: 4}) || !nato.End.IsZero() || !nato.InEffect {
		t.Errorf("NATO begin %v end %v in effect %v", nato.Begin, nato.End, nato.InEffect)
	}
	if !nato.Obligations.Has(Defense) || nato.Obligations.Has(Offense) {
		t.Errorf("NATO obligations = %v, want defense without offense", nato.Obligations)
	}
	if len(nato.Members) != 30 {
		t.Errorf("NATO members ever = %d, want 30", len(nato.Members))
	}

	ms := membersOf(t, 3180)
	founders := []int{2, 20, 200, 210, 211, 212, 220, 235, 325, 385, 390, 395}
	if got := statesIn(ms, 1949); !slices.Equal(got, founders) {
		t.Errorf("NATO 1949 = %v, want the 12 founders %v", got, founders)
	}
	for _, m := range ms {
		if !m.Obligations.Has(Defense) {
			t.Errorf("member %d of NATO lacks a defense obligation", m.Member)
		}
	}
	// Each enlargement, dated by ATOP's member entry year (signature of the
	// accession protocol, hence 1951 for Greece and Turkey, 1954 for West
	// Germany, 1997 for the 1999 round).
	enlargements := []struct {
		year  int
		added []int
	}{
		{1951, []int{350, 640}},
		{1954, []int{260}},
		{1981, []int{230}},
		{1990, []int{255}},
		{1997, []int{290, 310, 316}},
		{2003, []int{317, 349, 355, 360, 366, 367, 368}},
		{2008, []int{339, 344}},
		{2016, []int{341}},
	}
	for _, e := range enlargements {
		var added []int
		for _, m := range ms {
			if m.Entry.Year == e.year && m.Phase != 1 && !slices.Contains(founders, m.Member) {
				added = append(added, m.Member)
			}
		}
		slices.Sort(added)
		if !slices.Equal(added, e.added) {
			t.Errorf("NATO entries in %d = %v, want %v", e.year, added, e.added)
		}
	}
	if got := len(statesIn(ms, 2018)); got != 29 {
		t.Errorf("NATO members in 2018 = %d, want 29", got)
	}
}

func TestWarsawPact(t *testing.T) {
	ms := membersOf(t, 3285)
	want := []int{265, 290, 310, 315, 339, 355, 360, 365}
	if got := statesIn(ms, 1955); !slices.Equal(got, want) {
		t.Errorf("Warsaw Pact 1955 = %v, want %v", got, want)
	}
	for _, m := range ms {
		switch m.Member {
		case 339: // Albania left in 1968
			if m.Exit.Year != 1968 {
				t.Errorf("Albania exit %v, want 1968", m.Exit)
			}
		case 265: // GDR ended with unification
			if m.Exit != (csvio.Date{Year: 1990, Month: 10, Day: 3}) {
				t.Errorf("GDR exit %v, want 1990-10-03", m.Exit)
			}
		default:
			if m.Exit != (csvio.Date{Year: 1991, Month: 7, Day: 1}) {
				t.Errorf("member %d exit %v, want 1991-07-01", m.Member, m.Exit)
			}
		}
	}
	if got := statesIn(ms, 1992); len(got) != 0 {
		t.Errorf("Warsaw Pact members in 1992: %v", got)
	}
}

func TestOneSidedPledges(t *testing.T) {
	ms := membersOf(t, 1060)
	if !OneSided(ms, Defense) || OneSided(ms, Consultation) {
		t.Errorf("alliance 1060: one-sided defense %v, consultation %v", OneSided(ms, Defense), OneSided(ms, Consultation))
	}
	for _, m := range ms {
		if m.Member == 220 && !m.Obligations.Has(Defense) || m.Member == 211 && m.Obligations.Has(Defense) {
			t.Errorf("alliance 1060 member %d obligations %v", m.Member, m.Obligations)
		}
	}
}

func TestPhasesAndStateYears(t *testing.T) {
	phases, err := LoadPhases(sharedata.Path(t, "atop_v5.1/atop5_1aph.csv"))
	if err != nil {
		t.Fatal(err)
	}
	var nato []Phase
	for _, p := range phases {
		if p.ATOPID == 3180 {
			nato = append(nato, p)
		}
	}
	if len(nato) != 2 || nato[0].PhaseID != "3180.1" || len(nato[0].Members) != 12 || len(nato[1].Members) != 30 {
		t.Fatalf("NATO phases = %+v", nato)
	}
	sy, err := LoadStateYears(sharedata.Path(t, "atop_v5.1/atop5_1sy.csv"))
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(sy, func(s StateYear) bool { return s.State == 2 && s.Year == 1950 })
	if i < 0 || !slices.Contains(sy[i].ATOPIDs, 3180) || !sy[i].Obligations.Has(Defense) || len(sy[i].ATOPIDs) != sy[i].Number {
		t.Errorf("USA 1950 state-year = %+v", sy[i])
	}
}

func TestMissingIsNotZero(t *testing.T) {
	ms, err := LoadMembers("testdata/atop5_1m.csv")
	if err != nil {
		t.Fatal(err)
	}
	if ms[1].Entry.Day != 0 || ms[1].Entry.Month != 1 {
		t.Errorf("empty dayent: entry %v", ms[1].Entry)
	}
	if v, ok := ms[1].Provisions.Get(Length); ok {
		t.Errorf("empty length read as %d", v)
	}
	if v, ok := ms[0].Provisions.Get(Length); !ok || v != 120 {
		t.Errorf("length = %d, %v; want 120", v, ok)
	}
	if !ms[0].Exit.IsZero() || ms[1].Exit != (csvio.Date{Year: 1960, Month: 6, Day: 30}) {
		t.Errorf("exits %v %v", ms[0].Exit, ms[1].Exit)
	}
	if ms[0].COWID != 0 || ms[2].COWID != 2005 || ms[2].COWSys {
		t.Errorf("cowid/cowsys: %+v", ms[2].Terms)
	}
	if _, ok := ms[0].Provisions.Get(DefCoAdv); !ok {
		t.Error("member-only variable defcoadv missing in member file")
	}
	a, err := LoadAlliances("testdata/atop5_1a.csv")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := a[0].Provisions.Get(DefCoAdv); ok {
		t.Error("alliance file reports member-only variable defcoadv")
	}
	if !slices.Equal(a[1].Members, []int{220, 8152}) {
		t.Errorf("members = %v", a[1].Members)
	}
}

func TestBadRows(t *testing.T) {
	testutil.BadRows(t, ",", []testutil.BadRow{
		{File: "atop5_1m.csv", Column: "yrent", Line: 3, Value: "19x5", Want: `atop5_1m.csv:3: yrent: expected a year, got "19x5"`},
		{File: "atop5_1m.csv", Column: "member", Line: 2, Value: "-2", Want: `atop5_1m.csv:2: member: expected a COW country code, got "-2"`},
		{File: "atop5_1m.csv", Column: "moexit", Line: 3, Value: "13", Want: `atop5_1m.csv:3: moexit: expected a month (1-12), got "13"`},
		{File: "atop5_1m.csv", Column: "defense", Line: 4, Value: "", Want: `atop5_1m.csv:4: defense: expected 0 or 1, got ""`},
		{File: "atop5_1m.csv", Column: "milaid", Line: 2, Value: "x", Want: `atop5_1m.csv:2: milaid: expected a code from 0 to 9999, got "x"`},
		{File: "atop5_1m.csv", Column: "version", Line: 3, Value: "4.01", Want: `atop5_1m.csv:3: version: expected "5.1" (the ATOP 5.1 member-level file (atop5_1m)), got "4.01"`},
		{File: "atop5_1a.csv", Column: "begyr", Line: 2, Value: "", Want: `atop5_1a.csv:2: begyr: expected a year, got ""`},
		{File: "atop5_1a.csv", Column: "mem2", Line: 3, Value: "abc", Want: `atop5_1a.csv:3: mem2: expected a COW country code, got "abc"`},
		{File: "atop5_1aph.csv", Column: "atopidphase", Line: 3, Value: "9995.7", Want: `atop5_1aph.csv:3: atopidphase: expected the phase id "9995.1" (atopid.phase), got "9995.7"`},
		{File: "atop5_1sy.csv", Column: "atopid2", Line: 3, Value: "0", Want: `atop5_1sy.csv:3: atopid2: expected an ATOP alliance id, got "0"`},
	}, func(file, in string) error { return readFixture(file, in) })
}

// readFixture runs the reader that matches file over in.
func readFixture(file, in string) error {
	r := strings.NewReader(in)
	switch file {
	case "atop5_1a.csv":
		return ReadAlliances(r, file, func(Alliance) error { return nil })
	case "atop5_1aph.csv":
		return ReadPhases(r, file, func(Phase) error { return nil })
	case "atop5_1m.csv":
		return ReadMembers(r, file, func(Member) error { return nil })
	}
	return ReadStateYears(r, file, func(StateYear) error { return nil })
}

func TestFixturesRead(t *testing.T) {
	for _, f := range []string{"atop5_1a.csv", "atop5_1aph.csv", "atop5_1m.csv", "atop5_1sy.csv"} {
		if err := readFixture(f, testutil.ReadFixture(t, "testdata/"+f)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

func TestWrongFile(t *testing.T) {
	tests := []struct {
		read, file, want string
	}{
		{"atop5_1a.csv", "atop5_1aph.csv", `atop5_1aph.csv:1: header: expected the ATOP 5.1 alliance-level file (atop5_1a), but the header has column "atopidphase", which belongs to another file or version`},
		{"atop5_1a.csv", "atop5_1m.csv", `atop5_1m.csv:1: header: expected the ATOP 5.1 alliance-level file (atop5_1a), but the header lacks columns "begyr", "begmo", "begday", "endyr", "endmo", and 2 more`},
		{"atop5_1m.csv", "atop5_1a.csv", `atop5_1a.csv:1: header: expected the ATOP 5.1 member-level file (atop5_1m), but the header lacks columns "member", "cowsys", "yrent", "moent", "dayent", and 6 more`},
		{"atop5_1sy.csv", "atop5_1m.csv", `atop5_1m.csv:1: header: expected the ATOP 5.1 state-year file (atop5_1sy), but the header lacks columns "state", "year", "number", "transyr", "atopid1"`},
		{"atop5_1m.csv", "atop5_1sy.csv", `atop5_1sy.csv:1: header: expected the ATOP 5.1 member-level file (atop5_1m), but the header lacks columns "member", "cowsys", "yrent", "moent", "dayent", and 69 more`},
	}
	for _, tt := range tests {
		t.Run(tt.read+"<-"+tt.file, func(t *testing.T) {
			p := sharedata.Path(t, "atop_v5.1/"+tt.file)
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			err = readAs(tt.read, tt.file, string(b))
			testutil.WantError(t, err, tt.want)
		})
	}
}

// readAs runs the reader for table read over the content of another file.
func readAs(read, name, in string) error {
	r := strings.NewReader(in)
	switch read {
	case "atop5_1a.csv":
		return ReadAlliances(r, name, func(Alliance) error { return nil })
	case "atop5_1m.csv":
		return ReadMembers(r, name, func(Member) error { return nil })
	}
	return ReadStateYears(r, name, func(StateYear) error { return nil })
}

// TestATOP4Refused gives the member reader a header shaped like ATOP 4.x,
// which lacks the v5 columns new5, rev5 and version.
func TestATOP4Refused(t *testing.T) {
	in := testutil.ReadFixture(t, "testdata/atop5_1m.csv")
	in = strings.Replace(in, ",new5,rev5,version\n", "\n", 1)
	err := ReadMembers(strings.NewReader(in), "atop4_01m.csv", func(Member) error { return nil })
	testutil.WantError(t, err, `atop4_01m.csv:1: header: expected the ATOP 5.1 member-level file (atop5_1m), but the header lacks columns "new5", "rev5", "version"`)
}

func fuzzSeeds(f *testing.F, file string) {
	in := testutil.ReadFixture(f, "testdata/"+file)
	f.Add([]byte(in))
	f.Add([]byte(in[:len(in)/2]))
	f.Add([]byte(strings.ReplaceAll(in, ",0,", ",,")))
	f.Add([]byte(strings.ReplaceAll(in, "1", "-")))
}

func FuzzATOPAlliances(f *testing.F) {
	fuzzSeeds(f, "atop5_1a.csv")
	f.Fuzz(func(t *testing.T, data []byte) { readFixture("atop5_1a.csv", string(data)) })
}

func FuzzATOPPhases(f *testing.F) {
	fuzzSeeds(f, "atop5_1aph.csv")
	f.Fuzz(func(t *testing.T, data []byte) { readFixture("atop5_1aph.csv", string(data)) })
}

func FuzzATOPMembers(f *testing.F) {
	fuzzSeeds(f, "atop5_1m.csv")
	f.Fuzz(func(t *testing.T, data []byte) { readFixture("atop5_1m.csv", string(data)) })
}

func FuzzATOPStateYears(f *testing.F) {
	fuzzSeeds(f, "atop5_1sy.csv")
	f.Fuzz(func(t *testing.T, data []byte) { readFixture("atop5_1sy.csv", string(data)) })
}

func benchLoad[T any](b *testing.B, file string, load func(string) ([]T, error)) {
	p := sharedata.Path(b, "atop_v5.1/"+file)
	st, _ := os.Stat(p)
	b.SetBytes(st.Size())
	for b.Loop() {
		if _, err := load(p); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadAlliances(b *testing.B)  { benchLoad(b, "atop5_1a.csv", LoadAlliances) }
func BenchmarkLoadPhases(b *testing.B)     { benchLoad(b, "atop5_1aph.csv", LoadPhases) }
func BenchmarkLoadMembers(b *testing.B)    { benchLoad(b, "atop5_1m.csv", LoadMembers) }
func BenchmarkLoadStateYears(b *testing.B) { benchLoad(b, "atop5_1sy.csv", LoadStateYears) }
