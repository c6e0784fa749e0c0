package cowalliance

import (
	"strings"
	"testing"

	"github.com/entente/entente/dataset/csvio"
	"github.com/entente/entente/dataset/internal/testutil"
	"github.com/entente/entente/internal/sharedata"
)

const dir = "cow_alliances_v4.1/"

// Row counts stated in cow_alliances_v4.1/SOURCE.md.
func TestRealRowCounts(t *testing.T) {
	m, err := LoadMembers(sharedata.Path(t, dir+"alliance_v4.1_by_member.csv"))
	testutil.WantRows(t, err, len(m), 1221)
	my, err := LoadMemberYears(sharedata.Path(t, dir+"alliance_v4.1_by_member_yearly.csv"))
	testutil.WantRows(t, err, len(my), 21315)
	d, err := LoadDyads(sharedata.Path(t, dir+"alliance_v4.1_by_dyad.csv"))
	testutil.WantRows(t, err, len(d), 3222)
	dd, err := LoadDirectedDyads(sharedata.Path(t, dir+"alliance_v4.1_by_directed.csv"))
	testutil.WantRows(t, err, len(dd), 6444)

	ids := map[int]bool{}
	for _, x := range m {
		ids[x.ID] = true
	}
	if len(ids) != 414 {
		t.Errorf("alliances in by_member = %d, want 414", len(ids))
	}
	if len(dd) != 2*len(d) {
		t.Errorf("directed dyads %d != 2 x undirected %d", len(dd), len(d))
	}
	for _, x := range my {
		if x.Year < 1816 || x.Year > 2012 {
			t.Fatalf("member-year outside 1816-2012: %+v", x)
		}
	}
}

func TestRealSpotValues(t *testing.T) {
	m, err := LoadMembers(sharedata.Path(t, dir+"alliance_v4.1_by_member.csv"))
	if err != nil {
		t.Fatal(err)
	}
	// First row: the Anglo-Portuguese alliance, left-censored from 1386.
	ap := m[0]
	if ap.ID != 1 || ap.CCode != 200 || ap.AllianceBegin != (csvio.Date{Year: 1386, Month: 5, Day: 9}) ||
		!ap.AllianceEnd.IsZero() || ap.Type != TypeI || !ap.LeftCensor.Yes() || !ap.Defense.Yes() {
		t.Errorf("first member row = %+v", ap)
	}
	// NATO is COW alliance 227 (ATOP's cow4id for atopid 3180).
	var nato []Member
	for _, x := range m {
		if x.ID == 227 {
			nato = append(nato, x)
		}
	}
	if len(nato) == 0 || nato[0].CCode != 2 || nato[0].Begin != (csvio.Date{Year: 1949, Month: 4, Day: 4}) || nato[0].Type != TypeI {
		t.Errorf("NATO rows = %+v", nato)
	}
	// An empty indicator is missing, not 0 (alliance 6, UK, nonaggression).
	for _, x := range m {
		if x.ID == 6 && x.CCode == 200 && x.NonAggression != csvio.FlagMissing {
			t.Errorf("alliance 6 UK nonaggression = %v, want missing", x.NonAggression)
		}
	}
}

func TestBadRows(t *testing.T) {
	testutil.BadRows(t, ",", []testutil.BadRow{
		{File: "alliance_v4.1_by_member.csv", Column: "mem_st_year", Line: 3, Value: "19x5", Want: `alliance_v4.1_by_member.csv:3: mem_st_year: expected a year, got "19x5"`},
		{File: "alliance_v4.1_by_member.csv", Column: "ss_type", Line: 2, Value: "Type IV", Want: `alliance_v4.1_by_member.csv:2: ss_type: expected an alliance type label such as "Type I: Defense Pact", got "Type IV"`},
		{File: "alliance_v4.1_by_member.csv", Column: "entente", Line: 4, Value: "2", Want: `alliance_v4.1_by_member.csv:4: entente: expected 0 or 1, got "2"`},
		{File: "alliance_v4.1_by_member_yearly.csv", Column: "year", Line: 3, Value: "", Want: `alliance_v4.1_by_member_yearly.csv:3: year: expected a year, got ""`},
		{File: "alliance_v4.1_by_dyad.csv", Column: "ccode2", Line: 2, Value: "x", Want: `alliance_v4.1_by_dyad.csv:2: ccode2: expected a COW country code, got "x"`},
		{File: "alliance_v4.1_by_dyad.csv", Column: "dyad_end_month", Line: 2, Value: "14", Want: `alliance_v4.1_by_dyad.csv:2: dyad_end_month: expected a month (1-12), got "14"`},
		{File: "alliance_v4.1_by_directed.csv", Column: "version", Line: 3, Value: "3.03", Want: `alliance_v4.1_by_directed.csv:3: version: expected "4.1" (the COW alliances v4.1 directed dyad file (alliance_v4.1_by_directed)), got "3.03"`},
	}, func(file, in string) error { return readAs(file, file, in) })
}

// readAs reads in with the reader for table and names it file in errors.
func readAs(table, file, in string) error {
	r := strings.NewReader(in)
	switch table {
	case "alliance_v4.1_by_member.csv":
		return ReadMembers(r, file, func(Member) error { return nil })
	case "alliance_v4.1_by_member_yearly.csv":
		return ReadMemberYears(r, file, func(MemberYear) error { return nil })
	case "alliance_v4.1_by_dyad.csv":
		return ReadDyads(r, file, func(Dyad) error { return nil })
	}
	return ReadDirectedDyads(r, file, func(Dyad) error { return nil })
}

var tables = []string{"alliance_v4.1_by_member.csv", "alliance_v4.1_by_member_yearly.csv", "alliance_v4.1_by_dyad.csv", "alliance_v4.1_by_directed.csv"}

func TestFixturesRead(t *testing.T) {
	for _, f := range tables {
		if err := readAs(f, f, testutil.ReadFixture(t, "testdata/"+f)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	d, _ := LoadDirectedDyads("testdata/alliance_v4.1_by_directed.csv")
	if d[0].Asymmetric != csvio.FlagMissing {
		t.Error("directed dyad has an asymmetric value")
	}
}

// TestWrongTable gives every reader every other table: each must refuse it
// at the header.
func TestWrongTable(t *testing.T) {
	for _, reader := range tables {
		for _, file := range tables {
			if reader == file {
				continue
			}
			err := readAs(reader, file, testutil.ReadFixture(t, "testdata/"+file))
			if err == nil || !strings.HasPrefix(err.Error(), file+":1: header: expected the COW alliances v4.1") {
				t.Errorf("reader %s on %s: %v", reader, file, err)
			}
		}
	}
	err := readAs(tables[0], "alliance_v4.1_by_member_yearly.csv", testutil.ReadFixture(t, "testdata/alliance_v4.1_by_member_yearly.csv"))
	testutil.WantError(t, err, `alliance_v4.1_by_member_yearly.csv:1: header: expected the COW alliances v4.1 member file (alliance_v4.1_by_member), but the header has column "year", which belongs to another file or version`)
}

func fuzz(f *testing.F, table string) {
	in := testutil.ReadFixture(f, "testdata/"+table)
	f.Add([]byte(in))
	f.Add([]byte(strings.ReplaceAll(in, "1", "")))
	f.Fuzz(func(t *testing.T, data []byte) { readAs(table, table, string(data)) })
}

func FuzzCOWAllianceMembers(f *testing.F)     { fuzz(f, tables[0]) }
func FuzzCOWAllianceMemberYears(f *testing.F) { fuzz(f, tables[1]) }
func FuzzCOWAllianceDyads(f *testing.F)       { fuzz(f, tables[2]) }
func FuzzCOWAllianceDirected(f *testing.F)    { fuzz(f, tables[3]) }

func BenchmarkLoadMemberYears(b *testing.B) {
	p := sharedata.Path(b, dir+"alliance_v4.1_by_member_yearly.csv")
	for b.Loop() {
		if _, err := LoadMemberYears(p); err != nil {
			b.Fatal(err)
		}
	}
}
