package gdp

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/entente/entente/dataset/internal/testutil"
	"github.com/entente/entente/internal/sharedata"
)

func TestRealWorldBank(t *testing.T) {
	recs, err := LoadWorldBank(sharedata.Path(t, "gdp/worldbank_NY.GDP.MKTP.CD_gdp_current_usd.csv"))
	if err != nil {
		t.Fatal(err)
	}
	codes := map[string]bool{}
	var unmatched []string
	for _, r := range recs {
		if !codes[r.Code] && r.CCode == 0 && !r.Aggregate && !slices.Contains(unmatched, r.Code) {
			unmatched = append(unmatched, r.Code)
		}
		codes[r.Code] = true
		switch {
		case r.Code == "USA" && r.Year == 1960 && r.USD != 541988586206.897,
			r.Code == "DEU" && r.Year == 1960 && (r.USD != 84310950194.1152 || r.CCode != 260),
			r.Code == "DEU" && r.Year == 1991 && r.CCode != 255,
			r.Code == "ABW" && r.Year == 1960 && !math.IsNaN(r.USD):
			t.Errorf("%+v", r)
		}
	}
	// SOURCE.md: 266 rows (countries and aggregates), years 1960-2023.
	if len(codes) != 266 || len(recs) != 266*64 {
		t.Errorf("%d codes, %d values", len(codes), len(recs))
	}
	// Territories that are not COW states (reported in the package docs).
	slices.Sort(unmatched)
	want := []string{"ABW", "ASM", "BMU", "CHI", "CUW", "CYM", "FRO", "GIB", "GRL", "GUM", "HKG", "IMN",
		"MAC", "MAF", "MNP", "NCL", "PRI", "PSE", "PYF", "SXM", "TCA", "VGB", "VIR"}
	if !slices.Equal(unmatched, want) {
		t.Errorf("non-aggregate codes without a COW code: %v", unmatched)
	}
}

func TestRealMaddison(t *testing.T) {
	recs, err := LoadMaddison(sharedata.Path(t, "gdp/maddison_project_2018_alley.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 19873 { // SOURCE.md
		t.Errorf("rows = %d, want 19873", len(recs))
	}
	seen := map[[2]int]string{}
	unmatched := map[string]bool{}
	for _, r := range recs {
		if r.CCode == 0 {
			unmatched[r.Code] = true
			continue
		}
		key := [2]int{r.CCode, r.Year}
		if prev, dup := seen[key]; dup {
			t.Errorf("COW %d in %d from both %s and %s", r.CCode, r.Year, prev, r.Code)
		}
		seen[key] = r.Code
		switch {
		case r.Code == "USA" && r.Year == 2016 && (r.CGDPPC != 53015 || r.Pop != 324656),
			r.Code == "DEU" && r.Year == 1990 && (r.CGDPPC != 25054 || r.CCode != 255),
			r.Code == "CIV" && r.Country != "Côte d'Ivoire":
			t.Errorf("%+v", r)
		}
	}
	first := recs[0]
	if first.Code != "AFG" || first.Year != 1820 || !math.IsNaN(first.CGDPPC) || first.Pop != 3280 {
		t.Errorf("first row = %+v", first)
	}
	// Codes never mapped: territories, plus the predecessor/successor years
	// dropped on purpose (SUN after 1991 etc. are mapped in other years).
	for _, c := range []string{"HKG", "PRI", "PSE"} {
		if !unmatched[c] {
			t.Errorf("%s unexpectedly mapped", c)
		}
	}
}

func TestFixtures(t *testing.T) {
	wb, err := LoadWorldBank("testdata/worldbank.csv")
	if err != nil || len(wb) != 4*64 || wb[63].USD != 2.7e13 || !math.IsNaN(wb[1].USD) || wb[64].CCode != 260 || !wb[128].Aggregate || wb[192].CCode != 0 {
		t.Fatalf("%v %v", err, wb[:2])
	}
	m, err := LoadMaddison("testdata/maddison.csv")
	if err != nil {
		t.Fatal(err)
	}
	if m[1].Country != "Côte d'Ivoire" || !math.IsNaN(m[0].CGDPPC) {
		t.Errorf("%+v", m[:2])
	}
	if got := []int{m[2].CCode, m[3].CCode, m[4].CCode, m[5].CCode}; !slices.Equal(got, []int{365, 0, 0, 365}) {
		t.Errorf("SUN 1991, SUN 1992, RUS 1991, RUS 1992 -> %v", got)
	}
}

func TestBadRows(t *testing.T) {
	testutil.BadRows(t, ",", []testutil.BadRow{
		{File: "maddison.csv", Column: "year", Line: 2, Value: "18x0", Want: `maddison.csv:2: year: expected a year, got "18x0"`},
		{File: "maddison.csv", Column: "pop", Line: 3, Value: "0", Want: `maddison.csv:3: pop: expected a positive number, got "0"`},
		{File: "maddison.csv", Column: "cgdppc", Line: 4, Value: "rich", Want: `maddison.csv:4: cgdppc: expected a number, got "rich"`},
		{File: "worldbank.csv", Column: "1960", Line: 3, Value: `"-5"`, Want: `worldbank.csv:3: 1960: expected a positive number, got "-5"`},
		{File: "worldbank.csv", Column: "Indicator Code", Line: 4, Value: `"NY.GDP.PCAP.CD"`, Want: `worldbank.csv:4: Indicator Code: expected "NY.GDP.MKTP.CD" (the World Bank GDP (current US$) table, NY.GDP.MKTP.CD), got "NY.GDP.PCAP.CD"`},
	}, func(file, in string) error { return readAs(file, file, in) })
}

func readAs(table, file, in string) error {
	r := strings.NewReader(in)
	if table == "maddison.csv" {
		return ReadMaddison(r, file, func(Maddison) error { return nil })
	}
	return ReadWorldBank(r, file, func(WorldBankValue) error { return nil })
}

func TestWrongVersion(t *testing.T) {
	in := "countrycode,country,year,gdppc,pop\nAFG,Afghanistan,1950,1156,8150\n"
	testutil.WantError(t, readAs("maddison.csv", "mpd2020.csv", in),
		`mpd2020.csv:1: header: expected the Maddison Project Database 2018, but the header lacks columns "cgdppc", "rgdpnapc", "i_cig", "i_bm"`)
	testutil.WantError(t, readAs("worldbank.csv", "maddison.csv", testutil.ReadFixture(t, "testdata/maddison.csv")),
		`maddison.csv:1: header: expected the World Bank GDP (current US$) table, NY.GDP.MKTP.CD, but the header lacks columns "Country Name", "Country Code", "Indicator Name", "Indicator Code", "1960"`)
}

func fuzz(f *testing.F, table string) {
	in := testutil.ReadFixture(f, "testdata/"+table)
	f.Add([]byte(in))
	f.Add([]byte(strings.ReplaceAll(in, "1", "-")))
	f.Fuzz(func(t *testing.T, data []byte) { readAs(table, table, string(data)) })
}

func FuzzWorldBank(f *testing.F) { fuzz(f, "worldbank.csv") }
func FuzzMaddison(f *testing.F)  { fuzz(f, "maddison.csv") }

func BenchmarkLoadMaddison(b *testing.B) {
	p := sharedata.Path(b, "gdp/maddison_project_2018_alley.csv")
	for b.Loop() {
		if _, err := LoadMaddison(p); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadWorldBank(b *testing.B) {
	p := sharedata.Path(b, "gdp/worldbank_NY.GDP.MKTP.CD_gdp_current_usd.csv")
	for b.Loop() {
		if _, err := LoadWorldBank(p); err != nil {
			b.Fatal(err)
		}
	}
}
