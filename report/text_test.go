package report

import (
	"bytes"
	"math"
	"testing"
)

// The decade table leaves out empty decades and prints missing figures
// as "-".
func TestWriteDecadesText(t *testing.T) {
	nan := math.NaN()
	gaps := []Gap{
		{Hub: 2, Decade: 1980, Votes: "all", Allies: 0.5, Others: 0.25, AlliesMinusOthers: 0.25, Years: 10,
			AsymmetricAllies: nan, SymmetricAllies: nan, AsymmetricMinusSymmetric: nan},
		{Hub: 2, Decade: 2020, Votes: "all"},
	}
	var b bytes.Buffer
	if err := WriteDecadesText(&b, gaps); err != nil {
		t.Fatal(err)
	}
	want := "HUB            VOTES  DECADE  YEARS  ALLIES  OTHERS  DIFF   SPLIT-YEARS  ASYMMETRIC  SYMMETRIC  DIFF\n" +
		"United States  all    1980s   10     0.500   0.250   0.250  0            -           -          -\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	if js := DecadesJSON(gaps); len(js) != 2 || js[0]["hub_name"] != "United States" {
		t.Errorf("DecadesJSON: %v", js)
	}
}
