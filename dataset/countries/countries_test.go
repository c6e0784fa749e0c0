package countries_test

import (
	"testing"

	"github.com/entente/entente/dataset/countries"
	"github.com/entente/entente/dataset/idealpoints"
	"github.com/entente/entente/internal/sharedata"
)

// TestAgreesWithIdealPoints checks the table against every ccode/iso3c pair
// of the ideal-point file, which is where it came from. The file's one
// known error is skipped: it labels the Yemen People's Republic (680) "YAR".
func TestAgreesWithIdealPoints(t *testing.T) {
	recs, err := idealpoints.Load(sharedata.Path(t, "unga_ideal_points/IdealpointsJuly2025.csv"))
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, r := range recs {
		if r.ISO3 == "" || r.ISO3 == "YAR" && r.CCode == 680 {
			continue
		}
		got, ok := countries.ISO3ToCOW(r.ISO3, r.Year)
		if !ok || got != r.CCode {
			t.Errorf("ISO3ToCOW(%q, %d) = %d, %v; ideal points say %d", r.ISO3, r.Year, got, ok, r.CCode)
		}
		checked++
	}
	if checked < 11000 {
		t.Errorf("only %d pairs checked", checked)
	}
}

func TestTimedCodes(t *testing.T) {
	tests := []struct {
		iso3 string
		year int
		want int
		ok   bool
	}{
		{"DEU", 1900, 255, true}, {"DEU", 1960, 260, true}, {"DEU", 1989, 260, true}, {"DEU", 1990, 255, true},
		{"DDR", 1960, 265, true},
		{"YEM", 1980, 678, true}, {"YEM", 1990, 679, true}, {"YAR", 1980, 678, true}, {"YMD", 1980, 680, true},
		{"SUN", 1980, 365, true}, {"RUS", 1992, 365, true},
		{"CSK", 1992, 315, true}, {"CZE", 1993, 316, true}, {"SVK", 1993, 317, true},
		{"YUG", 1991, 345, true}, {"SRB", 2010, 345, true},
		{"USA", 1816, 2, true}, {"XKX", 2010, 347, true}, {"OWID_KOS", 2010, 347, true},
		{"WLD", 2000, 0, false}, {"HKG", 2000, 0, false}, {"", 2000, 0, false},
	}
	for _, tt := range tests {
		got, ok := countries.ISO3ToCOW(tt.iso3, tt.year)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ISO3ToCOW(%q, %d) = %d, %v; want %d, %v", tt.iso3, tt.year, got, ok, tt.want, tt.ok)
		}
	}
	if !countries.IsAggregate("WLD") || countries.IsAggregate("HKG") || countries.IsAggregate("USA") {
		t.Error("IsAggregate wrong")
	}
}
