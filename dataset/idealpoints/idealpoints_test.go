package idealpoints

import (
	"math"
	"strings"
	"testing"

	"github.com/entente/entente/dataset/internal/testutil"
	"github.com/entente/entente/internal/sharedata"
)

func TestReal(t *testing.T) {
	recs, err := Load(sharedata.Path(t, "unga_ideal_points/IdealpointsJuly2025.csv"))
	testutil.WantRows(t, err, len(recs), 11440) // SOURCE.md
	usa := recs[0]
	if usa.CCode != 2 || usa.ISO3 != "USA" || usa.Year != 1946 || usa.FP != 1.663375 || usa.All != 1.887774 ||
		usa.Legacy != 1.67635 || usa.NVotesFP != 25 || usa.NVotesLegacy != 42 || usa.FPQuantiles.Q100 != 3.252464 {
		t.Errorf("first row = %+v", usa)
	}
	missingFP, missingAll, civ := 0, 0, ""
	for _, r := range recs {
		if math.IsNaN(r.FP) {
			missingFP++
			if r.NVotesFP != -1 {
				t.Errorf("%d %d: FP missing but nvotesfp %d", r.CCode, r.Year, r.NVotesFP)
			}
		}
		if math.IsNaN(r.All) {
			missingAll++
		}
		if r.CCode == 437 {
			civ = r.Name
		}
		checkOrder(t, r, r.FPQuantiles)
		checkOrder(t, r, r.AllQuantiles)
	}
	// Empty cells per SOURCE.md's column profile: 19 idealpointfp, 208 idealpointall.
	if missingFP != 19 || missingAll != 208 {
		t.Errorf("missing FP %d, All %d; want 19, 208", missingFP, missingAll)
	}
	if civ != "Côte d’Ivoire" {
		t.Errorf("CIV name = %q", civ)
	}
}

// checkOrder verifies Q0 <= Q5 <= ... <= Q100 where present, which is what
// justifies reading the "QO%" column as the minimum.
func checkOrder(t *testing.T, r Record, q Quantiles) {
	t.Helper()
	qs := []float64{q.Q0, q.Q5, q.Q10, q.Q50, q.Q90, q.Q95, q.Q100}
	for i := 1; i < len(qs); i++ {
		if qs[i] < qs[i-1] {
			t.Fatalf("%d %d: quantiles out of order %v", r.CCode, r.Year, qs)
		}
	}
}

func TestFixture(t *testing.T) {
	recs, err := Load("testdata/IdealpointsJuly2025.csv")
	if err != nil {
		t.Fatal(err)
	}
	civ := recs[1]
	if civ.Name != "Côte d’Ivoire" || !math.IsNaN(civ.All) || civ.NVotesAll != -1 || civ.FP != -0.5 || !math.IsNaN(civ.AllQuantiles.Q50) {
		t.Errorf("fixture row 2 = %+v", civ)
	}
	if repairUTF8("Plain") != "Plain" || repairUTF8("Côte") != "Côte" {
		t.Error("repairUTF8 changed correct text")
	}
}

func TestBadRows(t *testing.T) {
	testutil.BadRows(t, ",", []testutil.BadRow{
		{File: "IdealpointsJuly2025.csv", Column: "year", Line: 2, Value: "19x6", Want: `IdealpointsJuly2025.csv:2: year: expected a year, got "19x6"`},
		{File: "IdealpointsJuly2025.csv", Column: "idealpointfp", Line: 3, Value: "high", Want: `IdealpointsJuly2025.csv:3: idealpointfp: expected a number, got "high"`},
		{File: "IdealpointsJuly2025.csv", Column: "nvotesfp", Line: 2, Value: "-3", Want: `IdealpointsJuly2025.csv:2: nvotesfp: expected a vote count, got "-3"`},
		{File: "IdealpointsJuly2025.csv", Column: "ccode", Line: 3, Value: "", Want: `IdealpointsJuly2025.csv:3: ccode: expected a COW country code, got ""`},
	}, func(_, in string) error { return read(in) })
}

func read(in string) error {
	return Read(strings.NewReader(in), "IdealpointsJuly2025.csv", func(Record) error { return nil })
}

func TestOlderReleaseRefused(t *testing.T) {
	in := `ccode,session,nvotes,idealpoint,ci5,ci10,ci50,ci90,ci95,year,countryabb,countryname` + "\n"
	err := Read(strings.NewReader(in), "Idealpoints_1946-2018_with_pctagree.csv", func(Record) error { return nil })
	testutil.WantError(t, err, `Idealpoints_1946-2018_with_pctagree.csv:1: header: expected the BSV ideal points, July 2025 release (IdealpointsJuly2025), but the header lacks columns "iso3c", "idealpointfp", "idealpointall", "idealpointlegacy", "nvotesfp", and 16 more`)
}

func FuzzIdealPoints(f *testing.F) {
	in := testutil.ReadFixture(f, "testdata/IdealpointsJuly2025.csv")
	f.Add([]byte(in))
	f.Add([]byte(strings.ReplaceAll(in, "1", "")))
	f.Fuzz(func(t *testing.T, data []byte) { read(string(data)) })
}

func BenchmarkLoad(b *testing.B) {
	p := sharedata.Path(b, "unga_ideal_points/IdealpointsJuly2025.csv")
	for b.Loop() {
		if _, err := Load(p); err != nil {
			b.Fatal(err)
		}
	}
}
