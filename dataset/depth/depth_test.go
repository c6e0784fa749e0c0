package depth

import (
	"math"
	"strings"
	"testing"

	"github.com/entente/entente/dataset/internal/testutil"
	"github.com/entente/entente/internal/sharedata"
)

func TestReal(t *testing.T) {
	recs, err := Load(sharedata.Path(t, "alliance_depth_benson_clinton/AllianceDataScoreJCR_RR.csv"))
	testutil.WantRows(t, err, len(recs), 492) // SOURCE.md
	first := recs[0]
	if first.Label != "phi_1_1" || first.ATOPID != 1040 || first.PotMilCapacity != -0.958 || first.Depth != 1.537 || first.Scope != 2.738 || first.Index != 1 {
		t.Errorf("first row = %+v", first)
	}
	if v, ok := first.Indicator("s2un"); !ok || !math.IsNaN(v) {
		t.Errorf("s2un NA read as %v", v)
	}
	if v, _ := first.Indicator("defenseatop"); v != 1 {
		t.Errorf("defenseatop = %v", v)
	}
	na := 0
	for _, r := range recs {
		if v, _ := r.Indicator("s2un"); math.IsNaN(v) {
			na++
		}
	}
	if na != 225 { // column profile: 225 NA in s2un
		t.Errorf("NA s2un = %d, want 225", na)
	}
	if _, ok := first.Indicator("nonsense"); ok {
		t.Error("unknown indicator found")
	}
}

func TestBadRows(t *testing.T) {
	testutil.BadRows(t, ",", []testutil.BadRow{
		{File: "AllianceDataScoreJCR_RR.csv", Column: "atopid", Line: 2, Value: "x", Want: `AllianceDataScoreJCR_RR.csv:2: atopid: expected an ATOP alliance id, got "x"`},
		{File: "AllianceDataScoreJCR_RR.csv", Column: "Depth.score", Line: 3, Value: "deep", Want: `AllianceDataScoreJCR_RR.csv:3: Depth.score: expected a number, got "deep"`},
	}, func(_, in string) error { return read(in) })
	recs, err := Load("testdata/AllianceDataScoreJCR_RR.csv")
	if err != nil || recs[1].Depth != -0.5 || !math.IsNaN(recs[1].Indicators[len(IndicatorNames)-1]) {
		t.Errorf("fixture: %v %+v", err, recs)
	}
}

func read(in string) error {
	return Read(strings.NewReader(in), "AllianceDataScoreJCR_RR.csv", func(Record) error { return nil })
}

func TestWrongFile(t *testing.T) {
	in := "atopid,cowid,cow4id,member\n1005,,,200\n"
	err := Read(strings.NewReader(in), "atop5_1m.csv", func(Record) error { return nil })
	if err == nil || !strings.HasPrefix(err.Error(), `atop5_1m.csv:1: header: expected Benson and Clinton's alliance scores (AllianceDataScoreJCR_RR), but the header lacks columns "", "PotMilCapacity.score"`) {
		t.Errorf("error = %v", err)
	}
}

func FuzzDepth(f *testing.F) {
	in := testutil.ReadFixture(f, "testdata/AllianceDataScoreJCR_RR.csv")
	f.Add([]byte(in))
	f.Add([]byte(strings.ReplaceAll(in, "1", "NA")))
	f.Fuzz(func(t *testing.T, data []byte) { read(string(data)) })
}
