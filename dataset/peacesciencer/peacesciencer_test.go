package peacesciencer

import (
	"math"
	"strings"
	"testing"

	"github.com/entente/entente/dataset/internal/testutil"
	"github.com/entente/entente/internal/sharedata"
)

func path(tb testing.TB, file string) string { return sharedata.Path(tb, "peacesciencer/"+file) }

// TestRealFiles reads every shared file and checks the row counts stated
// in peacesciencer/SOURCE.md and known values.
func TestRealFiles(t *testing.T) {
	check := func(file string, n, want int, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		if n != want {
			t.Errorf("%s: %d rows, want %d", file, n, want)
		}
	}
	cont, err := LoadContiguity(path(t, "cow_contdir.csv"))
	check("cow_contdir.csv", len(cont), 1874, err)
	if c := cont[0]; c.CCode1 != 2 || c.CCode2 != 20 || c.Type != 1 || c.Start.String() != "1920-01-01" || c.End.String() != "2016-12-01" {
		t.Errorf("first contiguity row %+v", c)
	}
	md, err := LoadMinDist(path(t, "cow_mindist.csv"))
	check("cow_mindist.csv", len(md), 952244, err)
	if md[0] != (MinDist{2, 41, 1886, 932.5}) {
		t.Errorf("first distance row %+v", md[0])
	}
	caps, err := LoadCapitals(path(t, "cow_capitals.csv"))
	check("cow_capitals.csv", len(caps), 242, err)
	if caps[0].Capital != "Washington D.C." || math.Abs(caps[0].Lat-38.8950368) > 1e-9 {
		t.Errorf("first capital %+v", caps[0])
	}
	tss, err := LoadTSS(path(t, "tss_rivalries.csv"))
	check("tss_rivalries.csv", len(tss), 264, err)
	if r := tss[1]; r.Name != "Britain-France 1" || !r.Principal || !r.Positional || r.Ideological {
		t.Errorf("TSS rivalry 2 %+v", r)
	}
	td, err := LoadTD(path(t, "td_rivalries.csv"))
	check("td_rivalries.csv", len(td), 197, err)
	if r := td[0]; r.Name != "Austria-France" || len(r.Types) != 2 || r.End != 1918 {
		t.Errorf("TD rivalry 1 %+v", r)
	}
	cow, err := LoadMIDs(path(t, "cow_mid_ddydisps.csv"))
	check("cow_mid_ddydisps.csv", len(cow), 10234, err)
	if m := cow[0]; m.GML || m.DispNum != 2968 || m.CCode2 != 20 || m.HostLev != 4 || !m.Onset {
		t.Errorf("first COW MID %+v", m)
	}
	gml, err := LoadMIDs(path(t, "gml_mid_ddydisps.csv"))
	check("gml_mid_ddydisps.csv", len(gml), 9284, err)
	if !gml[0].GML {
		t.Error("GML file not recognised")
	}
	unknown := 0
	for _, m := range cow {
		if m.Fatality == -1 {
			unknown++
		}
	}
	if unknown == 0 {
		t.Error("no unknown fatality level: -9 not mapped to -1")
	}
	wars, err := LoadWars(path(t, "cow_war_inter.csv"))
	check("cow_war_inter.csv", len(wars), 1932, err)
	if w := wars[0]; w.WarNum != 1 || w.CCode1 != 220 || w.BatDeath1 != 400 || !w.Initiator1 || w.Outcome1 != 1 {
		t.Errorf("first war row %+v", w)
	}
	dem, err := LoadDemocracy(path(t, "ccode_democracy.csv"))
	check("ccode_democracy.csv", len(dem), 16731, err)
	if d := dem[0]; d.CCode != 2 || d.Year != 1816 || d.Polyarchy != 0.367 || d.Polity2 != 9 {
		t.Errorf("first democracy row %+v", d)
	}
	missing := 0
	for _, d := range dem {
		if math.IsNaN(d.Polity2) {
			missing++
		}
	}
	if missing != 2049 {
		t.Errorf("%d missing polity2 scores, want 2049 (SOURCE.md counts)", missing)
	}
	igo, err := LoadIGOs(path(t, "cow_igo_ndy.csv"))
	check("cow_igo_ndy.csv", len(igo), 917695, err)
	if igo[0] != (IGODyad{2, 20, 1920, 7}) {
		t.Errorf("first IGO row %+v", igo[0])
	}
	creg, err := LoadCREG(path(t, "creg.csv"))
	check("creg.csv", len(creg), 11523, err)
	if c := creg[0]; c.CCode != 700 || c.Year != 1945 || c.EthFrac != 0.552698 {
		t.Errorf("first CREG row %+v", c)
	}
}

// TestWrongFile gives each reader another file of the folder.
func TestWrongFile(t *testing.T) {
	in := testutil.ReadFixture(t, "testdata/cow_igo_ndy.csv")
	err := ReadMinDist(strings.NewReader(in), "cow_igo_ndy.csv", func(MinDist) error { return nil })
	testutil.WantError(t, err, `cow_igo_ndy.csv:1: header: expected minimum distances (cow_mindist.csv), but the header lacks column "mindist"`)
	in = testutil.ReadFixture(t, "testdata/cow_war_inter.csv")
	err = ReadMIDs(strings.NewReader(in), "cow_war_inter.csv", func(MID) error { return nil })
	testutil.WantError(t, err, `cow_war_inter.csv:1: header: expected COW-MID dyad-years (cow_mid_ddydisps.csv), but the header lacks columns "cowmidongoing", "cowmidonset", "dispnum", "hostlev1", "hostlev2", and 5 more`)
}

// reader runs one of the readers over a string, discarding records.
var readers = map[string]func(string) error{
	"cow_contdir.csv": func(s string) error {
		return ReadContiguity(strings.NewReader(s), "cow_contdir.csv", func(Contiguity) error { return nil })
	},
	"cow_mindist.csv": func(s string) error {
		return ReadMinDist(strings.NewReader(s), "cow_mindist.csv", func(MinDist) error { return nil })
	},
	"cow_capitals.csv": func(s string) error {
		return ReadCapitals(strings.NewReader(s), "cow_capitals.csv", func(Capital) error { return nil })
	},
	"tss_rivalries.csv": func(s string) error {
		return ReadTSS(strings.NewReader(s), "tss_rivalries.csv", func(TSSRivalry) error { return nil })
	},
	"td_rivalries.csv": func(s string) error {
		return ReadTD(strings.NewReader(s), "td_rivalries.csv", func(TDRivalry) error { return nil })
	},
	"cow_mid_ddydisps.csv": func(s string) error {
		return ReadMIDs(strings.NewReader(s), "cow_mid_ddydisps.csv", func(MID) error { return nil })
	},
	"gml_mid_ddydisps.csv": func(s string) error {
		return ReadMIDs(strings.NewReader(s), "gml_mid_ddydisps.csv", func(MID) error { return nil })
	},
	"cow_war_inter.csv": func(s string) error {
		return ReadWars(strings.NewReader(s), "cow_war_inter.csv", func(War) error { return nil })
	},
	"ccode_democracy.csv": func(s string) error {
		return ReadDemocracy(strings.NewReader(s), "ccode_democracy.csv", func(Democracy) error { return nil })
	},
	"cow_igo_ndy.csv": func(s string) error {
		return ReadIGOs(strings.NewReader(s), "cow_igo_ndy.csv", func(IGODyad) error { return nil })
	},
	"creg.csv": func(s string) error {
		return ReadCREG(strings.NewReader(s), "creg.csv", func(CREG) error { return nil })
	},
}

func TestFixturesRead(t *testing.T) {
	for file, read := range readers {
		if err := read(testutil.ReadFixture(t, "testdata/"+file)); err != nil {
			t.Errorf("%s: %v", file, err)
		}
	}
}

func TestBadRows(t *testing.T) {
	testutil.BadRows(t, ",", []testutil.BadRow{
		{File: "cow_contdir.csv", Column: "conttype", Line: 2, Value: "7", Want: `cow_contdir.csv:2: conttype: expected a contiguity type 0-5, got "7"`},
		{File: "cow_contdir.csv", Column: "enddate", Line: 3, Value: `"1900-01-01"`, Want: `cow_contdir.csv:3: enddate: expected an end date not before stdate 1973-07-01, got "1900-01-01"`},
		{File: "cow_contdir.csv", Column: "stdate", Line: 2, Value: `"1920/01/01"`, Want: `cow_contdir.csv:2: stdate: expected a date YYYY-MM-DD, got "1920/01/01"`},
		{File: "cow_mindist.csv", Column: "mindist", Line: 3, Value: "-4", Want: `cow_mindist.csv:3: mindist: expected a distance in km (0-21000), got "-4"`},
		{File: "cow_mindist.csv", Column: "ccode2", Line: 2, Value: "1000", Want: `cow_mindist.csv:2: ccode2: expected a COW country code, got "1000"`},
		{File: "cow_capitals.csv", Column: "lat", Line: 2, Value: "95", Want: `cow_capitals.csv:2: lat: expected a latitude (-90 to 90), got "95"`},
		{File: "tss_rivalries.csv", Column: "end", Line: 2, Value: "1400", Want: `tss_rivalries.csv:2: end: expected an end year not before the start 1494, got "1400"`},
		{File: "tss_rivalries.csv", Column: "principal", Line: 3, Value: "2", Want: `tss_rivalries.csv:3: principal: expected 0 or 1, got "2"`},
		{File: "td_rivalries.csv", Column: "type2", Line: 2, Value: `"maritime"`, Want: `td_rivalries.csv:2: type2: expected spatial, positional, ideological, interventionary or empty, got "maritime"`},
		{File: "cow_mid_ddydisps.csv", Column: "hostlev", Line: 2, Value: "6", Want: `cow_mid_ddydisps.csv:2: hostlev: expected a hostility level 1-5, got "6"`},
		{File: "cow_mid_ddydisps.csv", Column: "fatality", Line: 3, Value: "7", Want: `cow_mid_ddydisps.csv:3: fatality: expected a code from 0 to 6 or -9, got "7"`},
		{File: "gml_mid_ddydisps.csv", Column: "gmlmidonset", Line: 2, Value: "2", Want: `gml_mid_ddydisps.csv:2: gmlmidonset: expected 0 or 1, got "2"`},
		{File: "cow_war_inter.csv", Column: "batdeath1", Line: 2, Value: "-5", Want: `cow_war_inter.csv:2: batdeath1: expected a non-negative number or -9, got "-5"`},
		{File: "cow_war_inter.csv", Column: "sidea2", Line: 3, Value: "3", Want: `cow_war_inter.csv:3: sidea2: expected side 1 or 2, got "3"`},
		{File: "ccode_democracy.csv", Column: "polity2", Line: 2, Value: "11", Want: `ccode_democracy.csv:2: polity2: expected a Polity2 score -10 to 10, got "11"`},
		{File: "ccode_democracy.csv", Column: "year", Line: 3, Value: "18x7", Want: `ccode_democracy.csv:3: year: expected a year, got "18x7"`},
		{File: "cow_igo_ndy.csv", Column: "dyadigos", Line: 2, Value: "-1", Want: `cow_igo_ndy.csv:2: dyadigos: expected a number of IGOs, got "-1"`},
		{File: "creg.csv", Column: "relfrac", Line: 2, Value: "1.5", Want: `creg.csv:2: relfrac: expected a share between 0 and 1, got "1.5"`},
	}, func(file, in string) error { return readers[file](in) })
}

// fuzzReader feeds a reader its fixture and mutations of it; it must never
// panic.
func fuzzReader(f *testing.F, file string) {
	in := testutil.ReadFixture(f, "testdata/"+file)
	f.Add([]byte(in))
	f.Add([]byte(strings.ReplaceAll(in, "1", "-")))
	f.Add([]byte(strings.ReplaceAll(in, ",", "\n")))
	read := readers[file]
	f.Fuzz(func(t *testing.T, data []byte) { read(string(data)) })
}

func FuzzContiguity(f *testing.F) { fuzzReader(f, "cow_contdir.csv") }
func FuzzMinDist(f *testing.F)    { fuzzReader(f, "cow_mindist.csv") }
func FuzzCapitals(f *testing.F)   { fuzzReader(f, "cow_capitals.csv") }
func FuzzTSS(f *testing.F)        { fuzzReader(f, "tss_rivalries.csv") }
func FuzzTD(f *testing.F)         { fuzzReader(f, "td_rivalries.csv") }
func FuzzCOWMIDs(f *testing.F)    { fuzzReader(f, "cow_mid_ddydisps.csv") }
func FuzzGMLMIDs(f *testing.F)    { fuzzReader(f, "gml_mid_ddydisps.csv") }
func FuzzWars(f *testing.F)       { fuzzReader(f, "cow_war_inter.csv") }
func FuzzDemocracy(f *testing.F)  { fuzzReader(f, "ccode_democracy.csv") }
func FuzzIGOs(f *testing.F)       { fuzzReader(f, "cow_igo_ndy.csv") }
func FuzzCREG(f *testing.F)       { fuzzReader(f, "creg.csv") }
