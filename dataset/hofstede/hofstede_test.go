package hofstede

import (
	"encoding/csv"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/entente/entente/dataset/internal/testutil"
	"github.com/entente/entente/internal/sharedata"
)

const file = "hofstede/6-dimensions-for-website-2015-08-16.csv"

// TestReal checks the counts stated in hofstede/SOURCE.md (110 rows, 78
// with the four original dimensions) and known scores.
func TestReal(t *testing.T) {
	rows, err := Load(sharedata.Path(t, file))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 110 {
		t.Errorf("%d rows, want 110", len(rows))
	}
	four := 0
	by := map[string]Scores{}
	for _, r := range rows {
		by[r.Code] = r
		if !math.IsNaN(r.PDI) && !math.IsNaN(r.IDV) && !math.IsNaN(r.MAS) && !math.IsNaN(r.UAI) {
			four++
		}
	}
	if four != 78 {
		t.Errorf("%d rows with the four original dimensions, want 78", four)
	}
	for _, tc := range []struct {
		code string
		want [6]float64
	}{
		{"GER", [6]float64{35, 67, 66, 65, 83, 40}},
		{"USA", [6]float64{40, 91, 62, 46, 26, 68}},
		{"GRE", [6]float64{60, 35, 57, 112, 45, 50}},
	} {
		if got := by[tc.code].Dimensions(); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.code, got, tc.want)
		}
	}
	if a := by["ALB"]; !math.IsNaN(a.PDI) || a.LTO != 61 {
		t.Errorf("Albania %+v: #NULL! must be NaN", a)
	}
}

// TestCOWCodes checks that every mapped code is a COW code of a state
// whose name matches, and that only regions, parts of countries and
// territories are unmapped.
func TestCOWCodes(t *testing.T) {
	rows, err := Load(sharedata.Path(t, file))
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(sharedata.Path(t, "cow_state_system/COW-country-codes.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	known := map[int]bool{}
	for _, r := range recs[1:] {
		c, _ := strconv.Atoi(r[1])
		known[c] = true
	}
	unmapped := map[string]bool{"AFE": true, "AFW": true, "ARA": true, "BEF": true, "BEN": true, "CAF": true,
		"GEE": true, "HOK": true, "PUE": true, "SAW": true, "SWF": true, "SWG": true}
	seen := map[int]string{}
	for _, r := range rows {
		c, ok := COW(r.Code)
		switch {
		case !ok && !unmapped[r.Code]:
			t.Errorf("%s (%s) has no COW code", r.Code, r.Country)
		case ok && unmapped[r.Code]:
			t.Errorf("%s (%s) is a region or part but maps to %d", r.Code, r.Country, c)
		case ok && !known[c]:
			t.Errorf("%s maps to %d, not a COW code", r.Code, c)
		case ok && seen[c] != "":
			t.Errorf("%s and %s both map to %d", r.Code, seen[c], c)
		}
		if ok {
			seen[c] = r.Code
		}
	}
}

func TestBadRows(t *testing.T) {
	testutil.BadRows(t, ";", []testutil.BadRow{
		{File: "6-dimensions.csv", Column: "pdi", Line: 2, Value: "-3", Want: `6-dimensions.csv:2: pdi: expected a score from 0 to 150 or #NULL!, got "-3"`},
		{File: "6-dimensions.csv", Column: "ivr", Line: 3, Value: "NULL", Want: `6-dimensions.csv:3: ivr: expected a number, got "NULL"`},
		{File: "6-dimensions.csv", Column: "ctr", Line: 4, Value: "ALBA", Want: `6-dimensions.csv:4: ctr: expected a three-letter code, got "ALBA"`},
	}, func(_, in string) error {
		return Read(strings.NewReader(in), "6-dimensions.csv", func(Scores) error { return nil })
	})
	err := Read(strings.NewReader("ctr,country,pdi\nGER,Germany,35\n"), "x.csv", func(Scores) error { return nil })
	testutil.WantError(t, err, `x.csv:1: header: expected Hofstede's six dimensions (6-dimensions-for-website-2015-08-16.csv), but the header lacks columns "ctr", "country", "pdi", "idv", "mas", and 3 more`)
}

func FuzzHofstede(f *testing.F) {
	in := testutil.ReadFixture(f, "testdata/6-dimensions.csv")
	f.Add([]byte(in))
	f.Add([]byte(strings.ReplaceAll(in, "#NULL!", "")))
	f.Fuzz(func(t *testing.T, data []byte) {
		Read(strings.NewReader(string(data)), "fuzz.csv", func(Scores) error { return nil })
	})
}
