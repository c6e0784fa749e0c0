package milex

import (
	"math"
	"strings"
	"testing"

	"github.com/entente/entente/dataset/internal/testutil"
	"github.com/entente/entente/internal/sharedata"
)

const dir = "defence_spending/"

func TestRealOWID(t *testing.T) {
	recs, err := LoadOWIDShare(sharedata.Path(t, dir+"owid_sipri_military_spending_share_gdp.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 8245 { // SOURCE.md
		t.Errorf("rows = %d, want 8245", len(recs))
	}
	unmatched := map[string]bool{}
	for _, r := range recs {
		if r.CCode == 0 {
			unmatched[r.Entity] = true
		}
		// SOURCE.md examples.
		switch {
		case r.Code == "USA" && r.Year == 1964 && r.Percent != 8.051281,
			r.Code == "USA" && r.Year == 2019 && r.Percent != 3.409214,
			r.Code == "GBR" && r.Year == 1964 && r.Percent != 6.5960565:
			t.Errorf("%+v", r)
		case r.Code == "DEU" && r.Year == 1980 && r.CCode != 260, r.Code == "DEU" && r.Year == 2000 && r.CCode != 255:
			t.Errorf("Germany mapped to %d in %d", r.CCode, r.Year)
		}
	}
	if len(unmatched) != 1 || !unmatched["European Union (SIPRI)"] {
		t.Errorf("entities without a COW code: %v", unmatched)
	}
}

func TestRealSIPRI(t *testing.T) {
	recs, err := LoadSIPRI(sharedata.Path(t, dir+"sipri_milex_current_usd_m_1949-2018.csv"))
	if err != nil {
		t.Fatal(err)
	}
	countries := map[string]bool{}
	blank := 0
	for _, r := range recs {
		countries[r.Country] = true
		if math.IsNaN(r.USDMillions) {
			blank++
		}
		if r.Country == "USA" && (r.Year == 2018 && r.USDMillions != 648798.3 || r.Year == 1949 && r.USDMillions != 13503) {
			t.Errorf("%+v", r)
		}
		if r.Country == "Côte d’Ivoire" && r.CCode != 437 {
			t.Errorf("Côte d’Ivoire mapped to %d", r.CCode)
		}
	}
	// SOURCE.md: 173 rows, columns 1949-2018; 4,487 blank (" ") cells.
	if len(countries) != 173 || len(recs) != 173*70 || blank != 4487 {
		t.Errorf("%d countries, %d values, %d blank", len(countries), len(recs), blank)
	}
	if !countries["Côte d’Ivoire"] {
		t.Error("Windows-1252 name not decoded")
	}
}

func TestRealNATO(t *testing.T) {
	recs, err := LoadNATO(sharedata.Path(t, dir+"nato_defense_expenditure_2012-2019.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 232 { // SOURCE.md: 29 members x 8 years
		t.Errorf("rows = %d, want 232", len(recs))
	}
	want := map[[2]any]float64{ // oracles.md section 4 and SOURCE.md
		{"USA", 2014}: 3.72724574707633, {"USA", 2019}: 3.42477663735055,
		{"DEU", 2019}: 1.35956383979324, {"GBR", 2014}: 2.16353930766933,
	}
	missing := 0
	for _, r := range recs {
		if v, ok := want[[2]any{r.Code, r.Year}]; ok && r.PercentRealGDP != v {
			t.Errorf("%s %d = %v, want %v", r.Code, r.Year, r.PercentRealGDP, v)
		}
		if math.IsNaN(r.PercentRealGDP) {
			missing++
		}
		if r.CCode == 0 {
			t.Errorf("%s has no COW code", r.Code)
		}
	}
	if missing != 8 { // SOURCE.md profile: 8 empty cells in each expenditure column
		t.Errorf("missing %% of GDP = %d, want 8", missing)
	}
}

func TestFixtures(t *testing.T) {
	o, err := LoadOWIDShare("testdata/owid.csv")
	if err != nil || o[0].CCode != 2 || o[1].CCode != 260 || o[2].CCode != 0 {
		t.Fatalf("owid %+v %v", o, err)
	}
	s, err := LoadSIPRI("testdata/sipri.csv")
	if err != nil || len(s) != 9 || !math.IsNaN(s[0].USDMillions) || s[2].USDMillions != 13.1 || s[3].Country != "Côte d’Ivoire" || s[4].USDMillions != 1.5 {
		t.Fatalf("sipri %+v %v", s, err)
	}
	if s[6].CCode != 260 || s[8].CCode != 255 {
		t.Errorf("Germany 1949 -> %d, 2018 -> %d", s[6].CCode, s[8].CCode)
	}
	n, err := LoadNATO("testdata/nato.csv")
	if err != nil || n[0].RealChangePercent != -1.5 || !math.IsNaN(n[1].ExpenditureUSD) || n[1].RealGDP2015USD != 5 {
		t.Fatalf("nato %+v %v", n, err)
	}
}

func TestBadRows(t *testing.T) {
	testutil.BadRows(t, ",", []testutil.BadRow{
		{File: "owid.csv", Column: "Year", Line: 2, Value: "19x4", Want: `owid.csv:2: Year: expected a year, got "19x4"`},
		{File: "owid.csv", Column: "Military expenditure (% of GDP)", Line: 3, Value: "-4", Want: `owid.csv:3: Military expenditure (% of GDP): expected a non-negative number, got "-4"`},
		{File: "sipri.csv", Column: "2018", Line: 4, Value: "lots", Want: `sipri.csv:4: 2018: expected a number, got "lots"`},
		{File: "sipri.csv", Column: "Country", Line: 4, Value: "Atlantis", Want: `sipri.csv:4: Country: expected a SIPRI country name with a known ISO3 code, got "Atlantis"`},
		{File: "nato.csv", Column: "country_stanag", Line: 2, Value: `"XXX"`, Want: `nato.csv:2: country_stanag: expected a NATO member's STANAG code, got "XXX"`},
		{File: "nato.csv", Column: "year", Line: 3, Value: "", Want: `nato.csv:3: year: expected a year, got ""`},
	}, func(file, in string) error { return readAs(file, file, in) })
}

func readAs(table, file, in string) error {
	r := strings.NewReader(in)
	switch table {
	case "owid.csv":
		return ReadOWIDShare(r, file, func(Share) error { return nil })
	case "sipri.csv":
		return ReadSIPRI(r, file, func(SIPRIValue) error { return nil })
	}
	return ReadNATO(r, file, func(NATO) error { return nil })
}

func TestWrongFile(t *testing.T) {
	in := testutil.ReadFixture(t, "testdata/nato.csv")
	testutil.WantError(t, readAs("owid.csv", "nato.csv", in),
		`nato.csv:1: header: expected the OWID/SIPRI military expenditure share of GDP file, but the header lacks columns "Entity", "Code", "Year", "Military expenditure (% of GDP)", "World region according to OWID"`)
	in = testutil.ReadFixture(t, "testdata/owid.csv")
	testutil.WantError(t, readAs("sipri.csv", "owid.csv", in),
		`owid.csv:1: header: expected the SIPRI military expenditure table in current US$, 1949-2018, but the header lacks columns "Country", "1949", "2018"`)
}

func fuzz(f *testing.F, table string) {
	in := testutil.ReadFixture(f, "testdata/"+table)
	f.Add([]byte(in))
	f.Add([]byte(strings.ReplaceAll(in, "1", "-")))
	f.Fuzz(func(t *testing.T, data []byte) { readAs(table, table, string(data)) })
}

func FuzzOWIDShare(f *testing.F) { fuzz(f, "owid.csv") }
func FuzzSIPRI(f *testing.F)     { fuzz(f, "sipri.csv") }
func FuzzNATO(f *testing.F)      { fuzz(f, "nato.csv") }

func BenchmarkLoadOWIDShare(b *testing.B) {
	p := sharedata.Path(b, dir+"owid_sipri_military_spending_share_gdp.csv")
	for b.Loop() {
		if _, err := LoadOWIDShare(p); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadSIPRI(b *testing.B) {
	p := sharedata.Path(b, dir+"sipri_milex_current_usd_m_1949-2018.csv")
	for b.Loop() {
		if _, err := LoadSIPRI(p); err != nil {
			b.Fatal(err)
		}
	}
}
