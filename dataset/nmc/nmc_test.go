package nmc

import (
	"math"
	"os"
	"strings"
	"testing"

	"github.com/entente/entente/dataset/internal/testutil"
	"github.com/entente/entente/internal/sharedata"
)

func load(t testing.TB, file string, v Version) []Record {
	t.Helper()
	recs, err := Load(sharedata.Path(t, "cow_nmc/"+file), v)
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func find(recs []Record, ccode, year int) *Record {
	for i := range recs {
		if recs[i].CCode == ccode && recs[i].Year == year {
			return &recs[i]
		}
	}
	return nil
}

// Row counts stated in cow_nmc/SOURCE.md, and known values.
func TestRealV6(t *testing.T) {
	recs := load(t, "NMC-60-abridged.csv", V6)
	if len(recs) != 15951 {
		t.Errorf("v6 rows = %d, want 15951", len(recs))
	}
	usa := find(recs, 2, 1816)
	want := Record{Abb: "USA", CCode: 2, Year: 1816, MilEx: 3823, MilPer: 17, IrSt: 80, PEC: 254, TPop: 8659, UPop: 101, CINC: .039697491}
	if usa == nil || *usa != want {
		t.Errorf("USA 1816 = %+v, want %+v", usa, want)
	}
	// oracles.md section 6: CINC 1936 and 1938 values.
	for _, c := range []struct {
		ccode, year int
		cinc        float64
	}{{200, 1936, .076583385}, {255, 1936, .11511528}, {365, 1936, .1481709}, {255, 1938, .15422215}, {365, 1938, .16435921}} {
		if r := find(recs, c.ccode, c.year); r == nil || r.CINC != c.cinc {
			t.Errorf("CINC %d %d = %+v, want %v", c.ccode, c.year, r, c.cinc)
		}
	}
	// -9 is missing (NaN), never 0; a real 0 stays 0.
	bhm := find(recs, 31, 1993)
	if bhm == nil || !math.IsNaN(bhm.MilEx) || bhm.IrSt != 0 {
		t.Errorf("Bahamas 1993 = %+v, want MilEx NaN and IrSt 0", bhm)
	}
	nan := 0
	for _, r := range recs {
		for _, x := range []float64{r.MilEx, r.MilPer, r.IrSt, r.PEC, r.TPop, r.UPop} {
			if math.IsNaN(x) {
				nan++
			}
		}
	}
	if nan == 0 {
		t.Error("no missing components found; -9 not mapped to NaN")
	}
}

func TestRealV5(t *testing.T) {
	recs := load(t, "NMC_5_0.csv", V5)
	if len(recs) != 15171 {
		t.Errorf("v5 rows = %d, want 15171", len(recs))
	}
	if r := find(recs, 2, 1816); r == nil || r.Abb != "USA" || r.CINC != .0396975 {
		t.Errorf("USA 1816 v5 = %+v", r)
	}
	if r := find(recs, 200, 1936); r == nil || math.Abs(r.CINC-.076583385) > 5e-8 {
		t.Errorf("UKG 1936 v5 = %+v", r)
	}
}

// TestVersionDetection gives each real file to the other version's reader.
func TestVersionDetection(t *testing.T) {
	_, err := Load(sharedata.Path(t, "cow_nmc/NMC-60-abridged.csv"), V5)
	testutil.WantError(t, err, `NMC-60-abridged.csv:2: version: expected "2011" (NMC 5.0 (NMC_5_0.csv)), got "2021"`)
	_, err = Load(sharedata.Path(t, "cow_nmc/NMC_5_0.csv"), V6)
	testutil.WantError(t, err, `NMC_5_0.csv:2: version: expected "2021" (NMC 6.0 (NMC-60-abridged.csv)), got "2011"`)
	// A header from another COW file.
	b, err := os.ReadFile(sharedata.Path(t, "cow_state_system/system2016.csv"))
	if err != nil {
		t.Fatal(err)
	}
	err = Read(strings.NewReader(string(b)), "system2016.csv", V6, func(Record) error { return nil })
	testutil.WantError(t, err, `system2016.csv:1: header: expected NMC 6.0 (NMC-60-abridged.csv), but the header lacks columns "milex", "milper", "irst", "pec", "tpop", and 2 more`)
}

func TestBadRows(t *testing.T) {
	testutil.BadRows(t, ",", []testutil.BadRow{
		{File: "NMC-60-abridged.csv", Column: "year", Line: 2, Value: "18x6", Want: `NMC-60-abridged.csv:2: year: expected a year, got "18x6"`},
		{File: "NMC-60-abridged.csv", Column: "milex", Line: 3, Value: "-5", Want: `NMC-60-abridged.csv:3: milex: expected a non-negative number or -9, got "-5"`},
		{File: "NMC-60-abridged.csv", Column: "cinc", Line: 2, Value: "1.5", Want: `NMC-60-abridged.csv:2: cinc: expected a CINC share between 0 and 1, got "1.5"`},
		{File: "NMC-60-abridged.csv", Column: "tpop", Line: 3, Value: "NA", Want: `NMC-60-abridged.csv:3: tpop: expected a number, got "NA"`},
		{File: "NMC-60-abridged.csv", Column: "ccode", Line: 2, Value: "", Want: `NMC-60-abridged.csv:2: ccode: expected a COW country code, got ""`},
	}, func(_, in string) error {
		return Read(strings.NewReader(in), "NMC-60-abridged.csv", V6, func(Record) error { return nil })
	})
	if _, err := Load("testdata/NMC_5_0.csv", V5); err != nil {
		t.Error(err)
	}
}

func FuzzNMC(f *testing.F) {
	for _, file := range []string{"NMC-60-abridged.csv", "NMC_5_0.csv"} {
		in := testutil.ReadFixture(f, "testdata/"+file)
		f.Add([]byte(in), file == "NMC_5_0.csv")
		f.Add([]byte(strings.ReplaceAll(in, "1", "-")), false)
	}
	f.Fuzz(func(t *testing.T, data []byte, v5 bool) {
		v := V6
		if v5 {
			v = V5
		}
		Read(strings.NewReader(string(data)), "fuzz.csv", v, func(Record) error { return nil })
	})
}

func BenchmarkLoadV6(b *testing.B) {
	p := sharedata.Path(b, "cow_nmc/NMC-60-abridged.csv")
	for b.Loop() {
		if _, err := Load(p, V6); err != nil {
			b.Fatal(err)
		}
	}
}
